"""Ministry of Defence: one page per bulletin, at a slug that cannot be predicted,
so bulletins are found through the paged news listing (newest first)."""

from __future__ import annotations

import datetime as dt
import logging

from flows.fetch import Fetcher, FetchError, Request
from flows.settings import Settings
from flows.sources.base import Discovery, span
from parsers import ParseError, parse_mod_listing
from warehouse import FetchedDocument

log = logging.getLogger("losses.sources.mod")

# A bulletin a day among the news: this many listing pages in a row without one
# means the listing is not read right (a changed layout), not a quiet fortnight.
MAX_EMPTY_PAGES = 10


class ModSource:
    name = "mod"
    format = "mod"

    def __init__(self, settings: Settings):
        self.settings = settings
        self.lang = settings.mod_lang
        prefix = "/en" if self.lang == "en" else ""
        self.listing_url = f"{settings.base_url('mod')}{prefix}/news?page={{page}}"

    async def discover(self, fetcher: Fetcher, wanted: set[dt.date], today: dt.date) -> Discovery:
        found = Discovery()
        if not wanted:
            return found
        crawl = _ListingCrawl(self, fetcher, found)
        try:
            await self._walk(crawl, found, wanted, today)
        except FetchError as exc:
            # The pages read so far are kept, and what they list is still fetched.
            found.failures.append(str(exc))
        found.requests = crawl.requests()
        unlisted = wanted - crawl.listed_dates()
        if unlisted and not found.failures:
            found.problems.append(
                f"{crawl.pages_read()}: no bulletin listed for {span(unlisted)} "
                f"(newest listed: {found.newest or 'none'})"
            )
        return found

    async def _walk(
        self, crawl: _ListingCrawl, found: Discovery, wanted: set[dt.date], today: dt.date
    ) -> None:
        first = await crawl.page(1)
        found.newest = first.newest
        oldest_wanted, newest_wanted = min(wanted), max(wanted)
        page_no = await crawl.first_page_reaching(newest_wanted)
        empty = 0
        while page_no is not None:
            page = await crawl.page(page_no)
            empty = 0 if page.entries else empty + 1
            if empty >= MAX_EMPTY_PAGES:
                found.problems.append(
                    f"{crawl.pages_read()}: {empty} pages in a row list no bulletin; stopped "
                    "reading the listing (has its layout changed?)"
                )
                break
            for entry in page.entries:
                if entry.date > today:
                    found.problems.append(
                        f"{entry.url}: the listing shows a bulletin dated {entry.date}, "
                        f"after today ({today}); not fetched"
                    )
                elif entry.date in wanted:
                    crawl.want(entry.date, entry.url)
            if page.oldest is not None and page.oldest < oldest_wanted:
                break
            page_no = page.next_page

    def follow_up(self, document: FetchedDocument) -> list[Request]:
        return []


class _Page:
    def __init__(self, number: int, entries: list, next_page: int | None, last_page: int | None):
        self.number = number
        self.entries = entries
        self.next_page = next_page
        self.last_page = last_page
        dates = [e.date for e in entries]
        self.newest = max(dates, default=None)
        self.oldest = min(dates, default=None)


class _ListingCrawl:
    """Fetches listing pages once each and remembers which bulletin URLs to get."""

    def __init__(self, source: ModSource, fetcher: Fetcher, found: Discovery):
        self.source = source
        self.fetcher = fetcher
        self.found = found
        self._pages: dict[int, _Page] = {}
        self._urls: dict[str, dt.date] = {}  # listing order, newest first; duplicates once

    async def page(self, number: int) -> _Page:
        if number in self._pages:
            return self._pages[number]
        url = self.source.listing_url.format(page=number)
        doc = await self.fetcher.get(
            Request(url, source="mod", kind="listing", lang=self.source.lang)
        )
        self.found.fetched.append(doc)
        if doc.status != 200:
            raise FetchError(url, f"listing page answered HTTP {doc.status}", status=doc.status)
        try:
            listing = parse_mod_listing(doc.body, url)
        except ParseError as exc:
            raise FetchError(url, f"listing page unreadable: {exc}") from exc
        next_page = number + 1 if listing.next_url else None
        page = _Page(number, list(listing.entries), next_page, listing.last_page)
        self._pages[number] = page
        return page

    async def first_page_reaching(self, newest_wanted: dt.date) -> int | None:
        """The first page whose oldest bulletin is not newer than `newest_wanted`.

        Pages are ordered newest first, so a binary search finds it in a few
        requests instead of walking every page of a long history."""
        first = await self.page(1)
        if first.oldest is None or first.oldest <= newest_wanted:
            return 1
        low, high = 2, first.last_page
        if high is None:  # no page count: walk
            return first.next_page
        answer = None
        while low <= high:
            middle = (low + high) // 2
            page = await self.page(middle)
            if page.oldest is None:  # a page without bulletins tells nothing: walk from here
                return middle
            if page.oldest <= newest_wanted:
                answer, high = middle, middle - 1
            else:
                low = middle + 1
        return answer

    def want(self, date: dt.date, url: str) -> None:
        self._urls.setdefault(url, date)

    def listed_dates(self) -> set[dt.date]:
        return set(self._urls.values())

    def pages_read(self) -> str:
        """The listing pages read, for a message: "URL?page=1" or "URL?page=1..7"."""
        numbers = sorted(self._pages)
        first = self.source.listing_url.format(page=numbers[0])
        return first if len(numbers) == 1 else f"{first}..{numbers[-1]}"

    def requests(self) -> list[Request]:
        # Oldest first, and of two publications of one day the older first, so
        # that a corrected re-publication is loaded last and becomes the latest revision.
        ordered = list(self._urls.items())[::-1]
        return [
            Request(url, source="mod", kind="bulletin", report_date=date, lang=self.source.lang)
            for url, date in ordered
        ]
