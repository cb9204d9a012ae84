"""Fetched answers stored as they arrive, not when their batch ends: a run killed,
or stopped by its time limit, while one request of a batch hangs keeps every page
that had arrived.

    arrivals = Arrivals(wh)
    fetcher = Fetcher(settings, on_answer=arrivals.add)
    async with fetcher, arrivals.storing():
        results = await fetch_all(fetcher, requests)
    ids = arrivals.ids(documents)  # stored already; only strays are stored now

Answers wait in memory at most FLUSH_SECONDS (a tick checks, also when nothing else
arrives), then are stored together: one transaction and one body pack, fsynced,
whose largest page is the zstd dictionary of the others (the pages of a site share
most of their bytes: a page alone stores at 1/6 of its size, beside another at
1/390; bodies/packs, warehouse/bodies.py). A store per answer would pay the
fsyncs and lose that. From the mirror answers come faster than batches fill (a
batch of 128 in ~0.4 s), so a batch is still stored about once; when one request
hangs, what came before it is stored within FLUSH_SECONDS. A kill -9 loses at most
the answers of the last FLUSH_SECONDS, which the next run fetches again.

The same tick lets the warehouse publish what it wrote for readers while the run
waits on the network (warehouse/snapshots.py)."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator, Callable, Sequence

from warehouse import FetchedDocument, Warehouse

FLUSH_SECONDS = 0.5  # the longest an answer waits in memory before it is stored


class Arrivals:
    """Stores answers in small groups as they come; one per fetch (a batch, a round)."""

    def __init__(
        self,
        wh: Warehouse,
        *,
        flush_seconds: float = FLUSH_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._wh = wh
        self._flush_seconds = flush_seconds
        self._clock = clock
        self._waiting: list[FetchedDocument] = []
        self._oldest: float | None = None  # when the first waiting answer came
        # id(answer) -> its document id; `_stored` keeps those answers alive, so
        # that no other object takes their id() meanwhile.
        self._ids: dict[int, int] = {}
        self._stored: list[FetchedDocument] = []
        self._error: BaseException | None = None

    def add(self, answer: FetchedDocument) -> None:
        """An answer has arrived whole (Fetcher's on_answer)."""
        self._waiting.append(answer)
        if self._oldest is None:
            self._oldest = self._clock()
        self._flush_if_due()

    def flush(self) -> None:
        """Store what is waiting, now."""
        if not self._waiting:
            return
        answers, self._waiting, self._oldest = self._waiting, [], None
        ids = self._wh.store_documents(answers)
        self._ids.update((id(answer), doc_id) for answer, doc_id in zip(answers, ids, strict=True))
        self._stored.extend(answers)

    def ids(self, answers: Sequence[FetchedDocument]) -> list[int]:
        """The document ids of `answers`, in order; any not stored yet (an answer that
        did not come through add()) are stored now."""
        self.flush()
        strays = list({id(a): a for a in answers if id(a) not in self._ids}.values())
        if strays:
            self._waiting = strays
            self.flush()
        return [self._ids[id(answer)] for answer in answers]

    @contextlib.asynccontextmanager
    async def storing(self) -> AsyncIterator[Arrivals]:
        """While fetching: a tick that stores what has waited FLUSH_SECONDS and lets
        the warehouse publish for readers; what is left is stored at the end."""
        tick = asyncio.ensure_future(self._tick())
        try:
            yield self
        finally:
            tick.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await tick
            self.flush()
        if self._error is not None:  # the tick could not store: as if add() had raised
            raise self._error

    async def _tick(self) -> None:
        while True:
            await asyncio.sleep(self._flush_seconds / 2)
            try:
                self._flush_if_due()
                self._wh.publish_snapshot_if_due()
            except Exception as exc:  # reported when the fetch ends (storing())
                self._error = exc
                return

    def _flush_if_due(self) -> None:
        if self._oldest is not None and self._clock() - self._oldest >= self._flush_seconds:
            self.flush()


__all__ = ["FLUSH_SECONDS", "Arrivals"]
