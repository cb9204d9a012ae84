"""Charts of the figures: pure functions from the warehouse's rows (SeriesPoint,
CheckRow) to numbers, text sparklines, SVG text and PNG or SVG bytes.

One chart per category: above, the daily increases (thin) and their 7-day average
(bold); below, the cumulative total; on both, a mark for every check finding
(restated, mismatch, implausible) at its date. matplotlib draws it, imported only
when a chart is drawn and used without pyplot (a Figure of its own, the Agg canvas
for PNG, settings in a context): the command line and the flows start without it."""

from __future__ import annotations

import datetime as dt
import io
import re
from collections import deque
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING, Any

from warehouse.records import FAILING_STATUSES

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from warehouse.records import CheckRow, SeriesPoint

WINDOW_DAYS = 7  # the average at D: the increases of D-6..D
MIN_DAYS_IN_WINDOW = 5  # ... shown when at least this many of those days have one
SPARKS = "▁▂▃▄▅▆▇█"
SPARK_GAP = "·"  # a day without an increase
FORMATS = ("svg", "png")
MARKED_STATUSES = FAILING_STATUSES  # the findings a chart marks


@dataclass(frozen=True, slots=True)
class Style:
    marker: str
    color: str
    label: str


STATUS_STYLES = {
    "mismatch": Style("X", "#c62828", "mismatch"),
    "restated": Style("v", "#ef6c00", "restated"),
    "implausible": Style("^", "#6a1b9a", "implausible"),
}
INCREASE_COLOR, AVERAGE_COLOR, TOTAL_COLOR = "#9aa5b1", "#1f5fa8", "#2e7d32"
_ACRONYMS = {"mlrs": "MLRS", "uav": "UAV", "srbm": "SRBM"}


@dataclass(frozen=True, slots=True)
class Day:
    """One category on one report date, as charted."""

    date: dt.date
    total: int
    increase: int | None  # as the bulletin states it, else the difference to the day before
    stated: bool  # the bulletin stated the increase
    average: float | None  # 7-day average of the increases (see seven_day_average)
    implausible: bool = False  # the check found it implausible: left out of the average


@dataclass(frozen=True, slots=True)
class Mark:
    """A check finding where the chart shows it."""

    date: dt.date
    status: str
    source: str
    increase: float  # its height above: the increase charted that day (else the finding's)
    total: float  # its height below: the total charted that day (else the finding's)
    title: str  # what it says on hover


def display_name(category: str) -> str:
    """'armoured_combat_vehicles' -> 'armoured combat vehicles', 'mlrs' -> 'MLRS'."""
    return " ".join(_ACRONYMS.get(word, word) for word in category.split("_"))


def daily_increases(points: Sequence[SeriesPoint]) -> list[tuple[int | None, bool]]:
    """(increase, stated) per point: the increase the bulletin states; where it states
    none (before 2022-05-01), the difference of the totals when the point before is
    the day before (else None)."""
    increases: list[tuple[int | None, bool]] = []
    previous: SeriesPoint | None = None
    for point in points:
        if point.delta is not None:
            increases.append((point.delta, True))
        elif previous is not None and (point.date - previous.date).days == 1:
            increases.append((point.total - previous.total, False))
        else:
            increases.append((None, False))
        previous = point
    return increases


def seven_day_average(values: Sequence[tuple[dt.date, float | None]]) -> list[float | None]:
    """For each (date, value), oldest first with distinct dates: the mean of the values
    of the calendar days date-6..date, None when fewer than MIN_DAYS_IN_WINDOW of those
    seven days have one (missing dates and None values count as days without)."""
    window: deque[tuple[dt.date, float]] = deque()
    total = 0.0
    averages: list[float | None] = []
    for date, value in values:
        if value is not None:
            window.append((date, value))
            total += value
        while window and (date - window[0][0]).days >= WINDOW_DAYS:
            total -= window.popleft()[1]
        averages.append(total / len(window) if len(window) >= MIN_DAYS_IN_WINDOW else None)
    return averages


def implausible_dates(category: str, findings: Iterable[CheckRow]) -> set[dt.date]:
    """The dates of `category` whose figures the check found implausible."""
    return {r.report_date for r in findings if r.category == category and r.status == "implausible"}


def chart_days(
    points: Sequence[SeriesPoint], *, implausible: Collection[dt.date] = ()
) -> list[Day]:
    """A category's points (oldest first) as the chart shows them; the increases of the
    `implausible` dates are drawn but left out of the 7-day average."""
    increases = daily_increases(points)
    averages = seven_day_average(
        [
            (p.date, None if p.date in implausible else increase)
            for p, (increase, _) in zip(points, increases, strict=True)
        ]
    )
    return [
        Day(p.date, p.total, increase, stated, average, p.date in implausible)
        for p, (increase, stated), average in zip(points, increases, averages, strict=True)
    ]


