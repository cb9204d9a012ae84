"""The prose reader (parsers/prose.py) and the text parser's prose path: every shape of
SOURCES.md §4 in Ukrainian, English and Russian, from sentences written here and from
hand-written fixtures (figures from the reference), and the ambiguous sentences it must
report rather than read."""

from __future__ import annotations

import datetime as dt

import pytest

from parsers import ParseError, parse_document, read_prose
from parsers.figures import read_candidates
from parsers.model import Figure
from parsers.number_words import read_number_words, word_key
from parsers.prose import read_dated_prose
from tests.support.fixtures import read_fixture

D = dt.date


def read(text: str, lang: str | None = None) -> list[tuple]:
    """(category, value, kind, bound, rounded) of every figure, in text order; fails on
    any problem."""
    reading = read_prose(text, lang)
    assert reading.problems == ()
    return [(f.category, f.value, f.kind, f.bound, f.rounded) for f in reading.figures]


def bulletin(text: str, date: dt.date | None = None):
    (found,) = parse_document(text, format="text", date=date)
    return found


# ---------------------------------------------------------------- the bracket swap
SWAPPED = "Втрати ворога за добу: 2 танки (загалом 11 261), 9 бойових броньованих машин (23 384)."


def test_increase_first_with_the_total_in_brackets_is_read_as_such():
    found = bulletin(SWAPPED)
    assert found.errors == ()
    assert dict(found.figures) == {
        "tanks": Figure(11261, 2),
        "armoured_combat_vehicles": Figure(23384, 9),
    }


@pytest.mark.parametrize(
    "text",
    [
        "9 бойових броньованих машин (23 384)",
        "- 9 бойових броньованих машин (23 384);",
        "Втрати ворога: 9 бойових броньованих машин (23 384)",
    ],
)
def test_the_swap_is_never_total_9(text):
    found = bulletin(text)
    assert found.figures.get("armoured_combat_vehicles") == Figure(23384, 9)


def test_the_list_reader_alone_refuses_a_bracket_larger_than_its_total():
    (cand,) = read_candidates(["9 бойових броньованих машин (23 384)"], strict=False)
    assert cand.figure is None and "larger" in cand.problem
    found = bulletin("танки — 7794 (+15)\nББМ — 9 (23 384)")
    assert dict(found.figures) == {"tanks": Figure(7794, 15)}
    assert "larger than its total" in found.errors[0]


