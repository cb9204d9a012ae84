"""Reading a site's indexes (a paged news listing or tag page, a sitemap) for the pages
that may hold the bulletins of some report dates.

An index never dates a bulletin: it says which pages to fetch, and each page is dated
by its own title and text (mirror/SITES.md: slugs carry typos and wrong days, a uk
headline carries no date). What an index does say — the date a title states, else the
day an item was published — only narrows which pages to fetch."""

from __future__ import annotations

import asyncio
import datetime as dt
import re
from dataclasses import dataclass

from flows.fetch import Fetcher, FetchError, Request, describe_answer, fetch_all
from flows.sources.base import Discovery
from flows.sources.mod_sites import Index, ModSite
from parsers import (
    ChallengePage,
    NewsEntry,
    ParseError,
    looks_like_bulletin_url,
    parse_news_listing,
    parse_sitemap,
)
from warehouse import FetchedDocument

# A bulletin a day among the news: this many listing pages in a row without a dated
# item means the listing is not read right (a changed layout), not a quiet fortnight.
MAX_EMPTY_PAGES = 10
# Pages fetched ahead while walking a listing: what the per-host limit lets run at once
# (a walk one page at a time waits for each answer: the MoD history's 231 pages took
# 1 s). Only as many as the dates still wanted will need, so a daily run reads ahead
# nothing.
READ_AHEAD = 3
_MONTH_IN_URL = re.compile(r"(\d{4})-(\d{2})")


@dataclass(frozen=True)
class Candidate:
    """A page an index points to that may hold a wanted bulletin."""

    url: str
    # The report date the index's title states (a hint the page confirms), or None.
    stated: dt.date | None
    # When it was published, as the index says (for ordering: older first).
    published: dt.date | None
    position: int  # in the index, newest first


def _window(dates: set[dt.date], lag: int) -> set[dt.date]:
    """The days a page of one of `dates` may be published on: the day itself, and up
    to `lag` days later (an edition that lags)."""
    return {d + dt.timedelta(days=k) for d in dates for k in range(lag + 1)}


async def _fetch_index_page(
    fetcher: Fetcher, url: str, found: Discovery, source: str, lang: str | None
) -> FetchedDocument:
    document = await fetcher.get(Request(url, source=source, kind="listing", lang=lang))
    found.fetched.append(document)
    if document.status != 200:
        raise FetchError(url, f"index page answered {describe_answer(document)}")
    return document


