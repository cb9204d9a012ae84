"""Articles written for the tests (tests/fixtures/articles/, in uk, en and ru, on days
of the reference history) fact-checked end to end as `losses factcheck FILE --json`
runs them: the prose reader's figures, the days, the date, and each verdict with the
bulletin it rests on."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from flows.cli import app
from tests.support.fixtures import FIXTURES

ARTICLES = FIXTURES / "articles"


def factcheck(warehouse, name: str, *args: str):
    path = ARTICLES / name
    return CliRunner().invoke(
        app, ["factcheck", str(path), "--json", "--warehouse", str(warehouse), *args]
    )


# Per article: its date and how it is found, the exit code, and each claim as
# (category, value, kind, verdict, the evidence's report date), in the article's order.
EXPECTED = {
    "uk_record_2024-11-12.txt": (
        "2024-11-12",
        "stated",  # "Станом на 12 листопада 2024 року"
        0,
        [
            ("personnel", 712000, "bound", "consistent_bound", "2024-11-12"),  # 712,610
            ("personnel", 1950, "increase", "confirmed", "2024-11-12"),  # за минулу добу
            ("personnel", 1950, "superlative", "confirmed", "2024-11-12"),  # the war's highest
            ("tanks", 23, "increase", "confirmed", "2024-11-12"),  # двадцять три
            ("armoured_combat_vehicles", 81, "increase", "confirmed", "2024-11-12"),
            ("artillery_systems", 38, "increase", "confirmed", "2024-11-12"),
            # Over 1,200 every day from 1 November: the lowest, 1,250 on the 5th.
            ("personnel", 1200, "run", "confirmed", "2024-11-06"),
            ("personnel", 800000, "total", "not_in_bulletins", None),  # a forecast
        ],
    ),
    "en_undated_2024-11.txt": (
        "2024-11-12",
        "inferred",
        1,
        [
            ("personnel", 1950, "increase", "confirmed", "2024-11-12"),  # the past 24 hours
            ("personnel", 1950, "superlative", "confirmed", "2024-11-12"),
            ("personnel", 712610, "total", "confirmed", "2024-11-12"),
            ("tanks", 9276, "total", "confirmed", "2024-11-12"),
            ("artillery_systems", 20350, "total", "wrong_number", "2024-11-12"),  # 20,352
            ("vehicles_fuel_tanks", 119, "increase", "confirmed", "2024-11-11"),  # Sunday
            # Saturday 9 November's drones were 44; 118 is Thursday 7 November's.
            ("uav", 118, "increase", "wrong_day", "2024-11-08"),
            # Not over 20 artillery systems every day: 10 on 2 November (bulletin of the 3rd).
            ("artillery_systems", 20, "run", "false_run", "2024-11-03"),
        ],
    ),
    "ru_dateline_2023-10-20.txt": (
        "2023-10-20",
        "stated",  # the dateline
        1,
        [
            ("personnel", 1380, "increase", "confirmed", "2023-10-20"),  # за прошедшие сутки
            ("personnel", 1380, "superlative", "confirmed", "2023-10-20"),
            ("tanks", 55, "increase", "confirmed", "2023-10-20"),  # вчера
            ("tanks", 55, "superlative", "confirmed", "2023-10-20"),  # 44 before it
            ("artillery_systems", 29, "increase", "confirmed", "2023-10-20"),
            # "the largest since the start of the year": 48 on 1 October was larger.
            ("artillery_systems", 29, "superlative", "false_superlative", "2023-10-02"),
            ("tanks", 5047, "total", "confirmed", "2023-10-20"),
        ],
    ),
    "uk_undated_2024-06.txt": (
        "2024-06-04",
        "inferred",
        1,
        [
            ("personnel", 1290, "increase", "confirmed", "2024-06-04"),  # вчора: Monday
            ("tanks", 15, "increase", "confirmed", "2024-06-04"),
            ("tanks", 7794, "total", "confirmed", "2024-06-04"),  # станом на 4 червня
            ("armoured_combat_vehicles", 15020, "total", "confirmed", "2024-06-04"),
            # "шістдесят п'ять" on Sunday: 47; 65 is Monday's.
            ("artillery_systems", 65, "increase", "wrong_day", "2024-06-04"),
            # "понад тисячу щодня з 5 травня": 970 on 7 May (bulletin of the 8th).
            ("personnel", 1000, "run", "false_run", "2024-05-08"),
        ],
    ),
    "ru_as_of_2024-06-03.txt": (
        "2024-06-03",
        "stated",
        1,
        [
            ("personnel", 511000, "bound", "consistent_bound", "2024-06-03"),  # 511,130
            ("personnel", 1270, "increase", "confirmed", "2024-06-03"),  # в воскресенье
            ("tanks", 14, "increase", "confirmed", "2024-06-03"),
            ("armoured_combat_vehicles", 25, "increase", "wrong_number", "2024-06-03"),  # 22
        ],
    ),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_article(history, name):
    article_date, basis, code, claims = EXPECTED[name]
    result = factcheck(history, name)
    assert result.exit_code == code, result.output
    report = json.loads(result.stdout)
    assert (report["article_date"], report["date_basis"]) == (article_date, basis)
    got = [
        (
            c["category"],
            c["value"],
            c["kind"],
            c["verdict"],
            c["evidence"]["report_date"],
        )
        for c in report["claims"]
    ]
    assert got == claims
    text = (ARTICLES / name).read_text(encoding="utf-8")
    for claim in report["claims"]:
        for piece in claim["quote"].split(" … "):
            assert piece in text  # quoted, not paraphrased


def test_every_fixture_is_checked():
    assert sorted(p.name for p in ARTICLES.glob("*.txt")) == sorted(EXPECTED)
