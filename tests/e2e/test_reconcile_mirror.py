"""Five sources from the mirror in one warehouse, as a user backfills them: the
aggregator and the API (clean) and the three datasets with the typos seeded in the
mirror's copies (mirror/typos.py). Every seeded typo is found, with its source and
date, the verdict *likely typo* and the true value; nothing else differs; and the
reconciled series exports as the clean reference, date for date and key for key."""

from __future__ import annotations

import datetime as dt

import pytest

from flows.backfill import backfill
from mirror.typos import SEEDED_TYPOS
from tests.support.reference import assert_export_equals_reference
from warehouse import Warehouse

SOURCES = ("minfin", "api", "petroivaniuk", "petroivaniuk_personnel", "daycsv")
START, LAST = dt.date(2022, 2, 24), dt.date(2026, 8, 8)


@pytest.fixture(scope="module")
def warehouse(mirror, tmp_path_factory):
    path = tmp_path_factory.mktemp("reconcile") / "losses.duckdb"
    for source in SOURCES:
        state = backfill(
            start=START,
            end=LAST,
            source=source,
            base_url=mirror.url(source),
            warehouse=str(path),
            return_state=True,
        )
        assert state.is_completed(), (source, state.message)
    return path


def test_every_seeded_typo_is_a_likely_typo_with_its_true_value(warehouse):
    with Warehouse.open(warehouse, read_only=True) as wh:
        found = wh.disagreements()
    by_key = {(d["source"], d["report_date"], d["category"]): d for d in found}
    seeded = {(str(t.source), t.report_date.isoformat(), t.category): t for t in SEEDED_TYPOS}
    assert by_key.keys() == seeded.keys()  # each typo, and nothing else
    for key, typo in seeded.items():
        d = by_key[key]
        assert (d["total"], d["reconciled"], d["verdict"]) == (
            typo.published,
            typo.true,
            "likely typo",
        ), key


def test_the_verdicts_name_the_digit_or_the_day_a_mistake_began(warehouse):
    with Warehouse.open(warehouse, read_only=True) as wh:
        notes = {d["report_date"]: d["note"] for d in wh.disagreements(sources=["daycsv"])}
        tanks = wh.disagreements(sources=["petroivaniuk"])
    kinds = {t.kind: t for t in SEEDED_TYPOS}
    first = min(t.report_date for t in SEEDED_TYPOS if t.kind == "dropped_digit")
    assert "is dropped" in notes[str(first)]
    assert notes[str(first + dt.timedelta(days=30))].startswith("the same -")
    assert f"since {first}, carried forward" in notes[str(first + dt.timedelta(days=30))]
    [tank] = tanks
    assert (
        tank["note"] == f"{kinds['digit'].published} for {kinds['digit'].true}: digit 2 is 6 for 4"
    )


def test_the_check_stores_the_verdicts_of_the_dates_it_judged(warehouse, tmp_path):
    with Warehouse.open(warehouse, read_only=True) as wh:
        stored = wh.rows(
            "SELECT source, report_date, category, verdict, implied FROM verdicts"
            " WHERE kind = 'disagreement'"
        )
    assert {(s, d, c) for s, d, c, _, _ in stored} == {
        (str(t.source), t.report_date, t.category) for t in SEEDED_TYPOS
    }
    assert {v for _, _, _, v, _ in stored} == {"likely typo"}


def test_the_reconciled_export_is_the_clean_reference(warehouse, tmp_path):
    assert_export_equals_reference(warehouse, tmp_path / "reconciled", series="reconciled")
