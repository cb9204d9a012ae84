"""One HTTP exchange, the fetcher's only contact with the network: a GET on a
kept-alive connection, its status, headers and raw body chunks.

The connections are our own (flows/http11.py, on asyncio's sockets), not an
HTTP client's. httpx's client layer (URL parsing and validation, request and
response models, cookies, auth and event hooks) cost a third of the fetch's CPU
and the fetcher uses none of it: it follows redirects by hand, sends fixed headers
and decodes bodies itself (flows/bounded_body.py). Measured on the 1,971 GETs of
the MoD history from the mirror, four at a time: 2.25-2.56 s of CPU through
httpx.AsyncClient, 1.48 s through its pool (httpcore) alone, whose anyio locks
and cancel scopes were a third of what was left (blocking httpx or httpcore in four
threads: 2.0 and 1.1 s, but the whole backfill was no faster, as the threads
contend with the event loop for the GIL). Failures raise the exceptions of
flows/http11.py, which the fetcher names. An httpx transport (tests: httpx.MockTransport) can
stand in for the connections: `HttpxTransportWire`."""

from __future__ import annotations

import contextlib
import ssl
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from urllib.parse import quote

from flows import http11
from flows.http11 import ConnectionPool

# What a failed exchange raises: a timeout, or the connection failing.
Timeout = http11.Timeout
ConnectionFailed = (
    http11.NetworkError,
    http11.ProtocolError,
    http11.ProxyError,
    http11.UnsupportedProtocol,
)
# Characters a URL keeps as they are when non-ASCII ones are percent-encoded.
_URL_SAFE = ":/?#[]@!$&'()*+,;=%~"


@dataclass
class Answer:
    status: int
    headers: dict[str, str]  # lower-cased names; the first value of a repeated header
    chunks: AsyncIterator[bytes]  # the raw body, as sent (still encoded)


def _text(value: bytes) -> str:
    try:
        return value.decode()
    except UnicodeDecodeError:
        return value.decode("latin-1")


def _headers(pairs) -> dict[str, str]:
    headers: dict[str, str] = {}
    for name, value in pairs:
        headers.setdefault(_text(name).lower(), _text(value))
    return headers


def _ascii(url: str) -> str:
    # A link as a page wrote it may carry Cyrillic: sent percent-encoded, as browsers do.
    return url if url.isascii() else quote(url, safe=_URL_SAFE)


class PoolWire:
    """GETs over kept-alive connections (flows/http11.py), at most `connections` idle
    ones per host; a TLS context is made with `tls()` on the first https URL only (a
    run on the mirror never loads a CA bundle)."""

    def __init__(
        self,
        *,
        connections: int,
        connect_timeout: float,
        read_timeout: float,
        tls: Callable[[], ssl.SSLContext],
    ) -> None:
        self._pool = ConnectionPool(
            connect_timeout=connect_timeout,
            read_timeout=read_timeout,
            tls=tls,
            keep=connections,
        )

    @contextlib.asynccontextmanager
    async def get(self, url: str, headers: list[tuple[str, str]]) -> AsyncIterator[Answer]:
        async with self._pool.get(_ascii(url), headers) as (status, raw_headers, chunks):
            yield Answer(status, _headers(raw_headers), chunks)

    async def aclose(self) -> None:
        await self._pool.aclose()


class HttpxTransportWire:
    """GETs handed to an httpx transport (tests: httpx.MockTransport); its exceptions
    become the wire's of the same name (flows/http11.py), as the pool would raise them."""

    def __init__(self, transport) -> None:
        self._transport = transport

    @contextlib.asynccontextmanager
    async def get(self, url: str, headers: list[tuple[str, str]]) -> AsyncIterator[Answer]:
        import httpx

        try:
            response = await self._transport.handle_async_request(
                httpx.Request("GET", url, headers=headers)
            )
        except httpx.TransportError as exc:
            raise getattr(http11, type(exc).__name__, http11.NetworkError)(str(exc)) from exc
        try:
            yield Answer(response.status_code, _headers(response.headers.raw), response.stream)
        finally:
            await response.aclose()

    async def aclose(self) -> None:
        await self._transport.aclose()


__all__ = ["Answer", "ConnectionFailed", "HttpxTransportWire", "PoolWire", "Timeout"]
