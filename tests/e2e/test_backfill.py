"""The backfill flow over the whole mirrored history, through Prefect, as a user runs it."""

from __future__ import annotations

import datetime as dt

import pytest
from helpers import table_fingerprints
from reference_assertions import (
    assert_check_flags_exactly_the_decreases,
    assert_export_equals_reference,
)

from flows.backfill import backfill
from warehouse import Warehouse

# As the README starts it: from the first day of the war, whose bulletin series begins
# the day after (FIRST_REPORT_DATE).
START, FIRST, LAST = dt.date(2022, 2, 24), dt.date(2022, 2, 25), dt.date(2026, 8, 8)


@pytest.fixture(scope="module")
def full_history(mirror, tmp_path_factory):
    path = tmp_path_factory.mktemp("full") / "losses.duckdb"
    mirror.clear_requests()
    state = backfill(
        start=START, end=LAST, base_url=mirror.url("mod"), warehouse=str(path), return_state=True
    )
    return path, state, mirror.requests


def test_backfill_completes_and_fetches_each_bulletin_once(full_history):
    _, state, requests = full_history
    assert state.is_completed(), state.message
    day_pages = [path for _, path, _ in requests if path.startswith("/mod/news/")]
    assert len(day_pages) == len(set(day_pages)) == (LAST - FIRST).days + 1
    with Warehouse.open(full_history[0], read_only=True) as wh:
        assert wh.con.execute(
            "SELECT min(report_date), max(report_date), count(*) FROM bulletins"
        ).fetchone() == (FIRST, LAST, (LAST - FIRST).days + 1)


def test_export_equals_the_reference(full_history, tmp_path):
    assert_export_equals_reference(full_history[0], tmp_path / "export")


def test_check_flags_exactly_the_reference_decreases(full_history):
    assert_check_flags_exactly_the_decreases(full_history[0])


def test_seed_figures(full_history):
    with Warehouse.open(full_history[0], read_only=True) as wh:
        rows = wh.con.execute(
            "SELECT report_date, category, total, reported_delta FROM latest_observations "
            "WHERE source = 'mod' AND report_date IN ('2024-06-03', '2024-06-04')"
        ).fetchall()
    figures = {(str(d), c): (t, r) for d, c, t, r in rows}
    june4 = {c: v for (d, c), v in figures.items() if d == "2024-06-04"}
    assert june4["tanks"] == (7794, 15)
    assert june4["armoured_combat_vehicles"] == (15020, 18)
    assert june4["artillery_systems"] == (13345, 65)
    assert june4["personnel"] == (512420, 1290)
    increases = {c: r for c, (_, r) in june4.items()}
    assert increases["uav"] == 27
    assert increases["vehicles_fuel_tanks"] == 69
    assert increases["air_defense_systems"] == 3
    assert increases["special_equipment"] == 12
    assert figures[("2024-06-03", "personnel")][1] == 1270


def test_second_run_changes_nothing_and_fetches_nothing(full_history, mirror):
    path = full_history[0]
    before = table_fingerprints(path)
    mirror.clear_requests()
    state = backfill(
        start=START, end=LAST, base_url=mirror.url("mod"), warehouse=str(path), return_state=True
    )
    assert state.is_completed(), state.message
    assert mirror.requests == []
    assert table_fingerprints(path) == before
