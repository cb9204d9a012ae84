"""What a run tells its user: a summary line, a Prefect artifact with the newest
day's figures (a sparkline of each category's last 14 days), the check's failures and
how to draw the charts, and a row in the warehouse's `runs`."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from flows.charts import recent_sparkline
from flows.tally import IngestResult, Tally
from parsers.vocabulary import CATEGORY_NAMES

if TYPE_CHECKING:
    from warehouse.records import SeriesPoint

log = logging.getLogger("losses.report")

MAX_LISTED = 20  # failures listed in messages and artifacts; the rest are counted
RECENT_DAYS = 14  # days in the artifact's sparklines


@dataclass
class RunSummary:
    flow: str
    source: str
    tally: Tally
    missing: set[dt.date] = field(default_factory=set)
    check_failures: list[dict] = field(default_factory=list)
    newest: tuple[dt.date, dict] | None = None  # (date, {category: (total, delta, qualifier)})
    # The last RECENT_DAYS days up to the newest one: {category: points} (Warehouse.recent_days).
    recent: dict[str, list[SeriesPoint]] = field(default_factory=dict)
    warehouse: str | None = None  # the run's warehouse file, for the report's command line
    # Figures of the dates checked that differ from the reconciled series, with verdicts.
    disagreements: list[dict] = field(default_factory=list)
    awaiting: dt.date | None = None  # today's bulletin, not out yet (IngestResult.awaiting)

    @property
    def failed(self) -> bool:
        return bool(self.tally.failures or self.missing)

    def headline(self) -> str:
        t = self.tally
        parts = [
            f"{self.flow} ({self.source}): {t.documents_fetched} document(s) fetched",
            f"{t.bulletins_loaded} bulletin revision(s) loaded",
            f"{t.bulletins_unchanged} unchanged",
            f"{len(self.check_failures)} check finding(s)",
        ]
        if t.failures:
            parts.append(f"{len(t.failures)} failure(s)")
        if self.missing:
            parts.append(f"{len(self.missing)} date(s) still missing")
        if self.awaiting:
            # Wanted and not loaded like the missing ones, so that "no page found for
            # ... (N days)" adds up: named apart, as it is not missing yet.
            parts.append(f"the bulletin of {self.awaiting} not out yet")
        return ", ".join(parts)

    def failure_message(self) -> str:
        lines = [self.headline()]
        lines += [f"  - {f}" for f in self.tally.failures[:MAX_LISTED]]
        if len(self.tally.failures) > MAX_LISTED:
            lines.append(f"  ... and {len(self.tally.failures) - MAX_LISTED} more")
        if self.missing:
            days = sorted(self.missing)
            shown = ", ".join(str(d) for d in days[:MAX_LISTED])
            more = f" and {len(days) - MAX_LISTED} more" if len(days) > MAX_LISTED else ""
            lines.append(f"  - not in the warehouse after this run: {shown}{more}")
        if self.awaiting:
            lines.append(f"  - not out yet, checked again later: {self.awaiting}")
        # What the source did wrong often explains a missing date (a listing that
        # names no bulletin for it, an entry dated in the future).
        lines += [f"  - warning: {w}" for w in self.tally.warnings[:MAX_LISTED]]
        return "\n".join(lines)

    def findings(self) -> list[str]:
        """The check's failing rows of this run, one line each: what, where, why."""
        return [finding_line(row) for row in self.check_failures]

    def message(self) -> str | None:
        """What the `runs` row says: why the run failed, or what its check found."""
        if self.failed:
            return "\n".join([self.failure_message(), *self._finding_lines()])
        if self.check_failures:
            return "\n".join([self.headline(), *self._finding_lines()])
        return None

    def _finding_lines(self) -> list[str]:
        lines = [f"  - check: {line}" for line in self.findings()[:MAX_LISTED]]
        if len(self.check_failures) > MAX_LISTED:
            lines.append(f"  ... and {len(self.check_failures) - MAX_LISTED} more check findings")
        return lines


def finding_line(row: dict) -> str:
    where = f" ({row['url']})" if row.get("url") else ""
    verdict = f"; {row['verdict']}: {row['verdict_note']}" if row.get("verdict") else ""
    return (
        f"{row['source']} {row['report_date']} {row['category']}: {row['status']}: "
        f"{row.get('note') or 'no note'}{verdict}{where}"
    )


