"""The body store's batch work: hashing on two cores and compressing a pack in one call
give what one body at a time gives."""

from __future__ import annotations

import hashlib
import os

import pytest
import zstandard

from warehouse import bodies as body_store
from warehouse.bodies import DICT_CODEC, BodyStore, sha256_all


def _pages(count: int, size: int) -> list[bytes]:
    chrome = b"<nav>" + b"menu item " * (size // 10) + b"</nav>"
    return [chrome + f"<p>bulletin {i}</p>".encode() + os.urandom(64) for i in range(count)]


@pytest.mark.parametrize("count", [0, 1, 2, 7])
def test_hashing_a_batch_on_two_cores_gives_each_body_its_own_digest(count, monkeypatch):
    monkeypatch.setattr(body_store, "PARALLEL_HASH_BYTES", 1)  # always split
    pages = [*_pages(count, 5000), b""]
    assert sha256_all(pages) == [hashlib.sha256(p).hexdigest() for p in pages]


def test_a_small_batch_is_hashed_without_a_thread(monkeypatch):
    monkeypatch.setattr(body_store.threading, "Thread", None)  # any thread would fail
    pages = _pages(3, 1000)
    assert sha256_all(pages) == [hashlib.sha256(p).hexdigest() for p in pages]


def test_a_pack_compressed_in_one_call_holds_the_frames_of_one_call_each(tmp_path):
    pages = _pages(6, 20_000)
    store = BodyStore(tmp_path)
    placed = store.put_many([(hashlib.sha256(p).hexdigest(), p) for p in pages])
    [pack] = (tmp_path / "packs").iterdir()
    data = pack.read_bytes()
    largest = max(pages, key=len)
    one_each = zstandard.ZstdCompressor(
        dict_data=zstandard.ZstdCompressionDict(largest, dict_type=zstandard.DICT_TYPE_RAWCONTENT),
        level=body_store.ZSTD_DICT_LEVEL,
    )
    for body in placed[1:]:
        assert body.codec == DICT_CODEC
        page = next(p for p in pages if hashlib.sha256(p).hexdigest() == body.sha256)
        frame = data[body.pack_offset : body.pack_offset + body.stored_size]
        assert frame == one_each.compress(page)
    for body in placed:
        stored = store.get(
            body.sha256,
            body.codec,
            body.pack,
            body.pack_offset,
            body.stored_size,
            placed[0].stored_size,
        )
        assert hashlib.sha256(stored).hexdigest() == body.sha256


def test_an_empty_body_in_a_pack_round_trips(tmp_path):
    # (zstd's one call for many bodies refuses an empty one: those go one at a time)
    pages = [*_pages(3, 5000), b""]
    store = BodyStore(tmp_path)
    placed = store.put_many([(hashlib.sha256(p).hexdigest(), p) for p in pages])
    for body in placed:
        stored = store.get(
            body.sha256,
            body.codec,
            body.pack,
            body.pack_offset,
            body.stored_size,
            placed[0].stored_size,
        )
        assert hashlib.sha256(stored).hexdigest() == body.sha256
    assert sorted(len(p) for p in pages) == sorted(b.size for b in placed)


def _pairs(pages: list[bytes]) -> list[tuple[str, bytes]]:
    return [(hashlib.sha256(p).hexdigest(), p) for p in pages]


def _encodings_counted(store: BodyStore, monkeypatch, fail_first: bool = False) -> list[int]:
    calls: list[int] = []
    encode_all = BodyStore._encode_all

    def counted(self, bodies):
        calls.append(len(bodies))
        if fail_first and len(calls) == 1:
            raise OSError("encoding failed")
        return encode_all(self, bodies)

    monkeypatch.setattr(BodyStore, "_encode_all", counted)
    return calls


def test_a_pack_encoded_ahead_is_the_pack_written_without(tmp_path, monkeypatch):
    pages = _pages(5, 20_000)
    plain = BodyStore(tmp_path / "plain").put_many(_pairs(pages))
    store = BodyStore(tmp_path / "ahead")
    calls = _encodings_counted(store, monkeypatch)
    ahead = store.encode_ahead(_pairs(pages))
    placed = store.put_many(list(reversed(_pairs(pages))), ahead=ahead)
    assert calls == [5]  # encoded once, on the thread
    assert [(b.sha256, b.stored_size, b.codec, b.pack_offset) for b in placed] == [
        (b.sha256, b.stored_size, b.codec, b.pack_offset) for b in plain
    ]
    [written] = (tmp_path / "ahead" / "packs").iterdir()
    [expected] = (tmp_path / "plain" / "packs").iterdir()
    assert written.read_bytes() == expected.read_bytes()


def test_a_pack_encoded_ahead_for_other_bodies_is_encoded_again(tmp_path, monkeypatch):
    pages = _pages(4, 20_000)
    store = BodyStore(tmp_path)
    calls = _encodings_counted(store, monkeypatch)
    ahead = store.encode_ahead(_pairs(pages))
    placed = store.put_many(_pairs(pages[1:]), ahead=ahead)  # one was stored already
    assert calls == [4, 3]
    for body in placed:
        stored = store.get(
            body.sha256, body.codec, body.pack, body.pack_offset, body.stored_size,
            placed[0].stored_size,
        )  # fmt: skip
        assert hashlib.sha256(stored).hexdigest() == body.sha256


def test_a_failed_encoding_ahead_is_done_again_by_the_writer(tmp_path, monkeypatch):
    pages = _pages(3, 20_000)
    store = BodyStore(tmp_path)
    calls = _encodings_counted(store, monkeypatch, fail_first=True)
    ahead = store.encode_ahead(_pairs(pages))
    placed = store.put_many(_pairs(pages), ahead=ahead)
    assert calls == [3, 3]
    assert isinstance(ahead.error, OSError)
    assert sorted(b.size for b in placed) == sorted(map(len, pages))
