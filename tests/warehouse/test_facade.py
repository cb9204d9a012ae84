"""The Warehouse facade's own methods (ad-hoc SQL, the check counts, document URLs,
external access), its path argument, its errors, and the transaction helper."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import duckdb
import pytest

from parsers.errors import LossesError
from tests.support.warehouse import PARSER, bulletin, document, load
from warehouse import DEFAULT_WAREHOUSE_PATH, Warehouse, WarehouseBusy, WarehouseError
from warehouse.transactions import transaction

D = dt.date(2024, 6, 4)


def test_rows_one_and_query_read_ad_hoc_sql(wh):
    load(wh, bulletin(D, {"tanks": (7794, 15), "uav": (10520, 27)}))
    sql = "SELECT category, total FROM observations WHERE total > ? ORDER BY category"
    assert wh.rows(sql, [8000]) == [("uav", 10520)]
    assert wh.rows(sql, [1]) == [("tanks", 7794), ("uav", 10520)]
    assert wh.one(sql, [1]) == ("tanks", 7794)
    assert wh.one(sql, [99_999]) is None
    assert wh.one("SELECT count(*) FROM observations") == (2,)
    assert wh.rows("SELECT $n::INTEGER + 1", {"n": 1}) == [(2,)]
    assert wh.query(sql, [8000]) == (["category", "total"], [("uav", 10520)])


def test_the_connection_is_private(wh):
    assert not hasattr(wh, "con")


def test_check_counts_counts_every_status_from_a_date_on(wh):
    load(wh, bulletin(D, {"tanks": (100, 1)}))
    load(wh, bulletin(D + dt.timedelta(days=1), {"tanks": (101, 1)}))
    load(wh, bulletin(D + dt.timedelta(days=2), {"tanks": (105, 1)}))
    wh.run_check()
    assert wh.check_counts() == {"mismatch": 1, "new_category": 1, "ok": 1}
    assert wh.check_counts(since=D + dt.timedelta(days=1)) == {"mismatch": 1, "ok": 1}
    assert wh.check_counts(since=D + dt.timedelta(days=9)) == {}


def test_document_urls_name_the_document_of_the_latest_revision(wh):
    load(wh, bulletin(D, {"tanks": (100, 1)}), url="http://m/mod/first")
    load(wh, bulletin(D, {"tanks": (101, 2)}), url="http://m/mod/corrected")
    load(wh, bulletin(D, {"tanks": (7, 1)}, source="api"), url="http://m/api/x")
    keys = [("mod", "2024-06-04"), ("api", "2024-06-04"), ("mod", "2024-06-05")]
    assert wh.document_urls(keys) == {
        ("mod", "2024-06-04"): "http://m/mod/corrected",
        ("api", "2024-06-04"): "http://m/api/x",
    }
    assert wh.document_urls([]) == {}


def test_restricted_external_access_refuses_files(wh, tmp_path):
    wh.restrict_external_access()
    assert wh.one("SELECT 1") == (1,)
    with pytest.raises(duckdb.Error):
        wh.rows("SELECT * FROM read_csv(?)", [str(tmp_path / "x.csv")])


def test_open_takes_the_path_and_the_codec_as_arguments(wh_path):
    assert Path("warehouse/losses.duckdb") == DEFAULT_WAREHOUSE_PATH
    with pytest.raises(TypeError):
        Warehouse.open()  # no default from the environment: the caller says which file
    with Warehouse.open(str(wh_path), body_codec="identity") as wh:
        assert wh.path == wh_path
        [doc_id] = wh.store_documents([document("http://m/mod/1", "<p>x</p>")])
        assert wh.one("SELECT codec FROM document_bodies") == ("identity",)
        assert wh.document_body(doc_id) == b"<p>x</p>"


def test_errors_are_losses_errors_naming_the_file(wh_path, tmp_path):
    missing = tmp_path / "missing.duckdb"
    with pytest.raises(WarehouseError) as caught:
        Warehouse.open(missing, read_only=True)
    assert isinstance(caught.value, LossesError) and isinstance(caught.value, RuntimeError)
    assert caught.value.path == missing
    Warehouse.open(wh_path).close()
    with Warehouse.open(wh_path, read_only=True) as wh, pytest.raises(WarehouseError) as caught:
        wh.start_run("daily", {})
    assert caught.value.path == wh_path
    assert issubclass(WarehouseBusy, WarehouseError)


def test_a_check_with_nothing_to_judge_writes_nothing(wh_path):
    with Warehouse.open(wh_path) as wh:
        load(wh, bulletin(D, {"tanks": (100, 1)}))
        assert wh.run_check().dates == 1
    before = hashlib.sha256(wh_path.read_bytes()).hexdigest()
    with Warehouse.open(wh_path) as wh:
        summary = wh.run_check()
        assert (summary.checked, summary.dates, summary.counts) == (0, 0, {})
        temp = "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'check_targets'"
        assert wh.one(temp) == (0,)  # its scratch table is gone too
    assert hashlib.sha256(wh_path.read_bytes()).hexdigest() == before


def test_transaction_commits_rolls_back_on_error_or_when_asked():
    con = duckdb.connect()
    con.execute("CREATE TABLE t (a INTEGER)")
    with transaction(con):
        con.execute("INSERT INTO t (a) VALUES (1)")
    with pytest.raises(ZeroDivisionError), transaction(con):
        con.execute("INSERT INTO t (a) VALUES (2)")
        raise ZeroDivisionError
    with transaction(con) as tx:
        con.execute("INSERT INTO t (a) VALUES (3)")
        tx.roll_back()
    assert con.execute("SELECT a FROM t").fetchall() == [(1,)]
    # and the connection is usable: no transaction was left open
    with transaction(con):
        con.execute("INSERT INTO t (a) VALUES (4)")
    assert con.execute("SELECT a FROM t ORDER BY a").fetchall() == [(1,), (4,)]


def test_mark_parse_error_twice_and_on_a_missing_document(wh):
    [doc_id] = wh.store_documents([document("http://m/mod/1")])
    wh.mark_parse_error(doc_id, "no table", PARSER)
    wh.mark_parse_error(doc_id, "no table", PARSER)  # the same again: no change, no error
    stored = wh.stored_document(doc_id)
    assert (stored.parse_status, stored.parse_error, stored.parser_version) == (
        "error",
        "no table",
        PARSER,
    )
    with pytest.raises(WarehouseError, match="no stored document with id 999"):
        wh.mark_parse_error(999, "no table", PARSER)
