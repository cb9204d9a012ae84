"""Looking bulletins up by what they state, for a text to be dated and judged by
(`losses factcheck`): which report dates the warehouse covers, and which bulletins
state given figures. Both read daily_losses_long (the preferred source, date by date)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from warehouse.queries import load


def covered_dates(con, start: dt.date, end: dt.date) -> set[dt.date]:
    """The report dates from `start` to `end` (inclusive) with figures of any source."""
    rows = con.execute(load("covered_dates"), {"start": start, "end": end}).fetchall()
    return {date for (date,) in rows}


def bulletins_stating(
    con, figures: Sequence[tuple[str, int]]
) -> list[tuple[dt.date, str, int, bool, bool]]:
    """For (category, value) pairs: (report date, category, value, as its total, as its
    increase) of every bulletin whose total or increase of the category is the value."""
    if not figures:
        return []
    categories = [category for category, _ in figures]
    values = [value for _, value in figures]
    return con.execute(
        load("bulletins_stating"), {"categories": categories, "values": values}
    ).fetchall()
