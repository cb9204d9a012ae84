"""Indexes: the MoD-era news listings (mil.gov.ua, mod.gov.ua and its tag page, kmu.gov.ua),
sitemaps, the bulletin slug families, the aggregator's month links, the API's next page."""

from __future__ import annotations

import datetime as dt

import pytest

from parsers import (
    ChallengePage,
    NewsEntry,
    NewsListing,
    ParseError,
    Sitemap,
    SitemapPage,
    api_next_page,
    looks_like_bulletin_url,
    parse_minfin_month_links,
    parse_news_listing,
    parse_sitemap,
)
from tests.support.fixtures import read_fixture

D = dt.date
MIL = "https://www.mil.gov.ua"


def test_mil_uk_listing_headlines_are_bulletins_without_a_report_date():
    listing = parse_news_listing(
        read_fixture("mod/listing-mil-uk-page2.html"), f"{MIL}/news/?page=2"
    )
    assert [(e.published, e.report_date, e.bulletin) for e in listing.entries] == [
        (D(2022, 7, 9), None, False),  # another news item
        (D(2022, 7, 9), None, True),  # "Втрати російських окупантів становлять …": no date
        (D(2022, 7, 8), None, True),  # a decoy: the page decides
        (D(2022, 7, 8), None, True),
        (D(2022, 7, 7), D(2022, 7, 7), True),  # "з 24.02 по 07.07": the year of publication
    ]
    assert {e.lang for e in listing.entries} == {"uk"}
    assert listing.entries[1].url == (
        f"{MIL}/news/2022/07/09/vtrati-rosijskih-okupantiv-stanovlyat-ponad-37200-osib-"
        "%E2%80%93-genshtab-zs-ukraini/"
    )
    assert (listing.next_url, listing.last_page) == (f"{MIL}/news/?page=3", 48)


def test_mil_en_listing_links_relative_to_the_base_and_relative_times():
    url = f"{MIL}/en/news/?page=1"
    listing = parse_news_listing(read_fixture("mod/listing-mil-en-page1.html"), url)
    assert listing.entries[0] == NewsEntry(
        f"{MIL}/en/news/2022/04/12/the-total-combat-losses-of-the-enemy-from-24-02-to-12-04/",
        "The total combat losses of the enemy from 24.02 to 12.04",
        D(2022, 4, 12),
        D(2022, 4, 12),
        True,
    )
    assert listing.entries[0].lang == "en"
    assert [(e.published, e.report_date, e.bulletin) for e in listing.entries[1:]] == [
        (None, None, False),  # "3 hours ago"
        (None, None, True),  # "The enemy's losses near Izium": a decoy, "Yesterday at 22:55"
        (D(2022, 4, 11), D(2022, 4, 11), True),
    ]
    assert (listing.next_url, listing.last_page) == (f"{MIL}/en/news/?page=2", 31)


def test_mod_gov_ua_listing_cards_and_pagination():
    url = "https://mod.gov.ua/news?page=3"
    listing = parse_news_listing(read_fixture("mod/listing-mod-uk-page3.html"), url)
    slugs = [e.url.removeprefix("https://mod.gov.ua/news/") for e in listing.entries]
    assert slugs == [
        "ministr-oboroni-proviv-zustrich-z-partneramy",
        "bojovi-vtrati-voroga-na-5-lyutogo-2026-roku",
        "vtrati-voroga-na-pokrovskomu-napryamku",
        "bojovi-vtrati-voroga-na-4-lyutogo-2026-roku-1",
        "zagalni-bojovi-vtrati-rosiyan-za-dobu-1-090-okupantiv-612-bpla-ta-40-artsistem",
        "zagalni-bojovi-vtrati-voroga-na-17-sichnya-2026-roku-1-130-okupantiv-721-bpla-ta-31-"
        "artsistema",
    ]
    assert [(e.published, e.report_date, e.bulletin) for e in listing.entries] == [
        (D(2026, 2, 5), None, False),
        (D(2026, 2, 5), D(2026, 2, 5), True),
        (D(2026, 2, 4), None, True),  # a decoy: the page decides
        (D(2026, 2, 4), D(2026, 2, 4), True),
        (D(2026, 1, 16), None, True),  # "… за добу: …" states no date
        (D(2026, 1, 17), D(2026, 1, 17), True),
    ]
    assert listing.next_url == "https://mod.gov.ua/news?page=4"
    assert listing.last_page == 70


def test_mod_gov_ua_tag_page_under_the_mirror_root():
    url = "http://127.0.0.1:8765/mod/news/tag-vidsich-agresoru?page=1"
    listing = parse_news_listing(read_fixture("mod/listing-mod-tag-page1.html"), url)
    assert [e.url for e in listing.entries] == [
        "http://127.0.0.1:8765/mod/news/boiovi-vtraty-voroha-na-20-kvitnia-2026-roku",
        "http://127.0.0.1:8765/mod/news/bojovi-vtrati-voroga-na-19-kvitnya-2026-roku-1",
        "http://127.0.0.1:8765/mod/news/boiovi-vtraty-voroha-na-19-kvitnia-2026-roku",
    ]
    # The slug of the second names the 19th; its title (and its page) the 20th.
    assert [e.report_date for e in listing.entries] == [
        D(2026, 4, 20),
        D(2026, 4, 20),
        D(2026, 4, 19),
    ]
    assert listing.next_url == "http://127.0.0.1:8765/mod/news/tag-vidsich-agresoru?page=2"
    assert listing.last_page == 12


