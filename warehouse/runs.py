"""The runs table: one row per flow run, started as 'running' and finished with
its outcome and counts (a row left 'running' is a run that never finished)."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from warehouse.queries import load
from warehouse.records import WarehouseError


def start_run(con, flow: str, parameters: dict[str, Any], now: dt.datetime) -> int:
    """Record a run of `flow` started `now`; returns its id."""
    # sort_keys: equal parameters are equal JSON text; default=str: dates, paths.
    encoded = json.dumps(parameters, default=str, sort_keys=True)
    return con.execute(load("start_run"), [flow, encoded, now]).fetchone()[0]


def finish_run(
    con,
    run_id: int,
    now: dt.datetime,
    *,
    outcome: str,
    documents_fetched: int,
    bulletins_loaded: int,
    checks_failed: int,
    message: str | None = None,
) -> None:
    """Record how run `run_id` ended; WarehouseError when there is no such run."""
    updated = con.execute(
        load("finish_run"),
        {
            "run_id": run_id,
            "now": now,
            "outcome": outcome,
            "documents_fetched": documents_fetched,
            "bulletins_loaded": bulletins_loaded,
            "checks_failed": checks_failed,
            "message": message,
        },
    ).fetchall()
    if not updated:
        raise WarehouseError(f"no run with id {run_id}")
