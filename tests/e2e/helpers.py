"""Shared by the end-to-end tests: run a flow, fingerprint a warehouse."""

from __future__ import annotations

import hashlib
from pathlib import Path

from warehouse import Warehouse

# `runs` grows with every run by design; everything else must not change on a no-op re-run.
VOLATILE_TABLES = {"runs"}


def table_fingerprints(path: Path) -> dict[str, str]:
    """A checksum of every table's full content (order-independent)."""
    with Warehouse.open(path, read_only=True) as wh:
        tables = [
            name
            for (name,) in wh.con.execute(
                "SELECT table_name FROM information_schema.tables "
                "WHERE table_type = 'BASE TABLE' ORDER BY table_name"
            ).fetchall()
        ]
        prints = {}
        for name in tables:
            if name in VOLATILE_TABLES:
                continue
            rows = sorted(repr(row) for row in wh.con.execute(f'SELECT * FROM "{name}"').fetchall())
            prints[name] = hashlib.sha256("\n".join(rows).encode()).hexdigest()
        return prints
