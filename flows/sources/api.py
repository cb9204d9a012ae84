"""russianwarship.rip JSON API: a day by date, or a range of days in pages."""

from __future__ import annotations

import datetime as dt

from flows.fetch import Fetcher, Request
from flows.settings import Settings
from flows.sources.base import Discovery
from parsers import SourceName, api_next_page
from warehouse import FetchedDocument

PAGE_LIMIT = 50


class ApiSource:
    name = SourceName.API
    format = SourceName.API  # its documents' parser format
    first_date = dt.date(2022, 2, 25)
    missing_is_failure = True

    def __init__(self, settings: Settings):
        self.root = f"{settings.base_url(self.name)}/api/v2/statistics"

    def page_for(self, date: dt.date) -> str:
        return f"{self.root}/{date.isoformat()}"

    async def discover(
        self, fetcher: Fetcher, wanted: set[dt.date], today: dt.date, round: int = 0
    ) -> Discovery:
        if not wanted:
            return Discovery()
        if len(wanted) == 1:
            (day,) = wanted
            return Discovery(
                requests=[Request(f"{self.root}/{day.isoformat()}", self.name, "bulletin", day)]
            )
        # One range covering every wanted day: a few pages instead of a request per day.
        first, last = min(wanted), max(wanted)
        url = (
            f"{self.root}?date_from={first.isoformat()}&date_to={last.isoformat()}"
            f"&offset=0&limit={PAGE_LIMIT}"
        )
        return Discovery(requests=[Request(url, self.name, "range")])

    def follow_up(self, document: FetchedDocument) -> list[Request]:
        if document.kind != "range" or document.status != 200:
            return []
        next_url = api_next_page(document.body, document.url)
        return [Request(next_url, self.name, "range")] if next_url else []
