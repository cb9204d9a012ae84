"""Parsed pages loaded a few batches at a time when batches come fast.

A batch of pages is stored as it arrives (flows/arrivals.py: nothing fetched waits in
memory long) and parsed; loading its bulletins is one transaction, and a transaction
costs DuckDB about the same whether it loads 128 pages or 512 (a lookup, three inserts,
an update and a commit): the MoD history's 1,635 pages loaded alone, best of three, in
0.39-0.41 s in groups of 128 and 0.18-0.20 s in groups of 512. From the mirror batches
come in a fraction of a second each, so the loads were much of a backfill's time. So what parsing a
batch gave waits (without the pages: their bodies are stored and let go) until
LOAD_DOCUMENTS pages wait or LOAD_SECONDS have passed since the last load; from a real
site, whose batch takes longer than that, each batch is loaded when it is in, as before.

Nothing is lost by waiting: a waiting page is stored already, with its parse status
still pending, so a run that dies before loading it leaves it for the next run, which
parses it again from the warehouse (reparse-stored) without fetching it.

    loads = PendingLoads(lambda reads: load_read(wh, reads))
    tally.add(loads.add(reads))   # loads them, and those before, when due
    tally.add(loads.flush())      # at the end: loads what waits"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from flows.tally import Tally
from parsers.model import Bulletin

LOAD_DOCUMENTS = 512  # pages waiting that are loaded at once
LOAD_SECONDS = 2.0  # the longest between two loads while pages wait


@dataclass(frozen=True, slots=True)
class ReadDocument:
    """A stored page, parsed, waiting to be loaded: what loading needs of it."""

    document_id: int
    url: str
    report_date: dt.date | None  # the index's date for it (for messages)
    bulletins: Sequence[Bulletin]
    other_news: str | None = None  # why it is not a bulletin: set aside, not loaded


class PendingLoads:
    """The reads of one queue's batches, loaded by `load` in groups (see above)."""

    def __init__(
        self,
        load: Callable[[list[ReadDocument]], Tally],
        *,
        documents: int | None = None,
        seconds: float | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._load = load
        self._documents = LOAD_DOCUMENTS if documents is None else documents
        self._seconds = LOAD_SECONDS if seconds is None else seconds
        self._clock = clock
        self._waiting: list[ReadDocument] = []
        self._loaded_at = clock()
        self.loads = 0  # (how many times it loaded: for the tests)

    def __len__(self) -> int:
        return len(self._waiting)

    def add(self, reads: Sequence[ReadDocument]) -> Tally:
        """Queue a batch's reads; load what waits if it is due. Returns what loading
        did (an empty Tally when nothing was loaded)."""
        self._waiting.extend(reads)
        due = len(self._waiting) >= self._documents
        if due or self._clock() - self._loaded_at >= self._seconds:
            return self.flush()
        return Tally()

    def flush(self) -> Tally:
        """Load what waits, now."""
        self._loaded_at = self._clock()
        if not self._waiting:
            return Tally()
        reads, self._waiting = self._waiting, []
        self.loads += 1
        return self._load(reads)


__all__ = ["LOAD_DOCUMENTS", "LOAD_SECONDS", "PendingLoads", "ReadDocument"]
