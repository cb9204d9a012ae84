"""Reading HTTP/1.1 answers: flows/http11.py's reader against h11's, on the same bytes
(not part of the test run).

    uv run python bench/bench_http.py [--answers 2000] [--size 120000]

Each answer is a mirror page's size (the MoD history's 1,971 answers average ~120 KB)
with a Content-Length, handed over in pieces as the sockets gave them on a backfill
from the mirror (1-2 pieces an answer, up to 256 KB each: asyncio's read size), on one
kept-alive connection; also chunked (8 KB chunks, as servers commonly send). Prints
microseconds per answer for each reader.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from flows import http11  # noqa: E402

PIECE = 256 * 1024  # asyncio's read size on a socket


class _Pieces:
    def __init__(self, pieces: list[bytes]) -> None:
        self._pieces = pieces
        self._next = 0
        self.chunks: list[bytes] = []
        self.ended = False

    async def take(self, timeout: float | None) -> bytes:
        if self._next == len(self._pieces):
            return b""
        self._next += 1
        return self._pieces[self._next - 1]


def _answer(size: int, chunked: bool) -> bytes:
    body = (b"<p>\xd1\x82\xd0\xb0\xd0\xbd\xd0\xba\xd0\xb8 - 11 580 (+3)</p>\n" * size)[:size]
    head = (
        b"HTTP/1.1 200 OK\r\nServer: losses-mirror/1\r\nContent-Type: text/html; charset=utf-8\r\n"
    )
    if not chunked:
        return head + b"Content-Length: %d\r\n\r\n" % len(body) + body
    chunks = b"".join(
        b"%x\r\n" % len(body[i : i + 8192]) + body[i : i + 8192] + b"\r\n"
        for i in range(0, len(body), 8192)
    )
    return head + b"Transfer-Encoding: chunked\r\n\r\n" + chunks + b"0\r\n\r\n"


def _pieces(answer: bytes, count: int) -> list[bytes]:
    return [answer[i : i + PIECE] for i in range(0, len(answer), PIECE)] * count


def ours(pieces: list[bytes], count: int) -> float:
    async def read() -> None:
        connection = http11._Connection(transport=None, receiver=_Pieces(pieces))  # type: ignore[arg-type]
        for _ in range(count):
            head = await connection.head(None)
            b"".join([piece async for piece in connection.body(head, None)])

    started = time.perf_counter()
    asyncio.run(read())
    return time.perf_counter() - started


def theirs(pieces: list[bytes], count: int) -> float:
    import h11

    async def read() -> None:  # as flows/http11.py read answers with h11 until 2026-12
        conn = h11.Connection(h11.CLIENT)
        feed = iter(pieces)
        for _ in range(count):
            conn.send(h11.Request(method="GET", target="/", headers=[("Host", "x")]))
            conn.send(h11.EndOfMessage())
            body = []
            while True:
                event = conn.next_event()
                if event is h11.NEED_DATA:
                    conn.receive_data(next(feed))
                elif isinstance(event, h11.Data):
                    body.append(bytes(event.data))
                elif isinstance(event, h11.EndOfMessage):
                    break
            b"".join(body)
            conn.start_next_cycle()

    started = time.perf_counter()
    asyncio.run(read())
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--answers", type=int, default=2000, help="answers read per reader")
    parser.add_argument("--size", type=int, default=120_000, help="body bytes per answer")
    args = parser.parse_args()
    for chunked in (False, True):
        pieces = _pieces(_answer(args.size, chunked), args.answers)
        timings = {
            name: read(pieces, args.answers) for name, read in (("h11", theirs), ("ours", ours))
        }
        print(
            f"{'chunked' if chunked else 'Content-Length'}: "
            + ", ".join(f"{n} {t / args.answers * 1e6:.0f} µs/answer" for n, t in timings.items())
            + f" ({timings['h11'] / timings['ours']:.1f}x)"
        )


if __name__ == "__main__":
    main()
