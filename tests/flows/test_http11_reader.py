"""The response reader of flows/http11.py, byte by byte: answers of every framing
(Content-Length, chunked with extensions and trailers, until the connection closes,
none), cut into pieces at random places, read exactly as h11 (the reference
implementation httpx uses) reads them, and what HTTP/1.1 forbids refused."""

from __future__ import annotations

import asyncio
import itertools

import h11
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from flows import http11

_FIELD_NAMES = st.sampled_from(
    ["Content-Type", "X-Thing", "set-cookie", "Cache-Control", "ETag", "Vary", "Server"]
)
# Field values as h11 reads them back unchanged: no blanks at either end.
_FIELD_VALUES = st.from_regex(
    r"[!-~\x80-\xff]([ !-~\x80-\xff]{0,30}[!-~\x80-\xff])?", fullmatch=True
)


class _Pieces:
    """A receiver that hands out the bytes in the pieces given, then the peer's close."""

    def __init__(self, pieces: list[bytes]) -> None:
        self._pieces = list(pieces)
        self.chunks: list[bytes] = []
        self.ended = False

    async def take(self, timeout: float | None) -> bytes:
        if self._pieces:
            return self._pieces.pop(0)
        self.ended = True
        return b""


def _cut(data: bytes, cuts: list[int]) -> list[bytes]:
    points = sorted({c % (len(data) + 1) for c in cuts} | {0, len(data)})
    return [data[a:b] for a, b in itertools.pairwise(points) if b > a]


async def _ours(pieces: list[bytes]) -> tuple[int, list, bytes, bool]:
    connection = http11._Connection(transport=None, receiver=_Pieces(pieces))  # type: ignore[arg-type]
    head = await connection.head(5)
    while head.status < 200:
        head = await connection.head(5)
    body = b"".join([piece async for piece in connection.body(head, 5)])
    return head.status, head.headers, body, head.keep_alive and not connection.rest


def _h11(pieces: list[bytes]) -> tuple[int, list, bytes, bool]:
    conn = h11.Connection(h11.CLIENT)
    conn.send(h11.Request(method="GET", target="/", headers=[("Host", "x")]))
    conn.send(h11.EndOfMessage())
    pieces = [*pieces, b""]  # b"": the peer closed
    response, body = None, b""
    while True:
        event = conn.next_event()
        if event is h11.NEED_DATA:
            conn.receive_data(pieces.pop(0))
        elif isinstance(event, h11.Response):
            response = event
        elif isinstance(event, h11.Data):
            body += event.data
        elif isinstance(event, h11.EndOfMessage):
            break
    assert response is not None
    # Kept alive: h11 would start the next exchange, the body did not end with the
    # connection (pieces all given: the close was), and no stray bytes came after it.
    reusable = conn.their_state is h11.DONE and conn.our_state is h11.DONE
    closed = not pieces
    stray = conn.trailing_data[0]
    return response.status_code, list(response.headers), body, reusable and not closed and not stray


@st.composite
def _answers(draw) -> bytes:
    version = draw(st.sampled_from([b"1.1", b"1.1", b"1.0"]))
    status = draw(st.sampled_from([200, 200, 404, 500, 204, 304, 301]))
    fields = draw(st.lists(st.tuples(_FIELD_NAMES, _FIELD_VALUES), max_size=4))
    body = draw(st.binary(max_size=3000))
    framing = draw(st.sampled_from(["length", "chunked", "close"]))
    if status in (204, 304):
        body = b""
    lines = [b"HTTP/" + version + b" %d" % status + draw(st.sampled_from([b" OK", b" ", b""]))]
    lines += [
        n.encode() + b":" + draw(st.sampled_from([b" ", b"", b"  "])) + v.encode("latin-1")
        for n, v in fields
    ]
    if draw(st.booleans()):
        lines.append(draw(st.sampled_from([b"Connection: close", b"connection: keep-alive"])))
    payload = body
    if framing == "length":
        lines.append(b"Content-Length: %d" % len(body))
    elif framing == "chunked":
        lines.append(
            draw(st.sampled_from([b"Transfer-Encoding: chunked", b"transfer-encoding: Chunked"]))
        )
        sizes = draw(st.lists(st.integers(1, 700), max_size=8))
        payload, at = b"", 0
        for size in sizes:
            piece = body[at : at + size]
            if not piece:
                break
            extension = draw(st.sampled_from([b"", b";name=value", b";x"]))
            payload += b"%x" % len(piece) + extension + b"\r\n" + piece + b"\r\n"
            at += len(piece)
        if at < len(body):
            payload += b"%X\r\n" % (len(body) - at) + body[at:] + b"\r\n"
        payload += b"0\r\n" + draw(st.sampled_from([b"", b"Expires: never\r\n"])) + b"\r\n"
    head = b"\r\n".join(lines) + b"\r\n\r\n"
    if draw(st.booleans()):
        head = b"HTTP/1.1 100 Continue\r\n\r\n" + head
    return head + (b"" if status in (204, 304) else payload)


