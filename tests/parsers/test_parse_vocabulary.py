"""vocabulary.match_label: every category in uk/en/ru, in the forms bulletins and the
press use, abbreviations, look-alike letters, the merged vehicles category and traps."""

from __future__ import annotations

import datetime as dt

import pytest

from parsers import vocabulary
from parsers.vocabulary import (
    BY_API_KEY,
    BY_NAME,
    BY_REFERENCE_KEY,
    CATEGORY_NAMES,
    MERGES,
    VEHICLES_ALONE,
    classify_label,
    match_label,
    normalize_label,
    resolve_vehicles,
    war_day,
)

LABELS = {
    "personnel": [
        "особового складу",
        "Особовий склад",
        "жива сила",
        "живої сили",
        "личного состава",
        "личный состав",
        "personnel",
        "military personnel",
        "Personnel",
        "troops",
    ],
    "tanks": ["танків", "Танки", "танки", "танков", "tanks", "Tanks", "знищено танків"],
    "armoured_combat_vehicles": [
        "бойових броньованих машин",
        "бойові броньовані машини",
        "бойова броньована машина",
        "ББМ",
        "ББМ (різних типів)",
        "боевые бронированные машины",
        "боевых бронированных машин",
        "armoured combat vehicles",
        "armored fighting vehicles",
        "AFV",
        "APV",
    ],
    "artillery_systems": [
        "артилерійських систем",
        "артилерійські системи",
        "артсистеми",
        "Гармати",
        "артиллерийские системы",
        "артсистемы",
        "artillery systems",
        "Artillery systems",
    ],
    "mlrs": [
        "РСЗВ",
        "реактивних систем залпового вогню",
        "РСЗО",
        "MLRS",
        "multiple launch rocket systems",
        "multiple rocket launchers",
    ],
    "air_defense_systems": [
        "засобів ППО",
        "Засоби ППО",
        "засоби протиповітряної оборони",
        "средства ПВО",
        "ПВО",
        "Anti-aircraft warfare systems",
        "Anti-aircraft warfare",
        "air defense systems",
        "air defence equipment",
        "units of air defence equipment",
    ],
    "aircraft": ["літаків", "Літаки", "самолеты", "самолётов", "aircraft", "airplanes", "planes"],
    "helicopters": [
        "гелікоптерів",
        "Гелікоптери",
        "вертольоти",
        "вертолеты",
        "вертолётов",
        "helicopters",
    ],
    "uav": [
        "БПЛА оперативно-тактичного рівня",
        "БпЛА оперативно-тактичного рівня",
        "БПЛА",
        "безпілотники",
        "БпЛА оперативно-тактического уровня",
        "беспилотники",
        "UAV operational-tactical level",
        "UAV",
        "UAVs",
        "operational-tactical UAVs",
        "drones",
    ],
    "cruise_missiles": ["крилатих ракет", "Крилаті ракети", "крылатые ракеты", "cruise missiles"],
    "warships_boats": [
        "кораблів / катерів",
        "кораблі /катери",
        "Кораблі (катери)",
        "кораблі та катери",
        "корабли/катера",
        "warships / boats",
        "ships and boats",
        "ships/boats",
    ],
    "submarines": ["підводних човнів", "Підводні човни", "подводные лодки", "submarines"],
    "vehicles_fuel_tanks": [
        "автомобільної техніки та автоцистерн",
        "автомобільна техніка та автоцистерни",
        "автомобільну техніку та автоцистерни",
        "автомобільна техніка й автоцистерни",
        "Автомобілі та автоцистерни",
        "автомобильную технику и автоцистерны",
        "автомобильной техники и автоцистерн",
        "vehicles and fuel tanks",
        "Vehicles and fuel tanks",
        "vehicles and tankers",
        "vehicles and fuel trucks",
    ],
    "special_equipment": [
        "спеціальної техніки",
        "спеціальна техніка",
        "спеціальну техніку",
        "спецтехніка",
        "специальную технику",
        "special equipment",
        "units of special equipment",
    ],
    "fuel_tanks": [
        "цистерн з ПММ",
        "Цистерни з ПММ",
        "автоцистерни",
        "цистерны с ГСМ",
        "fuel tanks",
        "Fuel tanks",
        "fuel trucks",
        "tanks with fuel and lubricants",
    ],
    "mobile_srbm_systems": [
        "пускових установок ОТРК/ТРК",
        "Пускові установки ОТРК/ТРК",
        "пусковые установки ОТРК/ТРК",
        "mobile SRBM systems",
        "Mobile SRBM systems",
    ],
    "ground_robotic_systems": [
        "наземних робототехнічних комплексів",
        "Наземні робототехнічні комплекси",
        "наземные робототехнические комплексы",
        "ground robotic systems",
    ],
}
VEHICLES_ALONE_LABELS = [
    "автомобільної техніки",
    "автомобільна техніка",
    "автомобільну техніку",
    "одиниць автомобільної техніки",
    "Автомобілі",
    "автомобильной техники",
    "military vehicles",
    "Military vehicles",
    "automotive equipment",
]


