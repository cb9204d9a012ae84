"""The wording of the real sites (mirror/SITES.md, ../shared/real): labels of every era and
edition, bilingual labels, the qualifiers of February 2022, group headings, and the dates
titles, leads and timestamps state."""

from __future__ import annotations

import datetime as dt

import pytest

from parsers.dates import published_at, stated_report_date, title_date
from parsers.figures import read_candidates
from parsers.model import Figure
from parsers.numbers import NumberError, normalize_text, scan_value
from parsers.vocabulary import (
    NOT_A_FIGURE,
    VEHICLES_ALONE,
    bilingual_conflict,
    classify_label,
    is_group_heading,
)

D = dt.date


@pytest.mark.parametrize(
    ("label", "category"),
    [
        # mil.gov.ua / kmu.gov.ua English [real]
        ("boats / cutters", "warships_boats"),
        ("APV", "armoured_combat_vehicles"),
        ("Anti-aircraft warfare systems", "air_defense_systems"),
        ("UAV operational-tactical level", "uav"),
        ("mobile SRBM system", "mobile_srbm_systems"),
        ("vehicles", VEHICLES_ALONE),  # military_auto before 2022-05-01
        ("fuel tanks", "fuel_tanks"),
        # mil.gov.ua Ukrainian [real]
        ("засоби ППО", "air_defense_systems"),
        ("кораблі /катери", "warships_boats"),
        ("крилаті ракети", "cruise_missiles"),
        # mod.gov.ua 2024-2026
        ("засобів ППО", "air_defense_systems"),
        ("кораблів / катерів", "warships_boats"),
        ("військовослужбовці", "personnel"),
        ("кораблі/катери", "warships_boats"),
        ("автомобільна техніка та автоцистерни", "vehicles_fuel_tanks"),
        ("наземні робототехнічні комплекси", "ground_robotic_systems"),
        # mod.gov.ua English
        ("air defence systems", "air_defense_systems"),
        ("operational-tactical UAVs", "uav"),
        ("armoured combat vehicles", "armoured_combat_vehicles"),
        ("ground robotic systems", "ground_robotic_systems"),
        # the aggregator, uk [real] and en
        ("Гармати", "artillery_systems"),
        ("Кораблі (катери)", "warships_boats"),
        ("Автомобілі та автоцистерни", "vehicles_fuel_tanks"),
        ("РСЗВ Град", "mlrs"),
        ("ЗРК БУК", "air_defense_systems"),
        ("Автомобілі", VEHICLES_ALONE),
        ("Military personnel", "personnel"),
        ("Armored fighting vehicle", "armoured_combat_vehicles"),
        ("Anti-aircraft warfare", "air_defense_systems"),
        ("Planes", "aircraft"),
        ("Ships (boats)", "warships_boats"),
        ("Cars and cisterns", "vehicles_fuel_tanks"),
        ("Ground robotic systems", "ground_robotic_systems"),
        # bilingual press text [real: 022]
        ("особового складу / personnel", "personnel"),
        ("кораблі /катери / warships / boats", "warships_boats"),
        ("автомобільної техніки та автоцистерн/ vehicles and fuel tanks", "vehicles_fuel_tanks"),
        ("засоби ППО / Anti-aircraft warfare systems", "air_defense_systems"),
        ("БПЛА оперативно-тактичного рівня / UAV operational-tactical level", "uav"),
        ("РСЗВ / MLRS", "mlrs"),
        ("Пускові установки ОТРК/ТРК", "mobile_srbm_systems"),  # a slash in one language
        # not a category at all
        ("полоненими", NOT_A_FIGURE),
        ("prisoners of war", NOT_A_FIGURE),
    ],
)
def test_labels_of_the_real_sites(label, category):
    assert classify_label(label) == category


@pytest.mark.parametrize(
    ("label", "conflict"),
    [
        ("танків / aircraft", ("tanks", "aircraft")),
        ("гелікоптерів / helicopters", None),
        ("особового складу / tankz", None),  # unknown, not contradictory
    ],
)
def test_bilingual_halves_that_name_different_categories(label, conflict):
    assert bilingual_conflict(label) == conflict
    if conflict or "tankz" in label:
        assert classify_label(label) is None


def test_a_contradictory_bilingual_label_is_an_error_naming_both():
    from parsers import parse_document

    (bulletin,) = parse_document(
        "танків / aircraft ‒ 6498 (+11) од,\nгелікоптерів / helicopters – 325 (+0) од,\n"
        "літаків / aircraft – 336 (+1) од",
        format="text",
        date=D(2024, 2, 19),
    )
    assert "tanks" not in bulletin.figures and "aircraft" in bulletin.figures
    assert "name different categories (tanks and aircraft)" in bulletin.errors[0]


@pytest.mark.parametrize(
    ("text", "total", "delta", "qualifier"),
    [
        ("до 540", 540, None, "up_to"),
        ("up to 540", 540, None, "up_to"),
        ("більше 100", 100, None, "more"),
        ("более 30", 30, None, "more"),
        ("близько 150", 150, None, "about"),
        ("aprx. 199460 people (+580)", 199460, 580, "about"),
        ("близько/ about 403720(+1290) осіб / persons,", 403720, 1290, "about"),
        ("about 43900 (+150)  persons were liquidated,", 43900, 150, "about"),
        ("approximately 1 311 180 (+1 070) persons.", 1311180, 1070, "about"),
        ("близько 1 245 080 (+1 050)", 1245080, 1050, "about"),
    ],
)
def test_qualifiers_and_values_of_the_real_sites(text, total, delta, qualifier):
    value = scan_value(normalize_text(text))
    assert (value.total, value.delta, value.qualifier) == (total, delta, qualifier)


