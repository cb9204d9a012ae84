"""Migrations (from an empty file and from the previous version), the vocabulary
tables, and opening errors."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import duckdb
import pytest

from parsers.vocabulary import CATEGORIES, CATEGORY_NAMES
from tests.support.tables import table_checksums
from tests.support.warehouse import FETCHED_AT, bulletin, load
from warehouse import Warehouse, WarehouseError, connection, migrations

TABLES = {
    "bulletins",
    "categories",
    "category_lineage",
    "check_reports",
    "checks",
    "document_bodies",
    "documents",
    "observations",
    "plausibility_bounds",
    "runs",
    "schema_version",
    "source_preference",
    "verdicts",
    "warehouse_meta",
}
VIEWS = {
    "check_findings",
    "daily_losses",
    "daily_losses_long",
    "latest_observations",
    "reconciled_long",
    "source_disagreements",
}


def _objects(rows_of: Callable[[str], list[tuple]]) -> dict[str, set[str]]:
    """Tables and views, read with `rows_of` (Warehouse.rows, or a raw connection's)."""
    rows = rows_of("SELECT table_name, table_type FROM information_schema.tables")
    return {
        "tables": {n for n, t in rows if t == "BASE TABLE"},
        "views": {n for n, t in rows if t == "VIEW"},
    }


def test_migrates_an_empty_file(wh_path):
    with Warehouse.open(wh_path) as wh:
        versions = wh.rows("SELECT version, name FROM schema_version ORDER BY 1")
        assert versions == [
            (1, "base"),
            (2, "plausibility"),
            (3, "body_packs"),
            (4, "check_reports"),
            (5, "losses_date"),
            (6, "run_process"),
            (7, "verdicts"),
            (8, "reconciled"),
        ]
        assert _objects(wh.rows) == {"tables": TABLES, "views": VIEWS}
        assert wh.one("SELECT count(*) FROM categories")[0] == len(CATEGORIES)
        assert wh.query("SELECT child, parent FROM category_lineage ORDER BY 2")[1] == [
            ("vehicles_fuel_tanks", "fuel_tanks"),
            ("vehicles_fuel_tanks", "military_auto"),
        ]
        bounds = dict(wh.query("SELECT category, daily_bound FROM plausibility_bounds")[1])
        assert bounds == {c.name: c.daily_bound for c in CATEGORIES}


def test_migrates_from_the_previous_version(wh_path):
    con = duckdb.connect(str(wh_path))
    assert migrations.migrate(con, target=1) == [1]
    # a v1 warehouse with a checked day whose personnel increase is implausible
    for i, (total, delta) in enumerate([(100_000, 100_000), (109_000, 9_000)]):
        date = dt.date(2024, 6, 1) + dt.timedelta(days=i)
        con.execute(
            "INSERT INTO documents VALUES (nextval('document_id_seq'), 'mod', ?, 'bulletin', ?,"
            " 200, NULL, ?, NULL, 'uk', 'loaded', NULL, 'v1', NULL)",
            [f"http://m/{i}", FETCHED_AT, f"sha{i}"],
        )
        con.execute(
            "INSERT INTO bulletins VALUES ('mod', ?, 1, ?, 'uk', 'v1', 'h', 1, ?, true, true)",
            [date, i + 1, FETCHED_AT],
        )
        con.execute(
            "INSERT INTO observations VALUES ('mod', ?, 1, 'personnel', ?, ?, 'about', true, ?,"
            " 'v1')",
            [date, total, delta, i + 1],
        )
        status = "new_category" if i == 0 else "ok"
        con.execute(
            "INSERT INTO checks VALUES ('mod', ?, 'personnel', 1, NULL, NULL, NULL, NULL, ?, ?,"
            " NULL, ?, ?)",
            [date, total, delta, status, FETCHED_AT],
        )
    con.execute("CREATE SEQUENCE IF NOT EXISTS dummy")  # unrelated objects survive too
    con.close()

    with pytest.raises(WarehouseError, match="schema version 1, this code needs 8"):
        Warehouse.open(wh_path, read_only=True)

    with Warehouse.open(wh_path) as wh:
        assert wh.status()["schema_version"] == 8
        # each revision gets its losses day: the day before its report date
        assert wh.rows("SELECT report_date, losses_date FROM bulletins ORDER BY 1") == [
            (dt.date(2024, 6, 1), dt.date(2024, 5, 31)),
            (dt.date(2024, 6, 2), dt.date(2024, 6, 1)),
        ]
        kept = wh.rows("SELECT report_date, status, note FROM checks ORDER BY 1")
        assert [status for _, status, _ in kept] == ["new_category", "ok"]
        assert wh.one("SELECT count(*) FROM bulletins WHERE checked") == (0,)
        summary = wh.run_check()  # the upgrade re-judges with the new bounds
        assert [f["status"] for f in summary.failures] == ["implausible"]
        assert wh.query("SELECT count(*) FROM checks")[1] == [(2,)]
        # and it goes on loading
        load(wh, bulletin(dt.date(2024, 6, 3), {"personnel": (110_000, 1_000)}))


def test_a_failing_migration_leaves_the_file_as_it_was(wh_path, monkeypatch, tmp_path):
    real = migrations.migrations()
    next_version = len(real) + 1
    broken = tmp_path / f"{next_version:03d}_broken.sql"
    broken.write_text("CREATE TABLE extra (a INTEGER);\nSELECT * FROM no_such_table;\n")
    Warehouse.open(wh_path).close()
    monkeypatch.setattr(
        migrations,
        "migrations",
        lambda: [*real, migrations.Migration(next_version, "broken", broken)],
    )
    monkeypatch.setattr(migrations, "LATEST_VERSION", next_version)
    con = duckdb.connect(str(wh_path))
    with pytest.raises(WarehouseError, match=rf"migration {broken.name} failed"):
        migrations.migrate(con)
    assert migrations.current_version(con) == len(real)
    assert "extra" not in _objects(lambda sql: con.execute(sql).fetchall())["tables"]
    con.close()


def test_a_new_files_schema_is_one_transaction_left_empty_if_a_migration_fails(
    wh_path, monkeypatch, tmp_path
):
    real = migrations.migrations()
    broken = tmp_path / "003_broken.sql"
    broken.write_text("CREATE TABLE extra (a INTEGER);\nSELECT * FROM no_such_table;\n")
    monkeypatch.setattr(
        migrations,
        "migrations",
        lambda: [*real[:2], migrations.Migration(3, "broken", broken), *real[3:]],
    )
    con = duckdb.connect(str(wh_path))
    with pytest.raises(WarehouseError, match=r"migration 003_broken\.sql failed.*nor of the new"):
        migrations.migrate(con)
    assert migrations.current_version(con) == 0  # not 2: nothing of the schema is there
    assert _objects(lambda sql: con.execute(sql).fetchall()) == {"tables": set(), "views": set()}
    con.close()
    commits: list[str] = []
    real_transaction = migrations.transactions.transaction
    monkeypatch.setattr(migrations, "migrations", lambda: real)
    monkeypatch.setattr(
        migrations.transactions,
        "transaction",
        lambda con: commits.append("one") or real_transaction(con),
    )
    con = duckdb.connect(str(wh_path))
    assert migrations.migrate(con, target=0) == []
    assert migrations.migrate(con) == [m.version for m in real]
    assert commits == ["one"]
    con.close()


def test_a_newer_schema_is_refused(wh_path):
    Warehouse.open(wh_path).close()
    con = duckdb.connect(str(wh_path))
    con.execute("INSERT INTO schema_version VALUES (99, 'future', now())")
    con.close()
    with pytest.raises(WarehouseError, match="schema version 99, newer than this code"):
        Warehouse.open(wh_path)


def test_daily_losses_has_one_column_per_category(wh):
    columns = [row[0] for row in wh.rows("DESCRIBE daily_losses")]
    assert columns == ["report_date", "losses_date", "day", "personnel", "personnel_qualifier"] + [
        name for name in CATEGORY_NAMES if name != "personnel"
    ]
    # and `day` is vocabulary.war_day
    load(wh, bulletin(dt.date(2024, 6, 4), {"tanks": (1, 1)}))
    assert wh.query("SELECT day FROM daily_losses")[1] == [(832,)]


def test_opening_again_writes_nothing(wh_path):
    with Warehouse.open(wh_path) as wh:
        load(wh, bulletin(dt.date(2024, 6, 4), {"tanks": (1, 1)}))
        before = table_checksums(wh)
    with Warehouse.open(wh_path) as wh:
        assert table_checksums(wh) == before


def test_a_changed_vocabulary_is_reseeded_and_rechecked(wh_path, monkeypatch):
    with Warehouse.open(wh_path) as wh:
        load(wh, bulletin(dt.date(2024, 6, 4), {"tanks": (1, 1)}))
        wh.run_check()
    rows = connection._vocabulary_rows()
    bounds = [(name, 1 if name == "tanks" else b, g) for name, b, g in rows[2]]
    monkeypatch.setattr(connection, "_vocabulary_rows", lambda: (rows[0], rows[1], bounds))
    with Warehouse.open(wh_path) as wh:
        assert wh.query("SELECT daily_bound FROM plausibility_bounds WHERE category = 'tanks'")[
            1
        ] == [(1,)]
        assert wh.run_check().dates == 1


def test_missing_file_for_reading(tmp_path: Path):
    with pytest.raises(WarehouseError, match="no warehouse at"):
        Warehouse.open(tmp_path / "nothing.duckdb", read_only=True)


def test_not_a_database(tmp_path: Path):
    path = tmp_path / "text.duckdb"
    path.write_text("hello, I am not a database")
    with pytest.raises(WarehouseError, match="cannot open the warehouse"):
        Warehouse.open(path)
