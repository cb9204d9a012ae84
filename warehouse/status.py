"""The warehouse at a glance, for `losses status`: per source its dates, documents
and check rows by status, what is unchecked or quarantined, the last run, and every
run still running (named, with its process, so that a stuck one can be found)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from warehouse.bodies import BodyStore
from warehouse.integrity import missing_packs
from warehouse.migrations import current_version
from warehouse.queries import load
from warehouse.runs import process_gone

SOURCE_KEYS = ("source", "first_date", "last_date", "dates", "revised_dates")
QUARANTINED_KEYS = ("document_id", "url", "error")
RUN_KEYS = (
    "run_id",
    "flow",
    "started_at",
    "finished_at",
    "outcome",
    "documents_fetched",
    "bulletins_loaded",
    "checks_failed",
    "message",
    "pid",
    "host",
)


RUNNING_KEYS = ("run_id", "flow", "parameters", "started_at", "pid", "host", "last_fetched_at")


def _running(row: tuple, now: dt.datetime) -> dict[str, Any]:
    run = dict(zip(RUNNING_KEYS, row, strict=True))
    run["parameters"] = json.loads(run["parameters"]) if run["parameters"] else {}
    run["running_seconds"] = round((now - run["started_at"]).total_seconds(), 1)
    run["process_gone"] = process_gone(run["pid"], run["host"])
    return run


def _run(row: tuple | None) -> dict[str, Any] | None:
    if row is None:
        return None
    run = dict(zip(RUN_KEYS, row, strict=True))
    # A run 'running' whose process is gone crashed; only a writer records that.
    run["abandoned"] = run["outcome"] == "running" and process_gone(run["pid"], run["host"])
    return run


def summary(
    con, path: Path, bodies: BodyStore, now: dt.datetime, snapshot: dict | None = None
) -> dict[str, Any]:
    """Counts and dates of the warehouse at `path` (dates as date and datetime objects),
    the runs still running as of `now`, the body packs gone from disk (`losses verify`
    reads every body), and the snapshot read (None: the file itself)."""

    def rows(sql: str) -> list[tuple]:
        return con.execute(sql).fetchall()

    def count(sql: str) -> int:
        return con.execute(sql).fetchone()[0]

    last_run = con.execute(load("status_last_run")).fetchone()
    return {
        "warehouse": str(path),
        "schema_version": current_version(con),
        "sources": [
            dict(zip(SOURCE_KEYS, row, strict=True)) for row in rows(load("status_sources"))
        ],
        "documents": dict(
            rows("SELECT parse_status, count(*) FROM documents GROUP BY 1 ORDER BY 1")
        ),
        "observations": count("SELECT count(*) FROM observations"),
        "checks": dict(rows("SELECT status, count(*) FROM checks GROUP BY 1 ORDER BY 1")),
        "unchecked_dates": count("SELECT count(*) FROM bulletins WHERE is_latest AND NOT checked"),
        "quarantined": [
            dict(zip(QUARANTINED_KEYS, row, strict=True))
            for row in rows(load("status_quarantined"))
        ],
        "last_run": _run(last_run),
        "running": [_running(row, now) for row in rows(load("status_running_runs"))],
        "missing_packs": missing_packs(con, bodies),
        "snapshot": snapshot,
    }
