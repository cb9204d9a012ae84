"""`losses check`, `losses export`, `losses sql`, `losses status`: the warehouse
from the command line. Every command takes --warehouse PATH (default:
$LOSSES_WAREHOUSE, else warehouse/losses.duckdb); a warehouse that cannot be
opened or read is one clear line on stderr and exit code 2 (flows/commands/common.py)."""

from __future__ import annotations

import datetime as dt
import decimal
import sys
from collections import Counter
from pathlib import Path
from typing import Annotated, Any

import typer

from flows.commands.common import (
    EXIT_UNUSABLE,
    JsonOption,
    ReadMirrorOption,
    WaitOption,
    WarehouseOption,
    command,
    fail,
    open_warehouse,
    parse_date,
    print_json,
)
from flows.commands.running import running_line


def _table(title: str | None, columns: list[str], rows: list[tuple]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title, show_lines=False)
    for index, column in enumerate(columns):
        # Numbers right-aligned and never wrapped; headers never split mid-word.
        numeric = _numeric(rows, index)
        table.add_column(
            column,
            overflow="fold",
            no_wrap=numeric,
            justify="right" if numeric else "left",
            min_width=min(len(column), 24),
        )
    for row in rows:
        table.add_row(*("" if value is None else str(value) for value in row))
    Console(width=None if sys.stdout.isatty() else 200).print(table)


CHECK_EPILOG = """Examples:
  losses check                       judge what is new since the last check
  losses check --since 2024-06-01    list the failures from that date on
  losses check --json | jq '.[] | select(.status == "restated")'

Statuses:
  ok               the stated increase is the difference of the totals
  mismatch         it is not
  gap              days missing before it; the totals grew at least as stated
  restated         the total fell (a correction; bulletins state +0)
  new_category     nothing to compare with (first date, or a new category)
  merged_category  first day of a merged category, equal to its parents' sum
  no_delta         the bulletin states no increase
  implausible      over the daily bound, negative, or 100x the previous total

Exit code 1 when there is a mismatch, restated or implausible row (from --since on)
that no earlier `losses check` reported, whether this command or a flow's run judged
it; so `losses ingest && losses check` alerts once per new failure."""


def check(
    since: Annotated[
        str | None,
        typer.Option(metavar="DATE", help="Only list findings dated DATE or later (YYYY-MM-DD)."),
    ] = None,
    as_json: JsonOption = False,
    full: Annotated[
        bool, typer.Option("--full", help="Judge every stored date again, not just new ones.")
    ] = False,
    warehouse: WarehouseOption = None,
    mirror: ReadMirrorOption = False,
    wait: WaitOption = 120.0,
) -> None:
    """Run the delta check on what is new, then list the findings.

    Without --json: the failures (mismatch, restated, implausible) and a count of
    every status. With --json: a list of every row that is not ok (source,
    report_date, category, status, reported_delta, computed_delta, ...)."""
    from warehouse import FAILING_STATUSES

    since_date = parse_date(since, "--since")
    with open_warehouse(warehouse, read_only=False, wait=wait, mirror=mirror) as wh:
        summary = wh.run_check(full=full)
        # New: not reported by this command before, whoever judged it (a flow's run too).
        new = wh.report_new_failures(since=since_date)
        findings = wh.check_rows(since=since_date)
        counts = wh.check_counts(since=since_date)
    if as_json:
        print_json([row.to_dict() for row in findings])
    else:
        scope = f" since {since_date}" if since_date else ""
        # "New" failures may have been judged by a flow's run before this command:
        # new to a reader of `losses check`, not necessarily to the check.
        judged = (
            f"judged {summary.checked} new row(s) on {summary.dates} date(s)"
            if summary.checked
            else "nothing new to judge"
        )
        typer.echo(f"{judged}; {len(new)} failure(s) not reported before")
        failures = [row for row in findings if row.status in FAILING_STATUSES]
        if failures:
            _table(
                f"Failures{scope}",
                ["source", "date", "category", "status", "reported", "computed", "note", "verdict"],
                [
                    (
                        r.source,
                        r.report_date,
                        r.category,
                        r.status,
                        r.reported_delta,
                        r.computed_delta,
                        r.note,
                        f"{r.verdict}: {r.verdict_note}" if r.verdict else "",
                    )
                    for r in failures
                ],
            )
        else:
            typer.echo(f"no failures{scope}")
        typer.echo("all rows" + scope + ": " + ", ".join(f"{n} {s}" for s, n in counts.items()))
        if summary.disagreements:
            verdicts = Counter(d["verdict"] for d in summary.disagreements)
            typer.echo(
                f"{len(summary.disagreements)} figure(s) of the dates judged differ between "
                "sources (" + ", ".join(f"{n} {v}" for v, n in verdicts.items()) + "): "
                "`losses compare` lists them"
            )
    if new:
        raise typer.Exit(1)


