from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Protocol

from flows.fetch import Fetcher, Request
from warehouse import FetchedDocument


@dataclass
class Discovery:
    """What a source offers for the wanted dates."""

    requests: list[Request] = field(default_factory=list)  # documents to fetch
    fetched: list[FetchedDocument] = field(default_factory=list)  # listings read on the way
    newest: dt.date | None = None  # newest report date the source lists, when it says
    problems: list[str] = field(default_factory=list)  # e.g. a bulletin dated in the future


class Source(Protocol):
    name: str
    # The parser format of its bulletin documents (see parsers.parse_document).
    format: str

    async def discover(
        self, fetcher: Fetcher, wanted: set[dt.date], today: dt.date
    ) -> Discovery: ...

    def follow_up(self, document: FetchedDocument) -> list[Request]:
        """Further documents a fetched one points to (the next page of a range)."""
        ...