class PagedIndex:
    """A paged index, newest first: fetches each page once, finds the pages reaching
    the wanted dates by binary search over the page numbers."""

    def __init__(
        self, index: Index, fetcher: Fetcher, found: Discovery, source: str, lang: str
    ) -> None:
        self.index = index
        self.fetcher = fetcher
        self.found = found
        self.source = source
        self.lang = lang
        self._pages: dict[int, _Page] = {}
        self._coming: dict[int, asyncio.Task[_Page]] = {}  # pages read ahead, not in yet
        # What the pages read so far point to: kept when a later page cannot be read.
        self.candidates: list[Candidate] = []

    def url(self, number: int) -> str:
        return self.index.url.format(page=number)

    async def page(self, number: int) -> _Page:
        coming = self._coming.pop(number, None)
        if coming is not None:
            return await coming
        return await self._read(number)

    async def _read(self, number: int) -> _Page:
        if number not in self._pages:
            url = self.url(number)
            document = await _fetch_index_page(
                self.fetcher, url, self.found, self.source, self.lang
            )
            try:
                listing = parse_news_listing(document.body, url)
            except ChallengePage as exc:
                raise FetchError(url, f"not an index page: {exc}") from exc
            except ParseError as exc:
                raise FetchError(url, f"index page unreadable: {exc}") from exc
            next_page = number + 1 if listing.next_url else None
            self._pages[number] = _Page(list(listing.entries), next_page, listing.last_page)
        return self._pages[number]

    def pages_read(self) -> str:
        """The pages read, for a message: "URL?page=1" or "URL?page=1..7 (5 pages)"."""
        numbers = sorted(self._pages)
        if not numbers:
            return f"{self.index.name} {self.url(1)} (not read)"
        first = self.url(numbers[0])
        if len(numbers) == 1:
            return f"{self.index.name} {first}"
        return f"{self.index.name} {first}..{numbers[-1]} ({len(numbers)} pages)"

    async def find(self, wanted: set[dt.date], today: dt.date, lag: int) -> None:
        """Collect in `candidates` the pages that may hold the wanted dates' bulletins;
        FetchError when an index page cannot be read (what was found stays)."""
        published_window = _window(wanted, lag)
        newest, oldest = max(published_window), min(wanted)
        first = await self.page(1)
        if self.found.newest is None or (first.newest and first.newest > self.found.newest):
            self.found.newest = first.newest
        found = self.candidates
        number = await self._first_page_reaching(newest)
        empty = 0
        try:
            while number is not None:
                page = await self.page(number)
                self._read_ahead(number, page, oldest, first.last_page)
                empty = 0 if page.newest else empty + 1
                if empty >= MAX_EMPTY_PAGES:
                    self.found.problems.append(
                        f"{self.pages_read()}: {empty} pages in a row list no dated item; "
                        "stopped reading it (has its layout changed?)"
                    )
                    break
                for position, entry in enumerate(page.entries):
                    candidate = self._candidate(entry, wanted, published_window, today, number)
                    if candidate is not None:
                        found.append(
                            Candidate(candidate.url, entry.report_date, entry.published, position)
                        )
                if page.oldest is not None and page.oldest < oldest:
                    break
                number = page.next_page
        finally:
            await self._drop_read_ahead()

    def _read_ahead(self, number: int, page: _Page, oldest: dt.date, last: int | None) -> None:
        """Start fetching the pages after `number` that the walk will need, judging by
        how many days a page spans; at most READ_AHEAD, never past the last page."""
        if page.oldest is None or page.newest is None or page.oldest < oldest or not last:
            return
        span = (page.newest - page.oldest).days + 1
        needed = -(-((page.oldest - oldest).days + 1) // span)  # ceil
        for ahead in range(number + 1, min(number + min(needed, READ_AHEAD), last) + 1):
            if ahead not in self._pages and ahead not in self._coming:
                self._coming[ahead] = asyncio.ensure_future(self._read(ahead))

    async def _drop_read_ahead(self) -> None:
        """Pages read ahead that the walk did not need: stopped (or kept, if in)."""
        coming, self._coming = list(self._coming.values()), {}
        for task in coming:
            task.cancel()
        await asyncio.gather(*coming, return_exceptions=True)

    def _candidate(
        self,
        entry: NewsEntry,
        wanted: set[dt.date],
        published_window: set[dt.date],
        today: dt.date,
        number: int,
    ) -> NewsEntry | None:
        if not entry.bulletin:
            return None
        if entry.published is not None and entry.published > today:
            self.found.problems.append(
                f"{entry.url}: {self.index.name} page {number} lists a bulletin-like item "
                f"published {entry.published}, after today ({today}); not fetched"
            )
            return None
        if entry.report_date is not None:
            if entry.report_date > today:
                self.found.problems.append(
                    f"{entry.url}: {self.index.name} page {number} shows a bulletin dated "
                    f"{entry.report_date}, after today ({today}); not fetched"
                )
                return None
            return entry if entry.report_date in wanted else None
        return entry if entry.published in published_window else None

    async def _first_page_reaching(self, newest: dt.date) -> int | None:
        """The first page whose oldest item is not newer than `newest` (pages are
        newest first: a binary search reads a few pages, not the whole history)."""
        first = await self.page(1)
        if first.oldest is None or first.oldest <= newest:
            return 1
        low, high = 2, first.last_page
        if high is None:  # no page count: walk
            return first.next_page
        answer = None
        while low <= high:
            middle = (low + high) // 2
            page = await self.page(middle)
            if page.oldest is None:  # a page without dated items tells nothing: walk from here
                return middle
            if page.oldest <= newest:
                answer, high = middle, middle - 1
            else:
                low = middle + 1
        return answer


class _Page:
    def __init__(self, entries: list[NewsEntry], next_page: int | None, last_page: int | None):
        self.entries = entries
        self.next_page = next_page
        self.last_page = last_page
        dates = [d for e in entries if (d := e.report_date or e.published) is not None]
        self.newest = max(dates, default=None)
        self.oldest = min(dates, default=None)


class SitemapIndex:
    """A sitemap (an index of monthly sitemaps, or one list of pages): the pages of
    a site whose address looks like a bulletin's and whose lastmod is a wanted day."""

    def __init__(
        self, index: Index, fetcher: Fetcher, found: Discovery, source: str, lang: str
    ) -> None:
        self.index = index
        self.fetcher = fetcher
        self.found = found
        self.source = source
        self.lang = lang
        self._read: list[str] = []
        self.candidates: list[Candidate] = []

    def pages_read(self) -> str:
        if len(self._read) <= 1:
            return f"{self.index.name} {self.index.url}"
        return f"{self.index.name} {self.index.url} and {len(self._read) - 1} sitemap(s) it lists"

    async def _read_sitemap(self, url: str):
        document = await _fetch_index_page(self.fetcher, url, self.found, self.source, self.lang)
        self._read.append(url)
        try:
            return parse_sitemap(document.body, url)
        except ChallengePage as exc:
            raise FetchError(url, f"not a sitemap: {exc}") from exc
        except ParseError as exc:
            raise FetchError(url, f"sitemap unreadable: {exc}") from exc

    async def find(self, wanted: set[dt.date], site: ModSite, lag: int) -> list[Candidate]:
        window = _window(wanted, lag)
        root = await self._read_sitemap(self.index.url)
        pages = list(root.pages)
        months = {f"{d:%Y-%m}" for d in window}
        children = [u for u in root.sitemaps if _month_of(u) in months or _month_of(u) is None]
        requests = [
            Request(u, source=self.source, kind="listing", lang=self.lang) for u in children
        ]
        for url, result in zip(children, await fetch_all(self.fetcher, requests), strict=True):
            if isinstance(result, FetchError):
                raise result
            self.found.fetched.append(result)
            self._read.append(url)
            if result.status != 200:
                raise FetchError(url, f"sitemap answered {describe_answer(result)}")
            try:
                pages.extend(parse_sitemap(result.body, url).pages)
            except ParseError as exc:
                raise FetchError(url, f"sitemap unreadable: {exc}") from exc
        for position, page in enumerate(pages):
            if not page.url.startswith(site.pages_prefix) or not looks_like_bulletin_url(page.url):
                continue
            if page.lastmod is None or page.lastmod in window:
                self.candidates.append(Candidate(page.url, None, page.lastmod, position))


def _month_of(url: str) -> str | None:
    match = _MONTH_IN_URL.search(url.rsplit("/", 1)[-1])
    return f"{match[1]}-{match[2]}" if match else None