@settings(max_examples=400, deadline=None)
@given(answer=_answers(), cuts=st.lists(st.integers(0, 10_000), max_size=12))
def test_answers_cut_anywhere_are_read_as_h11_reads_them(answer, cuts):
    pieces = _cut(answer, cuts)
    status, headers, body, reusable = asyncio.run(_ours(pieces))
    # (h11 lowercases the Transfer-Encoding value; its case means nothing)
    headers = [(n, v.lower() if n == b"transfer-encoding" else v) for n, v in headers]
    assert (status, headers, body, reusable) == _h11(pieces)


_SMALL = [
    b"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
    b"3;x=y\r\nabc\r\n1\r\nd\r\n0\r\nExpires: never\r\n\r\n",
    b"HTTP/1.1 200 OK\r\nX: one\r\n two\r\nContent-Length: 4\r\n\r\nabcd",
    b"HTTP/1.0 404 Not Found\r\nServer: x\r\n\r\nno such page",
]


@pytest.mark.parametrize("answer", _SMALL)
def test_answers_cut_at_every_byte_are_read_as_h11_reads_them(answer):
    one_by_one = [answer[i : i + 1] for i in range(len(answer))]
    assert asyncio.run(_ours(one_by_one)) == _h11(one_by_one)
    for cut in range(1, len(answer)):
        pieces = [answer[:cut], answer[cut:]]
        assert asyncio.run(_ours(pieces)) == _h11(pieces), cut


def _read(answer: bytes) -> tuple[int, list, bytes, bool]:
    return asyncio.run(_ours([answer]))


def test_bytes_after_the_body_keep_the_connection_from_serving_again():
    status, _, body, reusable = _read(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhiTHERE")
    assert (status, body, reusable) == (200, b"hi", False)
    assert _read(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi")[3] is True


def test_a_folded_field_joins_the_line_before():
    answer = b"HTTP/1.1 200 OK\r\nX-Long: one\r\n  two\r\nContent-Length: 0\r\n\r\n"
    assert _read(answer)[1] == [(b"x-long", b"one two"), (b"content-length", b"0")]


def test_bare_line_feeds_are_read_as_line_ends():
    answer = b"HTTP/1.1 200 OK\nContent-Length: 3\n\nabc"
    assert _read(answer)[:3] == (200, [(b"content-length", b"3")], b"abc")


@pytest.mark.parametrize(
    ("answer", "reason"),
    [
        (b"HTTP/2 200 OK\r\n\r\n", "not an HTTP/1.x status line"),
        (b"ICY 200 OK\r\n\r\n", "not an HTTP/1.x status line"),
        (b"HTTP/1.1 20 OK\r\n\r\n", "not an HTTP/1.x status line"),
        (b"HTTP/1.1 200 OK\r\nno colon here\r\n\r\n", "malformed header line"),
        (b"HTTP/1.1 200 OK\r\nBad Name: x\r\n\r\n", "malformed header line"),
        (b"HTTP/1.1 200 OK\r\nContent-Length: 5, 6\r\n\r\nhello", "bad Content-Length"),
        (b"HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n", "bad Content-Length"),
        (b"HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\n", "unsupported Transfer-Encoding"),
        (b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", "bad chunk size line"),
        (b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabc\r\n", "not followed"),
        (
            b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nab\rx0\r\n\r\n",
            "not followed",
        ),
        (b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nab", "closed in the middle"),
        (b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + b"1" * 5000, "too long"),
        (b"HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc", "received 3 bytes, expected 10"),
        (b"HTTP/1.1 200 OK\r\nContent-Le", "closed in the response's head"),
        (b"", "Server disconnected without sending a response"),
        (b"HTTP/1.1 200 OK\r\nX: " + b"a" * http11.MAX_HEAD, "head is over"),
    ],
)
def test_what_http_forbids_is_a_remote_protocol_error(answer, reason):
    with pytest.raises(http11.RemoteProtocolError, match=reason):
        _read(answer)


def test_a_request_head_is_what_http_11_carries():
    head = http11.request_head("/a?b=1", "example.org:8080", [("User-Agent", "losses/1")])
    assert head == b"GET /a?b=1 HTTP/1.1\r\nHost: example.org:8080\r\nUser-Agent: losses/1\r\n\r\n"


@pytest.mark.parametrize(
    ("target", "headers"),
    [
        ("/a b", []),
        ("/новини", []),
        ("/a", [("User-Agent", "x\r\nX-Injected: 1")]),
        ("/a", [("Bad Name", "x")]),
        ("/a", [("User-Agent", "losses ✓")]),
    ],
)
def test_what_http_11_cannot_carry_is_refused_before_sending(target, headers):
    with pytest.raises(http11.LocalProtocolError):
        http11.request_head(target, "example.org", headers)
