"""Reading claims (parsers/claims.py), with the figures given as the prose reader states
them: day phrases and the days they name, the article's stated date, superlatives,
runs, and which figure each goes with."""

from __future__ import annotations

import datetime as dt

import pytest

from parsers.claims import (
    claims_from,
    find_day_phrases,
    find_runs,
    find_superlatives,
    phrase_days,
    resolve_days,
    scope_start,
    split_sentences,
    stated_date,
)
from tests.factcheck.support import stated

D = dt.date
TUESDAY = D(2024, 6, 4)


def only_phrase(text: str):
    phrases = find_day_phrases(text)
    assert len(phrases) == 1, phrases
    return phrases[0]


@pytest.mark.parametrize(
    ("text", "kind", "days"),
    [
        # The losses of a day: its bulletin is the next morning's.
        ("Russia lost 1,290 troops yesterday", "yesterday", [D(2024, 6, 3)]),
        ("Вчора ворог втратив 1290 окупантів", "yesterday", [D(2024, 6, 3)]),
        ("Вчера враг потерял 1290 военных", "yesterday", [D(2024, 6, 3)]),
        ("over the past 24 hours, 1,290", "past_day", [D(2024, 6, 3)]),
        ("За минулу добу ліквідовано 1290", "past_day", [D(2024, 6, 3)]),
        ("за прошедшие сутки уничтожено 1290", "past_day", [D(2024, 6, 3)]),
        ("1,270 troops on Sunday", "weekday", [D(2024, 6, 2)]),
        ("Sunday’s death toll of 1,270", "weekday", [D(2024, 6, 2)]),
        ("у неділю ворог втратив 1270", "weekday", [D(2024, 6, 2)]),
        ("в воскресенье враг потерял 1270", "weekday", [D(2024, 6, 2)]),
        # A Tuesday article's "on Tuesday" is the Tuesday before: today's losses are
        # in no bulletin yet.
        ("on Tuesday, 1,100", "weekday", [D(2024, 5, 28)]),
        ("on 2 June, 1,270", "date", [D(2024, 6, 2)]),
        ("On June 2, 2024 the army lost 1,270", "date", [D(2024, 6, 2)]),
        ("2 червня загинуло 1270", "date", [D(2024, 6, 2)]),
        ("за минулу добу, 3 червня, 1290", "date", [D(2024, 6, 3)]),
        # A total as of a bulletin's morning: the day before is the last it counts.
        ("станом на 4 червня — 512 420", "as_of", [D(2024, 6, 3)]),
        ("по состоянию на 4 июня 2024 года", "as_of", [D(2024, 6, 3)]),
        ("since the start of the war, 512,420", "war_start", [D(2024, 6, 3)]),
        ("з початку повномасштабного вторгнення 512 420", "war_start", [D(2024, 6, 3)]),
        ("с начала войны 512 420", "war_start", [D(2024, 6, 3)]),
        (
            "за минулий тиждень 8 000",
            "past_week",
            [D(2024, 5, 28) + dt.timedelta(n) for n in range(7)],
        ),
        ("Last week, 8,000", "last_week", [D(2024, 5, 27) + dt.timedelta(n) for n in range(7)]),
        ("у травні 38 940", "month", [D(2024, 5, 1) + dt.timedelta(n) for n in range(31)]),
    ],
)
def test_day_phrases_and_the_days_they_name(text, kind, days):
    phrase = only_phrase(text)
    assert phrase.kind == kind
    assert list(phrase_days(phrase, TUESDAY)) == days


def test_no_phrase_is_the_day_before_the_article():
    assert phrase_days(None, TUESDAY) == (D(2024, 6, 3),)


def test_a_day_later_follows_the_day_spoken_of_before():
    text = "Sunday’s toll of 1,270 was surpassed just a day later with 1,290."
    figures = [
        stated(text, "1,270", "personnel", 1270, "increase"),
        stated(text, "1,290", "personnel", 1290, "increase"),
    ]
    article = claims_from(text, figures)
    assert [w.days for w in resolve_days(article.claims, TUESDAY)] == [
        (D(2024, 6, 2),),
        (D(2024, 6, 3),),
    ]


