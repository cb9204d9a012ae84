"""The whole reference history through the loader: exports reproduce it, the
check flags exactly the days where a reference total decreases."""

from __future__ import annotations

import csv
import datetime as dt
import json

from tests.support.reference import (
    DECREASES,
    assert_check_flags_exactly_the_decreases,
    assert_export_equals_reference,
    decreases_in_reference,
)
from warehouse import Warehouse


def test_decreases_are_computed_from_the_reference_not_assumed():
    assert decreases_in_reference() == DECREASES


def test_petroivaniuk_export_equals_the_reference(reference_warehouse, tmp_path):
    assert_export_equals_reference(reference_warehouse, tmp_path / "export")


def test_check_flags_exactly_the_decreasing_days(reference_warehouse):
    assert_check_flags_exactly_the_decreases(reference_warehouse)
    with Warehouse.open(reference_warehouse, read_only=True) as wh:
        counts = dict(wh.rows("SELECT status, count(*) FROM checks GROUP BY 1"))
    # every category once new (all on the first date, the rest when they appear)
    assert counts["new_category"] == 17
    assert counts["ok"] == sum(counts.values()) - 13 - 1 - 17


def test_daily_losses_views(reference_warehouse, reference_days):
    with Warehouse.open(reference_warehouse, read_only=True) as wh:
        columns, rows = wh.query(
            "SELECT report_date, day, personnel, personnel_qualifier, tanks, military_auto, "
            "vehicles_fuel_tanks FROM daily_losses WHERE report_date IN (?, ?) "
            "ORDER BY report_date",
            [dt.date(2022, 3, 1), dt.date(2024, 6, 4)],
        )
        long_rows = wh.one("SELECT count(*), count(DISTINCT report_date) FROM daily_losses_long")
        disagreements = wh.one("SELECT count(*) FROM source_disagreements")[0]
    assert columns[:3] == ["report_date", "day", "personnel"]
    assert rows[0][:4] == (dt.date(2022, 3, 1), 6, 5710, "about")
    june4 = next(d for d in reference_days if d.date == dt.date(2024, 6, 4)).figures
    assert rows[1] == (
        dt.date(2024, 6, 4),
        832,
        512420,
        "about",
        7794,
        None,
        june4["vehicles_fuel_tanks"].total,
    )
    assert long_rows == (sum(len(d.figures) for d in reference_days), len(reference_days))
    assert disagreements == 0


def test_csv_parquet_and_json_exports(reference_warehouse, tmp_path, reference_days):
    with Warehouse.open(reference_warehouse, read_only=True) as wh:
        wh.export("csv", tmp_path / "d.csv")
        wh.export("parquet", tmp_path / "d.parquet")
        wh.export("json", tmp_path / "d.json")
        from_parquet = wh.one(
            "SELECT count(*), max(tanks) FROM read_parquet(?)", [str(tmp_path / "d.parquet")]
        )
    with open(tmp_path / "d.csv", newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    as_json = json.loads((tmp_path / "d.json").read_text(encoding="utf-8"))
    assert len(rows) == len(as_json) == len(reference_days) == from_parquet[0]
    assert rows[-1]["report_date"] == as_json[-1]["report_date"] == "2026-08-08"
    assert int(rows[-1]["tanks"]) == as_json[-1]["tanks"] == from_parquet[1] == 12251
