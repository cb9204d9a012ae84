"""The Warehouse: the one object flows and the CLI use to reach the DuckDB file.
It opens and closes the file and refuses writes when read-only; every request is
one line handed to the module that owns that concept (and its SQL)."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

from parsers.model import Bulletin
from warehouse import (
    checking,
    documents,
    exports,
    integrity,
    loading,
    lookup,
    preferences,
    reading,
    reconcile,
    runs,
    series,
    status,
)
from warehouse.bodies import DEFAULT_CODEC, BodyStore
from warehouse.connection import connect, prepare
from warehouse.paths import bodies_dir
from warehouse.reading import Figures
from warehouse.records import (
    CheckRow,
    CheckSummary,
    FetchedDocument,
    LoadResult,
    SeriesPoint,
    SourceFreshness,
    StoredDocument,
    WarehouseError,
)
from warehouse.snapshots import Publisher, Snapshot, open_snapshot
from warehouse.transactions import transaction


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


F = TypeVar("F", bound=Callable[..., Any])


def _writes(method: F) -> F:
    """A write: refused read-only; afterwards, published for readers when it is time."""

    @functools.wraps(method)
    def write(self: Warehouse, *args: Any, **kwargs: Any) -> Any:
        self._writable()
        result = method(self, *args, **kwargs)
        self._wrote()
        return result

    return write  # type: ignore[return-value]


class Warehouse:
    """Open with `Warehouse.open(path)`; use as a context manager or call close().

    Not thread-safe: one Warehouse per thread. While it is open (read-write or
    read-only) DuckDB keeps other processes out of the file; they wait in open(),
    readers unless the run holding it publishes snapshots (warehouse/snapshots.py)."""

    def __init__(
        self,
        con,
        path: Path,
        *,
        read_only: bool,
        bodies: BodyStore,
        snapshot: Snapshot | None = None,
        publish_snapshots: bool = False,
    ) -> None:
        self._con = con  # private: SQL lives in the warehouse's modules; see rows() and one()
        self.path = path
        self.read_only = read_only
        self.bodies = bodies
        # Read from the snapshot of the run that holds the file (None: the file itself).
        self.snapshot = snapshot
        self._publisher = Publisher(con, path) if publish_snapshots and not read_only else None

    @classmethod
    def open(
        cls,
        path: str | Path,
        *,
        read_only: bool = False,
        wait_seconds: float = 120.0,
        body_codec: str = DEFAULT_CODEC,
        on_wait: Callable[[str], None] | None = None,
        publish_snapshots: bool = False,
    ) -> Warehouse:
        """Open (creating and migrating it if needed) the warehouse at `path`. If
        another process holds the file, wait up to `wait_seconds`, telling `on_wait`
        (default: the `losses.warehouse` logger) once, then raise WarehouseBusy; read-only,
        read instead the snapshot of the run holding it, if it published one (then
        `snapshot` says which). New bodies are stored with `body_codec`. With
        `publish_snapshots` (a run), what is written is published for readers
        (warehouse/snapshots.py)."""
        path = Path(path)
        bodies = BodyStore(bodies_dir(path), body_codec)
        opened: list[Snapshot] = []

        def snapshot_instead(pid: int | None):
            found = open_snapshot(path, pid)
            if found is None:
                return None
            opened.append(found[1])
            return found[0]

        con = connect(
            path,
            read_only=read_only,
            wait_seconds=wait_seconds,
            on_wait=on_wait,
            on_locked=snapshot_instead if read_only else None,
        )
        try:
            prepare(con, path, read_only=read_only)
        except BaseException:
            con.close()
            raise
        if not read_only:  # readers never delete: a writer may be storing that pack now
            documents.sweep_orphan_packs(con, bodies, path)
        return cls(
            con,
            path,
            read_only=read_only,
            bodies=bodies,
            snapshot=opened[0] if opened else None,
            publish_snapshots=publish_snapshots,
        )

    def close(self) -> None:
        if self._publisher is not None:
            self._publisher.close()
        self._con.close()

    def publish_snapshot_if_due(self) -> None:
        """A writer waiting (on the network): publish for readers what it wrote and has
        not published yet, if it is time (warehouse/snapshots.py)."""
        if self._publisher is not None:
            self._publisher.idle()

    def _wrote(self) -> None:
        if self._publisher is not None:
            self._publisher.wrote()

    def __enter__(self) -> Warehouse:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _writable(self) -> None:
        if self.read_only:
            raise WarehouseError(f"the warehouse {self.path} is open read-only", path=self.path)

    # -- documents (warehouse/documents.py) -----------------------------------------

    @_writes
    def store_documents(self, docs: Sequence[FetchedDocument]) -> list[int]:
        """Store fetched documents in one transaction; returns their ids in order.
        A document identical to a stored one (source, URL, kind, HTTP status and
        body) gets the stored id and changes nothing. Listings and non-2xx answers
        are kept with parse_status 'ignored'; the others are 'pending'."""
        return documents.store_documents(self._con, self.bodies, docs, _now())

    def stored_document(self, document_id: int) -> StoredDocument:
        """A stored document's metadata; WarehouseError when there is none."""
        return documents.stored_document(self._con, document_id)

    def document_body(self, document_id: int) -> bytes:
        """A stored document's body, checked against its sha256."""
        return documents.document_body(self._con, self.bodies, document_id)

    def fetched_document(self, document_id: int) -> FetchedDocument:
        """A stored document as the fetcher returned it (body included)."""
        return documents.fetched_document(self._con, self.bodies, document_id)

    def pending_documents(
        self, source: str | None = None, *, parser_version: str | None = None
    ) -> list[StoredDocument]:
        """Documents to parse: never parsed, or quarantined (parse_status pending or
        error), listings excluded; oldest first. With `parser_version`, also the pages
        an older parser set aside as not a bulletin (a newer one may read them). A
        document whose URL answered again later with a parseable document is
        superseded: the newer copy is what the source says now, and parsing the old one
        could load stale figures as a new revision. It stays stored (with its error)
        but is no longer pending."""
        return documents.pending_documents(self._con, source, parser_version=parser_version)

    def find_documents(
        self,
        *,
        source: str | None = None,
        url: str | None = None,
        kind: str | None = None,
        parse_status: str | None = None,
    ) -> list[StoredDocument]:
        """Stored documents matching every given field, oldest first."""
        return documents.find_documents(
            self._con, source=source, url=url, kind=kind, parse_status=parse_status
        )

    @_writes
    def mark_parse_error(
        self, document_id: int, message: str, parser_version: str | None = None
    ) -> None:
        """Quarantine a document that could not be parsed (kept, retried later);
        `parser_version`: the parser that failed on it."""
        documents.mark_parse_error(self._con, document_id, message, parser_version, _now())

    @_writes
    def mark_ignored(self, reasons: Sequence[tuple[int, str]], parser_version: str) -> None:
        """Set aside pages that hold no bulletin (other news an index pointed to), as
        (document id, reason) pairs: kept with the reason, not quarantined; a newer parser
        looks at them again. One statement for them all."""
        documents.mark_ignored(self._con, reasons, parser_version, _now())

    # -- loading (warehouse/loading.py) ---------------------------------------------

    def load_document(
        self, document_id: int, bulletins: Sequence[Bulletin], parser_version: str
    ) -> LoadResult:
        """Load one parsed document in one transaction. A bulletin with errors (or
        undated, dated in the future, with an unknown category) quarantines the
        document: parse_status 'error' with the reasons, nothing loaded. Figures
        equal to the latest revision of (source, date) change nothing; different
        ones become revision N+1 (N is kept). Loading a document again is a no-op."""
        return self.load_documents([(document_id, bulletins, parser_version)])[0]

    @_writes
    def load_documents(
        self,
        items: Sequence[tuple[int, Sequence[Bulletin], str]],
        *,
        not_bulletins: Sequence[tuple[int, str, str]] = (),
    ) -> list[LoadResult]:
        """load_document for many documents in one transaction (each document is
        whole or absent; a failure rolls back the batch). Cheaper per document.
        `not_bulletins`, (document id, reason, parser version): pages set aside in the
        same transaction, as mark_ignored does (a transaction fewer per batch)."""
        batch = [loading.LoadItem(doc_id, list(bulletins), ver) for doc_id, bulletins, ver in items]
        return loading.load_batch(self._con, batch, _now(), not_bulletins)

    # -- reading (warehouse/reading.py) ---------------------------------------------

    def loaded_dates(self, source: str, start: dt.date, end: dt.date) -> set[dt.date]:
        """The report dates of `source` stored between `start` and `end` (inclusive)."""
        return reading.loaded_dates(self._con, source, start, end)

    def last_report_date(self, source: str) -> dt.date | None:
        """The newest report date of `source` (None: nothing stored)."""
        return reading.last_report_date(self._con, source)

    def latest_day(self, source: str | None = None) -> tuple[dt.date, Figures] | None:
        """The newest report date and its figures {category: (total, delta, qualifier)}:
        of `source` (latest revision), or across sources by preference."""
        return reading.latest_day(self._con, source)

    def document_urls(self, keys: list[tuple[str, str]]) -> dict[tuple[str, str], str]:
        """For (source, report date 'YYYY-MM-DD') keys: the URL of the document the
        date's latest bulletin revision came from (keys with none are left out)."""
        return reading.document_urls(self._con, keys)

    # -- looking bulletins up (warehouse/lookup.py) ---------------------------------

    def covered_dates(self, start: dt.date, end: dt.date) -> set[dt.date]:
        """The report dates from `start` to `end` (inclusive) with figures of any source."""
        return lookup.covered_dates(self._con, start, end)

    def bulletins_stating(
        self, figures: Sequence[tuple[str, int]]
    ) -> list[tuple[dt.date, str, int, bool, bool]]:
        """For (category, value) pairs: (report date, category, value, as total, as
        increase) of each bulletin (daily_losses_long) stating the value for the category."""
        return lookup.bulletins_stating(self._con, figures)

    # -- series and freshness (warehouse/series.py) ---------------------------------

    def daily_series(
        self,
        *,
        since: dt.date | None = None,
        categories: Sequence[str] | None = None,
        source: str | None = None,
    ) -> dict[str, list[SeriesPoint]]:
        """{category: its SeriesPoints, oldest first} from `since` on, canonical order:
        of `source` (latest revisions), or across sources by preference (daily_losses_long)."""
        return series.daily_series(self._con, since=since, categories=categories, source=source)

    def recent_days(
        self, days: int = 14, *, source: str | None = None
    ) -> dict[str, list[SeriesPoint]]:
        """daily_series of the last `days` days up to the newest report date (of `source`)."""
        return series.recent_days(self._con, days, source=source)

    def freshness(self) -> list[SourceFreshness]:
        """Per source: its newest report date and when it was last fetched."""
        return series.freshness(self._con)

    # -- the check (warehouse/checking.py) ------------------------------------------

    @_writes
    def run_check(self, *, full: bool = False) -> CheckSummary:
        """Judge what is new since the last check (`full`: everything again)."""
        return checking.run_check(self._con, _now(), full=full)

    def check_rows(
        self,
        *,
        since: dt.date | None = None,
        statuses: Sequence[str] | None = None,
        source: str | None = None,
    ) -> list[CheckRow]:
        """Stored check rows from `since` on (default: every status but ok)."""
        return checking.check_rows(
            self._con, since=since, statuses=tuple(statuses) if statuses else None, source=source
        )

    def check_counts(self, *, since: dt.date | None = None) -> dict[str, int]:
        """How many stored check rows have each status (ok included), from `since` on."""
        return checking.check_counts(self._con, since=since)

    @_writes
    def report_new_failures(self, *, since: dt.date | None = None) -> list[CheckRow]:
        """Failing check rows not reported before (from `since` on), marked as
        reported now: each failure is new once, whoever judged it."""
        with transaction(self._con):
            return checking.report_new_failures(self._con, _now(), since=since)

    # -- runs (warehouse/runs.py) ---------------------------------------------------

    @_writes
    def start_run(self, flow: str, parameters: dict[str, Any]) -> int:
        """Record that a run of `flow` started now; returns its id for finish_run."""
        return runs.start_run(self._con, flow, parameters, _now())

    @_writes
    def mark_abandoned_runs(self, *, all_running: bool = False) -> list[int]:
        """Mark crashed the runs left 'running' by a process that is gone (with
        `all_running`, as a caller holding the run lock may: every one); their ids."""
        return runs.mark_abandoned(self._con, _now(), all_running=all_running)

    @_writes
    def finish_run(
        self,
        run_id: int,
        *,
        outcome: str,
        documents_fetched: int,
        bulletins_loaded: int,
        checks_failed: int,
        message: str | None = None,
    ) -> None:
        """Record how run `run_id` ended; WarehouseError when there is no such run."""
        runs.finish_run(
            self._con,
            run_id,
            _now(),
            outcome=outcome,
            documents_fetched=documents_fetched,
            bulletins_loaded=bulletins_loaded,
            checks_failed=checks_failed,
            message=message,
        )

    # -- configuration, ad-hoc SQL, export, status ----------------------------------

    @_writes
    def set_source_preference(self, order: Sequence[str]) -> None:
        """Which source daily_losses prefers, most preferred first (others rank after)."""
        preferences.set_source_preference(self._con, order)

    def query(self, sql: str, params: Sequence | dict | None = None) -> tuple[list[str], list]:
        """Run one SQL statement; returns (column names, rows). Text that holds no
        statement, or several, is refused (WarehouseError) before anything runs."""
        statements = self._con.extract_statements(sql)
        if len(statements) != 1:
            given = "no SQL statement" if not statements else f"{len(statements)} statements"
            raise WarehouseError(f"give one SQL statement; the text holds {given}", path=self.path)
        cursor = self._execute(sql, params)
        columns = [d[0] for d in cursor.description] if cursor.description else []
        return columns, cursor.fetchall() if columns else []

    def rows(self, sql: str, params: Sequence | dict | None = None) -> list[tuple]:
        """Run one SQL query; returns its rows."""
        return self._execute(sql, params).fetchall()

    def one(self, sql: str, params: Sequence | dict | None = None) -> tuple | None:
        """Run one SQL query; returns its first row (None: no row)."""
        return self._execute(sql, params).fetchone()

    def _execute(self, sql: str, params: Sequence | dict | None):
        return self._con.execute(sql, params) if params is not None else self._con.execute(sql)

    def restrict_external_access(self) -> None:
        """From now on, SQL on this connection cannot reach files or the network
        (COPY TO, read_csv, ATTACH): with read-only, for SQL typed by a user. It
        cannot be undone while the warehouse is open."""
        self._con.execute("SET enable_external_access = false")

    def export(
        self,
        format: str,
        out: str | Path,
        *,
        shape: str | None = None,
        series: str = "preferred",
    ) -> list[Path]:
        """Write daily_losses as csv, parquet or json (shape 'petroivaniuk': the two
        files of the reference dataset into the directory `out`; series 'reconciled':
        the series of every source, warehouse/reconcile.py); returns the files."""
        return exports.export(self._con, format, Path(out), shape=shape, series=series)

    def disagreements(
        self,
        *,
        since: dt.date | None = None,
        sources: Sequence[str] | None = None,
    ) -> list[dict[str, Any]]:
        """Every source's figure that differs from the reconciled series, from `since`
        on (of `sources` only), oldest first, each with its verdict."""
        first = since or reconcile.FIRST_DAY
        wanted = list(sources) if sources else None
        rows = reconcile.disagreements(self._con, first, reconcile.LAST_DAY, wanted)
        return reconcile.judge_all(rows)

    def status(self) -> dict[str, Any]:
        """Counts and dates for `losses status` (with the runs still running, the body
        packs gone from disk, and the snapshot read if it is one)."""
        snapshot = self.snapshot.to_dict() if self.snapshot else None
        return status.summary(self._con, self.path, self.bodies, _now(), snapshot)

    def verify_bodies(self) -> tuple[int, list[integrity.BodyProblem]]:
        """Read every stored body back against its sha256: (bodies checked, those
        missing or damaged, each with the first document that holds it)."""
        return integrity.verify(self._con, self.bodies)
