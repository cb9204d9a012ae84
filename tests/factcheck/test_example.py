"""The worked example (../shared/examples/000_37a8688186e073c4.txt beside the project: a
June 2024 article that states no date) fact-checked end to end by `losses factcheck`
against the reference bulletins. Not part of the repository: on a clone without it the
test is skipped, saying so.

What the bulletins say, read from mirror/reference/ by hand (a bulletin dated D states
the losses of D-1):
- 2024-06-03 (Monday): personnel +1,270 (Sunday 2 June), tanks +14, ACV +22, artillery
  +47, drones +40, vehicles +67, air defence +3, special equipment +4.
- 2024-06-04 (Tuesday): personnel 512,420 (+1,290, Monday 3 June), tanks 7,794 (+15), ACV
  15,020 (+18), artillery 13,345 (+65), drones +27, vehicles +69, air defence +3, special
  equipment +12. The article's totals are this bulletin's: it is of 2024-06-04.
- So "1,270 on Sunday and another 1,290 on Monday" hold; "on Sunday alone ... 15 tanks,
  18 combat vehicles, 65 artillery systems, 27 drones, 69 vehicles and fuel tanks, 12 pieces
  of special equipment" are Monday's figures (wrong day), but "three air defense systems"
  was Sunday's too.
- "its two deadliest days of the war" and "the highest single-day ... since the invasion":
  false; 1,740 on Sunday 12 May (bulletin 2024-05-13); 20 days of the war beat 1,270.
- "exceeds 500,000": 512,420. "exceeded 1,000 per day since ... May 10": every day from
  10 May (bulletin of the 11th, 1,320) to 3 June; the lowest 1,080 (bulletin 2024-06-02)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from flows.cli import app

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = (ROOT / ".." / "shared" / "examples" / "000_37a8688186e073c4.txt").resolve()


@pytest.fixture
def example() -> Path:
    if not EXAMPLE.is_file():
        pytest.skip(f"the worked example is not here: {EXAMPLE} (it is not in the repository)")
    return EXAMPLE


def run(*args: str):
    return CliRunner().invoke(app, ["factcheck", *args])


def claims_of(report, **match):
    return [c for c in report["claims"] if all(c[k] == v for k, v in match.items())]


def factchecked(example, warehouse):
    result = run(str(example), "--json", "--warehouse", str(warehouse))
    return result, (json.loads(result.stdout) if result.stdout else None)


def verdicts(report, **match):
    return {(c["verdict"], c["evidence"]["report_date"]) for c in claims_of(report, **match)}


def test_the_worked_example(example, history):
    result, report = factchecked(example, history)
    assert result.exit_code == 1, result.output  # claims are contradicted
    assert (report["article_date"], report["date_basis"]) == ("2024-06-04", "inferred")

    # Some hold: the totals since the onset are the bulletin of 2024-06-04's.
    for category, value in (
        ("tanks", 7794),
        ("armoured_combat_vehicles", 15020),
        ("artillery_systems", 13345),
    ):
        assert verdicts(report, category=category, value=value, kind="total") == {
            ("confirmed", "2024-06-04")
        }
    # "On Sunday alone": Monday's figures, from the bulletin of Tuesday 4 June...
    for category, value in (
        ("tanks", 15),
        ("armoured_combat_vehicles", 18),
        ("artillery_systems", 65),
        ("uav", 27),
        ("vehicles_fuel_tanks", 69),
        ("special_equipment", 12),
    ):
        [claim] = claims_of(report, category=category, value=value)
        assert (claim["kind"], claim["days"]) == ("increase", ["2024-06-02"])
        assert (claim["verdict"], claim["evidence"]["report_date"]) == ("wrong_day", "2024-06-04")
    # ...but Sunday's air defence figure was 3 as well.
    assert verdicts(report, category="air_defense_systems", value=3) == {
        ("confirmed", "2024-06-03")
    }


def test_the_worked_example_personnel_claims(example, history):
    _, report = factchecked(example, history)
    # Sunday's and Monday's tolls hold, each in the bulletin of the next morning.
    assert verdicts(report, category="personnel", value=1270, kind="increase") == {
        ("confirmed", "2024-06-03")
    }
    assert verdicts(report, category="personnel", value=1290, kind="increase") == {
        ("confirmed", "2024-06-04")
    }
    [bound] = claims_of(report, category="personnel", value=500000)
    assert (bound["kind"], bound["verdict"]) == ("bound", "consistent_bound")
    assert (bound["evidence"]["report_date"], bound["evidence"]["value"]) == ("2024-06-04", 512420)
    # The superlatives are false: 1,740 on Sunday 12 May (bulletin 2024-05-13).
    superlatives = claims_of(report, kind="superlative")
    assert superlatives
    for claim in superlatives:
        assert claim["category"] == "personnel"
        assert claim["verdict"] == "false_superlative"
        assert (claim["evidence"]["report_date"], claim["evidence"]["value"]) == (
            "2024-05-13",
            1740,
        )
    [two_days] = [c for c in superlatives if "two deadliest days" in c["quote"]]
    assert two_days["days"] == ["2024-06-02", "2024-06-03"]
    # The run, if its figure is read: every day from 10 May over 1,000.
    for claim in claims_of(report, kind="run"):
        assert (claim["value"], claim["verdict"]) == (1000, "confirmed")
        assert claim["days"][0] == "2024-05-10" and claim["days"][-1] == "2024-06-03"


def test_the_worked_example_as_a_table(example, history):
    result = run(str(example), "--warehouse", str(history))
    assert result.exit_code == 1
    out = result.stdout
    assert "Article of 2024-06-04 (inferred:" in out
    assert "match the bulletin of 2024-06-04" in out
    for verdict in ("confirmed", "wrong_day"):
        assert verdict in out
    assert "contradicted" in out.splitlines()[-1]


def test_the_worked_example_on_june_alone_names_the_backfill(example, june_2024):
    # Its superlatives compare with every day of the war, its run with May.
    result = run(str(example), "--warehouse", str(june_2024))
    assert result.exit_code == 2
    assert result.stdout == ""
    message = " ".join(result.stderr.split())
    assert "the warehouse lacks the bulletins of 2022-02-25..2024-05-31" in message
    assert f"losses backfill --start 2022-02-25 --end 2024-05-31 --warehouse {june_2024}" in message
