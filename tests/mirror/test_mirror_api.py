"""The russianwarship.rip API as SITES.md §6 says: PHP json_encode escaping, keys appearing
over time, date-range paging (v1 an alias of v2)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mirror.site import JSON, Site
from parsers.vocabulary import BY_API_KEY

FIRST, LAST = dt.date(2022, 2, 25), dt.date(2026, 8, 8)
REAL = Path(__file__).resolve().parents[3] / "shared" / "real" / "023.json"


def record(site: Site, date: dt.date | str) -> tuple[bytes, dict]:
    response = site.resolve(f"/api/api/v2/statistics/{date}")
    assert response.status == 200 and response.content_type == JSON
    return response.body, json.loads(response.body)["data"]


def test_php_escaping(site):
    body, _ = record(site, "2024-06-04")
    assert body.startswith(
        b'{"message":"The data were fetched successfully.","data":{"date":"2024-06-04"'
    )
    assert b'"resource":"https:\\/\\/www.facebook.com\\/' in body
    assert b'": ' not in body and b', "' not in body and body.isascii()
    terms = site.resolve("/api/api/v2/terms/ua").body
    assert b"\\u041e\\u0441\\u043e\\u0431\\u043e\\u0432\\u0438\\u0439" in terms and terms.isascii()
    assert json.loads(terms)["data"]["personnel_units"]["title"] == "Особовий склад"


def test_figures_and_increases(site, reference):
    _, data = record(site, "2024-06-04")
    assert data["day"] == 832
    stats = {BY_API_KEY[k].name: v for k, v in data["stats"].items()}
    increase = {BY_API_KEY[k].name: v for k, v in data["increase"].items()}
    day = reference[dt.date(2024, 6, 4)]
    assert stats == {n: f.total for n, f in day.figures.items()} | {"mobile_srbm_systems": 4}
    assert increase == {n: f.delta for n, f in day.figures.items()} | {"mobile_srbm_systems": 0}
    _, early = record(site, "2022-03-20")  # the API states increases before May 2022
    assert early["increase"]["tanks"] == reference[dt.date(2022, 3, 20)].figures["tanks"].delta
    assert {"military_auto", "fuel_tanks"} <= set(
        early["stats"]
    ) and "vehicles_fuel_tanks" not in early["stats"]


def test_keys_over_time(site):
    keys = lambda date: set(record(site, date)[1]["stats"])  # noqa: E731
    assert "atgm_srbm_systems" not in keys("2022-03-25")
    assert "atgm_srbm_systems" in keys("2022-03-26")
    _, october = record(site, "2022-10-03")
    assert (
        october["stats"]["atgm_srbm_systems"] == 4 and october["increase"]["atgm_srbm_systems"] == 0
    )
    assert "submarines" not in keys("2023-09-13") and "submarines" in keys("2023-09-14")
    assert "war_status" not in record(site, "2022-12-31")[1]
    assert record(site, "2023-01-01")[1]["war_status"] == {"code": 1, "alias": "active"}
    assert "ground_robotic_systems" not in keys("2026-08-08")
    assert not any("robot" in k for k in keys("2026-08-08"))


@pytest.mark.skipif(not REAL.exists(), reason="../shared/real is not here")
def test_the_real_response_shape(site):
    real = json.loads(REAL.read_text())["data"]
    _, mine = record(site, "2022-10-03")
    assert list(mine) == list(real)  # date, day, resource, stats, increase
    assert list(mine["stats"]) == list(real["stats"])  # the key order too
    assert mine["stats"] == real["stats"] and mine["increase"] == real["increase"]


def test_latest_and_v1(site):
    assert record(site, "latest")[1]["date"] == "2026-08-08"
    assert (
        site.resolve("/api/api/v1/statistics/2023-01-01").body
        == site.resolve("/api/api/v2/statistics/2023-01-01").body
    )


def _api_range(site: Site, date_from: dt.date, date_to: dt.date, limit: int) -> list[str]:
    url = (
        f"http://mirror/api/api/v2/statistics?date_from={date_from}&date_to={date_to}"
        f"&offset=0&limit={limit}"
    )
    dates, total = [], None
    while url:
        parts = urlsplit(url)
        response = site.resolve(parts.path, parts.query, base_url="http://mirror")
        assert response.status == 200, url
        data = json.loads(response.body)["data"]
        paginator = data["paginator"]
        total = paginator["total"] if total is None else total
        assert paginator["total"] == total and paginator["limit"] == min(limit, 100)
        dates += [record["date"] for record in data["records"]]
        url = paginator["next_page_url"]
    assert len(dates) == total
    return dates


@settings(max_examples=30, deadline=None)
@given(
    start=st.dates(dt.date(2022, 2, 1), dt.date(2026, 9, 1)),
    days=st.integers(0, 400),
    limit=st.integers(1, 150),
)
def test_range_paging_covers_the_range_exactly(site, start, days, limit):
    end = start + dt.timedelta(days=days)
    dates = _api_range(site, start, end, limit)
    lo, hi = max(start, FIRST), min(end, LAST)
    assert dates == [str(lo + dt.timedelta(days=i)) for i in range((hi - lo).days + 1)]


def test_range_paginator(site):
    response = site.resolve(
        "/api/api/v2/statistics",
        "date_from=2024-01-01&date_to=2024-04-29&offset=0&limit=50",
        base_url="http://127.0.0.1:9",
    )
    assert (
        b'"next_page_url":"http:\\/\\/127.0.0.1:9\\/api\\/api\\/v2\\/statistics?' in response.body
    )
    assert json.loads(response.body)["data"]["paginator"] == {
        "total": 120,
        "offset": 0,
        "limit": 50,
        "next_page_url": "http://127.0.0.1:9/api/api/v2/statistics?date_from=2024-01-01"
        "&date_to=2024-04-29&offset=50&limit=50",
    }
