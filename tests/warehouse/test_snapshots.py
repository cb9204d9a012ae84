"""Readers while a run writes, with real processes: a reader reads the snapshot of what
the run holding the file has committed (never half a batch), the run keeps its lock
on the file when it publishes one, a snapshot of another process is never read, a
reader reading back to back does not keep a writer out, and `losses status` names
the run that holds the file."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from flows.cli import app
from tests.support.runs import killed_run
from warehouse import Warehouse, WarehouseBusy
from warehouse.paths import snapshot_path
from warehouse.snapshots import Publisher

ROOT = Path(__file__).resolve().parents[2]

# A run's writes, as a run makes them: a run row, then batches of BATCH documents
# stored in one transaction and loaded in another. Publishes after every write
# (PUBLISH_INTERVAL 0). Commands on stdin: "batch" (one more), "close"; or with a
# count, that many batches at once and then it closes.
WRITER = textwrap.dedent(
    """
    import datetime as dt, sys
    from parsers.model import Bulletin, Figure
    from warehouse import FetchedDocument, Warehouse, snapshots

    snapshots.PUBLISH_INTERVAL = 0
    path, publish, batch = sys.argv[1], sys.argv[2] == "publish", int(sys.argv[3])
    wh = Warehouse.open(path, publish_snapshots=publish)
    run = wh.start_run("backfill", {"source": "mod", "start": "2024-01-01"})
    print("RUN", run, flush=True)
    done = 0

    def one_batch():
        global done
        now = dt.datetime.now(dt.UTC)
        days = [dt.date(2024, 1, 1) + dt.timedelta(days=done + i) for i in range(batch)]
        docs = [FetchedDocument("mod", f"http://m/{d}", now, 200, "text/html",
                                f"<p>{d}</p>".encode() * 500, d, "uk") for d in days]
        ids = wh.store_documents(docs)
        wh.load_documents([
            (i, [Bulletin(d, "mod", "uk", {"tanks": Figure(100 + n, 1),
                                            "mlrs": Figure(10 + n, 1)})], "test-1")
            for n, (i, d) in enumerate(zip(ids, days), start=done)
        ])
        done += batch
        print("BATCH", done, flush=True)

    if len(sys.argv) > 4:
        for _ in range(int(sys.argv[4])):
            one_batch()
    else:
        for line in sys.stdin:
            if line.strip() == "batch":
                one_batch()
            else:
                break
    wh.close()
    print("CLOSED", flush=True)
    """
)

# Opens the file read-only in another process: "opened", or "locked" by a writer.
PROBE = textwrap.dedent(
    """
    import sys, duckdb
    try:
        duckdb.connect(sys.argv[1], read_only=True).close()
        print("opened")
    except duckdb.IOException as exc:
        print("locked" if "lock" in str(exc) else exc)
    """
)


def _writer(
    path: Path, batch: int = 2, batches: int | None = None, *, publish: bool = True
) -> subprocess.Popen:
    more = [] if batches is None else [str(batches)]
    return subprocess.Popen(
        [
            sys.executable,
            "-c",
            WRITER,
            str(path),
            "publish" if publish else "no",
            str(batch),
            *more,
        ],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _say(writer: subprocess.Popen, command: str, answer: str) -> str:
    writer.stdin.write(command + "\n")
    writer.stdin.flush()
    return _wait_for(writer, answer)


def _wait_for(writer: subprocess.Popen, marker: str) -> str:
    while True:
        line = writer.stdout.readline()
        assert line, f"writer ended before {marker!r}: {writer.stderr.read()}"
        if line.startswith(marker):
            return line.strip()


def _probe(path: Path) -> str:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(path)], cwd=ROOT, capture_output=True, text=True
    )
    return done.stdout.strip() or done.stderr


def _counts(wh: Warehouse) -> tuple[int, int, int]:
    return wh.one(
        "SELECT (SELECT count(*) FROM bulletins), (SELECT count(*) FROM observations), "
        "(SELECT count(*) FROM documents)"
    )


def test_a_reader_reads_what_the_run_holding_the_file_committed(wh_path):
    writer = _writer(wh_path, 2)
    try:
        run_id = int(_wait_for(writer, "RUN").split()[1])
        _say(writer, "batch", "BATCH")
        with Warehouse.open(wh_path, read_only=True, wait_seconds=0) as wh:
            assert wh.snapshot is not None
            assert (wh.snapshot.run_id, wh.snapshot.pid) == (run_id, writer.pid)
            assert _counts(wh) == (2, 4, 2)
            assert wh.one("SELECT outcome FROM runs") == ("running",)
            # The snapshot's bodies are the run's body store: every one readable.
            assert all(wh.document_body(d.id) for d in wh.find_documents())
        # Publishing copied the file without dropping the run's lock on it.
        assert _probe(wh_path) == "locked"
        _say(writer, "batch", "BATCH")
        with Warehouse.open(wh_path, read_only=True, wait_seconds=0) as wh:
            assert _counts(wh) == (4, 8, 4)
        _say(writer, "close", "CLOSED")
    finally:
        writer.kill()
        writer.communicate()
    assert not snapshot_path(wh_path).exists()  # gone with the run: readers read the file
    with Warehouse.open(wh_path, read_only=True, wait_seconds=0) as wh:
        assert wh.snapshot is None
        assert _counts(wh) == (4, 8, 4)


def test_readers_never_see_half_a_batch(wh_path):
    writer = _writer(wh_path, 5, 40)  # 40 batches of 5, as fast as it can
    seen = set()
    try:
        _wait_for(writer, "RUN")
        while writer.poll() is None:
            try:
                with Warehouse.open(wh_path, read_only=True, wait_seconds=0) as wh:
                    bulletins, observations, documents = _counts(wh)
            except WarehouseBusy:  # between two snapshots' existence: not yet published
                continue
            # Loads are whole batches; stores are whole batches (documents may be
            # stored and not loaded yet, never the other way round).
            assert bulletins % 5 == 0 and observations == 2 * bulletins, (bulletins, observations)
            assert documents % 5 == 0 and documents - bulletins in (0, 5)
            seen.add(bulletins)
    finally:
        writer.kill()
        _, err = writer.communicate()
    assert writer.returncode == 0, err
    assert len(seen) >= 3, seen  # read many times while it wrote


def test_a_snapshot_of_another_process_is_never_read(wh_path):
    killed_run(wh_path)  # a run killed: its row says running, in a process now gone
    with Warehouse.open(wh_path):
        pass
    snapshot_path(wh_path).write_bytes(wh_path.read_bytes())  # as it would have published
    writer = _writer(wh_path, publish=False)  # another writer holds the file now
    try:
        _wait_for(writer, "RUN")
        started = time.monotonic()
        with pytest.raises(WarehouseBusy, match="locked by another process"):
            Warehouse.open(wh_path, read_only=True, wait_seconds=0.3)
        assert time.monotonic() - started < 5
    finally:
        writer.kill()
        writer.communicate()


READER = textwrap.dedent(
    """
    import sys, time
    from warehouse import Warehouse
    end = time.monotonic() + float(sys.argv[2])
    print("READING", flush=True)
    while time.monotonic() < end:
        with Warehouse.open(sys.argv[1], read_only=True, wait_seconds=30) as wh:
            wh.rows("SELECT * FROM runs")
            time.sleep(0.1)  # a read of some length, as an export
    """
)


def test_a_reader_reading_back_to_back_does_not_keep_a_writer_out(wh_path):
    with Warehouse.open(wh_path):
        pass
    # Three of them, each holding the file for a read: between them it is never free.
    readers = [
        subprocess.Popen(
            [sys.executable, "-c", READER, str(wh_path), "5"],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(3)
    ]
    try:
        for reader in readers:
            assert reader.stdout.readline().strip() == "READING"
        time.sleep(0.3)
        started = time.monotonic()
        with Warehouse.open(wh_path, wait_seconds=10):
            took = time.monotonic() - started
    finally:
        for reader in readers:
            reader.kill()
            reader.communicate()
    assert took < 1.5, f"the writer waited {took:.1f} s for the readers"


def test_status_names_the_run_holding_the_file(wh_path):
    writer = _writer(wh_path)
    try:
        run_id = int(_wait_for(writer, "RUN").split()[1])
        _say(writer, "batch", "BATCH")
        status = CliRunner().invoke(app, ["status", "--warehouse", str(wh_path), "--wait", "0"])
        as_json = CliRunner().invoke(app, ["status", "--json", "--warehouse", str(wh_path)])
    finally:
        writer.kill()
        writer.communicate()
    assert status.exit_code == 0, status.output
    host = socket.gethostname()
    assert (
        f"run #{run_id} backfill (source=mod, start=2024-01-01) is running in pid "
        f"{writer.pid} on {host}, started "
    ) in status.output
    assert "; last fetched a document 0 s ago" in status.output or "1 s ago" in status.output
    assert f"run #{run_id} (backfill, pid {writer.pid}) is writing {wh_path}" in status.output
    import json

    info = json.loads(as_json.stdout)
    [running] = info["running"]
    assert (running["run_id"], running["pid"], running["host"]) == (run_id, writer.pid, host)
    assert running["process_gone"] is False and running["running_seconds"] >= 0
    assert info["snapshot"]["run_id"] == run_id


def test_the_publisher_publishes_at_most_once_an_interval_and_when_idle(tmp_path):
    import duckdb

    path = tmp_path / "w.duckdb"
    con = duckdb.connect(str(path))
    clock = [0.0]
    publisher = Publisher(con, path, interval=1.0, clock=lambda: clock[0])
    target = snapshot_path(path)
    publisher.wrote()
    assert not target.exists()  # a run shorter than the interval publishes nothing
    clock[0] = 1.0
    publisher.wrote()
    assert target.exists() and publisher.published == 1
    clock[0] = 1.5
    publisher.wrote()
    publisher.idle()
    assert publisher.published == 1  # not yet: within the interval
    clock[0] = 2.0
    publisher.idle()  # written and not published: the waiting writer publishes it
    assert publisher.published == 2
    clock[0] = 5.0
    publisher.idle()
    assert publisher.published == 2  # nothing new
    publisher.close()
    assert not target.exists()
    con.close()
    assert os.listdir(tmp_path) == ["w.duckdb"]  # no partial copy left behind
