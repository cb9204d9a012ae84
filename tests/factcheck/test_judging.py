"""Judging claims against reference bulletins (flows/factcheck.py), with the figures given
as the prose reader states them: every verdict, its evidence, the article's date, and
the bulletins a judgement needs."""

from __future__ import annotations

import datetime as dt

import pytest

from flows.factcheck import article_date, backfill_command, describe_dates, factcheck
from parsers.claims import claims_from
from parsers.errors import ConfigError, MissingBulletins
from tests.factcheck.support import stated

D = dt.date


def judged(wh, text, figures, date=None):
    report = factcheck(claims_from(text, figures), wh, date=date)
    return report, [(f.verdict, f.evidence.report_date, f.evidence.value) for f in report.findings]


# -- the worked example's sentences, the figures as the prose reader reads them ----------

EXAMPLE = (
    "Russia has experienced its two deadliest days of the war, losing 1,270 troops on Sunday "
    "and another 1,290 on Monday, according to Ukraine’s Defense Ministry. "
    "Sunday’s death toll of 1,270 marked the highest single-day casualty figure since Russia’s "
    "invasion began over two years ago, but it was surpassed just a day later with 1,290 "
    "Russian soldiers reportedly killed. Ukraine claims that the total number of Russian troops "
    "killed since the start of the conflict now exceeds 500,000. "
    "Since the onset of the war, Ukrainian forces have purportedly destroyed 7,794 tanks, "
    "15,020 armored combat vehicles, and 13,345 artillery pieces. Recent figures indicate that "
    "on Sunday alone, Ukraine eliminated 15 tanks, 18 combat vehicles, and 65 artillery systems, "
    "alongside 27 drones, 69 vehicles and fuel tanks, three air defense systems, and 12 pieces "
    "of special equipment. Casualty numbers have reportedly exceeded 1,000 per day since Russia "
    "launched a new offensive in Kharkiv on May 10."
)


def example_figures():
    t = EXAMPLE
    return [
        stated(t, "1,270", "personnel", 1270, "increase"),
        stated(t, "1,290", "personnel", 1290, "increase"),
        stated(t, "1,270", "personnel", 1270, "increase", occurrence=1),
        stated(t, "1,290", "personnel", 1290, "increase", occurrence=1),
        stated(t, "500,000", "personnel", 500000, "total", "over"),
        stated(t, "7,794", "tanks", 7794, "total"),
        stated(t, "15,020", "armoured_combat_vehicles", 15020, "total"),
        stated(t, "13,345", "artillery_systems", 13345, "total"),
        stated(t, "15 tanks", "tanks", 15, "increase"),
        stated(t, "18 combat", "armoured_combat_vehicles", 18, "increase"),
        stated(t, "65 artillery", "artillery_systems", 65, "increase"),
        stated(t, "27 drones", "uav", 27, "increase"),
        stated(t, "69 vehicles", "vehicles_fuel_tanks", 69, "increase"),
        stated(t, "three air", "air_defense_systems", 3, "increase"),
        stated(t, "12 pieces", "special_equipment", 12, "increase"),
        stated(t, "1,000", "personnel", 1000, None, "over"),
    ]


def test_the_example_dated_by_its_figures(history_wh):
    article = claims_from(EXAMPLE, example_figures())
    date, basis, how = article_date(article, history_wh)
    assert (date, basis) == (D(2024, 6, 4), "inferred")
    assert how.startswith("inferred: 12 of 14 figures match the bulletin of 2024-06-04")


