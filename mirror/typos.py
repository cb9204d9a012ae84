"""The typos seeded in the mirror's copies of the datasets (mirror/datasets.py; SITES.md
"Datasets"), of the kinds public collections of these figures really carry (issue 14):
one digit changed on one day, two adjacent digits swapped on one day, a figure entered
by hand from another day's, and a dropped digit left in place for four months. The MoD
sites, the aggregator and the API stay clean.

`SEEDED_TYPOS` lists each (source, report date, category) whose published value differs
from the reference, with both values: the data the tests and the reconciliation are
judged against. Deterministic: fixed dates, fixed values."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Sequence
from typing import NamedTuple

from mirror.reference import ReferenceDay, load_reference
from parsers.model import SourceName

_D = dt.date


class SeededTypo(NamedTuple):
    source: str
    report_date: dt.date  # the bulletin's date D (the CSV's row is dated D-1)
    category: str
    published: int  # what the mirror's copy says
    true: int  # what the reference (and every other source) says
    kind: str  # digit | transposition | by_hand | dropped_digit


# One day each; `true` is the reference's value that day (tests check it).
ONE_DAY: tuple[SeededTypo, ...] = (
    # 5,439 tanks written 5,639: one digit changed, the next day back to the truth.
    SeededTypo(SourceName.PETROIVANIUK, _D(2023, 11, 20), "tanks", 5639, 5439, "digit"),
    # 963,270 personnel written 963,720: the 2 and the 7 swapped.
    SeededTypo(
        SourceName.PETROIVANIUK_PERSONNEL,
        _D(2025, 5, 9),
        "personnel",
        963720,
        963270,
        "transposition",
    ),
    # 129,160 drones entered by hand as 239,260: not one edit away.
    SeededTypo(SourceName.DAYCSV, _D(2026, 2, 10), "uav", 239260, 129160, "by_hand"),
)


class LeftInPlace(NamedTuple):
    """A dropped digit on `first` (`published` for `true`), and each of the next `days`-1
    totals written as the true one plus the same error: the copy went on adding each
    day's increase to the wrong figure, so every increase but the first and the last is
    right and nothing in the copy alone looks wrong."""

    source: str
    category: str
    first: dt.date
    days: int
    published: int
    true: int


# 20,454 armoured combat vehicles written 2,054 (its 4 dropped), for 120 days.
LEFT_IN_PLACE = LeftInPlace(
    SourceName.DAYCSV, "armoured_combat_vehicles", _D(2025, 1, 20), 120, 2054, 20454
)


def seeded_typos(days: Sequence[ReferenceDay]) -> list[SeededTypo]:
    """Every seeded (source, date, category) of a history, by source then date (the true
    values from `days`; dates it does not serve are left out)."""
    by_date = {day.date: day for day in days}
    found: list[SeededTypo] = []
    for typo in ONE_DAY:
        day = by_date.get(typo.report_date)
        if day is not None and typo.category in day.figures:
            found.append(typo._replace(true=day.figures[typo.category].total))
    spec = LEFT_IN_PLACE
    error = spec.published - spec.true
    for offset in range(spec.days):
        date = spec.first + dt.timedelta(days=offset)
        day = by_date.get(date)
        if day is None or spec.category not in day.figures:
            continue
        true = day.figures[spec.category].total
        found.append(
            SeededTypo(spec.source, date, spec.category, true + error, true, "dropped_digit")
        )
    return sorted(found, key=lambda t: (t.source, t.report_date, t.category))


@functools.cache
def _on_the_reference() -> tuple[SeededTypo, ...]:
    return tuple(seeded_typos(load_reference()))


def __getattr__(name: str) -> object:
    # SEEDED_TYPOS is built from the reference on first use, not when the mirror is imported.
    if name == "SEEDED_TYPOS":
        return list(_on_the_reference())
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
