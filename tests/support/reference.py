"""What "the warehouse reproduces the reference history" means, shared by the
warehouse tests (loader fed directly) and the end-to-end tests (flows through
the mirror)."""

from __future__ import annotations

import datetime as dt
import itertools
import json
from pathlib import Path

from mirror.reference import EQUIPMENT_FILE, PERSONNEL_FILE, REFERENCE_DIR
from parsers.vocabulary import BY_NAME, war_day
from warehouse import FAILING_STATUSES, Warehouse

# The bulletins state increases from 2022-05-01 on (mirror/SITES.md).
INCREASES_FROM = dt.date(2022, 5, 1)

# (date, reference key) pairs whose total is lower than the day before (README: 13 of them)
DECREASES = {
    ("2022-10-13", "APC"),
    ("2023-05-28", "tank"),
    ("2023-10-03", "aircraft"),
    ("2024-03-13", "cruise missiles"),
    ("2024-08-05", "anti-aircraft warfare"),
    ("2024-10-03", "aircraft"),
    ("2024-11-30", "MRL"),
    ("2024-11-30", "special equipment"),
    ("2025-04-22", "MRL"),
    ("2025-05-04", "cruise missiles"),
    ("2025-10-03", "anti-aircraft warfare"),
    ("2025-10-03", "special equipment"),
    ("2026-03-04", "field artillery"),
}


def reference(name: str) -> list[dict]:
    return json.loads((REFERENCE_DIR / name).read_text(encoding="utf-8"))


def decreases_in_reference() -> set[tuple[str, str]]:
    found = set()
    for before, row in itertools.pairwise(reference(EQUIPMENT_FILE)):
        for key, value in row.items():
            if isinstance(value, int) and key != "day" and value < before.get(key, value):
                found.add((row["date"], key))
    return found


def assert_export_equals_reference(
    warehouse: Path, out: Path, *, first: dt.date | None = None, series: str = "preferred"
) -> None:
    """The petroivaniuk export (of `series`) equals the reference for every date (from
    `first`, for a source that starts later) and every shared key."""
    with Warehouse.open(warehouse, read_only=True) as wh:
        files = wh.export("json", out, shape="petroivaniuk", series=series)
    assert [f.name for f in files] == [EQUIPMENT_FILE, PERSONNEL_FILE]
    since = (first or dt.date.min).isoformat()
    for name in (EQUIPMENT_FILE, PERSONNEL_FILE):
        exported = json.loads((out / name).read_text(encoding="utf-8"))
        theirs_all = [row for row in reference(name) if row["date"] >= since]
        assert [r["date"] for r in exported] == [r["date"] for r in theirs_all]
        shared_keys = 0
        for mine, theirs in zip(exported, theirs_all, strict=True):
            shared = mine.keys() & theirs.keys()
            # every figure of the reference is exported, except the ones no bulletin carries
            assert theirs.keys() - mine.keys() <= {"greatest losses direction", "POW"}
            assert mine.keys() <= theirs.keys()
            assert {k: mine[k] for k in shared} == {k: theirs[k] for k in shared}, mine["date"]
            shared_keys += len(shared)
        assert shared_keys >= 4 * len(theirs_all)  # date, day and at least two figures
    # the layout: a list of objects, "date" and "day" first, indent 4 like the reference
    text = (out / PERSONNEL_FILE).read_text(encoding="utf-8")
    day_one = first or dt.date(2022, 2, 25)
    assert text.startswith(
        f'[\n    {{\n        "date": "{day_one}",\n        "day": {war_day(day_one)},\n'
    )


def assert_check_flags_exactly_the_decreases(warehouse: Path, source: str = "mod") -> None:
    """The check fails exactly the reference's decreasing days; it finds no gap, and
    no increase missing but before 2022-05-01, when the bulletins stated none."""
    with Warehouse.open(warehouse, read_only=True) as wh:
        failures = wh.check_rows(statuses=list(FAILING_STATUSES), source=source)
        gaps = wh.check_rows(statuses=["gap"], source=source)
        no_delta = wh.check_rows(statuses=["no_delta"], source=source)
        merged = wh.check_rows(statuses=["merged_category"], source=source)
    flagged = {(r.report_date.isoformat(), BY_NAME[r.category].reference_key) for r in failures}
    assert flagged == DECREASES
    assert {r.status for r in failures} == {"restated"}
    assert all(r.reported_delta == 0 and r.computed_delta < 0 for r in failures)
    assert gaps == []
    assert all(r.report_date < INCREASES_FROM for r in no_delta)
    # the one merge: vehicles and fuel tanks continue military auto + fuel tank
    assert [(r.report_date, r.category, r.compared_with) for r in merged] == [
        (dt.date(2022, 5, 1), "vehicles_fuel_tanks", "fuel_tanks+military_auto")
    ]
