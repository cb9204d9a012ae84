"""Checksums of a warehouse's tables: what a no-op must leave unchanged."""

from __future__ import annotations

import hashlib
from pathlib import Path

from warehouse import Warehouse

# `runs` grows with every run by design; everything else must not change on a no-op re-run.
VOLATILE_TABLES = frozenset({"runs"})


def table_checksums(wh: Warehouse, *, skip: frozenset[str] = frozenset()) -> dict[str, str]:
    """A checksum of the full content of every base table but `skip` (order-independent)."""
    names = [
        name
        for (name,) in wh.rows(
            "SELECT table_name FROM duckdb_tables() "
            "WHERE database_name = current_database() ORDER BY table_name"
        )
        if name not in skip
    ]
    sums = {}
    for name in names:
        rows = sorted(repr(row) for row in wh.rows(f'SELECT * FROM "{name}"'))
        sums[name] = hashlib.sha256("\n".join(rows).encode()).hexdigest()
    return sums


def table_fingerprints(path: Path) -> dict[str, str]:
    """table_checksums of the warehouse file at `path`, `runs` left out."""
    with Warehouse.open(path, read_only=True) as wh:
        return table_checksums(wh, skip=VOLATILE_TABLES)
