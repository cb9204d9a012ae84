"""Typed records every parser returns and every other layer consumes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Literal

Qualifier = Literal["about", "more", "up_to"]


class SourceName(StrEnum):
    """Where a bulletin comes from, and the format of its documents: the one list of
    source names (members equal their strings: SourceName.MOD == "mod")."""

    MOD = "mod"  # the Ministry of Defence's sites: www.mil.gov.ua, mod.gov.ua, www.kmu.gov.ua
    MINFIN = "minfin"  # the index.minfin.com.ua aggregator
    API = "api"  # the russianwarship.rip API
    TEXT = "text"  # text saved or pasted by hand: parsed, never fetched
    # Datasets others keep, as comparison sources (each file its whole history):
    # the PetroIvaniuk dataset's two files, keyed by the report date D; its personnel file
    # is a source of its own, so that the two files never revise each other's bulletins
    # (parsers/petroivaniuk.py says why) ...
    PETROIVANIUK = "petroivaniuk"  # russia_losses_equipment.json
    PETROIVANIUK_PERSONNEL = "petroivaniuk_personnel"  # russia_losses_personnel.json
    # ... and a scraper's CSV keyed by the losses day D-1 (parsers/daycsv.py).
    DAYCSV = "daycsv"


# The sources a flow can fetch from (text has no site).
FETCHABLE_SOURCES: tuple[SourceName, ...] = (
    SourceName.MOD,
    SourceName.MINFIN,
    SourceName.API,
    SourceName.PETROIVANIUK,
    SourceName.PETROIVANIUK_PERSONNEL,
    SourceName.DAYCSV,
)


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
