"""index.minfin.com.ua: one page per month, many bulletins each. The bare page
shows the current month; `month.php?month=YYYY-MM` any month."""

from __future__ import annotations

import datetime as dt

from flows.fetch import Fetcher, Request
from flows.settings import Settings
from flows.sources.base import Discovery
from warehouse import FetchedDocument


class MinfinSource:
    name = "minfin"
    format = "minfin"

    def __init__(self, settings: Settings):
        edition = settings.minfin_edition
        self.lang = "en" if edition == "en" else "uk"
        self.page_url = f"{settings.base_url('minfin')}/{edition}/russian-invading/casualties/"

    def month_url(self, year: int, month: int) -> str:
        return f"{self.page_url}month.php?month={year:04d}-{month:02d}"

    async def discover(self, fetcher: Fetcher, wanted: set[dt.date], today: dt.date) -> Discovery:
        months = sorted({(d.year, d.month) for d in wanted})
        current = (today.year, today.month)
        return Discovery(
            requests=[
                Request(
                    self.page_url if month == current else self.month_url(*month),
                    source="minfin",
                    kind="month",
                    lang=self.lang,
                )
                for month in months
            ]
        )

    def follow_up(self, document: FetchedDocument) -> list[Request]:
        return []
