"""Document bodies, stored once per sha256 in pack files next to the database file.

Why not a BLOB column: DuckDB rewrites a table's open row group at every
checkpoint, so with ~250 KB pages in the table every later checkpoint (at the
latest, the one when the file is closed) rewrites all bodies stored so far. That
made each daily run pay for the whole history (measured: see bench/bench_warehouse.py).

Why packs, not a file per body: creating a file cost ~0.5 ms of system CPU per
body during a backfill here, a sixth of the pipeline's budget per bulletin; one
pack per stored batch costs one create and one fsync for up to 128 bodies.

Pages of one site share most of their bytes (navigation, footer), so in a pack
of several zstd bodies the largest goes first and is the dictionary of the
others (codec "zstd-dict", as git packs store deltas). On the mirror's MoD pages
(whose chrome is identical; real pages vary more) that is 6x faster than plain
zstd level 1 and 1/60 of its size. A damaged first body makes the others of its
pack unreadable too; the sha256 check says so.

A pack is written whole and synced before the transaction that records its
bodies commits, and never changed afterwards. A crash in between leaves at most
an unreferenced pack, swept by the next writer once it is an hour old. Stores
made before packs (one file per body, `pack` NULL) stay readable."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import secrets
import threading
import time
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import zstandard

from warehouse.records import WarehouseError

CODECS = ("identity", "zstd", "zlib")  # what new bodies may be stored with
DICT_CODEC = "zstd-dict"  # zstd against the raw content of its pack's first body
DEFAULT_CODEC = "zstd"
# Measured on a 247 KB MoD page: zstd level 1 takes 0.30 ms and leaves 1/6 of the
# size (level 3: 0.40 ms, 0.3 % smaller); zlib level 1 takes 1.15 ms for 1/5. zlib
# stays readable for older stores. With another MoD page as dictionary, level 3
# takes 0.05 ms and leaves 1/390 of the size (level 1: 0.15 ms, 1/14).
ZSTD_LEVEL = 1
ZSTD_DICT_LEVEL = 3
ZLIB_LEVEL = 1
_SUFFIX = {"identity": "", "zlib": ".z", "zstd": ".zst"}
PACKS = "packs"
PACK_SUFFIX = ".pack"
# Below this many bytes a store's bodies are hashed by the calling thread alone: a second thread
# costs ~0.1 ms to start, and hashes at ~2 GB/s (a batch of 128 MoD pages, 32 MB: 17
# ms in one thread, 9 in two).
PARALLEL_HASH_BYTES = 4 * 1024 * 1024
# Threads compressing a pack's bodies (a batch of 128 MoD pages: 8-9 ms one at a time,
# 4.5-6.5 in one call on two).
COMPRESS_THREADS = 2
# An unreferenced pack younger than this may belong to a store still in progress
# (in this process); older ones are left over from a crash.
ORPHAN_AGE_SECONDS = 3600


def sha256_hex(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()


def sha256_all(bodies: Sequence[bytes]) -> list[str]:
    """sha256_hex of each body; a large batch's on two cores (hashlib lets go of the GIL
    while it hashes a body, so a second thread hashes the second half of the bytes)."""
    total = sum(map(len, bodies))
    if total < PARALLEL_HASH_BYTES:
        return [sha256_hex(body) for body in bodies]
    split, counted = 0, 0
    while counted * 2 < total:
        counted += len(bodies[split])
        split += 1
    second: list[str] = []
    helper = threading.Thread(
        target=lambda: second.extend(map(sha256_hex, bodies[split:])), name="sha256"
    )
    helper.start()
    try:
        first = [sha256_hex(body) for body in bodies[:split]]
    finally:
        helper.join()
    if len(first) + len(second) != len(bodies):  # (only a failed thread leaves one short)
        raise WarehouseError("hashing the bodies failed")
    return first + second


@dataclass(frozen=True, slots=True)
class PlacedBody:
    """Where one body went: its row in document_bodies."""

    sha256: str
    size: int
    stored_size: int
    codec: str
    pack: str
    pack_offset: int


class BodyStore:
    def __init__(self, root: Path, codec: str = DEFAULT_CODEC) -> None:
        if codec not in CODECS:
            raise WarehouseError(f"unknown body codec {codec!r}: choose one of {', '.join(CODECS)}")
        self.root = root
        self.codec = codec
        self._zstd = zstandard.ZstdCompressor(level=ZSTD_LEVEL)  # reused: setup costs

    def encode_ahead(self, bodies: Sequence[tuple[str, bytes]]) -> PackEncoding:
        """Start encoding the (sha256, body) pairs of a pack on a thread of its own, so
        that the store's SQL runs meanwhile; put_many(..., ahead=) takes the result."""
        return PackEncoding(self, bodies)

    def put_many(
        self, bodies: Sequence[tuple[str, bytes]], *, ahead: PackEncoding | None = None
    ) -> list[PlacedBody]:
        """Write (sha256, body) pairs into one new pack, synced to disk. `ahead`: their
        encoding started earlier (used when it was of exactly these bodies)."""
        if not bodies:
            return []
        packs = self.root / PACKS
        name = f"{dt.datetime.now(dt.UTC):%Y%m%dT%H%M%S}-{secrets.token_hex(4)}{PACK_SUFFIX}"
        done = ahead.result() if ahead is not None else None
        if done is not None and {sha for sha, _ in done[0]} == {sha for sha, _ in bodies}:
            ordered, encoded = done
        else:
            ordered = self._ordered(bodies)
            encoded = self._encode_all([body for _, body in ordered])
        placed: list[PlacedBody] = []
        offset = 0
        try:
            pack = (packs / name).open("xb")
        except FileNotFoundError:  # the store's first pack
            packs.mkdir(parents=True, exist_ok=True)
            pack = (packs / name).open("xb")
        with pack:
            for (sha, body), (data, codec) in zip(ordered, encoded, strict=True):
                pack.write(data)
                placed.append(PlacedBody(sha, len(body), len(data), codec, name, offset))
                offset += len(data)
            pack.flush()
            os.fsync(pack.fileno())
        _sync_directory(packs)  # the pack's name, too, survives a power cut
        return placed

    def _ordered(self, bodies: Sequence[tuple[str, bytes]]) -> list[tuple[str, bytes]]:
        ordered = list(bodies)
        if self.codec == "zstd" and len(ordered) > 1:
            ordered.sort(key=lambda item: len(item[1]), reverse=True)  # the dictionary first
        return ordered

    def _encode_all(self, bodies: list[bytes]) -> list[tuple[bytes | zstandard.BufferSegment, str]]:
        """Each body's stored bytes and codec; with zstd, the first body is the others'
        dictionary."""
        first = self._encode(bodies[0])  # always encoded on its own
        if self.codec != "zstd" or len(bodies) == 1:
            return [first, *map(self._encode, bodies[1:])]
        compressor = zstandard.ZstdCompressor(
            dict_data=_raw_dictionary(bodies[0]), level=ZSTD_DICT_LEVEL
        )
        rest = bodies[1:]
        if len(rest) > 1 and all(rest):  # (it refuses an empty input)
            # One call for all of them, on COMPRESS_THREADS cores without the GIL: the
            # same frames as one compress() each (tests check), in 0.6 of the time.
            frames = compressor.multi_compress_to_buffer(rest, threads=COMPRESS_THREADS)
            return [first, *((frames[i], DICT_CODEC) for i in range(len(frames)))]
        return [first, *((compressor.compress(body), DICT_CODEC) for body in rest)]

    def _encode(self, body: bytes) -> tuple[bytes, str]:
        if self.codec == "zstd":
            return self._zstd.compress(body), self.codec
        if self.codec == "zlib":
            return zlib.compress(body, ZLIB_LEVEL), self.codec
        return body, self.codec

    def get(
        self,
        sha256: str,
        codec: str,
        pack: str | None = None,
        offset: int | None = None,
        stored_size: int | None = None,
        dictionary_size: int | None = None,
    ) -> bytes:
        """One body, checked against its sha256. A "zstd-dict" body needs the stored
        size of its pack's first body, `dictionary_size`."""
        if pack is None:  # stored before packs: a file of its own
            path = self.root / sha256[:2] / f"{sha256}{_SUFFIX[codec]}"
        else:
            path = self.root / PACKS / pack
        try:
            with path.open("rb") as f:
                if pack is None:
                    data = f.read()
                else:
                    f.seek(offset or 0)
                    data = f.read(stored_size)
                    if codec == DICT_CODEC:
                        f.seek(0)
                        dictionary = f.read(dictionary_size)
        except FileNotFoundError:
            raise WarehouseError(
                f"body {sha256} is missing from the body store ({path})", path=path
            ) from None
        try:
            if codec == DICT_CODEC:
                raw = _decode(dictionary, "zstd")
                decoder = zstandard.ZstdDecompressor(dict_data=_raw_dictionary(raw))
                body = decoder.decompress(data)
            else:
                body = _decode(data, codec)
        except (zstandard.ZstdError, zlib.error):
            body = None
        if body is None or sha256_hex(body) != sha256:
            raise WarehouseError(f"body {sha256} in the body store is corrupt ({path})", path=path)
        return body

    def has_pack(self, pack: str) -> bool:
        """Whether the pack file is on disk."""
        return (self.root / PACKS / pack).is_file()

    def has_file(self, sha256: str, codec: str) -> bool:
        """Whether a body stored before packs (a file of its own) is on disk."""
        return (self.root / sha256[:2] / f"{sha256}{_SUFFIX[codec]}").is_file()

    def sweep_orphans(self, referenced: Iterable[str]) -> list[str]:
        """Delete packs no row refers to that are over an hour old (left by a crash
        between writing a pack and committing it); returns their names."""
        packs = self.root / PACKS
        if not packs.is_dir():
            return []
        keep = set(referenced)
        cutoff = time.time() - ORPHAN_AGE_SECONDS
        swept = []
        for path in packs.glob(f"*{PACK_SUFFIX}"):
            if path.name not in keep and path.stat().st_mtime < cutoff:
                path.unlink(missing_ok=True)
                swept.append(path.name)
        return sorted(swept)


