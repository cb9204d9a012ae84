"""Where a warehouse lives."""

from __future__ import annotations

import os
from pathlib import Path

DEFAULT_PATH = Path("warehouse") / "losses.duckdb"


def default_warehouse_path() -> Path:
    """$LOSSES_WAREHOUSE, else warehouse/losses.duckdb relative to the current directory."""
    configured = os.environ.get("LOSSES_WAREHOUSE")
    return Path(configured) if configured else DEFAULT_PATH


def bodies_dir(path: Path) -> Path:
    """The body store that belongs to a database file: `<file>.bodies/`."""
    return Path(f"{path}.bodies")
