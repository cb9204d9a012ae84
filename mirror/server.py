"""The mirror's HTTP server: a threaded HTTP/1.1 (keep-alive) server on 127.0.0.1
that answers from a `Site` and injects the faults of a `FaultPlan`.

`start_mirror()` runs it in a background thread (tests, benchmarks);
`losses mirror` runs it in the foreground."""

from __future__ import annotations

import contextlib
import datetime as dt
import html
import json
import re
import socket
import struct
import sys
import threading
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TextIO

from mirror import challenge, chrome
from mirror.faults import NO_FAULT, Decision, FaultPlan, parse_faults
from mirror.reference import load_reference
from mirror.site import HTML, JSON, TEXT, Response, Site

# Source roots: the MoD root names mod.gov.ua and, beneath it, the older MoD-era sites.
SOURCES = {
    "mod": "/mod",
    "mil": "/mod/www.mil.gov.ua",
    "kmu": "/mod/www.kmu.gov.ua",
    "minfin": "/minfin",
    "api": "/api",
    # the datasets others keep (mirror/datasets.py): both PetroIvaniuk files in one folder
    "petroivaniuk": "/datasets/petroivaniuk",
    "petroivaniuk_personnel": "/datasets/petroivaniuk",
    "daycsv": "/datasets/daycsv",
}
_REASONS = {
    200: "OK",
    400: "Bad Request",
    403: "Forbidden",
    404: "Not Found",
    405: "Method Not Allowed",
    429: "Too Many Requests",
    500: "Internal Server Error",
    502: "Bad Gateway",
    503: "Service Unavailable",
}


class MirrorRequest(tuple):
    """One served request: a (method, path, status) tuple that also says which fault,
    if any, was applied (`.fault`, e.g. "503:1" or "timeout:2+absurd:x100").
    status is 0 for a reset connection; path includes the query string."""

    fault: str | None

    def __new__(
        cls, method: str, path: str, status: int, fault: str | None = None
    ) -> MirrorRequest:
        self = super().__new__(cls, (method, path, status))
        self.fault = fault
        return self

    method = property(lambda self: self[0])
    path = property(lambda self: self[1])
    status = property(lambda self: self[2])

    def __repr__(self) -> str:
        fault = f", fault={self.fault!r}" if self.fault else ""
        return f"MirrorRequest({self[0]!r}, {self[1]!r}, {self[2]}{fault})"


