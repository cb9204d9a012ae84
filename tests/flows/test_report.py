"""What a run tells its user, from its tally alone: the headline, the failure
message, the `runs` row's message and the artifact's markdown."""

from __future__ import annotations

import datetime as dt

from flows.days import span
from flows.report import MAX_LISTED, RunSummary, finding_line, markdown, summarize
from flows.tally import IngestResult, Tally
from warehouse import CheckSummary

D = dt.date
ROW = {
    "source": "mod",
    "report_date": "2024-06-04",
    "category": "tanks",
    "status": "mismatch",
    "reported_delta": 5,
    "computed_delta": 3,
    "note": "reported +5, totals differ by 3",
    "url": "http://m.test/mod/news/x",
}


def summary(tally: Tally | None = None, **fields) -> RunSummary:
    return RunSummary("backfill", "mod", tally or Tally(documents_fetched=3), **fields)


def test_a_clean_run_has_a_headline_and_no_message():
    done = summary(Tally(documents_fetched=12, bulletins_loaded=10, bulletins_unchanged=2))
    assert not done.failed and done.message() is None
    assert done.headline() == (
        "backfill (mod): 12 document(s) fetched, 10 bulletin revision(s) loaded, 2 unchanged, "
        "0 check finding(s)"
    )


def test_failures_and_missing_dates_fail_the_run_and_are_listed_with_the_warnings():
    tally = Tally(failures=["http://m.test/a (report date 2024-06-04): HTTP 503"], warnings=["w1"])
    failed = summary(tally, missing={D(2024, 6, 5), D(2024, 6, 4)})
    assert failed.failed
    lines = failed.failure_message().splitlines()
    assert lines[0].endswith("1 failure(s), 2 date(s) still missing")
    assert lines[1:] == [
        "  - http://m.test/a (report date 2024-06-04): HTTP 503",
        "  - not in the warehouse after this run: 2024-06-04, 2024-06-05",
        "  - warning: w1",
    ]
    assert failed.message() == failed.failure_message()


def test_long_lists_are_cut_at_max_listed_and_counted():
    tally = Tally(failures=[f"failure {n}" for n in range(MAX_LISTED + 5)])
    missing = {D(2024, 1, 1) + dt.timedelta(days=n) for n in range(MAX_LISTED + 3)}
    message = summary(tally, missing=missing).failure_message()
    assert "failure 19" in message and "failure 20" not in message
    assert "  ... and 5 more" in message and " and 3 more" in message


def test_check_findings_name_what_where_and_why():
    assert finding_line(ROW) == (
        "mod 2024-06-04 tanks: mismatch: reported +5, totals differ by 3 (http://m.test/mod/news/x)"
    )
    found = summary(check_failures=[ROW])
    assert not found.failed  # a finding is reported, not a failed run
    assert found.message().splitlines()[1] == f"  - check: {finding_line(ROW)}"


def test_the_artifact_shows_the_newest_day_the_findings_and_the_warnings():
    newest = (D(2024, 6, 4), {"personnel": (512420, 1290, "about"), "tanks": (7900, 3, None)})
    text = markdown(summary(Tally(warnings=["a lag"]), check_failures=[ROW], newest=newest))
    assert "## Newest day: 2024-06-04" in text
    assert "| personnel | about 512420 | +1290 |" in text and "| tanks | 7900 | +3 |" in text
    assert "| mod | 2024-06-04 | tanks | mismatch | 5 | 3 | reported +5" in text
    assert "## Warnings\n\n- a lag" in text
    failed = markdown(summary(Tally(failures=["boom"], warnings=["a lag"])))
    assert "## Failures" in failed and "## Warnings" not in failed  # listed inside the failure


def test_summarize_takes_the_checks_failing_rows_and_what_is_missing():
    result = IngestResult(
        Tally(), wanted={D(2024, 6, 4)}, missing={D(2024, 6, 4)}, newest_listed=None
    )
    check = CheckSummary(checked=1, dates=1, counts={"mismatch": 1}, failures=[ROW])
    made = summarize("daily", "api", result, check, None)
    assert (made.flow, made.source, made.missing, made.check_failures) == (
        "daily",
        "api",
        {D(2024, 6, 4)},
        [ROW],
    )


