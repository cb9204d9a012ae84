"""Reading the figures as time series, for charts and the run's artifact: each
category's figures date by date, the last days of them, and how fresh each source
is (its newest bulletin, its last fetch)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from parsers.vocabulary import CATEGORY_NAMES
from warehouse.queries import load
from warehouse.records import SeriesPoint, SourceFreshness


def daily_series(
    con,
    *,
    since: dt.date | None = None,
    categories: Sequence[str] | None = None,
    source: str | None = None,
) -> dict[str, list[SeriesPoint]]:
    """{category: its points, oldest first}, categories in canonical order (one the
    vocabulary no longer knows last); only categories with a point from `since` on.
    Of `source` (latest revisions), or across sources by preference (daily_losses_long)."""
    rows = con.execute(
        load("series"),
        {
            "since": since,
            "categories": list(categories) if categories is not None else None,
            "source": source,
        },
    ).fetchall()
    series: dict[str, list[SeriesPoint]] = {}
    for category, date, total, delta, qualifier, origin in rows:
        series.setdefault(category, []).append(SeriesPoint(date, total, delta, qualifier, origin))
    order = {name: i for i, name in enumerate(CATEGORY_NAMES)}
    return dict(sorted(series.items(), key=lambda kv: (order.get(kv[0], len(order)), kv[0])))


def recent_days(con, days: int, *, source: str | None = None) -> dict[str, list[SeriesPoint]]:
    """daily_series of the last `days` calendar days up to the newest report date (of
    `source`, else of any source): {} when nothing is stored."""
    if days < 1:
        raise ValueError(f"days must be at least 1, not {days}")
    newest = con.execute(load("newest_report_date"), {"source": source}).fetchone()[0]
    if newest is None:
        return {}
    return daily_series(con, since=newest - dt.timedelta(days=days - 1), source=source)


def freshness(con) -> list[SourceFreshness]:
    """Per source (by name): its newest report date and its last fetch."""
    return [SourceFreshness(*row) for row in con.execute(load("source_freshness")).fetchall()]
