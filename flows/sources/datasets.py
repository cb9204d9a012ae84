"""Datasets others keep, as comparison sources: each file holds the whole history, so
any set of report dates is one request (a backfill of everything: one request a file).
The PetroIvaniuk dataset's two files are two sources (parsers/petroivaniuk.py says
why); the CSV keyed by the losses day is a third (parsers/daycsv.py)."""

from __future__ import annotations

import datetime as dt

from flows.fetch import Fetcher, Request
from flows.settings import Settings
from flows.sources.base import Discovery
from parsers import SourceName
from parsers.daycsv import FILE as DAYCSV_FILE
from parsers.petroivaniuk import EQUIPMENT_FILE, PERSONNEL_FILE
from warehouse import FetchedDocument


class DatasetSource:
    """One file at LOSSES_<NAME>_URL/<file>."""

    name: SourceName
    file: str
    # The General Staff's series starts on 2022-02-25 ("day 2"); so do these files
    # (the CSV's first row is the losses of 2022-02-24, the bulletin of the 25th).
    first_date = dt.date(2022, 2, 25)
    missing_is_failure = True

    def __init__(self, settings: Settings):
        self.format = self.name  # its documents' parser format
        self.url = f"{settings.base_url(self.name)}/{self.file}"

    def page_for(self, date: dt.date) -> str:
        return self.url

    async def discover(
        self, fetcher: Fetcher, wanted: set[dt.date], today: dt.date, round: int = 0
    ) -> Discovery:
        if not wanted:
            return Discovery()
        return Discovery(requests=[Request(self.url, self.name, "dataset")])

    def follow_up(self, document: FetchedDocument) -> list[Request]:
        return []


class PetroivaniukSource(DatasetSource):
    name = SourceName.PETROIVANIUK
    file = EQUIPMENT_FILE


class PetroivaniukPersonnelSource(DatasetSource):
    name = SourceName.PETROIVANIUK_PERSONNEL
    file = PERSONNEL_FILE


class DaycsvSource(DatasetSource):
    name = SourceName.DAYCSV
    file = DAYCSV_FILE
