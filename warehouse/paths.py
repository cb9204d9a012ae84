"""Where a warehouse lives: the database file and, next to it, its body store.
(Which file to open is the caller's choice: flows/settings.py reads LOSSES_WAREHOUSE.)"""

from __future__ import annotations

from pathlib import Path

DEFAULT_PATH = Path("warehouse") / "losses.duckdb"  # relative to the current directory


def bodies_dir(path: Path) -> Path:
    """The body store that belongs to a database file: `<file>.bodies/`."""
    return Path(f"{path}.bodies")


def snapshot_path(path: Path) -> Path:
    """Where a run publishes what it has committed, for readers: `<file>.snapshot`
    (warehouse/snapshots.py)."""
    return Path(f"{path}.snapshot")
