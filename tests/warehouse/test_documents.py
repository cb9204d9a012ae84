"""Storing fetched documents: bodies once per sha256, dedupe, statuses."""

from __future__ import annotations

import datetime as dt
import logging
import os
import random
import time

import duckdb
import pytest
import zstandard

from tests.support.tables import table_checksums
from tests.support.warehouse import FETCHED_AT, document
from warehouse import Warehouse, WarehouseError, migrations
from warehouse.bodies import ORPHAN_AGE_SECONDS, sha256_hex
from warehouse.paths import bodies_dir

PAGE = ("<html><head><style>" + "nav a{color:red}" * 5000 + "</style></head></html>").encode()


def test_store_returns_ids_in_order_and_bodies_round_trip(wh):
    docs = [document(f"http://m/mod/{i}", PAGE + bytes([i])) for i in range(3)]
    ids = wh.store_documents(docs)
    assert len(set(ids)) == 3
    for doc_id, doc in zip(ids, docs, strict=True):
        assert wh.document_body(doc_id) == doc.body
        assert wh.fetched_document(doc_id) == doc
        stored = wh.stored_document(doc_id)
        assert (stored.url, stored.sha256, stored.parse_status) == (
            doc.url,
            sha256_hex(doc.body),
            "pending",
        )


def test_body_is_stored_once_per_sha256_and_compressed(wh):
    same = [document("http://m/mod/uk", PAGE), document("http://m/mod/en", PAGE)]
    ids = wh.store_documents(same)
    assert ids[0] != ids[1]
    rows = wh.rows("SELECT size, stored_size, codec FROM document_bodies")
    assert rows == [(len(PAGE), rows[0][1], "zstd")]
    assert rows[0][1] < len(PAGE) / 10
    assert len([p for p in bodies_dir(wh.path).rglob("*") if p.is_file()]) == 1


def test_identity_codec(wh_path):
    with Warehouse.open(wh_path, body_codec="identity") as wh:
        [doc_id] = wh.store_documents([document("http://m/mod/1", PAGE)])
        assert wh.document_body(doc_id) == PAGE
        assert wh.one("SELECT codec FROM document_bodies") == ("identity",)
    # bodies stored either way stay readable whatever the codec of new ones
    with Warehouse.open(wh_path, body_codec="zlib") as wh:
        [other] = wh.store_documents([document("http://m/mod/2", PAGE + b"2")])
        assert (wh.document_body(doc_id), wh.document_body(other)) == (PAGE, PAGE + b"2")
    with pytest.raises(WarehouseError, match="unknown body codec 'lz4'"):
        Warehouse.open(wh_path, body_codec="lz4")


def test_storing_the_same_document_again_changes_nothing(wh):
    doc = document("http://m/mod/1", PAGE)
    first = wh.store_documents([doc])
    before = table_checksums(wh)
    later = dt.datetime(2026, 9, 2, tzinfo=dt.UTC)
    again = wh.store_documents([doc, document("http://m/mod/1", PAGE, fetched_at=later)])
    assert again == first * 2
    assert table_checksums(wh) == before
    # the same URL with another body is another document
    [other] = wh.store_documents([document("http://m/mod/1", PAGE + b"!")])
    assert other not in first


def test_listings_and_error_answers_are_kept_but_not_pending(wh):
    ids = wh.store_documents(
        [
            document("http://m/mod/news?page=1", "<ul></ul>", kind="listing"),
            document("http://m/api/2024-06-04", '{"message": "not found"}', status=404),
            document("http://m/mod/day", "<p>day</p>"),
        ]
    )
    statuses = [wh.stored_document(i).parse_status for i in ids]
    assert statuses == ["ignored", "ignored", "pending"]
    assert [d.id for d in wh.pending_documents()] == [ids[2]]
    assert wh.pending_documents("api") == []
    assert [d.id for d in wh.find_documents(kind="listing")] == [ids[0]]


