"""index.minfin.com.ua: a month of bulletins on one page. The bare page shows the
current month (and the one before); `casualties/YYYY-MM/` any month (with the current
day repeated at its top), so the whole history is ~55 requests."""

from __future__ import annotations

import datetime as dt

from flows.fetch import Fetcher, Request
from flows.settings import Settings
from flows.sources.base import Discovery
from parsers import SourceName
from warehouse import FetchedDocument


class MinfinSource:
    name = SourceName.MINFIN
    format = SourceName.MINFIN  # its documents' parser format
    # The General Staff's series starts on 2022-02-25 ("day 2"). The aggregator's February
    # 2022 page also shows a day for the 24th (loaded with its page), but no date before
    # the 25th is asked for: an aggregator without it is not missing anything.
    first_date = dt.date(2022, 2, 25)
    missing_is_failure = True

    def __init__(self, settings: Settings):
        edition = settings.minfin_edition
        self.lang = "en" if edition == "en" else "uk"
        self.page_url = f"{settings.base_url(self.name)}/{edition}/russian-invading/casualties/"

    def month_url(self, year: int, month: int) -> str:
        return f"{self.page_url}{year:04d}-{month:02d}/"

    def page_for(self, date: dt.date) -> str:
        return self.month_url(date.year, date.month)

    async def discover(
        self, fetcher: Fetcher, wanted: set[dt.date], today: dt.date, round: int = 0
    ) -> Discovery:
        months = sorted({(d.year, d.month) for d in wanted})
        current = (today.year, today.month)
        return Discovery(
            requests=[
                Request(
                    self.page_url if month == current else self.month_url(*month),
                    source=self.name,
                    kind="month",
                    lang=self.lang,
                )
                for month in months
            ]
        )

    def follow_up(self, document: FetchedDocument) -> list[Request]:
        return []
