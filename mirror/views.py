"""What a document states about one bulletin: the renderers' input.

A `DayView` is a reference day as a page shows it; fault injection changes it (a total as
text "12O", a date in the future) without the renderers knowing. `era` is the real report
date, which decides the layout, labels and wording; `date` is the date the page states."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from typing import NamedTuple

from mirror.labels import UNKNOWN
from mirror.reference import ReferenceDay

LAYOUTS = ("table", "classes", "labels")


class Line(NamedTuple):
    """One category as a document shows it (total/delta may be text when faulted). A tuple:
    a history has some 24,000 of them to build quickly."""

    category: str
    total: int | str
    delta: int | str | None
    qualifier: str | None = None  # "about" | "more"


@dataclass(frozen=True, slots=True)
class DayView:
    date: dt.date  # the date the document states
    lines: tuple[Line, ...]
    era: dt.date  # the real report date: layout and wording follow it
    pow: int | None = None
    direction: str | None = None

    def line(self, category: str) -> Line | None:
        return next((li for li in self.lines if li.category == category), None)

    def delta(self, category: str) -> int:
        """The increase of `category` as a number (0 when absent or not a number)."""
        line = self.line(category)
        return line.delta if line is not None and isinstance(line.delta, int) else 0

    def total(self, category: str) -> int:
        line = self.line(category)
        return line.total if line is not None and isinstance(line.total, int) else 0


def day_view(day: ReferenceDay) -> DayView:
    lines = tuple(
        Line(name, fig.total, fig.delta, fig.qualifier) for name, fig in day.figures.items()
    )
    return DayView(day.date, lines, day.date, day.pow, day.direction)


def with_unknown(view: DayView, layout: str | None) -> tuple[Line, ...]:
    """The lines a page lists: the `labels` layout adds a category no parser knows."""
    if layout == "labels":
        return (*view.lines, Line(UNKNOWN, 3, 1))
    return view.lines


def in_order(view: DayView, order: Sequence[str]) -> DayView:
    """`view` with its lines in a site's order (lines it has no place for go last)."""
    rank = {name: i for i, name in enumerate(order)}
    lines = sorted(view.lines, key=lambda li: rank.get(li.category, len(rank)))
    return DayView(view.date, tuple(lines), view.era, view.pow, view.direction)


@dataclass(frozen=True, slots=True)
class Link:
    """An item of a listing, a sidebar or a related-news block, as the page writes it."""

    href: str
    title: str
    when: str  # the page's own rendering of the publication time


def text(value: str) -> str:
    """`value` escaped for element content (quotes stay as they are)."""
    return escape(value, quote=False)