def test_the_examples_verdicts(history_wh):
    report, verdicts = judged(history_wh, EXAMPLE, example_figures())
    by_quote = {f.claim.quote: f for f in report.findings}
    assert [v for v, _, _ in verdicts] == [
        "confirmed",  # 1,270 on Sunday 2 June: the bulletin of Monday 3 June
        "confirmed",  # 1,290 on Monday 3 June: the bulletin of Tuesday 4 June
        "false_superlative",  # "two deadliest days of the war"
        "confirmed",
        "confirmed",  # "a day later": Monday
        "false_superlative",  # "the highest single-day ... since the invasion"
        "consistent_bound",  # over 500,000: 512,420
        "confirmed",
        "confirmed",
        "confirmed",  # the totals of the bulletin of 2024-06-04
        *["wrong_day"] * 5,  # "on Sunday alone": Monday's figures
        "confirmed",  # three air defense systems: Sunday's too
        "wrong_day",
        "confirmed",  # over 1,000 a day from May 10 (bulletin of May 11) on
    ]
    # Sunday's toll, as stated by the bulletin of the next morning.
    assert verdicts[0] == ("confirmed", D(2024, 6, 3), 1270)
    # The superlatives: 1,740 on Sunday 12 May (bulletin 2024-05-13) beat them.
    assert verdicts[2] == ("false_superlative", D(2024, 5, 13), 1740)
    assert verdicts[5] == ("false_superlative", D(2024, 5, 13), 1740)
    # "15 tanks on Sunday alone": 15 is Monday's (bulletin 2024-06-04); Sunday's was 14.
    tanks = by_quote["on Sunday … Ukraine eliminated 15 tanks"]
    assert (tanks.evidence.report_date, tanks.evidence.value) == (D(2024, 6, 4), 15)
    assert "+15 is Mon 2024-06-03's (bulletin 2024-06-04)" in tanks.evidence.note
    assert "Sun 2024-06-02's: +14 (bulletin 2024-06-03)" in tanks.evidence.note
    assert "so are 7 of the 7 figures of its list" in tanks.evidence.note
    assert verdicts[6] == ("consistent_bound", D(2024, 6, 4), 512420)
    # The run's lowest day: 1,080 on Saturday 1 June.
    assert verdicts[-1] == ("confirmed", D(2024, 6, 2), 1080)
    assert report.contradicted


def test_a_date_given_overrides_the_inference(history_wh):
    # Read as of Wednesday 5 June, the totals are a day old and "Monday" is still 3 June.
    report, verdicts = judged(history_wh, EXAMPLE, example_figures(), date=D(2024, 6, 5))
    assert report.date_basis == "given"
    assert verdicts[1][0] == "confirmed"
    assert verdicts[7] == ("wrong_day", D(2024, 6, 4), 7794)


# -- one verdict at a time -----------------------------------------------------------------


def test_a_wrong_number_shows_the_bulletins(history_wh):
    text = "Russia lost 1,310 troops on Sunday."
    _, verdicts = judged(
        history_wh, text, [stated(text, "1,310", "personnel", 1310)], D(2024, 6, 4)
    )
    assert verdicts == [("wrong_number", D(2024, 6, 3), 1270)]


def test_a_total_of_another_day_is_a_wrong_day(history_wh):
    text = "Since the start of the war Russia has lost 7,779 tanks."
    _, verdicts = judged(history_wh, text, [stated(text, "7,779", "tanks", 7779)], D(2024, 6, 4))
    assert verdicts == [("wrong_day", D(2024, 6, 3), 7779)]


def test_a_bound_broken_is_a_wrong_number(history_wh):
    text = "The total number of Russian troops lost now exceeds 520,000."
    figure = stated(text, "520,000", "personnel", 520000, "total", "over")
    report, verdicts = judged(history_wh, text, [figure], D(2024, 6, 4))
    assert report.findings[0].kind == "bound"
    assert verdicts == [("wrong_number", D(2024, 6, 4), 512420)]


