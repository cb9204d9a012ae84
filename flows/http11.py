"""HTTP/1.1 GETs on kept-alive connections: h11 (the protocol, as in httpx and
httpcore) over asyncio's sockets, with as little around them as a fetcher that
only ever GETs needs.

Why not httpcore's connection pool, which the fetcher used before: under asyncio it
goes through anyio for every lock, event and read (cancel scopes, a lookup of the
running async library each time); on the MoD history from the mirror (1,971 GETs,
sampled with py-spy) that was 8.7 % of a backfill, a third of the wire's time, with
the sockets themselves already on plain asyncio. The fetcher already queues requests
per host (its politeness limit), so the pool here is a list of idle connections per
origin. A failure raises one of the exceptions below, named as httpx and httpcore
name theirs (the fetcher names them in its reasons: "timed out (ReadTimeout)");
httpcore itself is not imported (~70 ms: its pools, HTTP/2).

    pool = ConnectionPool(connect_timeout=10, read_timeout=30, tls=ssl_context_factory)
    async with pool.get("https://example.org/a", headers) as (status, headers, chunks):
        body = b"".join([c async for c in chunks])
    await pool.aclose()"""

from __future__ import annotations

import asyncio
import contextlib
import select
import socket
import ssl
from collections.abc import AsyncIterator, Callable
from urllib.parse import urlsplit

import h11


class WireError(Exception):
    """An exchange failed; the subclass says how (its name goes into reasons)."""


class Timeout(WireError):
    """Nothing came within a timeout."""


TimeoutException = Timeout  # httpx's name for it (HttpxTransportWire maps by name)


class ConnectTimeout(Timeout):
    pass


class ReadTimeout(Timeout):
    pass


class WriteTimeout(Timeout):
    pass


class PoolTimeout(Timeout):
    pass


class NetworkError(WireError):
    """The connection failed (refused, reset, TLS refused)."""


class ConnectError(NetworkError):
    pass


class ReadError(NetworkError):
    pass


class WriteError(NetworkError):
    pass


class ProtocolError(WireError):
    """A peer (or this side) broke HTTP/1.1."""


class RemoteProtocolError(ProtocolError):
    pass


class LocalProtocolError(ProtocolError):
    pass


class UnsupportedProtocol(WireError):
    """Not an http(s) URL."""


class ProxyError(WireError):
    """A proxy refused the request (an httpx transport may raise it; this pool uses none)."""


# Reading from the socket stops while this much has come and not been read (a
# peer sending faster than the body is consumed).
HIGH_WATER = 1 << 20
_DEFAULT_PORT = {"http": 80, "https": 443}


class _Receiver(asyncio.Protocol):
    """What a socket received, waiting to be read; asyncio calls it."""

    def __init__(self) -> None:
        self.transport: asyncio.Transport | None = None
        self.chunks: list[bytes] = []
        self.size = 0
        self.ended = False  # the peer closed its side, or the connection was lost
        self.error: BaseException | None = None
        self.waiter: asyncio.Future[None] | None = None
        self.paused = False

    def connection_made(self, transport) -> None:  # type: ignore[override]
        self.transport = transport

    def data_received(self, data: bytes) -> None:
        self.chunks.append(data)
        self.size += len(data)
        if self.size > HIGH_WATER and self.transport is not None and not self.paused:
            self.transport.pause_reading()
            self.paused = True
        self._wake()

    def eof_received(self) -> bool:
        self.ended = True
        self._wake()
        return False  # asyncio closes the transport

    def connection_lost(self, exc: Exception | None) -> None:
        self.ended = True
        self.error = exc
        self._wake()

    def _wake(self) -> None:
        if self.waiter is not None and not self.waiter.done():
            self.waiter.set_result(None)

    async def take(self, timeout: float | None) -> bytes:
        """What has come (b"" once the peer closed), waiting up to `timeout` for some."""
        if not self.chunks and not self.ended:
            self.waiter = asyncio.get_running_loop().create_future()
            try:
                async with asyncio.timeout(timeout):
                    await self.waiter
            except TimeoutError:
                raise ReadTimeout(f"nothing received within {timeout:g} s") from None
            finally:
                self.waiter = None
        if not self.chunks:
            if self.error is not None:
                raise ReadError(str(self.error) or type(self.error).__name__)
            return b""
        data = self.chunks[0] if len(self.chunks) == 1 else b"".join(self.chunks)
        self.chunks.clear()
        self.size = 0
        if self.paused and self.transport is not None:
            self.paused = False
            self.transport.resume_reading()
        return data


class _Connection:
    def __init__(self, transport: asyncio.Transport, receiver: _Receiver) -> None:
        self.transport = transport
        self.receiver = receiver
        self.h11 = h11.Connection(h11.CLIENT)

    def reusable(self) -> bool:
        """Idle and not closed by the peer: a readable idle socket was closed (or
        sent what it should not), asked of the socket itself, as httpcore does, since
        the loop may not have run since the peer's FIN came."""
        if self.receiver.ended or self.receiver.chunks or self.transport.is_closing():
            return False
        sock = self.transport.get_extra_info("socket")
        if sock is None or sock.fileno() < 0:
            return False
        poller = select.poll()  # (select.select fails on descriptors past 1023)
        poller.register(sock.fileno(), select.POLLIN)
        return not poller.poll(0)

    def close(self) -> None:
        self.transport.close()

    def send(self, event) -> None:
        try:
            data = self.h11.send(event)
        except h11.LocalProtocolError as exc:
            raise LocalProtocolError(str(exc)) from exc
        if data:
            if self.transport.is_closing():
                raise WriteError("the connection is closed")
            self.transport.write(data)  # a GET's head: the kernel takes it whole

    async def next_event(self, timeout: float | None):
        while True:
            try:
                event = self.h11.next_event()
            except h11.RemoteProtocolError as exc:
                raise RemoteProtocolError(str(exc)) from exc
            if event is not h11.NEED_DATA:
                return event
            data = await self.receiver.take(timeout)
            if not data and self.h11.their_state == h11.SEND_RESPONSE:
                raise RemoteProtocolError("Server disconnected without sending a response.")
            try:
                self.h11.receive_data(data)
            except h11.RemoteProtocolError as exc:
                raise RemoteProtocolError(str(exc)) from exc


