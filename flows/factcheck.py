"""Fact-checking an article against the bulletins (`losses factcheck`): the article's
date (given, stated, or inferred from the bulletin its figures match best), the days
each claim speaks of, and a verdict on each against the warehouse (daily_losses_long:
the preferred source, date by date). No Prefect on this path.

A bulletin dated D states the totals as of that morning and the losses of D-1: "on
Sunday 2 June" is the increase the bulletin of Monday 3 June states.

Verdicts:
    confirmed          the bulletin of the day states the figure
    wrong_day          another day's bulletin states it (evidence: that bulletin)
    wrong_number       the day's bulletin states another figure (evidence: it)
    consistent_bound   "exceeds 500,000" with 512,420
    false_superlative  a day of the scope beat it (evidence: the highest such day)
    false_run          a day of the run broke it (evidence: the day furthest off)
    not_in_bulletins   the bulletins cannot speak to it (no such figure, a forecast)
The first four after confirmed, but consistent_bound, contradict the article.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, get_args

from parsers.claims import Article, Claim, When, resolve_days, scope_start
from parsers.errors import ConfigError, MissingBulletins
from parsers.vocabulary import WAR_START

if TYPE_CHECKING:
    from warehouse import Warehouse

Verdict = Literal[
    "confirmed",
    "wrong_day",
    "wrong_number",
    "consistent_bound",
    "false_superlative",
    "false_run",
    "not_in_bulletins",
]
VERDICTS: tuple[str, ...] = get_args(Verdict)
CONTRADICTED = frozenset({"wrong_day", "wrong_number", "false_superlative", "false_run"})
DateBasis = Literal["given", "stated", "inferred"]

# How far from the day a claim names a figure is looked for before it is a wrong number.
WRONG_DAY_WINDOW = 3
_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class Evidence:
    report_date: dt.date | None  # the bulletin it rests on (None: no bulletin can)
    value: int | None  # that bulletin's figure
    note: str  # what it shows, in words


@dataclass(frozen=True)
class Finding:
    """One claim judged."""

    claim: Claim
    kind: str  # total, increase, bound, superlative, run
    days: tuple[dt.date, ...]  # see to_json
    says: str  # what the claim says, resolved ("personnel +1,270 on Sun 2024-06-02")
    verdict: Verdict
    evidence: Evidence

    @property
    def contradicted(self) -> bool:
        return self.verdict in CONTRADICTED

    def to_json(self) -> dict[str, Any]:
        """One claim of `losses factcheck --json`. days: for a total (or a bound on one)
        the report date it is as of; otherwise the days the losses happened."""
        return {
            "quote": self.claim.quote,
            "category": self.claim.category,
            "value": self.claim.value,
            "kind": self.kind,
            "days": [day.isoformat() for day in self.days],
            "verdict": self.verdict,
            "evidence": {
                "report_date": (
                    self.evidence.report_date.isoformat() if self.evidence.report_date else None
                ),
                "value": self.evidence.value,
                "note": self.evidence.note,
            },
        }


@dataclass(frozen=True)
class FactCheck:
    article_date: dt.date
    date_basis: DateBasis
    date_note: str  # how the date was found ("inferred: 12 of 14 figures match ...")
    findings: tuple[Finding, ...]

    @property
    def contradicted(self) -> list[Finding]:
        return [f for f in self.findings if f.contradicted]

    def counts(self) -> dict[str, int]:
        return {v: n for v in VERDICTS if (n := sum(f.verdict == v for f in self.findings))}

    def to_json(self) -> dict[str, Any]:
        """The exact shape of `losses factcheck --json`."""
        return {
            "article_date": self.article_date.isoformat(),
            "date_basis": self.date_basis,
            "claims": [finding.to_json() for finding in self.findings],
        }


class _Needs(Exception):
    """A claim cannot be judged without these report dates (they are not loaded)."""

    def __init__(self, dates: Iterable[dt.date]) -> None:
        super().__init__()
        self.dates = set(dates)


class Bulletins:
    """The figures a judgement reads: {category: {report date: (total, increase)}} and
    the report dates the warehouse covers (with any figure) in the range read."""

    def __init__(
        self,
        figures: dict[str, dict[dt.date, tuple[int, int | None]]],
        covered: set[dt.date],
    ) -> None:
        self.figures = figures
        self.covered = covered

    @classmethod
    def read(
        cls, wh: Warehouse, categories: Sequence[str], start: dt.date, end: dt.date
    ) -> Bulletins:
        series = wh.daily_series(since=start, categories=list(categories))
        figures = {
            category: {p.date: (p.total, p.delta) for p in points if p.date <= end}
            for category, points in series.items()
        }
        return cls(figures, wh.covered_dates(start, end))

    def of(self, category: str, report_date: dt.date) -> tuple[int, int | None] | None:
        """(total, increase) of the bulletin of `report_date`; _Needs when it is not
        loaded, None when it is but states no such category."""
        if report_date not in self.covered:
            raise _Needs([report_date])
        return self.figures.get(category, {}).get(report_date)

    def increase(self, category: str, day: dt.date) -> int | None:
        """The losses of `day` (its bulletin is the next day's); None: not stated."""
        found = self.of(category, day + _DAY)
        return found[1] if found else None

    def known_increase(self, category: str, day: dt.date) -> int | None:
        """increase() where loaded, else None (never _Needs)."""
        try:
            return self.increase(category, day)
        except _Needs:
            return None


# --------------------------------------------------------------------------------------
# The article's date
# --------------------------------------------------------------------------------------


def article_date(
    article: Article, wh: Warehouse, given: dt.date | None = None
) -> tuple[dt.date, DateBasis, str]:
    """(date, basis, how): --date, else the date the text states, else the report date of
    the bulletin whose figures the article states most of (ties: the later)."""
    if given is not None:
        return given, "given", f"given: --date {given}"
    if article.stated_date is not None:
        words = f" “{article.stated_date_text}”" if article.stated_date_text else ""
        return article.stated_date, "stated", f"stated:{words or ' in the text'}"
    exact = [
        c
        for c in article.claims
        if c.superlative is None
        and c.run is None
        and c.figure.bound is None
        and not c.figure.rounded
        and c.not_judged is None
    ]
    if not exact:
        raise ConfigError(
            "cannot date the article: it states no date and no exact figure to date it by; "
            "pass --date YYYY-MM-DD"
        )
    rows = wh.bulletins_stating(sorted({(c.category, c.value) for c in exact}))
    stating: dict[dt.date, set[int]] = {}  # report date: the exact figures it states
    totals: dict[dt.date, int] = {}
    for report_date, category, value, as_total, as_increase in rows:
        for index, claim in enumerate(exact):
            if (claim.category, claim.value) != (category, value):
                continue
            if as_total and claim.measure != "increase":
                totals[report_date] = totals.get(report_date, 0) + 1
            elif not (as_increase and claim.measure != "total"):
                continue
            stating.setdefault(report_date, set()).add(index)
    if not stating:
        covered = wh.covered_dates(WAR_START, dt.date.today() + _DAY)
        holds = f"it holds {min(covered)}..{max(covered)}" if covered else "it holds none"
        raise ConfigError(
            f"cannot date the article: it states no date and none of its {len(exact)} exact "
            f"figure(s) is a figure of any bulletin in the warehouse ({holds}); pass --date "
            "YYYY-MM-DD, or load the bulletins of its days"
        )
    # Each bulletin stating one of the figures is a candidate: the article's date is the
    # one on which most figures hold on the days the article names for them ("on Sunday"
    # depends on the date), then the one whose bulletin states most of them, then the later.
    candidates = sorted(stating, key=lambda d: (len(stating[d]), d), reverse=True)[:400]
    categories = sorted({claim.category for claim in exact})
    bulletins = Bulletins.read(
        wh, categories, min(candidates) - dt.timedelta(days=45), max(candidates)
    )
    holding = {day: _holding(article, exact, day, bulletins) for day in candidates}
    ranked = sorted(
        candidates, key=lambda d: (holding[d], len(stating[d]), totals.get(d, 0), d), reverse=True
    )
    best = ranked[0]
    how = (
        f"inferred: {len(stating[best])} of {len(exact)} figures match the bulletin of {best}, "
        f"{holding[best]} hold on the days the article names"
    )
    if len(ranked) > 1:
        how += f" (next best {ranked[1]}: {holding[ranked[1]]})"
    return best, "inferred", how


def _holding(article: Article, exact: Sequence[Claim], day: dt.date, bulletins: Bulletins) -> int:
    """How many of the exact figures hold for an article of `day`."""
    whens = dict(zip(map(id, article.claims), resolve_days(article.claims, day), strict=True))
    held = 0
    for claim in exact:
        days = whens[id(claim)].days
        if not days or days[-1] >= day:
            continue
        figures = bulletins.figures.get(claim.category, {})
        total = figures.get(days[-1] + _DAY, (None, None))[0]
        increases = [figures.get(d + _DAY, (None, None))[1] for d in days]
        increase = None if None in increases else sum(increases)  # type: ignore[arg-type]
        if (claim.measure != "increase" and total == claim.value) or (
            claim.measure != "total" and increase == claim.value
        ):
            held += 1
    return held


# --------------------------------------------------------------------------------------
# Judging
# --------------------------------------------------------------------------------------


def factcheck(article: Article, wh: Warehouse, *, date: dt.date | None = None) -> FactCheck:
    """Every claim of `article` judged against the warehouse. MissingBulletins (naming
    them) when claims need report dates the warehouse does not hold."""
    when_date, basis, how = article_date(article, wh, date)
    whens = resolve_days(article.claims, when_date)
    start, end = _range(article.claims, whens, when_date)
    categories = sorted({claim.category for claim in article.claims})
    bulletins = Bulletins.read(wh, categories, start, end)
    findings: list[Finding] = []
    needed: set[dt.date] = set()
    unjudged = 0
    groups = _list_days(article.claims, whens, when_date, bulletins)
    for claim, when in zip(article.claims, whens, strict=True):
        try:
            findings.append(judge(claim, when, when_date, bulletins, groups.get(id(claim.when))))
        except _Needs as needs:
            needed |= needs.dates
            unjudged += 1
    if needed:
        dates = tuple(sorted(needed))
        raise MissingBulletins(
            f"the warehouse lacks the bulletins of {describe_dates(dates)}, needed to judge "
            f"{unjudged} claim(s) of an article of {when_date} ({how})",
            dates=dates,
            path=wh.path,
        )
    return FactCheck(when_date, basis, how, tuple(findings))


def describe_dates(dates: Sequence[dt.date]) -> str:
    """ "2024-05-11..2024-05-31 (21 dates), 2024-06-03": runs of consecutive dates."""
    runs: list[list[dt.date]] = []
    for date in sorted(dates):
        if runs and date - runs[-1][-1] == _DAY:
            runs[-1].append(date)
        else:
            runs.append([date])
    parts = [
        f"{run[0]}..{run[-1]} ({len(run)} dates)" if len(run) > 2 else ", ".join(map(str, run))
        for run in runs
    ]
    if len(parts) > 6:
        parts = [*parts[:5], f"… {len(parts) - 5} more run(s), to {runs[-1][-1]}"]
    return ", ".join(parts)


def backfill_command(dates: Sequence[dt.date], warehouse: str | None = None) -> str:
    """The command that loads `dates` (one range; dates already loaded fetch nothing)."""
    command = f"losses backfill --start {min(dates)} --end {max(dates)}"
    return command + (f" --warehouse {warehouse}" if warehouse else "")


def judge(
    claim: Claim,
    when: When,
    article_day: dt.date,
    bulletins: Bulletins,
    list_day: tuple[dt.date, int, int] | None = None,
) -> Finding:
    """One claim's finding (_Needs when a bulletin it needs is not loaded).
    `list_day`: the day most figures of the claim's list are (day, how many, of how many)."""
    if claim.superlative is not None:
        return _superlative(claim, when, article_day, bulletins)
    if claim.run is not None:
        return _run(claim, when, article_day, bulletins)
    return _figure(claim, when, article_day, bulletins, list_day)


def _range(
    claims: Sequence[Claim], whens: Sequence[When], article_day: dt.date
) -> tuple[dt.date, dt.date]:
    days = [day for when in whens for day in when.days] or [article_day - _DAY]
    start = min(days) - dt.timedelta(days=WRONG_DAY_WINDOW)
    for claim in claims:
        if claim.superlative is not None:
            start = min(start, scope_start(claim.superlative, article_day))
        if claim.measure == "total" and claim.figure.bound is None:
            start = WAR_START  # a wrong total is looked for in every bulletin
    end = max(max(days) + _DAY, article_day) + dt.timedelta(days=WRONG_DAY_WINDOW)
    return max(start, WAR_START), end


def _list_days(
    claims: Sequence[Claim], whens: Sequence[When], article_day: dt.date, bulletins: Bulletins
) -> dict[int, tuple[dt.date, int, int]]:
    """For the figures of a list that share one day phrase ("on Sunday alone, 15 tanks,
    18 ..."): the day whose bulletin states most of them, when that is over half."""
    groups: dict[int, list[tuple[Claim, When]]] = {}
    for claim, when in zip(claims, whens, strict=True):
        if (
            claim.when is not None
            and claim.superlative is None
            and claim.run is None
            and claim.measure == "increase"
            and claim.figure.bound is None
            and len(when.days) == 1
        ):
            groups.setdefault(id(claim.when), []).append((claim, when))
    found = {}
    for key, members in groups.items():
        if len(members) < 3:
            continue
        day = members[0][1].days[0]
        counts: dict[dt.date, int] = {}
        for offset in range(-WRONG_DAY_WINDOW, WRONG_DAY_WINDOW + 1):
            candidate = day + dt.timedelta(days=offset)
            if candidate >= article_day:
                continue
            counts[candidate] = sum(
                bulletins.known_increase(c.category, candidate) == c.value for c, _ in members
            )
        best = max(counts, key=lambda d: (counts[d], -abs((d - day).days)), default=None)
        if best is not None and counts[best] * 2 > len(members):
            found[key] = (best, counts[best], len(members))
    return found


def _label(category: str) -> str:
    return category.replace("_", " ")


def _day(day: dt.date) -> str:
    return f"{day:%a} {day}"


def _days(days: Sequence[dt.date]) -> str:
    if len(days) == 1:
        return _day(days[0])
    return f"{days[0]}..{days[-1]} ({len(days)} days)"


def _signed(value: int | None, measure: str) -> str:
    if value is None:
        return "none"
    return f"{value:+,}" if measure == "increase" else f"{value:,}"


def _precision(value: int, words: str = "") -> int:
    """The place a figure is stated to: its scale word's ("520 тисяч": 1,000; "1.3
    million": 100,000), else its round digits' (1,300: 100; 512,420: 1)."""
    digits = "".join(ch for ch in words if ch.isdigit())
    scale = 1
    if digits and int(digits) and value % int(digits) == 0:
        scale = value // int(digits)
    if scale > 1:
        return scale
    power = 1
    while value and value % (power * 10) == 0:
        power *= 10
    return power


def _tolerance(value: int, words: str = "") -> float:
    """How far "about N" may be from N: its rounding, at least 2%."""
    return max(_precision(value, words), 0.02 * value)


def _rounds_to(stated: int, words: str, actual: int) -> bool:
    """Whether a rounded figure is `actual` rounded (or cut) to the place it is stated to."""
    place = _precision(stated, words)
    return -place / 2 <= actual - stated < place


def _holds(bound: str | None, stated: int, actual: float, words: str = "") -> bool:
    if bound == "over":
        return actual > stated
    if bound == "under":
        return actual < stated
    if bound == "almost":
        return stated - _tolerance(stated, words) <= actual <= stated
    return abs(actual - stated) <= _tolerance(stated, words)  # "about", a run's bare figure


_BOUND_WORDS = {"over": "over", "under": "under", "about": "about", "almost": "almost"}


def _not_judged(claim: Claim, kind: str, days: tuple[dt.date, ...], says: str, why: str) -> Finding:
    return Finding(claim, kind, days, says, "not_in_bulletins", Evidence(None, None, why))


def _figure(
    claim: Claim,
    when: When,
    article_day: dt.date,
    bulletins: Bulletins,
    list_day: tuple[dt.date, int, int] | None,
) -> Finding:
    figure = claim.figure
    label = _label(claim.category)
    days = when.days
    measure = claim.measure
    if measure is None and days:
        # The text does not say: the figure is whichever of the day's it is nearer.
        try:
            found = bulletins.of(claim.category, days[-1] + _DAY)
        except _Needs:
            if not claim.not_judged and not when.future:
                raise
            found = None
        measure = "increase"
        if found and (found[1] is None or _nearer(figure.value, found[0], found[1])):
            measure = "total"
    measure = measure or "increase"
    kind = "bound" if figure.bound else measure
    shown_days = (days[-1] + _DAY,) if measure == "total" and days else days
    bound = f"{_BOUND_WORDS[figure.bound]} " if figure.bound else ""
    if measure == "total":
        says = f"{label}: total {bound}{figure.value:,}" + (
            f" on {shown_days[0]}" if shown_days else ""
        )
    else:
        says = f"{label}: {bound}+{figure.value:,}" + (f" on {_days(days)}" if days else "")
    if claim.not_judged:
        return _not_judged(claim, kind, shown_days, says, claim.not_judged)
    if not days:
        return _not_judged(claim, kind, shown_days, says, f"no day can be told from “{when.text}”")
    if when.future:
        return _not_judged(
            claim,
            kind,
            shown_days,
            says,
            f"{_days(days)} is not before the article's date {article_day}: no bulletin "
            "it could quote states it",
        )
    if days[0] < WAR_START:
        return _not_judged(claim, kind, shown_days, says, "before the war's first day")
    if measure == "total":
        report = days[-1] + _DAY
        found = bulletins.of(claim.category, report)
        if found is None:
            return _not_judged(
                claim, kind, shown_days, says, f"the bulletin of {report} states no {label}"
            )
        actual, where = found[0], report
        of_what = f"bulletin {report}: {actual:,}"
    else:
        reports = [day + _DAY for day in days]
        missing = [r for r in reports if r not in bulletins.covered]
        if missing:
            raise _Needs(missing)
        increases = [bulletins.increase(claim.category, day) for day in days]
        if any(value is None for value in increases):
            unstated = [
                str(day + _DAY) for day, v in zip(days, increases, strict=True) if v is None
            ]
            return _not_judged(
                claim,
                kind,
                shown_days,
                says,
                f"the bulletin(s) of {', '.join(unstated[:3])} state no increase of {label}",
            )
        actual = sum(increases)  # type: ignore[arg-type]
        where = reports[-1]
        if len(days) == 1:
            of_what = f"bulletin {where} (the losses of {_day(days[0])}): {actual:+,}"
        else:
            of_what = f"bulletins {reports[0]}..{where}: {actual:+,} in all ({_days(days)})"
    stated = figure.value
    if figure.bound:
        if _holds(figure.bound, stated, actual, claim.words):
            return Finding(
                claim,
                kind,
                shown_days,
                says,
                "consistent_bound",
                Evidence(where, actual, f"{of_what}, {figure.bound} {stated:,}"),
            )
        return Finding(
            claim,
            kind,
            shown_days,
            says,
            "wrong_number",
            Evidence(where, actual, f"{of_what}, not {figure.bound} {stated:,}"),
        )
    if actual == stated or (figure.rounded and _rounds_to(stated, claim.words, actual)):
        rounded = " (rounded)" if actual != stated else ""
        return Finding(
            claim, kind, shown_days, says, "confirmed", Evidence(where, actual, of_what + rounded)
        )
    if not figure.rounded and len(days) == 1:
        other = _other_day(claim, measure, days[0], article_day, bulletins, list_day)
        if other is not None:
            other_day, other_report = other
            if measure == "total":
                note = (
                    f"{stated:,} is the total of bulletin {other_report}; "
                    f"bulletin {where}: {actual:,}"
                )
            else:
                note = (
                    f"{stated:+,} is {_day(other_day)}'s (bulletin {other_report}); "
                    f"{_day(days[0])}'s: {actual:+,} (bulletin {where})"
                )
                if list_day and list_day[0] == other_day:
                    note += f"; so are {list_day[1]} of the {list_day[2]} figures of its list"
            return Finding(
                claim, kind, shown_days, says, "wrong_day", Evidence(other_report, stated, note)
            )
    return Finding(
        claim,
        kind,
        shown_days,
        says,
        "wrong_number",
        Evidence(where, actual, f"{of_what}, not {_signed(stated, measure)}"),
    )


def _nearer(value: int, total: int, increase: int) -> bool:
    """Whether `value` is nearer (in ratio) the total than the increase."""
    if value <= 0:
        return False
    return abs(math.log(value / max(total, 1))) < abs(math.log(value / max(increase, 1)))


def _other_day(
    claim: Claim,
    measure: str,
    day: dt.date,
    article_day: dt.date,
    bulletins: Bulletins,
    list_day: tuple[dt.date, int, int] | None,
) -> tuple[dt.date, dt.date] | None:
    """(day, its bulletin) of another day with the claim's figure: the day its list's
    other figures are, else the nearest (before the article's date)."""
    value = claim.value
    if measure == "total":
        reports = [
            report
            for report, (total, _) in bulletins.figures.get(claim.category, {}).items()
            if total == value and report <= article_day and report in bulletins.covered
        ]
        if not reports:
            return None
        report = min(reports, key=lambda r: (abs((r - (day + _DAY)).days), r))
        return report - _DAY, report
    candidates = []
    if list_day is not None:
        candidates.append(list_day[0])
    for offset in range(1, WRONG_DAY_WINDOW + 1):
        candidates += [day + dt.timedelta(days=offset), day - dt.timedelta(days=offset)]
    for candidate in candidates:
        if candidate == day or candidate >= article_day:
            continue
        if bulletins.known_increase(claim.category, candidate) == value:
            return candidate, candidate + _DAY
    return None


def _period_key(unit: str, day: dt.date) -> Any:
    if unit == "week":
        return day.isocalendar()[:2]
    if unit == "month":
        return day.year, day.month
    return day


def _period_name(unit: str, key: Any) -> str:
    if unit == "week":
        return f"week {key[1]} of {key[0]}"
    if unit == "month":
        return f"{key[0]}-{key[1]:02d}"
    return _day(key)


def _superlative(claim: Claim, when: When, article_day: dt.date, bulletins: Bulletins) -> Finding:
    superlative = claim.superlative
    assert superlative is not None
    label = _label(claim.category)
    days = when.days
    unit = superlative.unit
    first = scope_start(superlative, article_day)
    word = "lowest" if superlative.lowest else "highest"
    rank = 10 if superlative.vague else superlative.rank
    ranked = "one of the 10" if superlative.vague else (f"the {rank}" if rank > 1 else "the")
    periods = "days" if unit == "day" else f"{unit}s"
    claimed = ", ".join(_day(d) for d in days) if unit == "day" else _days(days)
    says = f"{label}: {claimed} {ranked} {word} {periods if rank > 1 else unit} since {first}"
    if claim.not_judged:
        return _not_judged(claim, "superlative", days, says, claim.not_judged)
    if not days:
        return _not_judged(claim, "superlative", days, says, "no day can be told for it")
    last = max(days)
    sums: dict[Any, int] = {}
    missing: list[dt.date] = []
    unstated = 0
    day = first
    while day <= last:
        report = day + _DAY
        if report not in bulletins.covered:
            missing.append(report)
        else:
            increase = bulletins.increase(claim.category, day)
            if increase is None:
                unstated += 1
            else:
                key = _period_key(unit, day)
                sums[key] = sums.get(key, 0) + increase
        day += _DAY
    claimed_keys = {_period_key(unit, d) for d in days}
    stated_values = [c.value for c in claim.covers] or [claim.value]
    values = [sums[k] for k in claimed_keys if k in sums] or stated_values
    threshold = max(values) if superlative.lowest else min(values)

    def beats(value: int) -> bool:
        return value < threshold if superlative.lowest else value > threshold

    others = sorted(
        ((k, v) for k, v in sums.items() if k not in claimed_keys and beats(v)),
        key=lambda kv: kv[1],
        reverse=not superlative.lowest,
    )
    allowed = max(rank - len(claimed_keys), 0)
    scope = f"from {first} to {last}"
    if len(others) > allowed:
        key, value = others[0]
        report = (key if unit == "day" else _period_end(unit, key)) + _DAY
        latest = max(others, key=lambda kv: kv[0])
        note = (
            f"{_period_name(unit, key)}: {value:+,} (bulletin {report}), "
            f"{'under' if superlative.lowest else 'over'} {threshold:+,}; "
            f"{len(others)} {periods if len(others) > 1 else unit} {scope} beat it"
        )
        if unit == "day" and latest[0] != key:
            note += f", the latest {_day(latest[0])}: {latest[1]:+,} (bulletin {latest[0] + _DAY})"
        if unstated:
            note += f"; {unstated} day(s) of it state no increase"
        return Finding(
            claim, "superlative", days, says, "false_superlative", Evidence(report, value, note)
        )
    if missing:
        raise _Needs(missing)
    if not sums:
        return _not_judged(
            claim, "superlative", days, says, f"the bulletins {scope} state no increase"
        )
    runner_up = sorted(
        ((k, v) for k, v in sums.items() if k not in claimed_keys),
        key=lambda kv: kv[1],
        reverse=not superlative.lowest,
    )
    report = last + _DAY
    note = f"{word} of {len(sums)} {periods} with stated increases {scope}"
    if runner_up:
        key, value = runner_up[0]
        note += f"; next: {value:+,} ({_period_name(unit, key)})"
    if unstated:
        note += f"; {unstated} day(s) state no increase"
    return Finding(claim, "superlative", days, says, "confirmed", Evidence(report, threshold, note))


def _period_end(unit: str, key: Any) -> dt.date:
    if unit == "week":
        return dt.date.fromisocalendar(key[0], key[1], 7)
    if unit == "month":
        year, month = key
        return dt.date(year + month // 12, month % 12 + 1, 1) - _DAY
    return key


def _run(claim: Claim, when: When, article_day: dt.date, bulletins: Bulletins) -> Finding:
    run = claim.run
    assert run is not None
    figure = claim.figure
    label = _label(claim.category)
    days = when.days
    bound = figure.bound or "about"
    average = " on average" if run.average else ""
    span = _days(days) if days else "?"
    says = f"{label}: {bound} +{figure.value:,} a day{average}, {span}"
    if claim.not_judged:
        return _not_judged(claim, "run", days, says, claim.not_judged)
    if not days:
        return _not_judged(claim, "run", days, says, "no day can be told for it")
    increases: dict[dt.date, int] = {}
    missing: list[dt.date] = []
    for day in days:
        report = day + _DAY
        if report not in bulletins.covered:
            missing.append(report)
            continue
        increase = bulletins.increase(claim.category, day)
        if increase is not None:
            increases[day] = increase
    stated = figure.value
    if run.average:
        if missing:
            raise _Needs(missing)
        if not increases:
            return _not_judged(claim, "run", days, says, "the bulletins state no increase")
        mean = sum(increases.values()) / len(increases)
        verdict: Verdict = "confirmed" if _holds(bound, stated, mean, claim.words) else "false_run"
        note = f"average {mean:,.0f} a day over {len(increases)} day(s) {span}"
        return Finding(
            claim, "run", days, says, verdict, Evidence(days[-1] + _DAY, round(mean), note)
        )
    broken = [(d, v) for d, v in increases.items() if not _holds(bound, stated, v, claim.words)]
    low = bound in ("over", "about", "almost")
    if broken:
        worst = min(broken, key=lambda dv: dv[1]) if low else max(broken, key=lambda dv: dv[1])
        day, value = worst
        note = (
            f"{_day(day)}: {value:+,} (bulletin {day + _DAY}), not {bound} {stated:,}; "
            f"{len(broken)} of {len(days)} days break it"
        )
        if broken[0][0] != day:
            note += f", the first {_day(broken[0][0])}: {broken[0][1]:+,}"
        return Finding(claim, "run", days, says, "false_run", Evidence(day + _DAY, value, note))
    if missing:
        raise _Needs(missing)
    if not increases:
        return _not_judged(claim, "run", days, says, "the bulletins state no increase")
    day, value = (min if low else max)(increases.items(), key=lambda dv: dv[1])
    note = (
        f"every one of {len(increases)} day(s) {bound} {stated:,}; "
        f"{'lowest' if low else 'highest'} {_day(day)}: {value:+,} (bulletin {day + _DAY})"
    )
    if len(increases) < len(days):
        note += f"; {len(days) - len(increases)} day(s) state no increase"
    return Finding(claim, "run", days, says, "confirmed", Evidence(day + _DAY, value, note))


__all__ = [
    "CONTRADICTED",
    "VERDICTS",
    "WRONG_DAY_WINDOW",
    "Bulletins",
    "Evidence",
    "FactCheck",
    "Finding",
    "article_date",
    "backfill_command",
    "describe_dates",
    "factcheck",
    "judge",
]
