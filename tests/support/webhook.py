"""A webhook receiver on loopback: a tiny http.server thread that keeps every POST
(its path and JSON body) and answers a status the test chooses."""

from __future__ import annotations

import contextlib
import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Received:
    path: str
    body: dict
    headers: dict[str, str]


@dataclass
class Receiver:
    base_url: str
    status: int = 204  # what every POST is answered
    posts: list[Received] = field(default_factory=list)

    def url(self, path: str = "/hook") -> str:
        return f"{self.base_url}{path}"

    def events(self, kind: str | None = None) -> list[dict]:
        """The JSON bodies received (of one event kind), in order."""
        return [p.body for p in self.posts if kind is None or p.body.get("event") == kind]

    def clear(self) -> None:
        self.posts.clear()


@contextlib.contextmanager
def webhook_receiver() -> Iterator[Receiver]:
    receiver: Receiver

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length)
            receiver.posts.append(Received(self.path, json.loads(raw), dict(self.headers)))
            self.send_response(receiver.status)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args):  # quiet
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    receiver = Receiver(f"http://127.0.0.1:{server.server_port}")
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield receiver
    finally:
        server.shutdown()
        server.server_close()