def test_two_qualifiers_that_disagree_are_refused():
    with pytest.raises(NumberError):
        scan_value(normalize_text("понад/ about 403720"))


def test_group_headings():
    assert all(
        is_group_heading(h)
        for h in ("Особовий склад", "Бронетехніка і автомобілі", "Артилерія і ППО", "Флот")
    )
    assert all(is_group_heading(h) for h in ("Armour and vehicles", "Air targets", "Navy"))
    assert not is_group_heading("танки")


def test_headings_group_items_or_label_a_value_alone():
    lines = [
        "Personnel:",
        "approximately 1 311 180 (+1 070) persons.",
        "Armour and vehicles:",
        "tanks: 11 886 (+2);",
        "Флот:",
        "кораблі/катери – 33 (+0)",
    ]
    found = read_candidates(lines, strict=True)
    assert [(c.category, c.figure) for c in found] == [
        ("personnel", Figure(1311180, 1070, "about")),
        ("tanks", Figure(11886, 2)),
        ("warships_boats", Figure(33, 0)),
    ]


def test_a_known_label_heading_over_a_labelled_item_is_an_error_not_dropped():
    found = read_candidates(["танки:", "бойові броньовані машини – 24 422 (+2)"], strict=True)
    assert found[0].label == "танки" and found[0].figure is None
    assert found[1].figure == Figure(24422, 2)


def test_lead_sentences_are_not_figures_without_number_first():
    lead = "Втрати ворога за 4 лютого 2026 року: знищено 1 050 окупантів, 8 танків"
    assert read_candidates([lead], strict=True, number_first=False) == []


@pytest.mark.parametrize(
    ("text", "hint", "date"),
    [
        (
            "The total combat losses of the enemy from 24.02 to 12.04",
            D(2022, 4, 12),
            D(2022, 4, 12),
        ),
        (
            "Загальні бойові втрати противника з 24.02 по 08.07 орієнтовно склали:",
            D(2022, 7, 8),
            D(2022, 7, 8),
        ),
        ("from 24.02 to 31.12", D(2023, 1, 1), D(2022, 12, 31)),  # the nearest year
        ("from 24.02 to 12.04", None, None),  # no year, no hint: no date
        ("Total combat losses of the enemy from 24.02.22 to 01.05.23", None, D(2023, 5, 1)),
        ("from 24.02.2022 to 17.01.2024", None, D(2024, 1, 17)),
        ("Бойові втрати ворога на 5 лютого 2026 року", None, D(2026, 2, 5)),
        (
            "Загальні бойові втрати ворога на 17 січня 2026 року: 1 130 окупантів",
            None,
            D(2026, 1, 17),
        ),
        ("Втрати ворога за 4 лютого 2026 року: знищено 1 050 окупантів", None, D(2026, 2, 5)),
        ("The estimated combat losses of the enemy as of January 18, 2026", None, D(2026, 1, 18)),
        ("Total russian combat losses in Ukraine as of April 12, 2026", None, D(2026, 4, 12)),
        ("Total russian military losses on April 11, 2026: 1,070 personnel", None, D(2026, 4, 12)),
        ("Загальні бойові втрати росіян за добу: 1 950 окупантів, 61 БпЛА", None, None),
        ("Втрати ворога на Бахмутському напрямку: за добу знищено 120 окупантів", None, None),
        ("Втрати російських окупантів становлять понад 1637 танків", None, None),
    ],
)
def test_report_dates_titles_and_leads_state(text, hint, date):
    assert stated_report_date(text, hint) == date


def test_title_date_is_the_range_only():
    assert title_date("Бойові втрати ворога на 5 лютого 2026 року") is None
    assert title_date("з 24.02 по 08.07", D(2022, 7, 9)) == D(2022, 7, 8)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2022-04-12 06:00:00 | ID: 67225", (D(2022, 4, 12), dt.time(6, 0))),
        ("08 липня 2022, 09:25 | ID: 67881", (D(2022, 7, 8), dt.time(9, 25))),
        ("05 june 2022, 06:00", (D(2022, 6, 5), dt.time(6, 0))),
        (
            "Ministry of Defence of Ukraine,\n posted\n 01 May 2023\n\n 08:06",
            (D(2023, 5, 1), dt.time(8, 6)),
        ),
        ("05.02.2026 07:12", (D(2026, 2, 5), dt.time(7, 12))),
        ("18 January, 2026, 7:00 AM EEST", (D(2026, 1, 18), dt.time(7, 0))),
        ("18 January, 2026, 12:30 PM EEST", (D(2026, 1, 18), dt.time(12, 30))),
        ("12 April, 2026, 12:10 AM EEST", (D(2026, 4, 12), dt.time(0, 10))),
        ("2026-02-05T07:12:00+02:00", (D(2026, 2, 5), dt.time(7, 12))),
        ("2026-02-04", (D(2026, 2, 4), None)),
        ("Yesterday at 22:55", None),
        ("3 hours ago", None),
        ("2 години тому", None),
        ("31.02.2026 07:00", None),
    ],
)
def test_page_timestamps(text, expected):
    assert published_at(text) == expected
