"""`losses report` and `losses chart`: a picture of the data. The warehouse is read
(read-only, as `losses status` reads it) and closed before anything is drawn;
matplotlib is imported only here, inside the commands (flows/charts.py), so other
commands start without it."""

from __future__ import annotations

import datetime as dt
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
    parse_date,
    settings,
    warehouse_path,
)
from parsers.vocabulary import CATEGORY_NAMES

SinceOption = Annotated[
    str | None,
    typer.Option(metavar="DATE", help="Only report dates DATE or later (YYYY-MM-DD)."),
]
OutOption = Annotated[Path, typer.Option("--out", metavar="PATH", help="The file to write.")]


def _category(name: str) -> str:
    """A category name ('armoured-combat-vehicles' too); one line naming the choices."""
    wanted = name.strip().lower().replace("-", "_").replace(" ", "_")
    if wanted not in CATEGORY_NAMES:
        raise fail(
            f"unknown category {name!r}; choose one of: {', '.join(CATEGORY_NAMES)}",
            EXIT_UNUSABLE,
        )
    return wanted


def _writable(out: Path) -> None:
    """Make --out's directory before any work, so that a path that cannot be written
    stops the command at once."""
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise fail(f"cannot write {out}: {exc.strerror or exc}", EXIT_UNUSABLE) from None


def _write(out: Path, data: bytes) -> None:
    try:
        out.write_bytes(data)
    except OSError as exc:
        raise fail(f"cannot write {out}: {exc.strerror or exc}", EXIT_UNUSABLE) from None


REPORT_EPILOG = """Examples:
  losses report --out report.html
  losses report --since 2025-01-01 --out 2025.html
  losses report --category personnel --category tanks --out two.html

The page needs nothing but a browser: its charts are inline SVG, with no script
and nothing fetched. For each category: the daily increases and their 7-day
average, the total, and every check finding (restated, mismatch, implausible)
marked at its date and listed; above them, how fresh each source is (its last
report date, its last fetch, days behind today in Europe/Kyiv)."""


def report(
    out: OutOption,
    since: SinceOption = None,
    category: Annotated[
        list[str] | None,
        typer.Option(
            "--category",
            metavar="CATEGORY",
            help="Only this category (repeat for more; default: every one).",
        ),
    ] = None,
    warehouse: WarehouseOption = None,
    mirror: ReadMirrorOption = False,
    wait: WaitOption = 120.0,
) -> None:
    """Write a self-contained HTML page of the data: charts, findings, freshness."""
    from flows.days import kyiv_today
    from flows.html_report import render_report
    from warehouse import FAILING_STATUSES

    since_date = parse_date(since, "--since")
    categories = [_category(name) for name in category] if category else None
    timezone = settings().timezone
    path = warehouse_path(warehouse, mirror=mirror)
    _writable(out)
    with open_warehouse(warehouse, read_only=True, wait=wait, mirror=mirror) as wh:
        series = wh.daily_series(since=since_date, categories=categories)
        findings = wh.check_rows(since=since_date, statuses=FAILING_STATUSES)
        freshness = wh.freshness()
    page = render_report(
        series=series,
        findings=findings,
        freshness=freshness,
        today=kyiv_today(timezone),
        generated_at=dt.datetime.now(dt.UTC),
        timezone=timezone,
        warehouse=str(path),
        since=since_date,
    )
    _write(out, page.encode("utf-8"))
    marked = sum(1 for row in findings if row.category in series)
    typer.echo(str(out))
    typer.echo(f"{len(series)} chart(s), {marked} check finding(s) marked", err=True)


CHART_EPILOG = f"""Examples:
  losses chart personnel --out personnel.svg
  losses chart tanks --since 2024-01-01 --out tanks.png

The format is the file's: .svg or .png. Categories: {", ".join(CATEGORY_NAMES)}."""


def chart(
    name: Annotated[str, typer.Argument(metavar="CATEGORY", help="The category to chart.")],
    out: Annotated[
        Path, typer.Option("--out", metavar="PATH", help="The file to write: .svg or .png.")
    ],
    since: SinceOption = None,
    warehouse: WarehouseOption = None,
    mirror: ReadMirrorOption = False,
    wait: WaitOption = 120.0,
) -> None:
    """Chart one category: daily increases, their 7-day average, the total, findings."""
    from flows.charts import FORMATS, category_chart
    from warehouse import FAILING_STATUSES

    wanted = _category(name)
    format = out.suffix.lower().lstrip(".")
    if format not in FORMATS:
        raise fail(f"--out {out}: the file must end in .svg or .png", EXIT_UNUSABLE)
    since_date = parse_date(since, "--since")
    path = warehouse_path(warehouse, mirror=mirror)
    _writable(out)
    with open_warehouse(warehouse, read_only=True, wait=wait, mirror=mirror) as wh:
        points = wh.daily_series(since=since_date, categories=[wanted]).get(wanted, [])
        findings = wh.check_rows(since=since_date, statuses=FAILING_STATUSES)
    if not points:
        scope = f" from {since_date} on" if since_date else ""
        raise fail(f"no figures of {wanted}{scope} in {path}", EXIT_FAILED)
    _write(out, category_chart(wanted, points, findings, format))
    typer.echo(str(out))


def register(app: typer.Typer) -> None:
    app.command("report", epilog=REPORT_EPILOG)(command(report))
    app.command("chart", epilog=CHART_EPILOG)(command(chart))
