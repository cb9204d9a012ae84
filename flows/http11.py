"""HTTP/1.1 GETs on kept-alive connections over asyncio's sockets, with as little
around them as a fetcher that only ever GETs needs: a request head written, an
answer's head and body read (Content-Length, chunked, or until the peer closes; RFC
9112), a list of idle connections per origin.

Why our own, not a library's:
- httpcore's connection pool, which the fetcher used first, goes through anyio under
  asyncio for every lock, event and read (cancel scopes, a lookup of the running async
  library each time): on the MoD history from the mirror (1,971 GETs, sampled with
  py-spy) 8.7 % of a backfill, a third of the wire's time. httpcore is not imported
  (~70 ms: its pools, HTTP/2).
- h11, which read the answers next, copies each body two or three times on its way
  through its receive buffer and runs its state machine for every piece:
  `bench/bench_http.py` measured 78-83 µs an answer of the mirror's size against
  20-21 µs here (chunked: 206-216 against 56-59). h11 stays the reference this reader
  is tested against, answer by answer (tests/flows/test_http11_reader.py).
The fetcher already queues requests per host (its politeness limit), so the pool is a
list of idle connections per origin. A failure raises one of the exceptions below,
named as httpx and httpcore name theirs (the fetcher names them in its reasons:
"timed out (ReadTimeout)").

    pool = ConnectionPool(connect_timeout=10, read_timeout=30, tls=ssl_context_factory)
    async with pool.get("https://example.org/a", headers) as (status, headers, chunks):
        body = b"".join([c async for c in chunks])
    await pool.aclose()"""

from __future__ import annotations

import asyncio
import contextlib
import re
import select
import socket
import ssl
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from urllib.parse import urlsplit


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
MAX_HEAD = 64 * 1024  # a response head (or a trailer) longer than this is refused
MAX_LINE = 4096  # and a chunk size line
_DEFAULT_PORT = {"http": 80, "https": 443}
_HEAD_END_RE = re.compile(rb"\r?\n\r?\n")
_STATUS_LINE_RE = re.compile(rb"HTTP/1\.([01]) ([0-9]{3})(?: [^\r\n]*)?")
_TOKEN_RE = re.compile(rb"[-!#$%&'*+.^_`|~0-9A-Za-z]+")  # a field name (RFC 9110 token)
_TOKEN_TEXT_RE = re.compile(_TOKEN_RE.pattern.decode())  # the same, for the fields we send
_TARGET_RE = re.compile(r"[!-~]+")  # printable ASCII, no space
_BREAK_RE = re.compile(r"[\r\n\x00]")
_HEX_RE = re.compile(rb"[0-9A-Fa-f]+")


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


@dataclass(frozen=True, slots=True)
class Head:
    """A response's status line and header fields, and how its body is framed."""

    status: int
    headers: list[tuple[bytes, bytes]]  # names lowercased, values stripped, in order
    framing: str  # "length", "chunked", "close" (until the peer closes) or "none"
    length: int | None  # the Content-Length of a "length" body
    keep_alive: bool  # HTTP/1.1 and no "Connection: close"


def request_head(target: str, host: str, headers: list[tuple[str, str]]) -> bytes:
    """A GET's head. LocalProtocolError for what HTTP/1.1 cannot carry (a space or
    line break in the target or a field, a character past ASCII)."""
    if not _TARGET_RE.fullmatch(target) or not _TARGET_RE.fullmatch(host):
        raise LocalProtocolError(f"cannot send GET {target!r} to {host!r}: not HTTP/1.1 text")
    lines = [f"GET {target} HTTP/1.1", f"Host: {host}"]
    for name, value in headers:
        if not _TOKEN_TEXT_RE.fullmatch(name) or _BREAK_RE.search(value):
            raise LocalProtocolError(f"cannot send the header field {name!r}: {value!r}")
        lines.append(f"{name}: {value}")
    try:
        return ("\r\n".join(lines) + "\r\n\r\n").encode("ascii")
    except UnicodeEncodeError as exc:
        raise LocalProtocolError(f"cannot send GET {target!r}: {exc}") from None


