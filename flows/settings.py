"""Run-time settings: the one place that reads the environment (`LOSSES_*`).

Each setting is a field of `Settings` with its default written once, beside the
variable that overrides it; `Settings.from_env()` reads them all and names the
variable and the reason when one cannot be used. Command-line options override
them (`with_base_url`, explicit arguments). The defaults point at the real
publishers."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from parsers.errors import ConfigError
from parsers.model import FETCHABLE_SOURCES, SourceName
from warehouse.bodies import CODECS as BODY_CODECS
from warehouse.bodies import DEFAULT_CODEC
from warehouse.paths import DEFAULT_PATH as DEFAULT_WAREHOUSE_PATH

# The roots of the sources, each overridable by LOSSES_<SOURCE>_URL or --base-url
# (the local mirror, a proxy).
PETROIVANIUK_DATA = (
    "https://raw.githubusercontent.com/PetroIvaniuk/2022-Ukraine-Russia-War-Dataset/main/data"
)
DEFAULT_BASE_URLS: dict[SourceName, str] = {
    SourceName.MOD: "https://mod.gov.ua",
    SourceName.MINFIN: "https://index.minfin.com.ua",
    SourceName.API: "https://russianwarship.rip",
    # The dataset's two files sit side by side; each source has its own variable.
    SourceName.PETROIVANIUK: PETROIVANIUK_DATA,
    SourceName.PETROIVANIUK_PERSONNEL: PETROIVANIUK_DATA,
    # A placeholder: no public copy of this layout is known to us (.invalid never
    # resolves, so an unset LOSSES_DAYCSV_URL runs against the local mirror).
    SourceName.DAYCSV: "https://losses-by-day.invalid",
}
BASE_URL_VARIABLES = {source: f"LOSSES_{source.upper()}_URL" for source in FETCHABLE_SOURCES}

# The MoD's bulletins lived on three sites over time (mirror/SITES.md). The MoD root
# is mod.gov.ua itself; the other two are their real hosts, or, when the MoD root points
# elsewhere (the local mirror, a proxy), paths beneath it: ROOT/www.mil.gov.ua. Each can
# be set on its own.
MIL_HOST = "www.mil.gov.ua"
KMU_HOST = "www.kmu.gov.ua"
MOD_SITE_VARIABLES = {MIL_HOST: "LOSSES_MIL_URL", KMU_HOST: "LOSSES_KMU_URL"}
# Where each MoD site lists its news (LOSSES_MOD_INDEXES picks and orders them).
MOD_INDEXES = ("listing", "tag", "sitemap")
MOD_LANGS = ("uk", "en")
MINFIN_EDITIONS = ("ua", "en")

USER_AGENT = (
    "losses/0.1 (+combat-losses bulletin ingestion; polite: <=4 connections, honours Retry-After)"
)

# -- reading one variable: (variable name, raw text) -> value, or ConfigError naming both


def _text(name: str, raw: str) -> str:
    return raw


def _whole(name: str, raw: str) -> int:
    try:
        value = int(raw)
    except ValueError:
        raise ConfigError(f"{name}={raw!r} is not a whole number") from None
    if value < 0:
        raise ConfigError(f"{name}={raw!r} must not be negative")
    return value


def _positive(name: str, raw: str) -> int:
    value = _whole(name, raw)
    if value == 0:
        raise ConfigError(f"{name}={raw!r} must be at least 1")
    return value


def _seconds(name: str, raw: str) -> float:
    try:
        value = float(raw)
    except ValueError:
        raise ConfigError(f"{name}={raw!r} is not a number") from None
    if not value >= 0:  # also NaN
        raise ConfigError(f"{name}={raw!r} must be a number of seconds, 0 or more")
    return value


def _date(name: str, raw: str) -> dt.date:
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise ConfigError(f"{name}={raw!r} is not a date YYYY-MM-DD") from None


def _source(name: str, raw: str) -> SourceName:
    if raw not in FETCHABLE_SOURCES:
        known = ", ".join(FETCHABLE_SOURCES)
        raise ConfigError(f"{name}={raw!r} is not a source; choose one of {known}")
    return SourceName(raw)


def _one_of(choices: tuple[str, ...]) -> Callable[[str, str], str]:
    def read(name: str, raw: str) -> str:
        if raw not in choices:
            raise ConfigError(f"{name}={raw!r}: choose one of {', '.join(choices)}")
        return raw

    return read


def _indexes(name: str, raw: str) -> tuple[str, ...]:
    names = tuple(part.strip() for part in raw.split(",") if part.strip())
    unknown = [n for n in names if n not in MOD_INDEXES]
    if unknown or not names or len(set(names)) != len(names):
        raise ConfigError(
            f"{name}={raw!r}: give some of {', '.join(MOD_INDEXES)}, each once, "
            "comma-separated in the order they are trusted"
        )
    return names


def _site_path(*, paged: bool) -> Callable[[str, str], str]:
    def read(name: str, raw: str) -> str:
        if not raw.startswith("/") or (paged and "{page}" not in raw):
            hint = " with {page} where the page number goes" if paged else ""
            raise ConfigError(f"{name}={raw!r}: give a path starting with /{hint}")
        return raw

    return read


def _url(name: str, raw: str) -> str:
    parts = urlsplit(raw)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ConfigError(f"{name}={raw!r} is not an http(s) URL")
    return raw.rstrip("/")


def _file(name: str, raw: str) -> Path:
    return Path(raw)


# Alert URLs are separated by spaces, or by commas before the next URL's scheme: a
# comma inside one (mailto://...?to=a@x.org,b@y.org) stays part of it.
_URL_SEPARATOR = re.compile(r"\s+|,\s*(?=[A-Za-z][A-Za-z0-9+.-]*://)")
_SCHEME_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://\S+")


def _alert_urls(name: str, raw: str) -> tuple[str, ...]:
    urls = tuple(u for part in _URL_SEPARATOR.split(raw.strip()) if (u := part.rstrip(",")))
    for position, url in enumerate(urls, 1):
        if not _SCHEME_URL.fullmatch(url):
            raise ConfigError(
                f"{name}: URL {position} is not a URL (scheme://...): give http(s) webhooks "
                "or Apprise URLs (slack://, tgram://, mailto://...), separated by spaces"
            )
        scheme = url.split("://", 1)[0].lower()
        if scheme in ("http", "https") and not urlsplit(url).hostname:
            raise ConfigError(f"{name}: URL {position} ({scheme}://) names no host")
    return urls


def _clock(name: str, raw: str) -> dt.time:
    match = re.fullmatch(r"(\d{1,2}):(\d{2})", raw)
    if not match or int(match[1]) > 23 or int(match[2]) > 59:
        raise ConfigError(f"{name}={raw!r} is not a time of day HH:MM")
    return dt.time(int(match[1]), int(match[2]))


def _setting(variable: str, default: Any, read: Callable[[str, str], Any]) -> Any:
    """A field read from `variable` (when set and not blank) by `read`."""
    return field(default=default, metadata={"variable": variable, "read": read})


@dataclass(frozen=True)
class Settings:
    # Roots of the sources (LOSSES_MOD_URL, LOSSES_MINFIN_URL, LOSSES_API_URL).
    base_urls: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_BASE_URLS))
    # Roots of the MoD's other sites set on their own (else derived, see site_url).
    site_urls: dict[str, str] = field(default_factory=dict)
    warehouse_path: Path = _setting("LOSSES_WAREHOUSE", DEFAULT_WAREHOUSE_PATH, _file)
    # How new document bodies are compressed in the warehouse's body store.
    body_codec: str = _setting("LOSSES_BODY_CODEC", DEFAULT_CODEC, _one_of(BODY_CODECS))
    # The daily run reads today's bulletin where it appears first; a backfill reads the
    # aggregator, which keeps a month of bulletins on one page (~55 requests in all).
    daily_source: SourceName = _setting("LOSSES_DAILY_SOURCE", SourceName.MOD, _source)
    backfill_source: SourceName = _setting("LOSSES_BACKFILL_SOURCE", SourceName.MINFIN, _source)
    # The MoD publishes Ukrainian and English editions; one is enough for the figures.
    mod_lang: str = _setting("LOSSES_MOD_LANG", "uk", _one_of(MOD_LANGS))
    minfin_edition: str = _setting("LOSSES_MINFIN_EDITION", "ua", _one_of(MINFIN_EDITIONS))
    mod_indexes: tuple[str, ...] = _setting("LOSSES_MOD_INDEXES", MOD_INDEXES, _indexes)
    # Paths relative to the site root (the English edition's under /en).
    mod_listing_path: str = _setting(
        "LOSSES_MOD_LISTING_PATH", "/news?page={page}", _site_path(paged=True)
    )
    mod_tag_path: str = _setting(
        "LOSSES_MOD_TAG_PATH", "/news/tag-vidsich-agresoru?page={page}", _site_path(paged=True)
    )
    mod_sitemap_path: str = _setting(
        "LOSSES_MOD_SITEMAP_PATH", "/sitemap.xml", _site_path(paged=False)
    )
    mil_listing_path: str = _setting(
        "LOSSES_MIL_LISTING_PATH", "/news/?page={page}", _site_path(paged=True)
    )
    # www.mil.gov.ua carried the bulletins from its first until mod.gov.ua took over.
    mod_first_date: dt.date = _setting("LOSSES_MOD_FIRST_DATE", dt.date(2022, 2, 27), _date)
    mod_switch_date: dt.date = _setting("LOSSES_MOD_SWITCH_DATE", dt.date(2024, 10, 7), _date)
    user_agent: str = USER_AGENT
    max_connections_per_host: int = _setting("LOSSES_MAX_CONNECTIONS", 4, _positive)
    connect_timeout: float = _setting("LOSSES_CONNECT_TIMEOUT", 10.0, _seconds)
    read_timeout: float = _setting("LOSSES_READ_TIMEOUT", 30.0, _seconds)
    # The most one request may take, redirects and body included (a drip-feeding server).
    request_deadline: float = _setting("LOSSES_REQUEST_DEADLINE", 120.0, _seconds)
    # Attempts per URL, on 5xx / 429 / timeouts / resets.
    http_attempts: int = _setting("LOSSES_HTTP_ATTEMPTS", 5, _positive)
    # Seconds; the wait doubles per attempt, capped by backoff_max.
    backoff_base: float = _setting("LOSSES_BACKOFF_BASE", 1.0, _seconds)
    backoff_max: float = _setting("LOSSES_BACKOFF_MAX", 60.0, _seconds)
    max_body_bytes: int = _setting("LOSSES_MAX_BODY_BYTES", 5 * 1024 * 1024, _positive)
    # Documents per fetch-and-load task: a task costs Prefect ~20 ms, so batches must
    # be large; readers get a turn between them.
    batch_size: int = _setting("LOSSES_BATCH_SIZE", 128, _positive)
    # The daily run waits for today's bulletin when it is not out yet.
    publish_wait_attempts: int = _setting("LOSSES_PUBLISH_WAIT_ATTEMPTS", 6, _whole)
    publish_wait_seconds: float = _setting("LOSSES_PUBLISH_WAIT_SECONDS", 1800.0, _seconds)
    daily_cron: str = _setting("LOSSES_DAILY_CRON", "30 9 * * *", _text)
    timezone: str = _setting("LOSSES_TIMEZONE", "Europe/Kyiv", _text)
    lock_wait_seconds: float = _setting("LOSSES_LOCK_WAIT_SECONDS", 3600.0, _seconds)
    # The most one run may spend fetching (0: no limit); what it fetched is kept.
    run_time_limit: float = _setting("LOSSES_RUN_TIME_LIMIT", 6 * 3600.0, _seconds)
    # Where alerts go (flows/alerts.py): http(s) JSON webhooks and Apprise URLs. The
    # value is never logged: URLs carry tokens.
    alert_urls: tuple[str, ...] = _setting("LOSSES_ALERT_URL", (), _alert_urls)
    # Today's bulletin not in by then (LOSSES_TIMEZONE) is an alert; usually out by ~9:00.
    alert_late_after: dt.time = _setting("LOSSES_ALERT_LATE_AFTER", dt.time(10, 30), _clock)

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> Settings:
        """The settings `environ` (default: os.environ) gives; ConfigError names the
        first variable that cannot be used."""
        environ = os.environ if environ is None else environ

        def given(variable: str) -> str | None:
            return environ.get(variable, "").strip() or None

        values = cls._read_fields(environ, None)
        base_urls = dict(DEFAULT_BASE_URLS)
        for source, variable in BASE_URL_VARIABLES.items():
            if (raw := given(variable)) is not None:
                base_urls[source] = _url(variable, raw)
        site_urls = {
            host: _url(variable, raw)
            for host, variable in MOD_SITE_VARIABLES.items()
            if (raw := given(variable)) is not None
        }
        return cls(base_urls=base_urls, site_urls=site_urls, **values)

    @classmethod
    def only(cls, *names: str, environ: dict[str, str] | None = None) -> Settings:
        """The defaults, but for the fields `names` read from their variables: for what
        must work when another variable cannot be used (the alert that a run failed
        because of it)."""
        return cls(**cls._read_fields(os.environ if environ is None else environ, names))

    @classmethod
    def _read_fields(cls, environ, names: tuple[str, ...] | None) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for spec in dataclasses.fields(cls):
            variable = spec.metadata.get("variable")
            if not variable or (names is not None and spec.name not in names):
                continue
            if raw := environ.get(variable, "").strip():
                values[spec.name] = spec.metadata["read"](variable, raw)
        return values

    @classmethod
    def variables(cls) -> list[str]:
        """Every environment variable the settings read (the README documents each)."""
        read = [spec.metadata["variable"] for spec in dataclasses.fields(cls) if spec.metadata]
        return sorted([*read, *BASE_URL_VARIABLES.values(), *MOD_SITE_VARIABLES.values()])

    def with_base_url(self, source: str, url: str | None) -> Settings:
        if not url:
            return self
        self.base_url(source)  # an unknown source fails here
        return replace(self, base_urls={**self.base_urls, source: url.rstrip("/")})

    def with_warehouse(self, path: str | Path | None) -> Settings:
        return replace(self, warehouse_path=Path(path)) if path else self

    def base_url(self, source: str) -> str:
        try:
            return self.base_urls[source]
        except KeyError:
            known = ", ".join(FETCHABLE_SOURCES)
            raise ConfigError(f"unknown source {source!r}; choose one of {known}") from None

    def site_url(self, host: str) -> str:
        """The root of one of the MoD's other sites (MIL_HOST, KMU_HOST): its own
        setting, else the real host when the MoD root is the real one, else a path
        beneath the MoD root (the local mirror serves every MoD-era site there)."""
        if host in self.site_urls:
            return self.site_urls[host]
        mod_root = self.base_url(SourceName.MOD)
        if mod_root == DEFAULT_BASE_URLS[SourceName.MOD]:
            return f"https://{host}"
        return f"{mod_root}/{host}"

    @property
    def allowed_hosts(self) -> frozenset[str]:
        """Only the configured roots are ever fetched (links elsewhere are refused)."""
        roots = [*self.base_urls.values(), *(self.site_url(h) for h in MOD_SITE_VARIABLES)]
        return frozenset(urlsplit(url).netloc.lower() for url in roots)


def source_name(name: str) -> SourceName:
    """A fetchable source by name; ConfigError naming the choices otherwise."""
    if name not in FETCHABLE_SOURCES:
        known = ", ".join(FETCHABLE_SOURCES)
        raise ConfigError(f"unknown source {name!r}; choose one of {known}")
    return SourceName(name)


__all__ = [
    "DEFAULT_BASE_URLS",
    "DEFAULT_WAREHOUSE_PATH",
    "KMU_HOST",
    "MIL_HOST",
    "MOD_INDEXES",
    "Settings",
    "source_name",
]
