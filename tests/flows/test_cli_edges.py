"""Rough edges a new user met on the command line: each is one clear line now."""

from __future__ import annotations

import re

import pytest
import typer.main
from typer.testing import CliRunner

from flows.cli import app
from tests.support.warehouse import bulletin, load
from warehouse import Warehouse, WarehouseError


def run(*args: str):
    return CliRunner().invoke(app, list(args))


def warehouse_with_a_day(tmp_path):
    import datetime as dt

    path = tmp_path / "w.duckdb"
    with Warehouse.open(path) as wh:
        load(wh, bulletin(dt.date(2024, 6, 4), {"tanks": (7900, 3)}))
    return path


def test_sql_takes_exactly_one_statement(tmp_path):
    path = warehouse_with_a_day(tmp_path)
    two = run("sql", "SELECT 1; SELECT 2", "--warehouse", str(path))
    assert (
        two.exit_code == 2 and "give one SQL statement; the text holds 2 statements" in two.output
    )
    empty = run("sql", "  ", "--warehouse", str(path))
    assert empty.exit_code == 2 and "the text holds no SQL statement" in empty.output
    assert "Traceback" not in two.output + empty.output
    assert run("sql", "SELECT 41 + 1 AS x", "--warehouse", str(path)).exit_code == 0


def test_a_backfill_ending_before_it_starts_is_refused_at_once():
    result = run("backfill", "--start", "2024-06-05", "--end", "2024-06-02")
    assert result.exit_code == 2
    assert "--start 2024-06-05 is after --end 2024-06-02" in result.output


def test_a_warehouse_that_cannot_be_created_is_one_line(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    result = run("check", "--warehouse", str(blocker / "w.duckdb"))
    assert result.exit_code == 2 and "no warehouse at" in result.output
    with pytest.raises(WarehouseError, match="cannot create the warehouse's directory"):
        Warehouse.open(blocker / "w.duckdb")


@pytest.mark.parametrize("command", ["", *sorted(typer.main.get_command(app).commands)])
def test_every_help_has_examples_and_one_placeholder_style(command):
    result = CliRunner().invoke(app, [*command.split(), "--help"], env={"COLUMNS": "120"})
    assert result.exit_code == 0
    assert "Example" in result.output
    # Values are named in capitals (DATE, PATH, URL); a flag shows no placeholder.
    assert not re.search(r"--[\w-]+\s+<", result.output), result.output


def test_one_meaning_per_option_name():
    meanings: dict[str, set[bool]] = {}
    for command in typer.main.get_command(app).commands.values():
        for param in command.params:
            for option in param.opts:
                meanings.setdefault(option, set()).add(bool(getattr(param, "is_flag", False)))
    assert {o: m for o, m in meanings.items() if len(m) > 1} == {}


def test_sql_prints_a_wide_result_as_records_and_any_format_asked_for(tmp_path):
    path = str(warehouse_with_a_day(tmp_path))
    wide = CliRunner().invoke(
        app, ["sql", "SELECT * FROM daily_losses", "--warehouse", path], env={"COLUMNS": "80"}
    )
    assert wide.exit_code == 0 and "-[ row 1 ]" in wide.output
    assert "tanks                    | 7900" in wide.output  # one line per column, unfolded
    query = "SELECT report_date, tanks FROM daily_losses"
    narrow = CliRunner().invoke(app, ["sql", query, "--warehouse", path], env={"COLUMNS": "80"})
    assert "┃ report_date ┃ tanks ┃" in narrow.output
    assert run("sql", query, "--format", "csv", "--warehouse", path).stdout.startswith(
        "report_date,tanks\n2024-06-04,7900\n"
    )
    markdown = run("sql", query, "--format", "markdown", "--warehouse", path).stdout
    assert markdown.startswith("| report_date | tanks |\n|---|---:|\n| 2024-06-04 | 7900 |")
    assert '"tanks": 7900' in run("sql", query, "--json", "--warehouse", path).output
    bad = run("sql", query, "--format", "xml", "--warehouse", path)
    assert bad.exit_code == 2 and "choose one of auto, table, records" in bad.output