class _State:
    """What the handlers share; replaced parts are swapped atomically."""

    def __init__(self, site: Site, plan: FaultPlan, access_log: TextIO | None, seed: int) -> None:
        self.site = site
        self.seed = seed
        self.plan = plan
        self.access_log = access_log
        self.log: list[MirrorRequest] = []
        self.log_lock = threading.Lock()
        self.stopping = threading.Event()
        self.connections: set[socket.socket] = set()
        self.connections_lock = threading.Lock()

    def record(self, entry: MirrorRequest) -> None:
        with self.log_lock:
            self.log.append(entry)
        if self.access_log is not None:
            fault = f"  [fault {entry.fault}]" if entry.fault else ""
            print(f"{entry.method} {entry.path} {entry.status}{fault}", file=self.access_log)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    allow_reuse_address = True
    request_queue_size = 128

    def __init__(self, port: int, state: _State) -> None:
        self.state = state
        super().__init__(("127.0.0.1", port), _Handler)

    def handle_error(self, request: object, client_address: object) -> None:
        # A client that hangs up mid-response (its timeout, a truncate/reset fault)
        # is normal here; anything else is a bug worth a traceback.
        if isinstance(sys.exc_info()[1], ConnectionError | TimeoutError):
            return
        super().handle_error(request, client_address)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "losses-mirror/1"
    timeout = 120  # an idle keep-alive connection is closed after this many seconds
    server: _Server

    def setup(self) -> None:
        super().setup()
        # One response is written in two sends (head, body): without NODELAY the
        # second waits for the client's delayed ACK (40 ms per request).
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        state = self.server.state
        with state.connections_lock:
            state.connections.add(self.connection)

    def finish(self) -> None:
        state = self.server.state
        with state.connections_lock:
            state.connections.discard(self.connection)
        with contextlib.suppress(OSError):
            super().finish()

    def log_message(self, format: str, *args: object) -> None:
        # Requests are logged by _State.record; this only reports protocol errors.
        if self.server.state.access_log is not None:
            print(format % args, file=self.server.state.access_log)

    def do_GET(self) -> None:
        self._serve(head=False)

    def do_HEAD(self) -> None:
        self._serve(head=True)

    def _not_allowed(self) -> None:
        body = f"405 Method Not Allowed: the mirror answers GET and HEAD, not {self.command}\n"
        self.server.state.record(MirrorRequest(self.command, self.path, 405))
        self._send(Response(405, TEXT, body.encode(), (("Allow", "GET, HEAD"),)), head=False)

    do_POST = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = _not_allowed

    def _serve(self, head: bool) -> None:
        state = self.server.state
        path, _, query = self.path.partition("?")
        decision = state.plan.decide(path, query) if state.plan else NO_FAULT
        if decision.delay and state.stopping.wait(decision.delay):
            self._reset()
            return
        # Requests are logged before answering, so a client that has its answer
        # finds it in the log.
        if decision.reset:
            state.record(MirrorRequest(self.command, self.path, 0, decision.label))
            self._reset()
            return
        host = self.headers.get("Host") or f"127.0.0.1:{self.server.server_port}"
        if decision.challenge:
            response = Response(
                403, "text/html; charset=UTF-8", challenge.page(path, host), challenge.HEADERS
            )
        elif decision.status is not None:
            response = _fault_response(decision, path)
        else:
            if decision.offsite:
                host = f"{decision.offsite}:{self.server.server_port}"
            response = state.site.resolve(
                path, query, base_url=f"http://{host}", tweaks=decision.tweaks
            )
            if decision.offsite:
                response = _offsite(response, f"http://{host}")
            if decision.charset:
                response = _miscoded(response, decision.charset)
        state.record(MirrorRequest(self.command, self.path, response.status, decision.label))
        self._send(response, head=head, truncate=decision.truncate)

    def _send(self, response: Response, head: bool, truncate: float | None = None) -> None:
        body = response.body
        lines = [
            f"HTTP/1.1 {response.status} {_REASONS.get(response.status, 'Error')}",
            f"Server: {self.server_version}",
            f"Date: {formatdate(usegmt=True)}",
            f"Content-Type: {response.content_type}",
            f"Content-Length: {len(body)}",
            *(f"{name}: {value}" for name, value in response.headers),
        ]
        if self.close_connection:
            lines.append("Connection: close")
        self.wfile.write(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1"))
        if head:
            return
        if truncate is not None:
            cut = int(len(body) * truncate) if truncate < 1 else int(truncate)
            self.wfile.write(body[: min(cut, max(len(body) - 1, 0))])
            self.close_connection = True
            return
        self.wfile.write(body)

    def _reset(self) -> None:
        """Close the connection with a TCP RST, as a crashed proxy does."""
        self.close_connection = True
        try:
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.connection.close()
        except OSError:
            pass


def _fault_response(decision: Decision, path: str) -> Response:
    status = decision.status or 500
    message = f"{status} {_REASONS[status]} (injected fault {decision.label}) for {path}"
    headers: tuple[tuple[str, str], ...] = ()
    if decision.retry_after is not None:
        headers = (("Retry-After", str(decision.retry_after)),)
    if path.startswith("/api"):
        return Response(status, JSON, json.dumps({"message": message}).encode(), headers)
    page = f"<html><body><h1>{html.escape(message)}</h1></body></html>"
    return Response(status, HTML, page.encode(), headers)


def _offsite(response: Response, base_url: str) -> Response:
    """The `offsite` fault: the page's links point to another host. Absolute links and
    <base href>s already do (the site renders them on the base URL it is given); this
    also rewrites the chrome's root-relative ones."""
    if "html" not in response.content_type:
        return response
    body = response.body.replace(b'href="/', f'href="{base_url}/'.encode())
    body = body.replace(b"href='/", f"href='{base_url}/".encode())
    return Response(response.status, response.content_type, body, response.headers)


_DECLARED_UTF8 = re.compile(rb"""charset=(["']?)utf-8""", re.IGNORECASE)


def _miscoded(response: Response, mode: str) -> Response:
    """The `charset` fault: the body's bytes disagree with the declared charset."""
    if mode == "cp1251":
        text = response.body.decode("utf-8")
        errors = "xmlcharrefreplace" if "html" in response.content_type else "backslashreplace"
        return Response(
            response.status, response.content_type, text.encode("cp1251", errors), response.headers
        )
    body = _DECLARED_UTF8.sub(rb"charset=\1windows-1251", response.body, count=1)
    content_type = response.content_type.replace("charset=utf-8", "charset=windows-1251")
    return Response(response.status, content_type, body, response.headers)


class MirrorHandle:
    """A running mirror. Use as a context manager or call stop()."""

    def __init__(self, server: _Server, thread: threading.Thread, reference: list) -> None:
        self._server = server
        self._thread = thread
        self._reference = reference
        self.port: int = server.server_port
        self.base_url = f"http://127.0.0.1:{self.port}"

    def url(self, source: str) -> str:
        """The root URL of one source: url("mod") -> "http://127.0.0.1:PORT/mod"; "mil" and
        "kmu" are the older MoD-era sites beneath it (…/mod/www.mil.gov.ua)."""
        if source not in SOURCES:
            raise ValueError(f"unknown source {source!r}: the mirror serves {', '.join(SOURCES)}")
        return f"{self.base_url}{SOURCES[source]}"

    @property
    def site(self) -> Site:
        return self._server.state.site

    @property
    def until(self) -> dt.date:
        return self.site.until

    @property
    def requests(self) -> list[MirrorRequest]:
        """A snapshot of the requests served so far (oldest first)."""
        state = self._server.state
        with state.log_lock:
            return list(state.log)

    def clear_requests(self) -> None:
        state = self._server.state
        with state.log_lock:
            state.log.clear()

    def set_faults(self, faults: str | FaultPlan | None) -> None:
        """Replace the fault rules (None: serve cleanly from now on); counters restart."""
        self._server.state.plan = _plan(faults)

    def set_until(self, until: dt.date | str | None) -> None:
        """Serve a history ending at `until` from now on (the URLs of older days stay)."""
        state = self._server.state
        state.site = Site(self._reference, _date(until), seed=state.seed)

    def stop(self) -> None:
        state = self._server.state
        if state.stopping.is_set():
            return
        state.stopping.set()
        self._server.shutdown()
        with state.connections_lock:
            connections = list(state.connections)
        for connection in connections:  # idle keep-alive connections would linger
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)
        self._server.server_close()
        self._thread.join(timeout=5)

    def wait(self) -> None:
        """Block until the mirror is stopped (from a signal handler or another thread)."""
        while not self._server.state.stopping.wait(0.5):
            pass

    def __enter__(self) -> MirrorHandle:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def __repr__(self) -> str:
        return f"<mirror {self.base_url} {self.site.span} faults={self._server.state.plan!r}>"


