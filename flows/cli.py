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
    epilog=(
        "Examples:\n\n"
        "  losses ingest                      # today's bulletin (offline: the mirror)\n\n"
        "  losses backfill --start 2022-02-24 --end 2024-12-31   # the history\n\n"
        "  losses check                       # findings of the delta check\n\n"
        '  losses sql "SELECT * FROM daily_losses ORDER BY report_date DESC LIMIT 3"\n\n'
        "Every command has --help with its own examples."
    ),
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
)

_COMMAND_MODULES = ("parse", "warehouse", "compare", "mirror", "run", "report", "factcheck")

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
