"""The Warehouse: the one object flows and the CLI use to reach the DuckDB file."""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from parsers.model import Bulletin
from parsers.vocabulary import CATEGORY_NAMES
from warehouse import checking, exports, loading
from warehouse.bodies import DEFAULT_CODEC, BodyStore, sha256_hex
from warehouse.connection import connect, prepare
from warehouse.paths import bodies_dir, default_warehouse_path
from warehouse.records import (
    CheckRow,
    CheckSummary,
    FetchedDocument,
    LoadResult,
    StoredDocument,
    WarehouseError,
)
from warehouse.transactions import transaction

log = logging.getLogger("losses.warehouse")
Figures = dict[str, tuple[int, int | None, str | None]]
_DOCUMENT_COLUMNS = (
    "document_id, source, url, kind, fetched_at, http_status, content_type, sha256, "
    "report_date, lang, parse_status, parse_error, parser_version"
)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Warehouse:
    """Open with `Warehouse.open(...)`; use as a context manager or call close().

    Not thread-safe: one Warehouse per thread. While it is open (read-write or
    read-only) DuckDB keeps other processes out of the file; they wait in open()."""

    def __init__(self, con, path: Path, *, read_only: bool, bodies: BodyStore) -> None:
        self.con = con  # the DuckDB connection, for queries the API does not cover
        self.path = path
        self.read_only = read_only
        self.bodies = bodies

    @classmethod
    def open(
        cls,
        path: str | Path | None = None,
        *,
        read_only: bool = False,
        wait_seconds: float = 120.0,
        body_codec: str | None = None,
        on_wait: Callable[[str], None] | None = None,
    ) -> Warehouse:
        """Open (creating and migrating it if needed) the warehouse at `path`
        (default: $LOSSES_WAREHOUSE or warehouse/losses.duckdb). If another process
        holds the file, wait up to `wait_seconds`, telling `on_wait` (default: the
        `losses.warehouse` logger) once, then raise WarehouseBusy. New bodies are
        stored with `body_codec` (default: $LOSSES_BODY_CODEC, else zstd)."""
        path = Path(path) if path is not None else default_warehouse_path()
        codec = body_codec or os.environ.get("LOSSES_BODY_CODEC") or DEFAULT_CODEC
        bodies = BodyStore(bodies_dir(path), codec)
        con = connect(path, read_only=read_only, wait_seconds=wait_seconds, on_wait=on_wait)
        try:
            prepare(con, path, read_only=read_only)
        except BaseException:
            con.close()
            raise
        warehouse = cls(con, path, read_only=read_only, bodies=bodies)
        if not read_only:
            warehouse._sweep_orphan_packs()
        return warehouse

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Warehouse:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _writable(self) -> None:
        if self.read_only:
            raise WarehouseError(f"the warehouse {self.path} is open read-only")

    # -- documents -----------------------------------------------------------------

    def _sweep_orphan_packs(self) -> None:
        referenced = self.con.execute(
            "SELECT DISTINCT pack FROM document_bodies WHERE pack IS NOT NULL"
        ).fetchall()
        swept = self.bodies.sweep_orphans(pack for (pack,) in referenced)
        if swept:
            log.info(
                "%s: removed %d body pack(s) an interrupted run wrote but never recorded: %s",
                self.path,
                len(swept),
                ", ".join(swept),
            )

    def store_documents(self, docs: Sequence[FetchedDocument]) -> list[int]:
        """Store fetched documents in one transaction; returns their ids in order.
        A document identical to a stored one (source, URL, kind, HTTP status and
        body) gets the stored id and changes nothing. Listings and non-2xx answers
        are kept with parse_status 'ignored'; the others are 'pending'."""
        self._writable()
        if not docs:
            return []
        for doc in docs:
            if doc.fetched_at.tzinfo is None:
                raise WarehouseError(f"{doc.url}: fetched_at must be timezone-aware (UTC)")
        now = _now()
        shas = [sha256_hex(doc.body) for doc in docs]
        con = self.con
        with transaction(con):
            known: dict[tuple, int] = {}
            stored: set[str] = set()
            for row in con.execute(
                "SELECT b.sha256, d.document_id, d.source, d.url, d.kind, d.http_status "
                "FROM document_bodies b LEFT JOIN documents d USING (sha256) "
                "WHERE b.sha256 IN (SELECT unnest(?::VARCHAR[]))",
                [sorted(set(shas))],
            ).fetchall():
                stored.add(row[0])
                if row[1] is not None:
                    known[(*row[2:], row[0])] = row[1]
            keys = [
                (doc.source, doc.url, doc.kind, doc.status, sha)
                for doc, sha in zip(docs, shas, strict=True)
            ]
            new_docs: dict[tuple, FetchedDocument] = {}
            new_bodies: dict[str, bytes] = {}
            for doc, key in zip(docs, keys, strict=True):
                sha = key[-1]
                if key not in known:
                    new_docs.setdefault(key, doc)
                if sha not in stored:
                    new_bodies.setdefault(sha, doc.body)
            if new_bodies:
                placed = self.bodies.put_many(list(new_bodies.items()))
                con.execute(
                    "INSERT INTO document_bodies "
                    "(sha256, size, stored_size, codec, stored_at, pack, pack_offset) "
                    "SELECT unnest(?::VARCHAR[]), unnest(?::BIGINT[]), unnest(?::BIGINT[]),"
                    " unnest(?::VARCHAR[]), ?::TIMESTAMPTZ, unnest(?::VARCHAR[]),"
                    " unnest(?::BIGINT[])",
                    [
                        [b.sha256 for b in placed],
                        [b.size for b in placed],
                        [b.stored_size for b in placed],
                        [b.codec for b in placed],
                        now,
                        [b.pack for b in placed],
                        [b.pack_offset for b in placed],
                    ],
                )
            if new_docs:
                known.update(self._insert_documents(list(new_docs.items())))
        return [known[key] for key in keys]

    def _insert_documents(self, new: list[tuple[tuple, FetchedDocument]]) -> dict[tuple, int]:
        """Insert documents (distinct keys); returns {key: new document_id}."""
        docs = [doc for _, doc in new]
        rows = self.con.execute(
            "INSERT INTO documents SELECT nextval('document_id_seq'), unnest(?::VARCHAR[]),"
            " unnest(?::VARCHAR[]), unnest(?::VARCHAR[]), unnest(?::TIMESTAMPTZ[]),"
            " unnest(?::INTEGER[]), unnest(?::VARCHAR[]), unnest(?::VARCHAR[]),"
            " unnest(?::DATE[]), unnest(?::VARCHAR[]), unnest(?::VARCHAR[]),"
            " NULL, NULL, NULL "
            "RETURNING document_id, source, url, kind, http_status, sha256",
            [
                [d.source for d in docs],
                [d.url for d in docs],
                [d.kind for d in docs],
                [d.fetched_at for d in docs],
                [d.status for d in docs],
                [d.content_type for d in docs],
                [key[-1] for key, _ in new],
                [d.report_date for d in docs],
                [d.lang for d in docs],
                [_initial_status(d) for d in docs],
            ],
        ).fetchall()
        return {tuple(row[1:]): row[0] for row in rows}

    def stored_document(self, document_id: int) -> StoredDocument:
        rows = self._documents("document_id = ?", [document_id])
        if not rows:
            raise WarehouseError(f"no stored document with id {document_id}")
        return rows[0]

    def document_body(self, document_id: int) -> bytes:
        row = self.con.execute(
            "SELECT d.sha256, b.codec, b.pack, b.pack_offset, b.stored_size, "
            "(SELECT first.stored_size FROM document_bodies first "
            " WHERE first.pack = b.pack AND first.pack_offset = 0) "
            "FROM documents d JOIN document_bodies b USING (sha256) "
            "WHERE d.document_id = ?",
            [document_id],
        ).fetchone()
        if row is None:
            raise WarehouseError(f"no stored document with id {document_id}")
        return self.bodies.get(*row)

    def fetched_document(self, document_id: int) -> FetchedDocument:
        """A stored document as the fetcher returned it (body included)."""
        doc = self.stored_document(document_id)
        return FetchedDocument(
            source=doc.source,
            url=doc.url,
            fetched_at=doc.fetched_at,
            status=doc.status,
            content_type=doc.content_type,
            body=self.document_body(document_id),
            report_date=doc.report_date,
            lang=doc.lang,
            kind=doc.kind,
        )

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
        return self._documents(
            "(parse_status IN ('pending', 'error') OR (parse_status = 'ignored'"
            " AND parser_version IS NOT NULL AND parser_version <> ?::VARCHAR"
            " AND http_status = 200)) AND kind <> 'listing' "
            "AND (?::VARCHAR IS NULL OR source = ?::VARCHAR) "
            "AND NOT EXISTS (SELECT 1 FROM documents newer "
            " WHERE newer.source = documents.source AND newer.url = documents.url"
            " AND newer.kind = documents.kind AND newer.document_id > documents.document_id"
            " AND newer.parse_status <> 'ignored')",
            [parser_version, source, source],
        )

    def find_documents(
        self,
        *,
        source: str | None = None,
        url: str | None = None,
        kind: str | None = None,
        parse_status: str | None = None,
    ) -> list[StoredDocument]:
        """Stored documents matching every given field, oldest first."""
        where, params = ["true"], []
        for column, value in (
            ("source", source),
            ("url", url),
            ("kind", kind),
            ("parse_status", parse_status),
        ):
            if value is not None:
                where.append(f"{column} = ?")
                params.append(value)
        return self._documents(" AND ".join(where), params)

    def _documents(self, where: str, params: list) -> list[StoredDocument]:
        rows = self.con.execute(
            f"SELECT {_DOCUMENT_COLUMNS} FROM documents WHERE {where} ORDER BY document_id",
            params,
        ).fetchall()
        return [StoredDocument(*row) for row in rows]

    # -- loading -------------------------------------------------------------------

    def load_document(
        self, document_id: int, bulletins: Sequence[Bulletin], parser_version: str
    ) -> LoadResult:
        """Load one parsed document in one transaction. A bulletin with errors (or
        undated, dated in the future, with an unknown category) quarantines the
        document: parse_status 'error' with the reasons, nothing loaded. Figures
        equal to the latest revision of (source, date) change nothing; different
        ones become revision N+1 (N is kept). Loading a document again is a no-op."""
        return self.load_documents([(document_id, bulletins, parser_version)])[0]

    def load_documents(
        self, items: Sequence[tuple[int, Sequence[Bulletin], str]]
    ) -> list[LoadResult]:
        """load_document for many documents in one transaction (each document is
        whole or absent; a failure rolls back the batch). Cheaper per document."""
        self._writable()
        batch = [loading.LoadItem(doc_id, list(bulletins), ver) for doc_id, bulletins, ver in items]
        return loading.load_batch(self.con, batch, _now())

    def mark_parse_error(
        self, document_id: int, message: str, parser_version: str | None = None
    ) -> None:
        """Quarantine a document that could not be parsed (kept, retried later);
        `parser_version`: the parser that failed on it."""
        self._writable()
        updated = self.con.execute(
            "UPDATE documents SET parse_status = 'error', parse_error = ?, parsed_at = ?, "
            "parser_version = ? WHERE document_id = ? AND (parse_status <> 'error' "
            "OR parse_error IS DISTINCT FROM ? OR parser_version IS DISTINCT FROM ?) "
            "RETURNING document_id",
            [message, _now(), parser_version, document_id, message, parser_version],
        ).fetchall()
        if not updated and not self._documents("document_id = ?", [document_id]):
            raise WarehouseError(f"no stored document with id {document_id}")

    def mark_ignored(self, reasons: Sequence[tuple[int, str]], parser_version: str) -> None:
        """Set aside pages that hold no bulletin (other news an index pointed to), as
        (document id, reason) pairs: kept with the reason, not quarantined; a newer parser
        looks at them again. One statement for them all."""
        self._writable()
        if not reasons:
            return
        ids, texts = (list(column) for column in zip(*reasons, strict=True))
        self.con.execute(
            "UPDATE documents SET parse_status = 'ignored', parse_error = u.reason,"
            " parsed_at = ?, parser_version = ? FROM (SELECT unnest(?::BIGINT[]) AS id,"
            " unnest(?::VARCHAR[]) AS reason) u WHERE document_id = u.id",
            [_now(), parser_version, ids, texts],
        )

    def loaded_dates(self, source: str, start: dt.date, end: dt.date) -> set[dt.date]:
        rows = self.con.execute(
            "SELECT DISTINCT report_date FROM bulletins "
            "WHERE source = ? AND report_date BETWEEN ? AND ?",
            [source, start, end],
        ).fetchall()
        return {row[0] for row in rows}

    def last_report_date(self, source: str) -> dt.date | None:
        return self.con.execute(
            "SELECT max(report_date) FROM bulletins WHERE source = ?", [source]
        ).fetchone()[0]

    def latest_day(self, source: str | None = None) -> tuple[dt.date, Figures] | None:
        """The newest report date and its figures {category: (total, delta, qualifier)}:
        of `source` (latest revision), or across sources by preference."""
        if source is None:
            rows = self.con.execute(
                "SELECT report_date, category, total, delta, qualifier FROM daily_losses_long "
                "WHERE report_date = (SELECT max(report_date) FROM daily_losses_long)"
            ).fetchall()
        else:
            rows = self.con.execute(
                "SELECT report_date, category, total, reported_delta, qualifier "
                "FROM latest_observations WHERE source = ? AND report_date = "
                "(SELECT max(report_date) FROM bulletins WHERE source = ?)",
                [source, source],
            ).fetchall()
        if not rows:
            return None
        figures = {row[1]: (row[2], row[3], row[4]) for row in rows}
        order = {name: i for i, name in enumerate(CATEGORY_NAMES)}
        return rows[0][0], dict(sorted(figures.items(), key=lambda kv: order.get(kv[0], 99)))

    # -- the check -----------------------------------------------------------------

    def run_check(self, *, full: bool = False) -> CheckSummary:
        """Judge what is new since the last check (`full`: everything again)."""
        self._writable()
        return checking.run_check(self.con, _now(), full=full)

    def check_rows(
        self,
        *,
        since: dt.date | None = None,
        statuses: Sequence[str] | None = None,
        source: str | None = None,
    ) -> list[CheckRow]:
        """Stored check rows from `since` on (default: every status but ok)."""
        return checking.check_rows(
            self.con, since=since, statuses=tuple(statuses) if statuses else None, source=source
        )

    def report_new_failures(self, *, since: dt.date | None = None) -> list[CheckRow]:
        """Failing check rows not reported before (from `since` on), marked as
        reported now: each failure is new once, whoever judged it."""
        self._writable()
        with transaction(self.con):
            return checking.report_new_failures(self.con, _now(), since=since)

    # -- runs ----------------------------------------------------------------------

    def start_run(self, flow: str, parameters: dict[str, Any]) -> int:
        self._writable()
        return self.con.execute(
            "INSERT INTO runs (flow, parameters, started_at, outcome) "
            "VALUES (?, ?, ?, 'running') RETURNING run_id",
            [flow, json.dumps(parameters, default=str, sort_keys=True), _now()],
        ).fetchone()[0]

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
        self._writable()
        updated = self.con.execute(
            "UPDATE runs SET finished_at = ?, outcome = ?, documents_fetched = ?, "
            "bulletins_loaded = ?, checks_failed = ?, message = ? WHERE run_id = ? "
            "RETURNING run_id",
            [_now(), outcome, documents_fetched, bulletins_loaded, checks_failed, message, run_id],
        ).fetchall()
        if not updated:
            raise WarehouseError(f"no run with id {run_id}")

    # -- configuration, reading, export --------------------------------------------

    def set_source_preference(self, order: Sequence[str]) -> None:
        """Which source daily_losses prefers, most preferred first (others rank after)."""
        self._writable()
        with transaction(self.con):
            self.con.execute("DELETE FROM source_preference")
            self.con.executemany(
                "INSERT INTO source_preference VALUES (?, ?)",
                [(source, rank) for rank, source in enumerate(order, start=1)],
            )

    def query(self, sql: str, params: Sequence | dict | None = None) -> tuple[list[str], list]:
        """Run one SQL statement; returns (column names, rows)."""
        cursor = self.con.execute(sql, params) if params is not None else self.con.execute(sql)
        columns = [d[0] for d in cursor.description] if cursor.description else []
        return columns, cursor.fetchall() if columns else []

    def export(self, format: str, out: str | Path, *, shape: str | None = None) -> list[Path]:
        """Write daily_losses as csv, parquet or json (shape 'petroivaniuk': the two
        files of the reference dataset into the directory `out`); returns the files."""
        return exports.export(self.con, format, Path(out), shape=shape)

    def status(self) -> dict[str, Any]:
        """Counts and dates for `losses status`."""
        from warehouse.migrations import current_version

        con = self.con
        sources = [
            dict(
                zip(
                    ("source", "first_date", "last_date", "dates", "revised_dates"),
                    row,
                    strict=True,
                )
            )
            for row in con.execute(
                "SELECT source, min(report_date), max(report_date), "
                "count(DISTINCT report_date), count(DISTINCT report_date) FILTER (revision > 1) "
                "FROM bulletins GROUP BY source ORDER BY source"
            ).fetchall()
        ]
        documents = dict(
            con.execute(
                "SELECT parse_status, count(*) FROM documents GROUP BY 1 ORDER BY 1"
            ).fetchall()
        )
        checks = dict(
            con.execute("SELECT status, count(*) FROM checks GROUP BY 1 ORDER BY 1").fetchall()
        )
        unchecked = con.execute(
            "SELECT count(*) FROM bulletins WHERE is_latest AND NOT checked"
        ).fetchone()[0]
        quarantined = [
            dict(zip(("document_id", "url", "error"), row, strict=True))
            for row in con.execute(
                # Those whose date is still missing (not loaded since from another copy).
                "SELECT document_id, url, parse_error FROM documents d "
                "WHERE parse_status = 'error' AND NOT EXISTS (SELECT 1 FROM bulletins b "
                " WHERE b.source = d.source AND b.report_date = d.report_date) "
                "ORDER BY document_id DESC LIMIT 10"
            ).fetchall()
        ]
        last_run = con.execute(
            "SELECT run_id, flow, started_at, finished_at, outcome, documents_fetched, "
            "bulletins_loaded, checks_failed, message FROM runs ORDER BY run_id DESC LIMIT 1"
        ).fetchone()
        run_keys = [
            "run_id",
            "flow",
            "started_at",
            "finished_at",
            "outcome",
            "documents_fetched",
            "bulletins_loaded",
            "checks_failed",
            "message",
        ]
        return {
            "warehouse": str(self.path),
            "schema_version": current_version(con),
            "sources": sources,
            "documents": documents,
            "observations": con.execute("SELECT count(*) FROM observations").fetchone()[0],
            "checks": checks,
            "unchecked_dates": unchecked,
            "quarantined": quarantined,
            "last_run": dict(zip(run_keys, last_run, strict=True)) if last_run else None,
        }


def _initial_status(doc: FetchedDocument) -> str:
    return "ignored" if doc.kind == "listing" or not 200 <= doc.status < 300 else "pending"
