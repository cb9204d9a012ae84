"""The frame around every ingestion run, whichever flow it is: one run at a time
per warehouse (the run lock), a row in `runs` from start to end, the check on what
the run loaded, the report (log lines and a Prefect artifact), and the row's
outcome, also when the run crashes.

    with run_frame("backfill", source, settings, parameters) as run:
        run.result = ingest(settings, source, wanted, today, run.wh)
    run.summary  # the check and the report are done here

A run holds the warehouse open from start to end: DuckDB has one writer per
file, and opening it costs ~30 ms, more than loading a batch of bulletins.
Read-only tools (`losses status`, `sql`) read the snapshots of what it has
committed that it publishes meanwhile (warehouse/snapshots.py)."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator
from dataclasses import dataclass

from flows import run_alerts
from flows.locking import run_lock
from flows.report import MAX_LISTED, RECENT_DAYS, RunSummary, publish_artifact, summarize
from flows.settings import Settings
from flows.sources import Source
from flows.steps import step
from flows.tally import IngestResult
from warehouse import CheckSummary, Warehouse

log = logging.getLogger("losses.runs")


@dataclass
class Run:
    """One run inside its frame: the flow sets `result`; the frame sets `summary`."""

    flow: str
    source: Source
    settings: Settings
    wh: Warehouse
    run_id: int
    result: IngestResult | None = None
    summary: RunSummary | None = None  # None when the run crashed before a result


@contextlib.contextmanager
def run_frame(
    flow: str, source: Source, settings: Settings, parameters: dict[str, object]
) -> Iterator[Run]:
    """Open the warehouse for this run alone (other runs wait for the run lock), record
    the run, and on the way out check, report and record how it ended. An exception
    (or an interruption) inside the frame is recorded as the run's failure and raised
    again."""
    path = settings.warehouse_path
    with (
        run_lock(path, settings.lock_wait_seconds),
        Warehouse.open(path, body_codec=settings.body_codec, publish_snapshots=True) as wh,
    ):
        # Holding the run lock, no other run can be going on: one left 'running' died.
        for crashed in wh.mark_abandoned_runs(all_running=True):
            log.warning("run #%d never finished (its process died): recorded as crashed", crashed)
        shown = {name: str(value) for name, value in parameters.items()}
        run = Run(flow, source, settings, wh, wh.start_run(flow, shown))
        error = None
        try:
            yield run
        except BaseException as exc:
            # A signal ends a run too (Ctrl-C; SIGTERM to a worker or `losses serve`
            # cancels its runs): not recorded as completed.
            what = ", ".join(f"{name}={value}" for name, value in shown.items())
            how = "crashed" if isinstance(exc, Exception) else "was interrupted"
            detail = f": {exc}" if str(exc) else ""
            error = f"{flow} ({what}) {how}: {type(exc).__name__}{detail}"
            raise
        finally:
            run.summary = _finish(run, error)
            run_alerts.frame_finished(run, run.summary, error, parameters)


@step("check")
def check(wh: Warehouse) -> CheckSummary:
    """The delta check on what is new in the warehouse (warehouse/checking.py)."""
    return wh.run_check()


def _finish(run: Run, error: str | None) -> RunSummary | None:
    """Check, record and publish; the summary (None when the run crashed early)."""
    wh, summary = run.wh, None
    if run.result is not None:
        newest = wh.latest_day(run.source.name)
        summary = summarize(
            run.flow,
            run.source.name,
            run.result,
            check(wh),
            newest,
            recent=wh.recent_days(RECENT_DAYS, source=run.source.name),
            warehouse=str(wh.path),
        )
        _name_documents(wh, summary.check_failures)
    failed = error is not None or (summary is not None and summary.failed)
    wh.finish_run(
        run.run_id,
        outcome="failed" if failed else "completed",
        documents_fetched=summary.tally.documents_fetched if summary else 0,
        bulletins_loaded=summary.tally.bulletins_loaded if summary else 0,
        checks_failed=len(summary.check_failures) if summary else 0,
        message=error or (summary.message() if summary else None),
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
    urls = wh.document_urls(sorted({(row["source"], row["report_date"]) for row in rows}))
    for row in rows:
        row["url"] = urls.get((row["source"], row["report_date"]))


__all__ = ["Run", "check", "run_frame"]
