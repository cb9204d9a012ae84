"""What every source adapter is: how it finds the documents for a set of report
dates (one round of looking at a time), and which further pages a fetched one names."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Protocol

from flows.fetch import Fetcher, Request
from warehouse import FetchedDocument


@dataclass
class Discovery:
    """What a source offers for the wanted dates, from one round of looking."""

    requests: list[Request] = field(default_factory=list)  # documents to fetch
    fetched: list[FetchedDocument] = field(default_factory=list)  # listings read on the way
    newest: dt.date | None = None  # newest report date the source lists, when it says
    problems: list[str] = field(default_factory=list)  # e.g. a bulletin dated in the future
    # Pages that could not be read (each names URL and reason): the run fails, but
    # what the pages read so far list is still fetched.
    failures: list[str] = field(default_factory=list)
    # The indexes read, for a message about dates no page was found for ("the news
    # listing of mod.gov.ua, pages 1..7").
    searched: list[str] = field(default_factory=list)
    # Another round (a less trusted index) may find what this one did not.
    more: bool = False


class Source(Protocol):
    name: str
    # The parser format of its bulletin documents (see parsers.parse_document).
    format: str
    # The first report date the source carries: earlier ones are not asked for.
    first_date: dt.date
    # Whether a wanted date the source does not carry fails the run (False for an
    # edition known to skip days: those are reported as warnings).
    missing_is_failure: bool

    async def discover(
        self, fetcher: Fetcher, wanted: set[dt.date], today: dt.date, round: int = 0
    ) -> Discovery: ...

    def follow_up(self, document: FetchedDocument) -> list[Request]:
        """Further documents a fetched one points to (the next page of a range)."""
        ...

    def page_for(self, date: dt.date) -> str:
        """Where a reader looks for the bulletin of `date` (for messages: an alert)."""
        ...
