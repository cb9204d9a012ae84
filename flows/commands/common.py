"""What every command shares: the --warehouse option, reading a date, the settings,
and the one mapping from the project's errors to a line on stderr and an exit code.

Exit codes, for every command:
    0  done
    1  the work failed: a run failed, a document held no bulletin, new check failures
    2  the command could not do its work: a bad option or LOSSES_* variable, a
       warehouse that cannot be opened or is busy, a mirror that cannot start

A `LossesError` raised inside a command (parsers/errors.py) never shows a traceback:
`command()` prints its message and exits with its code."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from parsers.errors import ConfigError, LossesError, WarehouseError

if TYPE_CHECKING:
    from flows.settings import Settings

# Runs against the built-in mirror write here, never into the real data's warehouse.
MIRROR_WAREHOUSE = Path("warehouse/mirror.duckdb")

EXIT_FAILED = 1
EXIT_UNUSABLE = 2

WarehouseOption = Annotated[
    Path | None,
    typer.Option(
        "--warehouse",
        metavar="PATH",
        help="DuckDB file (default: LOSSES_WAREHOUSE, else warehouse/losses.duckdb).",
        show_default=False,
    ),
]

F = TypeVar("F", bound=Callable[..., Any])


def exit_code(error: LossesError) -> int:
    """The exit code for one of our errors: 2 when the command could not start its
    work (settings, the warehouse file), 1 when the work itself failed."""
    return EXIT_UNUSABLE if isinstance(error, ConfigError | WarehouseError) else EXIT_FAILED


def fail(error: LossesError | str, code: int | None = None) -> typer.Exit:
    """Print `error` as one line on stderr; the Exit to raise (`raise fail(...)`)."""
    typer.secho(f"error: {error}", fg=typer.colors.RED, err=True)
    if code is None:
        code = exit_code(error) if isinstance(error, LossesError) else EXIT_FAILED
    return typer.Exit(code)


def command(function: F) -> F:
    """A command whose LossesErrors end it with their line and exit code."""

    @functools.wraps(function)
    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            return function(*args, **kwargs)
        except LossesError as error:
            raise fail(error) from None

    return run  # type: ignore[return-value]


def parse_date(value: str | None, option: str) -> dt.date | None:
    """A YYYY-MM-DD option value (None stays None); a usage error naming `option`."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(
            f"{value!r} is not a date (YYYY-MM-DD, e.g. 2024-06-04)", param_hint=option
        ) from None


def settings() -> Settings:
    """The settings from the environment (a bad LOSSES_* variable: exit 2, named)."""
    from flows.settings import Settings

    try:
        return Settings.from_env()
    except ConfigError as error:
        raise fail(error) from None


ReadMirrorOption = Annotated[
    bool,
    typer.Option(
        "--mirror",
        help="Read warehouse/mirror.duckdb, where runs against the built-in mirror write.",
    ),
]


def warehouse_path(path: Path | None, *, mirror: bool = False) -> Path:
    """--warehouse, else the mirror's warehouse with --mirror, else LOSSES_WAREHOUSE,
    else warehouse/losses.duckdb."""
    if path is not None and mirror:
        raise typer.BadParameter("give --warehouse or --mirror, not both", param_hint="--mirror")
    return path or (MIRROR_WAREHOUSE if mirror else settings().warehouse_path)


__all__ = [
    "EXIT_FAILED",
    "EXIT_UNUSABLE",
    "MIRROR_WAREHOUSE",
    "ReadMirrorOption",
    "WarehouseOption",
    "command",
    "exit_code",
    "fail",
    "parse_date",
    "settings",
    "warehouse_path",
]
