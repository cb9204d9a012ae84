"""Reading the warehouse while a run writes it.

DuckDB lets one process open a file read-write, and then no other process may open
it at all, not even to read. A run holds the file from start to end, so readers
(`losses sql`, `export`, `status`, ...) used to wait for the whole run or fail.

Chosen: the run publishes snapshots. After a write transaction, at most once every
PUBLISH_INTERVAL seconds (and when it goes idle waiting on the network with a
write not yet published, see flows/arrivals.py), the writer checkpoints (the file
then holds every committed transaction and its WAL is empty), copies the file with
`cp` (in a process of its own: closing a descriptor of the file in this one would
drop DuckDB's lock on it, as POSIX locks belong to the process) and renames the copy
to `<warehouse>.snapshot`. A reader that finds the
file locked by process P opens P's snapshot read-only, if there is one: its `runs`
table has a run of P, on this host, still running (a snapshot left by an earlier
process names none, and is not read). What a reader sees is a committed state of
the warehouse, never half a transaction (a batch's load is one): the state a crash
at that moment would leave, which every write is made to leave whole. It is at
most PUBLISH_INTERVAL behind. Once the run has the file, readers never open it, so
it never waits for them (to get it, the gate lets it in before readers that come
later, warehouse/gate.py); the snapshot is removed when the run closes the file,
and readers then read the file itself. A run shorter than PUBLISH_INTERVAL
publishes nothing (a reader waits for it, as before).

Measured on the MoD history (1623 bulletins, this shared 2-core machine,
bench/readers.py): opening and closing the file costs 34 ms read-write, 29 ms
read-only, and that backfill makes 57 write transactions. The other design, the
writer opening the file for each write transaction and readers retrying in between,
would pay ~2 s on a ~6.5 s run (+30 %), more with pages stored as they arrive, and a
reader holding the file would stall the writer for as long as it reads. Here a
checkpoint and a copy (the file is 13 MB by the end) take ~28 ms, 7 of them in that
run (0.2 s). Median of three runs: alone, 7.19 s wall and 6.44 s CPU (the code
before: 9.10 s and 7.06 s, the machine busier); beside a reader running `losses
status`, `sql` and `export` back to back, 7.68 s and 6.05 s, and 80 of 80 reads
succeeded, ~80 ms each (before: each read during the run failed after its 2 s wait). The run's
extra wall time is the reader's use of a core: it waited 2.07 s for one (alone 0.65
s), and never for the file. The costs: the snapshot takes as much disk as the file
while a run goes on, and checkpoints during a run leave the file larger (13 MB, not
8.3: DuckDB reuses the free blocks later, it does not give them back)."""

from __future__ import annotations

import contextlib
import datetime as dt
import glob
import logging
import os
import socket
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from warehouse.paths import snapshot_path

log = logging.getLogger("losses.warehouse")

PUBLISH_INTERVAL = 1.0  # seconds between snapshots, at most one a second


@dataclass(frozen=True)
class Snapshot:
    """The snapshot a reader opened instead of the file a run holds."""

    path: Path
    taken_at: dt.datetime  # when it was published (UTC)
    run_id: int
    flow: str
    pid: int
    host: str
    started_at: dt.datetime

    def describe(self, warehouse: Path) -> str:
        age = max(0.0, (dt.datetime.now(dt.UTC) - self.taken_at).total_seconds())
        return (
            f"run #{self.run_id} ({self.flow}, pid {self.pid}) is writing {warehouse}: reading "
            f"what it has committed, as of {self.taken_at:%H:%M:%S} UTC ({age:.0f} s ago)"
        )

    def to_dict(self) -> dict:
        return {
            "path": str(self.path),
            "taken_at": self.taken_at,
            "run_id": self.run_id,
            "flow": self.flow,
            "pid": self.pid,
            "host": self.host,
        }


class Publisher:
    """The writer's side: `wrote()` after each write transaction, `idle()` when
    waiting, `close()` before the connection closes."""

    def __init__(
        self,
        con,
        path: Path,
        *,
        interval: float | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._con = con
        self._path = path
        self._target = snapshot_path(path)
        self._interval = PUBLISH_INTERVAL if interval is None else interval
        self._clock = clock
        self._dirty = False
        # Opening counts as a publication: a run shorter than the interval makes none.
        self._published_at = clock()
        self._warned = False
        self.published = 0
        # A copy a killed writer left half made (one writer at a time: none is in progress).
        for partial in path.parent.glob(f"{glob.escape(self._target.name)}.*.partial"):
            with contextlib.suppress(OSError):
                partial.unlink()

    def wrote(self) -> None:
        self._dirty = True
        self.idle()

    def idle(self) -> None:
        """Publish what is written and not yet published, if the interval has passed."""
        if self._dirty and self._clock() - self._published_at >= self._interval:
            self.publish()

    def publish(self) -> None:
        import duckdb

        # Where the copy is made: beside the snapshot, so that the rename is atomic.
        partial = self._target.with_name(f"{self._target.name}.{os.getpid()}.partial")
        try:
            self._con.execute("CHECKPOINT")  # the file alone now holds every commit
            # Copied by another process: closing a descriptor of the file in this one
            # would drop DuckDB's lock on it (POSIX locks belong to the process).
            subprocess.run(["cp", str(self._path), str(partial)], check=True, capture_output=True)
            os.replace(partial, self._target)
        except (OSError, subprocess.CalledProcessError, duckdb.Error) as exc:
            # Readers then read an older snapshot, or wait: never a reason to fail the run.
            with contextlib.suppress(OSError):
                partial.unlink(missing_ok=True)
            if not self._warned:
                said = getattr(exc, "stderr", None)  # what cp said
                reason = said.decode(errors="replace").strip() if said else exc
                log.warning("cannot publish a snapshot of %s for readers: %s", self._path, reason)
                self._warned = True
        else:
            self.published += 1
        self._dirty = False
        self._published_at = self._clock()

    def close(self) -> None:
        """Remove the snapshot: once the file is closed, readers read the file."""
        with contextlib.suppress(OSError):
            self._target.unlink(missing_ok=True)


def open_snapshot(path: Path, holder_pid: int | None):
    """(a read-only connection, its Snapshot) of the run in process `holder_pid` that
    holds the warehouse at `path`; None when that process published none."""
    import duckdb

    target = snapshot_path(path)
    if holder_pid is None:
        return None
    try:
        # Before opening it: a snapshot replaced in between is newer than it says.
        taken = dt.datetime.fromtimestamp(target.stat().st_mtime, dt.UTC)
        con = duckdb.connect(str(target), read_only=True)
    except (OSError, duckdb.Error):  # none, or not a database
        return None
    try:
        row = con.execute(
            "SELECT run_id, flow, started_at FROM runs WHERE outcome = 'running' "
            "AND pid = ? AND host = ? ORDER BY run_id DESC LIMIT 1",
            [holder_pid, socket.gethostname()],
        ).fetchone()
    except duckdb.Error:  # a schema without the runs' processes (before migration 006)
        row = None
    if row is None:
        con.close()
        return None
    run_id, flow, started_at = row
    return con, Snapshot(target, taken, run_id, flow, holder_pid, socket.gethostname(), started_at)


__all__ = ["PUBLISH_INTERVAL", "Publisher", "Snapshot", "open_snapshot"]
