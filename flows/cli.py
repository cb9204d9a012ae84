"""The `losses` command line. Each area registers its own commands; command
modules import heavy libraries (prefect, duckdb) inside the command bodies so
that `losses parse` and `losses --help` start fast."""

from __future__ import annotations

import importlib

import typer

app = typer.Typer(
    name="losses",
    help=(
        "Ingest the daily 'combat losses of the enemy' bulletins (Ministry of Defence of "
        "Ukraine, the index.minfin.com.ua aggregator, the russianwarship.rip API) into a "
        "DuckDB warehouse, and check every reported increase against the totals."
    ),
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
)

_COMMAND_MODULES = ("parse", "warehouse", "mirror", "run")

for _name in _COMMAND_MODULES:
    try:
        _module = importlib.import_module(f"flows.commands.{_name}")
    except ModuleNotFoundError as exc:  # pragma: no cover - only while an area is being built
        if exc.name != f"flows.commands.{_name}":
            raise
        continue
    _module.register(app)


def main() -> None:
    app()
