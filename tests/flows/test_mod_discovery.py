"""The MoD adapter's discovery, on a small hand-made site (httpx MockTransport): each
era on its own site, the indexes read one per round in order of trust, pages asked
for by what the index says, never by a predicted address."""

from __future__ import annotations

import asyncio
import datetime as dt

import httpx
import pytest

from flows.fetch import Fetcher
from flows.settings import Settings
from flows.sources.mod import ModSource

ROOT = "http://mod.test/mod"
MIL = f"{ROOT}/www.mil.gov.ua"
D = dt.date


def mil_listing(items: list[tuple[str, str, str]], page: int, last: int) -> str:
    """The mil.gov.ua listing markup of mirror/SITES.md §1: (path, title, meta) items."""
    posts = "\n".join(
        f'<div class="news-post"><a href="{MIL}{path}">\n{title}</a>\n'
        f'<p class="meta">{meta}</p></div>'
        for path, title, meta in items
    )
    pages = "".join(f'<li><a href="/news/?page={n}">{n}</a></li>' for n in range(1, last + 1))
    nxt = f'<li class="next"><a href="/news/?page={page + 1}">»</a></li>' if page < last else ""
    return (
        f'<html><body><div id="actual">{posts}</div><ul class="pagination">{pages}{nxt}'
        f'<li class="last"><a href="/news/?page={last}">{last}</a></li></ul></body></html>'
    )


def mod_listing(items: list[tuple[str, str, str]], base: str, page: int, last: int) -> str:
    """The mod.gov.ua listing / tag page markup of mirror/SITES.md §3."""
    cards = "\n".join(
        f'<a class="news-card" href="{ROOT}/news/{slug}">'
        f'<span class="news-card__date">{when}</span>'
        f'<span class="news-card__title">{title}</span></a>'
        for slug, title, when in items
    )
    nxt = f'<a class="next" href="{ROOT}{base}?page={page + 1}">Наступна</a>' if page < last else ""
    return (
        f'<html><body><div class="news-list">\n{cards}\n</div><nav class="pagination">'
        f'<a href="{base}?page=1">1</a> {nxt} <a class="last" href="{base}?page={last}">{last}</a>'
        "</nav></body></html>"
    )


def bulletin_card(day: int, suffix: str = "", when: str = "07:10") -> tuple[str, str, str]:
    slug = f"bojovi-vtrati-voroga-na-{day}-lyutogo-2026-roku{suffix}"
    return slug, f"Бойові втрати ворога на {day} лютого 2026 року", f"{day:02d}.02.2026 {when}"


def headline(tanks: int) -> str:
    return (
        f"Втрати російських окупантів становлять понад {tanks} танків, знищено майже 3811 "
        "бойових броньованих машин ворога – Генеральний штаб ЗС України"
    )


SITE = {
    # mil.gov.ua, newest first: two pages of five items
    f"{MIL}/news/?page=1": mil_listing(
        [
            ("/news/2024/10/06/vtrati-6/", headline(8990), "06 жовтня 2024, 08:10"),
            ("/news/2024/10/06/minister/", "Міністр провів зустріч", "06 жовтня 2024, 13:00"),
            ("/news/2024/10/05/vtrati-5/", headline(8980), "05 жовтня 2024, 08:05"),
            ("/news/2024/10/05/decoy/", "Втрати ворога під Покровськом", "05 жовтня 2024, 15:00"),
            ("/news/2024/10/04/vtrati-4/", headline(8970), "04 жовтня 2024, 08:00"),
        ],
        1,
        2,
    ),
    f"{MIL}/news/?page=2": mil_listing(
        [
            ("/news/2024/10/03/vtrati-3/", headline(8960), "03 жовтня 2024, 08:00"),
            ("/news/2024/10/02/vtrati-2/", headline(8950), "02 жовтня 2024, 08:00"),
        ],
        2,
        2,
    ),
    # mod.gov.ua: the news listing lacks 2026-02-04; the tag page has it, not 2026-02-03
    f"{ROOT}/news?page=1": mod_listing(
        [
            bulletin_card(5),
            ("ministr", "Міністр оборони взяв участь у засіданні", "04.02.2026 14:00"),
            bulletin_card(2),
        ],
        "/news",
        1,
        1,
    ),
    f"{ROOT}/news/tag-vidsich-agresoru?page=1": mod_listing(
        [bulletin_card(5), bulletin_card(4, "-1", "07:30"), bulletin_card(2)],
        "/news/tag-vidsich-agresoru",
        1,
        1,
    ),
    f"{ROOT}/sitemap.xml": (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<sitemap><loc>{ROOT}/sitemap/news-2026-01.xml</loc></sitemap>"
        f"<sitemap><loc>{ROOT}/sitemap/news-2026-02.xml</loc></sitemap>"
        "</sitemapindex>"
    ),
    f"{ROOT}/sitemap/news-2026-02.xml": (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<url><loc>{ROOT}/news/boiovi-vtraty-voroha-na-3-liutoho-2026-roku</loc>"
        "<lastmod>2026-02-03T07:20:00+02:00</lastmod></url>"
        f"<url><loc>{ROOT}/news/ministr</loc><lastmod>2026-02-03T12:00:00+02:00</lastmod></url>"
        f"<url><loc>{ROOT}/en/news/combat-losses-of-the-enemy-as-of-february-3-2026</loc>"
        "<lastmod>2026-02-03T10:00:00+02:00</lastmod></url>"
        "</urlset>"
    ),
}


