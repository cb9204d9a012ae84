"""The fetcher's wire over real loopback sockets: answers come through its connections as
sent, and no TLS context (its CA bundle ~25 ms to load) is made for plain HTTP."""

from __future__ import annotations

import asyncio
import http.server
import threading

import pytest

from flows import wire


class _Pages(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        body = f"page {self.path} for {self.headers['User-Agent']}".encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Pages)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def _wire(made: list[int]) -> wire.PoolWire:
    def tls():
        import ssl

        made.append(1)
        return ssl.create_default_context()

    return wire.PoolWire(connections=2, connect_timeout=2, read_timeout=2, tls=tls)


async def _get(pool: wire.PoolWire, url: str) -> tuple[int, dict, bytes]:
    async with pool.get(url, [("User-Agent", "losses-test")]) as answer:
        body = b"".join([chunk async for chunk in answer.chunks])
        return answer.status, answer.headers, body


def test_plain_http_answers_come_whole_and_no_tls_context_is_made(server):
    made: list[int] = []

    async def run():
        pool = _wire(made)
        try:
            return [await _get(pool, f"{server}/news/{n}") for n in range(3)]
        finally:
            await pool.aclose()

    answers = asyncio.run(run())
    assert [a[0] for a in answers] == [200, 200, 200]
    assert answers[2][2] == b"page /news/2 for losses-test"
    assert answers[0][1]["content-type"] == "text/plain; charset=utf-8"
    assert made == []


def test_an_https_url_makes_the_tls_context_once(server):
    made: list[int] = []

    async def run():
        pool = _wire(made)
        try:
            for _ in range(2):  # nothing listens there: the connection fails, after the context
                with pytest.raises(wire.ConnectionFailed):
                    await _get(pool, "https://127.0.0.1:9/")
        finally:
            await pool.aclose()

    asyncio.run(run())
    assert made == [1]


def test_a_link_with_cyrillic_is_sent_percent_encoded(server):
    async def run():
        pool = _wire([])
        try:
            return await _get(pool, f"{server}/новини?page=2")
        finally:
            await pool.aclose()

    status, _, body = asyncio.run(run())
    assert status == 200
    assert body == b"page /%D0%BD%D0%BE%D0%B2%D0%B8%D0%BD%D0%B8?page=2 for losses-test"
