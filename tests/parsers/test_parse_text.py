"""Press reposts (uk/ru/en): every variant in SOURCES.md §4, from hand-written fixtures
(figures from the reference) and from small inline examples."""

from __future__ import annotations

import datetime as dt

import pytest

from parsers import ParseError, parse_document
from parsers.model import Figure
from tests.support.fixtures import read_fixture

D = dt.date
ALL = "all"
NO_PERSONNEL = "no personnel"

# name, fallback date given, report date expected, language, categories, omitted increases
TEXT_FIXTURES = [
    (
        "uk-2024-11-23-bulleted.txt",  # headline "понад 1400", "За минулу добу, 22 листопада"
        D(2024, 11, 20),
        D(2024, 11, 23),
        "uk",
        NO_PERSONNEL,
        {"mlrs", "air_defense_systems", "aircraft", "helicopters", "cruise_missiles"}
        | {"warships_boats", "submarines"},
    ),
    (
        "ru-2024-04-21-bulleted.txt",  # "За прошедшие сутки, 20 апреля", accusative
        D(2024, 4, 1),
        D(2024, 4, 21),
        "ru",
        NO_PERSONNEL,
        {"mlrs", "aircraft", "helicopters", "warships_boats", "submarines"},
    ),
    (
        "uk-2024-10-02-bullets-nbsp.txt",  # "•", no-break/narrow/thin spaces, two spaces
        D(2024, 10, 1),
        D(2024, 10, 2),
        "uk",
        ALL,
        {"mlrs", "air_defense_systems", "aircraft", "helicopters", "cruise_missiles"}
        | {"warships_boats", "submarines"},
    ),
    ("uk-2023-04-24-inline.txt", None, D(2023, 4, 24), "uk", ALL, set()),  # one paragraph
    (
        "uk-2022-05-07-number-first.txt",  # "- 1122 танки,", "автомобільної техніки" alone
        D(2022, 5, 7),
        D(2022, 5, 7),
        "uk",
        NO_PERSONNEL,
        ALL,
    ),
    (
        "en-2024-06-04-number-first.txt",  # "512,420 (+1,290) military personnel"
        None,
        D(2024, 6, 4),
        "en",
        ALL,
        {"aircraft", "helicopters", "cruise_missiles", "warships_boats", "submarines"},
    ),
    (
        "en-2023-04-01-dots.txt",  # "173.990"
        None,
        D(2023, 4, 1),
        "en",
        ALL,
        {"aircraft", "helicopters", "uav", "cruise_missiles", "warships_boats"},
    ),
    (
        "uk-2024-09-25-tys.txt",  # "646 тис. 400 (+1 тис. 250)", "вертольоти", "й"
        None,
        D(2024, 9, 25),
        "uk",
        ALL,
        {"air_defense_systems", "aircraft", "helicopters", "cruise_missiles"}
        | {"warships_boats", "submarines"},
    ),
    (
        "uk-2024-06-04-two-per-line.txt",  # two per line, ":" "—" "–" "-" "−" "‒", no spaces
        None,
        D(2024, 6, 4),
        "uk",
        ALL,
        {"cruise_missiles", "warships_boats", "submarines"},
    ),
    (
        "uk-2024-06-04-lookalikes.txt",  # Latin letters inside Cyrillic words
        None,
        D(2024, 6, 4),
        "uk",
        ALL,
        {"aircraft", "helicopters", "cruise_missiles", "warships_boats", "submarines"},
    ),
    (
        "uk-2024-06-04-per-day.txt",  # "(+7 одиниці за минулу добу)", "(0)", "(+0)"
        None,
        D(2024, 6, 4),
        "uk",
        ALL,
        {"cruise_missiles", "warships_boats", "submarines"},
    ),
    (
        "en-2024-06-04-per-day.txt",  # "Tanks: 7,794 (+15 per day)", "vehicles and tankers"
        D(2024, 6, 4),
        D(2024, 6, 4),
        "en",
        ALL,
        {"aircraft", "helicopters", "cruise_missiles", "warships_boats", "submarines"},
    ),
    (
        "ru-2022-03-12-more.txt",  # "более 12 000 человек", "цистерн с ГСМ"
        None,
        D(2022, 3, 12),
        "ru",
        ALL,
        {"personnel", "helicopters", "warships_boats", "fuel_tanks", "uav"},
    ),
    (
        "en-2022-04-17-trap.txt",  # "tanks with fuel and lubricants", "automotive equipment"
        D(2022, 4, 17),
        D(2022, 4, 17),
        "en",
        ALL,
        {"air_defense_systems", "warships_boats", "fuel_tanks", "mobile_srbm_systems"},
    ),
]


