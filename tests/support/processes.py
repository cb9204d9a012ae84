"""`losses` commands run as a user runs them, each in a process of its own, against
the session's temporary Prefect API (no second server to start)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.support.faults import START, UNTIL

LOSSES = Path(sys.executable).parent / "losses"


def environment(**extra: str) -> dict[str, str]:
    from prefect.settings import PREFECT_API_URL

    return {**os.environ, "PREFECT_API_URL": PREFECT_API_URL.value(), **extra}


def start_backfill(base_url: str, path: Path, **env: str) -> subprocess.Popen:
    """`losses backfill` of the fault matrix's range from the MoD at `base_url`."""
    command = [
        str(LOSSES),
        "backfill",
        "--start",
        START.isoformat(),
        "--end",
        UNTIL.isoformat(),
        "--source",
        "mod",
        "--base-url",
        base_url,
        "--warehouse",
        str(path),
    ]
    return subprocess.Popen(
        command,
        env=environment(**env),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def start_command(*args: str) -> subprocess.Popen:
    """Any other `losses` command; its stdout and stderr apart."""
    return subprocess.Popen(
        [str(LOSSES), *args],
        env=environment(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
