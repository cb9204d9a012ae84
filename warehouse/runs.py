"""The runs table: one row per flow run, started as 'running' and finished with
its outcome and counts (a row left 'running' is a run that never finished)."""

from __future__ import annotations

import datetime as dt
import json
import os
import socket
from typing import Any

from warehouse.queries import load
from warehouse.records import WarehouseError


def start_run(con, flow: str, parameters: dict[str, Any], now: dt.datetime) -> int:
    """Record a run of `flow` started `now` by this process; returns its id."""
    # sort_keys: equal parameters are equal JSON text; default=str: dates, paths.
    encoded = json.dumps(parameters, default=str, sort_keys=True)
    row = con.execute(
        load("start_run"), [flow, encoded, now, os.getpid(), socket.gethostname()]
    ).fetchone()
    return row[0]


def process_gone(pid: int | None, host: str | None) -> bool:
    """Whether the process that started a run is known to be gone (only a process on
    this host can be asked; one elsewhere, or of unknown pid, is not judged)."""
    if pid is None or host != socket.gethostname():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:  # alive, another user's
        return False
    return False


def mark_abandoned(con, now: dt.datetime, *, all_running: bool = False) -> list[int]:
    """Mark crashed the runs left 'running' whose process is gone; with `all_running`
    (the caller holds the run lock, so no other run can be going on), every one."""
    running = con.execute("SELECT run_id, pid, host FROM runs WHERE outcome = 'running'").fetchall()
    ids = [run_id for run_id, pid, host in running if all_running or process_gone(pid, host)]
    if not ids:
        return []
    return [row[0] for row in con.execute(load("mark_abandoned_runs"), [now, ids]).fetchall()]


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
