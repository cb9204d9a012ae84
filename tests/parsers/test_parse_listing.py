"""Listings: MoD news pages, the aggregator's month links, the API's next page."""

from __future__ import annotations

import datetime as dt

import pytest
from parse_fixtures import read_fixture

from parsers import (
    ListingEntry,
    ParseError,
    api_next_page,
    parse_minfin_month_links,
    parse_mod_listing,
)

D = dt.date


def test_mod_listing_keeps_bulletins_only_in_page_order():
    url = "https://mod.gov.ua/news?page=2"
    listing = parse_mod_listing(read_fixture("mod/listing-uk-page2.html"), url)
    assert listing.entries == [
        ListingEntry(
            D(2024, 6, 4),
            "uk",
            "https://mod.gov.ua/news/2024/06/04/81234-zagalni-bojovi-vtrati-protivnika-z-24-02-22-po-04-06-24",
            "Загальні бойові втрати противника з 24.02.22 по 04.06.24",
        ),
        ListingEntry(
            D(2024, 6, 3),
            "uk",
            "https://mod.gov.ua/news/2024/06/03/81230-zagalni-bojovi-vtrati-protivnika-z-24-02-22-po-03-06-24",
            "Загальні бойові втрати противника з 24.02.22 по 03.06.24",
        ),
        ListingEntry(
            D(2024, 6, 2),
            "uk",
            "https://mod.gov.ua/news/2024/06/02/81221-zagalni-bojovi-vtrati-protivnika-z-24-02-22-po-02-06-24",
            "Загальні бойові втрати противника з 24.02.22 по 02.06.24 (орієнтовно)",
        ),
    ]
    assert listing.next_url == "https://mod.gov.ua/news?page=3"
    assert listing.last_page == 164


def test_mod_listing_english_with_mirror_prefix_and_rel_next():
    url = "http://127.0.0.1:8765/mod/en/news?page=1"
    listing = parse_mod_listing(read_fixture("mod/listing-en-page1.html"), url)
    assert [(e.date, e.lang) for e in listing.entries] == [
        (D(2024, 6, 4), "en"),
        (D(2024, 6, 3), "en"),
    ]
    assert listing.entries[0].url.startswith("http://127.0.0.1:8765/mod/en/news/2024/06/04/81235-")
    assert listing.next_url == "http://127.0.0.1:8765/mod/en/news?page=2"
    assert listing.last_page == 3  # no "last" link: the highest page linked


def test_mod_listing_last_page_has_no_next():
    page = '<div class="news-list"></div><nav><a href="/news?page=163">163</a></nav>'
    listing = parse_mod_listing(page, "https://mod.gov.ua/news?page=164")
    assert (listing.entries, listing.next_url, listing.last_page) == ([], None, 164)


def test_mod_listing_truncated():
    page = read_fixture("mod/listing-uk-page2.html")
    with pytest.raises(ParseError, match="truncated"):
        parse_mod_listing(page[:1500], "https://mod.gov.ua/news?page=2")


def test_minfin_month_links():
    links = parse_minfin_month_links(
        read_fixture("minfin/ua-casualties-2024-06.html"),
        "http://127.0.0.1:8765/minfin/ua/russian-invading/casualties/",
    )
    assert links == [
        (m, f"http://127.0.0.1:8765/ua/russian-invading/casualties/month.php?month={m}")
        for m in ("2024-05", "2024-04", "2022-03", "2022-02")
    ]


def test_minfin_month_links_with_entities():
    page = (
        '<a href="/minfin/ua/russian-invading/casualties/month.php?lang=ua&amp;month=2023-01">x</a>'
    )
    (link,) = parse_minfin_month_links(page, "http://127.0.0.1:1/minfin/ua/x/")
    assert link == (
        "2023-01",
        "http://127.0.0.1:1/minfin/ua/russian-invading/casualties/month.php?lang=ua&month=2023-01",
    )


def test_api_next_page():
    url = "http://127.0.0.1:8765/api/api/v2/statistics?date_from=2024-06-01&date_to=2024-06-04"
    first = read_fixture("api/range-2024-06-01-page1.json")
    assert api_next_page(first, url) == (
        "http://127.0.0.1:8765/api/v2/statistics?date_from=2024-06-01&date_to=2024-06-04&offset=2&limit=2"
    )
    assert api_next_page(read_fixture("api/range-2024-06-01-page2.json"), url) is None
    assert api_next_page(read_fixture("api/latest-2024-06-04.json"), url) is None
    with pytest.raises(ParseError, match="not valid JSON"):
        api_next_page(b"{", url)
