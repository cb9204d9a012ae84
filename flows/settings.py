"""Run-time settings, read from the environment (`LOSSES_*`) with defaults that
point at the real publishers. Command-line options override them."""

from __future__ import annotations

import datetime as dt
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
# The daily run reads today's bulletin where it appears first; a backfill reads the
# aggregator, which keeps a month of bulletins on one page (~55 requests for the history).
DEFAULT_DAILY_SOURCE = "mod"
DEFAULT_BACKFILL_SOURCE = "minfin"
DEFAULT_SOURCE = DEFAULT_DAILY_SOURCE

# The MoD's bulletins lived on three sites over time (mirror/SITES.md). The MoD root
# (LOSSES_MOD_URL, --base-url) is mod.gov.ua itself; the other two are their real hosts,
# or, when the MoD root points elsewhere (the local mirror, a proxy), paths beneath it:
# ROOT/mod/www.mil.gov.ua. Each can be set on its own (LOSSES_MIL_URL, LOSSES_KMU_URL).
MIL_HOST = "www.mil.gov.ua"
KMU_HOST = "www.kmu.gov.ua"
MOD_SITE_VARIABLES = {MIL_HOST: "LOSSES_MIL_URL", KMU_HOST: "LOSSES_KMU_URL"}
# Where each MoD site lists its news, in order of trust (LOSSES_MOD_INDEXES picks and
# orders them); paths relative to the site root, the English edition's under /en.
MOD_INDEXES = ("listing", "tag", "sitemap")
DEFAULT_MOD_LISTING_PATH = "/news?page={page}"
DEFAULT_MOD_TAG_PATH = "/news/tag-vidsich-agresoru?page={page}"
DEFAULT_MOD_SITEMAP_PATH = "/sitemap.xml"
DEFAULT_MIL_LISTING_PATH = "/news/?page={page}"
# mil.gov.ua carried the bulletins from 2022-02-27 until mod.gov.ua took over.
DEFAULT_MOD_FIRST_DATE = dt.date(2022, 2, 27)
DEFAULT_MOD_SWITCH_DATE = dt.date(2024, 10, 7)

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


def _env_date(name: str, default: dt.date) -> dt.date:
    raw = _env(name, default.isoformat())
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise ValueError(f"{name}={raw!r} is not a date YYYY-MM-DD") from None


def _env_source(name: str, default: str) -> str:
    value = _env(name, default)
    if value not in FETCHABLE_SOURCES:
        known = ", ".join(FETCHABLE_SOURCES)
        raise ValueError(f"{name}={value!r} is not a source; choose one of {known}")
    return value


def _env_indexes(name: str) -> tuple[str, ...]:
    raw = _env(name, ",".join(MOD_INDEXES))
    names = tuple(part.strip() for part in raw.split(",") if part.strip())
    unknown = [n for n in names if n not in MOD_INDEXES]
    if unknown or not names or len(set(names)) != len(names):
        raise ValueError(
            f"{name}={raw!r}: give some of {', '.join(MOD_INDEXES)}, each once, "
            "comma-separated in the order they are trusted"
        )
    return names


def _env_path(name: str, default: str, *, paged: bool) -> str:
    value = _env(name, default)
    if not value.startswith("/") or (paged and "{page}" not in value):
        hint = " with {page} where the page number goes" if paged else ""
        raise ValueError(f"{name}={value!r}: give a path starting with /{hint}")
    return value


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
    daily_source: str = DEFAULT_DAILY_SOURCE
    backfill_source: str = DEFAULT_BACKFILL_SOURCE
    # Roots of the MoD's other sites set on their own (else derived, see site_url).
    site_urls: dict[str, str] = field(default_factory=dict)
    mod_indexes: tuple[str, ...] = MOD_INDEXES
    mod_listing_path: str = DEFAULT_MOD_LISTING_PATH
    mod_tag_path: str = DEFAULT_MOD_TAG_PATH
    mod_sitemap_path: str = DEFAULT_MOD_SITEMAP_PATH
    mil_listing_path: str = DEFAULT_MIL_LISTING_PATH
    mod_first_date: dt.date = DEFAULT_MOD_FIRST_DATE
    mod_switch_date: dt.date = DEFAULT_MOD_SWITCH_DATE
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
            daily_source=_env_source("LOSSES_DAILY_SOURCE", DEFAULT_DAILY_SOURCE),
            backfill_source=_env_source("LOSSES_BACKFILL_SOURCE", DEFAULT_BACKFILL_SOURCE),
            site_urls={
                host: os.environ[variable].strip().rstrip("/")
                for host, variable in MOD_SITE_VARIABLES.items()
                if os.environ.get(variable, "").strip()
            },
            mod_indexes=_env_indexes("LOSSES_MOD_INDEXES"),
            mod_listing_path=_env_path(
                "LOSSES_MOD_LISTING_PATH", DEFAULT_MOD_LISTING_PATH, paged=True
            ),
            mod_tag_path=_env_path("LOSSES_MOD_TAG_PATH", DEFAULT_MOD_TAG_PATH, paged=True),
            mod_sitemap_path=_env_path(
                "LOSSES_MOD_SITEMAP_PATH", DEFAULT_MOD_SITEMAP_PATH, paged=False
            ),
            mil_listing_path=_env_path(
                "LOSSES_MIL_LISTING_PATH", DEFAULT_MIL_LISTING_PATH, paged=True
            ),
            mod_first_date=_env_date("LOSSES_MOD_FIRST_DATE", DEFAULT_MOD_FIRST_DATE),
            mod_switch_date=_env_date("LOSSES_MOD_SWITCH_DATE", DEFAULT_MOD_SWITCH_DATE),
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

    def site_url(self, host: str) -> str:
        """The root of one of the MoD's other sites (MIL_HOST, KMU_HOST): its own
        setting, else the real host when the MoD root is the real one, else a path
        beneath the MoD root (the local mirror serves every MoD-era site there)."""
        if host in self.site_urls:
            return self.site_urls[host]
        mod_root = self.base_url("mod")
        if mod_root == DEFAULT_BASE_URLS["mod"]:
            return f"https://{host}"
        return f"{mod_root}/{host}"

    @property
    def allowed_hosts(self) -> frozenset[str]:
        """Only the configured roots are ever fetched (links elsewhere are refused)."""
        roots = [*self.base_urls.values(), *(self.site_url(h) for h in MOD_SITE_VARIABLES)]
        return frozenset(urlsplit(url).netloc.lower() for url in roots)