# ---------------------------------------------------------------- the shapes
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # total first, increase in brackets
            "Загалом ворог втратив приблизно 946 500 військових (+1170 протягом минулої "
            "доби), 10 703 танки (+9).",
            [
                ("personnel", 946500, "total", "about", False),
                ("personnel", 1170, "increase", None, False),
                ("tanks", 10703, "total", None, False),
                ("tanks", 9, "increase", None, False),
            ],
        ),
        (
            "Всего враг потерял около 946 500 военных (+1170 за сутки), 10 703 танка (+9).",
            [
                ("personnel", 946500, "total", "about", False),
                ("personnel", 1170, "increase", None, False),
                ("tanks", 10703, "total", None, False),
                ("tanks", 9, "increase", None, False),
            ],
        ),
        (
            "In total Russia has lost about 946,500 troops (+1,170 over the past day) and "
            "10,703 tanks (+9).",
            [
                ("personnel", 946500, "total", "about", False),
                ("personnel", 1170, "increase", None, False),
                ("tanks", 10703, "total", None, False),
                ("tanks", 9, "increase", None, False),
            ],
        ),
        (  # increase first, total in brackets (with a word, or by its size)
            "Ворог втратив 2 танки (загалом 11 261), 9 бойових броньованих машин (23 384).",
            [
                ("tanks", 2, "increase", None, False),
                ("tanks", 11261, "total", None, False),
                ("armoured_combat_vehicles", 9, "increase", None, False),
                ("armoured_combat_vehicles", 23384, "total", None, False),
            ],
        ),
        (
            "Враг потерял 2 танка (всего 11 261) и 9 ББМ (23 384).",
            [
                ("tanks", 2, "increase", None, False),
                ("tanks", 11261, "total", None, False),
                ("armoured_combat_vehicles", 9, "increase", None, False),
                ("armoured_combat_vehicles", 23384, "total", None, False),
            ],
        ),
        (
            "Russia lost 2 tanks (11,261 in total) and 9 armored combat vehicles (23,384).",
            [
                ("tanks", 2, "increase", None, False),
                ("tanks", 11261, "total", None, False),
                ("armoured_combat_vehicles", 9, "increase", None, False),
                ("armoured_combat_vehicles", 23384, "total", None, False),
            ],
        ),
        (  # increases only
            "За минулу добу ворог втратив ще 1 280 військових, два танки та шість бойових "
            "броньованих машин.",
            [
                ("personnel", 1280, "increase", None, False),
                ("tanks", 2, "increase", None, False),
                ("armoured_combat_vehicles", 6, "increase", None, False),
            ],
        ),
        (
            "За прошедшие сутки враг потерял еще 1 280 военных, два танка и шесть ББМ.",
            [
                ("personnel", 1280, "increase", None, False),
                ("tanks", 2, "increase", None, False),
                ("armoured_combat_vehicles", 6, "increase", None, False),
            ],
        ),
        (
            "Over the past 24 hours Russia lost 1,330 soldiers, two tanks and six armored "
            "combat vehicles.",
            [
                ("personnel", 1330, "increase", None, False),
                ("tanks", 2, "increase", None, False),
                ("armoured_combat_vehicles", 6, "increase", None, False),
            ],
        ),
        (  # totals only
            "З початку повномасштабного вторгнення ворог втратив 1 020 010 військових і "
            "11 261 танк.",
            [("personnel", 1020010, "total", None, False), ("tanks", 11261, "total", None, False)],
        ),
        (
            "С начала полномасштабного вторжения враг потерял 1 020 010 военных и 11 261 танк.",
            [("personnel", 1020010, "total", None, False), ("tanks", 11261, "total", None, False)],
        ),
        (
            "Since the start of the full-scale invasion, Russia has lost 1,020,010 troops and "
            "11,261 tanks.",
            [("personnel", 1020010, "total", None, False), ("tanks", 11261, "total", None, False)],
        ),
        (  # both, in one sentence, each clause saying which
            "Загалом з початку вторгнення ворог втратив 1 046 000 військових, 11 261 танк, а "
            "за минулу добу — 1 120 військових і 2 танки.",
            [
                ("personnel", 1046000, "total", None, False),
                ("tanks", 11261, "total", None, False),
                ("personnel", 1120, "increase", None, False),
                ("tanks", 2, "increase", None, False),
            ],
        ),
        (
            "Russia lost 1,330 more soldiers and 9 tanks in the past day, bringing the total "
            "to 1,020,010 soldiers.",
            [
                ("personnel", 1330, "increase", None, False),
                ("tanks", 9, "increase", None, False),
                ("personnel", 1020010, "total", None, False),
            ],
        ),
        (  # a number taking the category of the figure before it
            "Since the beginning of the full-scale invasion, Russia has lost 1,099,530 troops, "
            "including 1,330 over the past day.",
            [
                ("personnel", 1099530, "total", None, False),
                ("personnel", 1330, "increase", None, False),
            ],
        ),
        (
            "Загалом ворог втратив 1 046 000 військових, з них 1 120 — за минулу добу.",
            [
                ("personnel", 1046000, "total", None, False),
                ("personnel", 1120, "increase", None, False),
            ],
        ),
        (  # the kind not said: None, never guessed
            "Також знищено 20 танків і 36 бронемашин.",
            [
                ("tanks", 20, None, None, False),
                ("armoured_combat_vehicles", 36, None, None, False),
            ],
        ),
    ],
)
def test_prose_shapes(text, expected):
    assert read(text) == expected


