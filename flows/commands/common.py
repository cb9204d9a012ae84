"""What every command shares: the --warehouse, --mirror, --wait and --json options,
opening the warehouse and printing JSON, reading a date, the settings, and the one
mapping from the project's errors to a line on stderr and an exit code.

Exit codes, for every command:
    0  done
    1  the work failed: a run failed, a document held no bulletin, new check failures
    2  the command could not do its work: a bad option or LOSSES_* variable, a
       warehouse that cannot be opened or is busy, a mirror that cannot start

A `LossesError` raised inside a command (parsers/errors.py) never shows a traceback:
`command()` prints its message and exits with its code."""

from __future__ import annotations

import base64
import datetime as dt
import decimal
import functools
import json
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
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


WaitOption = Annotated[
    float,
    typer.Option(
        "--wait",
        metavar="SECONDS",
        min=0,
        help="How long to wait while another process holds the file (to read, a running "
        "backfill's snapshot is read at once instead).",
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]


@contextmanager
def open_warehouse(
    path: Path | None, *, read_only: bool, wait: float, mirror: bool = False
) -> Iterator[Any]:
    """The warehouse, or a clear error (exit 2) if it cannot be opened."""
    from warehouse import Warehouse

    resolved = warehouse_path(path, mirror=mirror)
    if not resolved.exists():
        hint = "run a backfill first, or pass --warehouse PATH"
        if not mirror and path is None and MIRROR_WAREHOUSE.exists():
            hint = f"the runs against the local mirror wrote {MIRROR_WAREHOUSE}: pass --mirror"
        raise fail(f"no warehouse at {resolved} ({hint})", EXIT_UNUSABLE)
    with Warehouse.open(
        resolved,
        read_only=read_only,
        wait_seconds=wait,
        on_wait=lambda message: typer.secho(message, fg=typer.colors.YELLOW, err=True),
    ) as wh:
        if wh.snapshot is not None:  # a run holds the file: say what is read instead
            typer.secho(wh.snapshot.describe(wh.path), fg=typer.colors.YELLOW, err=True)
        yield wh


def _plain(value: Any) -> Any:
    """A JSON value for anything DuckDB returns."""
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return value.total_seconds()
    if isinstance(value, decimal.Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, bytes | bytearray | memoryview):
        return base64.b64encode(bytes(value)).decode()
    if isinstance(value, uuid.UUID):
        return str(value)
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def print_json(data: Any) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2, default=_plain))


__all__ = [
    "EXIT_FAILED",
    "EXIT_UNUSABLE",
    "MIRROR_WAREHOUSE",
    "JsonOption",
    "ReadMirrorOption",
    "WaitOption",
    "WarehouseOption",
    "command",
    "exit_code",
    "fail",
    "open_warehouse",
    "parse_date",
    "print_json",
    "settings",
    "warehouse_path",
]