EXPORT_EPILOG = """Examples:
  losses export --format csv --out daily.csv
  losses export --format parquet --out daily.parquet
  losses export --format json --shape petroivaniuk --out export/
  losses export --format csv --series reconciled --out reconciled.csv

The reconciled series has one row per date and category, from every source:
the total they agree on (or the one the chain of totals and increases bears
out), its confidence, the sources that agree and those that differ (see
`losses compare`). The petroivaniuk shape writes DIR/russia_losses_equipment.json and
DIR/russia_losses_personnel.json like the PetroIvaniuk dataset (key names,
layout, indentation)."""


def export(
    format: Annotated[
        str, typer.Option("--format", metavar="csv|parquet|json", help="Output format.")
    ],
    out: Annotated[
        Path,
        typer.Option("--out", metavar="PATH", help="File to write (a directory for --shape)."),
    ],
    shape: Annotated[
        str | None,
        typer.Option("--shape", metavar="petroivaniuk", help="Reproduce another dataset's files."),
    ] = None,
    series: Annotated[
        str,
        typer.Option(
            "--series",
            metavar="preferred|reconciled",
            help="The preferred source's figures, or the series reconciled from every source.",
        ),
    ] = "preferred",
    warehouse: WarehouseOption = None,
    mirror: ReadMirrorOption = False,
    wait: WaitOption = 120.0,
) -> None:
    """Export daily_losses to csv, parquet or json.

    One row per date, one column per category: the latest revision of the
    preferred source (mod, then minfin, api, text)."""
    with open_warehouse(warehouse, read_only=True, wait=wait, mirror=mirror) as wh:
        files = wh.export(format, out, shape=shape, series=series)
    for path in files:
        typer.echo(str(path))


SQL_EPILOG = """Examples:
  losses sql "SELECT * FROM daily_losses ORDER BY report_date DESC LIMIT 5"
  losses sql --json "SELECT * FROM check_findings WHERE status = 'restated'"
  losses sql "SELECT source, count(*) FROM bulletins GROUP BY 1"

Tables: documents, bulletins, observations, checks, runs, categories,
category_lineage, plausibility_bounds, source_preference.
Views: daily_losses, daily_losses_long, latest_observations, check_findings,
source_disagreements. The warehouse is opened read-only, without file access."""


SQL_FORMATS = ("auto", "table", "records", "csv", "json", "markdown")


def sql(
    query: Annotated[str, typer.Argument(metavar="SQL", help="One SQL statement.")],
    format: Annotated[
        str,
        typer.Option(
            "--format",
            metavar="FORMAT",
            help="auto (a table when it fits the terminal, else one record per block), "
            "table, records, csv, json or markdown.",
        ),
    ] = "auto",
    as_json: Annotated[bool, typer.Option("--json", help="Same as --format json.")] = False,
    warehouse: WarehouseOption = None,
    mirror: ReadMirrorOption = False,
    wait: WaitOption = 120.0,
) -> None:
    """Run one read-only SQL query on the warehouse and print the result."""
    import duckdb

    if format not in SQL_FORMATS:
        raise typer.BadParameter(
            f"{format!r}: choose one of {', '.join(SQL_FORMATS)}", param_hint="--format"
        )
    with open_warehouse(warehouse, read_only=True, wait=wait, mirror=mirror) as wh:
        # Read-only covers the database; this covers files (COPY TO, read_csv, ATTACH).
        wh.restrict_external_access()
        try:
            columns, rows = wh.query(query)
        except duckdb.Error as exc:
            raise fail(f"SQL: {exc}", EXIT_UNUSABLE) from None
    if not columns:
        return
    format = "json" if as_json else format
    if format == "json":
        print_json([dict(zip(columns, row, strict=True)) for row in rows])
        return
    text = [["" if value is None else str(_shown(value)) for value in row] for row in rows]
    if format == "csv":
        import csv

        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows(text)
    elif format == "markdown":
        typer.echo("| " + " | ".join(columns) + " |")
        typer.echo(
            "|"
            + "|".join("---:" if _numeric(rows, i) else "---" for i in range(len(columns)))
            + "|"
        )
        for row in text:
            typer.echo("| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |")
    elif format == "records" or (format == "auto" and not _fits(columns, text)):
        _records(columns, text)
    else:
        _table(None, columns, rows)
    typer.echo(f"{len(rows)} row(s)", err=True)


def _shown(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date | dt.datetime) else value


def _numeric(rows: list[tuple], index: int) -> bool:
    values = [row[index] for row in rows if row[index] is not None]
    return bool(values) and all(isinstance(v, int | float | decimal.Decimal) for v in values)


def _width() -> int:
    import shutil

    return shutil.get_terminal_size((120, 24)).columns


def _fits(columns: list[str], text: list[list[str]]) -> bool:
    """Whether a table of these cells fits the terminal without folding a cell."""
    widths = [
        max([len(column), *(len(row[i]) for row in text)]) for i, column in enumerate(columns)
    ]
    return sum(widths) + 3 * len(columns) + 1 <= _width()


