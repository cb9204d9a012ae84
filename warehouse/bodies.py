"""Document bodies, stored once per sha256 in pack files next to the database file.

Why not a BLOB column: DuckDB rewrites a table's open row group at every
checkpoint, so with ~250 KB pages in the table every later checkpoint (at the
latest, the one when the file is closed) rewrites all bodies stored so far. That
made each daily run pay for the whole history (measured: see bench/bench_warehouse.py).

Why packs, not a file per body: creating a file cost ~0.5 ms of system CPU per
body during a backfill here, a sixth of the pipeline's budget per bulletin; one
pack per stored batch costs one create and one fsync for up to 128 bodies.

A pack is written whole and synced before the transaction that records its
bodies commits, and never changed afterwards. A crash in between leaves at most
an unreferenced pack, swept by the next writer once it is an hour old. Stores
made before packs (one file per body, `pack` NULL) stay readable."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import secrets
import time
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import zstandard

from warehouse.records import WarehouseError

CODECS = ("identity", "zstd", "zlib")
DEFAULT_CODEC = "zstd"
# Measured on a 247 KB MoD page: zstd level 1 takes 0.26 ms and leaves 1/6 of the
# size (level 3: 0.40 ms, 0.3 % smaller); zlib level 1 takes 1.15 ms for 1/5. zlib
# stays readable for older stores.
ZSTD_LEVEL = 1
ZLIB_LEVEL = 1
_SUFFIX = {"identity": "", "zlib": ".z", "zstd": ".zst"}
PACKS = "packs"
PACK_SUFFIX = ".pack"
# An unreferenced pack younger than this may belong to a store still in progress
# (in this process); older ones are left over from a crash.
ORPHAN_AGE_SECONDS = 3600


def sha256_hex(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()


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

    def put_many(self, bodies: Sequence[tuple[str, bytes]]) -> list[PlacedBody]:
        """Write (sha256, body) pairs into one new pack, synced to disk."""
        if not bodies:
            return []
        packs = self.root / PACKS
        name = f"{dt.datetime.now(dt.UTC):%Y%m%dT%H%M%S}-{secrets.token_hex(4)}{PACK_SUFFIX}"
        placed: list[PlacedBody] = []
        offset = 0
        try:
            pack = (packs / name).open("xb")
        except FileNotFoundError:  # the store's first pack
            packs.mkdir(parents=True, exist_ok=True)
            pack = (packs / name).open("xb")
        with pack:
            for sha, body in bodies:
                data = self._encode(body)
                pack.write(data)
                placed.append(PlacedBody(sha, len(body), len(data), self.codec, name, offset))
                offset += len(data)
            pack.flush()
            os.fsync(pack.fileno())
        _sync_directory(packs)  # the pack's name, too, survives a power cut
        return placed

    def _encode(self, body: bytes) -> bytes:
        if self.codec == "zstd":
            return self._zstd.compress(body)
        if self.codec == "zlib":
            return zlib.compress(body, ZLIB_LEVEL)
        return body

    def get(
        self,
        sha256: str,
        codec: str,
        pack: str | None = None,
        offset: int | None = None,
        stored_size: int | None = None,
    ) -> bytes:
        """One body, checked against its sha256."""
        if pack is None:  # stored before packs: a file of its own
            path = self.root / sha256[:2] / f"{sha256}{_SUFFIX[codec]}"
        else:
            path = self.root / PACKS / pack
        try:
            with path.open("rb") as f:
                if pack is not None:
                    f.seek(offset or 0)
                data = f.read(stored_size if pack is not None else -1)
        except FileNotFoundError:
            raise WarehouseError(f"body {sha256} is missing from the body store ({path})") from None
        try:
            body = _decode(data, codec)
        except (zstandard.ZstdError, zlib.error):
            body = None
        if body is None or sha256_hex(body) != sha256:
            raise WarehouseError(f"body {sha256} in the body store is corrupt ({path})")
        return body

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