def parse_head(head: bytes) -> Head:
    """A response head (the bytes before the empty line that ends it), as RFC 9112
    reads it: the status line, the fields (an obsolete folded line joins the one
    before), and the body's framing (sections 6.1-6.3: chunked Transfer-Encoding over
    Content-Length; neither: until the connection closes; none after 1xx, 204, 304).
    RemoteProtocolError for anything else."""
    lines = head.split(b"\n")
    status_line = lines[0].rstrip(b"\r")
    status = _STATUS_LINE_RE.fullmatch(status_line)
    if status is None:
        raise RemoteProtocolError(f"not an HTTP/1.x status line: {status_line[:80]!r}")
    headers: list[tuple[bytes, bytes]] = []
    for raw in lines[1:]:
        line = raw.rstrip(b"\r")
        if line[:1] in (b" ", b"\t") and headers:  # obs-fold: a continuation
            name, value = headers[-1]
            headers[-1] = (name, (value + b" " + line.strip(b" \t")).strip(b" "))
            continue
        name, colon, value = line.partition(b":")
        if not colon or not _TOKEN_RE.fullmatch(name) or b"\x00" in value or b"\r" in value:
            raise RemoteProtocolError(f"malformed header line: {line[:80]!r}")
        headers.append((name.lower(), value.strip(b" \t")))
    code = int(status[2])
    closes = any(
        token.strip().lower() == b"close"
        for name, value in headers
        if name == b"connection"
        for token in value.split(b",")
    )
    keep_alive = status[1] == b"1" and not closes
    if code < 200 or code in (204, 304):
        return Head(code, headers, "none", None, keep_alive)
    codings = [
        token.strip().lower()
        for name, value in headers
        if name == b"transfer-encoding"
        for token in value.split(b",")
        if token.strip()
    ]
    if codings:
        if codings != [b"chunked"]:
            shown = b", ".join(codings).decode("latin-1")
            raise RemoteProtocolError(f"unsupported Transfer-Encoding: {shown!r}")
        return Head(code, headers, "chunked", None, keep_alive)
    lengths = {
        token.strip()
        for name, value in headers
        if name == b"content-length"
        for token in value.split(b",")
    }
    if lengths:
        (length, *others) = lengths
        if others or not length.isdigit() or len(length) > 18:
            shown = b", ".join(sorted(lengths)).decode("latin-1")
            raise RemoteProtocolError(f"bad Content-Length: {shown!r}")
        return Head(code, headers, "length", int(length), keep_alive)
    return Head(code, headers, "close", None, False)


def _chunk_size(line: bytes) -> int:
    size = line.split(b";", 1)[0].strip(b" \t")  # (chunk extensions are ignored)
    if not _HEX_RE.fullmatch(size) or len(size) > 15:
        raise RemoteProtocolError(f"bad chunk size line: {line[:40]!r}")
    return int(size, 16)


async def _nothing() -> AsyncIterator[bytes]:
    return
    yield b""  # (an async generator that yields nothing)


