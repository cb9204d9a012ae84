"""`losses check | export | sql | status` through Typer, on real warehouse files."""

from __future__ import annotations

import datetime as dt
import json
import shutil

import pytest
import typer
from typer.testing import CliRunner

from flows.commands import warehouse as commands
from mirror.reference import EQUIPMENT_FILE, PERSONNEL_FILE
from tests.support.warehouse import bulletin, document, load
from warehouse import Warehouse
from warehouse.paths import bodies_dir

app = typer.Typer()
commands.register(app)
runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, list(args))


@pytest.fixture
def small(wh_path):
    """Three days of tanks, the last one with a wrong increase; not checked yet."""
    with Warehouse.open(wh_path) as wh:
        for i, (total, delta) in enumerate([(100, 100), (103, 3), (110, 5)]):
            load(
                wh, bulletin(dt.date(2024, 6, 1) + dt.timedelta(days=i), {"tanks": (total, delta)})
            )
    return wh_path


def test_check_reports_new_failures_with_exit_code_1_once(small):
    first = run("check", "--warehouse", str(small))
    assert first.exit_code == 1, first.output
    assert "1 failure(s) not reported before" in first.output
    assert "mismatch" in first.output and "2024-06-03" in first.output
    again = run("check", "--warehouse", str(small))
    assert again.exit_code == 0  # nothing new; the old failure is still listed
    assert "0 failure(s) not reported before" in again.output and "mismatch" in again.output


def test_check_reports_failures_a_flow_judged_once(small):
    with Warehouse.open(small) as wh:
        assert wh.run_check().failed == 1  # as `losses ingest` does at the end of a run
    later = run("check", "--json", "--since", "2024-06-04", "--warehouse", str(small))
    assert later.exit_code == 0  # out of --since's scope: not reported yet
    first = run("check", "--warehouse", str(small))
    assert first.exit_code == 1, first.output
    assert "nothing new to judge; 1 failure(s) not reported before" in first.output
    assert run("check", "--warehouse", str(small)).exit_code == 0
    again = run("check", "--full", "--warehouse", str(small))  # judged again the same way
    assert again.exit_code == 0 and "0 failure(s) not reported before" in again.output


def test_check_json_lists_every_row_that_is_not_ok(small):
    result = run("check", "--json", "--warehouse", str(small))
    rows = json.loads(result.stdout)
    assert [(r["report_date"], r["category"], r["status"]) for r in rows] == [
        ("2024-06-01", "tanks", "new_category"),
        ("2024-06-03", "tanks", "mismatch"),
    ]
    assert (rows[1]["source"], rows[1]["reported_delta"], rows[1]["computed_delta"]) == (
        "mod",
        5,
        7,
    )
    since = run("check", "--json", "--since", "2024-06-02", "--warehouse", str(small))
    assert [r["status"] for r in json.loads(since.stdout)] == ["mismatch"]


def test_check_on_the_reference_history(reference_warehouse, tmp_path):
    copy = tmp_path / "copy.duckdb"
    shutil.copy(reference_warehouse, copy)
    shutil.copytree(bodies_dir(reference_warehouse), bodies_dir(copy))
    result = run("check", "--json", "--warehouse", str(copy))
    assert result.exit_code == 1  # the 13 restatements, judged by the load, reported once
    rows = json.loads(result.stdout)
    assert sum(r["status"] == "restated" for r in rows) == 13
    assert {r["status"] for r in rows} == {"restated", "new_category", "merged_category"}
    assert run("check", "--json", "--warehouse", str(copy)).exit_code == 0