def _expected(figures: dict, categories: str, omitted) -> dict:
    out = {}
    for name, figure in figures.items():
        if categories == NO_PERSONNEL and name == "personnel":
            continue
        if omitted == ALL or name in omitted:
            figure = Figure(figure.total, None, figure.qualifier)
        out[name] = figure
    return out


@pytest.mark.parametrize(
    ("name", "hint", "date", "lang", "categories", "omitted"),
    TEXT_FIXTURES,
    ids=[row[0] for row in TEXT_FIXTURES],
)
def test_press_texts_parse_to_the_reference(reference, name, hint, date, lang, categories, omitted):
    (bulletin,) = parse_document(read_fixture(f"text/{name}"), date=hint)
    assert bulletin.errors == ()
    assert (bulletin.date, bulletin.source, bulletin.lang) == (date, "text", lang)
    assert dict(bulletin.figures) == _expected(reference[date], categories, omitted)


def test_the_headline_numbers_are_not_figures():
    (bulletin,) = parse_document(read_fixture("text/uk-2024-11-23-bulleted.txt"))
    assert bulletin.figures["tanks"].total == 9419  # not the headline's "20 танків"
    assert "personnel" not in bulletin.figures  # "понад 1400" / "1420" are prose


def test_date_in_prose_needs_a_year():
    body = read_fixture("text/uk-2024-11-23-bulleted.txt")
    assert parse_document(body)[0].date is None  # "22 листопада" and no year anywhere
    assert parse_document(body, date=D(2025, 1, 3))[0].date == D(2024, 11, 23)  # nearest


def test_no_date_in_the_text_takes_the_fallback():
    body = read_fixture("text/uk-no-date.txt")
    assert parse_document(body)[0].date is None
    assert parse_document(body, date=D(2024, 6, 4))[0].date == D(2024, 6, 4)


def test_date_in_the_text_beats_the_fallback():
    body = read_fixture("text/uk-2024-06-04-per-day.txt")
    assert parse_document(body, date=D(2020, 1, 1))[0].date == D(2024, 6, 4)


def test_automotive_equipment_alone_without_a_date_is_an_error():
    (bulletin,) = parse_document(read_fixture("text/uk-2022-05-07-number-first.txt"))
    assert "vehicles_fuel_tanks" not in bulletin.figures
    assert "military_auto" not in bulletin.figures
    assert "ambiguous label 'одиниці автомобільної техніки'" in bulletin.errors[0]


def test_unknown_label_in_the_list_is_an_error_but_the_headline_is_not():
    (bulletin,) = parse_document(read_fixture("text/uk-unknown-label.txt"))
    assert bulletin.errors == ("unknown label 'лазерні комплекси' in 'лазерні комплекси — 3 (+1)'",)
    assert set(bulletin.figures) == {
        "personnel",
        "tanks",
        "armoured_combat_vehicles",
        "artillery_systems",
    }


def test_unreadable_numbers_are_errors_never_numbers():
    (bulletin,) = parse_document(read_fixture("text/uk-bad-number.txt"))
    assert set(bulletin.figures) == {"personnel", "armoured_combat_vehicles"}
    assert "'танки'" in bulletin.errors[0] and "'12O'" in bulletin.errors[0]
    assert "'артсистеми'" in bulletin.errors[1] and "1 2 3 4 5 6 7" in bulletin.errors[1]


def test_prose_without_a_list_is_read_by_the_prose_reader():
    """The personnel total and increase of the prose are loaded; "Також знищено 20
    танків і 36 бронемашин" does not say whether those are totals or increases: errors,
    never guessed (parsers/prose.py)."""
    (bulletin,) = parse_document(read_fixture("text/uk-prose-only.txt"))
    assert dict(bulletin.figures) == {"personnel": Figure(729720, 1420, "about")}
    assert len(bulletin.errors) == 2
    assert all("does not say whether" in error for error in bulletin.errors)


def test_text_without_figures():
    with pytest.raises(ParseError, match="no bulletin figures"):
        parse_document(read_fixture("text/uk-no-figures.txt"))


