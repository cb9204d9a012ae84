"""The indexes (listings, the tag page, the sitemap) newest first and paginated, their
coverage gaps (SITES.md §3), English gaps and lag, decoys, and nothing after `until`."""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urlsplit

import pytest

from mirror.reference import load_reference
from mirror.site import PAGE_SIZE, Site
from tests.support.pages import listing_entries, pagination, sitemap_locs

MIL, KMU, MOD = "www.mil.gov.ua", "www.kmu.gov.ua", "mod.gov.ua"
BASE = "http://m:1"


def crawl(site: Site, start: str) -> list[tuple[str, str, str]]:
    """Follow a listing's "next" links from page 1 to the end: [(path, title, when)]."""
    url, entries, pages = BASE + start, [], 0
    while url:
        parts = urlsplit(url)
        response = site.resolve(parts.path, parts.query, base_url=BASE)
        assert response.status == 200, url
        html = response.body.decode()
        page_entries = listing_entries(html)
        links = pagination(html)
        pages += 1
        if "next" in links:
            assert len(page_entries) == PAGE_SIZE
        if "next" not in links:
            assert urlsplit(links["last"]).query == f"page={pages}"
        entries += [(urlsplit(href).path, title, when) for href, title, when in page_entries]
        url = links.get("next")
    return entries


def sitemap(site: Site) -> list[tuple[str, str]]:
    index = site.resolve("/mod/sitemap.xml", base_url=BASE).body.decode()
    assert index.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex')
    months = sitemap_locs(index)
    assert [m for m, _ in months] == sorted((m for m, _ in months), reverse=True)
    urls = []
    for loc, _ in months:
        xml = site.resolve(urlsplit(loc).path, base_url=BASE).body.decode()
        assert "<urlset" in xml
        urls += [(urlsplit(u).path, lastmod) for u, lastmod in sitemap_locs(xml)]
    return urls


@pytest.fixture(scope="module")
def mod_indexes(site):
    return {
        "news": crawl(site, "/mod/news?page=1"),
        "tag": crawl(site, "/mod/news/tag-vidsich-agresoru?page=1"),
        "en": crawl(site, "/mod/en/news?page=1"),
        "sitemap": sitemap(site),
    }


def _stamp(when: str) -> dt.datetime:
    return dt.datetime.strptime(when, "%d.%m.%Y %H:%M")


def test_mod_listing_newest_first_with_other_news(site, mod_indexes):
    entries = mod_indexes["news"]
    stamps = [_stamp(w) for _, _, w in entries]
    assert stamps == sorted(stamps, reverse=True)
    assert len(entries) == len(site.listing(MOD)) and len(entries) > 3 * 671 / 2
    bulletins = [p for p in site.listing(MOD) if p.is_bulletin]
    assert len(bulletins) < len(entries) / 2  # one or two other news items a day
    assert {path for path, _, _ in entries} == {p.path for p in site.listing(MOD)}
    html = site.resolve("/mod/news", "page=1", base_url=BASE).body.decode()
    assert re.search(
        r'<nav class="pagination"><span class="current">1</span> <a href="http://m:1/mod/news\?page=2">2</a>',
        html,
    )
    assert f'<a class="last" href="http://m:1/mod/news?page={site.listing_pages(MOD)}">' in html
    assert '<a class="next" href="http://m:1/mod/news?page=2">Наступна</a>' in html


def test_coverage_order_of_trust(site, mod_indexes):
    by_path = {
        p.path: p for d in site.dates for p in site.pages(d) if p.site == MOD and p.edition == "uk"
    }

    def dates(entries):
        return {by_path[path].date for path, *_ in entries if path in by_path}

    every = {d for d in site.dates if d >= dt.date(2024, 10, 7)}
    news, tag, sitemap_dates = (
        dates(mod_indexes["news"]),
        dates(mod_indexes["tag"]),
        dates(mod_indexes["sitemap"]),
    )
    assert sitemap_dates == every  # the sitemap has every page
    missing_news = every - news
    assert 1 / 60 < len(missing_news) / len(every) < 1 / 15  # about one in 30
    assert len(missing_news & tag) > len(missing_news) / 2  # the tag page has most of those
    only_sitemap = every - news - tag
    assert only_sitemap  # a crawler reading listing, tag page, sitemap in that order finds all
    assert news | tag | sitemap_dates == every
    missing_tag = every - tag
    assert 1 / 40 < len(missing_tag) / len(every) < 1 / 10
    for date in sorted(every)[::40]:
        expected = (
            {"sitemap"}
            | ({"news"} if date in news else set())
            | ({"tag"} if date in tag else set())
        )
        assert site.listed_in(date) == expected, date


def test_tag_page_lists_only_bulletins_and_decoys(site, mod_indexes):
    kinds = {site._catalog.by_path[path].kind for path, _, _ in mod_indexes["tag"]}
    assert kinds == {"bulletin", "decoy"}


def test_sitemap_has_every_mod_page_in_both_editions(site, mod_indexes):
    urls = dict(mod_indexes["sitemap"])
    pages = site.feed(MOD, "uk") + site.feed(MOD, "en")
    assert set(urls) == {p.path for p in pages}
    assert any(p.duplicate for p in pages if p.path in urls)
    assert all(
        re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:00\+0[23]:00", lastmod)
        for lastmod in urls.values()
    )
    winter = next(p for p in pages if p.published.month == 1)
    summer = next(p for p in pages if p.published.month == 7)
    assert urls[winter.path].endswith("+02:00") and urls[summer.path].endswith("+03:00")