class PackEncoding:
    """A pack's bodies encoded by a thread while the caller goes on. zstd compresses
    them all in one call that lets go of the GIL for its whole length, so the thread
    and the caller's SQL run on the two cores side by side (a thread making a call
    per body would wait for the GIL after each one, up to 5 ms)."""

    def __init__(self, store: BodyStore, bodies: Sequence[tuple[str, bytes]]) -> None:
        self._ordered = store._ordered(bodies)
        self._encoded: list | None = None
        self.error: Exception | None = None
        self._thread = threading.Thread(target=self._work, args=(store,), name="encode")
        self._thread.start()

    def _work(self, store: BodyStore) -> None:
        try:
            self._encoded = store._encode_all([body for _, body in self._ordered])
        except Exception as exc:  # put_many encodes them itself, and raises what it meets
            self.error = exc

    def result(self) -> tuple[list[tuple[str, bytes]], list] | None:
        """(the pairs in pack order, their encodings), or None if encoding failed."""
        self._thread.join()
        return None if self._encoded is None else (self._ordered, self._encoded)


def _raw_dictionary(content: bytes) -> zstandard.ZstdCompressionDict:
    return zstandard.ZstdCompressionDict(content, dict_type=zstandard.DICT_TYPE_RAWCONTENT)


def _sync_directory(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _decode(data: bytes, codec: str) -> bytes:
    if codec == "zstd":
        return zstandard.ZstdDecompressor().decompress(data)
    if codec == "zlib":
        return zlib.decompress(data)
    return data