# ---------------------------------------------------------------- inline variants
JUNE_4 = D(2024, 6, 4)


def _one(text: str, date: dt.date | None = JUNE_4):
    (bulletin,) = parse_document(text, format="text", date=date)
    return bulletin


@pytest.mark.parametrize(
    "line",
    [
        "танки — 7794 (+15)",
        "танки – 7794 (+15)",
        "танки ‒ 7794 (+15)",
        "танки - 7794 (+15)",
        "танки − 7794 (+15)",
        "танки: 7794 (+15)",
        "танки—7794 (+15)",
        "танки -7794(+15)",
        "танки  —  7794  (+15)",
        "танки\u00a0— 7794 (+15);",
        "танки — 7794 (+15).",
        "танки — 7794 (+15) од.",
        "танки — 7 794 (+15)",
        "танки — 7,794 (+15)",
        "танки — 7.794 (+15)",
        "танки — 7 тис. 794 (+15)",
        "танки — 7\u202f794 (+15 за минулу добу)",
        "танки — 7794 (+15 за добу);",
        "Танки: 7 794 (+15 одиниць за минулу добу)",
        "- танки — 7794 (+15);",
        "• танки — 7794 (+15)",
        "✅ танки — 7794 (+15)",
        "7794 танки (+15)",
        "7 794 (+15) танків",
        "11. танки — 7794 (+15)",
        "танків — 7794 (+15) од,",
        "тaнки — 7794 (+15)",
        "Tanks: 7,794 (+15 per day)",
        "tanks – 7,794 (+15)",
        "7,794 (+15) tanks",
        "танков — 7794 (+15 за минувшие сутки)",
        "танки — 7794 (+15 за сутки)",
    ],
)
def test_tanks_line_variants(line):
    bulletin = _one(line)
    assert bulletin.errors == ()
    assert dict(bulletin.figures) == {"tanks": Figure(7794, 15)}


@pytest.mark.parametrize(
    ("line", "delta"),
    [
        ("РСЗВ — 1092", None),
        ("РСЗВ — 1092 (0)", 0),
        ("РСЗВ — 1092 (+0)", 0),
        ("РСЗВ — 1092 (+0 за минулу добу)", 0),
        ("РСЗО — 1092 (+2 за минувшие сутки)", 2),
        ("MLRS — 1,092 (+2 per day)", 2),
        ("РСЗВ — 1092 (+7 одиниці за минулу добу)", 7),
        ("РСЗВ — 1092 (-3)", -3),
    ],
)
def test_increase_variants(line, delta):
    assert dict(_one(line).figures) == {"mlrs": Figure(1092, delta)}


@pytest.mark.parametrize(
    ("line", "figure"),
    [
        ("особовий склад — близько 512 420 (+1 290)", Figure(512420, 1290, "about")),
        (
            "особового складу — близько 512420 (+1290) осіб ліквідовано",
            Figure(512420, 1290, "about"),
        ),
        ("особовий склад — 512 420 (+1 290) осіб", Figure(512420, 1290, "about")),
        ("особового складу — понад 12000 осіб", Figure(12000, None, "more")),
        ("личного состава — около 459 530 (+950)", Figure(459530, 950, "about")),
        ("личного состава — более 12 000 человек", Figure(12000, None, "more")),
        ("personnel — about 497,700 (+1,330) persons", Figure(497700, 1330, "about")),
        ("personnel — more than 11,000", Figure(11000, None, "more")),
        ("497,700 (+1,330) military personnel", Figure(497700, 1330, "about")),
        ("about 497,700 (+1,330) military personnel", Figure(497700, 1330, "about")),
        ("особовий склад — близько 646 тис. 400 (+1 тис. 250)", Figure(646400, 1250, "about")),
        ("troops: over 12,000", Figure(12000, None, "more")),
    ],
)
def test_personnel_and_qualifiers(line, figure):
    assert dict(_one(line).figures) == {"personnel": figure}