def recent_points(category: str, increases: list[int | None], end: dt.date) -> list:
    """Points of the days up to `end` (a None increase: no point that day)."""
    from warehouse import SeriesPoint

    first = end - dt.timedelta(days=len(increases) - 1)
    return [
        SeriesPoint(first + dt.timedelta(days=n), 1000 + n, increase, None, "mod")
        for n, increase in enumerate(increases)
        if increase is not None
    ]


def test_the_artifact_has_sparklines_of_the_last_14_days_and_says_how_to_draw_charts():
    date = D(2024, 6, 14)
    personnel = [900, 1000, 1100, 1200, 1300, 1400, 1500, 1600, 1200, None, 900, 1000, 1550, 1250]
    recent = {
        "personnel": recent_points("personnel", personnel, date),
        "tanks": recent_points("tanks", [3] * 14, date),
    }
    newest = (date, {"personnel": (512420, 1250, "about"), "tanks": (7900, 3, None)})
    text = markdown(summary(newest=newest, recent=recent, warehouse="/data/w.duckdb"))
    assert "Personnel, daily increases 2024-06-01..2024-06-14: `▁▂▃▄▅▆▇█▄·▁▂█▅`" in text
    assert "| category | total | increase | last 14 days |" in text
    assert "| personnel | about 512420 | +1250 | `▁▂▃▄▅▆▇█▄·▁▂█▅` |" in text
    assert "| tanks | 7900 | +3 | `▁▁▁▁▁▁▁▁▁▁▁▁▁▁` |" in text
    assert "`losses report --warehouse /data/w.duckdb --out report.html` writes a page" in text
    # without the days (a run that loaded nothing new still has its newest day)
    plain = markdown(summary(newest=newest))
    assert "| tanks | 7900 | +3 |  |" in plain and "Personnel, daily" not in plain
    assert "`losses report --out report.html`" in plain


def test_summarize_passes_the_recent_days_and_the_warehouse():
    result = IngestResult(Tally(), wanted=set(), missing=set(), newest_listed=None)
    recent = {"tanks": recent_points("tanks", [1, 2], D(2024, 6, 2))}
    made = summarize("daily", "mod", result, None, None, recent=recent, warehouse="/w.duckdb")
    assert (made.recent, made.warehouse) == (recent, "/w.duckdb")
    assert summarize("daily", "mod", result, None, None).recent == {}


def test_the_artifact_lists_verdicts_and_where_the_sources_differ():
    judged = {**ROW, "verdict": "likely typo", "verdict_note": "5 for 3: digit 1 is 5 for 3"}
    differing = {
        "source": "api",
        "report_date": "2024-06-04",
        "category": "uav",
        "total": 239260,
        "reconciled": 129160,
        "difference": 110100,
        "verdict": "unexplained",
        "note": "239260 against 129160 (+110100)",
    }
    check = CheckSummary(checked=2, dates=1, failures=[judged], disagreements=[differing])
    done = summarize("daily", "mod", IngestResult(Tally(), set(), set(), None), check, None)
    assert done.disagreements == [differing]
    text = markdown(done)
    assert "| reported +5, totals differ by 3 | likely typo: 5 for 3: digit 1 is 5 for 3 |" in text
    assert "## Where the sources differ" in text
    assert "| 2024-06-04 | uav | api | 239260 | 129160 | unexplained | 239260 against" in text
    assert "likely typo" in finding_line(judged)


def test_todays_bulletin_not_out_yet_is_counted_apart_and_the_counts_add_up():
    # A daily run on 2026-12-01 whose warehouse ends 2026-08-08, before its last check
    # for today's bulletin: 115 days wanted, none found, today not due yet.
    today = D(2026, 12, 1)
    wanted = {D(2026, 8, 9) + dt.timedelta(days=n) for n in range(115)}
    tally = Tally(documents_fetched=4, warnings=[f"mod: no page found for {span(wanted)} in x"])
    result = IngestResult(tally, wanted, wanted - {today}, D(2026, 11, 30), awaiting=today)
    made = summarize("daily", "mod", result, None, None)
    artifact = markdown(made)
    assert "2026-08-09..2026-12-01 (115 days)" in artifact
    assert made.headline().endswith(
        "114 date(s) still missing, the bulletin of 2026-12-01 not out yet"
    )  # 114 + 1: the 115 days
    assert "  - not out yet, checked again later: 2026-12-01" in made.failure_message()
    assert "not out yet" not in summary(Tally()).headline()
