"""The fetcher's wire and its connections (flows/wire.py, flows/http11.py) over real
loopback sockets: answers come as sent (a body larger than the read-ahead bound too,
one kept-alive connection for several), a connection the server closed is not reused,
https is verified against the TLS context and no TLS context (its CA bundle ~25 ms to
load) is made for plain HTTP, and failures raise the errors the fetcher names in its
reasons (ReadTimeout, ConnectError, ...)."""

from __future__ import annotations

import asyncio
import datetime as dt
import http.server
import socket
import ssl
import threading
import time

import pytest

from flows import http11, wire
from flows.http11 import HIGH_WATER

BIG = bytes(range(256)) * (3 * HIGH_WATER // 256)  # pauses reading, then resumes


class _Pages(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # kept alive unless the handler says otherwise

    def do_GET(self) -> None:
        if self.path == "/big":
            body = BIG
        else:
            body = f"page {self.path} for {self.headers['User-Agent']}".encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        if self.path == "/then-close":
            self.send_header("Connection", "keep-alive")
            self.close_connection = True  # closed after answering, as servers do when idle
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


def _serve(httpd: http.server.HTTPServer):
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    return httpd


@pytest.fixture
def server():
    httpd = _serve(http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Pages))
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def _wire(
    tls=ssl.create_default_context, read_timeout: float = 5, made: list[int] | None = None
) -> wire.PoolWire:
    def context():
        if made is not None:
            made.append(1)
        return tls()

    return wire.PoolWire(connections=2, connect_timeout=2, read_timeout=read_timeout, tls=context)


async def _get(pool: wire.PoolWire, url: str) -> tuple[int, dict, bytes]:
    async with pool.get(url, [("User-Agent", "losses-test")]) as answer:
        body = b"".join([chunk async for chunk in answer.chunks])
        return answer.status, answer.headers, body


def _run(pool: wire.PoolWire, *urls: str) -> list[tuple[int, bytes]]:
    async def run():
        try:
            return [await _get(pool, url) for url in urls]
        finally:
            await pool.aclose()

    return [(status, body) for status, _, body in asyncio.run(run())]


def test_plain_http_answers_come_whole_and_no_tls_context_is_made(server):
    made: list[int] = []

    async def run():
        pool = _wire(made=made)
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
        pool = _wire(made=made)
        try:
            for _ in range(2):  # nothing listens there: the connection fails, after the context
                with pytest.raises(wire.ConnectionFailed):
                    await _get(pool, "https://127.0.0.1:9/")
        finally:
            await pool.aclose()

    asyncio.run(run())
    assert made == [1]


def test_a_link_with_cyrillic_is_sent_percent_encoded(server):
    [(status, body)] = _run(_wire(), f"{server}/новини?page=2")
    assert status == 200
    assert body == b"page /%D0%BD%D0%BE%D0%B2%D0%B8%D0%BD%D0%B8?page=2 for losses-test"


def test_answers_come_whole_over_one_kept_alive_connection(server):
    [small, big, again] = _run(_wire(), f"{server}/a", f"{server}/big", f"{server}/b")
    assert small == (200, b"page /a for losses-test")
    assert again == (200, b"page /b for losses-test")
    assert big == (200, BIG)


def test_a_connection_the_server_closed_is_not_reused(server):
    async def run():
        pool = _wire()
        try:
            bodies = [(await _get(pool, f"{server}/then-close"))[2]]
            time.sleep(0.2)  # the FIN comes while the loop is not running: the socket says
            bodies.append((await _get(pool, f"{server}/next"))[2])
            bodies.append((await _get(pool, f"{server}/then-close"))[2])
            await asyncio.sleep(0.2)  # the loop has seen the FIN
            bodies.append((await _get(pool, f"{server}/x"))[2])
            return bodies
        finally:
            await pool.aclose()

    assert asyncio.run(run()) == [
        f"page {path} for losses-test".encode()
        for path in ("/then-close", "/next", "/then-close", "/x")
    ]


def _self_signed(tmp_path):
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(hours=1))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName("localhost")]), critical=False)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = tmp_path / "cert.pem", tmp_path / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


def test_https_is_verified_against_the_tls_context(tmp_path):
    cert, key = _self_signed(tmp_path)
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Pages)
    server_side = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_side.load_cert_chain(cert, key)
    httpd.socket = server_side.wrap_socket(httpd.socket, server_side=True)
    _serve(httpd)
    try:
        client_side = ssl.create_default_context(cafile=str(cert))
        port = httpd.server_address[1]
        answers = _run(
            _wire(lambda: client_side),
            f"https://localhost:{port}/s",
            f"https://localhost:{port}/big",
        )
        assert answers == [(200, b"page /s for losses-test"), (200, BIG)]
        # A certificate the client does not trust fails the connection, as it must.
        with pytest.raises(wire.ConnectionFailed):
            _run(_wire(ssl.create_default_context), f"https://localhost:{port}/s")
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_a_silent_server_is_a_read_timeout():
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()  # accepts (the kernel does), never answers
        port = listener.getsockname()[1]
        with pytest.raises(http11.ReadTimeout):
            _run(_wire(read_timeout=0.3), f"http://127.0.0.1:{port}/")


def test_a_refused_connection_is_a_connect_error():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # bound, not listening: refused
        with pytest.raises(http11.ConnectError):
            _run(_wire(), f"http://127.0.0.1:{port}/")


def test_a_connection_cut_in_the_middle_of_the_body_is_an_error():
    def cut(listener: socket.socket) -> None:
        conn, _ = listener.accept()
        conn.recv(65536)
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\npartial")
        conn.close()

    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        threading.Thread(target=cut, args=(listener,), daemon=True).start()
        with pytest.raises(wire.ConnectionFailed):
            _run(_wire(), f"http://127.0.0.1:{listener.getsockname()[1]}/")


def _one_connection(listener: socket.socket, answers: list[bytes]) -> None:
    """Accepts one connection and answers its requests in turn, one answer each."""
    conn, _ = listener.accept()
    with conn:
        for answer in answers:
            request = b""
            while b"\r\n\r\n" not in request:
                request += conn.recv(65536)
            conn.sendall(answer)
        conn.recv(1)  # until the client closes


def test_a_chunked_answer_leaves_the_connection_ready_for_the_next():
    chunked = (
        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
        b"5\r\nhello\r\n7;ext=1\r\n, world\r\n0\r\n\r\n"
    )
    sized = b"HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nnext"
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        threading.Thread(
            target=_one_connection, args=(listener, [chunked, sized]), daemon=True
        ).start()
        url = f"http://127.0.0.1:{listener.getsockname()[1]}"
        # A second connection would be accepted by no one: its GET would time out.
        answers = _run(_wire(read_timeout=2), f"{url}/a", f"{url}/b")
    assert answers == [(200, b"hello, world"), (200, b"next")]


def test_a_switch_of_protocols_is_a_protocol_error():
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        answer = b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: h2c\r\n\r\n"
        threading.Thread(target=_one_connection, args=(listener, [answer]), daemon=True).start()
        with pytest.raises(http11.RemoteProtocolError, match="101"):
            _run(_wire(), f"http://127.0.0.1:{listener.getsockname()[1]}/")
