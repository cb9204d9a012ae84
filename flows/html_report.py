"""`losses report`'s page: one self-contained HTML file (its charts inline SVG, its
style inline, no script, nothing fetched when it is opened) from the warehouse's
rows: how fresh each source is, the newest totals, and per category a chart of the
daily increases with their 7-day average and the total, every check finding marked
where it happened and listed below it. A pure function: rows in, text out."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from html import escape
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from flows import charts

if TYPE_CHECKING:
    from warehouse.records import CheckRow, SeriesPoint, SourceFreshness

SPARK_DAYS = 14
# The marks as the charts draw them (flows/charts.py STATUS_STYLES), in words.
_LEGEND = {"restated": "▼", "mismatch": "✕", "implausible": "▲"}

_STYLE = """
:root { color-scheme: light; --muted: #5f6b76; --line: #e3e7eb; }
* { box-sizing: border-box; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif;
       color: #1d252c; background: #f6f8fa; margin: 0; }
main { max-width: 1100px; margin: 0 auto; padding: 24px 20px 48px; }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 19px; margin: 0 0 10px; }
p.lead, p.note { color: var(--muted); margin: 0 0 18px; }
section { background: #fff; border: 1px solid var(--line); border-radius: 8px;
          padding: 16px 18px; margin: 0 0 18px; }
table { border-collapse: collapse; width: 100%; font-size: 14px; }
th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid var(--line);
         vertical-align: top; }
