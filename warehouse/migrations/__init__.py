"""Versioned schema: `NNN_name.sql` files here, applied in order, each in its own
transaction together with its row in `schema_version` (a new file: all of them in
one)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import pathlib
import re

# Modules, not names: this package's public names are its __all__.
from warehouse import queries, records, transactions

MIGRATIONS_DIR = pathlib.Path(__file__).parent
_NAME = re.compile(r"^(\d{3})_([a-z0-9_]+)\.sql$")


@dataclasses.dataclass(frozen=True)
class Migration:
    version: int
    name: str
    path: pathlib.Path

    def sql(self) -> str:
        return self.path.read_text(encoding="utf-8")


def migrations() -> list[Migration]:
    found = []
    for path in MIGRATIONS_DIR.glob("*.sql"):
        match = _NAME.match(path.name)
        if match:
            found.append(Migration(int(match.group(1)), match.group(2), path))
    found.sort(key=lambda m: m.version)
    if [m.version for m in found] != list(range(1, len(found) + 1)):
        raise records.WarehouseError(
            f"migrations in {MIGRATIONS_DIR} are not numbered 001, 002, ...", path=MIGRATIONS_DIR
        )
    return found


LATEST_VERSION = len(migrations())


def current_version(con) -> int:
    """The schema version of an open database (0: empty file)."""
    if not con.execute(queries.load("schema_version_exists")).fetchone()[0]:
        return 0
    return con.execute("SELECT coalesce(max(version), 0) FROM schema_version").fetchone()[0]


def migrate(con, target: int | None = None, *, path: pathlib.Path | None = None) -> list[int]:
    """Apply the missing migrations up to `target` (default: all); returns the versions
    applied. `path`: the database file, named by the errors."""
    target = LATEST_VERSION if target is None else target
    version = current_version(con)
    if version > LATEST_VERSION:
        raise records.WarehouseError(
            f"the warehouse has schema version {version}, newer than this code knows "
            f"({LATEST_VERSION}); update the losses package",
            path=path,
        )
    missing = [m for m in migrations() if version < m.version <= target]
    # A new file gets its whole schema in one transaction (one commit instead of one a
    # migration: 27-32 ms instead of 37-46 of a first run's start); an older file each
    # migration in its own, so that one failing leaves it at the version before.
    groups = [missing] if version == 0 and missing else [[m] for m in missing]
    applied = []
    for group in groups:
        migration = group[0]  # (then the one being applied: the error names it)
        try:
            with transactions.transaction(con):
                con.execute(queries.load("schema_version_table"))
                for migration in group:
                    con.execute(migration.sql())
                    con.execute(
                        "INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)",
                        [migration.version, migration.name, dt.datetime.now(dt.UTC)],
                    )
        except Exception as exc:  # rolled back: the file is as it was before
            raise records.WarehouseError(
                f"migration {migration.path.name} failed, nothing of it was applied"
                + (" (nor of the new file's schema before it)" if len(group) > 1 else "")
                + f": {exc}",
                path=path,
            ) from exc
        applied.extend(m.version for m in group)
    return applied


__all__ = [
    "LATEST_VERSION",
    "MIGRATIONS_DIR",
    "Migration",
    "current_version",
    "migrate",
    "migrations",
]