def test_pages_set_aside_as_not_bulletins_wait_for_a_newer_parser(wh):
    news, day = wh.store_documents(
        [document("http://m/mod/news/other", "<p>news</p>"), document("http://m/mod/day", "<p>")]
    )
    wh.mark_ignored([(news, "not a bulletin: a news item ('Міністр …')")], "2.0")
    stored = wh.stored_document(news)
    assert (stored.parse_status, stored.parse_error, stored.parser_version) == (
        "ignored",
        "not a bulletin: a news item ('Міністр …')",
        "2.0",
    )
    assert [d.id for d in wh.pending_documents("mod")] == [day]  # not quarantined
    assert [d.id for d in wh.pending_documents("mod", parser_version="2.0")] == [day]
    # a newer parser looks at it again (it may know a layout this one did not)
    assert [d.id for d in wh.pending_documents("mod", parser_version="2.1")] == [news, day]
    wh.mark_ignored([], "2.1")  # nothing to set aside: nothing happens


def test_parse_errors_stay_pending_for_the_next_run(wh):
    [doc_id] = wh.store_documents([document("http://m/mod/day", "<p>garbage</p>")])
    wh.mark_parse_error(doc_id, "no bulletin found in http://m/mod/day")
    [pending] = wh.pending_documents("mod")
    assert (pending.id, pending.parse_status, pending.parse_error) == (
        doc_id,
        "error",
        "no bulletin found in http://m/mod/day",
    )
    with pytest.raises(WarehouseError, match="no stored document with id 999"):
        wh.mark_parse_error(999, "x")


def test_naive_fetch_time_is_refused(wh):
    naive = document("http://m/mod/1", fetched_at=FETCHED_AT.replace(tzinfo=None))
    with pytest.raises(WarehouseError, match="timezone-aware"):
        wh.store_documents([naive])


def test_a_batch_of_bodies_goes_into_one_pack(wh):
    chrome = random.Random(7).randbytes(60_000)  # what a site's pages share; compresses badly
    docs = [document(f"http://m/mod/{i}", chrome + bytes([i]) * (i + 1)) for i in range(5)]
    ids = wh.store_documents(docs)
    rows = wh.rows(
        "SELECT pack, pack_offset, stored_size, codec, size FROM document_bodies "
        "ORDER BY pack_offset"
    )
    assert len({row[0] for row in rows}) == 1
    assert [row[1] for row in rows] == [sum(r[2] for r in rows[:i]) for i in range(5)]
    [pack] = (bodies_dir(wh.path) / "packs").iterdir()
    assert pack.stat().st_size == sum(row[2] for row in rows)
    # the largest body first, the dictionary of the others: they shrink to almost nothing
    assert (rows[0][3], rows[0][4]) == ("zstd", len(docs[-1].body))
    assert {row[3] for row in rows[1:]} == {"zstd-dict"}
    assert all(row[2] < rows[0][2] / 10 for row in rows[1:])
    assert [wh.document_body(i) for i in ids] == [d.body for d in docs]


def test_a_batch_is_encoded_while_its_rows_are_written_and_once(wh, monkeypatch):
    # New bodies are encoded on a thread from the start of the store (used when they
    # are the new ones); a batch with a body stored already has its new ones encoded
    # again, without it.
    from warehouse.bodies import BodyStore

    encoded: list[int] = []
    encode_all = BodyStore._encode_all

    def counted(self, bodies):
        encoded.append(len(bodies))
        return encode_all(self, bodies)

    monkeypatch.setattr(BodyStore, "_encode_all", counted)
    first = [document(f"http://m/mod/{i}", PAGE + bytes([i])) for i in range(3)]
    wh.store_documents(first)
    assert encoded == [3]
    again = [first[0], *(document(f"http://m/mod/{i}", PAGE + bytes([i])) for i in (7, 8))]
    ids = wh.store_documents(again)
    assert encoded == [3, 3, 2]
    assert [wh.document_body(i) for i in ids] == [d.body for d in again]
    assert wh.one("SELECT count(*) FROM document_bodies") == (5,)


