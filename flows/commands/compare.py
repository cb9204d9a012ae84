"""`losses compare`: where the sources differ from the series reconciled from all of
them (warehouse/reconcile.py), with a verdict on each difference."""

from __future__ import annotations

from typing import Annotated

import typer

from flows.commands.common import (
    JsonOption,
    ReadMirrorOption,
    WaitOption,
    WarehouseOption,
    command,
    open_warehouse,
    parse_date,
    print_json,
)

COMPARE_EPILOG = """Examples:
  losses compare                              every source's differences
  losses compare --source mod --source minfin  those two only
  losses compare --since 2026-01-01 --json

Verdicts:
  likely typo          one digit edit or transposition away from the
                       reconciled value (the digit is named), or a
                       one-day excursion
  source lag           the figure of the day before: a day behind
  official correction  a superseded revision's figure, since corrected
  unexplained          none of these

Exit code 0 whether or not the sources differ."""


def compare(
    sources: Annotated[
        list[str] | None,
        typer.Option(
            "--source",
            metavar="SOURCE",
            help="Only this source's differences (repeat for several; default: every source).",
        ),
    ] = None,
    since: Annotated[
        str | None,
        typer.Option(metavar="DATE", help="Only differences dated DATE or later (YYYY-MM-DD)."),
    ] = None,
    as_json: JsonOption = False,
    warehouse: WarehouseOption = None,
    mirror: ReadMirrorOption = False,
    wait: WaitOption = 120.0,
) -> None:
    """List every figure in which a source differs from the reconciled series.

    Each row: the date, the category, the source and its figure, the reconciled
    figure (what the other sources agree on, or what the chain of totals and
    stated increases bears out), the difference and the verdict."""
    since_date = parse_date(since, "--since")
    with open_warehouse(warehouse, read_only=True, wait=wait, mirror=mirror) as wh:
        rows = wh.disagreements(since=since_date, sources=sources)
    if as_json:
        print_json(rows)
        return
    if not rows:
        typer.echo("the sources agree" + (f" from {since_date} on" if since_date else ""))
        return
    from flows.commands.warehouse import _table

    _table(
        "Where the sources differ",
        ["date", "category", "source", "figure", "reconciled", "difference", "verdict", "why"],
        [
            (
                r["report_date"],
                r["category"],
                r["source"],
                r["total"],
                r["reconciled"],
                f"{r['difference']:+d}",
                r["verdict"],
                r["note"],
            )
            for r in rows
        ],
    )


def register(app: typer.Typer) -> None:
    app.command(epilog=COMPARE_EPILOG)(command(compare))
