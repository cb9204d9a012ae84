"""`losses factcheck`: the exit codes (0 nothing contradicted, 1 something is, 2 the
warehouse lacks what is needed or the command cannot start) and the JSON contract."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from flows.cli import app
from tests.support.fixtures import FIXTURES

ARTICLES = FIXTURES / "articles"
CLAIM_KEYS = ["quote", "category", "value", "kind", "days", "verdict", "evidence"]
KINDS = {"total", "increase", "bound", "superlative", "run"}
VERDICTS = {
    "confirmed",
    "wrong_day",
    "wrong_number",
    "consistent_bound",
    "false_superlative",
    "false_run",
    "not_in_bulletins",
}


def run(*args: str, stdin: bytes | None = None):
    return CliRunner().invoke(app, ["factcheck", *args], input=stdin)


def is_date(value) -> bool:
    import datetime as dt

    try:
        return isinstance(value, str) and dt.date.fromisoformat(value).isoformat() == value
    except ValueError:
        return False


def test_json_contract(history):
    result = run(str(ARTICLES / "en_undated_2024-11.txt"), "--json", "--warehouse", str(history))
    report = json.loads(result.stdout)
    assert list(report) == ["article_date", "date_basis", "claims"]
    assert is_date(report["article_date"])
    assert report["date_basis"] in {"given", "stated", "inferred"}
    assert report["claims"]
    for claim in report["claims"]:
        assert list(claim) == CLAIM_KEYS
        assert isinstance(claim["quote"], str) and claim["quote"]
        assert isinstance(claim["category"], str)
        assert isinstance(claim["value"], int) and not isinstance(claim["value"], bool)
        assert claim["kind"] in KINDS
        assert claim["days"] and all(is_date(day) for day in claim["days"])
        assert claim["verdict"] in VERDICTS
        evidence = claim["evidence"]
        assert list(evidence) == ["report_date", "value", "note"]
        assert isinstance(evidence["note"], str) and evidence["note"]
        if claim["verdict"] == "not_in_bulletins":
            assert evidence["report_date"] is None and evidence["value"] is None
        else:
            assert is_date(evidence["report_date"])
            assert isinstance(evidence["value"], int)


def test_exit_0_when_nothing_is_contradicted(history):
    result = run(str(ARTICLES / "uk_record_2024-11-12.txt"), "--warehouse", str(history))
    assert result.exit_code == 0, result.output
    assert "none contradicted" in result.stdout


def test_exit_1_when_a_claim_is_contradicted(history):
    result = run(str(ARTICLES / "en_undated_2024-11.txt"), "--warehouse", str(history))
    assert result.exit_code == 1, result.output
    assert "wrong_number" in result.stdout and "false_run" in result.stdout


def test_exit_2_names_the_missing_bulletins_and_the_backfill(june_2024):
    # The article's Sunday and Monday are in June, but "since 5 May" is not.
    result = run(str(ARTICLES / "uk_undated_2024-06.txt"), "--warehouse", str(june_2024))
    assert result.exit_code == 2, result.output
    message = " ".join(result.stderr.split())
    assert message.startswith("error: the warehouse lacks the bulletins of 2024-05-06..2024-05-31")
    assert (
        f"load them: losses backfill --start 2024-05-06 --end 2024-05-31 --warehouse {june_2024}"
        in message
    )
    assert "Traceback" not in result.output


def test_a_date_given(history):
    result = run(
        "-",
        "--date",
        "2024-06-04",
        "--json",
        "--warehouse",
        str(history),
        stdin="Вчора російська армія втратила 1290 окупантів.".encode(),
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert (report["article_date"], report["date_basis"]) == ("2024-06-04", "given")
    [claim] = report["claims"]
    assert (claim["days"], claim["verdict"]) == (["2024-06-03"], "confirmed")


def test_a_bad_date_is_one_line_and_exit_2(history):
    result = run(
        str(ARTICLES / "en_undated_2024-11.txt"), "--date", "4 June", "--warehouse", str(history)
    )
    assert result.exit_code == 2
    assert (
        result.stderr.strip()
        == "error: --date '4 June' is not a date (YYYY-MM-DD, e.g. 2024-06-04)"
    )


def test_a_missing_file_and_a_missing_warehouse(tmp_path, history):
    result = run(str(tmp_path / "nothing.txt"), "--warehouse", str(history))
    assert result.exit_code == 2
    assert "cannot read" in result.stderr and "Traceback" not in result.output
    result = run(
        str(ARTICLES / "en_undated_2024-11.txt"), "--warehouse", str(tmp_path / "x.duckdb")
    )
    assert result.exit_code == 2
    assert "no warehouse at" in result.stderr


def test_an_article_that_cannot_be_dated(history):
    result = run("-", "--warehouse", str(history), stdin=b"Russia lost 4,321,987 troops.")
    assert result.exit_code == 2
    assert "cannot date the article" in result.stderr and "--date" in result.stderr


def test_an_article_without_claims(history):
    result = run("-", "--json", "--warehouse", str(history), stdin=b"Nothing about losses here.")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["claims"] == []
    assert "no claim about the losses" in result.stderr


def test_help_has_examples():
    result = CliRunner().invoke(app, ["factcheck", "--help"])
    assert result.exit_code == 0
    assert "losses factcheck article.txt" in result.stdout
    assert "false_superlative" in result.stdout