th { color: var(--muted); font-weight: 600; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.spark { font-family: "DejaVu Sans Mono", ui-monospace, monospace; letter-spacing: 1px;
           white-space: nowrap; }
.behind { color: #c62828; font-weight: 600; }
nav a { margin-right: 10px; white-space: nowrap; }
svg.chart { display: block; width: 100%; height: auto; }
.status { font-weight: 600; }
.status.mismatch { color: #c62828; } .status.restated { color: #ef6c00; }
.status.implausible { color: #6a1b9a; }
details summary { cursor: pointer; color: var(--muted); margin-top: 8px; }
"""


def _number(value: float | None, digits: int = 0) -> str:
    return "" if value is None else f"{value:,.{digits}f}"


def _when(moment: dt.datetime | None, zone: ZoneInfo) -> str:
    return "" if moment is None else moment.astimezone(zone).strftime("%Y-%m-%d %H:%M")


def _freshness(freshness: Sequence[SourceFreshness], today: dt.date, zone: ZoneInfo) -> str:
    if not freshness:
        return "<p>No source has brought anything in yet.</p>"
    rows = []
    for fresh in freshness:
        behind = fresh.days_behind(today)
        shown = "" if behind is None else f"{behind}"
        css = ' class="n behind"' if behind is not None and behind > 1 else ' class="n"'
        rows.append(
            f"<tr><td>{escape(fresh.source)}</td><td>{fresh.last_report_date or ''}</td>"
            f"<td>{_when(fresh.last_fetched_at, zone)}</td><td{css}>{shown}</td></tr>"
        )
    return (
        "<table><thead><tr><th>source</th><th>last report date</th>"
        f"<th>last fetch ({escape(zone.key)})</th><th class='n'>days behind {today}</th>"
        "</tr></thead><tbody>" + "".join(rows) + "</tbody></table>"
    )


def _overview(days: Mapping[str, Sequence[charts.Day]], marks: Mapping[str, list]) -> str:
    rows = []
    for category, series in days.items():
        last = series[-1]
        increases = {d.date: d.increase for d in series[-SPARK_DAYS:]}
        recent = charts.sparkline(
            [increases.get(last.date - dt.timedelta(days=n)) for n in range(SPARK_DAYS - 1, -1, -1)]
        )
        rows.append(
            f'<tr><td><a href="#{category}">{escape(charts.display_name(category))}</a></td>'
            f"<td>{last.date}</td><td class='n'>{_number(last.total)}</td>"
            f"<td class='n'>{'' if last.increase is None else f'+{last.increase:,}'}</td>"
            f"<td class='n'>{_number(last.average, 1)}</td>"
            f"<td class='spark'>{recent}</td><td class='n'>{len(marks[category])}</td></tr>"
        )
    return (
        "<table><thead><tr><th>category</th><th>last date</th><th class='n'>total</th>"
        "<th class='n'>increase</th><th class='n'>7-day average</th>"
        f"<th>last {SPARK_DAYS} days</th><th class='n'>findings</th></tr></thead><tbody>"
        + "".join(rows)
        + "</tbody></table>"
    )


def _findings_table(findings: Sequence[CheckRow]) -> str:
    if not findings:
        return '<p class="note">No check finding.</p>'
    rows = "".join(
        f"<tr><td>{row.report_date}</td><td>{escape(row.source)}</td>"
        f'<td class="status {escape(row.status)}">{escape(row.status)}</td>'
        f"<td class='n'>{_number(row.reported_delta)}</td>"
        f"<td class='n'>{_number(row.computed_delta)}</td><td>{escape(row.note or '')}</td></tr>"
        for row in findings
    )
    return (
        f"<details{' open' if len(findings) <= 5 else ''}><summary>{len(findings)} check "
        "finding(s)</summary><table><thead><tr><th>date</th><th>source</th><th>status</th>"
        "<th class='n'>reported</th><th class='n'>computed</th><th>why</th></tr></thead>"
        f"<tbody>{rows}</tbody></table></details>"
    )


def render_report(
    *,
    series: Mapping[str, Sequence[SeriesPoint]],
    findings: Sequence[CheckRow],
    freshness: Sequence[SourceFreshness],
    today: dt.date,
    generated_at: dt.datetime,
    timezone: str = "Europe/Kyiv",
    warehouse: str = "",
    since: dt.date | None = None,
) -> str:
    """The page. `series`: {category: points} as Warehouse.daily_series gives them;
    `findings`: check rows (those of MARKED_STATUSES are marked); `today`: the date
    sources are behind (today in `timezone`); `generated_at`: shown in `timezone`."""
    zone = ZoneInfo(timezone)
    days = {
        category: charts.chart_days(
            points, implausible=charts.implausible_dates(category, findings)
        )
        for category, points in series.items()
        if points
    }
    marked = {
        category: sorted(
            (r for r in findings if r.category == category and r.status in charts.MARKED_STATUSES),
            key=lambda r: (r.report_date, r.source),
        )
        for category in days
    }
    marks = {
        category: charts.finding_marks(category, charted, marked[category])
        for category, charted in days.items()
    }
    dates = sorted({d.date for charted in days.values() for d in charted})
    span = f"{dates[0]} to {dates[-1]}" if dates else "no dates"
    counted = sum(len(m) for m in marks.values())
    legend = ", ".join(
        f'<span class="status {status}">{symbol}</span> {status}'
        for status, symbol in _LEGEND.items()
    )
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<title>Combat losses of the enemy: a picture of the data</title>",
        f"<style>{_STYLE}</style></head><body><main>",
        "<h1>Combat losses of the enemy</h1>",
        f'<p class="lead">Report dates {span}'
        + (f" (from {since} on)" if since else "")
        + f" from {escape(warehouse) or 'the warehouse'}; {counted} check finding(s) marked. "
        f"Generated {_when(generated_at, zone)} {escape(zone.key)}.</p>",
        '<section id="freshness"><h2>Freshness of the sources</h2>',
        _freshness(freshness, today, zone),
        "</section>",
    ]
    if not days:
        parts.append('<section id="overview"><h2>Totals</h2><p>No figures to show.</p></section>')
    else:
        parts += [
            '<section id="overview"><h2>Totals</h2>',
            _overview(days, marks),
            f'<p class="note">Each chart: above, the daily increase (grey: as the bulletin '
            f"states it, or before 2022-05-01 the difference of the totals) and its "
            f"{charts.WINDOW_DAYS}-day average (blue: the mean of the last "
            f"{charts.WINDOW_DAYS} days, shown when at least {charts.MIN_DAYS_IN_WINDOW} "
            f"of them have an increase); below, the total (green). Marks: {legend} "
            "(an implausible figure above the axis sits on its top edge). Hover a mark for "
            "what the check found.</p>",
            "<nav>"
            + " ".join(
                f'<a href="#{category}">{escape(charts.display_name(category))}</a>'
                for category in days
            )
            + "</nav>",
            "</section>",
        ]
        for category, charted in days.items():
            parts += [
                f'<section class="category" id="{category}">',
                f"<h2>{escape(charts.display_name(category))}</h2>",
                charts.inline_svg(category, charted, marks[category]),
                _findings_table(marked[category]),
                "</section>",
            ]
    parts.append("</main></body></html>")
    return "\n".join(parts)


__all__ = ["SPARK_DAYS", "render_report"]