def test_mod_gov_ua_english_listing():
    url = "https://mod.gov.ua/en/news?page=2"
    listing = parse_news_listing(read_fixture("mod/listing-mod-en-page2.html"), url)
    assert [(e.published, e.report_date, e.bulletin, e.lang) for e in listing.entries] == [
        (D(2026, 4, 12), D(2026, 4, 12), True, "en"),  # "… as of April 12, 2026"
        (D(2026, 2, 18), D(2026, 2, 18), True, "en"),
        (D(2024, 10, 7), None, True, "en"),  # "… over the last day: 880 persons …"
        (D(2024, 10, 6), None, False, "en"),
    ]


def test_kmu_listing():
    url = "https://www.kmu.gov.ua/en/news?page=1"
    listing = parse_news_listing(read_fixture("mod/listing-kmu-en-page1.html"), url)
    assert [(e.report_date, e.bulletin) for e in listing.entries] == [
        (D(2023, 5, 1), True),
        (None, False),  # "… as of 6 a.m., May 1, 2023": not a bulletin, no report date
        (D(2024, 1, 17), True),
    ]
    assert listing.entries[0].url == (
        "https://www.kmu.gov.ua/en/news/zahalni-boiovi-vtraty-protyvnyka-z-24022022-po-01052023"
    )
    assert (listing.next_url, listing.last_page) == ("https://www.kmu.gov.ua/en/news?page=2", 300)


@pytest.mark.parametrize(
    "name",
    [
        "listing-mil-uk-page2.html",
        "listing-mil-en-page1.html",
        "listing-mod-uk-page3.html",
        "listing-mod-tag-page1.html",
        "listing-kmu-en-page1.html",
    ],
)
def test_a_raw_listing_parses_as_its_text(name):
    body = read_fixture(f"mod/{name}")
    url = "https://example.org/news?page=2"
    assert parse_news_listing(body, url) == parse_news_listing(body.decode(), url)


def test_the_last_page_of_a_listing_has_no_next():
    page = (
        '<div class="news-list"></div>'
        '<nav class="pagination"><a href="/news?page=163">163</a></nav>'
    )
    listing = parse_news_listing(page, "https://mod.gov.ua/news?page=164")
    assert listing == NewsListing([], None, 164)


def test_a_truncated_listing_and_a_challenge_page():
    page = read_fixture("mod/listing-mod-uk-page3.html")
    with pytest.raises(ParseError, match="truncated"):
        parse_news_listing(page[:1500], "https://mod.gov.ua/news?page=3")
    with pytest.raises(ChallengePage, match="challenge page"):
        parse_news_listing(read_fixture("mod/challenge-cloudflare.html"), "https://mod.gov.ua/news")


def test_sitemap_index_and_monthly_sitemap():
    root = parse_sitemap(read_fixture("mod/sitemap-index.xml"), "https://mod.gov.ua/sitemap.xml")
    assert root == Sitemap(
        [
            "https://mod.gov.ua/sitemap/news-2026-02.xml",
            "https://mod.gov.ua/sitemap/news-2026-01.xml",
            "https://mod.gov.ua/sitemap/pages.xml",
        ],
        [],
    )
    month = parse_sitemap(
        read_fixture("mod/sitemap-news-2026-02.xml"), "https://mod.gov.ua/sitemap/news-2026-02.xml"
    )
    assert month.sitemaps == []
    assert month.pages == [
        SitemapPage(
            "https://mod.gov.ua/news/bojovi-vtrati-voroga-na-5-lyutogo-2026-roku", D(2026, 2, 5)
        ),
        SitemapPage(
            "https://mod.gov.ua/en/news/combat-losses-of-the-enemy-as-of-february-4-2026",
            D(2026, 2, 5),
        ),
        SitemapPage(
            "https://mod.gov.ua/news/ministr-oboroni-proviv-zustrich-z-partneramy?utm=a&b=c",
            D(2026, 2, 5),
        ),
        SitemapPage(
            "https://mod.gov.ua/news/bojovi-vtrati-voroga-na-4-lyutogo-2026-roku-1", D(2026, 2, 4)
        ),
        SitemapPage("https://mod.gov.ua/news/boiovi-vtraty-voroha-na-3-liutoho-2026-roku", None),
    ]
    assert [looks_like_bulletin_url(p.url) for p in month.pages] == [True, True, False, True, True]


