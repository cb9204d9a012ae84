"""Opening the DuckDB file: wait while another process holds it, migrate, and
keep the vocabulary tables in step with parsers/vocabulary.py."""

from __future__ import annotations

import hashlib
import logging
import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from parsers.vocabulary import CATEGORIES, MERGES
from warehouse.columns import columns
from warehouse.gate import passing
from warehouse.migrations import LATEST_VERSION, current_version, migrate
from warehouse.queries import load
from warehouse.records import WarehouseBusy, WarehouseError
from warehouse.transactions import transaction

log = logging.getLogger("losses.warehouse")

# A total above this many times the previous one is implausible (any category).
GROWTH_FACTOR = 100
_LOCK_HELD = re.compile(r"Conflicting lock is held in (.*?) \(PID (\d+)\)")


def connect(
    path: Path,
    *,
    read_only: bool,
    wait_seconds: float,
    on_wait: Callable[[str], None] | None = None,
    on_locked: Callable[[int | None], Any] | None = None,
):
    """A DuckDB connection to `path`. DuckDB lets one process at a time open a file
    for writing (and none read while it does): on that conflict, retry until
    `wait_seconds` have passed, saying once who holds it. `on_locked(pid of the
    holder)`, asked at each conflict, may return what to use instead (a reader: the
    holder's snapshot, warehouse/snapshots.py)."""

    if read_only and not path.exists():
        raise WarehouseError(
            f"no warehouse at {path} (load something first, or pass --warehouse)", path=path
        )
    if not read_only:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise WarehouseError(
                f"cannot create the warehouse's directory {path.parent}: {exc.strerror or exc}",
                path=path,
            ) from None
    deadline = time.monotonic() + wait_seconds
    # A writer waiting to get in goes before readers that come later (warehouse/gate.py).
    with passing(path, exclusive=not read_only, deadline=deadline):
        return _connect(path, read_only, wait_seconds, deadline, on_wait, on_locked)


def _connect(path, read_only, wait_seconds, deadline, on_wait, on_locked):
    import duckdb

    delay = 0.05
    # A writer holding the gate waits only for the readers already in: ask often.
    longest = 1.0 if read_only else 0.2
    announced = False
    while True:
        try:
            return duckdb.connect(str(path), read_only=read_only)
        except duckdb.IOException as exc:
            holder, pid = _lock_holder(str(exc))
            if holder is None:
                raise WarehouseError(
                    f"cannot open the warehouse {path}: {exc}", path=path
                ) from None
            instead = on_locked(pid) if on_locked is not None else None
            if instead is not None:
                return instead
            if time.monotonic() >= deadline:
                raise WarehouseBusy(
                    f"the warehouse {path} is locked by another process ({holder}) and stayed "
                    f"locked for {wait_seconds:.0f} s; try again when it has finished",
                    path=path,
                ) from None
            if not announced:
                message = (
                    f"the warehouse {path} is in use by another process ({holder}); "
                    f"waiting up to {wait_seconds:.0f} s"
                )
                (on_wait or log.warning)(message)
                announced = True
            time.sleep(min(delay, max(deadline - time.monotonic(), 0.0)))
            delay = min(delay * 2, longest)
        except duckdb.Error as exc:
            raise WarehouseError(f"cannot open the warehouse {path}: {exc}", path=path) from None


def _lock_holder(message: str) -> tuple[str | None, int | None]:
    """Who holds the file, as said and as a pid (None, None: not a lock conflict)."""
    if "Could not set lock" not in message:
        return None, None
    match = _LOCK_HELD.search(message)
    if not match:
        return "unknown process", None
    return f"PID {match.group(2)}, {match.group(1)}", int(match.group(2))


def prepare(con, path: Path, *, read_only: bool) -> None:
    """Bring the schema up to date (read-write) or make sure it is (read-only)."""
    if read_only:
        version = current_version(con)
        if version != LATEST_VERSION:
            raise WarehouseError(
                f"the warehouse {path} has schema version {version}, this code needs "
                f"{LATEST_VERSION}: open it once read-write (e.g. `losses check`) to migrate",
                path=path,
            )
        return
    migrate(con, path=path)
    sync_vocabulary(con)


def _vocabulary_rows() -> tuple[list[tuple], list[tuple], list[tuple]]:
    categories = [
        (c.name, i, c.reference_key, c.api_key, c.first_date, c.last_date)
        for i, c in enumerate(CATEGORIES)
    ]
    lineage = [(m.child, parent, m.since) for m in MERGES for parent in m.parents]
    bounds = [(c.name, c.daily_bound, GROWTH_FACTOR) for c in CATEGORIES]
    return categories, lineage, bounds


def sync_vocabulary(con) -> None:
    """Seed categories, lineage and bounds from the vocabulary, only when it changed
    (so that opening a warehouse writes nothing)."""
    rows = _vocabulary_rows()
    digest = hashlib.sha256(repr(rows).encode()).hexdigest()
    stored = con.execute("SELECT value FROM warehouse_meta WHERE key = 'vocabulary'").fetchone()
    if stored and stored[0] == digest:
        return
    categories, lineage, bounds = rows
    with transaction(con):
        for table in ("categories", "category_lineage", "plausibility_bounds"):
            con.execute(f"DELETE FROM {table}")
        # One statement a table, not one a row (executemany: 18 ms for the seeding, 7 so)
        con.execute(load("insert_categories"), columns(categories))
        if lineage:
            con.execute(load("insert_category_lineage"), columns(lineage))
        con.execute(load("insert_plausibility_bounds"), columns(bounds))
        con.execute(
            "INSERT OR REPLACE INTO warehouse_meta (key, value) VALUES ('vocabulary', ?)",
            [digest],
        )
        if stored:  # bounds or lineage changed: judge everything again at the next check
            con.execute("UPDATE bulletins SET checked = false WHERE checked")
