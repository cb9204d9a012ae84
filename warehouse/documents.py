"""Fetched documents: storing them with their bodies (each body once, in the body
store), reading them back, and their parse status as parsing sets it aside
(quarantined, ignored). Loading parsed figures is warehouse/loading.py."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence
from pathlib import Path

from warehouse.bodies import BodyStore, PackEncoding, sha256_all
from warehouse.columns import column
from warehouse.queries import load
from warehouse.records import FetchedDocument, StoredDocument, WarehouseError
from warehouse.transactions import transaction

log = logging.getLogger("losses.warehouse")
# In StoredDocument's order (queries/pending_documents.sql lists them too).
COLUMNS = (
    "document_id, source, url, kind, fetched_at, http_status, content_type, sha256, "
    "report_date, lang, parse_status, parse_error, parser_version"
)
# A document's identity: equal ones are stored once.
Key = tuple[str, str, str, int, str]  # (source, url, kind, http_status, sha256)


def store_documents(
    con, bodies: BodyStore, docs: Sequence[FetchedDocument], now: dt.datetime
) -> list[int]:
    """Store `docs` in one transaction; returns their ids in order. A document equal
    to a stored one (same Key) gets the stored id and changes nothing."""
    if not docs:
        return []
    for doc in docs:
        if doc.fetched_at.tzinfo is None:
            raise WarehouseError(f"{doc.url}: fetched_at must be timezone-aware (UTC)", url=doc.url)
    shas = sha256_all([doc.body for doc in docs])
    # A backfill's bodies are all new: their encoding starts now, on a thread, while
    # the SQL below runs (used if they are indeed the new ones; else encoded again).
    distinct = dict(zip(shas, (doc.body for doc in docs), strict=True))
    ahead = bodies.encode_ahead(list(distinct.items())) if len(distinct) > 1 else None
    try:
        return _store(con, bodies, docs, shas, now, ahead)
    finally:
        if ahead is not None:
            ahead.result()  # (the thread is done before the call returns)


def _store(
    con,
    bodies: BodyStore,
    docs: Sequence[FetchedDocument],
    shas: list[str],
    now: dt.datetime,
    ahead: PackEncoding | None,
) -> list[int]:
    with transaction(con):
        known: dict[Key, int] = {}
        stored: set[str] = set()
        lost: set[str] = set()  # rows whose pack is gone from disk: written again
        on_disk: dict[str, bool] = {}  # one stat per pack, not per body
        for sha, pack, doc_id, *identity in con.execute(
            load("known_bodies"), [sorted(set(shas))]
        ).fetchall():
            if pack is not None and pack not in on_disk:
                on_disk[pack] = bodies.has_pack(pack)
            if pack is None or on_disk[pack]:
                stored.add(sha)
            else:
                lost.add(sha)
            if doc_id is not None:
                known[(*identity, sha)] = doc_id
        keys: list[Key] = [
            (doc.source, doc.url, doc.kind, doc.status, sha)
            for doc, sha in zip(docs, shas, strict=True)
        ]
        new_docs: dict[Key, FetchedDocument] = {}
        new_bodies: dict[str, bytes] = {}
        for doc, key in zip(docs, keys, strict=True):
            sha = key[-1]
            if key not in known:
                new_docs.setdefault(key, doc)
            if sha not in stored:
                new_bodies.setdefault(sha, doc.body)
        if new_docs:  # (before the bodies: while they are being encoded)
            known.update(_insert_documents(con, list(new_docs.items())))
        if new_bodies:
            # Written and synced before the rows that refer to it commit: a crash in
            # between leaves an unreferenced pack (swept later), never a missing body.
            placed = bodies.put_many(list(new_bodies.items()), ahead=ahead)
            fresh = [b for b in placed if b.sha256 not in lost]
            if fresh:
                con.execute(
                    load("insert_bodies"),
                    [
                        column(b.sha256 for b in fresh),
                        column(b.size for b in fresh),
                        column(b.stored_size for b in fresh),
                        column(b.codec for b in fresh),
                        now,
                        column(b.pack for b in fresh),
                        column(b.pack_offset for b in fresh),
                    ],
                )
            restored = [b for b in placed if b.sha256 in lost]
            if restored:
                con.execute(
                    load("restore_bodies"),
                    [
                        now,
                        [b.sha256 for b in restored],
                        [b.stored_size for b in restored],
                        [b.codec for b in restored],
                        [b.pack for b in restored],
                        [b.pack_offset for b in restored],
                    ],
                )
                log.warning(
                    "restored %d body(ies) whose pack was missing from %s",
                    len(restored),
                    bodies.root,
                )
    return [known[key] for key in keys]


def _insert_documents(con, new: list[tuple[Key, FetchedDocument]]) -> dict[Key, int]:
    """Insert documents (distinct keys); returns {key: new document_id}."""
    docs = [doc for _, doc in new]
    rows = con.execute(
        load("insert_documents"),
        [
            column(d.source for d in docs),
            column(d.url for d in docs),
            column(d.kind for d in docs),
            column(d.fetched_at for d in docs),
            column(d.status for d in docs),
            column(d.content_type for d in docs),
            column(key[-1] for key, _ in new),
            column(d.report_date for d in docs),
            column(d.lang for d in docs),
            column(_initial_status(d) for d in docs),
        ],
    ).fetchall()
    return {tuple(row[1:]): row[0] for row in rows}


def _initial_status(doc: FetchedDocument) -> str:
    # Listings and error answers are kept (what the site said) but never parsed.
    return "ignored" if doc.kind == "listing" or not 200 <= doc.status < 300 else "pending"


def stored_document(con, document_id: int) -> StoredDocument:
    rows = _select(con, "document_id = ?", [document_id])
    if not rows:
        raise WarehouseError(f"no stored document with id {document_id}")
    return rows[0]


def document_body(con, bodies: BodyStore, document_id: int) -> bytes:
    row = con.execute(load("document_body"), [document_id]).fetchone()
    if row is None:
        raise WarehouseError(f"no stored document with id {document_id}")
    return bodies.get(*row)


def fetched_document(con, bodies: BodyStore, document_id: int) -> FetchedDocument:
    """A stored document as the fetcher returned it (body included)."""
    doc = stored_document(con, document_id)
    return FetchedDocument(
        source=doc.source,
        url=doc.url,
        fetched_at=doc.fetched_at,
        status=doc.status,
        content_type=doc.content_type,
        body=document_body(con, bodies, document_id),
        report_date=doc.report_date,
        lang=doc.lang,
        kind=doc.kind,
    )


def pending_documents(
    con, source: str | None = None, *, parser_version: str | None = None
) -> list[StoredDocument]:
    """Documents to parse, oldest first (see queries/pending_documents.sql)."""
    rows = con.execute(
        load("pending_documents"), {"source": source, "parser_version": parser_version}
    ).fetchall()
    return [StoredDocument(*row) for row in rows]


def find_documents(
    con,
    *,
    source: str | None = None,
    url: str | None = None,
    kind: str | None = None,
    parse_status: str | None = None,
) -> list[StoredDocument]:
    """Stored documents matching every given field, oldest first."""
    given = [
        (column, value)
        for column, value in (
            ("source", source),
            ("url", url),
            ("kind", kind),
            ("parse_status", parse_status),
        )
        if value is not None
    ]
    # Only these fixed column names go into the text; the values stay parameters.
    where = " AND ".join([f"{column} = ?" for column, _ in given] or ["true"])
    return _select(con, where, [value for _, value in given])


def _select(con, where: str, params: list) -> list[StoredDocument]:
    """Documents matching `where` (a condition built from fixed column names)."""
    rows = con.execute(
        f"SELECT {COLUMNS} FROM documents WHERE {where} ORDER BY document_id", params
    ).fetchall()
    return [StoredDocument(*row) for row in rows]


def mark_parse_error(
    con, document_id: int, message: str, parser_version: str | None, now: dt.datetime
) -> None:
    """Quarantine a document (the same error again writes nothing)."""
    params = {"id": document_id, "error": message, "parser_version": parser_version, "now": now}
    updated = con.execute(load("mark_parse_error"), params).fetchall()
    # Nothing updated: either unchanged, or no such document (an error).
    if not updated and not _select(con, "document_id = ?", [document_id]):
        raise WarehouseError(f"no stored document with id {document_id}")


def mark_ignored(
    con, reasons: Sequence[tuple[int, str]], parser_version: str, now: dt.datetime
) -> None:
    """Set aside (document id, reason) pairs as not bulletins, in one statement."""
    if not reasons:
        return
    ids, texts = (list(column) for column in zip(*reasons, strict=True))
    con.execute(load("mark_ignored"), [now, parser_version, ids, texts])


def sweep_orphan_packs(con, bodies: BodyStore, path: Path) -> None:
    """Delete the body packs an interrupted store wrote but never recorded."""
    referenced = con.execute(
        "SELECT DISTINCT pack FROM document_bodies WHERE pack IS NOT NULL"
    ).fetchall()
    swept = bodies.sweep_orphans(pack for (pack,) in referenced)
    if swept:
        log.info(
            "%s: removed %d body pack(s) an interrupted run wrote but never recorded: %s",
            path,
            len(swept),
            ", ".join(swept),
        )
