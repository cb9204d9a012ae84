"""The delta check: for each category of each report date D, compare the stated
increase with total(D) - total(P), P being the source's stored date before D.

Statuses (first that applies):
- implausible: the stated increase is negative; or, with a previous figure, the
  stated increase is over the category's daily bound, or the total grew by more
  than the bound times the days elapsed, or to over 100x the previous total;
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
from functools import cache
from pathlib import Path

from warehouse.records import CHECK_STATUSES, FAILING_STATUSES, CheckRow, CheckSummary
from warehouse.transactions import rollback

QUERIES = Path(__file__).parent / "queries"
ROW_COLUMNS = (
    "source, report_date, category, status, revision, previous_date, compared_with, "
    "previous_total, total, reported_delta, computed_delta, note"
)


@cache
def _query(name: str) -> str:
    return (QUERIES / name).read_text(encoding="utf-8")


def run_check(con, now: dt.datetime, *, full: bool = False) -> CheckSummary:
    """Judge check_targets in one transaction; writes nothing when there is none."""
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute(_query("check_targets.sql"), {"full": full})
        dates = con.execute("SELECT count(*) FROM check_targets").fetchone()[0]
        if not dates:
            rollback(con)  # nothing to judge: write nothing
            return CheckSummary(checked=0, dates=0)
        con.execute(
            "DELETE FROM checks USING check_targets t "
            "WHERE checks.source = t.source AND checks.report_date = t.report_date"
        )
        con.execute(_query("check_run.sql"), {"checked_at": now})
        con.execute(
            "UPDATE bulletins SET checked = true FROM check_targets t "
            "WHERE bulletins.is_latest AND bulletins.source = t.source "
            "AND bulletins.report_date = t.report_date AND NOT bulletins.checked"
        )
        counts = dict(
            con.execute(
                "SELECT status, count(*) FROM checks JOIN check_targets "
                "USING (source, report_date) GROUP BY status ORDER BY status"
            ).fetchall()
        )
        failures = con.execute(
            f"SELECT {ROW_COLUMNS} FROM checks JOIN check_targets USING (source, report_date) "
            "WHERE status IN (SELECT unnest(?::VARCHAR[])) "
            "ORDER BY report_date, source, category",
            [list(FAILING_STATUSES)],
        ).fetchall()
        con.execute("DROP TABLE check_targets")
        con.execute("COMMIT")
    except BaseException:
        rollback(con)
        raise
    return CheckSummary(
        checked=sum(counts.values()),
        dates=dates,
        counts=counts,
        failures=[CheckRow(*row).to_dict() for row in failures],
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
        f"SELECT {ROW_COLUMNS} FROM checks "
        "WHERE status IN (SELECT unnest(?::VARCHAR[])) "
        "AND report_date >= coalesce(?::DATE, DATE '0001-01-01') "
        "AND (?::VARCHAR IS NULL OR source = ?::VARCHAR) "
        "ORDER BY report_date, source, category",
        [wanted, since, source, source],
    ).fetchall()
    return [CheckRow(*row) for row in rows]


# Failing check rows no `losses check` has reported yet (from $since on).
_UNREPORTED = (
    "FROM checks c WHERE status IN (SELECT unnest($statuses::VARCHAR[])) "
    "AND report_date >= coalesce($since::DATE, DATE '0001-01-01') "
    "AND NOT EXISTS (SELECT 1 FROM check_reports r WHERE r.source = c.source "
    " AND r.report_date = c.report_date AND r.category = c.category "
    " AND r.revision = c.revision AND r.status = c.status)"
)


def report_new_failures(con, now: dt.datetime, *, since: dt.date | None = None) -> list[CheckRow]:
    """The failing rows not reported before, oldest first, marked as reported `now`
    (call inside a transaction)."""
    params = {"statuses": list(FAILING_STATUSES), "since": since}
    rows = con.execute(
        f"SELECT {ROW_COLUMNS} {_UNREPORTED} ORDER BY report_date, source, category", params
    ).fetchall()
    con.execute(
        "INSERT INTO check_reports "
        f"SELECT source, report_date, category, revision, status, $now {_UNREPORTED}",
        {**params, "now": now},
    )
    return [CheckRow(*row) for row in rows]
