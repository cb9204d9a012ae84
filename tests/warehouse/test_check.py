"""The delta check: each status on a small series, incremental runs, and a
property test: random monotone series with injected faults are flagged exactly."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.support.warehouse import bulletin, check_statuses, load

D0 = dt.date(2024, 6, 1)


def day(i: int) -> dt.date:
    return D0 + dt.timedelta(days=i)


def _series(wh, *days):
    """Load (index, {category: (total, delta)}) pairs, then check."""
    for i, figures in days:
        load(wh, bulletin(day(i), figures))
    return wh.run_check()


def _status(wh, i, category):
    return check_statuses(wh)[(day(i), category)]


def test_consecutive_days_ok_and_mismatch(wh):
    summary = _series(
        wh,
        (0, {"tanks": (100, 100), "mlrs": (10, 10)}),
        (1, {"tanks": (105, 5), "mlrs": (12, 3)}),
    )
    assert check_statuses(wh) == {
        (day(0), "tanks"): "new_category",
        (day(0), "mlrs"): "new_category",
        (day(1), "tanks"): "ok",
        (day(1), "mlrs"): "mismatch",
    }
    assert summary.counts == {"new_category": 2, "ok": 1, "mismatch": 1}
    [failure] = summary.failures
    assert failure["report_date"] == "2024-06-02"
    assert (failure["status"], failure["reported_delta"], failure["computed_delta"]) == (
        "mismatch",
        3,
        2,
    )
    assert failure["note"] == "reported +3, the totals differ by 2"


def test_gap_restated_no_delta_and_new_category(wh):
    _series(
        wh,
        (0, {"tanks": (100, 100), "mlrs": (10, 10), "aircraft": (50, 50)}),
        (3, {"tanks": (110, 4), "mlrs": (20, 15), "aircraft": (51, None)}),
        (4, {"tanks": (108, 0), "mlrs": (20, 0), "aircraft": (52, 1), "submarines": (1, 1)}),
    )
    assert _status(wh, 3, "tanks") == "gap"  # 10 over 3 days >= the stated 4
    assert _status(wh, 3, "mlrs") == "mismatch"  # 10 over 3 days < the stated 15
    assert _status(wh, 3, "aircraft") == "no_delta"
    assert _status(wh, 4, "tanks") == "restated"
    assert _status(wh, 4, "submarines") == "new_category"
    [gap] = wh.check_rows(statuses=["gap"])
    assert (gap.previous_date, gap.computed_delta, gap.note) == (
        day(0),
        10,
        "2 day(s) missing since 2024-06-01",
    )


def test_merged_category_continues_its_parents(wh):
    _series(
        wh,
        (0, {"military_auto": (900, 900), "fuel_tanks": (60, 60)}),
        (1, {"military_auto": (910, 10), "fuel_tanks": (61, 1)}),
        (2, {"vehicles_fuel_tanks": (975, 4)}),
    )
    [row] = wh.check_rows(statuses=["merged_category"])
    assert (row.report_date, row.compared_with, row.previous_total, row.computed_delta) == (
        day(2),
        "fuel_tanks+military_auto",
        971,
        4,
    )


def test_merged_category_with_a_wrong_increase_is_a_mismatch(wh):
    _series(
        wh,
        (0, {"military_auto": (900, 900), "fuel_tanks": (60, 60)}),
        (1, {"vehicles_fuel_tanks": (975, 975)}),  # stated as if it were new
    )
    assert _status(wh, 1, "vehicles_fuel_tanks") == "mismatch"


def test_merged_category_without_both_parents_is_new(wh):
    _series(wh, (0, {"military_auto": (900, 900)}), (1, {"vehicles_fuel_tanks": (975, 975)}))
    assert _status(wh, 1, "vehicles_fuel_tanks") == "new_category"


@pytest.mark.parametrize(
    ("figures", "note"),
    [
        ({"personnel": (107_000, 7_000)}, "reported increase 7000 is over the daily bound 5000"),
        ({"personnel": (107_000, 1_000)}, "total grew by 7000 in 1 day(s), over the daily"),
        ({"personnel": (100_500, -3)}, "reported increase -3 is negative"),
        ({"submarines": (200, 1)}, "over the daily bound 5"),
    ],
)
def test_implausible_figures(wh, figures, note):
    summary = _series(
        wh, (0, {"personnel": (100_000, 100_000), "submarines": (1, 1)}), (1, figures)
    )
    [row] = [f for f in summary.failures if f["status"] == "implausible"]
    assert note in row["note"]


def test_total_a_hundred_times_the_previous_is_implausible(wh):
    _series(wh, (0, {"uav": (20, 20)}), (1, {"uav": (2_500, 2_480)}))
    [row] = wh.check_rows(statuses=["implausible"])
    assert row.note == "total 2500 is over 100x the previous total 20"


def test_a_long_gap_scales_the_bound(wh):
    _series(wh, (0, {"personnel": (100_000, 100_000)}), (5, {"personnel": (118_000, 3_000)}))
    assert _status(wh, 5, "personnel") == "gap"  # 18,000 in 5 days is under 5 x 5,000


def test_one_new_day_checks_one_day(wh):
    _series(wh, *[(i, {"tanks": (100 + i, 1)}) for i in range(30)])
    load(wh, bulletin(day(30), {"tanks": (130, 1)}))
    summary = wh.run_check()
    assert (summary.dates, summary.checked, summary.counts) == (1, 1, {"ok": 1})
    assert wh.run_check().checked == 0


def test_a_revision_rechecks_its_day_and_the_next(wh):
    _series(wh, *[(i, {"tanks": (100 + i, 1)}) for i in range(10)])
    load(wh, bulletin(day(4), {"tanks": (110, 7)}), url="http://m/mod/corrected")
    summary = wh.run_check()
    assert summary.dates == 2
    assert _status(wh, 4, "tanks") == "ok"  # 103 -> 110, stated +7
    assert _status(wh, 5, "tanks") == "restated"  # 110 -> 105
    assert [r.revision for r in wh.check_rows(statuses=["ok"]) if r.report_date == day(4)] == [2]


def test_a_late_day_rechecks_its_successor(wh):
    _series(wh, (0, {"tanks": (100, 100)}), (2, {"tanks": (104, 2)}))
    assert _status(wh, 2, "tanks") == "gap"
    load(wh, bulletin(day(1), {"tanks": (102, 2)}))
    summary = wh.run_check()
    assert summary.dates == 2
    assert (_status(wh, 1, "tanks"), _status(wh, 2, "tanks")) == ("ok", "ok")


def test_full_recheck_equals_incremental(wh):
    _series(wh, *[(i, {"tanks": (100 + 2 * i, 2 if i % 7 else 3)}) for i in range(20)])
    before = check_statuses(wh)
    summary = wh.run_check(full=True)
    assert summary.dates == 20
    assert check_statuses(wh) == before


def _ramp(wh, category: str, increases: list[int], start_total: int = 10_000):
    """Consecutive days of one category with these stated increases, checked."""
    total, days = start_total, []
    for i, increase in enumerate(increases):
        total += increase
        days.append((i, {category: (total, increase)}))
    return _series(wh, *days)


def test_the_bound_follows_the_tempo_of_the_previous_weeks(wh):
    # Drone losses growing for weeks past the static bound (10,000) are the war's tempo...
    increases = [6_000 + 300 * i for i in range(30)]  # up to 14,700 a day
    summary = _ramp(wh, "uav", increases)
    assert summary.counts.get("implausible", 0) == 0
    # ...and a typo, an extra digit on one day, is still over the adapted bound.
    load(wh, bulletin(day(30), {"uav": (10_000 + sum(increases) + 150_000, 150_000)}))
    wh.run_check()
    [row] = wh.check_rows(statuses=["implausible"])
    assert row.report_date == day(30)
    assert row.note == (
        "reported increase 150000 is over the daily bound 42600 "
        "(4x the median 10650.0 of the previous 28 days)"
    )


def test_a_quiet_category_keeps_its_static_bound(wh):
    _ramp(wh, "tanks", [3] * 20 + [300])  # the static bound, 200, is the floor
    [row] = wh.check_rows(statuses=["implausible"])
    assert row.note == "reported increase 300 is over the daily bound 200"


def test_without_enough_history_the_static_bound_applies(wh):
    _ramp(wh, "uav", [9_000] * 6 + [12_000])  # 6 earlier days: too few to adapt
    [row] = wh.check_rows(statuses=["implausible"])
    assert (row.report_date, row.note) == (
        day(6),
        "reported increase 12000 is over the daily bound 10000",
    )


def test_the_adapted_bound_is_the_same_in_a_full_recheck(wh):
    _ramp(wh, "uav", [6_000 + 300 * i for i in range(30)] + [150_000])
    before = check_statuses(wh)
    wh.run_check(full=True)
    assert check_statuses(wh) == before
    assert before[(day(30), "uav")] == "implausible"