def test_the_bulletins_own_list_lines_are_read_too():
    text = (
        "Загальні бойові втрати противника з 24.02.22 по 05.03.25 орієнтовно склали:\n"
        "особового складу — близько 880 660 (+1 250) осіб,\n"
        "танків — 10 256 (+1) од,\n"
        "РСЗВ — 1306 од,\n"
    )
    assert read(text) == [
        ("personnel", 880660, "total", "about", False),
        ("personnel", 1250, "increase", None, False),
        ("tanks", 10256, "total", None, False),
        ("tanks", 1, "increase", None, False),
        ("mlrs", 1306, "total", None, False),
    ]


def test_a_lead_says_the_kind_of_the_list_below_it():
    text = "Втрати ворога за минулу добу:\n- 1 280 військових;\n- два танки;\n- шість ББМ."
    assert [f[:3] for f in read(text)] == [
        ("personnel", 1280, "increase"),
        ("tanks", 2, "increase"),
        ("armoured_combat_vehicles", 6, "increase"),
    ]
    totals = "Штаб наводить дані з 24 лютого:\n- 1122 танки,\n- 2713 бойових броньованих машин,"
    assert [f[:3] for f in read(totals)] == [
        ("tanks", 1122, "total"),
        ("armoured_combat_vehicles", 2713, "total"),
    ]


def test_a_lead_that_disagrees_with_the_brackets_of_its_list_is_a_problem():
    reading = read_prose("За минулу добу ворог втратив:\n- 7794 танки;\n- 15 020 ББМ (+18).")
    assert [(f.category, f.value, f.kind) for f in reading.figures] == [
        ("armoured_combat_vehicles", 15020, "total"),
        ("armoured_combat_vehicles", 18, "increase"),
    ]
    assert len(reading.problems) == 1 and "'- 7794 танки;'" in reading.problems[0]


def test_a_heading_line_labels_the_value_below_it():
    assert read("Personnel:\napproximately 1 311 180 (+1 070) persons.") == [
        ("personnel", 1311180, "total", "about", False),
        ("personnel", 1070, "increase", None, False),
    ]


# ---------------------------------------------------------------- numbers in words
@pytest.mark.parametrize(
    ("words", "value"),
    [
        *(
            (w, 1)
            for w in ("один", "одна", "одну", "одного", "одній", "одне", "одна", "одной", "one")
        ),
        *((w, 2) for w in ("два", "дві", "двох", "две", "двух", "two")),
        *((w, 3) for w in ("три", "трьох", "трех", "трёх", "three")),
        ("чотири", 4),
        ("четыре", 4),
        *((w, 5) for w in ("п'ять", "п’ять", "пʼять", "п'яти", "пять", "five")),
        ("шість", 6),
        ("шесть", 6),
        ("сім", 7),
        ("вісім", 8),
        ("дев'ять", 9),
        ("десять", 10),
        ("одинадцять", 11),
        ("дев'ятнадцять", 19),
        ("девятнадцать", 19),
        ("nineteen", 19),
        ("двадцять", 20),
        ("тридцять", 30),
        ("сорок", 40),
        ("дев'яносто", 90),
        ("девяносто", 90),
        ("ninety", 90),
        ("сто", 100),
        ("двісті", 200),
        ("двести", 200),
        ("триста", 300),
        ("дев'ятсот", 900),
        ("двадцять сім", 27),
        ("двадцать семь", 27),
        ("twenty-seven", 27),
        ("twenty seven", 27),
        ("сто сорок два", 142),
        ("сто сорок два", 142),
        ("one hundred and forty-two", 142),
        ("сто п'ятнадцять", 115),
        ("тисяча двісті вісімдесят", 1280),
        ("one thousand two hundred", 1200),
    ],
)
def test_numbers_in_words(words, value):
    keys = [word_key(w) for w in words.split()]
    found = read_number_words(keys, 0)
    assert (found.value, found.end, found.rounded) == (value, len(keys), False)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("За добу ворог втратив двох танків", ("tanks", 2)),
        ("За добу ворог втратив п’ять танків", ("tanks", 5)),
        ("За добу ворог втратив п'ять танків", ("tanks", 5)),
        ("За добу ворог втратив сто сорок два дрони", ("uav", 142)),
        ("За добу ворог втратив одну РСЗВ", ("mlrs", 1)),
        ("За сутки враг потерял двадцать семь беспилотников", ("uav", 27)),
        ("За сутки враг потерял две РСЗО", ("mlrs", 2)),
        ("Over the past day Russia lost twenty-seven drones", ("uav", 27)),
        ("Over the past day Russia lost one hundred and forty-two drones", ("uav", 142)),
        ("Over the past day Russia lost one air defense system", ("air_defense_systems", 1)),
    ],
)
def test_numbers_in_words_in_sentences(text, expected):
    assert [(c, v) for c, v, *_ in read(text)] == [expected]


