"""Run-time settings, read from the environment (`LOSSES_*`) with defaults that
point at the real publishers. Command-line options override them."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from urllib.parse import urlsplit

# The roots of the three sources. Each can be pointed elsewhere (the local
# mirror, a proxy) with LOSSES_<SOURCE>_URL or --base-url.
DEFAULT_BASE_URLS: dict[str, str] = {
    "mod": "https://mod.gov.ua",
    "minfin": "https://index.minfin.com.ua",
    "api": "https://russianwarship.rip",
}
FETCHABLE_SOURCES: tuple[str, ...] = tuple(DEFAULT_BASE_URLS)
DEFAULT_SOURCE = "mod"

USER_AGENT = (
    "losses/0.1 (+combat-losses bulletin ingestion; polite: <=4 connections, honours Retry-After)"
)


def _env(name: str, default: str) -> str:
    value = os.environ.get(name, "").strip()
    return value or default


def _env_int(name: str, default: int) -> int:
    raw = _env(name, str(default))
    try:
        return int(raw)
    except ValueError:
        raise ValueError(f"{name}={raw!r} is not a whole number") from None


def _env_float(name: str, default: float) -> float:
    raw = _env(name, str(default))
    try:
        return float(raw)
    except ValueError:
        raise ValueError(f"{name}={raw!r} is not a number") from None


@dataclass(frozen=True)
class Settings:
    base_urls: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_BASE_URLS))
    # MoD publishes Ukrainian and English editions; one is enough for the figures.
    mod_lang: str = "uk"
    # index.minfin.com.ua editions are "ua" and "en".
    minfin_edition: str = "ua"
    user_agent: str = USER_AGENT
    max_connections_per_host: int = 4
    connect_timeout: float = 10.0
    read_timeout: float = 30.0
    http_attempts: int = 5  # per URL, on 5xx / 429 / timeouts / resets
    backoff_base: float = 1.0  # seconds; doubles per attempt, capped by backoff_max
    backoff_max: float = 60.0
    max_body_bytes: int = 5 * 1024 * 1024
    # Documents per fetch-and-load task: each task opens the warehouse (~30 ms) and
    # costs Prefect ~20 ms, so batches must be large; readers get a turn between them.
    batch_size: int = 128
    # The daily run waits for today's bulletin when it is not out yet.
    publish_wait_attempts: int = 6
    publish_wait_seconds: float = 1800.0
    daily_cron: str = "30 9 * * *"
    timezone: str = "Europe/Kyiv"
    lock_wait_seconds: float = 3600.0

    @classmethod
    def from_env(cls) -> Settings:
        base_urls = {
            source: _env(f"LOSSES_{source.upper()}_URL", url).rstrip("/")
            for source, url in DEFAULT_BASE_URLS.items()
        }
        return cls(
            base_urls=base_urls,
            mod_lang=_env("LOSSES_MOD_LANG", "uk"),
            minfin_edition=_env("LOSSES_MINFIN_EDITION", "ua"),
            max_connections_per_host=_env_int("LOSSES_MAX_CONNECTIONS", 4),
            connect_timeout=_env_float("LOSSES_CONNECT_TIMEOUT", 10.0),
            read_timeout=_env_float("LOSSES_READ_TIMEOUT", 30.0),
            http_attempts=_env_int("LOSSES_HTTP_ATTEMPTS", 5),
            backoff_base=_env_float("LOSSES_BACKOFF_BASE", 1.0),
            backoff_max=_env_float("LOSSES_BACKOFF_MAX", 60.0),
            max_body_bytes=_env_int("LOSSES_MAX_BODY_BYTES", 5 * 1024 * 1024),
            batch_size=_env_int("LOSSES_BATCH_SIZE", 128),
            publish_wait_attempts=_env_int("LOSSES_PUBLISH_WAIT_ATTEMPTS", 6),
            publish_wait_seconds=_env_float("LOSSES_PUBLISH_WAIT_SECONDS", 1800.0),
            daily_cron=_env("LOSSES_DAILY_CRON", "30 9 * * *"),
            timezone=_env("LOSSES_TIMEZONE", "Europe/Kyiv"),
            lock_wait_seconds=_env_float("LOSSES_LOCK_WAIT_SECONDS", 3600.0),
        )

    def with_base_url(self, source: str, url: str | None) -> Settings:
        if not url:
            return self
        return replace(self, base_urls={**self.base_urls, source: url.rstrip("/")})

    def base_url(self, source: str) -> str:
        try:
            return self.base_urls[source]
        except KeyError:
            known = ", ".join(FETCHABLE_SOURCES)
            raise ValueError(f"unknown source {source!r}; fetchable sources: {known}") from None

    @property
    def allowed_hosts(self) -> frozenset[str]:
        """Only the configured roots are ever fetched (links elsewhere are refused)."""
        return frozenset(urlsplit(url).netloc.lower() for url in self.base_urls.values())
