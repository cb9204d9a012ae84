"""The work of the two flows, as plain functions: `daily_job` (the newest bulletin
plus every day missed since the warehouse's last date; if today's bulletin is not
out yet, it checks again later instead of failing) and `backfill_job` (a range of
report dates of one source).

The Prefect flows (flows/daily.py, flows/backfill.py) are thin shells over these,
and a command-line run without a Prefect server calls them directly
(flows/local_run.py). This module does not import Prefect.

Resumable: documents are stored as soon as they are fetched and loaded one
transaction each, so a re-run after a crash re-parses what was stored and
fetches only what is still missing. Without `refetch`, a backfill skips dates
already loaded: a second run does no network I/O at all."""

from __future__ import annotations

import datetime as dt
import logging
import time

from flows import run_alerts
from flows.days import date_range, kyiv_today
from flows.ingest import ingest
from flows.report import MAX_LISTED, RunSummary
from flows.run_frame import run_frame
from flows.settings import Settings
from flows.sources import Source, source_for
from parsers.errors import ConfigError, RunFailed

log = logging.getLogger("losses.jobs")

# With an empty warehouse the daily run takes the last week; history is a backfill's job.
FIRST_RUN_DAYS = 7


@run_alerts.watched("daily")
def daily_job(
    source: str | None = None,
    base_url: str | None = None,
    warehouse: str | None = None,
    today: dt.date | None = None,
    wait_for_today: bool = True,
) -> dict:
    """The daily flow's work (flows/daily.py documents the parameters); raises
    RunFailed, naming why, when the run failed."""
    settings = Settings.from_env().with_warehouse(warehouse)
    name = source or settings.daily_source
    settings = settings.with_base_url(name, base_url)
    adapter = source_for(name, settings)  # an unknown source fails here, before any work
    wait_for_today = wait_for_today and adapter.missing_is_failure
    today = today or kyiv_today(settings.timezone)
    attempts = settings.publish_wait_attempts if wait_for_today else 0
    for attempt in range(attempts + 1):
        # Until the last check, today's absence is expected (early morning), not a failure.
        today_due = wait_for_today and attempt == attempts
        summary, published, stale = _catch_up(settings, adapter, today, today_due)
        if published or not wait_for_today:
            break
        if stale:  # waiting would not help: the run failed now, saying why
            raise RunFailed(summary.failure_message())
        if not published and adapter.missing_is_failure:
            run_alerts.bulletin_late(settings, adapter, today, checks_left=attempts - attempt)
        if attempt < attempts:
            log.warning(
                "%s: the bulletin of %s is not published yet; checking again in %.0f s (%d/%d)",
                adapter.name,
                today,
                settings.publish_wait_seconds,
                attempt + 1,
                attempts,
            )
            time.sleep(settings.publish_wait_seconds)
    else:
        raise RunFailed(
            f"{adapter.name}: the bulletin of {today} was not published after "
            f"{attempts + 1} checks {settings.publish_wait_seconds:.0f} s apart.\n"
            + summary.failure_message()
        )
    if summary.failed:
        raise RunFailed(summary.failure_message())
    return {
        "summary": summary.headline(),
        "newest": str(summary.newest[0]) if summary.newest else None,
        "findings": summary.findings()[:MAX_LISTED],
        "warnings": summary.tally.warnings[:MAX_LISTED],
    }


def _days_to_catch_up(last: dt.date | None, today: dt.date, source: str, path) -> set[dt.date]:
    if last is None:
        log.info(
            "%s: no bulletins in %s yet: loading the last %d days "
            "(`losses backfill --start 2022-02-24 --end %s` loads the whole history)",
            source,
            path,
            FIRST_RUN_DAYS,
            today,
        )
        return date_range(today - dt.timedelta(days=FIRST_RUN_DAYS - 1), today)
    return date_range(last + dt.timedelta(days=1), today) if last < today else set()


def _catch_up(
    settings: Settings, source: Source, today: dt.date, today_due: bool
) -> tuple[RunSummary, bool, bool]:
    """One run of the flow's work in its frame; today's bulletin counts as missing
    (a failed run) only when `today_due`, or when the source is stale: the newest
    bulletin it lists is older than yesterday's, so today's will not come from it by
    waiting (a mirror or an archive whose data ends earlier). Returns the summary,
    whether today's bulletin is published, and whether the source is stale."""
    published = stale = False
    with run_frame("daily", source, settings, {"source": source.name, "today": today}) as run:
        last = run.wh.last_report_date(source.name)
        wanted = _days_to_catch_up(last, today, source.name, settings.warehouse_path)
        result = ingest(settings, source, wanted, today, run.wh)
        # Published: loaded, or answered by the source but unreadable (waiting
        # would not help: the run fails now, naming the document and why).
        published = today not in result.missing or today in result.tally.received
        newest = result.newest_listed
        stale = not published and newest is not None and newest < today - dt.timedelta(days=1)
        if stale:
            result.tally.warnings.append(
                f"{source.name}: the newest bulletin it lists is of {newest}, "
                f"{(today - newest).days} days before {today}: not waiting for today's"
            )
        elif not published and not today_due:
            result.missing.discard(today)
            result.awaiting = today  # said apart in the report: not missing yet
        run.result = result
    summary = run.summary
    if not stale:
        # The flow's own message says today's bulletin is not out; not again as "missing".
        summary.missing.discard(today)
    return summary, published, stale


@run_alerts.watched("backfill")
def backfill_job(
    start: dt.date,
    end: dt.date,
    source: str | None = None,
    refetch: bool = False,
    base_url: str | None = None,
    warehouse: str | None = None,
) -> dict:
    """The backfill flow's work (flows/backfill.py documents the parameters); raises
    RunFailed, naming why, when the run failed."""
    settings = Settings.from_env().with_warehouse(warehouse)
    name = source or settings.backfill_source
    settings = settings.with_base_url(name, base_url)
    adapter = source_for(name, settings)  # an unknown source fails here, before any work
    if start > end:
        raise ConfigError(f"start {start} is after end {end}", date=start)
    today = kyiv_today(settings.timezone)
    first = adapter.first_date
    if start < first:
        log.info(
            "the first bulletin %s carries is of %s: starting there, not at %s",
            adapter.name,
            first,
            start,
        )
        start = first
    end = min(end, today)
    if start > end:
        raise ConfigError(
            f"no {adapter.name} bulletin is dated {start}..{end}: its first is {first}",
            date=start,
        )
    parameters = {"start": start, "end": end, "source": adapter.name, "refetch": refetch}
    with run_frame("backfill", adapter, settings, parameters) as run:
        run.result = ingest(
            settings, adapter, date_range(start, end), today, run.wh, refetch=refetch
        )
    summary = run.summary
    if summary.failed:
        raise RunFailed(summary.failure_message())
    return {
        "summary": summary.headline(),
        "missing": sorted(str(d) for d in summary.missing),
        "findings": summary.findings()[:MAX_LISTED],
        "warnings": summary.tally.warnings[:MAX_LISTED],
    }


__all__ = ["FIRST_RUN_DAYS", "backfill_job", "daily_job"]
