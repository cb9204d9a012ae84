"""`losses factcheck`: an article's claims about the losses judged against the bulletins
in the warehouse (flows/factcheck.py judges; parsers/claims.py reads the claims)."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import sys
from pathlib import Path
from typing import Annotated

import typer

from flows.commands.common import (
    EXIT_FAILED,
    EXIT_UNUSABLE,
    ReadMirrorOption,
    WaitOption,
    WarehouseOption,
    command,
    fail,
    open_warehouse,
    print_json,
)
from parsers.errors import ConfigError, MissingBulletins

HELP = "\n\n".join(
    (
        "Judge every claim an article makes about the losses against the bulletins.",
        "Finds each figure the text states (a total, a day's increase, a bound like \"over "
        '500,000"), the days it speaks of ("on Sunday", "вчора", "over the past 24 hours", '
        '"since the start of the war", "станом на 4 червня"), superlatives ("the highest '
        'single-day since the invasion") and runs ("over 1,000 a day since May 10"), and '
        "judges each against the warehouse. The article's date is --date, else the date the "
        "text states, else inferred: the bulletin whose figures the article states most of. "
        'A bulletin dated D reports the losses of D-1: "on Sunday 2 June" is the increase '
        "the bulletin of Monday 3 June states.",
        "Exit code 0 when no claim is contradicted, 1 when one is (wrong_day, wrong_number, "
        "false_superlative, false_run), 2 when the warehouse lacks bulletins the claims need "
        "(it names them and the backfill that loads them) or the article cannot be dated.",
    )
)

EPILOG = """Examples:
  losses factcheck article.txt
  losses factcheck article.txt --date 2024-06-04 --json
  pbpaste | losses factcheck -

Verdicts:
  confirmed          the bulletin of the day states the figure
  wrong_day          another day's bulletin states it (named)
  wrong_number       the day's bulletin states another figure (shown)
  consistent_bound   a bound the figure meets ("over 500,000": 512,420)
  false_superlative  a day beat it (shown: the highest such day)
  false_run          a day of the run broke it (shown: the day furthest off)
  not_in_bulletins   the bulletins cannot speak to it (a forecast)"""

_LOOKS_HTML = re.compile(r"<(?:p|br|li|div|html|body|article|span)\b", re.IGNORECASE)
_STYLES = {
    "confirmed": "green",
    "consistent_bound": "green",
    "not_in_bulletins": "yellow",
}


def register(app: typer.Typer) -> None:
    app.command("factcheck", help=HELP, epilog=EPILOG)(command(factcheck))


def factcheck(
    path: Annotated[
        str, typer.Argument(metavar="FILE", help="The article (text or HTML); '-' reads stdin.")
    ],
    date: Annotated[
        str | None,
        typer.Option(
            "--date",
            metavar="DATE",
            help="The article's date YYYY-MM-DD (default: the date it states, else the date "
            "of the bulletin its figures match best).",
            show_default=False,
        ),
    ] = None,
    as_json: Annotated[
        bool,
        typer.Option(
            "--json",
            help='Print {"article_date", "date_basis", "claims": [{"quote", "category", '
            '"value", "kind", "days", "verdict", "evidence": {"report_date", "value", '
            '"note"}}]} instead of a table.',
        ),
    ] = False,
    warehouse: WarehouseOption = None,
    mirror: ReadMirrorOption = False,
    wait: WaitOption = 120.0,
) -> None:
    """`losses factcheck` (help text above)."""
    from flows.factcheck import backfill_command
    from flows.factcheck import factcheck as judge_article
    from parsers.claims import read_claims

    given = _date(date)
    text = _read(path)
    article = read_claims(text)
    if not article.claims:
        typer.echo(f"no claim about the losses found in {_name(path)}", err=True)
        when = given or article.stated_date
        if as_json:
            basis = "given" if given else ("stated" if when else None)
            print_json({"article_date": when, "date_basis": basis, "claims": []})
        return
    with open_warehouse(warehouse, read_only=True, wait=wait, mirror=mirror) as wh:
        try:
            report = judge_article(article, wh, date=given)
        except MissingBulletins as error:
            flag = f"{warehouse}" if warehouse else None
            load = backfill_command(error.dates, flag)
            if mirror:
                load = load.replace("losses backfill", "losses backfill --mirror", 1)
            raise fail(f"{error}; load them: {load}", EXIT_UNUSABLE) from None
    if as_json:
        print_json(report.to_json())
    else:
        _print_table(report)
    if report.contradicted:
        raise typer.Exit(EXIT_FAILED)


def _date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ConfigError(f"--date {value!r} is not a date (YYYY-MM-DD, e.g. 2024-06-04)") from None


def _name(path: str) -> str:
    return "<stdin>" if path == "-" else path


def _read(path: str) -> str:
    from parsers.decoding import decode_body
    from parsers.errors import ParseError

    try:
        body = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
    except OSError as exc:
        raise ConfigError(f"cannot read {_name(path)}: {exc.strerror or exc}", path=path) from None
    try:
        text = decode_body(body)
    except ParseError as exc:
        raise ConfigError(f"{_name(path)}: {exc}", path=path) from None
    if _LOOKS_HTML.search(text[:5000]):
        from parsers.html import html_to_lines

        text = "\n".join(html_to_lines(text))
    return text


def _print_table(report) -> None:
    from rich.console import Console
    from rich.table import Table

    # A pipe gets $COLUMNS, else 160 columns (a terminal: its own width).
    width = None if sys.stdout.isatty() else shutil.get_terminal_size((160, 24)).columns
    console = Console(width=width)
    table = Table(
        title=f"Article of {report.article_date} ({report.date_note})",
        title_justify="left",
        show_lines=True,
    )
    table.add_column("claim", ratio=3, overflow="fold")
    table.add_column("says", ratio=2, overflow="fold")
    table.add_column("verdict", no_wrap=True)
    table.add_column("evidence", ratio=3, overflow="fold")
    for finding in report.findings:
        style = _STYLES.get(finding.verdict, "red")
        table.add_row(
            f"“{finding.claim.quote}”",
            finding.says,
            f"[{style}]{finding.verdict}[/{style}]",
            finding.evidence.note,
        )
    console.print(table)
    counts = ", ".join(f"{n} {verdict}" for verdict, n in report.counts().items())
    contradicted = len(report.contradicted)
    console.print(
        f"{len(report.findings)} claim(s): {counts}; "
        + (f"{contradicted} contradicted" if contradicted else "none contradicted"),
        highlight=False,
    )