def test_lang_limits_the_words_read():
    assert read("За добу ворог втратив два танки", "uk") == [("tanks", 2, "increase", None, False)]
    assert read("За добу ворог втратив два танки", "en") == []


# ---------------------------------------------------------------- digits and rounding
GROUPINGS = ["1,020,010", "1 020 010", "1.020.010", "1\u00a0020\u00a0010", "1\u202f020\u202f010"]


@pytest.mark.parametrize(
    "number",
    [*GROUPINGS, "1020010"],
)
def test_digits_in_any_grouping(number):
    text = f"Since the start of the invasion, Russia has lost {number} troops."
    assert read(text) == [("personnel", 1020010, "total", None, False)]


OVER, EXCEED = ("over", True), ("over", False)


@pytest.mark.parametrize(
    ("text", "value", "bound", "rounded"),
    [
        ("З початку вторгнення ворог втратив майже 982 тисячі військових.", 982000, "almost", True),
        (
            "Russia has lost over 1.3 million troops since the start of the invasion.",
            1300000,
            *OVER,
        ),
        ("З початку вторгнення ворог втратив понад 500 тисяч військових.", 500000, "over", True),
        ("Since the start of the invasion Russia's losses exceed 500,000 troops.", 500000, *EXCEED),
        ("С начала вторжения враг потерял более 1,3 млн военных.", 1300000, "over", True),
        ("Загалом ворог втратив близько 25,1 тисячі військових.", 25100, "about", True),
        ("Загалом ворог втратив приблизно 946 500 військових.", 946500, "about", False),
        ("In total Russia has lost nearly 11,300 tanks.", 11300, "almost", False),
        ("Загалом ворог втратив 646 тис. 400 військових.", 646400, None, False),
    ],
)
def test_rounded_and_bounded(text, value, bound, rounded):
    category = "tanks" if "tanks" in text else "personnel"
    assert read(text) == [(category, value, "total", bound, rounded)]


def test_rounded_and_bounded_figures_are_not_loaded_as_the_bulletins():
    found = bulletin("З початку вторгнення ворог втратив понад 500 тисяч військових і 11 261 танк.")
    assert dict(found.figures) == {"tanks": Figure(11261, None)}
    assert found.errors == ()


# ---------------------------------------------------------------- labels
def test_elliptical_lists_borrow_the_noun():
    text = (
        "За минулу добу, 4 березня 2025 року, ворог втратив 232 одиниці автомобільної і "
        "дві — спеціальної техніки."
    )
    assert read(text) == [
        ("vehicles_fuel_tanks", 232, "increase", None, False),
        ("special_equipment", 2, "increase", None, False),
    ]


