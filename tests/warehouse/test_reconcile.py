"""The reconciled series and the verdicts on disagreements (warehouse/reconcile.py):
rules on small series of three sources, the check storing the verdicts, the
export, and a property test: a random typo (a digit changed, two transposed, one
dropped) in one source's total on a random day is flagged with that source and
day, the series keeps the true value, and nothing else is flagged."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.support.typos import KINDS, mistype
from tests.support.warehouse import bulletin, load
from warehouse import Warehouse

D0 = dt.date(2025, 3, 1)
SOURCES = ("mod", "minfin", "api")


def day(i: int) -> dt.date:
    return D0 + dt.timedelta(days=i)


def _series(increases, start=37_000):
    totals, total = [], start
    for increase in increases:
        total += increase
        totals.append(total)
    return totals


def _load_sources(wh, totals, increases, edits=None, sources=SOURCES, category="artillery_systems"):
    """Every source loads the same series, but for `edits`: {(source, day): total}."""
    edits = edits or {}
    for source in sources:
        for i, (total, increase) in enumerate(zip(totals, increases, strict=True)):
            shown = edits.get((source, i), total)
            if shown is None:
                continue
            load(wh, bulletin(day(i), {category: (shown, increase)}, source=source))


def _reconciled(wh, category="artillery_systems"):
    rows = wh.rows(
        "SELECT report_date, total, confidence, agreeing_sources, differing FROM reconciled_long"
        " WHERE category = ? ORDER BY report_date",
        [category],
    )
    return {
        date: (total, confidence, n, differing) for date, total, confidence, n, differing in rows
    }


INCREASES = [10, 12, 8, 30, 11, 9, 14, 7, 10, 12]
TOTALS = _series(INCREASES)


def test_sources_that_agree_are_agreed(wh):
    _load_sources(wh, TOTALS, INCREASES)
    assert {v[:3] for v in _reconciled(wh).values()} >= {(TOTALS[4], "agreed", 3)}
    assert wh.disagreements() == []


def test_a_one_digit_typo_in_one_source_is_outvoted_and_named(wh):
    typo = int(str(TOTALS[4])[:-1] + "9")  # 37071 -> 37079
    _load_sources(wh, TOTALS, INCREASES, {("api", 4): typo})
    total, confidence, n, differing = _reconciled(wh)[day(4)]
    assert (total, confidence, n) == (TOTALS[4], "chain", 2)
    assert differing == [
        {"source": "api", "revision": 1, "total": typo, "difference": typo - total}
    ]
    [found] = wh.disagreements()
    assert (found["source"], found["report_date"], found["verdict"]) == (
        "api",
        str(day(4)),
        "likely typo",
    )
    assert found["note"] == f"{typo} for {TOTALS[4]}: digit 5 is 9 for {str(TOTALS[4])[-1]}"


def test_between_two_sources_the_chain_decides(wh):
    wrong = TOTALS[5] + 3000  # not one edit away: only the chain tells
    _load_sources(wh, TOTALS, INCREASES, {("minfin", 5): wrong}, sources=("mod", "minfin"))
    total, confidence, _, _ = _reconciled(wh)[day(5)]
    assert (total, confidence) == (TOTALS[5], "chain")
    [found] = wh.disagreements()
    assert (found["source"], found["verdict"]) == ("minfin", "likely typo")
    assert found["note"].startswith("a one-day excursion")


def test_a_source_a_day_behind_is_source_lag(wh):
    _load_sources(wh, TOTALS, INCREASES, {("api", 6): TOTALS[5]})
    [found] = wh.disagreements()
    assert (found["source"], found["verdict"]) == ("api", "source lag")
    assert found["note"] == f"{TOTALS[5]} is the figure of {day(5)}: api is a day behind"


def test_a_superseded_figure_kept_by_a_source_is_an_official_correction(wh):
    old = TOTALS[3] - 20
    _load_sources(wh, TOTALS, INCREASES, {("minfin", 3): old})
    load(wh, bulletin(day(3), {"artillery_systems": (old, 10)}), url="http://m/mod/first")
    load(wh, bulletin(day(3), {"artillery_systems": (TOTALS[3], 30)}), url="http://m/mod/fixed")
    [found] = wh.disagreements(sources=["minfin"])
    assert found["verdict"] == "official correction"
    assert found["note"] == f"{old} is mod's revision 2, since corrected to {TOTALS[3]}"


def test_a_dropped_digit_left_for_months_is_a_typo_every_day(wh):
    edits = {("api", i): int(str(TOTALS[i])[:2] + str(TOTALS[i])[3:]) for i in range(2, 9)}
    _load_sources(wh, TOTALS, INCREASES, edits)
    found = wh.disagreements()
    assert [(f["source"], f["report_date"]) for f in found] == [
        ("api", str(day(i))) for i in range(2, 9)
    ]
    assert {f["verdict"] for f in found} == {"likely typo"}
    assert all("digit 3" in f["note"] and "is dropped" in f["note"] for f in found)
    assert [v[0] for v in _reconciled(wh).values()] == TOTALS


def test_the_check_stores_and_reports_the_disagreements_it_judged(wh):
    typo = TOTALS[4] + 9000
    _load_sources(wh, TOTALS, INCREASES, {("api", 4): typo})
    summary = wh.run_check()
    assert [(d["source"], d["report_date"], d["verdict"]) for d in summary.disagreements] == [
        ("api", str(day(4)), "likely typo")
    ]
    stored = wh.rows(
        "SELECT kind, source, report_date, verdict, implied FROM verdicts"
        " WHERE kind = 'disagreement'"
    )
    assert stored == [("disagreement", "api", day(4), "likely typo", TOTALS[4])]
    assert wh.run_check().disagreements == []  # nothing new judged: nothing new listed


def test_the_reconciled_export_is_the_true_series(wh, tmp_path):
    digits = str(TOTALS[7])
    typo = int(digits[1] + digits[0] + digits[2:])  # the first two digits swapped
    _load_sources(wh, TOTALS, INCREASES, {("mod", 7): typo})
    [equipment, _] = wh.export("json", tmp_path / "out", shape="petroivaniuk", series="reconciled")
    rows = json.loads(equipment.read_text())
    assert [row["field artillery"] for row in rows] == TOTALS
    [preferred, _] = wh.export("json", tmp_path / "pref", shape="petroivaniuk")
    shown = [row["field artillery"] for row in json.loads(preferred.read_text())]
    assert shown[7] == typo  # the preferred source alone keeps its typo


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    increases=st.lists(st.integers(0, 80), min_size=8, max_size=8),
    source=st.sampled_from(SOURCES),
    typo_day=st.integers(0, 7),
    kind=st.sampled_from(KINDS),
    position=st.integers(0, 30),
)
def test_a_random_typo_in_one_source_is_flagged_with_that_source_and_day(
    tmp_path_factory, increases, source, typo_day, kind, position
):
    totals = _series(increases)
    typo = mistype(totals[typo_day], kind, position)
    if typo is None:
        return
    with Warehouse.open(tmp_path_factory.mktemp("rec") / "w.duckdb") as wh:
        _load_sources(wh, totals, increases, {(source, typo_day): typo})
        found = wh.disagreements()
        assert [(f["source"], f["report_date"]) for f in found] == [(source, str(day(typo_day)))]
        assert found[0]["reconciled"] == totals[typo_day]
        assert found[0]["verdict"] in ("likely typo", "source lag")  # a typo may hit yesterday's
        reconciled = wh.rows(
            "SELECT total FROM reconciled_long WHERE category = 'artillery_systems' ORDER BY 1"
        )
        assert [t for (t,) in reconciled] == sorted(totals)


@pytest.fixture
def wh(tmp_path):
    with Warehouse.open(tmp_path / "w.duckdb") as opened:
        yield opened
