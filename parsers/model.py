"""Typed records every parser returns and every other layer consumes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

Source = Literal["mod", "minfin", "api", "text"]
Lang = Literal["uk", "en", "ru"]
Qualifier = Literal["about", "more", "up_to"]

SOURCES: tuple[str, ...] = ("mod", "minfin", "api", "text")
LANGS: tuple[str, ...] = ("uk", "en", "ru")


@dataclass(frozen=True, slots=True)
class Figure:
    """One category of one bulletin."""

    total: int
    # The increase the document states; None when it states none (an omitted
    # increase in a format where omission means zero is parsed as 0, not None).
    delta: int | None
    # "about" ("близько", "около"), "more" ("понад", "более") or "up_to" ("до 540", February
    # 2022); None when exact.
    qualifier: Qualifier | None = None

    @property
    def approximate(self) -> bool:
        return self.qualifier is not None


@dataclass(frozen=True, slots=True)
class Bulletin:
    """The figures of one report date as one document states them."""

    date: dt.date | None
    source: str
    lang: str
    figures: Mapping[str, Figure]
    # Problems that make this bulletin incomplete (an unknown label, a number
    # that cannot be read). Each names the label or text it is about.
    errors: tuple[str, ...] = field(default=())

    @property
    def losses_date(self) -> dt.date | None:
        """The day the increases happened: the bulletin of the morning of D reports the
        losses of D-1 ("Втрати ворога за D-1"); None when undated."""
        return self.date - dt.timedelta(days=1) if self.date else None

    def to_json(self) -> dict:
        """The shape of `losses parse --json` (a stable contract: keys are only added)."""
        losses_date = self.losses_date
        return {
            "date": self.date.isoformat() if self.date else None,
            "losses_date": losses_date.isoformat() if losses_date else None,
            "source": self.source,
            "lang": self.lang,
            "figures": {
                name: {
                    "total": fig.total,
                    "delta": fig.delta,
                    "approximate": fig.approximate,
                    "qualifier": fig.qualifier,
                }
                for name, fig in self.figures.items()
            },
            "errors": list(self.errors),
        }


class ParseError(ValueError):
    """No bulletin could be read from a document; the message says why."""


class NotABulletin(ParseError):
    """A readable page that holds no bulletin: another news item, including one whose
    headline mentions losses. A crawler notes it and moves on."""


class ChallengePage(ParseError):
    """An anti-bot interstitial (a Cloudflare "Just a moment..." check) answered instead
    of the page: nothing about the page can be told from it."""
