"""flows/html_report.py: a page that needs no network, with each source's freshness,
the newest totals, a chart per category and its findings listed."""

from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser

from flows.html_report import render_report
from warehouse import CheckRow, SeriesPoint, SourceFreshness

D0 = dt.date(2024, 6, 1)
TODAY = dt.date(2024, 6, 20)
GENERATED = dt.datetime(2024, 6, 20, 6, 30, tzinfo=dt.UTC)  # 09:30 in Kyiv (EEST)


class _Links(HTMLParser):
    """Every address a page would load: src and href of any element (xlink:href too),
    url(...) in style attributes and <style>, and the elements that load by nature."""

    def __init__(self) -> None:
        super().__init__()
        self.addresses: list[str] = []
        self.loaders: list[str] = []  # <script>, <link>, <iframe>, <object>, <embed>
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("src", "href", "xlink:href", "srcset", "data", "poster") and value:
                self.addresses.append(value)
            if name == "style" and value:
                self.addresses += re.findall(r"url\(\s*['\"]?([^)'\"]+)", value)
        if tag in ("script", "link", "iframe", "object", "embed"):
            self.loaders.append(tag)
        self._in_style = tag == "style"

    def handle_endtag(self, tag):
        self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.addresses += re.findall(r"url\(\s*['\"]?([^)'\"]+)", data)
            self.addresses += re.findall(r"@import\s+['\"]?([^'\";\s]+)", data)


def external(page: str) -> list[str]:
    """What the page would fetch from elsewhere (an address with a scheme or //), and
    the elements that load anything."""
    links = _Links()
    links.feed(page)
    links.close()
    remote = [a for a in links.addresses if re.match(r"^\s*([a-z][a-z0-9+.-]*:|//)", a, re.I)]
    return remote + links.loaders


def series(category: str, increases: list[int], start: int = 1000) -> list[SeriesPoint]:
    made, total = [], start
    for n, increase in enumerate(increases):
        total += increase
        qualifier = "about" if category == "personnel" else None
        made.append(SeriesPoint(D0 + dt.timedelta(days=n), total, increase, qualifier, "mod"))
    return made


def row(date: dt.date, category: str, status: str, note: str) -> CheckRow:
    return CheckRow("mod", date, category, status, 1, None, category, 0, 0, 5, 3, note)


def page(**changes) -> str:
    arguments = {
        "series": {
            "personnel": series("personnel", [1200, 1100, 1300, 900, 1000, 1250, 1400, 1350]),
            "tanks": series("tanks", [5, 3, 0, 9, 2, 4, 4, 7], start=7000),
        },
        "findings": [
            row(D0 + dt.timedelta(days=3), "tanks", "mismatch", "reported +5, totals differ by 3"),
            row(D0 + dt.timedelta(days=5), "tanks", "restated", "total fell <a> & <script>"),
            row(D0 + dt.timedelta(days=5), "tanks", "gap", "not marked"),
        ],
        "freshness": [
            SourceFreshness(
                "api", D0 + dt.timedelta(days=7), dt.datetime(2024, 6, 8, 21, 0, tzinfo=dt.UTC)
            ),
            SourceFreshness("minfin", None, dt.datetime(2024, 6, 19, 7, 0, tzinfo=dt.UTC)),
            SourceFreshness("mod", TODAY, dt.datetime(2024, 6, 20, 6, 45, tzinfo=dt.UTC)),
        ],
        "today": TODAY,
        "generated_at": GENERATED,
        "warehouse": "/data/losses.duckdb",
    }
    return render_report(**(arguments | changes))


def test_the_page_loads_nothing_from_elsewhere():
    text = page()
    assert external(text) == []
    assert text.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in text
    # what the check looks for, so that it can fail
    for bad, found in [
        ('<script src="https://cdn.example/plot.js"></script>', "https://cdn.example/plot.js"),
        ('<link rel="stylesheet" href="//fonts.example/css">', "//fonts.example/css"),
        ('<img src="http://x.example/a.png">', "http://x.example/a.png"),
        ("<style>body { background: url('https://x.example/b.png') }</style>", "https://"),
        ('<svg><image xlink:href="https://x.example/c.png"/></svg>', "https://x.example/c.png"),
    ]:
        assert any(found in item for item in external(text.replace("</main>", bad + "</main>")))


def test_freshness_of_each_source_in_kyiv_time_and_days_behind_today():
    text = page()
    cells = re.findall(
        r"<tr><td>(\w+)</td><td>([\d-]*)</td><td>([\d: -]*)</td><td[^>]*>(\d*)<", text
    )
    assert cells == [
        ("api", "2024-06-08", "2024-06-09 00:00", "12"),  # 21:00 UTC is midnight in Kyiv
        ("minfin", "", "2024-06-19 10:00", ""),  # a listing fetched, no bulletin
        ("mod", "2024-06-20", "2024-06-20 09:45", "0"),
    ]
    assert "days behind 2024-06-20" in text
    assert '<td class="n behind">12<' in text and '<td class="n">0<' in text
    assert "Generated 2024-06-20 09:30 Europe/Kyiv" in text


def test_a_chart_per_category_and_its_findings_listed_and_escaped():
    text = page()
    assert text.count('<svg class="chart"') == 2
    assert '<section class="category" id="personnel">' in text
    assert '<section class="category" id="tanks">' in text
    # two findings marked (the gap is informative), each above and below
    assert len(re.findall(r'<g id="finding-tanks-\d+(?:-total)?" class="finding', text)) == 4
    assert re.search(
        r"<tr><td>2024-06-04</td><td>mod</td><td class=\"status mismatch\">mismatch</td>", text
    )
    assert "total fell &lt;a&gt; &amp; &lt;script&gt;" in text and "<script>" not in text
    assert "not marked" not in text
    # the overview: the newest total, increase, 7-day average and the 14 days' sparkline
    personnel = re.search(r'<tr><td><a href="#personnel">personnel</a>.*?</tr>', text).group(0)
    assert "<td class='n'>10,500</td><td class='n'>+1,350</td>" in personnel
    average = (1100 + 1300 + 900 + 1000 + 1250 + 1400 + 1350) / 7
    assert f"<td class='n'>{average:,.1f}</td>" in personnel
    assert "<td class='spark'>" + "·" * 6 + "▅▄▇▁▂▆█▇</td>" in personnel
    assert "Report dates 2024-06-01 to 2024-06-08 from /data/losses.duckdb" in text


def test_a_page_without_figures_says_so():
    text = page(series={}, findings=[], freshness=[])
    assert "No figures to show." in text and "No source has brought anything in yet." in text
    assert "<svg" not in text and external(text) == []
