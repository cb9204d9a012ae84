"""Document bodies, stored once per sha256 as files next to the database file.

Why not a BLOB column: DuckDB rewrites a table's open row group at every
checkpoint, so with ~250 KB pages in the table every later checkpoint (at the
latest, the one when the file is closed) rewrites all bodies stored so far. That
made each daily run pay for the whole history (measured: see bench/bench_warehouse.py).
Files keep a store constant-time; the database keeps sha256, sizes and codec.

A body file is written before the transaction that records it commits: a crash
leaves at most an unreferenced file, which the next store of that body rewrites."""

from __future__ import annotations

import hashlib
import zlib
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


def sha256_hex(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()


class BodyStore:
    def __init__(self, root: Path, codec: str = DEFAULT_CODEC) -> None:
        if codec not in CODECS:
            raise WarehouseError(f"unknown body codec {codec!r}: choose one of {', '.join(CODECS)}")
        self.root = root
        self.codec = codec
        self._zstd = zstandard.ZstdCompressor(level=ZSTD_LEVEL)  # reused: setup costs

    def path(self, sha256: str, codec: str) -> Path:
        return self.root / sha256[:2] / f"{sha256}{_SUFFIX[codec]}"

    def put(self, sha256: str, body: bytes) -> tuple[int, str]:
        """Write one body; returns (stored size, codec)."""
        data = self._encode(body)
        target = self.path(sha256, self.codec)
        # Written in place: the database row naming this body commits only after the
        # write, so a crash leaves at most an unreferenced (and later rewritten) file.
        try:
            target.write_bytes(data)
        except FileNotFoundError:  # the first body of its shard directory
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        return len(data), self.codec

    def _encode(self, body: bytes) -> bytes:
        if self.codec == "zstd":
            return self._zstd.compress(body)
        if self.codec == "zlib":
            return zlib.compress(body, ZLIB_LEVEL)
        return body

    def get(self, sha256: str, codec: str) -> bytes:
        path = self.path(sha256, codec)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            raise WarehouseError(f"body {sha256} is missing from the body store ({path})") from None
        body = _decode(data, codec)
        if sha256_hex(body) != sha256:
            raise WarehouseError(f"body {sha256} in the body store is corrupt ({path})")
        return body


def _decode(data: bytes, codec: str) -> bytes:
    if codec == "zstd":
        return zstandard.ZstdDecompressor().decompress(data)
    if codec == "zlib":
        return zlib.decompress(data)
    return data
