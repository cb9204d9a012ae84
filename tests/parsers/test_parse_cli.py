"""`losses parse`: the stable CLI contract other tools rely on."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from flows.commands.parse import register
from tests.support.fixtures import FIXTURES


@pytest.fixture(scope="module")
def app() -> typer.Typer:
    app = typer.Typer()

    @app.callback()
    def main() -> None:
        """Test app."""

    register(app)
    return app


def run(app, *args, stdin: bytes | None = None):
    return CliRunner().invoke(app, ["parse", *args], input=stdin)


def test_json_contract(app):
    result = run(app, str(FIXTURES / "mod/mod-uk-2026-02-05.html"), "--json")
    assert result.exit_code == 0, result.output
    (bulletin,) = json.loads(result.stdout)
    assert list(bulletin) == ["date", "losses_date", "source", "lang", "figures", "errors"]
    assert (bulletin["date"], bulletin["losses_date"]) == ("2026-02-05", "2026-02-04")
    assert (bulletin["source"], bulletin["lang"], bulletin["errors"]) == ("mod", "uk", [])
    assert bulletin["figures"]["tanks"] == {
        "total": 11642,
        "delta": 5,
        "approximate": False,
        "qualifier": None,
    }
    assert bulletin["figures"]["personnel"]["approximate"] is True


def test_up_to_in_json(app):
    result = run(app, str(FIXTURES / "minfin/ua-month-php-2022-02.html"), "--json")
    feb26 = json.loads(result.stdout)[2]
    assert feb26["date"] == "2022-02-26"
    assert feb26["figures"]["armoured_combat_vehicles"] == {
        "total": 706,
        "delta": None,
        "approximate": True,
        "qualifier": "up_to",
    }


def test_many_bulletins_and_forced_format(app):
    path = FIXTURES / "minfin/ua-month-php-2024-05.html"
    result = run(app, str(path), "--format", "minfin", "--json")
    assert result.exit_code == 0
    assert [b["date"] for b in json.loads(result.stdout)] == [
        "2024-05-31",
        "2024-05-30",
        "2024-05-29",
    ]


def test_table_output(app):
    result = run(app, str(FIXTURES / "api/latest-2024-06-04.json"))
    assert result.exit_code == 0
    assert "2024-06-04" in result.stdout and "7794" in result.stdout and "+15" in result.stdout


def test_stdin_and_date(app):
    text = (FIXTURES / "text/uk-no-date.txt").read_bytes()
    result = run(app, "-", "--format", "text", "--date", "2024-06-04", "--json", stdin=text)
    assert result.exit_code == 0
    assert json.loads(result.stdout)[0]["date"] == "2024-06-04"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["mod/mod-uk-decoy.html"], "mod-uk-decoy.html: not a bulletin"),
        (["mod/challenge-cloudflare.html"], "it is a challenge page"),
        (["text/uk-no-figures.txt", "--json"], "no bulletin figures"),
        (["does-not-exist.html"], "cannot read"),
    ],
)
def test_no_bulletin_exits_1_with_the_reason_on_stderr(app, args, message):
    result = run(app, str(FIXTURES / args[0]), *args[1:])
    assert result.exit_code == 1
    assert message in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("tanks — 12O (+1)", "'12O': letters inside the number"),
        ("tanks — 1 2 3 4 5 6 7 (+1)", "digit groups after the first must have 3 digits"),
    ],
)
def test_figure_lines_none_of_which_can_be_read_exit_1(app, tmp_path, line, reason):
    path = tmp_path / "repost.txt"
    path.write_text(f"{line}\n", encoding="utf-8")
    result = run(app, str(path), "--date", "2024-06-04", "--json")
    assert result.exit_code == 1
    assert "no figure could be read" in result.stderr and reason in result.stderr
    assert result.stdout == ""


def test_errors_are_reported_but_bulletins_still_printed(app, tmp_path):
    page = (FIXTURES / "mod/mod-uk-2026-02-05.html").read_text(encoding="utf-8")
    page = page.replace("<li>танки – 11 642 (+5)</li>", "<li>лазерні комплекси – 4 (+1)</li>")
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    result = run(app, str(path), "--json")
    assert result.exit_code == 0
    (bulletin,) = json.loads(result.stdout)
    assert len(bulletin["errors"]) == 1 and len(bulletin["figures"]) == 13
    assert "лазерні комплекси" in result.stderr


def test_truncated_page_exits_1(app, tmp_path):
    body = (FIXTURES / "mod/mod-uk-2026-02-05.html").read_bytes()
    path = tmp_path / "cut.html"
    path.write_bytes(body[: len(body) // 2])
    result = run(app, str(path))
    assert result.exit_code == 1 and "truncated" in result.stderr


def test_bad_date_option(app):
    result = run(app, str(FIXTURES / "text/uk-no-date.txt"), "--date", "04.06.2024")
    assert result.exit_code == 2
    assert "2024-06-04" in result.output  # the expected shape is named


def test_help_has_examples(app):
    result = CliRunner().invoke(app, ["parse", "--help"])
    assert result.exit_code == 0
    assert "--format" in result.stdout and "Examples" in result.stdout


def test_installed_command_reads_stdin():
    """The real console script, end to end: stdin, exit codes, stderr."""
    script = Path(sys.executable).parent / "losses"
    if not script.exists():
        pytest.fail(f"console script not installed at {script}")
    env = {**os.environ, "NO_COLOR": "1"}
    text = (FIXTURES / "text/uk-2024-06-04-per-day.txt").read_bytes()
    done = subprocess.run(
        [str(script), "parse", "-", "--json"], input=text, capture_output=True, env=env, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)[0]["figures"]["tanks"]["total"] == 7794
    done = subprocess.run(
        [str(script), "parse", "-"], input=b"", capture_output=True, env=env, timeout=60
    )
    assert done.returncode == 1
    assert b"empty document" in done.stderr


@pytest.mark.parametrize(
    ("fixture", "source"),
    [
        ("daycsv/losses_by_day.csv", "daycsv"),  # its first row is dated 2022-02-28
        ("petroivaniuk/russia_losses_personnel.json", "petroivaniuk_personnel"),  # 2022-03-01
    ],
)
def test_dataset_files_parse_sniffed_aligned_by_report_date(app, fixture, source):
    result = run(app, str(FIXTURES / fixture), "--json")
    assert result.exit_code == 0, result.output
    bulletins = json.loads(result.stdout)
    assert len(bulletins) == 4 and {b["source"] for b in bulletins} == {source}
    # the CSV is keyed by the losses day, the dataset by the report date: the same bulletin
    assert (bulletins[0]["date"], bulletins[0]["losses_date"]) == ("2022-03-01", "2022-02-28")
