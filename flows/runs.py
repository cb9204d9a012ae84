"""The frame around every ingestion run: one run at a time per warehouse, a row
in `runs`, the check, the artifact, and a clear failure when the run failed.

A run holds the warehouse open from start to end: DuckDB has one writer per
file, and opening it costs ~30 ms, more than loading a batch of bulletins.
Read-only tools (`losses status`, `sql`) wait for it, saying so."""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
from collections.abc import Iterator
from pathlib import Path
from zoneinfo import ZoneInfo

from flows.ingest import IngestResult, run_check
from flows.locking import run_lock
from flows.report import MAX_LISTED, RunSummary, publish_artifact, summarize
from flows.settings import Settings
from warehouse import Warehouse, default_warehouse_path

log = logging.getLogger("losses.runs")


def resolve_warehouse(path: str | None) -> Path:
    return Path(path) if path else default_warehouse_path()


def kyiv_today(settings: Settings) -> dt.date:
    return dt.datetime.now(ZoneInfo(settings.timezone)).date()


@contextlib.contextmanager
def opened(path: Path, settings: Settings) -> Iterator[Warehouse]:
    """The warehouse, for this run alone: other runs wait for the run lock first."""
    with run_lock(path, settings.lock_wait_seconds), Warehouse.open(path) as wh:
        yield wh


def start(wh: Warehouse, flow: str, parameters: dict) -> int:
    return wh.start_run(flow, {k: str(v) for k, v in parameters.items()})


def finish(
    wh: Warehouse,
    run_id: int,
    flow: str,
    source: str,
    result: IngestResult | None,
    error: str | None,
) -> RunSummary | None:
    """Check, record and publish; returns the summary (None when the run crashed early)."""
    check = run_check(wh) if result is not None else None
    newest = wh.latest_day(source)
    summary = summarize(flow, source, result, check, newest) if result is not None else None
    if summary is not None:
        _name_documents(wh, summary.check_failures)
    failed = error is not None or (summary is not None and summary.failed)
    message = error or (summary.message() if summary else None)
    wh.finish_run(
        run_id,
        outcome="failed" if failed else "completed",
        documents_fetched=summary.tally.documents_fetched if summary else 0,
        bulletins_loaded=summary.tally.bulletins_loaded if summary else 0,
        checks_failed=len(summary.check_failures) if summary else 0,
        message=message,
    )
    if summary is not None:
        log.info(summary.headline())
        for warning in summary.tally.warnings:
            log.warning(warning)
        for line in summary.findings()[:MAX_LISTED]:
            log.warning("check: %s", line)
        publish_artifact(summary)
    return summary


def _name_documents(wh: Warehouse, rows: list[dict]) -> None:
    """Add to each check row the URL of the document its figures come from."""
    if not rows:
        return
    keys = sorted({(row["source"], row["report_date"]) for row in rows})
    found = wh.con.execute(
        "SELECT b.source, strftime(b.report_date, '%Y-%m-%d'), d.url "
        "FROM bulletins b JOIN documents d USING (document_id) "
        "JOIN (SELECT unnest(?::VARCHAR[]) AS source, unnest(?::DATE[]) AS report_date) k "
        "ON b.source = k.source AND b.report_date = k.report_date WHERE b.is_latest",
        [[k[0] for k in keys], [k[1] for k in keys]],
    ).fetchall()
    urls = {(source, date): url for source, date, url in found}
    for row in rows:
        row["url"] = urls.get((row["source"], row["report_date"]))


__all__ = ["finish", "kyiv_today", "opened", "resolve_warehouse", "start"]
