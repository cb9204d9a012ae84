"""One ingestion run at a time per warehouse, across processes.

DuckDB lets one process write a file; a second writer fails at once. Runs take
this lock first so that a second run waits its turn (and says so) instead."""

from __future__ import annotations

import contextlib
import fcntl
import logging
import os
import time
from collections.abc import Iterator
from pathlib import Path

from parsers.errors import LockTimeout, WarehouseError

log = logging.getLogger("losses.lock")


@contextlib.contextmanager
def run_lock(warehouse_path: Path, wait_seconds: float, poll: float = 0.2) -> Iterator[None]:
    lock_path = Path(f"{warehouse_path}.run-lock")
    try:
        lock_path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(lock_path, "a+")  # noqa: SIM115 (closed by the with below)
    except OSError as exc:
        raise WarehouseError(
            f"cannot create the run lock {lock_path}: {exc.strerror or exc}", path=warehouse_path
        ) from None
    with handle:
        deadline = time.monotonic() + wait_seconds
        announced = False
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if not announced:
                    handle.seek(0)
                    holder = handle.read().strip() or "another process"
                    log.warning(
                        "warehouse %s is busy with another run (%s); waiting up to %.0f s",
                        warehouse_path,
                        holder,
                        wait_seconds,
                    )
                    announced = True
                if time.monotonic() >= deadline:
                    raise LockTimeout(
                        f"warehouse {warehouse_path} stayed busy with another run for "
                        f"{wait_seconds:.0f} s; try again later or raise LOSSES_LOCK_WAIT_SECONDS",
                        path=warehouse_path,
                    ) from None
                time.sleep(poll)
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()}")
        handle.flush()
        try:
            yield
        finally:
            handle.seek(0)
            handle.truncate()
            fcntl.flock(handle, fcntl.LOCK_UN)
