"""What the mirror serves for a history: listings cover every day once, API paging
covers a range exactly, --until is respected, unknown things are a clear 404."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import re
from urllib.parse import urlsplit

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from mirror_pages import listing_entries, minfin_days, pagination

from mirror.reference import load_reference
from mirror.site import PAGE_SIZE, Site

FIRST, LAST = dt.date(2022, 2, 25), dt.date(2026, 8, 8)
UK_TITLE = re.compile(r"Загальні бойові втрати противника з 24\.02\.22 по (\d\d)\.(\d\d)\.(\d\d)$")
EN_TITLE = re.compile(
    r"The total combat losses of the enemy from 24\.02\.2022 to (\d\d)\.(\d\d)\.(\d{4})$"
)


def _title_date(title: str) -> dt.date | None:
    match = UK_TITLE.match(title) or EN_TITLE.match(title)
    if not match:
        return None
    day, month, year = (int(g) for g in match.groups())
    return dt.date(year if year > 100 else 2000 + year, month, day)


def crawl_listing(site: Site, lang: str) -> list[tuple[str, str, str]]:
    """Follow the listing's "next" links from page 1 to the end."""
    url = "/mod/news?page=1" if lang == "uk" else "/mod/en/news?page=1"
    entries, pages = [], 0
    while url:
        path, _, query = url.partition("?")
        response = site.resolve(path, query)
        assert response.status == 200, url
        html = response.body.decode()
        page_entries = listing_entries(html)
        links = pagination(html)
        pages += 1
        assert links["last"].endswith(f"page={site.listing_pages(lang)}")
        if "next" in links:
            assert len(page_entries) == PAGE_SIZE
        entries += page_entries
        url = links.get("next")
    assert pages == site.listing_pages(lang)
    return entries


@pytest.mark.parametrize("lang", ["uk", "en"])
def test_listing_covers_every_day_exactly_once_newest_first(site, reference, lang):
    entries = crawl_listing(site, lang)
    bulletins = [
        (_title_date(title), href, when) for when, href, title in entries if _title_date(title)
    ]
    dates = [date for date, _, _ in bulletins]
    assert dates == sorted(reference, reverse=True)  # every day once, newest first
    assert len(entries) == 2 * len(reference)  # one unrelated item per day
    stamps = [dt.datetime.strptime(when, "%d.%m.%Y %H:%M") for when, _, _ in entries]
    assert stamps == sorted(stamps, reverse=True)
    prefix = "/mod/news/" if lang == "uk" else "/mod/en/news/"
    for date, href, when in bulletins:
        assert href.startswith(f"{prefix}{date:%Y/%m/%d}/")
        assert when.startswith(f"{date:%d.%m.%Y} ")
        assert href == site.bulletin_url(date, lang)
    # Every link of the listing resolves, bulletins and unrelated news alike.
    for _, href, _ in entries[:60] + entries[-60:]:
        assert site.resolve(href).status == 200, href


def test_slug_ids_are_not_predictable_but_stable(site):
    ids = [int(site.bulletin_url(d).split("/")[-1].split("-")[0]) for d in site.dates]
    gaps = {b - a for a, b in itertools.pairwise(ids)}
    assert ids == sorted(ids) and len(gaps) > 20
    assert (
        site.bulletin_url(FIRST, "uk").split("/")[-1]
        != site.bulletin_url(FIRST, "en").split("/")[-1]
    )
    assert site.bulletin_url(dt.date(2024, 6, 4), "en").endswith(
        "-the-total-combat-losses-of-the-enemy-from-24-02-2022-to-04-06-2024"
    )
    assert site.bulletin_url(dt.date(2024, 6, 4), "uk").endswith(
        "-zagalni-bojovi-vtrati-protivnika-z-24-02-22-po-04-06-24"
    )
    shorter = Site(load_reference(), dt.date(2023, 1, 1))
    assert shorter.bulletin_url(dt.date(2022, 12, 31)) == site.bulletin_url(dt.date(2022, 12, 31))
    other_seed = Site(load_reference(), seed=7)
    assert other_seed.bulletin_url(FIRST) != site.bulletin_url(FIRST)


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
        assert len(data["records"]) <= paginator["limit"]
        dates += [record["date"] for record in data["records"]]
        url = paginator["next_page_url"]
    assert len(dates) == total
    return dates


