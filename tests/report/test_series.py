"""The warehouse's reads for charts and the run's artifact (warehouse/series.py):
each category date by date, the last days, and how fresh each source is."""

from __future__ import annotations

import datetime as dt

import pytest

from parsers.vocabulary import CATEGORY_NAMES
from tests.support.report import API_DAYS, API_FETCHED_AT, MINFIN_FETCHED_AT, MISMATCH
from tests.support.warehouse import FETCHED_AT
from warehouse import SeriesPoint, Warehouse

LAST = dt.date(2026, 8, 8)  # the reference's last day


@pytest.fixture(scope="module")
def wh(report_warehouse):
    with Warehouse.open(report_warehouse, read_only=True) as opened:
        yield opened


def test_daily_series_is_each_category_date_by_date_in_canonical_order(wh):
    series = wh.daily_series()
    assert list(series) == [name for name in CATEGORY_NAMES if name in series]
    assert len(series) == len(CATEGORY_NAMES)  # the reference has every one at some time
    personnel = series["personnel"]
    assert personnel[0].date == dt.date(2022, 2, 25) and personnel[-1].date == LAST
    assert [p.date for p in personnel] == sorted({p.date for p in personnel})
    # the mod bulletin (preferred over api) with the increase it states, wrong or not
    date, _, _ = MISMATCH
    [point] = [p for p in personnel if p.date == date]
    [before] = [p for p in personnel if p.date == date - dt.timedelta(days=1)]
    assert point.source == "mod" and point.qualifier == "about"
    assert point.delta == point.total - before.total + 100
    # a category that ended: its dates only
    assert series["fuel_tanks"][-1].date == dt.date(2022, 4, 30)


def test_daily_series_since_categories_and_source(wh):
    since = LAST - dt.timedelta(days=9)
    series = wh.daily_series(since=since, categories=["tanks", "personnel"])
    assert list(series) == ["personnel", "tanks"]
    assert [p.date for p in series["tanks"]] == [since + dt.timedelta(days=n) for n in range(10)]
    assert wh.daily_series(since=LAST + dt.timedelta(days=1)) == {}
    assert wh.daily_series(since=dt.date(2023, 1, 1), categories=["fuel_tanks"]) == {}
    api = wh.daily_series(source="api", categories=["tanks"])
    assert [(p.date, p.source) for p in api["tanks"]] == [
        (LAST - dt.timedelta(days=n), "api") for n in range(API_DAYS - 1, -1, -1)
    ]
    assert isinstance(api["tanks"][0], SeriesPoint)


def test_recent_days_are_the_last_days_up_to_the_newest(wh):
    recent = wh.recent_days(14)
    assert recent.keys() == wh.daily_series(since=LAST).keys()  # the categories still reported
    assert [p.date for p in recent["personnel"]] == [
        LAST - dt.timedelta(days=n) for n in range(13, -1, -1)
    ]
    # of one source: its own newest date and days
    assert {len(points) for points in wh.recent_days(14, source="api").values()} == {API_DAYS}
    assert wh.recent_days(14, source="minfin") == {}  # nothing loaded from it
    with pytest.raises(ValueError, match="at least 1"):
        wh.recent_days(0)


def test_freshness_names_each_sources_last_report_date_and_fetch(wh):
    fresh = {f.source: f for f in wh.freshness()}
    assert list(fresh) == ["api", "minfin", "mod"]
    assert (fresh["mod"].last_report_date, fresh["mod"].last_fetched_at) == (LAST, FETCHED_AT)
    assert (fresh["api"].last_report_date, fresh["api"].last_fetched_at) == (LAST, API_FETCHED_AT)
    assert (fresh["minfin"].last_report_date, fresh["minfin"].last_fetched_at) == (
        None,
        MINFIN_FETCHED_AT,
    )
    assert fresh["mod"].days_behind(LAST + dt.timedelta(days=3)) == 3
    assert fresh["mod"].days_behind(LAST) == 0
    assert fresh["minfin"].days_behind(LAST) is None


def test_an_empty_warehouse_reads_as_empty(tmp_path):
    with Warehouse.open(tmp_path / "empty.duckdb") as wh:
        assert wh.daily_series() == {}
        assert wh.recent_days(14) == {}
        assert wh.freshness() == []
