"""Walking a long news listing (httpx MockTransport, mil.gov.ua's markup): the pages
a range needs are fetched a few at a time, not one after another, and a daily run
reads no page it does not need."""

from __future__ import annotations

import asyncio
import datetime as dt

import httpx

from flows.fetch import Fetcher
from flows.settings import Settings
from flows.sources.indexes import READ_AHEAD
from flows.sources.mod import ModSource
from tests.flows.test_mod_discovery import MIL, ROOT, headline, mil_listing

PAGES = 30
NEWEST = dt.date(2024, 10, 6)
DAYS_A_PAGE = 4  # two items a day: the bulletin and other news


def _site() -> dict[str, str]:
    site = {}
    for page in range(1, PAGES + 1):
        items = []
        for k in range(DAYS_A_PAGE):
            day = NEWEST - dt.timedelta(days=(page - 1) * DAYS_A_PAGE + k)
            path = f"/news/{day:%Y/%m/%d}/"
            meta = f"{day:%d}.{day:%m}.{day:%Y}, 08:00"
            items.append((f"{path}vtrati/", headline(8000 + day.toordinal() % 1000), meta))
            items.append((f"{path}other/", "Міністр провів зустріч", meta))
        site[f"{MIL}/news/?page={page}"] = mil_listing(items, page, PAGES)
    return site


def _walk(wanted: set[dt.date], today: dt.date = NEWEST):
    site = _site()
    asked: list[int] = []
    busy = peak = 0

    async def answer(request: httpx.Request) -> httpx.Response:
        nonlocal busy, peak
        url = str(request.url)
        asked.append(int(url.rsplit("=", 1)[1]))
        busy += 1
        peak = max(peak, busy)
        await asyncio.sleep(0.005)  # a server's time to answer
        busy -= 1
        if url not in site:
            return httpx.Response(404, text="no page")
        return httpx.Response(200, text=site[url], headers={"content-type": "text/html"})

    settings = Settings.from_env().with_base_url("mod", ROOT)

    async def run():
        async with Fetcher(settings, transport=httpx.MockTransport(answer)) as fetcher:
            return await ModSource(settings).discover(fetcher, wanted, today, 0)

    found = asyncio.run(run())
    return found, asked, peak


def test_a_long_range_reads_its_pages_a_few_at_a_time():
    oldest = NEWEST - dt.timedelta(days=PAGES * DAYS_A_PAGE - 1)
    wanted = {oldest + dt.timedelta(days=n) for n in range((NEWEST - oldest).days + 1)}
    found, asked, peak = _walk(wanted)
    assert sorted(set(asked)) == list(range(1, PAGES + 1))  # every page once
    assert len(asked) == PAGES
    assert 1 < peak <= READ_AHEAD + 1  # within the per-host limit (4)
    assert len(found.requests) == len(wanted)  # each day's bulletin (other news is not asked for)
    assert not found.failures


def test_a_range_ends_where_it_ends_a_page_or_so_past():
    newest = NEWEST - dt.timedelta(days=20)  # pages 6..8
    wanted = {newest - dt.timedelta(days=n) for n in range(10)}
    _, asked, _ = _walk(wanted)
    # The binary search's first guess (16 = (2 + 30) // 2), its next ones, then the walk
    # from page 6: read-ahead stops with the dates, at most a page past the last needed.
    assert {6, 7, 8} <= set(asked) <= {1, 16, *range(2, 10)}
    assert len(asked) == len(set(asked))


def test_a_daily_run_reads_only_the_first_page():
    _, asked, peak = _walk({NEWEST})
    assert asked == [1] and peak == 1
