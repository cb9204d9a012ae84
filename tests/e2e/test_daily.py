"""The daily flow catches up every day missed since the warehouse's last date."""

from __future__ import annotations

import datetime as dt

from flows.backfill import backfill
from flows.daily import daily
from mirror import start_mirror
from warehouse import Warehouse

D = dt.date(2024, 6, 4)


def test_daily_catches_up_missed_days_in_one_run(tmp_path):
    path = tmp_path / "losses.duckdb"
    with start_mirror(port=0, until=D - dt.timedelta(days=3)) as early:
        state = backfill(
            start=D - dt.timedelta(days=8),
            end=D - dt.timedelta(days=3),
            base_url=early.url("mod"),
            warehouse=str(path),
            return_state=True,
        )
        assert state.is_completed(), state.message
    with start_mirror(port=0, until=D) as mirror:
        state = daily(base_url=mirror.url("mod"), warehouse=str(path), today=D, return_state=True)
        assert state.is_completed(), state.message
    with Warehouse.open(path, read_only=True) as wh:
        assert wh.last_report_date("mod") == D
        assert wh.loaded_dates("mod", D - dt.timedelta(days=2), D) == {
            D - dt.timedelta(days=2),
            D - dt.timedelta(days=1),
            D,
        }
        runs = wh.con.execute(
            "SELECT flow, outcome FROM runs WHERE flow = 'daily' ORDER BY run_id"
        ).fetchall()
    assert runs == [("daily", "completed")]  # one run brought all three days


def test_daily_waits_for_todays_bulletin_then_fails_clearly(tmp_path):
    path = tmp_path / "losses.duckdb"
    with start_mirror(port=0, until=D - dt.timedelta(days=1)) as mirror:
        state = daily(base_url=mirror.url("mod"), warehouse=str(path), today=D, return_state=True)
    assert state.is_failed()
    assert f"the bulletin of {D} was not published" in state.message
    with Warehouse.open(path, read_only=True) as wh:
        # What was out (the days before) is loaded all the same.
        assert wh.last_report_date("mod") == D - dt.timedelta(days=1)
        outcomes = wh.con.execute("SELECT outcome FROM runs ORDER BY run_id").fetchall()
    # LOSSES_PUBLISH_WAIT_ATTEMPTS=2 (tests/conftest.py): two checks that found it not out
    # yet, then the last one, which fails the run.
    assert outcomes == [("completed",), ("completed",), ("failed",)]


def test_daily_without_waiting_loads_what_is_out(tmp_path):
    path = tmp_path / "losses.duckdb"
    with start_mirror(port=0, until=D - dt.timedelta(days=1)) as mirror:
        state = daily(
            base_url=mirror.url("mod"),
            warehouse=str(path),
            today=D,
            wait_for_today=False,
            return_state=True,
        )
    assert state.is_completed(), state.message
    with Warehouse.open(path, read_only=True) as wh:
        assert wh.con.execute("SELECT outcome FROM runs").fetchall() == [("completed",)]
