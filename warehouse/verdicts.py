"""A verdict for every check failure: what most likely happened at that date.

- official correction: the new figure holds: the bulletins after it continue from
  it (each next total is it plus the stated increases);
- likely typo: a one-day excursion that reverts (the bulletin after it continues
  from the figure before it, not from it), or a figure one digit edit or one
  transposition away from the value the neighbouring days imply; the note names
  the digit and the value implied;
- source lag: the bulletin repeats the figures of the one before it (a source a
  day behind);
- unexplained: none of these, or no later bulletin yet to tell (judged again when
  one arrives: every check judges anew each failure within `window` stored dates of
  a date it judges).

`judge` is pure (a window of one category's series in, a Verdict out); `judge_all`
reads the windows and stores the verdicts, in the check's transaction."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from warehouse.queries import load

VERDICTS = ("official correction", "likely typo", "source lag", "unexplained")
# The bulletins after a failure that must continue from its figure for it to hold.
HOLDS_FOR = 2


@dataclass(frozen=True)
class Point:
    """One stored date of a category's series: its total and stated increase."""

    report_date: dt.date
    total: int
    reported_delta: int | None


@dataclass(frozen=True)
class Verdict:
    verdict: str
    implied: int | None  # the value the neighbouring days imply, where one is
    note: str


def digit_edit(published: int, implied: int) -> str | None:
    """How `published` is one edit from `implied`, in words, or None: one digit
    changed, two adjacent digits swapped, one digit dropped or one added."""
    a, b = str(published), str(implied)
    if a == b:
        return None
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diff) == 1:
            i = diff[0]
            return f"digit {i + 1} is {a[i]} for {b[i]}"
        i, j = [*diff, 0, 0][:2]
        if len(diff) == 2 and j == i + 1 and (a[i], a[j]) == (b[j], b[i]):
            return f"digits {i + 1} and {j + 1} are transposed"
        return None
    if len(a) + 1 == len(b):
        for i in range(len(b)):
            if b[:i] + b[i + 1 :] == a:
                return f"digit {i + 1} ({b[i]}) is dropped"
    if len(a) == len(b) + 1:
        for i in range(len(a)):
            if a[:i] + a[i + 1 :] == b:
                return f"digit {i + 1} ({a[i]}) is added"
    return None


def _continues(points: list[Point], start: int) -> bool:
    """Whether each total after `start` is the one before plus its stated increase."""
    for before, after in zip(points[start:], points[start + 1 :], strict=False):
        if after.reported_delta is None or after.total - before.total != after.reported_delta:
            return False
    return True


def _reverts_a_typo(before: list[Point], at: Point) -> bool:
    """Whether `at` continues the chain from the date before its previous one (the
    previous figure was the odd one out)."""
    if len(before) < 2 or before[-1].reported_delta is None or at.reported_delta is None:
        return False
    return at.total - before[-2].total == before[-1].reported_delta + at.reported_delta


def _judge_by_totals(prev: Point | None, at: Point, after: list[Point]) -> Verdict:
    """For a source that states no increases (a dataset of totals): the totals alone.
    A total that the next ones fall back below, to the level before it, was a one-day
    excursion; one they build on holds. (A small drop followed by growth cannot be told
    from a correction by totals alone: comparing sources does that, warehouse/reconcile.py.)"""
    held = after[:HOLDS_FOR]
    if prev is not None and prev.total <= held[0].total < at.total:
        return Verdict(
            "likely typo",
            None,
            f"a one-day excursion: the next total {held[0].total} is back below it",
        )
    if len(held) == HOLDS_FOR and all(point.total >= at.total for point in held):
        return Verdict(
            "official correction",
            at.total,
            f"the total {at.total} holds: the next {len(held)} totals build on it "
            "(this source states no increases)",
        )
    return Verdict("unexplained", None, "the neighbouring totals do not tell")


def judge(before: list[Point], at: Point, after: list[Point], *, repeats: bool = False) -> Verdict:
    """The verdict on the figure `at`, between the stored dates `before` and `after`
    (nearest last and first). `repeats`: the whole bulletin repeats the one before."""
    prev = before[-1] if before else None
    if repeats and prev is not None:
        note = f"the bulletin repeats the figures of {prev.report_date}"
        return Verdict("source lag", None, note)
    if _reverts_a_typo(before, at):
        return Verdict(
            "likely typo",
            at.total,
            f"the figure of {prev.report_date} was the typo: this continues from "
            f"{before[-2].total} + {prev.reported_delta}",
        )
    nxt = after[0] if after else None
    if nxt is None:
        implied = prev.total + at.reported_delta if prev and at.reported_delta is not None else None
        return Verdict("unexplained", implied, "no later bulletin yet to tell")
    if nxt.reported_delta is None:
        return _judge_by_totals(prev, at, after)
    implied = nxt.total - nxt.reported_delta  # what the next bulletin continues from
    held = after[:HOLDS_FOR]
    if implied == at.total and len(held) == HOLDS_FOR and _continues([at, *held], 0):
        if prev is not None and at.reported_delta is not None and at.total >= prev.total:
            computed = at.total - prev.total
            edit = digit_edit(at.reported_delta, computed)
            if edit:  # the totals hold: the stated increase is the typo
                return Verdict(
                    "likely typo",
                    at.total,
                    f"the stated increase +{at.reported_delta} for +{computed}: {edit}",
                )
        return Verdict(
            "official correction",
            at.total,
            f"the total {at.total} holds: the next {len(held)} bulletins continue from it",
        )
    if edit := digit_edit(at.total, implied):
        return Verdict("likely typo", implied, f"{at.total} for {implied}: {edit}")
    if prev is not None and implied >= prev.total:
        return Verdict(
            "likely typo",
            implied,
            f"a one-day excursion: the next bulletin continues from {implied}, not {at.total}",
        )
    return Verdict("unexplained", implied, "the neighbouring days do not tell")


def judge_all(con, now: dt.datetime, failing: list[str], window: int = 4) -> int:
    """Judge anew, from their stored neighbours, the failing check rows that the check
    being run may have changed (in its transaction, check_targets made): those within
    `window` dates of a date it judges (queries/verdict_targets.sql); returns how many.
    The others keep their verdicts: a daily run judges no failure of years ago."""
    con.execute(load("verdict_targets"), {"statuses": failing, "window": window})
    con.execute(load("verdict_clear"))
    if not con.execute("SELECT count(*) FROM verdict_targets").fetchone()[0]:
        con.execute("DROP TABLE verdict_targets")
        return 0
    rows = con.execute(load("verdict_windows"), {"window": window}).fetchall()
    con.execute("DROP TABLE verdict_targets")
    windows: dict[tuple, list] = {}
    for source, day, category, point_date, total, delta, repeats in rows:
        windows.setdefault((source, day, category), []).append(
            (Point(point_date, total, delta), repeats)
        )
    judged = []
    for (source, day, category), points in windows.items():
        series = [point for point, _ in points]
        index = next(i for i, point in enumerate(series) if point.report_date == day)
        repeats = points[index][1]
        verdict = judge(series[:index], series[index], series[index + 1 :], repeats=repeats)
        judged.append((source, day, category, verdict))
    if judged:
        con.execute(
            load("insert_verdicts"),
            [
                "check",
                [j[0] for j in judged],
                [j[1] for j in judged],
                [j[2] for j in judged],
                [j[3].verdict for j in judged],
                [j[3].implied for j in judged],
                [j[3].note for j in judged],
                now,
            ],
        )
    return len(judged)


__all__ = ["VERDICTS", "Point", "Verdict", "digit_edit", "judge", "judge_all"]
