"""`backfill`: bring a range of report dates of one source into the warehouse.

Resumable: documents are stored as soon as they are fetched and loaded one
transaction each, so a re-run after a crash re-parses what was stored and
fetches only what is still missing. Without `refetch`, dates already loaded
are skipped: a second run does no network I/O at all."""

from __future__ import annotations

import datetime as dt

from prefect import get_run_logger
from prefect.states import Failed, State

from flows.days import date_range, kyiv_today
from flows.flow_runs import losses_flow
from flows.ingest import ingest
from flows.report import MAX_LISTED
from flows.run_frame import run_frame
from flows.settings import Settings
from flows.sources import source_for
from parsers.errors import ConfigError, LossesError


@losses_flow("backfill")
def backfill(
    start: dt.date,
    end: dt.date,
    source: str | None = None,
    refetch: bool = False,
    base_url: str | None = None,
    warehouse: str | None = None,
) -> dict | State:
    """Load every bulletin of `source` dated `start`..`end` (inclusive).

    source: default LOSSES_BACKFILL_SOURCE, the aggregator (minfin: a month per
    request). refetch: fetch again even the dates already loaded (changed figures
    become new revisions). base_url: the root of the source (default: the real
    site, or LOSSES_<SOURCE>_URL). warehouse: DuckDB file (default:
    LOSSES_WAREHOUSE or warehouse/losses.duckdb)."""
    try:
        return _backfill(start, end, source, refetch, base_url, warehouse)
    except LossesError as error:
        # Foreseen (parameters, settings, a warehouse busy or unusable): the run fails
        # with one line, not a traceback.
        return Failed(message=str(error))


def _backfill(start, end, source, refetch, base_url, warehouse) -> dict | State:
    settings = Settings.from_env().with_warehouse(warehouse)
    name = source or settings.backfill_source
    settings = settings.with_base_url(name, base_url)
    adapter = source_for(name, settings)  # an unknown source fails here, before any work
    if start > end:
        raise ConfigError(f"start {start} is after end {end}", date=start)
    today = kyiv_today(settings.timezone)
    first = adapter.first_date
    if start < first:
        get_run_logger().info(
            "the first bulletin %s carries is of %s: starting there, not at %s",
            adapter.name,
            first,
            start,
        )
        start = first
    end = min(end, today)
    if start > end:
        raise ConfigError(
            f"no {adapter.name} bulletin is dated {start}..{end}: its first is {first}",
            date=start,
        )
    parameters = {"start": start, "end": end, "source": adapter.name, "refetch": refetch}
    with run_frame("backfill", adapter, settings, parameters) as run:
        run.result = ingest(
            settings, adapter, date_range(start, end), today, run.wh, refetch=refetch
        )
    summary = run.summary
    if summary.failed:
        # A returned Failed state ends the run failed with this message, without
        # a traceback: the failure is in the data we were given, not in our code.
        return Failed(message=summary.failure_message())
    return {
        "summary": summary.headline(),
        "missing": sorted(str(d) for d in summary.missing),
        "findings": summary.findings()[:MAX_LISTED],
        "warnings": summary.tally.warnings[:MAX_LISTED],
    }