def test_a_date_without_a_year_is_the_latest_not_after_the_article():
    phrase = only_phrase("on 28 December, 700")
    assert phrase_days(phrase, D(2025, 1, 3)) == (D(2024, 12, 28),)


def test_numbers_are_not_dates():
    # "1,270 marked" is no 70th of March, "May" the verb no month, "1.3 million" no date.
    assert find_day_phrases("a toll of 1,270 marked the highest") == []
    assert find_day_phrases("losses may 12 times exceed") == []
    assert find_day_phrases("about 1.3 million troops") == []


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("4 червня 2024, 14:05\nВтрати ворога...", D(2024, 6, 4)),
        ("June 4, 2024 | Kyiv\nRussia lost...", D(2024, 6, 4)),
        ("Станом на 4 червня 2024 року ворог втратив 512 420 осіб.", D(2024, 6, 4)),
        ("Бойові втрати з 24.02.22 по 04.06.24 орієнтовно склали", D(2024, 6, 4)),
    ],
)
def test_the_date_an_article_states(text, date):
    assert stated_date(text)[0] == date


@pytest.mark.parametrize(
    "text",
    [
        "Russia lost 1,290 troops on June 3, 2024, the General Staff said",  # a headline
        "Станом на 4 червня ворог втратив 512 420 осіб.",  # no year
        "Russia has experienced its two deadliest days of the war.",
    ],
)
def test_no_stated_date(text):
    assert stated_date(text) == (None, None)


def test_sentences_do_not_end_at_abbreviations():
    text = "Last week, U.S. President Joe Biden agreed. The next one. Ще одне речення"
    assert [text[s:e] for s, e in split_sentences(text)] == [
        "Last week, U.S. President Joe Biden agreed.",
        "The next one.",
        "Ще одне речення",
    ]


@pytest.mark.parametrize(
    ("text", "rank", "lowest", "unit", "scope", "start"),
    [
        ("its two deadliest days of the war", 2, False, "day", "war_start", D(2022, 2, 24)),
        (
            "the highest single-day casualty figure since Russia’s invasion began",
            1,
            False,
            "day",
            "war_start",
            D(2022, 2, 24),
        ),
        (
            "найбільші добові втрати з початку повномасштабного вторгнення",
            1,
            False,
            "day",
            "war_start",
            D(2022, 2, 24),
        ),
        ("рекордные потери с начала войны", 1, False, "day", "war_start", D(2022, 2, 24)),
        ("самые большие потери с начала года", 1, False, "day", "this_year", D(2024, 1, 1)),
        ("the lowest daily toll since May 10", 1, True, "day", "date", D(2024, 5, 10)),
        ("the deadliest week in 18 months", 1, False, "week", "span", D(2022, 12, 4)),
        ("the highest daily losses", 1, False, "day", None, D(2022, 2, 24)),
    ],
)
def test_superlatives(text, rank, lowest, unit, scope, start):
    [superlative] = find_superlatives(text)
    assert (superlative.rank, superlative.lowest, superlative.unit) == (rank, lowest, unit)
    assert (superlative.scope.kind if superlative.scope else None) == scope
    assert scope_start(superlative, TUESDAY) == start


def test_one_of_the_deadliest_is_vague():
    [superlative] = find_superlatives("one of the deadliest days of the war")
    assert superlative.vague


def test_the_record_of_on_record_is_a_scope_not_a_second_superlative():
    assert len(find_superlatives("the highest daily toll on record")) == 1


@pytest.mark.parametrize(
    ("text", "since", "days"),
    [
        (
            "Casualties have exceeded 1,000 per day since Russia launched an offensive on May 10.",
            D(2024, 5, 10),
            None,
        ),
        ("Ворог щодня втрачає понад 1200 окупантів з 1 листопада.", D(2024, 11, 1), None),
        ("Враг ежедневно теряет более 1000 военных с 10 мая.", D(2024, 5, 10), None),
        ("Over 1,300 troops a day for five days in a row.", None, 5),
        ("Понад 1300 окупантів на добу п'ять днів поспіль.", None, 5),
    ],
)
def test_runs(text, since, days):
    [run] = find_runs(text)
    got = None
    if run.since is not None:
        got = phrase_days(run.since, D(2024, 12, 1))[0]
    assert got == since
    assert run.days == days


