"""Reading stored bulletins: which dates a source has, its newest day's figures,
and the documents figures came from."""

from __future__ import annotations

import datetime as dt

from parsers.vocabulary import CATEGORY_NAMES
from warehouse.queries import load

# {category: (total, increase, qualifier)} of one report date.
Figures = dict[str, tuple[int, int | None, str | None]]


def loaded_dates(con, source: str, start: dt.date, end: dt.date) -> set[dt.date]:
    """The report dates of `source` stored between `start` and `end` (inclusive)."""
    return {date for (date,) in con.execute(load("loaded_dates"), [source, start, end]).fetchall()}


def last_report_date(con, source: str) -> dt.date | None:
    """The newest report date of `source` (None: nothing stored)."""
    return con.execute(
        "SELECT max(report_date) FROM bulletins WHERE source = ?", [source]
    ).fetchone()[0]


def latest_day(con, source: str | None = None) -> tuple[dt.date, Figures] | None:
    """The newest report date and its figures in canonical category order: of
    `source` (latest revision), or across sources by preference (daily_losses_long)."""
    if source is None:
        rows = con.execute(load("latest_day")).fetchall()
    else:
        rows = con.execute(load("latest_day_of_source"), {"source": source}).fetchall()
    if not rows:
        return None
    figures = {category: (total, delta, qualifier) for _, category, total, delta, qualifier in rows}
    order = {name: i for i, name in enumerate(CATEGORY_NAMES)}
    # A category the vocabulary no longer knows sorts last rather than failing.
    return rows[0][0], dict(sorted(figures.items(), key=lambda kv: order.get(kv[0], 99)))


def document_urls(con, keys: list[tuple[str, str]]) -> dict[tuple[str, str], str]:
    """For (source, 'YYYY-MM-DD') keys: the URL of the document the date's latest
    revision came from. Keys with nothing stored are left out."""
    if not keys:
        return {}
    sources, dates = ([key[i] for key in keys] for i in (0, 1))
    rows = con.execute(load("document_urls"), [sources, dates]).fetchall()
    return {(source, date): url for source, date, url in rows}
