"""flows/charts.py: the numbers a chart shows (increases, the 7-day average, where a
finding goes), the sparkline, and the drawn SVG: every mark where its day is drawn."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET

import pytest

from flows import charts
from warehouse import CheckRow, SeriesPoint

D0 = dt.date(2024, 6, 1)
SVG = "{http://www.w3.org/2000/svg}"


def day(n: int) -> dt.date:
    return D0 + dt.timedelta(days=n)


def points(increases: list[int | None], *, start: int = 100, skip: set[int] = frozenset()):
    """A category's points on consecutive days (but the days in `skip`), each stating
    its increase; the totals add up."""
    made, total = [], start
    for n, increase in enumerate(increases):
        total += increase or 0
        if n not in skip:
            made.append(SeriesPoint(day(n), total, increase, None, "mod"))
    return made


def finding(n: int, status: str, category: str = "tanks", **fields) -> CheckRow:
    values = {
        "source": "mod",
        "report_date": day(n),
        "category": category,
        "status": status,
        "revision": 1,
        "previous_date": day(n - 1),
        "compared_with": category,
        "previous_total": 0,
        "total": 0,
        "reported_delta": 0,
        "computed_delta": 0,
        "note": f"{status} on day {n}",
    } | fields
    return CheckRow(**values)


# -- the numbers -----------------------------------------------------------------


def test_the_seven_day_average_is_the_mean_of_the_last_seven_days():
    values = [(day(n), float(n + 1)) for n in range(10)]  # 1, 2, ..., 10
    averages = charts.seven_day_average(values)
    # fewer than 5 of the 7 days known: none; then the mean of what the window holds
    assert averages[:4] == [None] * 4
    assert averages[4:] == [3.0, 3.5, 4.0, 5.0, 6.0, 7.0]


def test_the_seven_day_average_counts_calendar_days_not_rows():
    # days 0..6 known (1..7), days 7 and 8 missing, day 9 = 100: the window of day 9 is
    # days 3..9, which holds 4, 5, 6, 7 and 100 (not the last seven rows)
    values = [(day(n), float(n + 1)) for n in range(7)] + [(day(9), 100.0)]
    assert charts.seven_day_average(values)[-1] == pytest.approx((4 + 5 + 6 + 7 + 100) / 5)
    # a day without an increase (None) counts as missing: 5 of 7 known is enough, 4 is not
    values = [(day(n), None if n in (3, 4) else float(n)) for n in range(7)]
    assert charts.seven_day_average(values)[-1] == pytest.approx((0 + 1 + 2 + 5 + 6) / 5)
    values = [(day(n), None if n in (3, 4, 5) else float(n)) for n in range(7)]
    assert charts.seven_day_average(values)[-1] is None


def test_increases_are_stated_or_the_difference_to_the_day_before():
    series = [
        SeriesPoint(day(0), 100, None, None, "mod"),
        SeriesPoint(day(1), 104, None, None, "mod"),  # +4, derived
        SeriesPoint(day(2), 110, 5, None, "mod"),  # stated +5 (even if totals say 6)
        SeriesPoint(day(5), 130, None, None, "mod"),  # days missing before it: unknown
    ]
    assert charts.daily_increases(series) == [(None, False), (4, False), (5, True), (None, False)]
    days = charts.chart_days(series)
    assert [(d.date, d.total, d.increase) for d in days][1] == (day(1), 104, 4)


def test_findings_are_placed_at_their_dates_on_what_is_charted():
    series = points([5, 3, 0, 9, 2])
    days = charts.chart_days(series)
    rows = [
        finding(2, "restated"),
        finding(3, "mismatch"),
        finding(3, "gap"),  # informative: not marked
        finding(1, "implausible", category="uav"),  # another category
        finding(40, "implausible", reported_delta=7000, total=9999),  # a date not charted
    ]
    marks = charts.finding_marks("tanks", days, rows)
    assert [(m.date, m.status, m.increase, m.total) for m in marks] == [
        (day(2), "restated", 0, 108),
        (day(3), "mismatch", 9, 117),
        (day(40), "implausible", 7000, 9999),  # its own figures
    ]
    assert marks[0].title == "2024-06-03 mod restated: restated on day 2"


def test_sparklines():
    assert charts.sparkline([1, 2, 3, 4, 5, 6, 7, 8]) == "▁▂▃▄▅▆▇█"
    assert charts.sparkline([0, None, 10]) == "▁·█"
    assert charts.sparkline([3, 3]) == "▁▁"
    assert charts.sparkline([None, None]) == "··"
    assert charts.sparkline([]) == ""
    # the last 4 days to day 4 (1, none, 3, 8): day 2 has no point
    series = points([10, 1, 2, 3, 8], skip={2})
    assert charts.recent_sparkline(series, day(4), days=4) == "▁·▃█"


def test_display_names():
    assert charts.display_name("armoured_combat_vehicles") == "armoured combat vehicles"
    assert charts.display_name("mobile_srbm_systems") == "mobile SRBM systems"
    assert charts.display_name("mlrs") == "MLRS"


# -- the drawing -----------------------------------------------------------------


def _vertices(root: ET.Element, gid: str) -> list[tuple[float, float]]:
    path = root.find(f".//{SVG}g[@id='{gid}']/{SVG}path")
    numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", path.get("d"))]
    return list(zip(numbers[::2], numbers[1::2], strict=True))


def _mark(root: ET.Element, gid: str) -> tuple[float, float]:
    use = root.find(f".//{SVG}g[@id='{gid}']//{SVG}use")
    return float(use.get("x")), float(use.get("y"))


def test_the_svg_draws_each_mark_on_its_day_of_the_lines():
    # a zigzag, so that no day is on a straight line between others (and so kept as a vertex)
    increases = [(n % 3) * 4 + (n % 2) + 1 for n in range(30)]
    series = points(increases)
    days = charts.chart_days(series)
    rows = [finding(4, "restated"), finding(17, "mismatch"), finding(29, "restated")]
    marks = charts.finding_marks("tanks", days, rows)
    root = ET.fromstring(charts.render("tanks", days, marks, "svg"))
    assert root.tag == f"{SVG}svg"
    increase_line = _vertices(root, "tanks-increase")
    total_line = _vertices(root, "tanks-total")
    assert len(increase_line) == len(total_line) == 30
    for n, index in enumerate([4, 17, 29]):
        assert _mark(root, f"finding-tanks-{n}") == pytest.approx(increase_line[index], abs=0.01)
        assert _mark(root, f"finding-tanks-{n}-total") == pytest.approx(total_line[index], abs=0.01)
    # the days are spread evenly from the axes' left edge to their right edge
    left, *_, right = sorted({x for x, _ in _vertices(root, "tanks-increase-axes")})
    assert increase_line[0][0] == pytest.approx(left) and increase_line[-1][0] == pytest.approx(
        right
    )


def test_an_implausible_figure_is_not_averaged():
    series = points([4, 4, 4, 4, 5000, 4, 4, 4])
    rows = [finding(4, "implausible"), finding(5, "implausible", category="uav")]
    assert charts.implausible_dates("tanks", rows) == {day(4)}
    days = charts.chart_days(series, implausible={day(4)})
    assert [d.increase for d in days][4] == 5000 and days[4].implausible
    assert [d.average for d in days] == [None] * 4 + [None, 4.0, 4.0, 4.0]
    # not told, it would count
    assert [d.average for d in charts.chart_days(series)][-1] == pytest.approx(5024 / 7)
    # a chart file is told: its average is flat
    root = ET.fromstring(charts.category_chart("tanks", series, rows, "svg"))
    assert len({round(y, 2) for _, y in _vertices(root, "tanks-average")}) == 1


def test_an_implausible_figure_sits_on_the_top_edge_and_does_not_set_the_scale():
    series = points([3, 5, 5000, 2, 4, 1, 5])
    rows = [finding(2, "implausible")]
    days = charts.chart_days(series, implausible=charts.implausible_dates("tanks", rows))
    marks = charts.finding_marks("tanks", days, rows)
    root = ET.fromstring(charts.render("tanks", days, marks, "svg"))
    top = min(y for _, y in _vertices(root, "tanks-increase-axes"))
    bottom = max(y for _, y in _vertices(root, "tanks-increase-axes"))
    assert _mark(root, "finding-tanks-0")[1] == pytest.approx(top)
    # the largest plausible increase (5, the last day) is drawn high, not squashed at 0
    _, last = _vertices(root, "tanks-increase")[-1]
    assert 0.9 < (bottom - last) / (bottom - top) < 0.95  # 5 of 5 x 1.08


def test_png_and_inline_svg():
    series = points([3, 1, 4, 1, 5, 9, 2, 6])
    png = charts.category_chart("tanks", series, [finding(3, "mismatch")], "png")
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    assert (width, height) == (1296, 662)  # 9 x 4.6 inches at 144 dpi
    with pytest.raises(ValueError, match="format 'gif'"):
        charts.category_chart("tanks", series, [], "gif")
    days = charts.chart_days(series)
    marks = charts.finding_marks("tanks", days, [finding(3, "mismatch")])
    inline = charts.inline_svg("tanks", days, marks)
    assert inline.startswith('<svg class="chart" role="img"') and "<?xml" not in inline
    assert 'data-first="2024-06-01" data-last="2024-06-08"' in inline
    assert "#chart-tanks *{stroke-linejoin" in inline  # its style applies to itself only
    for gid in ("finding-tanks-0", "finding-tanks-0-total"):
        assert (
            f'<g id="{gid}" class="finding mismatch" data-date="2024-06-04" '
            'data-status="mismatch"><title>2024-06-04 mod mismatch: mismatch on day 3</title>'
        ) in inline
