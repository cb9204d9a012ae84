"""The command line's one mapping from our errors to a line and an exit code."""

from __future__ import annotations

import pytest
import typer
from typer.testing import CliRunner

from flows.cli import app
from flows.commands.common import EXIT_FAILED, EXIT_UNUSABLE, command, exit_code
from parsers.errors import (
    ChallengePage,
    ConfigError,
    FetchError,
    LockTimeout,
    LossesError,
    ParseError,
    RunFailed,
    WarehouseBusy,
    WarehouseError,
)


@pytest.mark.parametrize(
    ("error", "code"),
    [
        (ConfigError("LOSSES_X='y' is not a number"), EXIT_UNUSABLE),
        (WarehouseError("no warehouse at x"), EXIT_UNUSABLE),
        (WarehouseBusy("locked"), EXIT_UNUSABLE),
        (LockTimeout("busy with another run"), EXIT_UNUSABLE),
        (ParseError("no bulletin"), EXIT_FAILED),
        (ChallengePage("a challenge"), EXIT_FAILED),
        (FetchError("http://x/", "gave up"), EXIT_FAILED),
        (RunFailed("run failed"), EXIT_FAILED),
    ],
)
def test_each_kind_has_its_exit_code(error, code):
    assert isinstance(error, LossesError) and exit_code(error) == code


def test_a_losses_error_in_a_command_is_one_line_without_a_traceback():
    demo = typer.Typer()

    @demo.command()
    @command
    def fails() -> None:
        raise WarehouseBusy("the warehouse x is locked by another process", path="x")

    result = CliRunner().invoke(demo, [])
    assert result.exit_code == EXIT_UNUSABLE and result.exception.__class__ is SystemExit
    assert result.output.strip() == "error: the warehouse x is locked by another process"


def test_a_bad_variable_stops_a_command_naming_it(monkeypatch, tmp_path):
    monkeypatch.setenv("LOSSES_MAX_CONNECTIONS", "many")
    result = CliRunner().invoke(app, ["backfill", "--start", "2024-06-01", "--end", "2024-06-02"])
    assert result.exit_code == EXIT_UNUSABLE
    assert "LOSSES_MAX_CONNECTIONS='many' is not a whole number" in result.output
    assert "Traceback" not in result.output


def test_a_bad_date_is_a_usage_error_naming_the_option(tmp_path):
    result = CliRunner().invoke(
        app, ["check", "--since", "2024-13-01", "--warehouse", str(tmp_path)]
    )
    assert result.exit_code == 2 and "--since" in result.output and "not a date" in result.output