def finding_marks(category: str, days: Sequence[Day], findings: Iterable[CheckRow]) -> list[Mark]:
    """The marks of `category`'s findings (statuses in MARKED_STATUSES), oldest first: at
    the finding's report date, at the height of what is charted that date (the finding's
    own figures where nothing is)."""
    by_date = {day.date: day for day in days}
    marks = []
    for row in findings:
        if row.category != category or row.status not in MARKED_STATUSES:
            continue
        day = by_date.get(row.report_date)
        own = row.reported_delta if row.reported_delta is not None else row.computed_delta
        increase = day.increase if day is not None and day.increase is not None else own
        total = day.total if day is not None else row.total
        title = f"{row.report_date} {row.source} {row.status}: {row.note or 'no note'}"
        marks.append(Mark(row.report_date, row.status, row.source, increase or 0, total, title))
    return sorted(marks, key=lambda m: (m.date, m.status, m.source))


def sparkline(values: Sequence[float | None]) -> str:
    """One character per value, ▁ for the lowest to █ for the highest (▁ throughout
    when all are equal), SPARK_GAP for None."""
    known = [v for v in values if v is not None]
    if not known:
        return SPARK_GAP * len(values)
    low, high = min(known), max(known)
    span = high - low
    return "".join(
        SPARK_GAP
        if v is None
        else SPARKS[0]
        if span == 0
        else SPARKS[int((v - low) / span * (len(SPARKS) - 1) + 0.5)]  # half up
        for v in values
    )


def recent_sparkline(points: Sequence[SeriesPoint], end: dt.date, days: int = 14) -> str:
    """The increases of the `days` calendar days up to `end` as a sparkline (a day
    without a stored increase is a gap)."""
    increases = {day.date: day.increase for day in chart_days(points)}
    dates = [end - dt.timedelta(days=n) for n in range(days - 1, -1, -1)]
    return sparkline([increases.get(date) for date in dates])


# -- drawing (matplotlib) -----------------------------------------------------------


def _limit(values: Iterable[float | None], skip: Sequence[bool]) -> float:
    """The top of an axis: a little over the largest value not flagged implausible."""
    shown = [v for v, s in zip(values, skip, strict=True) if v is not None and not s]
    top = max(shown, default=0)
    return top * 1.08 if top > 0 else 1.0


def draw(category: str, days: Sequence[Day], marks: Sequence[Mark]) -> Figure:
    """The chart of one category (a matplotlib Figure at 72 dpi, so that its pixels
    are the SVG's units). Elements carry ids: `{category}-increase`, `-average`,
    `-total`, the axes `{category}-increase-axes` and `-total-axes`, the marks
    `finding-{category}-{n}` above and `finding-{category}-{n}-total` below."""
    import matplotlib.dates as mdates
    from matplotlib.figure import Figure
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    nan = float("nan")
    dates = [day.date for day in days]
    figure = Figure(figsize=(9.0, 4.6), dpi=72)
    # Fixed margins (room for "1,400,000"): a layout engine would cost half the time.
    figure.subplots_adjust(left=0.105, right=0.985, top=0.93, bottom=0.075, hspace=0.1)
    above, below = figure.subplots(2, 1, sharex=True, height_ratios=(3, 2))
    flagged = [day.implausible for day in days]

    above.plot(
        dates,
        [nan if d.increase is None else d.increase for d in days],
        color=INCREASE_COLOR,
        linewidth=0.7,
        label="daily increase",
        gid=f"{category}-increase",
    )
    above.plot(
        dates,
        [nan if d.average is None else d.average for d in days],
        color=AVERAGE_COLOR,
        linewidth=1.8,
        label=f"{WINDOW_DAYS}-day average",
        gid=f"{category}-average",
    )
    below.plot(
        dates,
        [d.total for d in days],
        color=TOTAL_COLOR,
        linewidth=1.6,
        label="total",
        gid=f"{category}-total",
    )
    increase_top = _limit([d.increase for d in days], flagged)
    total_top = _limit([d.total for d in days], flagged)
    increase_bottom = min([0, *(d.increase for d in days if d.increase is not None)])
    above.set_ylim(increase_bottom, increase_top)
    below.set_ylim(0, total_top)

    labelled: set[str] = set()
    for n, mark in enumerate(marks):
        style = STATUS_STYLES[mark.status]
        label = style.label if mark.status not in labelled else None
        labelled.add(mark.status)
        for axes, height, top, gid in (
            (above, mark.increase, increase_top, f"finding-{category}-{n}"),
            (below, mark.total, total_top, f"finding-{category}-{n}-total"),
        ):
            axes.plot(
                [mark.date],
                [min(height, top)],  # an implausible figure sits on the top edge
                marker=style.marker,
                markersize=7,
                color=style.color,
                markeredgecolor="white",
                markeredgewidth=0.6,
                linestyle="none",
                clip_on=False,
                zorder=4,
                label=label if axes is above else None,
                gid=gid,
            )

    thousands = FuncFormatter(lambda value, _: f"{value:,.0f}")
    for axes, name in ((above, "increase"), (below, "total")):
        axes.patch.set_gid(f"{category}-{name}-axes")
        axes.yaxis.set_major_locator(MaxNLocator(nbins="auto", integer=True))  # counts
        axes.yaxis.set_major_formatter(thousands)
        axes.grid(True, axis="y", color="#e3e7eb", linewidth=0.6)
        axes.set_axisbelow(True)
        for side in ("top", "right"):
            axes.spines[side].set_visible(False)
        axes.tick_params(labelsize=8)
    if dates:
        above.set_xlim(dates[0], dates[-1] if dates[-1] > dates[0] else dates[0] + dt.timedelta(1))
    locator = mdates.AutoDateLocator(maxticks=10)
    below.xaxis.set_major_locator(locator)
    below.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    above.set_ylabel("per day", fontsize=8)
    below.set_ylabel("total", fontsize=8)
    above.set_title(display_name(category), loc="left", fontsize=11, fontweight="bold")
    above.legend(loc="upper left", fontsize=7, frameon=False, ncols=5)
    return figure


