"""Round trip: every format the mirror serves parses back (with parsers/) to the
reference figures, and the crawl helpers of parsers/ walk the mirror's links."""

from __future__ import annotations

import dataclasses
import datetime as dt
from urllib.parse import urlsplit

import pytest

from mirror.faults import parse_faults
from mirror.server import _miscoded
from parsers import (
    api_next_page,
    parse_document,
    parse_minfin_month_links,
    parse_mod_listing,
)

BASE = "http://127.0.0.1:8765"
SAMPLE = [
    dt.date(2022, 2, 25),
    dt.date(2022, 3, 7),  # personnel "more than"
    dt.date(2022, 4, 30),  # last day of the early categories
    dt.date(2022, 5, 1),  # first day of vehicles_fuel_tanks and cruise missiles
    dt.date(2024, 6, 4),
    dt.date(2026, 8, 8),
]


def _documents(site, date: dt.date):
    """(format name, path, query) of every document that states `date`."""
    month = f"month={date:%Y-%m}"
    docs = [
        ("mod-uk", site.bulletin_url(date, "uk"), ""),
        ("mod-en", site.bulletin_url(date, "en"), ""),
        ("minfin-month-uk", "/minfin/ua/russian-invading/casualties/month.php", month),
        ("minfin-month-en", "/minfin/en/russian-invading/casualties/month.php", month),
        ("api-day", f"/api/api/v2/statistics/{date}", ""),
        ("api-range", "/api/api/v2/statistics", f"date_from={date}&date_to={date}"),
    ]
    if date == site.until:
        docs.append(("api-latest", "/api/api/v2/statistics/latest", ""))
        for edition in ("ua", "en"):
            docs.append(
                (f"minfin-{edition}", f"/minfin/{edition}/russian-invading/casualties/", "")
            )
    return docs


def _parse(site, path: str, query: str = "", tweaks=None):
    response = site.resolve(path, query, base_url=BASE, tweaks=tweaks)
    assert response.status == 200, path
    url = f"{BASE}{path}" + (f"?{query}" if query else "")
    return parse_document(response.body, url=url, content_type=response.content_type)


@pytest.mark.parametrize("date", SAMPLE)
def test_every_format_parses_back_to_the_reference(site, reference, date):
    for name, path, query in _documents(site, date):
        bulletins = [b for b in _parse(site, path, query) if b.date == date]
        assert len(bulletins) == 1, name
        (bulletin,) = bulletins
        assert bulletin.errors == (), name
        expected = dict(reference[date].figures)
        if name.startswith("api"):  # the API has numbers only: personnel is "about"
            expected["personnel"] = dataclasses.replace(expected["personnel"], qualifier="about")
        assert dict(bulletin.figures) == expected, name
        assert bulletin.lang == ("en" if name.endswith("en") or "api" in name else "uk"), name


@pytest.mark.parametrize("lang", ["uk", "en"])
def test_listing_crawl_finds_every_bulletin_once(site, reference, lang):
    url = f"{BASE}/mod/news?page=1" if lang == "uk" else f"{BASE}/mod/en/news?page=1"
    found = []
    while url:
        parts = urlsplit(url)
        listing = parse_mod_listing(site.resolve(parts.path, parts.query).body, url)
        assert listing.last_page == site.listing_pages(lang)
        found += [(e.date, urlsplit(e.url).path) for e in listing.entries]
        url = listing.next_url
    assert [d for d, _ in found] == sorted(reference, reverse=True)
    assert all(path == site.bulletin_url(d, lang) for d, path in found)


def test_minfin_month_links_reach_every_month(site, reference):
    page_url = f"{BASE}/minfin/ua/russian-invading/casualties/"
    links = parse_minfin_month_links(site.resolve(urlsplit(page_url).path).body, page_url)
    months = {f"{d:%Y-%m}" for d in reference} - {f"{site.until:%Y-%m}"}
    assert {month for month, _ in links} == months
    dates = set()
    for _, url in links:
        parts = urlsplit(url)
        dates |= {b.date for b in _parse(site, parts.path, parts.query)}
    assert len(dates) == len(reference) - site.until.day


def test_api_next_page_walks_a_range(site):
    url = f"{BASE}/api/api/v2/statistics?date_from=2023-01-01&date_to=2023-12-31&limit=40"
    dates = []
    while url:
        parts = urlsplit(url)
        body = site.resolve(parts.path, parts.query, base_url=BASE).body
        dates += [b.date for b in parse_document(body, url=url, format="api")]
        url = api_next_page(body, url)
    assert dates == [dt.date(2023, 1, 1) + dt.timedelta(days=i) for i in range(365)]


def test_faulted_documents_are_caught_or_read_right(site):
    """Faults that DESIGN.md says a parser must notice: letters in a number and an
    unknown label give bulletin errors; a cp1251 body declared utf-8 still reads."""
    day = dt.date(2024, 6, 4)
    mod = site.bulletin_url(day)
    for spec, path in [
        ("absurd:letters", mod),
        ("absurd:letters", f"/api/api/v2/statistics/{day}"),
        ("layout:labels", mod),
        ("layout:labels", f"/api/api/v2/statistics/{day}"),
    ]:
        tweaks = parse_faults(f"/*={spec}").decide(path).tweaks
        (bulletin,) = _parse(site, path, tweaks=tweaks)
        assert bulletin.errors, (spec, path)
    tweaks = parse_faults("/*=layout:labels").decide("/x").tweaks
    month = [
        b
        for b in _parse(
            site, "/minfin/ua/russian-invading/casualties/month.php", "month=2024-06", tweaks
        )
        if b.date == day
    ]
    assert month[0].errors
    miscoded = _miscoded(site.resolve(mod), "cp1251")
    (bulletin,) = parse_document(miscoded.body, url=BASE + mod, content_type=miscoded.content_type)
    assert bulletin.figures["tanks"].total == 7794 and not bulletin.errors
