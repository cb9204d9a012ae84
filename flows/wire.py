"""One HTTP exchange, the fetcher's only contact with the network: a GET on a
connection pool, its status, headers and raw body chunks.

The pool is httpcore's, the transport layer httpx is built on, used directly.
httpx's client layer on top (URL parsing and validation, request and response
models, cookies, auth and event hooks) cost a third of the fetch's CPU and the
fetcher uses none of it: it follows redirects by hand, sends fixed headers and
decodes bodies itself (flows/bounded_body.py). Measured on the 1,971 GETs of the
MoD history from the mirror, four at a time: 2.25-2.56 s of CPU through
httpx.AsyncClient, 1.48 s through its pool alone (blocking httpx or httpcore in
four threads: 2.0 and 1.1 s, but the whole backfill was no faster, as the
threads contend with the event loop for the GIL). An httpx transport (tests:
httpx.MockTransport) can stand in for the pool: `HttpxTransportWire`."""

from __future__ import annotations

import contextlib
import ssl
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from urllib.parse import quote

import httpcore

# What a failed exchange raises: a timeout, or the connection failing.
Timeout = httpcore.TimeoutException
ConnectionFailed = (
    httpcore.NetworkError,
    httpcore.ProtocolError,
    httpcore.ProxyError,
    httpcore.UnsupportedProtocol,
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
    """GETs over pools of at most `connections` kept-alive connections: one for plain
    HTTP, and one for https made on the first https URL, with `tls()` (a run on the
    mirror never loads a CA bundle)."""

    def __init__(
        self,
        *,
        connections: int,
        connect_timeout: float,
        read_timeout: float,
        tls: Callable[[], ssl.SSLContext],
    ) -> None:
        self._connections = connections
        self._tls = tls
        self._pools: dict[bool, httpcore.AsyncConnectionPool] = {}
        self._timeouts = {
            "connect": connect_timeout,
            "read": read_timeout,
            "write": read_timeout,
            "pool": None,  # the fetcher's own per-host limit queues requests first
        }

    def _pool(self, secure: bool) -> httpcore.AsyncConnectionPool:
        pool = self._pools.get(secure)
        if pool is None:
            pool = self._pools[secure] = httpcore.AsyncConnectionPool(
                ssl_context=self._tls() if secure else None,
                max_connections=self._connections,
                max_keepalive_connections=self._connections,
            )
        return pool

    @contextlib.asynccontextmanager
    async def get(self, url: str, headers: list[tuple[str, str]]) -> AsyncIterator[Answer]:
        pool = self._pool(url.startswith("https:"))
        async with pool.stream(
            "GET", _ascii(url), headers=headers, extensions={"timeout": self._timeouts}
        ) as response:
            yield Answer(response.status, _headers(response.headers), response.aiter_stream())

    async def aclose(self) -> None:
        for pool in self._pools.values():
            await pool.aclose()


class HttpxTransportWire:
    """GETs handed to an httpx transport (tests: httpx.MockTransport); its exceptions
    become httpcore's of the same name, as the pool would raise them."""

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
            raise getattr(httpcore, type(exc).__name__, httpcore.NetworkError)(str(exc)) from exc
        try:
            yield Answer(response.status_code, _headers(response.headers.raw), response.stream)
        finally:
            await response.aclose()

    async def aclose(self) -> None:
        await self._transport.aclose()


__all__ = ["Answer", "ConnectionFailed", "HttpxTransportWire", "PoolWire", "Timeout"]