def test_a_damaged_body_is_reported_not_returned(wh):
    docs = [document(f"http://m/mod/{i}", PAGE + bytes([i]) * (3 - i)) for i in range(3)]
    ids = wh.store_documents(docs)  # the first is the largest: its pack's dictionary
    [pack] = (bodies_dir(wh.path) / "packs").iterdir()
    [(second_offset,)] = wh.rows(
        "SELECT pack_offset FROM document_bodies WHERE size = ?", [len(docs[1].body)]
    )
    original = pack.read_bytes()

    def damage(at: int) -> None:
        data = bytearray(original)
        data[at] ^= 0xFF
        pack.write_bytes(bytes(data))

    damage(second_offset + 5)
    with pytest.raises(WarehouseError, match="corrupt"):
        wh.document_body(ids[1])
    assert [wh.document_body(ids[0]), wh.document_body(ids[2])] == [docs[0].body, docs[2].body]
    damage(20)  # the dictionary: every body of the pack is unreadable, and says so
    for doc_id in ids:
        with pytest.raises(WarehouseError, match="corrupt"):
            wh.document_body(doc_id)
    pack.unlink()
    with pytest.raises(WarehouseError, match="missing"):
        wh.document_body(ids[0])


def test_bodies_stored_one_file_each_stay_readable(wh_path):
    """Before schema version 3 each body was a file of its own."""
    con = duckdb.connect(str(wh_path))
    migrations.migrate(con, target=2)
    sha = sha256_hex(PAGE)
    compressed = zstandard.ZstdCompressor().compress(PAGE)
    con.execute(
        "INSERT INTO document_bodies VALUES (?, ?, ?, 'zstd', ?)",
        [sha, len(PAGE), len(compressed), FETCHED_AT],
    )
    con.execute(
        "INSERT INTO documents VALUES (nextval('document_id_seq'), 'mod', 'http://m/mod/1',"
        " 'bulletin', ?, 200, NULL, ?, NULL, 'uk', 'pending', NULL, NULL, NULL)",
        [FETCHED_AT, sha],
    )
    con.close()
    legacy = bodies_dir(wh_path) / sha[:2] / f"{sha}.zst"
    legacy.parent.mkdir(parents=True)
    legacy.write_bytes(compressed)
    with Warehouse.open(wh_path) as wh:
        assert wh.document_body(1) == PAGE
        [new] = wh.store_documents([document("http://m/mod/2", PAGE + b"2")])
        assert wh.document_body(new) == PAGE + b"2"
        packed = wh.rows("SELECT pack IS NOT NULL FROM document_bodies ORDER BY size")
        assert packed == [(False,), (True,)]  # the new body went into a pack


def test_a_pack_no_row_refers_to_is_swept_once_it_is_old(wh_path, caplog):
    with Warehouse.open(wh_path) as wh:
        [doc_id] = wh.store_documents([document("http://m/mod/1", PAGE)])
    packs = bodies_dir(wh_path) / "packs"
    [kept] = packs.iterdir()
    # what a crash between writing a pack and committing its rows leaves
    fresh, old = packs / "20260101T000000-aaaaaaaa.pack", packs / "20250101T000000-bbbbbbbb.pack"
    for orphan in (fresh, old):
        orphan.write_bytes(b"never recorded")
    an_hour_ago = time.time() - ORPHAN_AGE_SECONDS - 1
    for path in (kept, old):
        os.utime(path, (an_hour_ago, an_hour_ago))
    with caplog.at_level(logging.INFO, "losses.warehouse"), Warehouse.open(wh_path) as wh:
        assert wh.document_body(doc_id) == PAGE
    assert sorted(packs.iterdir()) == sorted([kept, fresh])  # a fresh one may be in flight
    assert old.name in caplog.text
    os.utime(fresh, (an_hour_ago, an_hour_ago))
    with Warehouse.open(wh_path, read_only=True):  # readers never delete
        assert fresh.exists()
    Warehouse.open(wh_path).close()
    assert list(packs.iterdir()) == [kept]


def test_read_only_warehouse_refuses_writes(wh_path):
    Warehouse.open(wh_path).close()
    with (
        Warehouse.open(wh_path, read_only=True) as wh,
        pytest.raises(WarehouseError, match="read-only"),
    ):
        wh.store_documents([document("http://m/mod/1")])
