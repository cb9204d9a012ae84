"""`losses backfill` as a user runs it, in a process of its own: killed with
SIGKILL half way, then run again; and two of them started at once."""

from __future__ import annotations

import signal
import time
from pathlib import Path

from tests.support.faults import (
    DATES,
    LISTING,
    MIL,
    assert_completed,
    assert_converged,
    backfill_range,
    documents,
)
from tests.support.processes import start_backfill
from warehouse import Warehouse

# The slow listing must outlast a read: the run holding the lock holds it a while.
SLOW_ENOUGH = {"LOSSES_READ_TIMEOUT": "5"}


def _stored_packs(path: Path) -> int:
    """Body packs written: one per store of documents (a listing page, a batch)."""
    return sum(1 for _ in Path(f"{path}.bodies").glob("packs/*.pack"))


def test_a_backfill_killed_half_way_resumes_to_the_same_warehouse(mirror, clean, tmp_path):
    baseline = clean("mod")
    path = tmp_path / "losses.duckdb"
    mirror.set_faults(f"{MIL}/news/2024/*=timeout:0.2")  # slow day pages, within the timeout
    process = start_backfill(mirror.url("mod"), path, LOSSES_BATCH_SIZE="2", **SLOW_ENOUGH)
    try:
        deadline = time.monotonic() + 60
        # Two listing pages and two batches of two day pages written: the first
        # batch is committed (batches run one after the other).
        while _stored_packs(path) < 4:
            assert process.poll() is None, process.communicate()[0]
            assert time.monotonic() < deadline, "the backfill stored nothing in 60 s"
            time.sleep(0.05)
        process.send_signal(signal.SIGKILL)
    finally:
        process.kill()
        output = process.communicate()[0]
    assert process.returncode == -signal.SIGKILL, output

    with Warehouse.open(path) as wh:  # recovers what the killed process committed
        outcome = wh.rows("SELECT outcome FROM runs")
    assert outcome == [("running",)]  # the record shows the run never finished
    stored = {url for url, kind, *_ in documents(path) if kind == "bulletin"}
    assert 2 <= len(stored) < len(DATES)

    mirror.set_faults(None)
    mirror.clear_requests()
    state = backfill_range(mirror, path)
    assert_completed(state, path)
    fetched = {
        mirror.base_url + r.path for r in mirror.requests if r.path.startswith(f"{MIL}/news/2024/")
    }
    assert not fetched & stored  # resumed: what was stored is not fetched again
    assert_converged(path, baseline, tmp_path / "export")


def test_two_backfills_at_once_both_finish_one_waits(mirror, clean, tmp_path):
    baseline = clean("mod")
    path = tmp_path / "losses.duckdb"
    # The first listing request is slow: whichever run gets the lock holds it a while.
    mirror.set_faults(f"{LISTING}=timeout:3x1")
    first = start_backfill(mirror.url("mod"), path, **SLOW_ENOUGH)
    second = start_backfill(mirror.url("mod"), path, **SLOW_ENOUGH)
    outputs = [p.communicate(timeout=120)[0] for p in (first, second)]
    assert [first.returncode, second.returncode] == [0, 0], "\n".join(outputs)
    waited = [out for out in outputs if "busy with another run" in out]
    assert len(waited) == 1, "\n----\n".join(outputs)
    assert "waiting up to" in waited[0]
    day_pages = [r.path for r in mirror.requests if r.path.startswith(f"{MIL}/news/2024/")]
    assert len(day_pages) == len(set(day_pages)) == len(DATES)  # the one that waited fetched none
    with Warehouse.open(path, read_only=True) as wh:
        runs = wh.rows("SELECT outcome, started_at, finished_at FROM runs ORDER BY run_id")
    assert [outcome for outcome, *_ in runs] == ["completed", "completed"]
    assert runs[1][1] >= runs[0][2]  # one after the other
    assert_converged(path, baseline, tmp_path / "export")