def test_export_petroivaniuk_and_csv(reference_warehouse, tmp_path):
    out = tmp_path / "out"
    result = run(
        "export", "--format", "json", "--shape", "petroivaniuk", "--out", str(out),
        "--warehouse", str(reference_warehouse),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == [EQUIPMENT_FILE, PERSONNEL_FILE]
    csv_path = tmp_path / "daily.csv"
    result = run(
        "export", "--format", "csv", "--out", str(csv_path), "--warehouse", str(reference_warehouse)
    )
    assert result.exit_code == 0 and result.stdout.strip() == str(csv_path)
    header, first, *_ = csv_path.read_text().splitlines()
    assert header.startswith("report_date,losses_date,day,personnel,")
    assert first.startswith("2022-02-25,2022-02-24,2,")  # the bulletin of D counts D-1


def test_export_errors_are_one_line(reference_warehouse, tmp_path):
    result = run(
        "export", "--format", "csv", "--shape", "petroivaniuk", "--out", str(tmp_path),
        "--warehouse", str(reference_warehouse),
    )  # fmt: skip
    assert result.exit_code == 2
    assert "the petroivaniuk shape is json only" in result.output
    assert "Traceback" not in result.output
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    for fmt, out in [("csv", blocker / "daily.csv"), ("parquet", blocker / "x" / "d.parquet")]:
        result = run(
            "export", "--format", fmt, "--out", str(out), "--warehouse", str(reference_warehouse)
        )
        assert result.exit_code == 2, result.output
        assert f"cannot write {blocker}" in result.output
        assert result.exception is None or isinstance(result.exception, SystemExit)


def test_sql_table_json_and_errors(small):
    table = run(
        "sql", "SELECT report_date, tanks FROM daily_losses ORDER BY 1", "--warehouse", str(small)
    )
    assert table.exit_code == 0 and "2024-06-03" in table.stdout and "110" in table.stdout
    as_json = run(
        "sql", "--json", "SELECT * FROM daily_losses ORDER BY 1", "--warehouse", str(small)
    )
    rows = json.loads(as_json.stdout)
    assert rows[0]["report_date"] == "2024-06-01" and rows[0]["tanks"] == 100
    bad = run("sql", "SELEC 1", "--warehouse", str(small))
    assert bad.exit_code == 2 and "error: SQL: Parser Error" in bad.output
    assert "Traceback" not in bad.output
    write = run("sql", "DELETE FROM observations", "--warehouse", str(small))
    assert write.exit_code == 2 and "read-only" in write.output
    target = small.parent / "written.csv"
    copy = run("sql", f"COPY (SELECT 1) TO '{target}'", "--warehouse", str(small))
    assert copy.exit_code == 2 and "disabled" in copy.output
    assert not target.exists()


def test_status(small):
    run("check", "--warehouse", str(small))
    result = run("status", "--warehouse", str(small))
    assert result.exit_code == 0
    assert "2024-06-01" in result.stdout and "2024-06-03" in result.stdout
    assert "1 mismatch" in result.stdout and "1 failure(s)" in result.stdout
    info = json.loads(run("status", "--json", "--warehouse", str(small)).stdout)
    assert info["sources"][0]["last_date"] == "2024-06-03"
    assert info["documents"] == {"loaded": 3}


def test_status_lists_quarantined_documents_whose_date_is_still_missing(small):
    with Warehouse.open(small) as wh:
        ids = wh.store_documents(
            [
                document("http://m/mod/bad-0603", "<p>x</p>", report_date=dt.date(2024, 6, 3)),
                document("http://m/mod/bad-0604", "<p>y</p>", report_date=dt.date(2024, 6, 4)),
            ]
        )
        for doc_id in ids:
            wh.mark_parse_error(doc_id, "unreadable: no bulletin")
    info = json.loads(run("status", "--json", "--warehouse", str(small)).stdout)
    # 2024-06-03 is loaded from another copy: only 2024-06-04's problem is still open
    assert [doc["url"] for doc in info["quarantined"]] == ["http://m/mod/bad-0604"]
    assert info["documents"] == {"error": 2, "loaded": 3}


def test_missing_warehouse_and_default_path(tmp_path, monkeypatch):
    missing = tmp_path / "none.duckdb"
    for command in (["status"], ["check"], ["sql", "SELECT 1"]):
        result = run(*command, "--warehouse", str(missing))
        assert result.exit_code == 2
        assert f"no warehouse at {missing}" in result.output
    assert not missing.exists()  # check did not create one
    monkeypatch.setenv("LOSSES_WAREHOUSE", str(missing))
    assert f"no warehouse at {missing}" in run("status").output


def test_help_has_examples():
    for command in ("check", "export", "sql"):
        result = run(command, "--help")
        assert result.exit_code == 0 and "Examples" in result.stdout
