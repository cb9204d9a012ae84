"""An answer's body, decoded as it streams and never past the size cap.

httpx decodes each compressed chunk whole: 3.5 KB of `gzip, gzip` becomes gigabytes
in one call, long before a cap on the decoded chunks can fire. So the raw bytes are
decoded here, at most `cap + 1` bytes per step, and only in the encodings the fetcher
asks for (one layer of gzip or deflate): a chain or an encoding nobody asked for is
refused, not decoded."""

from __future__ import annotations

import zlib

# What the fetcher's Accept-Encoding offers; anything else is refused.
ACCEPTED_ENCODINGS = ("gzip", "deflate")
ACCEPT_ENCODING = ", ".join(ACCEPTED_ENCODINGS)
_IDENTITY = ("", "identity")


class BodyRefused(Exception):
    """The body cannot be taken: the reason, for the fetcher's FetchError."""


class BoundedBody:
    """Feed raw chunks; `body()` is the decoded content, at most `cap` bytes."""

    def __init__(self, content_encoding: str | None, cap: int) -> None:
        encodings = [e.strip().lower() for e in (content_encoding or "").split(",")]
        encodings = [e for e in encodings if e not in _IDENTITY]
        if len(encodings) > 1 or (encodings and encodings[0] not in ("gzip", "x-gzip", "deflate")):
            raise BodyRefused(
                f"refused: Content-Encoding {content_encoding!r} was not asked for "
                f"(asked: {ACCEPT_ENCODING}, one layer)"
            )
        # gzip, or deflate as servers send it (zlib-wrapped; 32 also detects gzip).
        self._decoder = zlib.decompressobj(zlib.MAX_WBITS | 32) if encodings else None
        self._cap = cap
        self._parts: list[bytes] = []
        self._size = 0

    def feed(self, raw: bytes) -> None:
        if self._decoder is None:
            self._take(raw)
            return
        data = raw
        try:
            while data:
                # Never more than the cap allows, whatever the compression ratio.
                self._take(self._decoder.decompress(data, self._cap - self._size + 1))
                data = self._decoder.unconsumed_tail
        except zlib.error as exc:
            raise BodyRefused(f"the compressed body cannot be decoded: {exc}") from None

    def body(self) -> bytes:
        if self._decoder is not None:
            self._take(self._decoder.flush(self._cap - self._size + 1))
        return b"".join(self._parts)

    def _take(self, part: bytes) -> None:
        self._size += len(part)
        if self._size > self._cap:
            raise BodyRefused(f"refused: body exceeds the cap of {self._cap} bytes (decoded)")
        if part:
            self._parts.append(part)