def test_two_categories_on_one_line_and_inline_lists():
    text = (
        "танки — 7794 (+15), ББМ — 15 020 (+18); артсистеми: 13 345 (+65). РСЗВ — 1092\n"
        "11 494 танки (+6 за добу), 23 051 ББМ (+12)"
    )
    # Both lines together state tanks twice, differently: an error, not a guess.
    assert "two different figures for tanks" in _one(text).errors[0]
    first = _one(text.split("\n")[0])
    assert dict(first.figures) == {
        "tanks": Figure(7794, 15),
        "armoured_combat_vehicles": Figure(15020, 18),
        "artillery_systems": Figure(13345, 65),
        "mlrs": Figure(1092, None),
    }
    second = _one(text.split("\n")[1])
    assert dict(second.figures) == {
        "tanks": Figure(11494, 6),
        "armoured_combat_vehicles": Figure(23051, 12),
    }


def test_contradictory_figures_are_an_error():
    bulletin = _one("танки — 7794 (+15)\nтанки — 7795 (+16)")
    assert bulletin.errors and "two different figures for tanks" in bulletin.errors[0]


@pytest.mark.parametrize(
    ("label", "name"),
    [
        ("гелікоптери", "helicopters"),
        ("вертольоти", "helicopters"),
        ("вертолеты", "helicopters"),
        ("кораблі /катери", "warships_boats"),
        ("кораблі та катери", "warships_boats"),
        ("корабли/катера", "warships_boats"),
        ("автомобільна техніка та автоцистерни", "vehicles_fuel_tanks"),
        ("автомобільну техніку й автоцистерни", "vehicles_fuel_tanks"),
        ("vehicles and tankers", "vehicles_fuel_tanks"),
        ("armored fighting vehicles", "armoured_combat_vehicles"),
        ("multiple launch rocket systems", "mlrs"),
        ("БпЛА оперативно-тактичного рівня", "uav"),
        ("средства ПВО", "air_defense_systems"),
        ("РСЗО", "mlrs"),
    ],
)
def test_press_names(label, name):
    assert set(_one(f"{label} — 28 (+1)").figures) == {name}


@pytest.mark.parametrize(
    ("date", "name"),
    [(D(2022, 4, 30), "military_auto"), (D(2022, 5, 1), "vehicles_fuel_tanks")],
)
def test_spring_2022_automotive_equipment(date, name):
    assert set(_one("automotive equipment — 1,796 (+19)", date=date).figures) == {name}


def test_fuel_and_lubricants_is_a_fuel_category():
    bulletin = _one("tanks — 773 (+11)\ntanks with fuel and lubricants — 76", date=D(2022, 4, 17))
    assert dict(bulletin.figures) == {"tanks": Figure(773, 11), "fuel_tanks": Figure(76, None)}


@pytest.mark.parametrize(
    ("text", "date"),
    [
        (
            "Загальні бойові втрати противника з 24.02.22 по 23.11.24 орієнтовно склали:",
            D(2024, 11, 23),
        ),
        ("The total combat losses of the enemy from 24.02.2022 to 23.11.2024", D(2024, 11, 23)),
        ("Втрати ворога станом на 23 листопада 2024 року:", D(2024, 11, 23)),
        ("Втрати ворога станом на 23.11.2024:", D(2024, 11, 23)),
        ("За минулу добу, 22 листопада, ворог втратив:", D(2024, 11, 23)),
        ("Упродовж минулої доби, 22 листопада, ворог втратив:", D(2024, 11, 23)),
        ("За прошедшие сутки, 22 ноября, враг потерял:", D(2024, 11, 23)),
        ("Потери врага по состоянию на 23 ноября:", D(2024, 11, 23)),
        ("Russia's losses as of Nov. 23:", D(2024, 11, 23)),
        ("Over the past day, November 22, Russia lost:", D(2024, 11, 23)),
        ("the General Staff reported on November 23, 2024.", D(2024, 11, 23)),
        ("За минулу добу, 31 грудня, ворог втратив:", D(2025, 1, 1)),
    ],
)
def test_prose_dates(text, date):
    hint = D(2024, 11, 30) if date.year == 2024 else D(2025, 1, 2)
    assert _one(f"{text}\nтанки — 7794 (+15)", date=hint).date == date


def test_text_pasted_as_html():
    html = "<p>Втрати ворога:</p><ul><li>танки&nbsp;— 7794 (+15)</li><li>ББМ — 15020</li></ul>"
    bulletin = _one(html)
    assert dict(bulletin.figures) == {
        "tanks": Figure(7794, 15),
        "armoured_combat_vehicles": Figure(15020, None),
    }


