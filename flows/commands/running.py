"""A run recorded as running, in one line for `losses status`: which run, what it was
asked, its process and host, when it started and for how long it has run, when it
last fetched a document; and whether its process is gone (it crashed) or it has
fetched nothing for a long while (it may be stuck)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import typer

# A run that has fetched nothing for this long may be stuck (a request deadline is 120 s).
QUIET_SECONDS = 600


def duration(seconds: float) -> str:
    """3 s, 12 min 5 s, 2 h 3 min."""
    seconds = int(seconds)
    if seconds < 60:
        return f"{seconds} s"
    if seconds < 3600:
        return f"{seconds // 60} min {seconds % 60} s"
    return f"{seconds // 3600} h {seconds % 3600 // 60} min"


def running_line(run: dict[str, Any], now: dt.datetime | None = None) -> tuple[str, str | None]:
    """The line and its colour (None: plain) for one of Warehouse.status()["running"]."""
    now = now or dt.datetime.now(dt.UTC)
    asked = ", ".join(f"{name}={value}" for name, value in sorted(run["parameters"].items()))
    where = f"pid {run['pid']} on {run['host']}" if run["pid"] is not None else "unknown process"
    since = f"started {run['started_at']:%Y-%m-%d %H:%M:%S} UTC"
    head = f"run #{run['run_id']} {run['flow']} ({asked})"
    if run["process_gone"]:
        return (
            f"{head} is recorded as running, but its process ({where}) is gone: it crashed, "
            f"{since} (the next run records it so)",
            typer.colors.RED,
        )
    fetched = run["last_fetched_at"]
    quiet = (now - (fetched or run["started_at"])).total_seconds()
    last = f"last fetched a document {duration(quiet)} ago" if fetched else "fetched nothing yet"
    line = f"{head} is running in {where}, {since}, for {duration(run['running_seconds'])}; {last}"
    if quiet >= QUIET_SECONDS:
        return (
            f"{line}: it may be stuck (`kill {run['pid']}` ends it; the next run records it "
            "as crashed)",
            typer.colors.YELLOW,
        )
    return line, None


__all__ = ["QUIET_SECONDS", "duration", "running_line"]
