"""`backfill`: bring a range of report dates of one source into the warehouse.

Resumable: documents are stored as soon as they are fetched and loaded one
transaction each, so a re-run after a crash re-parses what was stored and
fetches only what is still missing. Without `refetch`, dates already loaded
are skipped: a second run does no network I/O at all."""

from __future__ import annotations

import datetime as dt

from prefect.states import Failed, State

from flows import run_alerts
from flows.flow_runs import losses_flow
from flows.jobs import backfill_job
from parsers.errors import LossesError


@losses_flow("backfill", on_failure=[run_alerts.on_failure], on_crashed=[run_alerts.on_crashed])
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
        return backfill_job(start, end, source, refetch, base_url, warehouse)
    except LossesError as error:
        # Foreseen (the data failed, parameters, settings, a warehouse busy or
        # unusable): the run fails with one line, not a traceback.
        return Failed(message=str(error))