@settings(max_examples=40, deadline=None)
@given(
    start=st.dates(dt.date(2022, 2, 1), dt.date(2026, 9, 1)),
    days=st.integers(0, 400),
    limit=st.integers(1, 150),
)
def test_api_range_paging_covers_the_range_exactly(site, start, days, limit):
    end = start + dt.timedelta(days=days)
    dates = _api_range(site, start, end, limit)
    lo, hi = max(start, FIRST), min(end, LAST)
    expected = [str(lo + dt.timedelta(days=i)) for i in range((hi - lo).days + 1)]
    assert dates == expected


def test_api_range_example(site):
    response = site.resolve(
        "/api/api/v2/statistics",
        "date_from=2024-01-01&date_to=2024-04-29&offset=0&limit=50",
        base_url="http://127.0.0.1:9",
    )
    paginator = json.loads(response.body)["data"]["paginator"]
    assert paginator == {
        "total": 120,
        "offset": 0,
        "limit": 50,
        "next_page_url": "http://127.0.0.1:9/api/api/v2/statistics?date_from=2024-01-01"
        "&date_to=2024-04-29&offset=50&limit=50",
    }


def test_until_is_respected():
    until = dt.date(2024, 6, 4)
    site = Site(load_reference(), until)
    full = Site(load_reference())
    first_page = listing_entries(site.resolve("/mod/news", "page=1").body.decode())
    assert next(_title_date(t) for _, _, t in first_page if _title_date(t)) == until
    assert site.resolve(full.bulletin_url(until)).status == 200
    later = site.resolve(full.bulletin_url(until + dt.timedelta(days=1)))
    assert later.status == 404
    assert b"2022-02-25..2024-06-04" in later.body
    latest = json.loads(site.resolve("/api/api/v2/statistics/latest").body)
    assert latest["data"]["date"] == "2024-06-04"
    assert site.resolve("/api/api/v2/statistics/2024-06-05").status == 404
    page = site.resolve("/minfin/ua/russian-invading/casualties/").body.decode()
    assert list(minfin_days(page, "uk")) == [dt.date(2024, 6, d) for d in (4, 3, 2, 1)]
    assert "month.php?month=2024-05" in page and "month.php?month=2024-06" not in page
    month = site.resolve("/minfin/ua/russian-invading/casualties/month.php", "month=2024-06")
    assert len(minfin_days(month.body.decode(), "uk")) == 4
    assert (
        site.resolve("/minfin/ua/russian-invading/casualties/month.php", "month=2024-07").status
        == 404
    )
    paged = json.loads(
        site.resolve("/api/api/v2/statistics", "date_from=2024-06-01&date_to=2024-12-31").body
    )
    assert paged["data"]["paginator"]["total"] == 4


@pytest.mark.parametrize(
    ("path", "query", "status", "says"),
    [
        ("/nowhere", "", 404, "under these paths"),
        ("/mod/news/2022/02/24/123-x", "", 404, "2022-02-25..2026-08-08"),
        ("/mod/news/2024/06/04/123-x", "", 404, "follow the links of the listing"),
        ("/mod/news/2024/13/04/123-x", "", 404, "no valid date"),
        ("/mod/news", "page=0", 400, "page must be an integer >= 1"),
        ("/mod/news", "page=999", 404, "the listing has 163 pages"),
        ("/minfin/ua/russian-invading/casualties/month.php", "month=2022-01", 404, "2022-01"),
        ("/minfin/ua/russian-invading/casualties/month.php", "month=x", 400, "YYYY-MM"),
        ("/api/api/v2/statistics/2022-02-24", "", 404, "no statistics for 2022-02-24"),
        ("/api/api/v2/statistics/yesterday", "", 404, "latest or YYYY-MM-DD"),
        ("/api/v2/statistics/latest", "", 404, "/api/api/v2/statistics/latest"),
        ("/api/api/v2/statistics", "date_from=2024-02-01&date_to=2024-01-01", 400, "after"),
        ("/api/api/v2/statistics", "date_from=junk", 400, "date_from must be a date"),
        ("/api/api/v2/statistics", "limit=0", 400, "limit must be an integer >= 1"),
    ],
)
def test_clear_errors(site, path, query, status, says):
    response = site.resolve(path, query)
    assert response.status == status
    assert says in response.body.decode()
    if path.startswith("/api"):
        assert "message" in json.loads(response.body)


def test_until_outside_the_history_is_refused():
    with pytest.raises(ValueError, match="outside the reference history"):
        Site(load_reference(), dt.date(2030, 1, 1))
    with pytest.raises(ValueError, match="outside the reference history"):
        Site(load_reference(), dt.date(2022, 2, 24))
