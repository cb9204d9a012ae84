"""Parsed pages loaded a few batches at a time when batches come fast
(flows/pending_loads.py): when a load is due, what is loaded (all that waits, in the
order it came), and that a page whose load never came is loaded by the next run."""

from __future__ import annotations

import datetime as dt

from flows import ingest
from flows.pending_loads import LOAD_DOCUMENTS, LOAD_SECONDS, PendingLoads, ReadDocument
from flows.settings import Settings
from flows.sources.registry import source_for
from flows.tally import Tally
from tests.support.fixtures import read_fixture
from tests.support.warehouse import document
from warehouse import Warehouse


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def _reads(first: int, count: int) -> list[ReadDocument]:
    return [
        ReadDocument(i, f"https://mod.gov.ua/news/{i}", None, ())
        for i in range(first, first + count)
    ]


def _recorder():
    loaded: list[list[int]] = []

    def load(reads: list[ReadDocument]) -> Tally:
        loaded.append([read.document_id for read in reads])
        return Tally(bulletins_loaded=len(reads))

    return loaded, load


def test_fast_batches_wait_until_enough_pages_wait_then_load_together_in_order():
    clock, (loaded, load) = Clock(), _recorder()
    loads = PendingLoads(load, documents=300, seconds=2.0, clock=clock)
    for first in (0, 128):
        clock.now += 0.1
        assert loads.add(_reads(first, 128)) == Tally()  # not due: nothing loaded yet
    assert loaded == [] and len(loads) == 256
    clock.now += 0.1
    assert loads.add(_reads(256, 128)).bulletins_loaded == 384  # 384 >= 300: due
    assert loaded == [list(range(384))] and len(loads) == 0


def test_a_batch_that_came_slowly_is_loaded_when_it_is_in_with_those_waiting():
    clock, (loaded, load) = Clock(), _recorder()
    loads = PendingLoads(load, documents=512, seconds=2.0, clock=clock)
    clock.now += 0.5
    loads.add(_reads(0, 10))
    clock.now += 1.6  # 2.1 s since the start: the next batch loads both
    loads.add(_reads(10, 10))
    assert loaded == [list(range(20))]
    clock.now += 2.5  # a real site's pace: each batch loaded as it is in
    loads.add(_reads(20, 10))
    assert loaded[-1] == list(range(20, 30)) and loads.loads == 2


def test_flush_loads_what_waits_and_nothing_when_nothing_does():
    clock, (loaded, load) = Clock(), _recorder()
    loads = PendingLoads(load, clock=clock)
    assert loads.flush() == Tally() and loaded == []
    loads.add(_reads(0, 3))
    assert loads.flush().bulletins_loaded == 3
    assert loaded == [[0, 1, 2]] and loads.flush() == Tally() and loads.loads == 1


def test_by_default_fast_batches_of_128_load_four_at_a_time_and_a_slow_one_at_once():
    assert LOAD_DOCUMENTS == 512 and 0 < LOAD_SECONDS <= 5  # (four batches; never long)
    clock, (loaded, load) = Clock(), _recorder()
    loads = PendingLoads(load, clock=clock)  # the defaults
    for first in range(0, 1024, 128):
        clock.now += 0.1
        loads.add(_reads(first, 128))
    assert [len(ids) for ids in loaded] == [512, 512]
    clock.now += LOAD_SECONDS
    loads.add(_reads(1024, 1))
    assert loaded[-1] == [1024]


def test_a_page_read_but_never_loaded_is_loaded_by_the_next_run_without_a_fetch(tmp_path):
    """A run that dies while its pages wait: they are stored, still pending."""
    path = tmp_path / "losses.duckdb"
    page = document(
        "https://mod.gov.ua/news/bojovi-vtrati-voroga-na-5-lyutogo-2026-roku",
        read_fixture("mod/mod-uk-2026-02-05.html"),
        fetched_at=dt.datetime(2026, 2, 5, 7, 0, tzinfo=dt.UTC),
    )
    source = source_for("mod", Settings())
    with Warehouse.open(path) as wh:
        (document_id,) = wh.store_documents([page])
        reads, tally = ingest.read_stored(wh, [(document_id, page)], source.format)
        assert [read.document_id for read in reads] == [document_id] and not tally.failures
        PendingLoads(lambda r: ingest.load_read(wh, r)).add(reads)  # not due: it waits
        assert wh.loaded_dates("mod", dt.date(2026, 2, 5), dt.date(2026, 2, 5)) == set()
    with Warehouse.open(path) as wh:  # the next run
        again = ingest.reparse_stored(source, wh)
        assert again.bulletins_loaded == 1 and not again.failures
        assert wh.loaded_dates("mod", dt.date(2026, 2, 5), dt.date(2026, 2, 5)) == {
            dt.date(2026, 2, 5)
        }