def test_automotive_equipment_alone_needs_a_date():
    text = "За минулу добу ворог втратив 232 одиниці автомобільної техніки та 2 танки."
    reading = read_prose(text)
    assert [f.category for f in reading.figures] == ["tanks"]
    assert "date is unknown" in reading.problems[0]
    dated = read_dated_prose(text, date=D(2025, 3, 5))
    assert [f.category for f in dated.figures] == ["vehicles_fuel_tanks", "tanks"]
    spring = read_dated_prose(text, date=D(2022, 4, 20))
    assert spring.figures[0].category == "military_auto"


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("Втрати ворога: криласті ракети — 3085 (+2)", "cruise_missiles"),
        ("Втрати ворога: автомобільної техніки та автоцистрен — 39 512", "vehicles_fuel_tanks"),
        ("За добу ворог втратив 5 автоцистрен і 2 танки", "fuel_tanks"),
        ("Over the past day Russia lost 2 helicopers", "helicopters"),
    ],
)
def test_typos_of_known_labels(text, category):
    assert read(text)[0][0] == category


@pytest.mark.parametrize(
    "text",
    [
        "Втрати ворога: ЗРКК — 3 (+1)",  # short abbreviations are never corrected
        "Втрати ворога: ППОО — 3 (+1)",
        "Втрати ворога: БпЛАА — 3 (+1)",
        "Russia's losses: MLRSS — 3 (+1)",
        "Over the past day Russia lost 5 tasks",  # short English words neither
        "Втрати ворога: крилласті ракети — 3 (+1)",  # two edits away
    ],
)
def test_no_typo_correction_on_short_words_or_two_edits(text):
    assert read_prose(text).figures == ()


@pytest.mark.parametrize(
    ("label", "category"),
    [
        ("strategic and tactical UAVs", "uav"),
        ("special vehicles and other equipment", "special_equipment"),
        ("fixed-wing aircraft", "aircraft"),
        ("automotive technology", "vehicles_fuel_tanks"),
        ("boats / ships", "warships_boats"),
        ("Launcher of the operational-tactical missile system", "mobile_srbm_systems"),
        ("combat vehicles", "armoured_combat_vehicles"),
    ],
)
def test_outlets_own_labels(label, category):
    text = f"Since the start of the invasion Russia has lost 1,234 {label}."
    reading = read_dated_prose(text, date=D(2025, 3, 5))
    assert reading.problems == ()
    assert [(f.category, f.value) for f in reading.figures] == [(category, 1234)]


# ---------------------------------------------------------------- restatements
def test_a_restatement_that_agrees_is_kept():
    text = (
        "Russia lost 1,330 soldiers over the past 24 hours, the General Staff said.\n"
        "personnel — about 1,020,010 (+1,330)\n"
        "tanks — 11,261 (+2)"
    )
    reading = read_prose(text)
    assert reading.problems == ()
    assert [(f.value, f.kind) for f in reading.figures if f.category == "personnel"] == [
        (1330, "increase"),
        (1020010, "total"),
        (1330, "increase"),
    ]
    assert reading.figures[0].quote == (
        "Russia lost 1,330 soldiers over the past 24 hours, the General Staff said."
    )


def test_a_restatement_that_disagrees_is_reported_and_neither_is_read():
    text = (
        "Russia lost 1,340 soldiers over the past 24 hours, the General Staff said.\n"
        "personnel — about 1,020,010 (+1,330)"
    )
    reading = read_prose(text)
    assert [(f.value, f.kind) for f in reading.figures] == [(1020010, "total")]
    assert len(reading.problems) == 1
    assert "different increases for personnel" in reading.problems[0]
    assert "1,340 soldiers" in reading.problems[0] and "(+1,330)" in reading.problems[0]


