"""The only way this project talks to the network: a client (over kept-alive
connections of its own, flows/wire.py and flows/http11.py) that is polite (a named
User-Agent, a few connections per host, Retry-After honoured), careful (configured
hosts only, a size cap) and stubborn (retries with backoff on 5xx, 429, timeouts and
dropped connections)."""

from __future__ import annotations

import asyncio
import datetime as dt
import email.utils
import logging
import random
import ssl
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from functools import cache
from urllib.parse import urljoin, urlsplit

from flows import wire
from flows.bounded_body import ACCEPT_ENCODING, BodyRefused, BoundedBody
from flows.settings import Settings
from parsers import challenge_kind
from parsers.errors import FetchError
from warehouse import FetchedDocument

log = logging.getLogger("losses.fetch")

RETRYABLE_STATUS = frozenset({429, 500, 502, 503, 504})
REDIRECT_STATUS = frozenset({301, 302, 303, 307, 308})
MAX_REDIRECTS = 5


@dataclass(frozen=True)
class Request:
    """What to fetch and what the warehouse should know about it."""

    url: str
    source: str
    kind: str = "bulletin"  # bulletin | listing | month | range
    report_date: dt.date | None = None
    lang: str | None = None


@cache
def _tls_context() -> ssl.SSLContext:
    # Loading the CA bundle costs ~25 ms: once a process, and only if https is used.
    return ssl.create_default_context()


class Fetcher:
    """Use as `async with Fetcher(settings) as f: doc = await f.get(request)`."""

    def __init__(
        self,
        settings: Settings,
        *,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        transport=None,
        on_answer: Callable[[FetchedDocument], None] | None = None,
    ):
        self.settings = settings
        self._sleep = sleep
        self._transport = transport  # tests: an httpx transport (httpx.MockTransport)
        # Told of every whole answer as it arrives (error pages too): flows/arrivals.py
        # stores them then, not when the batch ends.
        self._on_answer = on_answer
        self._wire: wire.PoolWire | wire.HttpxTransportWire | None = None
        self._hosts = settings.allowed_hosts
        self._headers = [("User-Agent", settings.user_agent), ("Accept-Encoding", ACCEPT_ENCODING)]
        self._per_host: dict[str, asyncio.Semaphore] = {}
        self.requests_made = 0
        self.retries = 0
        # Every answer with a retryable status (an error page), whether its URL was
        # fetched on a later attempt or given up on: the caller keeps them too.
        self.error_answers: list[FetchedDocument] = []

    async def __aenter__(self) -> Fetcher:
        s = self.settings
        if self._transport is not None:
            self._wire = wire.HttpxTransportWire(self._transport)
            return self
        self._wire = wire.PoolWire(
            connections=s.max_connections_per_host * 3,
            connect_timeout=s.connect_timeout,
            read_timeout=s.read_timeout,
            tls=_tls_context,
        )
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        if self._wire is not None:
            await self._wire.aclose()
            self._wire = None

    def _check_host(self, url: str) -> str:
        parts = urlsplit(url)
        host = parts.netloc.lower()
        if parts.scheme not in ("http", "https") or host not in self._hosts:
            raise FetchError(url, f"refused: host {host!r} is not a configured source")
        return host

    async def get(self, request: Request) -> FetchedDocument:
        """Fetch one URL, retrying what is worth retrying; raise FetchError otherwise.

        Any final HTTP answer (200, 404, ...) becomes a document: the warehouse
        keeps it with its status, and only 200s are parsed."""
        url = request.url
        host = self._check_host(url)
        semaphore = self._per_host.setdefault(
            host, asyncio.Semaphore(self.settings.max_connections_per_host)
        )
        attempts = max(1, self.settings.http_attempts)
        reason = "no attempt made"
        for attempt in range(1, attempts + 1):
            retry_after: float | None = None
            try:
                async with semaphore:
                    # A whole answer within the deadline: a server that drips a byte at
                    # a time never trips the read timeout, which is per read.
                    async with asyncio.timeout(self.settings.request_deadline):
                        status, headers, body, final_url = await self._get_once(url)
            except FetchError:
                raise
            except TimeoutError:
                reason = f"no whole answer within {self.settings.request_deadline:g} s"
            except wire.Timeout as exc:
                reason = f"timed out ({type(exc).__name__})"
            except wire.ConnectionFailed as exc:
                reason = f"connection failed: {type(exc).__name__}: {exc}".rstrip(": ")
            else:
                answer = FetchedDocument(
                    source=request.source,
                    url=final_url,
                    fetched_at=dt.datetime.now(dt.UTC),
                    status=status,
                    content_type=headers.get("content-type"),
                    body=body,
                    report_date=request.report_date,
                    lang=request.lang,
                    kind=request.kind,
                )
                if self._on_answer is not None:
                    self._on_answer(answer)
                # A challenge page (a browser check) does not go away by waiting: kept
                # and reported as what it is, never retried.
                if status not in RETRYABLE_STATUS or challenge_kind(body):
                    return answer
                self.error_answers.append(answer)
                reason = f"HTTP {status}"
                retry_after = _retry_after_seconds(headers.get("retry-after"))
            if attempt == attempts:
                break
            delay = self._backoff(attempt, retry_after)
            self.retries += 1
            log.warning(
                "GET %s: %s (attempt %d/%d), retrying in %.1f s",
                url,
                reason,
                attempt,
                attempts,
                delay,
            )
            await self._sleep(delay)
        raise FetchError(
            url, f"gave up after {attempts} attempts: {reason}", date=request.report_date
        )

    async def _get_once(self, url: str) -> tuple[int, dict[str, str], bytes, str]:
        assert self._wire is not None, "use Fetcher as an async context manager"
        cap = self.settings.max_body_bytes
        for _ in range(MAX_REDIRECTS + 1):
            self.requests_made += 1
            async with self._wire.get(url, self._headers) as response:
                headers = response.headers
                if response.status in REDIRECT_STATUS and "location" in headers:
                    url = urljoin(url, headers["location"])
                    self._check_host(url)
                    continue
                declared = headers.get("content-length", "")
                if declared.isdigit() and int(declared) > cap:
                    raise FetchError(url, f"refused: body of {declared} bytes exceeds {cap}")
                try:
                    content = await _read_body(response, cap)
                except BodyRefused as refused:
                    raise FetchError(url, str(refused)) from None
                return response.status, headers, content, url
        raise FetchError(url, f"more than {MAX_REDIRECTS} redirects")

    def _backoff(self, attempt: int, retry_after: float | None) -> float:
        s = self.settings
        if retry_after is not None:
            return min(retry_after, s.backoff_max)
        # Full jitter keeps several clients from retrying in lockstep.
        ceiling = min(s.backoff_max, s.backoff_base * 2 ** (attempt - 1))
        return ceiling / 2 + random.uniform(0, ceiling / 2)


