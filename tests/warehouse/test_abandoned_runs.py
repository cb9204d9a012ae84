"""A run whose process is killed (kill -9) does not stay 'running' forever: `losses
status` says its process is gone, and the next run records it as crashed."""

from __future__ import annotations

from typer.testing import CliRunner

from flows.cli import app
from tests.support.runs import killed_run
from warehouse import Warehouse


def test_a_killed_run_is_named_by_status_and_recorded_crashed_by_the_next(tmp_path):
    path = tmp_path / "w.duckdb"
    killed_run(path)
    with Warehouse.open(path, read_only=True) as wh:
        last = wh.status()["last_run"]
    assert (last["outcome"], last["abandoned"]) == ("running", True)
    status = CliRunner().invoke(app, ["status", "--warehouse", str(path)])
    assert f"is recorded as running, but its process (pid {last['pid']}) is gone" in status.output

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
