"""Documents and bulletins built in code, for the warehouse tests."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from parsers.model import Bulletin, Figure
from warehouse import FetchedDocument, Warehouse

FETCHED_AT = dt.datetime(2026, 9, 1, 7, 0, tzinfo=dt.UTC)
PARSER = "test-1"


def document(
    url: str,
    body: bytes | str = b"<html></html>",
    *,
    source: str = "mod",
    status: int = 200,
    kind: str = "bulletin",
    report_date: dt.date | None = None,
    fetched_at: dt.datetime = FETCHED_AT,
) -> FetchedDocument:
    return FetchedDocument(
        source=source,
        url=url,
        fetched_at=fetched_at,
        status=status,
        content_type="text/html; charset=utf-8",
        body=body.encode() if isinstance(body, str) else body,
        report_date=report_date,
        lang="uk",
        kind=kind,
    )


def bulletin(
    date: dt.date,
    figures: Mapping[str, tuple[int, int | None]],
    *,
    source: str = "mod",
    errors: tuple[str, ...] = (),
) -> Bulletin:
    return Bulletin(
        date=date,
        source=source,
        lang="uk",
        figures={name: Figure(total, delta) for name, (total, delta) in figures.items()},
        errors=errors,
    )


def load(wh: Warehouse, *bulletins: Bulletin, url: str | None = None):
    """Store a document for the bulletins and load them; returns the LoadResult."""
    url = url or f"http://mirror/{bulletins[0].source}/{bulletins[0].date}"
    [doc_id] = wh.store_documents([document(url, f"<p>{url}</p>", source=bulletins[0].source)])
    return wh.load_document(doc_id, list(bulletins), PARSER)


def check_statuses(wh: Warehouse, source: str = "mod") -> dict[tuple[dt.date, str], str]:
    rows = wh.rows("SELECT report_date, category, status FROM checks WHERE source = ?", [source])
    return {(date, category): status for date, category, status in rows}