@pytest.mark.parametrize(
    "line",
    ["танки — 0—1 (+1)", "танки — 7794 — (+15)", "танки — 7794 (+15) 3", "танки — 77 94 (+1)"],
)
def test_stray_numbers_after_a_figure_make_it_an_error(line):
    bulletin = _one(line)
    assert "tanks" not in bulletin.figures
    assert bulletin.errors


def test_a_figure_without_a_label_is_an_error():
    bulletin = _one("танки — 7794 (+15)\n1 290 (+15)\nББМ — 15020 (+18)")
    assert bulletin.errors == ("a figure without a label: '1 290 (+15)'",)


# ---------------------------------------------------------------- review fixes
@pytest.mark.parametrize(
    "value",
    [
        "близько 646 тис. осіб",
        "646 тис.",
        "близько 646 тисяч",
        "1 млн",
        "понад 1 мільйон",
        "2 мільйони",
        "около 646 тыс. человек",
        "около 646 тысяч",
        "2 миллиона",
        "about 646 thousand",
        "over 1 million",
    ],
)
def test_a_scale_word_after_the_number_is_an_error_not_a_number(value):
    bulletin = _one(f"особового складу — {value}\nтанків — 7794 (+15)")
    assert dict(bulletin.figures) == {"tanks": Figure(7794, 15)}
    assert len(bulletin.errors) == 1
    assert "'особового складу'" in bulletin.errors[0] and "a scale word" in bulletin.errors[0]


def test_a_scale_word_in_number_first_order_is_an_error():
    bulletin = _one("646 thousand personnel (+1,290)\ntanks — 7,794 (+15)")
    assert dict(bulletin.figures) == {"tanks": Figure(7794, 15)}
    assert len(bulletin.errors) == 1
    assert "'personnel'" in bulletin.errors[0] and "a scale word" in bulletin.errors[0]


def test_a_headline_figure_that_contradicts_the_list_keeps_neither():
    bulletin = _one(
        "Понад 7 800 танків\n"
        "особового складу — близько 512 420 (+1 290)\n"
        "танків — 7794 (+15)\n"
        "ББМ — 15 020 (+18)"
    )
    assert "tanks" not in bulletin.figures
    assert set(bulletin.figures) == {"personnel", "armoured_combat_vehicles"}
    assert len(bulletin.errors) == 1 and "two different figures for tanks" in bulletin.errors[0]


def test_the_same_figure_twice_is_kept():
    bulletin = _one("танки — 7794 (+15)\n7794 танки (+15)")
    assert (dict(bulletin.figures), bulletin.errors) == ({"tanks": Figure(7794, 15)}, ())


@pytest.mark.parametrize(
    ("qualifier", "meaning"),
    [
        ("біля", "about"),
        ("приблизно", "about"),
        ("орієнтовно", "about"),
        ("майже", "about"),
        ("близько", "about"),
        ("около", "about"),
        ("примерно", "about"),
        ("почти", "about"),
        ("about", "about"),
        ("around", "about"),
        ("approximately", "about"),
        ("roughly", "about"),
        ("almost", "about"),
        ("nearly", "about"),
        ("понад", "more"),
        ("більше", "more"),
        ("більш ніж", "more"),
        ("щонайменше", "more"),
        ("не менше", "more"),
        ("более", "more"),
        ("больше", "more"),
        ("свыше", "more"),
        ("не менее", "more"),
        ("более чем", "more"),
        ("over", "more"),
        ("more than", "more"),
        ("at least", "more"),
    ],
)
def test_qualifier_words(qualifier, meaning):
    bulletin = _one(f"танки — {qualifier} 7794 (+15)")
    assert (dict(bulletin.figures), bulletin.errors) == ({"tanks": Figure(7794, 15, meaning)}, ())


def test_unknown_words_before_the_number_of_a_known_label_are_an_error():
    bulletin = _one("особового складу — щось таке 512 420 (+1 290)\nтанків — 7794 (+15)")
    assert dict(bulletin.figures) == {"tanks": Figure(7794, 15)}
    assert bulletin.errors == (
        "cannot read the figure for 'особового складу': unknown words before the number: "
        "'щось таке'",
    )


def test_entities_in_text_without_tags():
    bulletin = _one("танки&nbsp;— 7794 (+15)\nББМ &#8212; 15&nbsp;020 (+18)")
    assert bulletin.errors == ()
    assert dict(bulletin.figures) == {
        "tanks": Figure(7794, 15),
        "armoured_combat_vehicles": Figure(15020, 18),
    }


