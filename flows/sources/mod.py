"""Ministry of Defence: one page per bulletin, on www.mil.gov.ua until 2024-10-06 and
on mod.gov.ua since, at addresses that cannot be predicted (mirror/SITES.md). Pages are
discovered through each site's indexes — the news listing, the tag page, the sitemap —
one index per round, in that order of trust: a round reads the next index only for the
dates the ones before did not bring in. Every page is dated by its own text."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from collections.abc import Awaitable

from flows.days import span
from flows.fetch import Fetcher, FetchError, Request
from flows.settings import Settings
from flows.sources.base import Discovery
from flows.sources.indexes import Candidate, PagedIndex, SitemapIndex
from flows.sources.mod_sites import ModSite, mod_sites
from parsers import SourceName
from warehouse import FetchedDocument

log = logging.getLogger("losses.sources.mod")

# The English edition lags the Ukrainian one: its page of D may be published on D+1.
ENGLISH_LAG_DAYS = 1


class ModSource:
    name = SourceName.MOD
    format = SourceName.MOD  # its documents' parser format

    def __init__(self, settings: Settings):
        self.lang = settings.mod_lang
        self.sites = mod_sites(settings, self.lang)
        self.first_date = self.sites[0].first
        # The English edition skips days: a missing English day is reported, not fatal.
        self.missing_is_failure = self.lang != "en"
        self.lag = ENGLISH_LAG_DAYS if self.lang == "en" else 0

    def site_for(self, date: dt.date) -> ModSite | None:
        return next((site for site in self.sites if site.covers(date)), None)

    def page_for(self, date: dt.date) -> str:
        """The first page of the most trusted index of the site of `date`."""
        site = self.site_for(date) or self.sites[-1]
        return site.indexes[0].url.format(page=1) if site.indexes else site.root

    async def discover(
        self, fetcher: Fetcher, wanted: set[dt.date], today: dt.date, round: int = 0
    ) -> Discovery:
        found = Discovery()
        crawls: list[tuple[PagedIndex | SitemapIndex, Awaitable[object], set[dt.date]]] = []
        for site in self.sites:
            dates = {d for d in wanted if site.covers(d)}
            if not dates or round >= len(site.indexes):
                continue
            index = site.indexes[round]
            found.more = found.more or round + 1 < len(site.indexes)
            if index.paged:
                paged = PagedIndex(index, fetcher, found, self.name, self.lang)
                crawls.append((paged, paged.find(dates, today, self.lag), dates))
            else:
                sitemap = SitemapIndex(index, fetcher, found, self.name, self.lang)
                crawls.append((sitemap, sitemap.find(dates, site, self.lag), dates))
        # The sites at once (each has its own hosts and limits); reported in site order.
        outcomes = await asyncio.gather(*(c for _, c, _ in crawls), return_exceptions=True)
        candidates: list[Candidate] = []
        for (crawl, _, dates), outcome in zip(crawls, outcomes, strict=True):
            if isinstance(outcome, FetchError):
                # The pages read so far are kept, and what they list is still fetched.
                found.failures.append(str(outcome))
            elif isinstance(outcome, BaseException):
                raise outcome
            candidates += crawl.candidates
            found.searched.append(f"{crawl.pages_read()} ({span(dates)})")
        found.requests = self._requests(candidates)
        return found

    def _requests(self, candidates: list[Candidate]) -> list[Request]:
        # Oldest first, and of two publications of one day the older first, so that a
        # corrected re-publication is loaded last and becomes the latest revision.
        seen: dict[str, Candidate] = {}
        for candidate in candidates:
            seen.setdefault(candidate.url, candidate)
        ordered = sorted(
            seen.values(),
            key=lambda c: (c.stated or c.published or dt.date.max, -c.position),
        )
        return [
            Request(c.url, source=self.name, kind="bulletin", report_date=c.stated, lang=self.lang)
            for c in ordered
        ]

    def follow_up(self, document: FetchedDocument) -> list[Request]:
        return []
