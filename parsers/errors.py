"""The errors this project raises on purpose, under one root.

Every layer's errors derive from `LossesError`, which carries what the error is
about (`url`, `date`, `path`; None where it does not apply), so the command line
can print one line and choose an exit code for any of them in one place
(flows/commands/common.py), and a caller can catch them all without catching our
bugs. They live here, in the lowest layer, because every other layer imports it.

    LossesError
    ├── ConfigError          a LOSSES_* variable or an option that cannot be used (also ValueError)
    ├── ParseError           no bulletin in a document (also ValueError)
    │   ├── NotABulletin     a readable page that is other news
    │   └── ChallengePage    an anti-bot interstitial instead of the page
    ├── FetchError           a URL that could not be fetched (flows/fetch.py)
    ├── WarehouseError       the DuckDB file, or a request to it (also RuntimeError)
    │   ├── WarehouseBusy    another process held the file too long
    │   ├── LockTimeout      another run held the warehouse too long (flows/locking.py)
    │   └── MissingBulletins the warehouse lacks report dates a request needs
    └── RunFailed            a run ended failed: the data failed, not the code"""

from __future__ import annotations

import datetime as dt
from pathlib import Path


class LossesError(Exception):
    """The root: a failure the project foresaw, with a message that says what and why."""

    def __init__(
        self,
        message: str,
        *,
        url: str | None = None,
        date: dt.date | None = None,
        path: str | Path | None = None,
    ) -> None:
        super().__init__(message)
        self.url = url
        self.date = date
        self.path = Path(path) if path is not None else None


class ConfigError(LossesError, ValueError):
    """A setting (a LOSSES_* variable, a source name, a date range) that cannot be used."""


class ParseError(LossesError, ValueError):
    """No bulletin could be read from a document; the message says why."""


class NotABulletin(ParseError):
    """A readable page that holds no bulletin: another news item, including one whose
    headline mentions losses. A crawler notes it and moves on."""


class ChallengePage(ParseError):
    """An anti-bot interstitial (a Cloudflare "Just a moment..." check) answered instead
    of the page: nothing about the page can be told from it."""


class FetchError(LossesError):
    """A URL could not be fetched; the message names the URL and the reason."""

    def __init__(
        self,
        url: str,
        reason: str,
        *,
        status: int | None = None,
        date: dt.date | None = None,
    ) -> None:
        super().__init__(f"GET {url}: {reason}", url=url, date=date)
        self.reason = reason
        self.status = status


class WarehouseError(LossesError, RuntimeError):
    """A problem with the warehouse file or a request to it; the message says which."""


class WarehouseBusy(WarehouseError):
    """Another process kept the warehouse file locked for longer than we would wait."""


class LockTimeout(WarehouseBusy):
    """Another run kept the warehouse's run lock for longer than this run would wait."""


class MissingBulletins(WarehouseError):
    """The warehouse lacks report dates a request needs to be answered (`dates`, oldest
    first); a backfill of them would answer it."""

    def __init__(
        self, message: str, *, dates: tuple[dt.date, ...], path: str | Path | None = None
    ) -> None:
        super().__init__(message, date=dates[0] if dates else None, path=path)
        self.dates = tuple(dates)


class RunFailed(LossesError):
    """A run ended failed (pages unreadable, dates missing); the message lists why."""


__all__ = [
    "ChallengePage",
    "ConfigError",
    "FetchError",
    "LockTimeout",
    "LossesError",
    "MissingBulletins",
    "NotABulletin",
    "ParseError",
    "RunFailed",
    "WarehouseBusy",
    "WarehouseError",
]
