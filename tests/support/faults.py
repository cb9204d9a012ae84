"""What every fault test asserts, in one place: run the real flow on a small
history, then hold the warehouse to the invariants of issue 5."""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass
from pathlib import Path

from flows.backfill import backfill
from mirror import MirrorHandle
from warehouse import Warehouse

UNTIL = dt.date(2024, 6, 4)
START = dt.date(2024, 5, 24)  # 12 days: two mil.gov.ua listing pages, two minfin months
DATES = [START + dt.timedelta(days=n) for n in range((UNTIL - START).days + 1)]
SOURCES = ("mod", "minfin", "api")
# The MoD site of those days (mirror/SITES.md): its listing, and its day pages by date.
MIL = "/mod/www.mil.gov.ua"
LISTING = f"{MIL}/news/"


def day_pages(date: dt.date) -> str:
    """A fault pattern for the mil.gov.ua news items of one date (its bulletin among them)."""
    return f"{MIL}/news/{date:%Y/%m/%d}/*"


def month_page(date: dt.date) -> str:
    """A fault pattern for the aggregator's month page of `date`."""
    return f"/minfin/*/casualties/{date:%Y-%m}/"


# Faults after which the client holds no complete answer (nothing to store).
LOST_IN_TRANSIT = ("timeout", "truncate", "reset")


def backfill_range(
    mirror: MirrorHandle,
    path: Path,
    source: str = "mod",
    *,
    start: dt.date = START,
    end: dt.date = UNTIL,
    refetch: bool = False,
):
    return backfill(
        start=start,
        end=end,
        source=source,
        refetch=refetch,
        base_url=mirror.url(source),
        warehouse=str(path),
        return_state=True,
    )


def exports(path: Path, directory: Path) -> dict[str, bytes]:
    """The deterministic exports of a warehouse: daily_losses as CSV and the
    petroivaniuk JSON pair, as bytes."""
    directory.mkdir(parents=True, exist_ok=True)
    with Warehouse.open(path, read_only=True) as wh:
        files = wh.export("csv", directory / "daily_losses.csv")
        files += wh.export("json", directory / "petroivaniuk", shape="petroivaniuk")
    return {file.name: file.read_bytes() for file in files}


def daily_rows(path: Path) -> dict[dt.date, tuple]:
    with Warehouse.open(path, read_only=True) as wh:
        rows = wh.rows("SELECT * FROM daily_losses ORDER BY report_date")
    return {row[0]: row for row in rows}


@dataclass(frozen=True)
class Baseline:
    """A clean run's warehouse, exports and rows, to compare a faulted run with."""

    path: Path
    exports: dict[str, bytes]
    rows: dict[dt.date, tuple]

    @classmethod
    def of(cls, path: Path, export_dir: Path) -> Baseline:
        return cls(path, exports(path, export_dir), daily_rows(path))


def loaded_dates(path: Path, source: str = "mod") -> set[dt.date]:
    with Warehouse.open(path, read_only=True) as wh:
        return wh.loaded_dates(source, START, UNTIL)


def last_run(path: Path) -> tuple[str, str | None]:
    with Warehouse.open(path, read_only=True) as wh:
        return wh.one("SELECT outcome, message FROM runs ORDER BY run_id DESC LIMIT 1")


def documents(path: Path) -> list[tuple]:
    """(url, kind, http_status, report_date, parse_status, parse_error), oldest first."""
    with Warehouse.open(path, read_only=True) as wh:
        return wh.rows(
            "SELECT url, kind, http_status, report_date, parse_status, parse_error "
            "FROM documents ORDER BY document_id"
        )


def fired(mirror: MirrorHandle, kind: str, *, at_least: int = 0, wait: float = 3.0) -> list:
    """The requests the mirror answered with a fault of `kind` (the test's fault
    happened). A `timeout` request is logged when its delay ends, after the client
    gave up: wait up to `wait` seconds for `at_least` of them."""
    deadline = time.monotonic() + wait
    while True:
        found = [r for r in mirror.requests if r.fault and kind in r.fault]
        if len(found) >= at_least or time.monotonic() > deadline:
            return found
        time.sleep(0.05)


# ------------------------------------------------------------------ invariants


def assert_no_document_lost(mirror: MirrorHandle, path: Path) -> None:
    """Every complete answer the mirror sent (a page, an error page retried or given
    up on) is stored in `documents`, with its URL and HTTP status."""
    answered = {
        (mirror.base_url + r.path, r.status)
        for r in mirror.requests
        if r.path != "/" and not (r.fault and any(k in r.fault for k in LOST_IN_TRANSIT))
    }
    stored = {(url, status) for url, _, status, *_ in documents(path)}
    assert answered <= stored, f"answered but not stored: {sorted(answered - stored)}"


def assert_no_partial_day(path: Path, baseline: Baseline, *, changed: set = frozenset()) -> None:
    """Each loaded day is whole: its bulletin has all its figures, and the day's row
    equals the clean run's (except the (date, category) pairs in `changed`)."""
    with Warehouse.open(path, read_only=True) as wh:
        torn = wh.rows(
            "SELECT b.source, b.report_date, b.revision, b.categories, count(o.category) "
            "FROM bulletins b LEFT JOIN observations o USING (source, report_date, revision) "
            "GROUP BY ALL HAVING b.categories <> count(o.category)"
        )
        columns, _ = wh.query("SELECT * FROM daily_losses LIMIT 0")
    assert torn == [], f"bulletins missing some of their figures: {torn}"
    for date, row in daily_rows(path).items():
        clean = baseline.rows[date]
        differs = {
            (date, name)
            for name, mine, theirs in zip(columns, row, clean, strict=True)
            if mine != theirs
        }
        assert differs <= set(changed), f"{date}: differs from the clean run in {differs}"


def assert_converged(path: Path, baseline: Baseline, directory: Path) -> None:
    """Byte for byte the exports of the clean run."""
    mine = exports(path, directory)
    assert mine.keys() == baseline.exports.keys()
    for name, body in mine.items():
        assert body == baseline.exports[name], f"{name} differs from the clean run's"


def assert_recovers(
    mirror: MirrorHandle, path: Path, baseline: Baseline, directory: Path, source: str = "mod"
) -> None:
    """With the fault gone, a re-run completes and converges to the clean run."""
    mirror.set_faults(None)
    assert_completed(backfill_range(mirror, path, source), path)
    assert_converged(path, baseline, directory)


def assert_completed(state, path: Path) -> None:
    assert state.is_completed(), state.message
    outcome, _ = last_run(path)
    assert outcome == "completed"


def assert_failed_naming(state, path: Path, *parts: str) -> str:
    """A Failed run whose message (in Prefect and in `runs`) names every part."""
    assert state.is_failed(), f"expected a failed run, got {state.type}: {state.message}"
    message = state.message or ""
    outcome, stored = last_run(path)
    assert outcome == "failed"
    for text in (message, stored):
        for part in parts:
            assert part in text, f"{part!r} not in the run's message:\n{text}"
        assert "Traceback" not in text
    return message