def _records(columns: list[str], text: list[list[str]]) -> None:
    """One block per row, a line per column (as psql's expanded display)."""
    name_width = max(len(column) for column in columns)
    for number, row in enumerate(text, start=1):
        typer.echo(f"-[ row {number} ]" + "-" * max(0, name_width - 6))
        for column, cell in zip(columns, row, strict=True):
            typer.echo(f"{column.ljust(name_width)} | {cell}")


def status(
    as_json: JsonOption = False,
    warehouse: WarehouseOption = None,
    mirror: ReadMirrorOption = False,
    wait: WaitOption = 120.0,
) -> None:
    """Last date per source, counts, check failures, quarantined documents, the last run."""
    from warehouse import FAILING_STATUSES

    with open_warehouse(warehouse, read_only=True, wait=wait, mirror=mirror) as wh:
        info = wh.status()
    if as_json:
        print_json(info)
        return
    typer.echo(f"warehouse {info['warehouse']} (schema version {info['schema_version']})")
    if info["sources"]:
        _table(
            "Bulletins",
            ["source", "first date", "last date", "dates", "revised dates"],
            [tuple(s.values()) for s in info["sources"]],
        )
    else:
        typer.echo("no bulletins loaded yet")
    documents = ", ".join(f"{n} {s}" for s, n in info["documents"].items()) or "none"
    typer.echo(f"documents: {documents}; observations: {info['observations']}")
    checks = info["checks"]
    failed = sum(n for s, n in checks.items() if s in FAILING_STATUSES)
    typer.echo(
        "checks: "
        + (", ".join(f"{n} {s}" for s, n in checks.items()) or "none")
        + f"; {failed} failure(s); {info['unchecked_dates']} date(s) not checked yet"
    )
    lost = info["missing_packs"]
    if lost:
        typer.secho(
            f"bodies: {len(lost)} pack(s) missing from the body store, holding the bodies of "
            f"{sum(lost.values())} document(s): run `losses verify` for which",
            fg=typer.colors.RED,
        )
    for doc in info["quarantined"]:
        typer.echo(f"quarantined #{doc['document_id']} {doc['url']}: {doc['error']}")
    run = info["last_run"]
    if run and run["outcome"] != "running":  # a running one is named below
        typer.echo(
            f"last run #{run['run_id']} {run['flow']} {run['outcome']}, started "
            f"{run['started_at']:%Y-%m-%d %H:%M} UTC: {run['documents_fetched']} document(s), "
            f"{run['bulletins_loaded']} bulletin(s), {run['checks_failed']} check failure(s)"
            + (f" - {run['message']}" if run["message"] else "")
        )
    for running in info["running"]:
        line, color = running_line(running)
        typer.secho(line, fg=color)


VERIFY_EPILOG = """Examples:
  losses verify
  losses verify --json | jq '.problems[].url'

Exit code 1 when a body is missing or damaged; each is listed with the first document
that holds it. Fetching those documents again restores their bodies:
  losses backfill --refetch --source SOURCE --start FIRST --end LAST"""


def verify(
    as_json: JsonOption = False,
    warehouse: WarehouseOption = None,
    mirror: ReadMirrorOption = False,
    wait: WaitOption = 120.0,
) -> None:
    """Read every stored document body back and check it against its sha256."""
    with open_warehouse(warehouse, read_only=True, wait=wait, mirror=mirror) as wh:
        checked, problems = wh.verify_bodies()
    if as_json:
        print_json({"checked": checked, "problems": [vars(p) for p in problems]})
    elif not problems:
        typer.echo(f"{checked} bodies checked: every one is there and intact")
    else:
        typer.echo(f"{checked} bodies checked: {len(problems)} missing or damaged")
        _table(
            "Bodies that cannot be read back",
            ["problem", "where", "documents", "first document", "source", "report dates"],
            [
                (
                    p.problem,
                    p.where,
                    p.documents,
                    p.url,
                    p.source,
                    f"{p.first_date}..{p.last_date}" if p.first_date else "",
                )
                for p in problems
            ],
        )
        for source in sorted({p.source for p in problems if p.source and p.first_date}):
            dated = [p for p in problems if p.source == source and p.first_date]
            first = min(p.first_date for p in dated)
            last = max(p.last_date for p in dated)
            typer.echo(
                f"restore: losses backfill --refetch --source {source} --start {first} --end {last}"
            )
    if problems:
        raise typer.Exit(1)


STATUS_EPILOG = """Examples:
  losses status                         the default warehouse
  losses status --warehouse warehouse/mirror.duckdb
  losses status --json | jq '.sources'"""


def register(app: typer.Typer) -> None:
    app.command("check", epilog=CHECK_EPILOG)(command(check))
    app.command("export", epilog=EXPORT_EPILOG)(command(export))
    app.command("sql", epilog=SQL_EPILOG)(command(sql))
    app.command("status", epilog=STATUS_EPILOG)(command(status))
    app.command("verify", epilog=VERIFY_EPILOG)(command(verify))
