"""Content faults: how a faulted document differs from the clean one.

A `Tweaks` value is what the fault rules that fired for one request ask of the
content; the site applies it while rendering (transport faults such as resets
and status codes are the server's business, see faults.py)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
from collections.abc import Sequence
from dataclasses import dataclass

from mirror.views import DayView, Line

ABSURD_MODES = ("x100", "negative", "letters", "huge")
DEFAULT_ABSURD_CATEGORY = "tanks"
REPUBLISH_CATEGORY = "tanks"


@dataclass(frozen=True, slots=True)
class Tweaks:
    layout: str | None = None  # "table" | "classes" | "labels"
    absurd: str | None = None  # "x100" | "negative" | "letters" | "huge"
    absurd_category: str = DEFAULT_ABSURD_CATEGORY
    future_days: int = 0  # shift the stated date forward
    duplicate: bool = False  # list the bulletin twice
    shuffle: bool = False  # items out of order
    republish: bool = False  # corrected figures: one total +1 and its increase +1

    @property
    def changes_figures(self) -> bool:
        return bool(self.absurd or self.future_days or self.republish)

    def merged(self, other: Tweaks) -> Tweaks:
        """Both sets of changes (the later rule wins where they conflict)."""
        changes = {
            f.name: getattr(other, f.name)
            for f in dataclasses.fields(other)
            if getattr(other, f.name) != f.default
        }
        return dataclasses.replace(self, **changes)


def _pick(lines: Sequence[Line], category: str) -> int:
    """Index of `category`, or of the first equipment line when the day lacks it."""
    for i, line in enumerate(lines):
        if line.category == category:
            return i
    for i, line in enumerate(lines):
        if line.category != "personnel":
            return i
    return 0


def tweak_figures(view: DayView, tweaks: Tweaks, previous: DayView | None) -> DayView:
    """The day as the faulted document states it (absurd, future, republished)."""
    lines = list(view.lines)
    if tweaks.republish:
        i = _pick(lines, REPUBLISH_CATEGORY)
        line = lines[i]
        lines[i] = line._replace(
            total=_plus_one(line.total),
            delta=_plus_one(line.delta) if line.delta is not None else None,
        )
    if tweaks.absurd:
        i = _pick(lines, tweaks.absurd_category)
        line = lines[i]
        if tweaks.absurd == "x100":
            before = _previous_total(previous, line.category)
            if isinstance(before, int) and before > 0:
                total = before * 100
                lines[i] = line._replace(total=total, delta=total - before)
            elif isinstance(line.total, int):
                lines[i] = line._replace(total=line.total * 100, delta=line.total * 100)
        elif tweaks.absurd == "negative":
            delta = line.delta if isinstance(line.delta, int) and line.delta > 0 else 7
            lines[i] = line._replace(delta=-delta)
        elif tweaks.absurd == "huge":
            # Past any 64-bit integer: a number no warehouse column can hold.
            lines[i] = line._replace(total=10**30)
        elif tweaks.absurd == "letters":
            # "12O": a letter O where a digit belongs.
            lines[i] = line._replace(total=f"{str(line.total)[:-1]}O")
    date = view.date + dt.timedelta(days=tweaks.future_days)
    return dataclasses.replace(view, date=date, lines=tuple(lines))


def shuffled(items: Sequence, key: str) -> list:
    """A deterministic permutation that differs from the original order."""
    out = list(items)
    if len(out) < 2:
        return out
    rng = random.Random(key)
    while out == list(items):
        rng.shuffle(out)
    return out


def _plus_one(value: int | str) -> int | str:
    return value + 1 if isinstance(value, int) else value


def _previous_total(previous: DayView | None, category: str) -> int | str | None:
    if previous is None:
        return None
    for line in previous.lines:
        if line.category == category:
            return line.total
    return None