def test_mil_listing(site):
    for edition, start in (
        ("uk", "/mod/www.mil.gov.ua/news/?page=1"),
        ("en", "/mod/www.mil.gov.ua/en/news/?page=1"),
    ):
        entries = crawl(site, start)
        found = {path for path, _, _ in entries}
        bulletins = {
            p.path
            for d in site.dates
            for p in site.pages(d)
            if p.site == MIL and p.edition == edition
        }
        assert bulletins <= found and len(found) == len(site.feed(MIL, edition))
        assert entries[0][0].startswith(
            f"/mod/www.mil.gov.ua/{'en/' if edition == 'en' else ''}news/2024/10/0"
        )
    uk = site.resolve("/mod/www.mil.gov.ua/news/", "page=50", base_url=BASE).body.decode()
    metas = re.findall(r'<p class="meta">([^<]+)</p>', uk)
    assert all(re.fullmatch(r"\d\d [а-яії]+ 202\d, \d\d:\d\d", m) for m in metas), metas[:3]
    assert '<li class="next"><a href="http://m:1/mod/www.mil.gov.ua/news/?page=51">»</a></li>' in uk
    en = site.resolve("/mod/www.mil.gov.ua/en/news/", "page=50").body.decode()
    assert all(
        re.fullmatch(r"\d\d [a-z]+ 202\d, \d\d:\d\d", m)
        for m in re.findall(r'<p class="meta">([^<]+)</p>', en)
    )


def test_kmu_listing(site):
    entries = crawl(site, "/mod/www.kmu.gov.ua/en/news?page=1")
    found = {path for path, _, _ in entries}
    kmu = {p.path for d in site.dates for p in site.pages(d) if p.site == KMU}
    assert kmu <= found and 200 < len(kmu) < 276


def test_english_gaps_and_lag(site):
    mil_days = [d for d in site.dates if dt.date(2022, 2, 27) <= d <= dt.date(2024, 10, 6)]
    mod_days = [d for d in site.dates if d >= dt.date(2024, 10, 7)]
    for days in (mil_days, mod_days):
        gaps = [d for d in days if site.english_missing(d)]
        assert 1 / 60 < len(gaps) / len(days) < 1 / 15, len(gaps)
    assert site.english_missing(site.until)  # mod.gov.ua/en lags a day
    kmu_days = {p.date for d in site.dates for p in site.pages(d) if p.site == KMU}
    kmu_era_gaps = [
        d
        for d in mil_days
        if site.english_missing(d) and dt.date(2023, 5, 1) <= d <= dt.date(2024, 1, 31)
    ]
    assert kmu_era_gaps and set(kmu_era_gaps) & kmu_days  # kmu has some of the days mil/en lacks
    assert site.english_missing(dt.date(2022, 2, 25))  # no MoD page at all
    day = next(d for d in reversed(mod_days[:-1]) if not site.english_missing(d))
    en = next(p for p in site.pages(day) if p.edition == "en")
    assert en.published.date() == day + dt.timedelta(days=1)
    that_day, next_day = Site(load_reference(), day), Site(load_reference(), en.published.date())
    assert that_day.english_missing(day) and that_day.resolve(en.path).status == 404
    assert not next_day.english_missing(day) and next_day.resolve(en.path).status == 200


def test_decoys_about_one_day_in_25(site):
    decoys = site.decoys
    for where, edition, days in ((MIL, "uk", 953), (MOD, "uk", 671)):
        share = len([d for d in decoys if d.site == where and d.edition == edition]) / days
        assert 1 / 50 < share < 1 / 12, (where, share)
    listed = {p.path for p in site.listing(MOD)} | {p.path for p in site.listing(MOD, index="tag")}
    assert all(d.path in listed for d in decoys if d.site == MOD and d.edition == "uk")


def test_nothing_after_until_is_served_or_listed():
    until = dt.date(2026, 4, 19)
    site = Site(load_reference(), until)
    full = Site(load_reference())
    later = [p for p in full.pages(dt.date(2026, 4, 20))]
    assert later and all(site.resolve(p.path).status == 404 for p in later)
    assert b"after the mirror's last date" in site.resolve(later[0].path).body
    first = listing_entries(site.resolve("/mod/news", "page=1").body.decode())
    assert all(_stamp(w).date() <= until for _, _, w in first)
    assert any(t == "Бойові втрати ворога на 19 квітня 2026 року" for _, t, _ in first)
    urls = sitemap(site)
    assert all(lastmod[:10] <= "2026-04-19" for _, lastmod in urls)
    assert "/mod/sitemap/news-2026-05.xml" not in site.resolve("/mod/sitemap.xml").body.decode()
    assert site.resolve("/mod/sitemap/news-2026-05.xml").status == 404
    assert site.english_missing(until) and not full.english_missing(until)
    assert site.pages(dt.date(2026, 4, 18)) == full.pages(dt.date(2026, 4, 18))
    before_mod = Site(load_reference(), dt.date(2024, 6, 4))
    html = before_mod.resolve("/mod/news").body.decode()
    assert listing_entries(html) == [] and before_mod.listing_pages(MOD) == 1
    mil = listing_entries(before_mod.resolve("/mod/www.mil.gov.ua/news/").body.decode())
    assert "2024/06/04" in mil[0][0]


def test_listing_pages_beyond_the_end(site):
    last = site.listing_pages(MOD)
    assert site.resolve("/mod/news", f"page={last}").status == 200
    missing = site.resolve("/mod/news", f"page={last + 1}")
    assert missing.status == 404 and f"the listing has {last} pages".encode() in missing.body
    assert site.resolve("/mod/news", "page=0").status == 400