def summarize(
    flow: str,
    source: str,
    result: IngestResult,
    check,
    newest,
    *,
    recent: dict[str, list[SeriesPoint]] | None = None,
    warehouse: str | None = None,
) -> RunSummary:
    failures = [row for row in check.failures] if check is not None else []
    differing = list(getattr(check, "disagreements", [])) if check is not None else []
    return RunSummary(
        flow,
        source,
        result.tally,
        result.missing,
        failures,
        newest,
        recent or {},
        warehouse,
        differing,
        awaiting=result.awaiting,
    )


def report_command(warehouse: str | None) -> str:
    """The command that draws the charts of a run's warehouse."""
    where = f" --warehouse {warehouse}" if warehouse else ""
    return f"losses report{where} --out report.html"


def markdown(summary: RunSummary) -> str:
    lines = [f"# {summary.headline()}", ""]
    if summary.newest:
        date, figures = summary.newest
        spark = {
            name: recent_sparkline(points, date, RECENT_DAYS)
            for name, points in summary.recent.items()
        }
        lines.append(f"## Newest day: {date}")
        lines.append("")
        if "personnel" in spark:
            first = date - dt.timedelta(days=RECENT_DAYS - 1)
            lines += [
                f"Personnel, daily increases {first}..{date}: `{spark['personnel']}`",
                "",
            ]
        lines += [
            f"| category | total | increase | last {RECENT_DAYS} days |",
            "|---|---:|---:|---|",
        ]
        for name in CATEGORY_NAMES:
            if name in figures:
                total, delta, qualifier = figures[name]
                shown = f"{qualifier} {total}" if qualifier else str(total)
                trend = f"`{spark[name]}`" if name in spark else ""
                lines.append(
                    f"| {name} | {shown} | {'' if delta is None else f'+{delta}'} | {trend} |"
                )
        lines.append("")
    if summary.check_failures:
        lines += [
            "## Check findings",
            "",
            "| source | date | category | status | reported | computed | why | verdict |",
            "|---|---|---|---|---:|---:|---|---|",
        ]
        for row in summary.check_failures[:MAX_LISTED]:
            verdict = f"{row['verdict']}: {row['verdict_note']}" if row.get("verdict") else ""
            lines.append(
                f"| {row['source']} | {row['report_date']} | {row['category']} | "
                f"{row['status']} | {row.get('reported_delta')} | {row.get('computed_delta')} | "
                f"{row.get('note') or ''} | {verdict} |"
            )
        if len(summary.check_failures) > MAX_LISTED:
            lines.append(f"\n... and {len(summary.check_failures) - MAX_LISTED} more")
        lines.append("")
    if summary.disagreements:
        lines += [
            "## Where the sources differ",
            "",
            "| date | category | source | figure | reconciled | verdict | why |",
            "|---|---|---|---:|---:|---|---|",
        ]
        for row in summary.disagreements[:MAX_LISTED]:
            lines.append(
                f"| {row['report_date']} | {row['category']} | {row['source']} | {row['total']} "
                f"| {row['reconciled']} | {row['verdict']} | {row['note']} |"
            )
        if len(summary.disagreements) > MAX_LISTED:
            more = len(summary.disagreements) - MAX_LISTED
            lines.append(f"\n... and {more} more (`losses compare` lists them all)")
        lines.append("")
    if summary.failed:  # the failure message lists the warnings too
        lines += ["## Failures", "", "```", summary.failure_message(), "```"]
    elif summary.tally.warnings:
        lines += ["## Warnings", ""] + [f"- {w}" for w in summary.tally.warnings[:MAX_LISTED]]
    # An artifact cannot hold a local file: say how to make the page of charts.
    lines += [
        "",
        "## Charts",
        "",
        f"`{report_command(summary.warehouse)}` writes a page of every category's daily "
        "increases, 7-day average, total and check findings (one category as an image: "
        "`losses chart personnel --out personnel.svg`).",
    ]
    return "\n".join(lines)


def publish_artifact(summary: RunSummary) -> None:
    """The run's Markdown artifact: through Prefect in a Prefect flow run, into the
    run's record in a local command-line run (flows/local_run.py)."""
    from flows import local_run, steps

    # Artifact keys are lowercase letters, digits and dashes only ("petroivaniuk_personnel").
    source = summary.source.replace("_", "-")
    key, text = f"losses-{summary.flow}-{source}", markdown(summary)
    if steps.in_prefect_flow_run():
        from prefect.artifacts import create_markdown_artifact

        create_markdown_artifact(markdown=text, key=key, description=summary.headline())
    elif run := local_run.current():
        run.add_markdown_artifact(key, text, summary.headline())