def test_the_label_table_covers_every_category():
    assert set(LABELS) | {"military_auto"} == set(CATEGORY_NAMES)


@pytest.mark.parametrize(
    ("label", "expected"), [(label, name) for name, labels in LABELS.items() for label in labels]
)
def test_match_label(label, expected):
    assert match_label(label) == expected
    assert match_label(label, dt.date(2022, 3, 1)) == expected


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("тaнки", "tanks"),  # Latin a
        ("TAHKИ", "tanks"),  # Latin T, A, H, K
        ("ППO", "air_defense_systems"),  # Latin O
        ("засоби ППO", "air_defense_systems"),
        ("ББM", "armoured_combat_vehicles"),  # Latin M
        ("PСЗВ", "mlrs"),  # Latin P
        ("БпЛA оперативно-тактичного рівня", "uav"),
        ("aвтомобільна техніка тa автоцистерни", "vehicles_fuel_tanks"),
        ("cпеціальна техніка", "special_equipment"),
        ("пускових установок OTPK/TPK", "mobile_srbm_systems"),  # all-Latin word in Cyrillic
        ("tаnks", "tanks"),  # Cyrillic а in an English word
        ("сruise missiles", "cruise_missiles"),  # Cyrillic с
    ],
)
def test_lookalike_letters(label, expected):
    assert match_label(label) == expected


@pytest.mark.parametrize("label", VEHICLES_ALONE_LABELS)
def test_vehicles_alone_depends_on_the_report_date(label):
    assert classify_label(label) == VEHICLES_ALONE
    assert match_label(label, dt.date(2022, 4, 30)) == "military_auto"
    assert match_label(label, dt.date(2022, 5, 1)) == "vehicles_fuel_tanks"
    assert match_label(label, dt.date(2024, 6, 4)) == "vehicles_fuel_tanks"
    assert match_label(label) is None  # undecidable without a date: never guessed


def test_vehicles_alone_next_to_fuel_tanks_is_military_auto():
    assert resolve_vehicles(dt.date(2024, 6, 4), fuel_tanks_separate=True) == "military_auto"
    assert resolve_vehicles(None, fuel_tanks_separate=True) == "military_auto"
    assert resolve_vehicles(None) is None


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("tanks with fuel and lubricants", "fuel_tanks"),
        ("цистерни з ПММ", "fuel_tanks"),
        ("fuel tanks", "fuel_tanks"),
        ("автомобільна техніка та автоцистерни", "vehicles_fuel_tanks"),
        ("vehicles and fuel tanks", "vehicles_fuel_tanks"),
        ("anti-aircraft warfare", "air_defense_systems"),
        ("aircraft", "aircraft"),
    ],
)
def test_traps(label, expected):
    assert match_label(label, dt.date(2022, 3, 1)) == expected


@pytest.mark.parametrize(
    "label",
    [
        "ракетні комплекси",
        "лазерні комплекси",
        "Втрати ворога",
        "Загальні бойові втрати противника",
        "танкових",
        "cars and boats",
        "",
        "   ",
        "—",
        "12",
    ],
)
def test_unknown_labels_are_none(label):
    assert match_label(label, dt.date(2024, 6, 4)) is None


def test_normalize_label():
    assert normalize_label("  Знищено ББМ (різних типів):") == "ббм"
    assert normalize_label("кораблі /катери") == "кораблі катери"
    assert normalize_label("самолётов") == "самолетов"


def test_existing_names_keep_working():
    assert BY_NAME["tanks"].api_key == "tanks"
    assert BY_API_KEY["personnel_units"].name == "personnel"
    assert BY_REFERENCE_KEY["APC"].name == "armoured_combat_vehicles"
    assert MERGES[0].child == "vehicles_fuel_tanks"
    assert war_day(dt.date(2024, 6, 4)) == 832
    assert vocabulary.CATEGORIES[0].name == "personnel"