def _plan(faults: str | FaultPlan | None) -> FaultPlan:
    if isinstance(faults, FaultPlan):
        return faults
    return parse_faults(faults)


def _date(value: dt.date | str | None) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"until must be a date YYYY-MM-DD, not {value!r}") from None


def start_mirror(
    port: int = 0,
    until: dt.date | str | None = None,
    faults: str | FaultPlan | None = None,
    reference_dir: Path | str | None = None,
    *,
    seed: int = 0,
    access_log: TextIO | None = None,
) -> MirrorHandle:
    """Start the mirror on 127.0.0.1:`port` (0: a free port) in a background thread.

    Serves the reference history 2022-02-25..`until` (default: its last day). Raises
    ValueError for a bad `until`, FaultSpecError for a bad `faults` spec, OSError when
    the port is taken. Returns once `GET /` answers."""
    reference = load_reference(reference_dir)
    site = Site(reference, _date(until), seed=seed)
    state = _State(site, _plan(faults), access_log, seed)
    for lang in ("uk", "en"):  # build the constant page chrome before the first request
        chrome.mod_gov(lang)
        chrome.mil_gov(lang)
        chrome.minfin(lang)
    chrome.kmu_gov()
    server = _Server(port, state)
    thread = threading.Thread(
        target=server.serve_forever,
        kwargs={"poll_interval": 0.05},
        name=f"mirror-{server.server_port}",
        daemon=True,
    )
    thread.start()
    return MirrorHandle(server, thread, reference)
