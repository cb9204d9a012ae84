"""Telling the operator: an `Alert` (what happened, to which run, the date, the
source, a URL and the reason) and `notify`, which sends it to every channel of
LOSSES_ALERT_URL. An http(s) URL is a plain JSON webhook (the structured fields
and the text); any other URL is an Apprise URL (slack://, tgram://, mailto://,
json:// ...), sent the title and the text.

A plain function, with or without the Prefect engine; which events a run raises,
once each, is flows/run_alerts.py. A channel that fails never fails the run: it
is logged as a warning naming the channel by its position, scheme and host
(never its path or credentials: those carry the tokens)."""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from urllib.parse import urlsplit

log = logging.getLogger("losses.alerts")

# What each kind of event is called in a message.
EVENTS = {
    "failed": "run failed",
    "crashed": "run crashed",
    "check_failures": "new check failures",
    "late": "bulletin late",
}
# Seconds one channel may take: an alert must not hold a run's end for long.
TIMEOUT_SECONDS = 10.0


@dataclass(frozen=True)
class Alert:
    kind: str  # a key of EVENTS
    flow: str  # daily, backfill
    source: str | None  # None when the run failed before it knew it
    date: dt.date | None  # the report date the event is about
    url: str | None  # the document, else the source's page for `date`
    reason: str  # why, in words; may span lines
    # The run: its parameters, and its Prefect flow run when under the engine.
    parameters: dict[str, str] = field(default_factory=dict)
    flow_run: str | None = None

    def __post_init__(self) -> None:
        if self.kind not in EVENTS:
            raise ValueError(f"unknown alert kind {self.kind!r}; choose one of {', '.join(EVENTS)}")

    @property
    def title(self) -> str:
        about = ", ".join(str(x) for x in (self.source, self.date) if x is not None)
        return f"losses {self.flow}: {EVENTS[self.kind]}" + (f" ({about})" if about else "")

    def text(self) -> str:
        """One readable text: the title, then each field on its line."""
        return f"{self.title}\n{self.body()}"

    def body(self) -> str:
        """The text without its title (for channels that show the title on its own)."""
        lines = [f"event: {EVENTS[self.kind]}"]
        lines.append(f"date: {self.date or 'unknown'}")
        lines.append(f"source: {self.source or 'unknown'}")
        lines.append(f"url: {self.url or 'none'}")
        first, *rest = self.reason.splitlines() or [""]
        lines.append(f"reason: {first}")
        lines += [f"  {line}" for line in rest]
        if self.parameters:
            shown = ", ".join(f"{name}={value}" for name, value in self.parameters.items())
            lines.append(f"run: {self.flow} ({shown})")
        if self.flow_run:
            lines.append(f"prefect flow run: {self.flow_run}")
        return "\n".join(lines)

    def payload(self) -> dict[str, object]:
        """What a JSON webhook receives: every field, the title and the text."""
        return {
            "event": self.kind,
            "title": self.title,
            "text": self.text(),
            "flow": self.flow,
            "source": self.source,
            "date": self.date.isoformat() if self.date else None,
            "url": self.url,
            "reason": self.reason,
            "parameters": dict(self.parameters),
            "flow_run": self.flow_run,
        }


def channel_name(position: int, url: str) -> str:
    """A channel as a log line may show it: position, scheme and (for http) host."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower() or "?"
    host = parts.hostname if scheme in ("http", "https") else None
    return f"alert channel {position} ({scheme}://{host or ''})"


def notify(alert: Alert, urls: Sequence[str] | None = None) -> int:
    """Send `alert` to each of `urls` (default: LOSSES_ALERT_URL); the number of
    channels that took it. Never raises: a channel that fails is a warning."""
    if urls is None:
        urls = _configured_urls()
    delivered = 0
    for position, url in enumerate(urls, 1):
        name = channel_name(position, url)
        try:
            if urlsplit(url).scheme.lower() in ("http", "https"):
                _post_json(url, alert)
            else:
                _apprise(url, alert)
        except Exception as exc:  # any failure of a channel: the run goes on
            log.warning("%s: the %r alert was not sent: %s", name, alert.kind, _why(exc))
        else:
            delivered += 1
    if urls:
        log.info("alert sent to %d of %d channel(s): %s", delivered, len(urls), alert.title)
    return delivered


class ChannelError(Exception):
    """A channel refused or could not take an alert (the message is safe to log)."""


def _configured_urls() -> tuple[str, ...]:
    from flows.settings import Settings
    from parsers.errors import ConfigError

    try:
        # This variable alone: an alert may be about another one that cannot be used.
        return Settings.only("alert_urls").alert_urls
    except ConfigError as exc:
        log.warning("no alert sent: %s", exc)
        return ()


def _post_json(url: str, alert: Alert) -> None:
    import httpx

    from flows.settings import USER_AGENT

    try:
        answer = httpx.post(
            url,
            json=alert.payload(),
            headers={"User-Agent": USER_AGENT},
            timeout=TIMEOUT_SECONDS,
        )
    except httpx.HTTPError as exc:
        # httpx's message may quote the URL, tokens included: name the error's kind only.
        raise ChannelError(type(exc).__name__) from None
    if answer.status_code >= 300:
        raise ChannelError(f"HTTP {answer.status_code}")


def _apprise(url: str, alert: Alert) -> None:
    import apprise

    with _apprise_quiet():
        channel = apprise.Apprise()
        if not channel.add(url):
            raise ChannelError("not a URL Apprise knows (its services: https://appriseit.com)")
        result = channel.notify(body=alert.body(), title=alert.title, timeout=TIMEOUT_SECONDS)
    if not result:
        raise ChannelError(f"Apprise: {getattr(result.status, 'name', 'failed').lower()}")


@contextlib.contextmanager
def _apprise_quiet() -> Iterator[None]:
    """Apprise logs the URLs it cannot use, tokens and all: not while we call it."""
    logger = logging.getLogger("apprise")
    level = logger.level
    logger.setLevel(logging.CRITICAL + 1)
    try:
        yield
    finally:
        logger.setLevel(level)


def _why(exc: Exception) -> str:
    if isinstance(exc, ChannelError):
        return str(exc)
    return type(exc).__name__  # another library's message may quote the URL


__all__ = ["EVENTS", "Alert", "channel_name", "notify"]
