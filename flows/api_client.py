"""JSON calls to a Prefect server's REST API over one kept-alive connection, with the
standard library's http.client (what flows/api_run.py reports a command-line run with).

Why not httpx, which it used first: importing httpx cost 0.10-0.16 s at the start of
every command-line run with a server, since httpx imports its own command line (click,
rich, pygments) wherever those are installed, and typer installs them. http.client
and json are a few milliseconds here (ssl and socket are loaded already).

A connection idle past KEEP_IDLE seconds, or one the server has closed (its socket
readable while idle), is replaced before a call; a call on a reused connection that
the server closed before answering (the race a keep-alive timeout leaves) is sent once
more on a new one. Every failure is an ApiError naming the method, the URL and why.

    with ApiClient("http://127.0.0.1:4200/api") as api:
        flow = api.call("POST", "flows/", {"name": "backfill"})"""

from __future__ import annotations

import http.client
import json
import select
import ssl
import time
from typing import Any
from urllib.parse import urlsplit

KEEP_IDLE = 2.0  # seconds; uvicorn (`prefect server start`) closes idle connections after 5
_STALE = (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError)


class ApiError(Exception):
    """A call that failed: no connection, no answer in time, an error status, or an
    answer that is not JSON. `status` is the HTTP status when there was one."""

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


class ApiClient:
    """Calls to the API at `api` (e.g. http://127.0.0.1:4200/api), one at a time."""

    def __init__(self, api: str, timeout: float = 10.0) -> None:
        parts = urlsplit(api)
        scheme = parts.scheme.lower()
        if scheme not in ("http", "https") or not parts.hostname:
            raise ApiError(f"{api!r} is not an http(s) URL")
        self.api = api.rstrip("/")
        self._prefix = parts.path.rstrip("/") + "/"
        self._timeout = timeout
        try:
            port = parts.port
        except ValueError as exc:
            raise ApiError(f"{api!r}: {exc}") from None
        if scheme == "https":  # verified against the CA bundle; plain http builds no context
            self._connection: http.client.HTTPConnection = http.client.HTTPSConnection(
                parts.hostname, port, timeout=timeout, context=ssl.create_default_context()
            )
        else:
            self._connection = http.client.HTTPConnection(parts.hostname, port, timeout=timeout)
        self._idle_since: float | None = None  # time.monotonic() when the last answer ended

    def call(self, method: str, path: str, body: Any = None) -> Any:
        """The JSON the server answers (None for an empty answer, e.g. 204)."""
        url = f"{self.api}/{path}"
        payload = None if body is None else json.dumps(body).encode()
        headers = {"Accept": "application/json"}
        if payload is not None:
            headers["Content-Type"] = "application/json"
        reused = self._fresh(time.monotonic())
        try:
            try:
                answer = self._exchange(method, self._prefix + path, payload, headers)
            except _STALE:
                if not reused:
                    raise
                self._connection.close()  # closed by the server while idle: once more
                answer = self._exchange(method, self._prefix + path, payload, headers)
        except TimeoutError:
            self.close()
            raise ApiError(f"{method} {url}: no answer within {self._timeout:g} s") from None
        except (OSError, http.client.HTTPException) as exc:
            self.close()
            raise ApiError(f"{method} {url}: {exc or type(exc).__name__}") from None
        status, data = answer
        self._idle_since = time.monotonic()
        if status >= 400:
            shown = data[:300].decode("utf-8", "replace")
            raise ApiError(f"{method} {url}: HTTP {status}: {shown}", status)
        if not data:
            return None
        try:
            return json.loads(data)
        except ValueError:
            raise ApiError(f"{method} {url}: HTTP {status} but not JSON", status) from None

    def _fresh(self, now: float) -> bool:
        """Whether the call goes out on a connection used before (else a new one)."""
        sock = self._connection.sock
        if sock is None:
            return False
        if self._idle_since is None or now - self._idle_since > KEEP_IDLE or _readable(sock):
            self._connection.close()
            return False
        return True

    def _exchange(self, method, target, payload, headers) -> tuple[int, bytes]:
        self._connection.request(method, target, body=payload, headers=headers)
        with self._connection.getresponse() as response:
            return response.status, response.read()

    def close(self) -> None:
        self._connection.close()
        self._idle_since = None

    def __enter__(self) -> ApiClient:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()


def _readable(sock) -> bool:
    """An idle connection with something to read was closed by the peer (or sent what
    it should not): not to be used again."""
    poller = select.poll()  # (select.select fails on descriptors past 1023)
    poller.register(sock.fileno(), select.POLLIN)
    return bool(poller.poll(0))


__all__ = ["KEEP_IDLE", "ApiClient", "ApiError"]
