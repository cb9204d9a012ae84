"""`losses parse`: read one document with the parsers and print its bulletins."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from flows.commands.common import command, fail, parse_date
from parsers.model import SourceName

_CONTENT_TYPES = {".json": "application/json", ".html": "text/html", ".htm": "text/html"}


# The --format choices: every source's format, or "auto" to sniff it.
Format = StrEnum("Format", [("auto", "auto"), *((s.value, s.value) for s in SourceName)])


def register(app: typer.Typer) -> None:
    @app.command(
        "parse",
        short_help="Parse one fetched document and print its bulletins.",
        help=(
            "Parse one fetched document (MoD page, aggregator page or month fragment, API "
            "JSON, press text, or a dataset file) and print its bulletins. Exit code 0 when at "
            "least one bulletin was read, with at least one figure (errors, if any, are "
            "listed), 1 with the reason on stderr when none was."
        ),
        epilog=(
            "Examples:\n"
            "  losses parse page.html          # sniff the format, print a table\n"
            "  losses parse page.html --json   # JSON list, one object per bulletin\n"
            "  losses parse month.html --format minfin --json\n"
            "  pbpaste | losses parse - --format text --date 2024-11-23"
        ),
    )
    @command
    def parse_command(
        path: Annotated[
            str, typer.Argument(metavar="PATH", help="The document to read; '-' reads stdin.")
        ],
        format: Annotated[
            Format,
            typer.Option(
                "--format",
                "-f",
                metavar="FORMAT",
                help="mod (MoD page), minfin (aggregator page or month fragment), api "
                "(JSON), text (press repost), petroivaniuk / petroivaniuk_personnel (the "
                "PetroIvaniuk dataset's equipment / personnel file), daycsv (a CSV keyed by "
                "the losses day), or auto to sniff it.",
            ),
        ] = Format.auto,
        date: Annotated[
            str | None,
            typer.Option(
                "--date",
                metavar="DATE",
                help="Report date YYYY-MM-DD for a document that does not state one (press "
                "text); also gives the year to a date written without one.",
            ),
        ] = None,
        as_json: Annotated[
            bool,
            typer.Option(
                "--json",
                help='Print a JSON list: {"date", "losses_date", "source", "lang", "figures": '
                '{category: {"total", "delta", "approximate", "qualifier"}}, "errors"} per '
                "bulletin (date: the report date D; losses_date: D-1, the day the increases "
                'happened; qualifier: "about", "more", "up_to" or null).',
            ),
        ] = False,
    ) -> None:
        """`losses parse` (help text above)."""
        from parsers import ParseError, parse_document

        fallback = parse_date(date, "--date")
        name = "<stdin>" if path == "-" else path
        try:
            body = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
        except OSError as exc:
            raise fail(f"cannot read {name}: {exc.strerror or exc}") from None
        content_type = _CONTENT_TYPES.get(Path(path).suffix.lower()) if path != "-" else None
        try:
            bulletins = parse_document(
                body, format=format.value, date=fallback, content_type=content_type
            )
        except ParseError as exc:
            raise fail(f"{name}: {exc}") from None
        if not bulletins:
            raise fail(f"{name}: no bulletin found")
        if not any(bulletin.figures for bulletin in bulletins):
            # Figure lines were there but none could be read ("tanks — 12O"): nothing parsed.
            reasons = "; ".join(e for b in bulletins for e in b.errors) or "no figures"
            raise fail(f"{name}: no figure could be read: {reasons}")
        if as_json:
            # The JSON holds the errors too; stderr repeats them for a reader of the terminal.
            for bulletin in bulletins:
                for error in bulletin.errors:
                    when = bulletin.date or "no date"
                    typer.echo(f"losses parse: {name}: {when}: {error}", err=True)
            typer.echo(json.dumps([b.to_json() for b in bulletins], ensure_ascii=False, indent=2))
        else:
            _print_tables(bulletins)


def _print_tables(bulletins) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    for bulletin in bulletins:
        when = f"{bulletin.date} (losses of {bulletin.losses_date})" if bulletin.date else None
        table = Table(
            title=f"{when or 'date unknown'} · {bulletin.source} · {bulletin.lang}",
            title_justify="left",
        )
        table.add_column("category")
        table.add_column("total", justify="right")
        table.add_column("increase", justify="right")
        table.add_column("qualifier")
        for name, figure in bulletin.figures.items():
            delta = "" if figure.delta is None else f"{figure.delta:+d}"
            table.add_row(name, str(figure.total), delta, figure.qualifier or "")
        console.print(table)
        for error in bulletin.errors:
            console.print(f"[red]error:[/red] {error}", highlight=False)