def test_bad_sitemaps():
    body = read_fixture("mod/sitemap-news-2026-02.xml")
    with pytest.raises(ParseError, match="truncated"):
        parse_sitemap(body[: len(body) // 2], "https://mod.gov.ua/sitemap/news-2026-02.xml")
    with pytest.raises(ParseError, match="not a sitemap"):
        parse_sitemap(b"<html><body>Not found</body></html>", "https://mod.gov.ua/sitemap.xml")
    with pytest.raises(ChallengePage):
        parse_sitemap(
            read_fixture("mod/challenge-cloudflare.html"), "https://mod.gov.ua/sitemap.xml"
        )


@pytest.mark.parametrize(
    ("url", "bulletin"),
    [
        (
            "https://mod.gov.ua/news/zagalni-bojovi-vtrati-rosiyan-za-dobu-1-950-okupantiv-61-bpla-ta-38-artsistem",
            True,
        ),
        (
            "https://mod.gov.ua/news/zagalni-bojovi-vtrati-rosiyan-za-dobu-1-950-osib-61-bpla-ta-38-artsistem-1",
            True,
        ),
        (
            "https://mod.gov.ua/news/agalni-bojovi-vtrati-rosiyan-za-dobu-1-160-okupantiv-31-bpla-ta-41-artsistema",
            True,
        ),
        (
            "https://mod.gov.ua/news/zagalni-bojovi-vtrati-voroga-na-17-sichnya-2026-roku-1-130-okupantiv-721-bpla",
            True,
        ),
        ("https://mod.gov.ua/news/bojovi-vtrati-voroga-na-5-lyutogo-2026-roku", True),
        ("https://mod.gov.ua/news/boiovi-vtraty-voroha-na-2-kvitnia-2026-roku-1", True),
        ("https://mod.gov.ua/en/news/combat-losses-of-the-enemy-as-of-february-18-2026", True),
        (
            "https://mod.gov.ua/en/news/the-estimated-combat-losses-of-russians-over-the-last-day-880-persons-261-ua-vs-and-42-artillery-systems",
            True,
        ),
        (
            "https://www.mil.gov.ua/en/news/2022/04/12/the-total-combat-losses-of-the-enemy-from-24-02-to-12-04/",
            True,
        ),
        (
            "https://www.mil.gov.ua/news/2022/07/09/vtrati-okupantiv-stanovlyat-ponad-1640-tankiv-genshtab/",
            True,
        ),
        (
            "https://www.kmu.gov.ua/en/news/zahalni-boiovi-vtraty-protyvnyka-z-24022022-po-01052023",
            True,
        ),
        ("https://mod.gov.ua/news/ministr-oboroni-proviv-zustrich-z-partneramy", False),
        ("https://mod.gov.ua/en/news/defence-minister-met-partners", False),
        ("https://mod.gov.ua/news/tag-vidsich-agresoru", False),
    ],
)
def test_bulletin_slug_families(url, bulletin):
    assert looks_like_bulletin_url(url) is bulletin


def test_minfin_month_links_of_the_real_page_resolve_against_its_base():
    links = parse_minfin_month_links(
        read_fixture("minfin/ua-casualties-2023-06-04.html"),
        "https://index.minfin.com.ua/ua/russian-invading/casualties/",
    )
    assert links == [
        (m, f"https://index.minfin.com.ua/ua/russian-invading/casualties/{m}/")
        for m in ("2023-04", "2023-03", "2022-05", "2022-04", "2022-03", "2022-02")
    ]


def test_minfin_month_links_under_the_mirror_root_and_month_php():
    page = (
        "<html><head><base href='/minfin/ua/'></head><body>"
        "<div class='ajaxmonth'><h4><a href='russian-invading/casualties/2023-03/'>Березень</a>"
        "</h4></div><a href='/minfin/ua/russian-invading/casualties/month.php?lang=ua&amp;"
        "month=2023-01'>x</a><a href='russian-invading/casualties/cost/'>cost</a></body></html>"
    )
    assert parse_minfin_month_links(
        page, "http://127.0.0.1:1/minfin/ua/russian-invading/casualties/"
    ) == [
        ("2023-03", "http://127.0.0.1:1/minfin/ua/russian-invading/casualties/2023-03/"),
        (
            "2023-01",
            "http://127.0.0.1:1/minfin/ua/russian-invading/casualties/month.php?lang=ua&month=2023-01",
        ),
    ]


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


def test_item_classes_are_read_in_any_case_as_the_item_regexes_read_them():
    # _title_and_when looks for a class before running its regex: in any case, as the
    # regexes (re.I) match it, so an upper-case card's date and title are still read.
    url = "https://mod.gov.ua/en/news?page=2"
    page = read_fixture("mod/listing-mod-en-page2.html")
    shouted = page.replace(b"news-card__date", b"NEWS-CARD__DATE").replace(
        b"news-card__title", b"News-Card__Title"
    )
    assert shouted != page
    expected = parse_news_listing(page, url).entries
    assert expected and all(e.published for e in expected[:4])
    assert parse_news_listing(shouted, url).entries == expected