@pytest.mark.parametrize(
    ("words", "value", "bound", "rounded", "verdict"),
    [
        ("512 тисяч", 512000, None, True, "confirmed"),  # rounded, as a total
        ("близько 512 тисяч", 512000, "about", True, "consistent_bound"),
        ("майже 513 тисяч", 513000, "almost", True, "consistent_bound"),
        ("понад 515 тисяч", 515000, "over", True, "wrong_number"),
        ("520 тисяч", 520000, None, True, "wrong_number"),
    ],
)
def test_rounded_figures_and_bounds(history_wh, words, value, bound, rounded, verdict):
    text = f"Загалом ворог втратив {words} осіб."
    figure = stated(text, words, "personnel", value, "total", bound, rounded=rounded)
    _, verdicts = judged(history_wh, text, [figure], D(2024, 6, 4))
    assert verdicts[0][0] == verdict


def test_a_figure_of_unknown_measure_is_the_one_it_is_nearer(history_wh):
    text = "Ворог втратив 512 420 осіб і ще 1290 за добу."
    figures = [
        stated(text, "512 420", "personnel", 512420),
        stated(text, "1290", "personnel", 1290),
    ]
    report, verdicts = judged(history_wh, text, figures, D(2024, 6, 4))
    assert [f.kind for f in report.findings] == ["total", "increase"]
    assert [v for v, _, _ in verdicts] == ["confirmed", "confirmed"]


def test_a_true_superlative(history_wh):
    # 1,950 on Monday 11 November 2024 (bulletin 2024-11-12): the war's highest until then.
    text = "On Monday Russia lost 1,950 troops, the highest daily toll since the invasion."
    report, verdicts = judged(
        history_wh, text, [stated(text, "1,950", "personnel", 1950, "increase")], D(2024, 11, 12)
    )
    assert [v for v, _, _ in verdicts] == ["confirmed", "confirmed"]
    assert "next: +1,770" in report.findings[1].evidence.note


def test_a_superlative_of_this_year(history_wh):
    # 29 artillery systems on 19 October 2023; 1 October's 48 was higher that year.
    text = "Вчера — самые большие потери артиллерии с начала года: 29 систем."
    figure = stated(text, "29", "artillery_systems", 29, "increase")
    _, verdicts = judged(history_wh, text, [figure], D(2023, 10, 20))
    assert verdicts == [
        ("confirmed", D(2023, 10, 20), 29),
        ("false_superlative", D(2023, 10, 2), 48),
    ]


@pytest.mark.parametrize(
    ("text", "verdict", "evidence"),
    [
        # Every day from 1 November (bulletins of 2..12 November) over 1,200: lowest 1,250.
        ("Понад 1200 окупантів щодня з 1 листопада.", "confirmed", (D(2024, 11, 6), 1250)),
        # Over 1,300 it is not: 4 and 5 November (bulletins of the 5th and 6th) were below.
        ("Понад 1300 окупантів щодня з 1 листопада.", "false_run", (D(2024, 11, 6), 1250)),
        ("Over 1,300 troops a day for five days in a row.", "confirmed", (D(2024, 11, 10), 1350)),
        ("Over 1,400 troops a day for five days in a row.", "false_run", (D(2024, 11, 10), 1350)),
    ],
)
def test_runs(history_wh, text, verdict, evidence):
    words = next(w for w in ("1200", "1300", "1,300", "1,400") if w in text)
    figure = stated(text, words, "personnel", int(words.replace(",", "")), None, "over")
    _, verdicts = judged(history_wh, text, [figure], D(2024, 11, 12))
    assert verdicts == [(verdict, *evidence)]


def test_an_average_and_a_sum_over_last_week(history_wh):
    # Monday 4 to Sunday 10 November 2024: 10,270 in all, 1,467 a day.
    text = "Last week Russia lost 10,270 troops. On average, about 1,500 a day last week."
    figures = [
        stated(text, "10,270", "personnel", 10270, "increase"),
        stated(text, "1,500", "personnel", 1500, None, "about"),
    ]
    report, verdicts = judged(history_wh, text, figures, D(2024, 11, 12))
    assert [f.kind for f in report.findings] == ["increase", "run"]
    assert [v for v, _, _ in verdicts] == ["confirmed", "confirmed"]
    assert report.findings[0].days == tuple(D(2024, 11, 4) + dt.timedelta(n) for n in range(7))


