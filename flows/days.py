"""Report dates as the flows count them: today in Kyiv, ranges, and a set of dates
written for a message."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from zoneinfo import ZoneInfo


def kyiv_today(timezone: str) -> dt.date:
    """Today where the bulletins are published (settings.timezone, Europe/Kyiv)."""
    return dt.datetime.now(ZoneInfo(timezone)).date()


def date_range(start: dt.date, end: dt.date) -> set[dt.date]:
    """Every date from `start` to `end`, both included (empty when end < start)."""
    return {start + dt.timedelta(days=n) for n in range((end - start).days + 1)}


def span(dates: Iterable[dt.date]) -> str:
    """A set of dates for a message: "2024-05-24..2024-06-04 (12 days)"."""
    dates = sorted(dates)
    if not dates:
        return "no dates"
    if len(dates) == 1:
        return str(dates[0])
    return f"{dates[0]}..{dates[-1]} ({len(dates)} days)"


__all__ = ["date_range", "kyiv_today", "span"]