# ---------------------------------------------------------------- increases of their own days
PER_DAY = (
    "Russia has experienced its two deadliest days of the war, losing 1,270 troops on Sunday "
    "and another 1,290 on Monday, according to Ukraine’s Defense Ministry. "
    "Sunday’s death toll of 1,270 marked the highest single-day casualty figure since Russia’s "
    "invasion began over two years ago, but it was surpassed just a day later with 1,290 "
    "Russian soldiers reportedly killed. Ukraine claims that the total number of Russian troops "
    "killed since the start of the conflict now exceeds 500,000."
)


def test_increases_of_one_category_each_of_its_own_day_are_each_read():
    reading = read_prose(PER_DAY, "en")
    assert reading.problems == ()
    first, second, third = (
        "Russia has experienced its two deadliest days of the war, losing 1,270 troops on "
        "Sunday and another 1,290 on Monday, according to Ukraine’s Defense Ministry.",
        "Sunday’s death toll of 1,270 marked the highest single-day casualty figure since "
        "Russia’s invasion began over two years ago, but it was surpassed just a day later "
        "with 1,290 Russian soldiers reportedly killed.",
        "Ukraine claims that the total number of Russian troops killed since the start of the "
        "conflict now exceeds 500,000.",
    )
    assert [
        (f.category, f.value, f.kind, f.bound, f.quote, PER_DAY[f.span[0] : f.span[1]])
        for f in reading.figures
    ] == [
        ("personnel", 1270, "increase", None, first, "1,270 troops"),
        ("personnel", 1290, "increase", None, first, "1,290"),
        ("personnel", 1270, "increase", None, second, "Sunday’s death toll of 1,270"),
        ("personnel", 1290, "increase", None, second, "1,290 Russian soldiers"),
        (
            "personnel",
            500000,
            "total",
            "over",
            third,
            "total number of Russian troops killed since the start of the conflict now "
            "exceeds 500,000",
        ),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Russia lost 1,270 troops over the past day. It lost 1,290 soldiers in the past 24 hours.",
        "Russia lost 1,270 troops and another 1,290 soldiers, the General Staff said.",
        "Russia lost 1,270 troops on Sunday. On Sunday it lost 1,290 soldiers.",  # one day
        "Russia lost 1,270 troops on Sunday. It lost 1,290 soldiers over the past day.",
    ],
)
def test_different_increases_not_tied_to_different_days_are_a_conflict(text):
    reading = read_prose(text, "en")
    assert reading.figures == ()
    assert len(reading.problems) == 1
    assert reading.problems[0].startswith("different increases for personnel: ")
    assert "1,270 troops" in reading.problems[0] and "1,290" in reading.problems[0]


def test_per_day_increases_are_never_loaded_as_the_bulletins():
    text = (
        "Since the start of the invasion Russia has lost 512,420 troops. "
        "Russia lost 1,270 troops on Sunday and another 1,290 on Monday."
    )
    assert [f.value for f in read_prose(text).figures] == [512420, 1270, 1290]
    found = bulletin(text)
    assert found.figures["personnel"] == Figure(512420, None, "about")
    assert found.errors == (
        "different increases for personnel: "
        "'Russia lost 1,270 troops on Sunday and another 1,290 on Monday.'",
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Casualty numbers have reportedly exceeded 1,000 per day since Russia launched a new "
            "offensive in Kharkiv on May 10.",
            [("personnel", 1000, "increase", "over", False)],
        ),
        (
            "Russia's daily death toll of 1,290 was its highest.",
            [("personnel", 1290, "increase", None, False)],
        ),
        (  # a count of no category, and a number that is not the count's
            "The number of Russian attacks rose over two years, the General Staff said of the "
            "enemy's losses.",
            [],
        ),
    ],
)
def test_a_label_before_the_number_in_words_naming_a_count(text, expected):
    assert read(text, "en") == expected


def test_a_disagreeing_prose_restatement_is_a_bulletin_error():
    text = (
        "За минулу добу ворог втратив 1 330 військових.\n"
        "Загалом ворог втратив приблизно 1 020 010 військових (+1 340 за добу) і 11 261 танк (+2)."
    )
    found = bulletin(text)
    assert found.figures["personnel"] == Figure(1020010, None, "about")
    assert found.figures["tanks"] == Figure(11261, 2)
    assert any("different increases for personnel" in e for e in found.errors)