@pytest.mark.parametrize(
    ("text", "words", "date"),
    [
        ("By the end of the year Russia's losses could exceed 600,000.", "600,000", D(2024, 6, 4)),
        ("Russia lost 1,280 troops on 4 June.", "1,280", D(2024, 6, 4)),  # not out yet
        ("On 1 March 2022 Russia lost 1,000 troops.", "1,000", D(2022, 3, 5)),  # no increases
    ],
)
def test_what_the_bulletins_cannot_say(history_wh, text, words, date):
    figure = stated(text, words, "personnel", int(words.replace(",", "")), "increase")
    report, verdicts = judged(history_wh, text, [figure], date)
    assert verdicts == [("not_in_bulletins", None, None)]
    assert not report.contradicted


def test_a_category_a_bulletin_does_not_state(history_wh):
    text = "Станом на 1 червня 2023 року знищено 1 підводний човен."
    figure = stated(text, "1 підводний", "submarines", 1, "total")
    _, verdicts = judged(history_wh, text, [figure])
    assert verdicts == [("not_in_bulletins", None, None)]


def test_missing_bulletins_are_named(june_2024):
    from warehouse import Warehouse

    with Warehouse.open(june_2024, read_only=True) as wh, pytest.raises(MissingBulletins) as error:
        factcheck(claims_from(EXAMPLE, example_figures()), wh)
    # The superlatives compare with every day of the war, the run with May.
    dates = error.value.dates
    assert (dates[0], dates[-1], len(dates)) == (D(2022, 2, 25), D(2024, 5, 31), 827)
    assert "2022-02-25..2024-05-31 (827 dates)" in str(error.value)
    assert backfill_command(dates) == "losses backfill --start 2022-02-25 --end 2024-05-31"


def test_a_counterexample_needs_no_more_bulletins(june_2024):
    from warehouse import Warehouse

    # 1,300 on 5 June beat Monday's 1,290 within the month loaded: no backfill needed.
    text = "Russia lost 1,290 troops on Monday, the highest daily toll since June 1."
    figure = stated(text, "1,290", "personnel", 1290, "increase")
    with Warehouse.open(june_2024, read_only=True) as wh:
        _, verdicts = judged(wh, text, [figure], D(2024, 6, 11))
    assert verdicts[1] == ("false_superlative", D(2024, 6, 6), 1300)


def test_an_article_that_cannot_be_dated(history_wh):
    text = "Russia lost 4,321,987 troops."
    with pytest.raises(ConfigError, match="cannot date the article"):
        factcheck(claims_from(text, [stated(text, "4,321,987", "personnel", 4321987)]), history_wh)
    text = "Russia lost over 500,000 troops."
    figure = stated(text, "500,000", "personnel", 500000, "total", "over")
    with pytest.raises(ConfigError, match="no exact figure"):
        factcheck(claims_from(text, [figure]), history_wh)


def test_ties_go_to_the_later_bulletin(history_wh):
    # 1,290 is the losses of 3 June (bulletin 4 June), 1,280 of 4 June (bulletin 5 June).
    text = "Russia lost 1,290 troops on Monday and 1,280 on Tuesday."
    figures = [
        stated(text, "1,290", "personnel", 1290, "increase"),
        stated(text, "1,280", "personnel", 1280, "increase"),
    ]
    report, verdicts = judged(history_wh, text, figures)
    assert report.article_date == D(2024, 6, 5)
    assert [v for v, _, _ in verdicts] == ["confirmed", "confirmed"]


def test_describe_dates():
    days = [D(2024, 5, 1) + dt.timedelta(n) for n in range(5)] + [D(2024, 6, 3), D(2024, 6, 5)]
    assert describe_dates(days) == "2024-05-01..2024-05-05 (5 dates), 2024-06-03, 2024-06-05"
