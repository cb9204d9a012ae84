"""The REST client that command-line runs report to a Prefect server with
(flows/api_client.py), against a real HTTP server on a loopback socket: what it sends
and reads, its errors, and a kept-alive connection replaced when the server closed it."""

from __future__ import annotations

import contextlib
import json
import socket
import threading
import time
from collections.abc import Iterator

import pytest

from flows import api_client
from flows.api_client import ApiClient, ApiError


class _Server:
    """HTTP/1.1 on a loopback socket, answering each request with the next of
    `answers` (raw bytes; None: close the connection without answering). It records
    each request (its head and body) and which connection it came on."""

    def __init__(self, answers: list[bytes | None]) -> None:
        self.answers = list(answers)
        self.requests: list[tuple[int, str, bytes]] = []
        self.listener = socket.socket()
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen()
        self.url = f"http://127.0.0.1:{self.listener.getsockname()[1]}/api"
        self.connections = 0
        self.open: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self.listener.accept()
            except OSError:
                return
            self.connections += 1
            self.open.append(conn)
            threading.Thread(target=self._serve, args=(conn, self.connections), daemon=True).start()

    def _serve(self, conn: socket.socket, number: int) -> None:
        buffer = b""
        with conn:
            while True:
                while b"\r\n\r\n" not in buffer:
                    try:
                        data = conn.recv(65536)
                    except OSError:
                        return
                    if not data:
                        return
                    buffer += data
                head, _, buffer = buffer.partition(b"\r\n\r\n")
                length = 0
                for line in head.split(b"\r\n")[1:]:
                    name, _, value = line.partition(b":")
                    if name.strip().lower() == b"content-length":
                        length = int(value)
                while len(buffer) < length:
                    buffer += conn.recv(65536)
                body, buffer = buffer[:length], buffer[length:]
                self.requests.append((number, head.decode(), body))
                answer = self.answers.pop(0)
                if answer is None:
                    return
                conn.sendall(answer)

    def close_idle(self) -> None:
        """The server ends its kept-alive connections (as at its keep-alive timeout)."""
        for conn in self.open:
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)

    def stop(self) -> None:
        self.listener.close()
        self.close_idle()


def _json(status: int, value, extra: str = "") -> bytes:
    body = json.dumps(value).encode()
    return (
        f"HTTP/1.1 {status} X\r\nContent-Type: application/json\r\n{extra}"
        f"Content-Length: {len(body)}\r\n\r\n"
    ).encode() + body


@contextlib.contextmanager
def _serving(answers) -> Iterator[_Server]:
    server = _Server(answers)
    try:
        yield server
    finally:
        server.stop()


def test_a_call_sends_json_and_returns_the_answers_json():
    with (
        _serving([_json(201, {"id": "f1"}), b"HTTP/1.1 204 No Content\r\n\r\n"]) as server,
        ApiClient(server.url) as client,
    ):
        assert client.call("POST", "flows/", {"name": "backfill"}) == {"id": "f1"}
        assert client.call("POST", "events", [{"event": "x"}]) is None
    (first, head, body), (second, _, _) = server.requests
    assert head.startswith("POST /api/flows/ HTTP/1.1")
    assert "Content-Type: application/json" in head
    assert json.loads(body) == {"name": "backfill"}
    assert first == second == 1  # one kept-alive connection


def test_an_error_status_is_an_api_error_naming_the_call_and_the_answer():
    with (
        _serving([_json(422, {"detail": "flow_id: field required"})]) as server,
        ApiClient(server.url) as client,
        pytest.raises(ApiError) as caught,
    ):
        client.call("POST", "flow_runs/", {})
    assert caught.value.status == 422
    message = str(caught.value)
    assert message.startswith(f"POST {server.url}/flow_runs/: HTTP 422")
    assert "field required" in message


def test_an_answer_that_is_not_json_is_an_api_error():
    page = b"<html>a proxy's page</html>"
    answer = b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n%s" % (len(page), page)
    with (
        _serving([answer]) as server,
        ApiClient(server.url) as client,
        pytest.raises(ApiError, match="not JSON"),
    ):
        client.call("GET", "admin/version")


def test_no_server_is_an_api_error_naming_the_url():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{sock.getsockname()[1]}/api"
    with ApiClient(url) as client, pytest.raises(ApiError, match=f"GET {url}/admin/version: "):
        client.call("GET", "admin/version")


def test_a_server_that_does_not_answer_in_time_is_an_api_error():
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()  # accepts (the kernel does) and never answers
    url = f"http://127.0.0.1:{listener.getsockname()[1]}/api"
    with listener, ApiClient(url, timeout=0.3) as client, pytest.raises(ApiError) as caught:
        client.call("GET", "admin/version")
    assert str(caught.value) == f"GET {url}/admin/version: no answer within 0.3 s"


def test_a_url_that_is_not_http_is_refused_at_once():
    with pytest.raises(ApiError, match="not an http"):
        ApiClient("ftp://example.org/api")


def test_a_connection_the_server_closed_while_idle_is_replaced(monkeypatch):
    monkeypatch.setattr(api_client, "_STALE", ())  # seen before the call, not retried
    with _serving([_json(200, 1), _json(200, 2)]) as server, ApiClient(server.url) as client:
        assert client.call("GET", "a") == 1
        server.close_idle()
        time.sleep(0.05)
        assert client.call("GET", "b") == 2
    assert [number for number, _, _ in server.requests] == [1, 2]


def test_a_call_the_server_drops_unanswered_on_a_reused_connection_is_sent_again(
    monkeypatch,
):
    # The race a keep-alive timeout leaves: the connection looked open, the server
    # closed it as the request came. Sent once more, on a new connection.
    with _serving([_json(200, 1), None, _json(200, 2)]) as server, ApiClient(server.url) as client:
        assert client.call("GET", "a") == 1
        monkeypatch.setattr(api_client, "_readable", lambda sock: False)
        assert client.call("GET", "b") == 2
    assert [(n, head.split()[1]) for n, head, _ in server.requests] == [
        (1, "/api/a"),
        (1, "/api/b"),
        (2, "/api/b"),
    ]


def test_a_first_call_dropped_unanswered_is_not_sent_again():
    with (
        _serving([None, _json(200, 2)]) as server,
        ApiClient(server.url) as client,
        pytest.raises(ApiError),
    ):
        client.call("POST", "logs/", [])
    assert len(server.requests) == 1


def test_a_connection_idle_too_long_is_not_reused(monkeypatch):
    monkeypatch.setattr(api_client, "KEEP_IDLE", 0.0)
    with _serving([_json(200, 1), _json(200, 2)]) as server, ApiClient(server.url) as client:
        client.call("GET", "a")
        time.sleep(0.01)
        client.call("GET", "b")
    assert [number for number, _, _ in server.requests] == [1, 2]


def test_a_server_that_closes_after_each_answer_gets_a_new_connection_each_call():
    close = "Connection: close\r\n"
    with (
        _serving([_json(200, 1, close), _json(200, 2, close)]) as server,
        ApiClient(server.url) as client,
    ):
        assert [client.call("GET", "a"), client.call("GET", "b")] == [1, 2]
    assert [number for number, _, _ in server.requests] == [1, 2]