@pytest.mark.parametrize(
    "bullets",
    [("1. ", "2. ", "3. "), ("1) ", "2) ", "3) "), ("1️⃣ ", "2️⃣ ", "3️⃣ "), ("9. ", "10. ", "11. ")],
)
def test_numbered_lists(bullets):
    first, second, third = bullets
    bulletin = _one(
        f"{first}особовий склад — близько 512420 (+1290)\n"
        f"{second}7794 танки (+15)\n"
        f"{third}ББМ — 15020 (+18)"
    )
    assert bulletin.errors == ()
    assert dict(bulletin.figures) == {
        "personnel": Figure(512420, 1290, "about"),
        "tanks": Figure(7794, 15),
        "armoured_combat_vehicles": Figure(15020, 18),
    }


@pytest.mark.parametrize(
    "after",
    ["Читайте також: втрати ворога з 24.02.22 по 03.06.24", "Нагадаємо, станом на 1 січня 2024"],
)
def test_the_date_before_the_list_beats_a_date_after_it(after):
    text = f"Втрати ворога станом на 4 червня 2024 року:\nтанків — 7794 (+15)\n{after}"
    assert _one(text, date=None).date == JUNE_4


def test_a_date_after_the_list_is_taken_only_when_there_is_none_before():
    text = "танків — 7794 (+15)\nНагадаємо, станом на 1 січня 2024 року"
    assert _one(text, date=None).date == D(2024, 1, 1)


@pytest.mark.parametrize(
    "title",
    [
        "Втрати ворога з 24 лютого 2022 року по 4 червня 2024 року:",
        "Втрати ворога від 24.02.22 до 04.06.24:",
        "Потери врага с 24 февраля 2022 года по 4 июня 2024 года:",
        "Enemy losses from Feb 24, 2022 to June 4, 2024:",
        "Enemy losses from February 24, 2022 to June 4, 2024:",
    ],
)
def test_title_ranges_in_words(title):
    assert _one(f"{title}\nтанків — 7794 (+15)", date=None).date == JUNE_4


def test_a_bare_date_line_is_not_the_report_date():
    assert _one("04.06.2024\nтанків — 7794 (+15)", date=None).date is None


@pytest.mark.parametrize(
    ("label", "figure"),
    [
        ("окупантів — близько 512 420", Figure(512420, None, "about")),
        ("оккупантов — около 512 420", Figure(512420, None, "about")),
        ("occupiers — about 512,420", Figure(512420, None, "about")),
    ],
)
def test_occupiers_are_personnel_at_the_top_of_the_list(label, figure):
    bulletin = _one(f"{label}\nтанків — 7794 (+15)\nББМ — 15 020 (+18)")
    assert bulletin.errors == ()
    assert bulletin.figures["personnel"] == figure


def test_an_unknown_label_shaped_like_the_list_items_is_an_error_not_a_headline():
    bulletin = _one("ворогів — близько 512 420\nтанків — 7794 (+15)\nББМ — 15 020 (+18)")
    assert bulletin.errors == ("unknown label 'ворогів' in 'ворогів — близько 512 420'",)
    assert set(bulletin.figures) == {"tanks", "armoured_combat_vehicles"}


def test_the_bilingual_bulletin(reference):
    """Every line in both languages ("особового складу / personnel ‒ близько/ about
    419020(+1070) осіб / persons,"), the title too; no date hint needed."""
    (bulletin,) = parse_document(read_fixture("text/bilingual-2024-03-05.txt"))
    assert bulletin.errors == ()
    assert (bulletin.date, bulletin.losses_date) == (D(2024, 3, 5), D(2024, 3, 4))
    assert dict(bulletin.figures) == reference[D(2024, 3, 5)]
    assert bulletin.figures["personnel"] == Figure(419020, 1070, "about")


def test_a_bilingual_label_whose_halves_disagree_is_an_error_never_a_guess():
    text = read_fixture("text/bilingual-2024-03-05.txt").decode()
    (bulletin,) = parse_document(text.replace("танків / tanks", "танків / helicopters"))
    assert "tanks" not in bulletin.figures
    assert bulletin.figures["helicopters"] == Figure(325, 0)  # its own line still counts
    assert bulletin.errors == (
        "the two languages of label 'танків / helicopters' name different categories "
        "(tanks and helicopters) in 'танків / helicopters — 6657 (+9) од'",
    )
