"""Pages are stored as they arrive, not when their batch ends: one request of a batch
hangs, and the run is stopped by its time limit, or killed, while it waits. Every
page that had arrived is in `documents` with its body, and a re-run converges."""

from __future__ import annotations

import signal
import time

from mirror import start_mirror
from tests.support.faults import (
    DATES,
    MIL,
    UNTIL,
    assert_completed,
    assert_converged,
    assert_no_document_lost,
    backfill_range,
    day_pages,
    documents,
)
from tests.support.processes import start_backfill
from warehouse import Warehouse

HANGS = DATES[6]  # the day whose page never comes (within the test)


def _day_pages_answered(mirror) -> set[str]:
    return {
        r.path for r in mirror.requests if r.path.startswith(f"{MIL}/news/2024/") and not r.fault
    }


def _assert_every_answer_stored_with_its_body(mirror, path) -> None:
    assert_no_document_lost(mirror, path)
    answered = {mirror.base_url + page for page in _day_pages_answered(mirror)}
    assert len(answered) == len(DATES) - 1  # every day but the one that hangs
    with Warehouse.open(path, read_only=True) as wh:
        stored = [d for d in wh.find_documents(kind="bulletin") if d.url in answered]
        assert {d.url for d in stored} == answered
        assert all(wh.document_body(d.id) for d in stored)  # bodies there, intact


def test_a_run_stopped_by_its_time_limit_mid_batch_keeps_every_page_that_arrived(
    clean, tmp_path, monkeypatch
):
    baseline = clean("mod")
    path = tmp_path / "losses.duckdb"
    # The request waits for its answer (no read timeout, no deadline before the limit).
    monkeypatch.setenv("LOSSES_READ_TIMEOUT", "60")
    monkeypatch.setenv("LOSSES_REQUEST_DEADLINE", "60")
    monkeypatch.setenv("LOSSES_RUN_TIME_LIMIT", "3")
    # A mirror of its own: the hanging answer is not logged into another test's requests.
    with start_mirror(port=0, until=UNTIL, faults=f"{day_pages(HANGS)}=timeout:20") as mirror:
        started = time.monotonic()
        state = backfill_range(mirror, path)
        took = time.monotonic() - started
        assert state.is_failed(), state.message
        assert took < 15, f"the run took {took:.0f} s: the time limit did not stop the batch"
        assert "the run's time limit (3 s, LOSSES_RUN_TIME_LIMIT) was reached" in state.message
        assert f"{HANGS:%Y/%m/%d}" in state.message  # the page not fetched, named
        _assert_every_answer_stored_with_its_body(mirror, path)
        with Warehouse.open(path, read_only=True) as wh:  # and loaded
            assert wh.loaded_dates("mod", DATES[0], UNTIL) == set(DATES) - {HANGS}
        mirror.set_faults(None)
        monkeypatch.setenv("LOSSES_RUN_TIME_LIMIT", "0")
        assert_completed(backfill_range(mirror, path), path)
    assert_converged(path, baseline, tmp_path / "export")


def test_a_run_killed_mid_batch_has_stored_every_page_that_arrived(clean, tmp_path):
    baseline = clean("mod")
    path = tmp_path / "losses.duckdb"
    with start_mirror(port=0, until=UNTIL, faults=f"{day_pages(HANGS)}=timeout:60") as mirror:
        backfill = start_backfill(
            mirror.url("mod"), path, LOSSES_READ_TIMEOUT="90", LOSSES_REQUEST_DEADLINE="90"
        )
        try:
            deadline = time.monotonic() + 60
            # Every other day page answered, and nothing more for a while: the batch
            # waits on the one that hangs.
            while len(_day_pages_answered(mirror)) < len(DATES) - 1:
                assert backfill.poll() is None, backfill.communicate()[0]
                assert time.monotonic() < deadline, "the backfill fetched too little in 60 s"
                time.sleep(0.05)
            time.sleep(1.5)  # > FLUSH_SECONDS (flows/arrivals.py)
            assert backfill.poll() is None, backfill.communicate()[0]
            backfill.send_signal(signal.SIGKILL)
        finally:
            backfill.kill()
            backfill.communicate()
        assert backfill.returncode == -signal.SIGKILL
        _assert_every_answer_stored_with_its_body(mirror, path)
        # stored, not parsed yet: the batch was waiting when it was killed
        bulletins = [row for row in documents(path) if row[1] == "bulletin"]
        assert {status for *_, status, _ in bulletins} == {"pending"}
        mirror.set_faults(None)
        mirror.clear_requests()
        assert_completed(backfill_range(mirror, path), path)
        # resumed: the stored pages are parsed from the warehouse, only the one that
        # never came is fetched again
        [refetched] = _day_pages_answered(mirror)
        assert f"/news/{HANGS:%Y/%m/%d}/" in refetched
    assert_converged(path, baseline, tmp_path / "export")
