"""Reconciliation benchmark (not part of the tests):

    uv run python bench/bench_reconcile.py

Loads the reference history (1,626 days) as three sources (mod, minfin, api), one
of them with a typo seeded every 50 days, then times, on the whole history: the
reconciled series (`reconciled_long`, every date and category), every
disagreement with its verdict (`Warehouse.disagreements`), and a full check
(which stores both kinds of verdicts). Goal: the whole history of three sources
reconciled in <= 1 s (issue 14). Prints a table."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from mirror.reference import load_reference  # noqa: E402
from parsers.model import Figure  # noqa: E402
from warehouse import FetchedDocument, Warehouse  # noqa: E402

SOURCES = ("mod", "minfin", "api")
TYPO_EVERY = 50


def _document(source: str) -> FetchedDocument:
    return FetchedDocument(
        source=source,
        url=f"http://bench/{source}/history",
        fetched_at=dt.datetime.now(dt.UTC),
        status=200,
        content_type="application/json",
        body=source.encode(),
        report_date=None,
        lang="uk",
        kind="bulletin",
    )


def _typo(figure: Figure) -> Figure:
    text = str(figure.total)
    return dataclasses.replace(figure, total=int(text[:-1] + str((int(text[-1]) + 3) % 10)))


def main() -> None:
    days = load_reference()
    path = Path(tempfile.mkdtemp(prefix="losses-bench-reconcile-")) / "w.duckdb"
    rows = []
    with Warehouse.open(path) as wh:
        started = time.perf_counter()
        for source in SOURCES:
            bulletins = []
            for i, day in enumerate(days):
                bulletin = day.bulletin(source)
                if source == "api" and i % TYPO_EVERY == 25 and "tanks" in bulletin.figures:
                    bulletin.figures["tanks"] = _typo(bulletin.figures["tanks"])
                bulletins.append(bulletin)
            [doc_id] = wh.store_documents([_document(source)])
            wh.load_document(doc_id, bulletins, "bench")
        rows.append((f"load 3 x {len(days)} days (setup)", time.perf_counter() - started, ""))

        def timed(label, run):
            best, result = None, None
            for _ in range(3):
                started = time.perf_counter()
                result = run()
                spent = time.perf_counter() - started
                best = spent if best is None else min(best, spent)
            rows.append((label, best, result))

        timed(
            "reconciled series, whole history",
            lambda: f"{wh.rows('SELECT count(*) FROM reconciled_long')[0][0]} cells",
        )
        timed("every disagreement with its verdict", lambda: f"{len(wh.disagreements())} found")
        timed(
            "check --full (both kinds of verdicts stored)",
            lambda: f"{len(wh.run_check(full=True).disagreements)} disagreements judged",
        )
    print(
        f"\n{platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}; best of 3\n"
    )
    print("| step | seconds | result |\n|---|---:|---|")
    for label, seconds, result in rows:
        print(f"| {label} | {seconds:.3f} | {result} |")


if __name__ == "__main__":
    main()