@pytest.mark.parametrize(
    ("headline", "agrees"),
    [
        ("Russia has lost over 1.3 million troops", True),
        ("Russia has lost almost 1.32 million troops", True),
        ("Russia has lost about 1.3 million troops", True),
        ("Russia has lost over 1.4 million troops", False),
        ("Russia has lost almost 1.3 million troops", False),
    ],
)
def test_rounded_headlines_agree_with_the_list_or_are_reported(headline, agrees):
    text = f"{headline} since the start of the invasion.\npersonnel — about 1,311,180 (+1,070)"
    reading = read_prose(text)
    assert (reading.problems == ()) is agrees
    assert any(f.value == 1311180 for f in reading.figures) is agrees


# ---------------------------------------------------------------- not figures
def test_numbers_that_are_not_loss_figures():
    text = (
        "Russia has experienced its two deadliest days of the war. Casualties have exceeded "
        "1,000 per day since the offensive began on May 10, 2024, the largest gains in 18 "
        "months; 24 hours later the enemy lost 15 tanks, 5% of its reserves, in 2 000 km².\n"
        "Втрати України: 25 лютого 2024 року президент назвав 31 тисячу загиблих."
    )
    assert [(name, value) for name, value, *_ in read(text)] == [("tanks", 15)]


def test_other_counts_in_an_article_about_losses_are_not_figures():
    text = "Україна отримала 31 танк Abrams.\n\nЗа добу ворог втратив 2 танки."
    assert read(text) == [("tanks", 2, "increase", None, False)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ворог втратив 2 танки та 3 Су-34", [("tanks", 2)]),  # a name, no category
        (  # a bare "and 1,270" may belong to any figure before it
            "Russia lost 1,290 troops and 15 tanks on Monday, and 1,270 on Sunday.",
            [("personnel", 1290), ("tanks", 15)],
        ),
        # brackets with other words than a figure's are not its partner
        ("За добу ворог втратив 1250 військових (з них 300 — вбитими).", [("personnel", 1250)]),
        ("Ворог втратив 5 танків (у тому числі 2 Т-90) за добу", [("tanks", 5)]),
        ("Генштаб: на 1000-й день війни ворог втратив 2 танки за добу", [("tanks", 2)]),
    ],
)
def test_numbers_near_a_figure_that_are_not_its_partner(text, expected):
    assert [(name, value) for name, value, *_ in read(text)] == expected


# ---------------------------------------------------------------- ambiguous: problems
@pytest.mark.parametrize(
    "text",
    [
        "Втрати ворога: 2 танки 11 261",  # two numbers run together
        "Втрати ворога: 9 (23 384)",  # no label
        "Ворог втратив 2 і 11 261 танків",  # two numbers, one label, no cue
        "Втрати ворога: 10-15 танків",  # a range
        "Russia lost a dozen tanks",
        "Russia lost dozens of tanks",
        "Russia lost several tanks",
        "ворог втратив десятки дронів",
        "ворог втратив кілька танків",
        "враг потерял несколько танков",
        "Ворог втратив 1.3 танків",  # a decimal without a scale word
        "Ворог втратив 1,300 тисяч військових",  # 1.3 or 1300 thousand
        "Ворог втратив 3 військових літаки",  # two categories
        "Russia lost 1,330 soldiers; Russia lost 1,340 soldiers",  # no cue tells them apart
        "За добу ворог втратив 10 703 танки",  # too many for a day
        "Ворог втратив 9 000 танків (11 261)",  # the same, by the brackets' size
        "Ворог втратив 5 танків (+9)",  # an increase larger than its total
        "Ворог втратив 2 танки (загалом +11 261)",  # the bracket says both
        "Загалом за добу ворог втратив 2 танки",  # the clause says both
        "За тиждень ворог втратив 300 танків",  # a period
        "Ворог втратив 2 танки (11 261) і 23 384 ББМ (9)",  # brackets read both ways
    ],
)
def test_ambiguous_sentences_are_problems_never_numbers(text):
    reading = read_prose(text)
    assert reading.figures == ()
    assert len(reading.problems) >= 1
    assert all(repr(text) in problem or text in problem for problem in reading.problems)


