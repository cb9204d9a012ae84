"""A run whose process is killed (kill -9) does not stay 'running' forever: `losses
status` says its process is gone, and the next run records it as crashed; a run
quiet for long is named as maybe stuck."""

from __future__ import annotations

import datetime as dt

from typer.testing import CliRunner

from flows.cli import app
from flows.commands.running import running_line
from tests.support.runs import killed_run
from warehouse import Warehouse


def test_a_killed_run_is_named_by_status_and_recorded_crashed_by_the_next(tmp_path):
    path = tmp_path / "w.duckdb"
    killed_run(path)
    with Warehouse.open(path, read_only=True) as wh:
        last = wh.status()["last_run"]
    assert (last["outcome"], last["abandoned"]) == ("running", True)
    status = CliRunner().invoke(app, ["status", "--warehouse", str(path)])
    # Named whole: the run, what it was asked, its process and host, when it started.
    assert (
        f"run #{last['run_id']} backfill (start=2024-06-01) is recorded as running, but its "
        f"process (pid {last['pid']} on {last['host']}) is gone: it crashed, started "
        f"{last['started_at']:%Y-%m-%d %H:%M:%S} UTC"
    ) in status.output

    with Warehouse.open(path) as wh:  # as the next run does, holding the run lock
        assert wh.mark_abandoned_runs(all_running=True) == [last["run_id"]]
        [(outcome, message)] = wh.rows("SELECT outcome, message FROM runs")
        assert outcome == "crashed"
        assert f"its process (pid {last['pid']} on " in message and "ended without" in message
        assert wh.mark_abandoned_runs(all_running=True) == []  # once


def test_a_run_whose_process_lives_is_not_judged_gone(tmp_path):
    path = tmp_path / "w.duckdb"
    with Warehouse.open(path) as wh:
        wh.start_run("daily", {})
        assert wh.mark_abandoned_runs() == []  # this very process: alive
        assert wh.status()["last_run"]["abandoned"] is False


def test_a_run_quiet_for_long_is_named_as_maybe_stuck():
    started = dt.datetime(2026, 12, 2, 9, 30, tzinfo=dt.UTC)
    run = {
        "run_id": 7,
        "flow": "daily",
        "parameters": {"source": "mod", "today": "2026-12-02"},
        "started_at": started,
        "pid": 4242,
        "host": "box",
        "last_fetched_at": started + dt.timedelta(seconds=30),
        "running_seconds": 3725.0,
        "process_gone": False,
    }
    now = started + dt.timedelta(seconds=3725)
    line, color = running_line(run, now)
    assert line == (
        "run #7 daily (source=mod, today=2026-12-02) is running in pid 4242 on box, started "
        "2026-12-02 09:30:00 UTC, for 1 h 2 min; last fetched a document 1 h 1 min ago: it may "
        "be stuck (`kill 4242` ends it; the next run records it as crashed)"
    )
    assert color == "yellow"
    gone, color = running_line({**run, "process_gone": True}, now)
    assert "its process (pid 4242 on box) is gone: it crashed" in gone and color == "red"
