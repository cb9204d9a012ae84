"""Versioned schema: `NNN_name.sql` files here, applied in order, each in its own
transaction together with its row in `schema_version`."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from warehouse.records import WarehouseError
from warehouse.transactions import rollback

MIGRATIONS_DIR = Path(__file__).parent
_NAME = re.compile(r"^(\d{3})_([a-z0-9_]+)\.sql$")


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    path: Path

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
        raise WarehouseError(f"migrations in {MIGRATIONS_DIR} are not numbered 001, 002, ...")
    return found


LATEST_VERSION = len(migrations())


def current_version(con) -> int:
    """The schema version of an open database (0: empty file)."""
    exists = con.execute(
        "SELECT count(*) FROM duckdb_tables() "
        "WHERE database_name = current_database() AND table_name = 'schema_version'"
    ).fetchone()[0]
    if not exists:
        return 0
    return con.execute("SELECT coalesce(max(version), 0) FROM schema_version").fetchone()[0]


def migrate(con, target: int | None = None) -> list[int]:
    """Apply the missing migrations up to `target` (default: all); returns the versions applied."""
    target = LATEST_VERSION if target is None else target
    version = current_version(con)
    if version > LATEST_VERSION:
        raise WarehouseError(
            f"the warehouse has schema version {version}, newer than this code knows "
            f"({LATEST_VERSION}); update the losses package"
        )
    applied = []
    for migration in migrations():
        if migration.version <= version or migration.version > target:
            continue
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute(
                "CREATE TABLE IF NOT EXISTS schema_version ("
                " version INTEGER PRIMARY KEY, name VARCHAR NOT NULL,"
                " applied_at TIMESTAMPTZ NOT NULL)"
            )
            con.execute(migration.sql())
            con.execute(
                "INSERT INTO schema_version VALUES (?, ?, ?)",
                [migration.version, migration.name, dt.datetime.now(dt.UTC)],
            )
            con.execute("COMMIT")
        except Exception as exc:
            rollback(con)
            raise WarehouseError(
                f"migration {migration.path.name} failed, nothing of it was applied: {exc}"
            ) from exc
        applied.append(migration.version)
    return applied