# ---------------------------------------------------------------- where it came from
def test_quotes_and_spans():
    text = "Генштаб оновив дані. За добу ворог втратив 2 тан\u00adки (загалом 11 261)."
    reading = read_prose(text)
    tanks, total = reading.figures
    assert tanks.quote == total.quote == "За добу ворог втратив 2 тан\u00adки (загалом 11 261)."
    assert text[slice(*tanks.span)] == "2 тан\u00adки"
    assert text[slice(*total.span)] == "11 261"


# ---------------------------------------------------------------- the text parser
PROSE_FIXTURES = [
    # name, report date, categories whose increase the text states
    (
        "uk-2025-03-05-prose-total-first.txt",
        D(2025, 3, 5),
        {"personnel", "tanks", "armoured_combat_vehicles", "artillery_systems", "uav"}
        | {"vehicles_fuel_tanks", "special_equipment"},
        "all",
    ),
    (
        "ru-2025-03-05-prose.txt",
        D(2025, 3, 5),
        {"personnel", "tanks", "armoured_combat_vehicles", "artillery_systems", "uav"}
        | {"vehicles_fuel_tanks", "special_equipment"},
        "all",
    ),
    (
        "uk-2025-09-14-prose-increase-first.txt",
        D(2025, 9, 14),
        {"personnel", "tanks", "artillery_systems", "mlrs", "uav", "vehicles_fuel_tanks"},
        "stated",
    ),
    (
        "en-2026-02-03-prose.txt",
        D(2026, 2, 3),
        {"personnel", "tanks", "armoured_combat_vehicles", "artillery_systems"}
        | {"air_defense_systems", "uav", "vehicles_fuel_tanks", "special_equipment"},
        "all",
    ),
]


@pytest.mark.parametrize(
    ("name", "date", "with_increase", "categories"),
    PROSE_FIXTURES,
    ids=[row[0] for row in PROSE_FIXTURES],
)
def test_prose_reposts_parse_to_the_reference(reference, name, date, with_increase, categories):
    (found,) = parse_document(read_fixture(f"text/{name}"))
    assert found.errors == ()
    assert (found.date, found.source) == (date, "text")
    expected = {
        category: Figure(fig.total, fig.delta if category in with_increase else None, fig.qualifier)
        for category, fig in reference[date].items()
        if categories == "all" or category in with_increase
    }
    assert dict(found.figures) == expected


def test_increases_only_give_no_totals_to_load():
    (found,) = parse_document(read_fixture("text/uk-2025-increases-only.txt"))
    assert dict(found.figures) == {}
    assert len(found.errors) == 1
    assert found.errors[0].startswith("the text states only the increase, no total to load")
    assert "personnel +1250" in found.errors[0] and "special_equipment +1" in found.errors[0]


def test_the_prose_fixtures_read_alike_by_read_prose():
    reading = read_prose(read_fixture("text/en-2026-02-03-prose.txt").decode())
    assert reading.problems == ()
    headline = reading.figures[0]
    assert (headline.category, headline.value, headline.bound, headline.rounded) == (
        "personnel",
        1240000,
        "over",
        True,
    )
    assert headline.quote == "Russia's losses exceed 1.24 million troops"


def test_prose_without_any_figure_is_no_bulletin():
    with pytest.raises(ParseError, match=r"no bulletin figures.*a vague quantity"):
        parse_document("Ворог втратив десятки дронів.", format="text")
