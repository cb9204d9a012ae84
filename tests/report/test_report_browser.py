"""The report in a real browser: Chromium from the system packages (.ci/run installs
it), driven by playwright, opens the page from a file:// URL with the network off
and every request that is not the file refused. The page must render with no error,
its charts must be there at a readable size, and each finding's mark must sit at
its date on the chart's time axis. A screenshot of the top of the page is kept in
the test's tmp_path (its path printed: `pytest -s` shows it)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from parsers.vocabulary import CATEGORY_NAMES
from tests.support.report import FINDINGS, IMPLAUSIBLE, MISMATCH

CHROMIUM = Path("/usr/bin/chromium")
SHOT_HEIGHT = 3000  # pixels of the page in the screenshot

if not CHROMIUM.exists():  # CI installs it (.ci/run): there, its absence is a failure
    message = f"no {CHROMIUM}: apt-get install -y chromium"
    if os.environ.get("CI"):
        raise RuntimeError(message)
    pytest.skip(message, allow_module_level=True)

sync_api = pytest.importorskip("playwright.sync_api")

# In the page: each chart's size, and for each mark above the chart where it is
# drawn and where its date falls between the axes' edges (data-first..data-last).
MEASURE = """() => Array.from(document.querySelectorAll("svg.chart")).map(svg => {
  const box = svg.getBoundingClientRect();
  const category = svg.id.replace(/^chart-/, "");
  const axes = document.getElementById(category + "-increase-axes").getBoundingClientRect();
  const first = Date.parse(svg.dataset.first), last = Date.parse(svg.dataset.last);
  const marks = Array.from(svg.querySelectorAll("g.finding"))
    .filter(g => !g.id.endsWith("-total"))
    .map(g => {
      const mark = g.getBoundingClientRect();
      const at = (Date.parse(g.dataset.date) - first) / (last - first);
      return {date: g.dataset.date, status: g.dataset.status,
              title: g.querySelector("title").textContent,
              x: mark.left + mark.width / 2, expected: axes.left + at * axes.width,
              visible: mark.width > 0 && mark.height > 0};
    });
  return {category, width: box.width, height: box.height, marks};
})"""


def test_the_report_renders_offline_in_chromium(report_page, tmp_path):
    requests: list[str] = []
    refused: list[str] = []
    errors: list[str] = []

    def only_the_file(route):
        url = route.request.url
        if url.startswith("file://"):
            route.continue_()
        else:
            refused.append(url)
            route.abort()

    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM))
        try:
            context = browser.new_context(offline=True, viewport={"width": 1200, "height": 900})
            context.route("**/*", only_the_file)
            page = context.new_page()
            page.on("request", lambda request: requests.append(request.url))
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda error: errors.append(str(error)))
            page.goto(report_page.as_uri(), wait_until="load")
            title = page.title()
            charts = page.evaluate(MEASURE)
            images = page.evaluate("document.images.length")
            sections = page.locator("section.category").count()
            screenshot = tmp_path / "report.png"
            # the top of the page (freshness, totals, the first charts): the whole page
            # takes seconds to encode
            height = min(page.evaluate("document.documentElement.scrollHeight"), SHOT_HEIGHT)
            page.screenshot(
                path=str(screenshot),
                full_page=True,
                clip={"x": 0, "y": 0, "width": 1200, "height": height},
            )
        finally:
            browser.close()
    print(f"\nscreenshot of the report: {screenshot}")

    assert requests == [report_page.as_uri()] and refused == []  # nothing but the file
    assert errors == []
    assert title == "Combat losses of the enemy: a picture of the data"
    assert images == 0  # the charts are inline SVG
    assert [chart["category"] for chart in charts] == list(CATEGORY_NAMES)
    assert sections == len(CATEGORY_NAMES)
    for chart in charts:  # the page's width, at the chart's aspect ratio (9 x 4.6)
        assert 1000 <= chart["width"] <= 1200, chart["category"]
        assert chart["height"] == pytest.approx(chart["width"] * 4.6 / 9, rel=0.01)
    marks = [mark | {"category": chart["category"]} for chart in charts for mark in chart["marks"]]
    assert len(marks) == FINDINGS
    for mark in marks:  # 1.5 px: two or three days at this width (test_charts: the day)
        assert mark["visible"], mark
        assert mark["x"] == pytest.approx(mark["expected"], abs=1.5), mark
        assert mark["title"].startswith(f"{mark['date']} mod {mark['status']}: ")
    assert {(m["category"], m["date"], m["status"]) for m in marks} >= {
        ("tanks", "2023-05-28", "restated"),
        (IMPLAUSIBLE[1], str(IMPLAUSIBLE[0]), IMPLAUSIBLE[2]),
        (MISMATCH[1], str(MISMATCH[0]), MISMATCH[2]),
    }

    png = screenshot.read_bytes()
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    assert (width, height) == (1200, SHOT_HEIGHT)
