"""Two real processes on one warehouse file: the second waits (and says so), both
finish, nothing is lost; a writer killed with SIGKILL leaves a consistent file."""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from tests.support.warehouse import FETCHED_AT
from warehouse import Warehouse, WarehouseBusy

ROOT = Path(__file__).resolve().parents[2]

# Stores and loads `count` one-category bulletins from `first` on, one transaction
# each, printing each document id once committed; then holds the file `hold` seconds.
WRITER = textwrap.dedent(
    """
    import datetime as dt, sys, time
    from parsers.model import Bulletin, Figure
    from warehouse import FetchedDocument, Warehouse

    path, name, first, count, hold, wait = sys.argv[1:7]
    fetched = dt.datetime.fromisoformat(sys.argv[7])
    start = dt.date(2024, 1, 1)
    say = lambda message: print("WAIT", message, flush=True)
    with Warehouse.open(path, wait_seconds=float(wait), on_wait=say) as wh:
        print("OPEN", flush=True)
        for i in range(int(first), int(first) + int(count)):
            date = start + dt.timedelta(days=i)
            doc = FetchedDocument(name, f"http://m/{name}/{i}", fetched, 200, "text/html",
                                  f"<p>{name} {i}</p>".encode() * 2000, date, "uk")
            [doc_id] = wh.store_documents([doc])
            figures = {"tanks": Figure(100 + i, 1), "mlrs": Figure(10 + i, 1)}
            wh.load_document(doc_id, [Bulletin(date, name, "uk", figures)], "test-1")
            print("DONE", doc_id, flush=True)
        time.sleep(float(hold))
    print("CLOSED", flush=True)
    """
)


def _writer(path, source, first, count, hold=0.0, wait=60.0):
    return subprocess.Popen(
        [
            sys.executable,
            "-c",
            WRITER,
            str(path),
            source,
            *map(str, (first, count, hold, wait)),
            FETCHED_AT.isoformat(),
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _wait_for(process, marker: str) -> list[str]:
    lines = []
    while True:
        line = process.stdout.readline()
        assert line, f"writer ended before {marker!r}: {process.stderr.read()}"
        lines.append(line.strip())
        if line.startswith(marker):
            return lines


def test_two_writers_take_turns_and_lose_nothing(wh_path):
    first = _writer(wh_path, "mod", 0, 5, hold=1.5)
    _wait_for(first, "OPEN")
    second = _writer(wh_path, "api", 0, 5)
    _, err_first = first.communicate(timeout=60)
    out_second, err_second = second.communicate(timeout=60)
    assert first.returncode == 0, err_first
    assert second.returncode == 0, err_second
    assert f"WAIT the warehouse {wh_path} is in use by another process (PID {first.pid}" in (
        out_second
    )
    with Warehouse.open(wh_path, read_only=True) as wh:
        assert len(wh.loaded_dates("mod", *_span())) == 5
        assert len(wh.loaded_dates("api", *_span())) == 5
        statuses = wh.rows("SELECT parse_status, count(*) FROM documents GROUP BY 1")
        assert statuses == [("loaded", 10)]


def _span():
    import datetime as dt

    return dt.date(2024, 1, 1), dt.date(2024, 12, 31)


def test_waiting_gives_up_with_a_clear_message(wh_path, caplog):
    holder = _writer(wh_path, "mod", 0, 1, hold=5)
    try:
        _wait_for(holder, "OPEN")
        started = time.monotonic()
        with (
            caplog.at_level(logging.WARNING, logger="losses.warehouse"),
            pytest.raises(WarehouseBusy) as raised,
        ):
            Warehouse.open(wh_path, read_only=True, wait_seconds=0.6)
        assert 0.5 < time.monotonic() - started < 5
        assert str(wh_path) in str(raised.value)
        assert f"PID {holder.pid}" in str(raised.value)
        assert "in use by another process" in caplog.text
    finally:
        holder.kill()
        holder.wait()


def test_a_killed_writer_leaves_a_consistent_file(wh_path):
    writer = _writer(wh_path, "mod", 0, 1000)
    committed = []
    while len(committed) < 25:
        line = writer.stdout.readline()
        assert line, writer.stderr.read()
        if line.startswith("DONE"):
            committed.append(int(line.split()[1]))
    os.kill(writer.pid, signal.SIGKILL)
    writer.wait()
    with Warehouse.open(wh_path) as wh:  # replays the WAL
        for doc_id in committed:
            assert wh.stored_document(doc_id).parse_status == "loaded"
            assert wh.document_body(doc_id).startswith(b"<p>mod")
        # every stored bulletin is whole, every stored document has its body
        partial = wh.one(
            "SELECT count(*) FROM bulletins b WHERE categories <> (SELECT count(*) "
            "FROM observations o WHERE o.source = b.source AND o.report_date = b.report_date "
            "AND o.revision = b.revision)"
        )[0]
        assert partial == 0
        documents = [d.id for d in wh.find_documents()]
        assert all(wh.document_body(i) for i in documents)
        # and the next writer carries on where it stopped
        wh.run_check()
        assert wh.run_check().checked == 0
