"""One series from every source, and a verdict on each source's figure that differs
from it.

The reconciled series is SQL (migration 008: the `reconciled_span(first, last)`
macro and the `reconciled_long` view): for each report date and category, the total
the sources agree on, or where they differ the one consistent with the chain of
totals and stated increases around it, then the one most sources give, then the
preferred source's; with the sources that agree, those that differ and by how
much, and a confidence: agreed, single source, chain, majority or uncertain.
Sources that key a bulletin by its losses day are aligned by their parsers (every
bulletin carries both dates), so they are compared on the same report date.

A source's figure that differs from the series gets a verdict (`judge_disagreement`,
pure): source lag (it is the figure of the day before: the source is a day behind),
official correction (it is a superseded revision's figure, since corrected), likely
typo (one digit edit or transposition from the series' value, naming the digit; or
a one-day excursion: the source agrees with the series the day before and after),
else unexplained. A difference the same as the day before is one mistake carried
forward (a source that adds each day's increase to its own total): it keeps the
verdict of the day it began. The check stores them (table `verdicts`, kind 'disagreement') for
the dates it judged; `losses compare` judges any span on the fly."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from warehouse.queries import load
from warehouse.verdicts import Verdict, digit_edit

FIRST_DAY = dt.date(2022, 2, 24)
LAST_DAY = dt.date(9999, 12, 31)
LOOK_BACK_DAYS = 366  # how far back a check looks for where a carried difference began


@dataclass(frozen=True)
class Disagreement:
    """A source's figure that differs from the reconciled series, and its context."""

    source: str
    report_date: dt.date
    category: str
    total: int
    reconciled: int
    reconciled_before: int | None
    reconciled_after: int | None
    source_before: int | None
    source_after: int | None
    superseded: tuple[tuple[str, int, int], ...]  # (source, revision, total)

    @property
    def carried(self) -> bool:
        """The source differed by the same amount the day before: one mistake carried
        forward by a source that adds each day's increase to its own total."""
        return (
            self.source_before is not None
            and self.reconciled_before is not None
            and self.source_before - self.reconciled_before == self.total - self.reconciled
        )

    def judged(self, verdict: Verdict | None = None) -> dict:
        verdict = verdict or judge_disagreement(self)
        return {
            "source": self.source,
            "report_date": self.report_date.isoformat(),
            "category": self.category,
            "total": self.total,
            "reconciled": self.reconciled,
            "difference": self.total - self.reconciled,
            "verdict": verdict.verdict,
            "note": verdict.note,
        }


def judge_disagreement(d: Disagreement) -> Verdict:
    """What most likely made `d.source` differ from the series on that date."""
    if d.reconciled_before is not None and d.total == d.reconciled_before:
        return Verdict(
            "source lag",
            d.reconciled,
            f"{d.total} is the figure of {d.report_date - dt.timedelta(days=1)}: "
            f"{d.source} is a day behind",
        )
    for source, revision, total in d.superseded:
        if total == d.total:
            return Verdict(
                "official correction",
                d.reconciled,
                f"{d.total} is {source}'s revision {revision}, since corrected to {d.reconciled}",
            )
    if edit := digit_edit(d.total, d.reconciled):
        return Verdict("likely typo", d.reconciled, f"{d.total} for {d.reconciled}: {edit}")
    if (
        d.source_before is not None
        and d.source_before == d.reconciled_before
        and d.source_after is not None
        and d.source_after == d.reconciled_after
    ):
        return Verdict(
            "likely typo",
            d.reconciled,
            f"a one-day excursion: {d.source} agrees with the other sources the day before "
            "and after",
        )
    difference = d.total - d.reconciled
    note = f"{d.total} against {d.reconciled} ({difference:+d})"
    return Verdict("unexplained", d.reconciled, note)


def judge_all(found: list[Disagreement]) -> list[dict]:
    """Each disagreement judged (oldest first). A difference carried forward from the
    day before takes the verdict of the day it began, naming that day."""
    judged: list[dict] = []
    began: dict[tuple[str, str], tuple[Disagreement, Verdict]] = {}
    for d in found:
        key, verdict = (d.source, d.category), None
        start = began.get(key)
        if d.carried and start is not None:
            first, first_verdict = start
            note = (
                f"the same {d.total - d.reconciled:+d} since {first.report_date}, carried "
                f"forward: {first_verdict.note}"
            )
            verdict = Verdict(first_verdict.verdict, d.reconciled, note)
        else:
            began[key] = (d, judge_disagreement(d))
            verdict = began[key][1]
        judged.append(d.judged(verdict))
    return judged


def disagreements(
    con,
    first: dt.date = FIRST_DAY,
    last: dt.date = LAST_DAY,
    sources: list[str] | None = None,
) -> list[Disagreement]:
    """Every source's figure dated first..last that differs from the series, oldest first."""
    rows = con.execute(
        load("disagreements"), {"first": first, "last": last, "source": sources}
    ).fetchall()
    return [
        Disagreement(*row[:9], tuple((s["source"], s["revision"], s["total"]) for s in row[9]))
        for row in rows
    ]


def _overlap(con, first: dt.date, last: dt.date) -> bool:
    """Whether two sources carry a bulletin of one date in first..last."""
    return con.execute(load("sources_overlap"), [first, last]).fetchone()[0]


def judge_disagreements(con, now: dt.datetime, first: dt.date, last: dt.date) -> list[dict]:
    """Judge and store (kind 'disagreement') the disagreements dated first..last;
    returns them judged, oldest first. Call inside a transaction. (Read from a year
    earlier: a difference carried forward is judged by the day it began.)"""
    since = first - dt.timedelta(days=LOOK_BACK_DAYS)
    # One source alone never disagrees: a backfill into a fresh warehouse skips the query.
    found = disagreements(con, since, last) if _overlap(con, since, last) else []
    judged = [j for j in judge_all(found) if j["report_date"] >= first.isoformat()]
    con.execute(
        "DELETE FROM verdicts WHERE kind = 'disagreement' AND report_date BETWEEN ? AND ?",
        [first, last],
    )
    if judged:
        con.execute(
            load("insert_verdicts"),
            [
                "disagreement",
                [j["source"] for j in judged],
                [dt.date.fromisoformat(j["report_date"]) for j in judged],
                [j["category"] for j in judged],
                [j["verdict"] for j in judged],
                [j["reconciled"] for j in judged],
                [j["note"] for j in judged],
                now,
            ],
        )
    return judged


__all__ = [
    "Disagreement",
    "disagreements",
    "judge_all",
    "judge_disagreement",
    "judge_disagreements",
]