async def _read_body(response: wire.Answer, cap: int) -> bytes:
    body = BoundedBody(response.headers.get("content-encoding"), cap)
    async for raw in response.chunks:
        body.feed(raw)
    return body.body()


def describe_answer(document: FetchedDocument) -> str:
    """What a non-200 answer was, for a message: "HTTP 503", or "HTTP 403: a Cloudflare
    challenge page (a browser check), not the page"."""
    kind = challenge_kind(document.body) if document.body else None
    return f"HTTP {document.status}: {kind}, not the page" if kind else f"HTTP {document.status}"


def _retry_after_seconds(value: str | None) -> float | None:
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return max(0.0, (when - dt.datetime.now(dt.UTC)).total_seconds())


async def fetch_all(
    fetcher: Fetcher, requests: list[Request], deadline: float | None = None
) -> list[FetchedDocument | FetchError | None]:
    """Fetch concurrently (the per-host limit applies); failures are returned, not raised.
    With `deadline` (a time.monotonic() value, the run's time limit), what has not
    arrived by then is abandoned: None in its place."""

    async def one(request: Request) -> FetchedDocument | FetchError:
        try:
            return await fetcher.get(request)
        except FetchError as exc:
            return exc

    if deadline is None or not requests:
        return list(await asyncio.gather(*(one(r) for r in requests)))
    tasks = [asyncio.ensure_future(one(r)) for r in requests]
    done, late = await asyncio.wait(tasks, timeout=max(0.0, deadline - time.monotonic()))
    for task in late:
        task.cancel()
    await asyncio.gather(*late, return_exceptions=True)
    return [task.result() if task in done else None for task in tasks]


__all__ = ["FetchError", "Fetcher", "Request", "describe_answer", "fetch_all"]
