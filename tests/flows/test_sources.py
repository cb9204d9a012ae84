"""The aggregator and API adapters on their own, and the one way a source is named:
which documents each asks for to cover a set of report dates, and what a fetched
one points to next. (The MoD adapter: test_mod_discovery.py.)"""

from __future__ import annotations

import asyncio
import datetime as dt
import json

import pytest

from flows.fetch import Request
from flows.settings import Settings
from flows.sources import (
    ApiSource,
    DaycsvSource,
    MinfinSource,
    ModSource,
    PetroivaniukPersonnelSource,
    PetroivaniukSource,
    source_for,
)
from parsers import FETCHABLE_SOURCES, SourceName
from parsers.errors import ConfigError
from warehouse import FetchedDocument

D = dt.date
TODAY = D(2024, 6, 15)
ROOTS = {
    "mod": "http://m.test/mod",
    "minfin": "http://m.test/minfin",
    "api": "http://m.test/api",
    "petroivaniuk": "http://m.test/datasets/p",
    "petroivaniuk_personnel": "http://m.test/datasets/p",
    "daycsv": "http://m.test/datasets/d",
}


def settings(**fields) -> Settings:
    return Settings(base_urls=dict(ROOTS), **fields)


def discover(adapter, wanted: set[dt.date], today: dt.date = TODAY) -> list[Request]:
    # Neither adapter reads anything to plan its requests: no fetcher is needed.
    return asyncio.run(adapter.discover(None, wanted, today)).requests


def answer(url: str, body: dict, kind: str = "range", status: int = 200) -> FetchedDocument:
    return FetchedDocument(
        "api",
        url,
        dt.datetime(2024, 6, 15, tzinfo=dt.UTC),
        status,
        "application/json",
        json.dumps(body).encode(),
        kind=kind,
    )


def test_every_fetchable_source_has_its_adapter_by_its_one_name():
    adapters = {name: source_for(name, settings()) for name in FETCHABLE_SOURCES}
    assert {name: type(a) for name, a in adapters.items()} == {
        SourceName.MOD: ModSource,
        SourceName.MINFIN: MinfinSource,
        SourceName.API: ApiSource,
        SourceName.PETROIVANIUK: PetroivaniukSource,
        SourceName.PETROIVANIUK_PERSONNEL: PetroivaniukPersonnelSource,
        SourceName.DAYCSV: DaycsvSource,
    }
    assert all(a.name == a.format == name for name, a in adapters.items())
    with pytest.raises(ConfigError, match="unknown source 'text'; choose one of mod, minfin, api"):
        source_for("text", settings())


@pytest.mark.parametrize(
    ("name", "url"),
    [
        ("petroivaniuk", "http://m.test/datasets/p/russia_losses_equipment.json"),
        ("petroivaniuk_personnel", "http://m.test/datasets/p/russia_losses_personnel.json"),
        ("daycsv", "http://m.test/datasets/d/losses_by_day.csv"),
    ],
)
def test_a_dataset_is_one_request_for_any_dates_its_whole_history(name, url):
    adapter = source_for(name, settings())
    history = {D(2022, 2, 25) + dt.timedelta(days=n) for n in range(1600)}
    for wanted in ({D(2024, 6, 4)}, history):
        assert [(r.url, r.source, r.kind) for r in discover(adapter, wanted)] == [
            (url, name, "dataset")
        ]
    assert discover(adapter, set()) == []
    assert adapter.follow_up(answer(url, {}, kind="dataset")) == []
    assert adapter.page_for(D(2024, 6, 4)) == url


def test_the_aggregator_asks_for_one_page_per_month_the_current_one_bare():
    wanted = {D(2024, 4, 30), D(2024, 5, 1), D(2024, 5, 31), D(2024, 6, 14)}
    requests = discover(MinfinSource(settings()), wanted)
    page = "http://m.test/minfin/ua/russian-invading/casualties/"
    assert [(r.url, r.kind, r.lang, r.source) for r in requests] == [
        (f"{page}2024-04/", "month", "uk", "minfin"),
        (f"{page}2024-05/", "month", "uk", "minfin"),
        (page, "month", "uk", "minfin"),  # the current month: the bare page
    ]
    english = discover(MinfinSource(settings(minfin_edition="en")), {D(2024, 5, 2)})
    assert english[0].url.startswith("http://m.test/minfin/en/") and english[0].lang == "en"
    assert discover(MinfinSource(settings()), set()) == []


def test_the_api_asks_for_one_day_by_date_or_one_range_for_many():
    api = ApiSource(settings())
    [one] = discover(api, {D(2024, 6, 4)})
    assert (one.url, one.kind, one.report_date) == (
        "http://m.test/api/api/v2/statistics/2024-06-04",
        "bulletin",
        D(2024, 6, 4),
    )
    [many] = discover(api, {D(2024, 6, 1), D(2024, 6, 4), D(2024, 6, 9)})
    assert (many.url, many.kind) == (
        "http://m.test/api/api/v2/statistics?date_from=2024-06-01&date_to=2024-06-09"
        "&offset=0&limit=50",
        "range",
    )
    assert discover(api, set()) == []


def test_an_api_range_page_points_to_the_next_one_and_nothing_else_does():
    api = ApiSource(settings())
    url = "http://m.test/api/api/v2/statistics?date_from=2024-01-01&date_to=2024-06-01&offset=0"
    paginator = {"data": {"records": [], "paginator": {"next_page_url": "?offset=50&limit=50"}}}
    [follow] = api.follow_up(answer(url, paginator))
    assert (follow.url, follow.kind, follow.source) == (
        "http://m.test/api/api/v2/statistics?offset=50&limit=50",
        "range",
        "api",
    )
    last = {"data": {"records": [], "paginator": {"next_page_url": None}}}
    assert api.follow_up(answer(url, last)) == []
    assert api.follow_up(answer(url, paginator, status=503)) == []
    assert api.follow_up(answer(url, paginator, kind="bulletin")) == []


def test_first_dates_and_whether_a_missing_day_fails():
    assert MinfinSource(settings()).first_date == ApiSource(settings()).first_date == D(2022, 2, 25)
    uk, en = ModSource(settings()), ModSource(settings(mod_lang="en"))
    assert uk.first_date == D(2022, 2, 27) and uk.missing_is_failure
    assert not en.missing_is_failure and en.lag == 1  # the English edition skips and lags