class ConnectionPool:
    """GETs over kept-alive connections, at most `keep` idle ones per origin. The
    TLS context is made by `tls()` on the first https URL, once."""

    def __init__(
        self,
        *,
        connect_timeout: float,
        read_timeout: float,
        tls: Callable[[], ssl.SSLContext],
        keep: int = 8,
    ) -> None:
        self._connect_timeout = connect_timeout
        self._read_timeout = read_timeout
        self._tls = tls
        self._tls_context: ssl.SSLContext | None = None
        self._keep = keep
        self._idle: dict[tuple[str, str, int], list[_Connection]] = {}
        self._busy: set[_Connection] = set()

    @contextlib.asynccontextmanager
    async def get(
        self, url: str, headers: list[tuple[str, str]]
    ) -> AsyncIterator[tuple[int, list[tuple[bytes, bytes]], AsyncIterator[bytes]]]:
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        if scheme not in _DEFAULT_PORT or not parts.hostname:
            raise UnsupportedProtocol(f"cannot GET {url!r}: not an http(s) URL")
        try:
            port = parts.port or _DEFAULT_PORT[scheme]
        except ValueError as exc:
            raise UnsupportedProtocol(f"cannot GET {url!r}: {exc}") from None
        origin = (scheme, parts.hostname, port)
        host = parts.netloc.rpartition("@")[2]
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        connection = await self._acquire(origin)
        done = False
        try:
            connection.send(
                h11.Request(method="GET", target=target, headers=[("Host", host), *headers])
            )
            connection.send(h11.EndOfMessage())
            response = await connection.next_event(self._read_timeout)
            while isinstance(response, h11.InformationalResponse):  # 100 Continue and kin
                response = await connection.next_event(self._read_timeout)

            async def chunks() -> AsyncIterator[bytes]:
                nonlocal done
                while True:
                    event = await connection.next_event(self._read_timeout)
                    if isinstance(event, h11.Data):
                        yield bytes(event.data)
                    elif isinstance(event, h11.EndOfMessage):
                        done = True
                        return
                    elif isinstance(event, h11.ConnectionClosed):
                        return

            yield response.status_code, list(response.headers), chunks()
        finally:
            self._release(origin, connection, done)

    async def _acquire(self, origin: tuple[str, str, int]) -> _Connection:
        idle = self._idle.get(origin)
        while idle:
            connection = idle.pop()
            if connection.reusable():
                self._busy.add(connection)
                return connection
            connection.close()
        connection = await self._connect(origin)
        self._busy.add(connection)
        return connection

    def _release(self, origin: tuple[str, str, int], connection: _Connection, done: bool) -> None:
        self._busy.discard(connection)
        h = connection.h11
        if done and h.our_state is h11.DONE and h.their_state is h11.DONE:
            try:
                h.start_next_cycle()
            except h11.LocalProtocolError:
                connection.close()
                return
            idle = self._idle.setdefault(origin, [])
            if len(idle) < self._keep:
                idle.append(connection)
                return
        connection.close()  # a body not read to its end, or the server's "close"

    async def _connect(self, origin: tuple[str, str, int]) -> _Connection:
        scheme, host, port = origin
        context = None
        if scheme == "https":
            if self._tls_context is None:
                self._tls_context = self._tls()
            context = self._tls_context
        loop = asyncio.get_running_loop()
        try:
            async with asyncio.timeout(self._connect_timeout):
                transport, receiver = await loop.create_connection(
                    _Receiver, host, port, ssl=context, server_hostname=host if context else None
                )
        except TimeoutError:
            raise ConnectTimeout(
                f"no connection to {host}:{port} within {self._connect_timeout:g} s"
            ) from None
        except (OSError, ssl.SSLError) as exc:
            raise ConnectError(str(exc) or type(exc).__name__) from exc
        sock = transport.get_extra_info("socket")
        if sock is not None:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return _Connection(transport, receiver)

    async def aclose(self) -> None:
        for connections in self._idle.values():
            for connection in connections:
                connection.close()
        for connection in self._busy:
            connection.close()
        self._idle.clear()
        self._busy.clear()
        await asyncio.sleep(0)  # the transports' close callbacks run


__all__ = [
    "HIGH_WATER",
    "ConnectError",
    "ConnectTimeout",
    "ConnectionPool",
    "LocalProtocolError",
    "NetworkError",
    "PoolTimeout",
    "ProtocolError",
    "ProxyError",
    "ReadError",
    "ReadTimeout",
    "RemoteProtocolError",
    "Timeout",
    "UnsupportedProtocol",
    "WireError",
    "WriteError",
    "WriteTimeout",
]
