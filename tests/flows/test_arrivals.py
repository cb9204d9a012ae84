"""Answers are stored as they arrive, in groups no older than FLUSH_SECONDS: by the
next arrival, by the tick when nothing else comes, and the rest at the end."""

from __future__ import annotations

import asyncio

from flows.arrivals import Arrivals
from tests.support.warehouse import document
from warehouse import Warehouse


def _stored(wh: Warehouse) -> list[str]:
    return [d.url for d in wh.find_documents()]


def test_answers_are_stored_once_the_oldest_has_waited_flush_seconds(tmp_path):
    with Warehouse.open(tmp_path / "w.duckdb") as wh:
        clock = [0.0]
        arrivals = Arrivals(wh, flush_seconds=0.5, clock=lambda: clock[0])
        first, second, third = (document(f"http://m/{n}", f"<p>{n}</p>") for n in range(3))
        arrivals.add(first)
        clock[0] = 0.4
        arrivals.add(second)
        assert _stored(wh) == []  # in one group, not a store each
        clock[0] = 0.5
        arrivals.add(third)
        assert _stored(wh) == ["http://m/0", "http://m/1", "http://m/2"]
        stray = document("http://m/stray", "<p>stray</p>")  # did not come through add()
        ids = arrivals.ids([third, stray, first])
        assert [wh.stored_document(i).url for i in ids] == [
            "http://m/2",
            "http://m/stray",
            "http://m/0",
        ]


def test_the_tick_stores_a_lone_answer_while_the_others_hang(tmp_path):
    with Warehouse.open(tmp_path / "w.duckdb") as wh:
        arrivals = Arrivals(wh, flush_seconds=0.1)
        seen: list[list[str]] = []

        async def fetching():
            async with arrivals.storing():
                arrivals.add(document("http://m/came", "<p>came</p>"))
                await asyncio.sleep(0.3)  # the rest of the batch hangs
                seen.append(_stored(wh))

        asyncio.run(fetching())
        assert seen == [["http://m/came"]]  # stored while the fetch still waited
