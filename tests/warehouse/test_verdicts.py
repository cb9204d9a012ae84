"""Verdicts on check failures (warehouse/verdicts.py): the rules on small series,
and a property test: a random typo (a digit changed, two digits transposed, one
dropped) in one day's total is a failure with the verdict *likely typo*, naming
that day and the true value, and the revert on the day after is not taken for an
official correction."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.support.typos import KINDS, mistype
from tests.support.warehouse import bulletin, load
from warehouse import Warehouse
from warehouse.verdicts import Point, digit_edit, judge

D0 = dt.date(2025, 3, 1)


def day(i: int) -> dt.date:
    return D0 + dt.timedelta(days=i)


@pytest.mark.parametrize(
    ("published", "implied", "words"),
    [
        (37832, 37842, "digit 4 is 3 for 4"),
        (963720, 963270, "digits 4 and 5 are transposed"),
        (2054, 20454, "digit 3 (4) is dropped"),
        (239260, 23926, "digit 6 (0) is added"),
        (37832, 37874, None),  # two digits changed: not one edit
        (5, 5, None),
    ],
)
def test_digit_edits(published, implied, words):
    assert digit_edit(published, implied) == words


def _points(*figures):
    return [Point(day(i), total, delta) for i, (total, delta) in enumerate(figures)]


def test_a_restatement_that_holds_is_an_official_correction():
    points = _points((5181, 5), (5167, 0), (5170, 3), (5172, 2))
    verdict = judge(points[:1], points[1], points[2:])
    assert (verdict.verdict, verdict.implied) == ("official correction", 5167)
    assert verdict.note == "the total 5167 holds: the next 2 bulletins continue from it"


def test_a_figure_one_digit_off_the_implied_one_is_a_likely_typo_naming_the_digit():
    points = _points((37830, 10), (37842, 10), (37850, 10), (37858, 8))  # 37842 for 37840
    verdict = judge(points[:1], points[1], points[2:])
    assert (verdict.verdict, verdict.implied) == ("likely typo", 37840)
    assert verdict.note == "37842 for 37840: digit 5 is 2 for 0"


def test_a_one_day_excursion_that_reverts_is_a_likely_typo():
    points = _points((37830, 10), (37874, 44), (37832, 2), (37880, 6), (37886, 6))
    verdict = judge(points[:2], points[2], points[3:])
    assert (verdict.verdict, verdict.implied) == ("likely typo", 37874)
    assert verdict.note == "a one-day excursion: the next bulletin continues from 37874, not 37832"


def test_the_day_after_a_typo_is_its_revert_not_a_correction():
    points = _points((100, 1), (1200, 2), (104, 2), (105, 1), (106, 1))  # 1200: 102 mistyped
    verdict = judge(points[:2], points[2], points[3:])
    assert verdict.verdict == "likely typo"
    assert verdict.note.startswith(f"the figure of {day(1)} was the typo")


def test_a_mistyped_increase_under_totals_that_hold():
    points = _points((100, 1), (112, 21), (113, 1), (114, 1))  # +21 for +12
    verdict = judge(points[:1], points[1], points[2:])
    assert verdict.verdict == "likely typo"
    assert verdict.note == "the stated increase +21 for +12: digits 1 and 2 are transposed"


def test_a_repeated_bulletin_is_source_lag_and_no_later_one_is_unexplained():
    points = _points((100, 1), (100, 1), (101, 1))
    assert judge(points[:1], points[1], points[2:], repeats=True).verdict == "source lag"
    verdict = judge(points[:1], Point(day(1), 90, 0), [])
    assert (verdict.verdict, verdict.note) == ("unexplained", "no later bulletin yet to tell")


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    increases=st.lists(st.integers(1, 60), min_size=10, max_size=10),
    typo_day=st.integers(2, 7),
    kind=st.sampled_from(KINDS),
    position=st.integers(0, 30),
)
def test_a_random_typo_is_flagged_as_likely_typo_with_the_true_value(
    tmp_path_factory, increases, typo_day, kind, position
):
    totals, total = [], 37_000
    for increase in increases:
        total += increase
        totals.append(total)
    mistyped = mistype(totals[typo_day], kind, position)
    if mistyped is None:  # e.g. two equal digits transposed: no typo to find
        return
    path = tmp_path_factory.mktemp("verdicts") / "w.duckdb"
    with Warehouse.open(path) as wh:
        for i, (total, increase) in enumerate(zip(totals, increases, strict=True)):
            shown = mistyped if i == typo_day else total
            load(wh, bulletin(day(i), {"artillery_systems": (shown, increase)}))
        wh.run_check()
        rows = {
            row.report_date: row
            for row in wh.check_rows(statuses=["mismatch", "restated", "implausible"])
        }
    flagged = rows[day(typo_day)]
    assert (flagged.source, flagged.verdict, flagged.implied) == (
        "mod",
        "likely typo",
        totals[typo_day],
    )
    after = rows.get(day(typo_day + 1))
    assert after is None or after.verdict == "likely typo"  # the revert, not a correction


def test_a_source_without_increases_is_judged_by_its_totals():
    points = _points((5181, None), (5167, None), (5170, None), (5172, None))
    verdict = judge(points[:1], points[1], points[2:])
    assert verdict.verdict == "official correction"
    assert verdict.note.endswith("(this source states no increases)")
    points = _points((5181, None), (7181, None), (5185, None), (5190, None))
    verdict = judge(points[:1], points[1], points[2:])
    assert (verdict.verdict, verdict.note) == (
        "likely typo",
        "a one-day excursion: the next total 5185 is back below it",
    )


def _verdicts(wh: Warehouse) -> set[tuple]:
    return set(
        wh.rows(
            "SELECT source, report_date, category, verdict, implied, note FROM verdicts "
            "WHERE kind = 'check'"
        )
    )


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    increases=st.lists(st.integers(1, 60), min_size=12, max_size=12),
    typos=st.sets(st.integers(1, 11), min_size=1, max_size=4),
    order=st.permutations(range(12)),
    cuts=st.sets(st.integers(1, 11), max_size=4),
    fixed=st.sets(st.integers(1, 11), max_size=2),
)
def test_a_check_judges_again_every_failure_it_can_change(
    tmp_path_factory, increases, typos, order, cuts, fixed
):
    """Days arrive in any order, in batches, some typos corrected later by a revision;
    after each batch's check the verdicts are those of judging every failure anew
    (a full check), though each check re-judges only the failures near the dates it
    checks (verdicts.judge_all)."""
    totals, total = [], 37_000
    for increase in increases:
        total += increase
        totals.append(total)
    shown = {i: totals[i] + (1000 if i in typos else 0) for i in range(12)}
    batches, batch = [], []
    for position, i in enumerate(order):
        if position in cuts and batch:
            batches.append(batch)
            batch = []
        batch.append(i)
    batches.append(batch)
    corrections = [i for i in sorted(fixed) if i in typos]
    path = tmp_path_factory.mktemp("incremental") / "w.duckdb"
    with Warehouse.open(path) as wh:

        def check_matches_a_full_one() -> None:
            wh.run_check()
            judged = _verdicts(wh)
            wh.run_check(full=True)
            assert judged == _verdicts(wh)

        for batch in batches:
            for i in batch:
                load(wh, bulletin(day(i), {"artillery_systems": (shown[i], increases[i])}))
            check_matches_a_full_one()
        for i in corrections:  # a revision of the day, the typo gone
            figures = {"artillery_systems": (totals[i], increases[i])}
            load(wh, bulletin(day(i), figures), url=f"http://mirror/mod/{day(i)}/fixed")
            check_matches_a_full_one()


def test_a_new_day_leaves_the_verdicts_of_failures_far_before_it(tmp_path):
    """The failure of day 2 is judged again while days within the window arrive, not
    after (its judged_at stays that of the last check near it)."""
    path = tmp_path / "w.duckdb"

    def judged_at(wh: Warehouse):
        return wh.one(
            "SELECT judged_at FROM verdicts WHERE kind = 'check' AND report_date = ?", [day(2)]
        )[0]

    with Warehouse.open(path) as wh:
        for i in range(12):
            total = 37_000 + 10 * i + (1000 if i == 2 else 0)
            load(wh, bulletin(day(i), {"artillery_systems": (total, 10)}))
            wh.run_check()
            if i == 6:
                near = judged_at(wh)
            if i == 7:
                assert judged_at(wh) == near  # day 7: four dates of the series after it
        assert judged_at(wh) == near
        wh.run_check(full=True)  # every failure judged again
        assert judged_at(wh) > near
