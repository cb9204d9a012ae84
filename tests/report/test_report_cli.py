"""`losses report` and `losses chart` through Typer, on a warehouse file: the files
they write, and one line with exit code 2 for what they cannot use."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest
from typer.testing import CliRunner

from flows.cli import app
from parsers.vocabulary import CATEGORY_NAMES
from tests.support.report import FINDINGS, MISMATCH

runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, list(args))


def one_line_error(result, code: int, *parts: str) -> str:
    assert result.exit_code == code, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    [line] = result.output.strip().splitlines()
    for part in parts:
        assert part in line, line
    return line


def test_chart_writes_an_svg_and_a_png(report_warehouse, tmp_path):
    svg = tmp_path / "charts" / "x.svg"  # the directory is made
    result = run("chart", "personnel", "--out", str(svg), "--warehouse", str(report_warehouse))
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == str(svg)
    root = ET.parse(svg).getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert root.find(".//{http://www.w3.org/2000/svg}g[@id='personnel-average']") is not None
    assert len(root.findall(".//{http://www.w3.org/2000/svg}g[@id='finding-personnel-0']")) == 1
    png = tmp_path / "x.PNG"
    result = run(
        "chart", "tanks", "--since", "2024-01-01", "--out", str(png),
        "--warehouse", str(report_warehouse),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    data = png.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n") and data[12:16] == b"IHDR"
    assert int.from_bytes(data[16:20], "big") > 1000


def test_an_unknown_category_names_the_choices(report_warehouse, tmp_path):
    for command in (["chart", "tank"], ["report", "--category", "tank"]):
        out = tmp_path / "x.svg"
        result = run(*command, "--out", str(out), "--warehouse", str(report_warehouse))
        line = one_line_error(result, 2, "unknown category 'tank'", "choose one of:")
        assert line.endswith(", ".join(CATEGORY_NAMES))
        assert not out.exists()
    # written as it is said also works
    out = tmp_path / "acv.svg"
    result = run(
        "chart", "Armoured-Combat-Vehicles", "--out", str(out), "--warehouse", str(report_warehouse)
    )
    assert result.exit_code == 0 and out.exists()


def test_what_the_commands_cannot_use(report_warehouse, tmp_path):
    wh = ["--warehouse", str(report_warehouse)]
    one_line_error(
        run("chart", "tanks", "--out", str(tmp_path / "x.gif"), *wh),
        2,
        "must end in .svg or .png",
    )
    for command in (["chart", "tanks"], ["report"]):
        bad = run(*command, "--since", "2024-13-01", "--out", str(tmp_path / "x.svg"), *wh)
        assert bad.exit_code == 2 and "not a date" in bad.output and "--since" in bad.output
        missing = tmp_path / "none.duckdb"
        result = run(*command, "--out", str(tmp_path / "y.svg"), "--warehouse", str(missing))
        one_line_error(result, 2, f"no warehouse at {missing}")
        assert not missing.exists()
        blocker = tmp_path / "a-file"
        blocker.write_text("")
        result = run(*command, "--out", str(blocker / "x.svg"), *wh)
        one_line_error(result, 2, f"cannot write {blocker / 'x.svg'}")
    # nothing to draw: the work failed
    result = run(
        "chart", "fuel_tanks", "--since", "2023-01-01", "--out", str(tmp_path / "f.svg"), *wh
    )
    one_line_error(result, 1, "no figures of fuel_tanks from 2023-01-01 on")


def test_report_of_the_whole_warehouse(report_page):
    text = report_page.read_text(encoding="utf-8")
    assert text.count('<svg class="chart"') == len(CATEGORY_NAMES)
    marks = re.findall(r'<g id="finding-[a-z_]+-\d+" class="finding (\w+)"', text)
    assert len(marks) == FINDINGS
    assert sorted(set(marks)) == ["implausible", "mismatch", "restated"]


def test_report_of_some_categories_since_a_date(report_warehouse, tmp_path):
    out = tmp_path / "two.html"
    result = run(
        "report", "--since", "2025-01-01", "--category", "personnel", "--category", "tanks",
        "--out", str(out), "--warehouse", str(report_warehouse),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == str(out)
    assert "2 chart(s), 1 check finding(s) marked" in result.stderr
    text = out.read_text(encoding="utf-8")
    assert re.findall(r'<svg class="chart"[^>]*id="chart-(\w+)"', text) == ["personnel", "tanks"]
    assert 'data-first="2025-01-01"' in text
    # the tanks findings are older; the personnel mismatch is marked
    date, category, status = MISMATCH
    assert re.findall(r'<g id="finding-[^"]+" class="finding (\w+)" data-date="([^"]+)"', text) == [
        (status, str(date)),
        (status, str(date)),
    ]
    assert category == "personnel"


def test_other_commands_start_without_matplotlib():
    code = (
        "import sys\n"
        "from typer.testing import CliRunner\n"
        "from flows.cli import app\n"
        "for args in (['--help'], ['status', '--help'], ['report', '--help'], ['chart']):\n"
        "    assert CliRunner().invoke(app, args).exit_code in (0, 2)\n"
        "print(sorted(m for m in ('matplotlib', 'numpy', 'duckdb') if m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


@pytest.mark.parametrize("command", ["report", "chart"])
def test_help_has_examples(command):
    result = run(command, "--help")
    assert result.exit_code == 0 and "Examples" in result.stdout


def test_mirror_reads_the_mirrors_warehouse(report_warehouse, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "warehouse").mkdir()
    shutil.copy(report_warehouse, tmp_path / "warehouse" / "mirror.duckdb")
    result = run("chart", "uav", "--mirror", "--out", "uav.svg")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "uav.svg").read_bytes().startswith(b"<?xml")
    both = run("report", "--mirror", "--warehouse", str(report_warehouse), "--out", "r.html")
    assert both.exit_code == 2 and "not both" in both.output