class _Connection:
    """One connection's exchanges, in turn: a GET written, its answer read."""

    def __init__(self, transport: asyncio.Transport, receiver: _Receiver) -> None:
        self.transport = transport
        self.receiver = receiver
        self.rest = b""  # what came after the head or body being read

    def reusable(self) -> bool:
        """Idle and not closed by the peer: a readable idle socket was closed (or
        sent what it should not), asked of the socket itself, as httpcore does, since
        the loop may not have run since the peer's FIN came."""
        if self.rest or self.receiver.ended or self.receiver.chunks or self.transport.is_closing():
            return False
        sock = self.transport.get_extra_info("socket")
        if sock is None or sock.fileno() < 0:
            return False
        poller = select.poll()  # (select.select fails on descriptors past 1023)
        poller.register(sock.fileno(), select.POLLIN)
        return not poller.poll(0)

    def close(self) -> None:
        self.transport.close()

    def send(self, request: bytes) -> None:
        if self.transport.is_closing():
            raise WriteError("the connection is closed")
        self.transport.write(request)  # a GET's head: the kernel takes it whole

    async def _more(self, data: bytes, start: int, timeout: float | None, where: str) -> bytes:
        """data[start:] and what comes next; RemoteProtocolError when the peer closed."""
        more = await self.receiver.take(timeout)
        if not more:
            raise RemoteProtocolError(f"the connection closed in the middle of {where}")
        return data[start:] + more if start < len(data) else more

    async def head(self, timeout: float | None) -> Head:
        """The next response's head (the bytes after it stay in `rest`)."""
        data, self.rest = self.rest, b""
        searched = 0
        while (end := _HEAD_END_RE.search(data, max(searched - 3, 0))) is None:
            if len(data) > MAX_HEAD:
                raise RemoteProtocolError(f"the response's head is over {MAX_HEAD} bytes")
            searched = len(data)
            more = await self.receiver.take(timeout)
            if not more:
                if data:
                    raise RemoteProtocolError("the connection closed in the response's head")
                raise RemoteProtocolError("Server disconnected without sending a response.")
            data += more
        self.rest = data[end.end() :]
        return parse_head(data[: end.start()])

    def body(self, head: Head, timeout: float | None) -> AsyncIterator[bytes]:
        """The body's pieces as they come, in the head's framing (the bytes after it
        stay in `rest`)."""
        if head.framing == "length":
            return self._sized(head.length or 0, timeout)
        if head.framing == "chunked":
            return self._chunked(timeout)
        if head.framing == "close":
            return self._until_closed(timeout)
        return _nothing()

    async def _sized(self, length: int, timeout: float | None) -> AsyncIterator[bytes]:
        data, self.rest = self.rest, b""
        due = length
        while len(data) < due:
            if data:
                yield data
                due -= len(data)
            data = await self.receiver.take(timeout)
            if not data:
                raise RemoteProtocolError(
                    "peer closed connection without sending complete message body: "
                    f"received {length - due} bytes, expected {length}"
                )
        if due:
            yield data if len(data) == due else data[:due]
        self.rest = data[due:]

    async def _chunked(self, timeout: float | None) -> AsyncIterator[bytes]:
        where = "a chunked body"
        data, self.rest = self.rest, b""
        at = 0  # read up to here (data is cut only when more comes: no copy per chunk)
        while True:
            while (newline := data.find(b"\n", at)) < 0:
                if len(data) - at > MAX_LINE:
                    raise RemoteProtocolError("a chunk's size line is too long")
                data, at = await self._more(data, at, timeout, where), 0
            line, at = data[at:newline].rstrip(b"\r"), newline + 1
            size = _chunk_size(line)
            if size == 0:
                break
            while size:
                if at >= len(data):
                    data, at = await self._more(data, at, timeout, where), 0
                piece = data[at : at + size]
                at += len(piece)
                size -= len(piece)
                yield piece
            while len(data) - at < 2 and data[at : at + 1] != b"\n":
                data, at = await self._more(data, at, timeout, where), 0
            if data.startswith(b"\r\n", at):
                at += 2
            elif data.startswith(b"\n", at):
                at += 1
            else:
                raise RemoteProtocolError("a chunk's data is not followed by a line break")
        while True:  # the trailer fields, up to an empty line (read, not used)
            while (newline := data.find(b"\n", at)) < 0:
                if len(data) - at > MAX_HEAD:
                    raise RemoteProtocolError("a chunked body's trailer is too long")
                data, at = await self._more(data, at, timeout, where), 0
            line, at = data[at:newline].rstrip(b"\r"), newline + 1
            if not line:
                break
        self.rest = data[at:]

    async def _until_closed(self, timeout: float | None) -> AsyncIterator[bytes]:
        data, self.rest = self.rest, b""
        while True:
            if data:
                yield data
            data = await self.receiver.take(timeout)
            if not data:
                return


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
        request = request_head(target, host, headers)
        connection = await self._acquire(origin)
        reuse = False
        try:
            connection.send(request)
            head = await connection.head(self._read_timeout)
            while head.status < 200:  # 100 Continue and kin: the answer follows
                if head.status == 101:
                    raise RemoteProtocolError("the server switched protocols (101) on a GET")
                head = await connection.head(self._read_timeout)

            async def chunks() -> AsyncIterator[bytes]:
                nonlocal reuse
                async for piece in connection.body(head, self._read_timeout):
                    yield piece
                reuse = head.keep_alive  # read to its end: the connection may serve again

            yield head.status, head.headers, chunks()
        finally:
            self._release(origin, connection, reuse)

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

    def _release(self, origin: tuple[str, str, int], connection: _Connection, reuse: bool) -> None:
        self._busy.discard(connection)
        idle = self._idle.setdefault(origin, [])
        if reuse and len(idle) < self._keep:
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
    "MAX_HEAD",
    "MAX_LINE",
    "ConnectError",
    "ConnectTimeout",
    "ConnectionPool",
    "Head",
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
    "parse_head",
    "request_head",
]
