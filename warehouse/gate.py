"""Who opens the warehouse file next: a writer waiting to open it goes before the
readers that come after it.

DuckDB gives the file to one writer or to any number of readers, and a writer that
asks while a reader has it can only try again. Readers one after another (a script
polling `losses status`) then keep a run out of its file: measured with a reader
reading back to back (bench/readers.py), a MoD-history backfill took 16 s instead
of 6, waiting to open the file. So every open passes a gate first, a lock file
beside the warehouse (`<file>.open-lock`): a writer holds it exclusively from its
first try until the file is its own; a reader holds it shared only while it opens
the file, not while it reads, so a writer gets it between two reads, and the
readers that come while it is getting in wait, then read its snapshot
(warehouse/snapshots.py)."""

from __future__ import annotations

import contextlib
import fcntl
import time
from collections.abc import Iterator
from pathlib import Path

from warehouse.records import WarehouseBusy

# A reader holds the gate for an open (~30 ms); between two of its opens it is free
# for as long as its read lasts, which a writer asking often does not miss.
POLL_SECONDS = {True: 0.002, False: 0.01}  # by exclusive


def gate_path(path: Path) -> Path:
    return Path(f"{path}.open-lock")


@contextlib.contextmanager
def passing(path: Path, *, exclusive: bool, deadline: float) -> Iterator[None]:
    """Hold the gate of the warehouse at `path` (exclusive: a writer) until the block
    ends; WarehouseBusy if it is not had by `deadline` (time.monotonic())."""
    try:
        handle = open(gate_path(path), "a+")  # noqa: SIM115 (closed by the with below)
    except OSError:  # a directory we may not write: no writer can be there either
        yield
        return
    with handle:
        mode = fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH
        while True:
            try:
                fcntl.flock(handle, mode | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise WarehouseBusy(
                        f"the warehouse {path} is being opened by another process and stayed "
                        "so; try again when it has finished",
                        path=path,
                    ) from None
                time.sleep(POLL_SECONDS[exclusive])
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


__all__ = ["gate_path", "passing"]