def test_a_figure_a_day_without_a_period_is_no_run():
    assert find_runs("Russia loses about 1,200 soldiers a day.") == []


EXAMPLE = (
    "Russia has experienced its two deadliest days of the war, losing 1,270 troops on Sunday "
    "and another 1,290 on Monday, according to Ukraine’s Defense Ministry. Since the onset of "
    "the war, Ukrainian forces have destroyed 7,794 tanks, 15,020 armored combat vehicles, and "
    "13,345 artillery pieces. Recent figures indicate that on Sunday alone, Ukraine eliminated "
    "15 tanks, 18 combat vehicles, and 65 artillery systems, alongside three air defense systems."
)


@pytest.fixture
def example():
    t = EXAMPLE
    figures = [
        stated(t, "1,270", "personnel", 1270, "increase"),
        stated(t, "1,290", "personnel", 1290),
        stated(t, "7,794", "tanks", 7794, "total"),
        stated(t, "15,020", "armoured_combat_vehicles", 15020),
        stated(t, "13,345", "artillery_systems", 13345),
        stated(t, "15 tanks", "tanks", 15, "increase"),
        stated(t, "18 combat", "armoured_combat_vehicles", 18),
        stated(t, "65 artillery", "artillery_systems", 65),
        stated(t, "three", "air_defense_systems", 3),
    ]
    return claims_from(t, figures)


def test_each_figure_goes_with_its_day_and_a_list_shares_one(example):
    claims = [c for c in example.claims if c.superlative is None]
    phrases = [c.when.text if c.when else None for c in claims]
    assert phrases == [
        "on Sunday",
        "on Monday",
        *["Since the onset of the war"] * 3,
        *["on Sunday"] * 4,
    ]
    # What the text leaves open, the phrase decides: totals since the onset, a day's increase.
    assert [c.measure for c in claims] == ["increase"] * 2 + ["total"] * 3 + ["increase"] * 4
    assert [c.kind for c in claims] == [c.measure for c in claims]


def test_quotes_are_the_words_of_the_claim(example):
    quotes = [c.quote for c in example.claims if c.superlative is None]
    assert quotes[0] == "losing 1,270 troops on Sunday"
    assert quotes[1] == "and another 1,290 on Monday"
    assert quotes[3] == "Since the onset of the war … 15,020 armored combat vehicles"
    assert quotes[6] == "on Sunday … 18 combat vehicles"
    for quote in quotes:
        for piece in quote.split(" … "):
            assert piece in EXAMPLE


def test_a_superlative_covers_as_many_figures_as_its_rank(example):
    [superlative] = [c for c in example.claims if c.superlative is not None]
    assert superlative.kind == "superlative"
    assert [c.value for c in superlative.covers] == [1270, 1290]
    assert superlative.value == 1270  # what another day must beat
    [when] = [
        w
        for c, w in zip(example.claims, resolve_days(example.claims, TUESDAY), strict=True)
        if c is superlative
    ]
    assert when.days == (D(2024, 6, 2), D(2024, 6, 3))


def test_a_run_takes_the_figure_of_its_per_day():
    text = "Casualties have exceeded 1,000 per day since the offensive on May 10."
    article = claims_from(text, [stated(text, "1,000", "personnel", 1000, None, "over")])
    [claim] = article.claims
    assert claim.kind == "run" and claim.measure == "increase"
    [when] = resolve_days(article.claims, TUESDAY)
    assert when.days[0] == D(2024, 5, 10) and when.days[-1] == D(2024, 6, 3)
    assert len(when.days) == 25


@pytest.mark.parametrize(
    "text",
    [
        "By the end of the year Russia's losses could exceed 600,000.",
        "До кінця року втрати ворога можуть перевищити 600 000.",
        "According to British intelligence, 600,000 have been killed or wounded.",
    ],
)
def test_forecasts_and_other_counts_are_not_judged(text):
    article = claims_from(text, [stated(text, "600", "personnel", 600000, "total", "over")])
    assert article.claims[0].not_judged


def test_a_day_after_the_article_is_in_the_future():
    text = "Russia lost 1,280 troops on 4 June."
    article = claims_from(text, [stated(text, "1,280", "personnel", 1280, "increase")])
    [when] = resolve_days(article.claims, TUESDAY)
    assert when.days == (D(2024, 6, 4),) and when.future
