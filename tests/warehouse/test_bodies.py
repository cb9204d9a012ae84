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