@pytest.fixture
def requested():
    return []


TODAY = D(2026, 2, 5)


def _discover(requested, wanted, round, *, today=TODAY, settings=None):
    def answer(request: httpx.Request) -> httpx.Response:
        url = str(request.url)
        requested.append(url)
        if url not in SITE:
            return httpx.Response(404, text=f"no page {url}")
        return httpx.Response(200, text=SITE[url], headers={"content-type": "text/html"})

    settings = settings or Settings.from_env().with_base_url("mod", ROOT)
    source = ModSource(settings)

    async def run():
        async with Fetcher(settings, transport=httpx.MockTransport(answer)) as fetcher:
            return await source.discover(fetcher, set(wanted), today, round)

    return asyncio.run(run())


def _paths(found):
    return [r.url.removeprefix(ROOT) for r in found.requests]


def test_mil_gov_ua_pages_are_asked_for_by_their_publication_day(requested):
    found = _discover(requested, [D(2024, 10, 3), D(2024, 10, 5)], 0)
    # the decoy is fetched too (its headline mentions losses): the page decides
    assert _paths(found) == [
        "/www.mil.gov.ua/news/2024/10/03/vtrati-3/",
        "/www.mil.gov.ua/news/2024/10/05/decoy/",
        "/www.mil.gov.ua/news/2024/10/05/vtrati-5/",
    ]
    assert all(r.report_date is None for r in found.requests)  # a headline states no date
    assert requested == [f"{MIL}/news/?page=1", f"{MIL}/news/?page=2"]
    assert found.more is False  # mil.gov.ua has one index
    assert found.searched == [
        f"news listing {MIL}/news/?page=1..2 (2 pages) (2024-10-03..2024-10-05 (2 days))"
    ]


def test_mod_gov_ua_indexes_are_read_one_per_round_in_order_of_trust(requested):
    wanted = {D(2026, 2, 2), D(2026, 2, 3), D(2026, 2, 4), D(2026, 2, 5)}
    listing = _discover(requested, wanted, 0)
    assert _paths(listing) == [
        "/news/bojovi-vtrati-voroga-na-2-lyutogo-2026-roku",
        "/news/bojovi-vtrati-voroga-na-5-lyutogo-2026-roku",
    ]
    assert [r.report_date for r in listing.requests] == [D(2026, 2, 2), D(2026, 2, 5)]
    assert listing.more and requested == [f"{ROOT}/news?page=1"]

    tag = _discover(requested, {D(2026, 2, 3), D(2026, 2, 4)}, 1)
    assert _paths(tag) == ["/news/bojovi-vtrati-voroga-na-4-lyutogo-2026-roku-1"]
    assert tag.more

    requested.clear()
    sitemap = _discover(requested, {D(2026, 2, 3)}, 2)
    # only the uk bulletin-like address published that day; the month's sitemap alone
    assert _paths(sitemap) == ["/news/boiovi-vtraty-voroha-na-3-liutoho-2026-roku"]
    assert requested == [f"{ROOT}/sitemap.xml", f"{ROOT}/sitemap/news-2026-02.xml"]
    assert not sitemap.more


def test_a_wanted_range_across_the_switch_reads_both_sites(requested):
    found = _discover(requested, {D(2024, 10, 6), D(2026, 2, 5)}, 0, today=D(2026, 2, 5))
    assert _paths(found) == [
        "/www.mil.gov.ua/news/2024/10/06/vtrati-6/",
        "/news/bojovi-vtrati-voroga-na-5-lyutogo-2026-roku",
    ]


def test_the_english_edition_may_be_published_a_day_late(requested, monkeypatch):
    monkeypatch.setenv("LOSSES_MOD_LANG", "en")
    settings = Settings.from_env().with_base_url("mod", ROOT)
    source = ModSource(settings)
    assert source.missing_is_failure is False
    assert [i.name for i in source.sites[1].indexes] == ["news listing", "sitemap"]
    found = _discover(requested, {D(2026, 2, 2)}, 1, settings=settings)  # the sitemap round
    assert _paths(found) == ["/en/news/combat-losses-of-the-enemy-as-of-february-3-2026"]


def test_an_index_that_fails_is_named_and_what_was_read_is_kept(requested):
    def broken(request):
        requested.append(str(request.url))
        return httpx.Response(503, text="busy")

    settings = Settings.from_env().with_base_url("mod", ROOT)
    source = ModSource(settings)

    async def run():
        async with Fetcher(settings, transport=httpx.MockTransport(broken)) as fetcher:
            return await source.discover(fetcher, {D(2026, 2, 5)}, D(2026, 2, 5), 0)

    found = asyncio.run(run())
    assert found.requests == []
    [failure] = found.failures
    assert f"{ROOT}/news?page=1" in failure and "gave up after" in failure and "503" in failure
