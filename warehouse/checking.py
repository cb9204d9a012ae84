"""The delta check: for each category of each report date D, compare the stated
increase with total(D) - total(P), P being the source's stored date before D.

Statuses (first that applies):
- implausible: the stated increase is negative; or, with a previous figure, the
  stated increase is over the category's daily bound, or the total grew by more
  than the bound times the days elapsed, or to over 100x the previous total.
  The daily bound adapts to the war's tempo: TRAILING_FACTOR times the median
  stated increase of the source's previous TRAILING_DAYS days (when at least
  TRAILING_MIN of them state one), never below the category's static bound
  (parsers/vocabulary.py). A one-day typo barely moves a median, so it is still
  caught; a tempo that grows for weeks raises the bound with it, without a code
  change (daily drone losses passed 2,500 in 2026; one project raised its fixed
  bounds by hand three times);
- new_category: no previous figure (the source's first date, or a category the
  previous bulletin did not carry and that continues no merged parents);
- restated: the total fell;
- no_delta: the bulletin states no increase;
- gap: days are missing between P and D and the totals grew at least by the
  stated increase (else mismatch);
- mismatch: the stated increase differs from the difference of the totals;
- merged_category: a merged category's first day, continuing the sum of its
  parents' totals on P (see category_lineage);
- ok.

The SQL (queries/check_*.sql) judges only `check_targets`: latest revisions not
checked yet and the stored date after each. So one new day costs the same on a
full warehouse as on an empty one, and a revised or late-arriving date re-judges
its successor. The previous stored date comes from an ASOF join (the nearest
earlier date, found through the sort order) rather than a LAG() window, which
would number a source's whole history to judge one new day."""

from __future__ import annotations

import datetime as dt

from warehouse import reconcile, verdicts
from warehouse.queries import load
from warehouse.records import CHECK_STATUSES, FAILING_STATUSES, CheckRow, CheckSummary
from warehouse.transactions import transaction

TRAILING_DAYS = 28
TRAILING_MIN = 7
TRAILING_FACTOR = 4


def run_check(con, now: dt.datetime, *, full: bool = False) -> CheckSummary:
    """Judge check_targets in one transaction; writes nothing when there is none."""
    with transaction(con) as tx:
        con.execute(load("check_targets"), {"full": full})
        dates = con.execute("SELECT count(*) FROM check_targets").fetchone()[0]
        if not dates:
            # Nothing to judge: not even a commit, so that a no-op check writes nothing.
            tx.roll_back()
            return CheckSummary(checked=0, dates=0)
        con.execute(load("check_clear"))
        con.execute(
            load("check_run"),
            {
                "checked_at": now,
                "trailing_days": TRAILING_DAYS,
                "trailing_min": TRAILING_MIN,
                "trailing_factor": TRAILING_FACTOR,
            },
        )
        con.execute(load("check_mark_checked"))
        counts = dict(con.execute(load("check_run_counts")).fetchall())
        # Before the failures are read: they carry their verdicts.
        verdicts.judge_all(con, now, list(FAILING_STATUSES))
        failures = con.execute(load("check_run_failures"), [list(FAILING_STATUSES)]).fetchall()
        first, last = con.execute(
            "SELECT min(report_date), max(report_date) FROM check_targets"
        ).fetchone()
        # A new date of one source can make another's figure the odd one out.
        disagreements = reconcile.judge_disagreements(con, now, first, last)
        con.execute("DROP TABLE check_targets")
    return CheckSummary(
        checked=sum(counts.values()),
        dates=dates,
        counts=counts,
        failures=[CheckRow(*row).to_dict() for row in failures],
        disagreements=disagreements,
    )


def check_rows(
    con,
    *,
    since: dt.date | None = None,
    statuses: tuple[str, ...] | None = None,
    source: str | None = None,
) -> list[CheckRow]:
    """Stored check rows, oldest first; by default every status but ok."""
    wanted = list(statuses) if statuses else [s for s in CHECK_STATUSES if s != "ok"]
    rows = con.execute(
        load("check_rows"), {"statuses": wanted, "since": since, "source": source}
    ).fetchall()
    return [CheckRow(*row) for row in rows]


def check_counts(con, *, since: dt.date | None = None) -> dict[str, int]:
    """How many stored check rows have each status, from `since` on."""
    return dict(con.execute(load("check_counts"), {"since": since}).fetchall())


def report_new_failures(con, now: dt.datetime, *, since: dt.date | None = None) -> list[CheckRow]:
    """The failing rows not reported before, oldest first, marked as reported `now`
    (call inside a transaction: the rows read are the rows marked)."""
    rows = [
        CheckRow(*row)
        for row in con.execute(
            load("unreported_failures"), {"statuses": list(FAILING_STATUSES), "since": since}
        ).fetchall()
    ]
    if rows:
        con.execute(
            load("insert_check_reports"),
            [
                [r.source for r in rows],
                [r.report_date for r in rows],
                [r.category for r in rows],
                [r.revision for r in rows],
                [r.status for r in rows],
                now,
            ],
        )
    return rows