def _rc(category: str) -> dict[str, Any]:
    # The salt makes the ids matplotlib gives clip paths and markers differ between
    # charts on one page; text stays text (smaller, selectable).
    return {"svg.fonttype": "none", "svg.hashsalt": category, "svg.id": f"chart-{category}"}


def render(category: str, days: Sequence[Day], marks: Sequence[Mark], format: str) -> bytes:
    """The chart as a file's bytes: 'svg' or 'png'."""
    if format not in FORMATS:
        raise ValueError(f"format {format!r}: one of {', '.join(FORMATS)}")
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    with matplotlib.rc_context(_rc(category)):
        figure = draw(category, days, marks)
        FigureCanvasAgg(figure)
        out = io.BytesIO()
        if format == "svg":
            metadata = {"Date": None, "Creator": None, "Format": None, "Type": None}
        else:
            metadata = {"Software": None}
        figure.savefig(out, format=format, dpi=72 if format == "svg" else 144, metadata=metadata)
    return out.getvalue()


def category_chart(
    category: str, points: Sequence[SeriesPoint], findings: Iterable[CheckRow], format: str
) -> bytes:
    """One category's chart file (svg or png) from its points and the check's rows."""
    findings = list(findings)
    days = chart_days(points, implausible=implausible_dates(category, findings))
    return render(category, days, finding_marks(category, days, findings), format)


def inline_svg(category: str, days: Sequence[Day], marks: Sequence[Mark]) -> str:
    """The chart as an <svg> element for an HTML page: no XML prolog, its style scoped
    to itself, a label, its first and last dates (data-first, data-last: the left and
    right edges of its axes), and on every mark a class, its date and a <title> (hover)."""
    text = render(category, days, marks, "svg").decode("utf-8")
    text = text[text.index("<svg") :]
    chart_id = f"chart-{category}"
    text = text.replace("*{stroke-linejoin", f"#{chart_id} *{{stroke-linejoin", 1)
    label = escape(f"{display_name(category)}: daily increases, 7-day average and total")
    span = f'data-first="{days[0].date}" data-last="{days[-1].date}" ' if days else ""
    text = text.replace("<svg ", f'<svg class="chart" role="img" aria-label="{label}" {span}', 1)

    def annotate(match: re.Match[str]) -> str:
        mark = marks[int(match.group(2))]
        return (
            f'<g id="{match.group(1)}" class="finding {mark.status}" '
            f'data-date="{mark.date}" data-status="{mark.status}">'
            f"<title>{escape(mark.title)}</title>"
        )

    pattern = rf'<g id="(finding-{re.escape(category)}-(\d+)(?:-total)?)">'
    return re.sub(pattern, annotate, text)


__all__ = [
    "FORMATS",
    "MARKED_STATUSES",
    "SPARKS",
    "SPARK_GAP",
    "STATUS_STYLES",
    "WINDOW_DAYS",
    "Day",
    "Mark",
    "category_chart",
    "chart_days",
    "daily_increases",
    "display_name",
    "draw",
    "finding_marks",
    "implausible_dates",
    "inline_svg",
    "recent_sparkline",
    "render",
    "seven_day_average",
    "sparkline",
]
