"""Warehouse benchmark (not part of the test suite):

    uv run python bench/bench_warehouse.py [--quick]

Loads the whole reference history (1,626 days) as MoD documents of ~250 KB
through Warehouse.store_documents / load_documents, then times the delta check
on the full history and on one new day, and a daily-sized load on a full
warehouse against one on a 10-day warehouse. Prints a table."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from mirror.reference import ReferenceDay, load_reference  # noqa: E402
from warehouse import FetchedDocument, Warehouse  # noqa: E402
from warehouse.paths import bodies_dir  # noqa: E402

FETCHED_AT = dt.datetime(2026, 9, 1, 7, 0, tzinfo=dt.UTC)
PARSER = "bench"


def page(day: ReferenceDay) -> bytes:
    """A MoD day page as the mirror renders it (~250 KB), or a stand-in of that size."""
    try:
        from mirror import render

        return render.mod_day_page(render.day_view(day), "uk")
    except Exception:  # the mirror's internals are not an API; keep the bench running
        filler = "".join(f'<li><a href="/mod/s/{i}">Розділ {i}</a></li>' for i in range(6000))
        return f"<html><nav>{filler}</nav><p>{day.date}</p></html>".encode()


def document(day: ReferenceDay) -> FetchedDocument:
    return FetchedDocument(
        "mod",
        f"http://127.0.0.1/mod/news/{day.date}",
        FETCHED_AT,
        200,
        "text/html; charset=utf-8",
        page(day),
        day.date,
        "uk",
    )


class Timer:
    def __init__(self) -> None:
        self.wall = self.cpu = 0.0

    def __enter__(self) -> Timer:
        self._wall, self._cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc: object) -> None:
        self.wall = time.perf_counter() - self._wall
        self.cpu = time.process_time() - self._cpu


def ingest(wh: Warehouse, days: list[ReferenceDay], batch: int) -> tuple[Timer, Timer]:
    """Store then load, `batch` documents per transaction (pages are rendered one
    batch at a time, outside the timers, so that memory stays the warehouse's)."""
    store, ids = Timer(), []
    for k in range(0, len(days), batch):
        docs = [document(day) for day in days[k : k + batch]]
        with Timer() as part:
            ids += wh.store_documents(docs)
        store.wall, store.cpu = store.wall + part.wall, store.cpu + part.cpu
    items = [(i, [day.bulletin("mod")], PARSER) for i, day in zip(ids, days, strict=True)]
    with Timer() as load:
        for k in range(0, len(items), batch):
            wh.load_documents(items[k : k + batch])
    return store, load


def size(path: Path) -> int:
    files = [path, Path(f"{path}.wal")]
    files += [p for p in bodies_dir(path).rglob("*") if p.is_file()]
    return sum(f.stat().st_size for f in files if f.exists())


def losses_cli(*args: str) -> float:
    """Wall time of one `losses ...` command in a fresh process."""
    exe = Path(sys.executable).with_name("losses")
    started = time.perf_counter()
    subprocess.run([str(exe), *args], check=False, capture_output=True, cwd=ROOT)
    return time.perf_counter() - started


def one_day(path: Path, day: ReferenceDay, doc: FetchedDocument) -> tuple[float, float, float]:
    """Open, store + load one new day, check, close: (load s, check s, total s)."""
    started = time.perf_counter()
    with Warehouse.open(path) as wh:
        with Timer() as load:
            [doc_id] = wh.store_documents([doc])
            wh.load_document(doc_id, [day.bulletin("mod")], PARSER)
        with Timer() as check:
            summary = wh.run_check()
        assert summary.dates == 1, summary
    return load.wall, check.wall, time.perf_counter() - started


def blob_close_times(days: list[ReferenceDay], marks: tuple[int, ...]) -> list[float]:
    """Why bodies are not a BLOB column: the time to append one page to a table
    holding n pages and close the file (DuckDB checkpoints, rewriting the table's
    open row group), for each n in `marks`."""
    import duckdb

    times = []
    with tempfile.TemporaryDirectory() as tmp:
        path = str(Path(tmp) / "blob.duckdb")
        con = duckdb.connect(path)
        con.execute("CREATE TABLE b (n INTEGER, body BLOB)")
        done = 0
        for mark in marks:
            con.execute("SET wal_autocheckpoint = '10GB'")
            for n in range(done, mark - 1):
                con.execute("INSERT INTO b VALUES (?, ?)", [n, page(days[n % len(days)])])
            con.close()
            con = duckdb.connect(path)
            started = time.perf_counter()
            con.execute("INSERT INTO b VALUES (?, ?)", [mark, page(days[mark % len(days)])])
            con.close()
            times.append(time.perf_counter() - started)
            con = duckdb.connect(path)
            done = mark
        con.close()
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="skip the slow comparisons")
    args = parser.parse_args()
    days = load_reference()
    history, new = days[:-1], days[-1]
    new_doc = document(new)
    mean_kb = len(new_doc.body) / 1024
    observations = sum(len(d.figures) for d in history)
    rows: list[tuple[str, str]] = []

    def add(label: str, value: str) -> None:
        rows.append((label, value))
        print(f"  {label}: {value}", file=sys.stderr)

    tmp = Path(tempfile.mkdtemp(prefix="bench-warehouse-"))
    try:
        add(
            "history",
            f"{len(history)} days, {observations} observations, pages of ~{mean_kb:.0f} KB",
        )
        runs: list[tuple[str, int]] = [("zstd", 50), ("zlib", 50), ("identity", 50)]
        if not args.quick:
            runs.append(("zstd", 1))
        full = None
        for codec, batch in runs:
            path = tmp / f"{codec}-{batch}" / "losses.duckdb"
            with Warehouse.open(path, body_codec=codec) as wh:
                store, load = ingest(wh, history, batch)
            label = f"{codec} bodies, {batch} doc(s)/transaction"
            add(
                f"store {len(history)} pages ({label})",
                f"{store.wall:.2f} s wall, {store.cpu:.2f} s CPU, "
                f"{store.wall / len(history) * 1000:.2f} ms/page",
            )
            add(
                f"load {len(history)} bulletins ({label})",
                f"{load.wall:.2f} s, {observations / load.wall:,.0f} rows/s, "
                f"{len(history) / load.wall:,.0f} bulletins/s",
            )
            add(f"size on disk ({label})", f"{size(path) / 1e6:.1f} MB")
            if (codec, batch) == ("zstd", 50):
                full = path

        assert full is not None
        pristine = tmp / "pristine"
        shutil.copytree(full.parent, pristine)
        with Warehouse.open(full) as wh, Timer() as check:
            summary = wh.run_check()
        add(
            "check, full history (first run, API)",
            f"{check.wall * 1000:.0f} ms for {summary.checked} rows, {summary.failed} failures",
        )
        with Warehouse.open(full) as wh, Timer() as recheck:
            wh.run_check(full=True)
        add("check --full again (API)", f"{recheck.wall * 1000:.0f} ms")
        with Warehouse.open(full) as wh, Timer() as noop:
            wh.run_check()
        add("check with nothing new (API)", f"{noop.wall * 1000:.1f} ms")

        load_s, check_s, total_s = one_day(full, new, new_doc)
        add(
            "one new day on the full warehouse",
            f"load {load_s * 1000:.1f} ms, check {check_s * 1000:.1f} ms, "
            f"open..close {total_s * 1000:.0f} ms",
        )
        small = tmp / "small" / "losses.duckdb"
        with Warehouse.open(small) as wh:
            ingest(wh, history[-10:], 50)
            wh.run_check()
        load_s, check_s, total_s = one_day(small, new, new_doc)
        add(
            "one new day on a 10-day warehouse",
            f"load {load_s * 1000:.1f} ms, check {check_s * 1000:.1f} ms, "
            f"open..close {total_s * 1000:.0f} ms",
        )

        # The CLI, end to end (a fresh process each: imports, open, check, close).
        cli = pristine / "losses.duckdb"
        add(
            "`losses check`, full history (never checked)",
            f"{losses_cli('check', '--warehouse', str(cli)):.2f} s",
        )
        with Warehouse.open(cli) as wh:
            [doc_id] = wh.store_documents([new_doc])
            wh.load_document(doc_id, [new.bulletin("mod")], PARSER)
        add("`losses check`, one new day", f"{losses_cli('check', '--warehouse', str(cli)):.2f} s")
        add("`losses check`, nothing new", f"{losses_cli('check', '--warehouse', str(cli)):.2f} s")
        add("`losses status`", f"{losses_cli('status', '--warehouse', str(cli)):.2f} s")

        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        add("peak RSS of this process so far", f"{peak:.0f} MB")
        if not args.quick:
            marks = (10, 400, 1600)
            times = blob_close_times(days, marks)
            add(
                "for comparison: pages in a BLOB column, append 1 + close",
                ", ".join(f"{t * 1000:.0f} ms at {n}" for n, t in zip(marks, times, strict=True)),
            )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    import duckdb

    machine = f"{platform.processor() or platform.machine()}, {os.cpu_count()} CPUs"
    print(
        f"\nWarehouse benchmark ({machine}, Python {platform.python_version()}, "
        f"DuckDB {duckdb.__version__})\n"
    )
    width = max(len(label) for label, _ in rows)
    print(f"| {'measure':<{width}} | result")
    print(f"|{'-' * (width + 2)}|{'-' * 40}")
    for label, value in rows:
        print(f"| {label:<{width}} | {value}")


if __name__ == "__main__":
    main()
