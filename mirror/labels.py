"""What each mirrored site writes for the categories, era by era (SITES.md, "Categories and
labels by era", and §5 for the aggregator). Canonical names are parsers.vocabulary's; the
wording here is the sites' own, so it lives with the mirror."""

from __future__ import annotations

import datetime as dt

from mirror import eras

# www.mil.gov.ua, Ukrainian [real: 013]: mostly genitive, some nominative.
MIL_UK = {
    "personnel": "особового складу",
    "tanks": "танків",
    "armoured_combat_vehicles": "бойових броньованих машин",
    "artillery_systems": "артилерійських систем",
    "mlrs": "РСЗВ",
    "air_defense_systems": "засоби ППО",
    "aircraft": "літаків",
    "helicopters": "гелікоптерів",
    "uav": "БПЛА оперативно-тактичного рівня",
    "cruise_missiles": "крилаті ракети",
    "warships_boats": "кораблі /катери",
    "submarines": "підводні човни",
    "vehicles_fuel_tanks": "автомобільної техніки та автоцистерн",
    "special_equipment": "спеціальна техніка",
    "military_auto": "автомобільної техніки",
    "fuel_tanks": "цистерн з ПММ",
    "mobile_srbm_systems": "пускові установки ОТРК/ТРК",
}
# Items that end "од" on the Ukrainian page (and on some English ones).
MIL_UNIT_ITEMS = frozenset(
    {
        "tanks",
        "armoured_combat_vehicles",
        "artillery_systems",
        "mlrs",
        "air_defense_systems",
        "aircraft",
        "helicopters",
        "warships_boats",
        "submarines",
        "vehicles_fuel_tanks",
        "military_auto",
    }
)

# www.mil.gov.ua and www.kmu.gov.ua, English [real: 001-019].
MIL_EN = {
    "personnel": "personnel",
    "tanks": "tanks",
    "armoured_combat_vehicles": "APV",
    "artillery_systems": "artillery systems",
    "mlrs": "MLRS",
    "air_defense_systems": "Anti-aircraft warfare systems",
    "aircraft": "aircraft",
    "helicopters": "helicopters",
    "uav": "UAV operational-tactical level",
    "cruise_missiles": "cruise missiles",
    "warships_boats": "warships / boats",
    "submarines": "submarines",
    "vehicles_fuel_tanks": "vehicles and fuel tanks",
    "special_equipment": "special equipment",
    "military_auto": "vehicles",
    "fuel_tanks": "fuel tanks",
    "mobile_srbm_systems": "mobile SRBM system",
}
MIL_EN_EARLY_BOATS = "boats / cutters"


def mil_en(category: str, date: dt.date) -> str:
    if category == "warships_boats" and date <= eras.MIL_EN_BOATS_UNTIL:
        return MIL_EN_EARLY_BOATS
    return MIL_EN[category]


# mod.gov.ua, Ukrainian, 2024-10-07..2026-01-16 [guess]: the General Staff's genitive.
MOD_UK_DAILY = {
    "personnel": "особового складу",
    "tanks": "танків",
    "armoured_combat_vehicles": "бойових броньованих машин",
    "artillery_systems": "артилерійських систем",
    "mlrs": "РСЗВ",
    "air_defense_systems": "засобів ППО",
    "aircraft": "літаків",
    "helicopters": "гелікоптерів",
    "uav": "БПЛА оперативно-тактичного рівня",
    "cruise_missiles": "крилатих ракет",
    "warships_boats": "кораблів / катерів",
    "submarines": "підводних човнів",
    "vehicles_fuel_tanks": "автомобільної техніки та автоцистерн",
    "special_equipment": "спеціальної техніки",
}
# mod.gov.ua, Ukrainian, from 2026-01-17 [scrapers]: nominative.
MOD_UK_NA = {
    "personnel": "військовослужбовці",
    "tanks": "танки",
    "armoured_combat_vehicles": "бойові броньовані машини",
    "artillery_systems": "артилерійські системи",
    "mlrs": "РСЗВ",
    "air_defense_systems": "засоби ППО",
    "aircraft": "літаки",
    "helicopters": "гелікоптери",
    "uav": "БПЛА оперативно-тактичного рівня",
    "cruise_missiles": "крилаті ракети",
    "warships_boats": "кораблі/катери",
    "submarines": "підводні човни",
    "vehicles_fuel_tanks": "автомобільна техніка та автоцистерни",
    "special_equipment": "спеціальна техніка",
    "ground_robotic_systems": "наземні робототехнічні комплекси",
}
# mod.gov.ua, English [scrapers/guess].
MOD_EN = {
    "personnel": "personnel",
    "tanks": "tanks",
    "armoured_combat_vehicles": "armoured combat vehicles",
    "artillery_systems": "artillery systems",
    "mlrs": "MLRS",
    "air_defense_systems": "air defence systems",
    "aircraft": "aircraft",
    "helicopters": "helicopters",
    "uav": "operational-tactical UAVs",
    "cruise_missiles": "cruise missiles",
    "warships_boats": "warships / boats",
    "submarines": "submarines",
    "vehicles_fuel_tanks": "vehicles and fuel tanks",
    "special_equipment": "special equipment",
    "ground_robotic_systems": "ground robotic systems",
}

# Grouped posts [scrapers]: (uk heading, en heading, categories), in page order.
MOD_GROUPS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("Особовий склад", "Personnel", ("personnel",)),
    (
        "Бронетехніка і автомобілі",
        "Armour and vehicles",
        (
            "tanks",
            "armoured_combat_vehicles",
            "vehicles_fuel_tanks",
            "special_equipment",
            "ground_robotic_systems",
        ),
    ),
    (
        "Артилерія і ППО",
        "Artillery and air defence",
        ("artillery_systems", "mlrs", "air_defense_systems"),
    ),
    ("Повітряні цілі", "Air targets", ("aircraft", "helicopters", "uav", "cruise_missiles")),
    ("Флот", "Navy", ("warships_boats", "submarines")),
)

# index.minfin.com.ua [real: 020, 021; en scrapers]: (label, abbr/span title or None).
# Order is the aggregator's, personnel last.
MINFIN_ORDER = (
    "tanks",
    "armoured_combat_vehicles",
    "artillery_systems",
    "mlrs",
    "air_defense_systems",
    "aircraft",
    "helicopters",
    "uav",
    "cruise_missiles",
    "warships_boats",
    "submarines",
    "vehicles_fuel_tanks",
    "military_auto",
    "fuel_tanks",
    "special_equipment",
    "mobile_srbm_systems",
    "ground_robotic_systems",
    "personnel",
)
# February 2022 [real: 021]: another order and other names.
MINFIN_FEBRUARY_ORDER = (
    "tanks",
    "armoured_combat_vehicles",
    "aircraft",
    "helicopters",
    "artillery_systems",
    "military_auto",
    "fuel_tanks",
    "air_defense_systems",
    "mlrs",
    "uav",
    "warships_boats",
    "personnel",
)


def _abbr(title: str, text: str, *, twice: bool = False) -> str:
    # The real page writes class="idx-help" twice on the ББМ abbr.
    cls = 'class="idx-help" class="idx-help"' if twice else 'class="idx-help"'
    return f'<abbr {cls} title="{title}">{text}</abbr>'


def _help(title: str, text: str) -> str:
    return f'<span class="idx-help" title="{title}">{text}</span>'


MINFIN_UA = {
    "personnel": "Особовий склад",
    "tanks": "Танки",
    "armoured_combat_vehicles": _abbr("Бойові броньовані машини (різних типів)", "ББМ", twice=True),
    "artillery_systems": "Гармати",
    "mlrs": _abbr("Реактивні системи залпового вогню", "РСЗВ"),
    "air_defense_systems": "Засоби ППО",
    "aircraft": "Літаки",
    "helicopters": "Гелікоптери",
    "uav": _abbr("Безпілотні літальні апарати (оперативно-тактичного рівня)", "БПЛА"),
    "cruise_missiles": f"Крилаті {_help('збито', 'ракети')}",
    "warships_boats": "Кораблі (катери)",
    "submarines": "Підводні човни",
    "vehicles_fuel_tanks": "Автомобілі та автоцистерни",
    "special_equipment": "Спеціальна техніка",
    "military_auto": "Автомобілі",
    "fuel_tanks": "Цистерни з ПММ",
    "mobile_srbm_systems": "Пускові установки ОТРК/ТРК",
    "ground_robotic_systems": "Наземні робототехнічні комплекси",
}
MINFIN_UA_FEBRUARY = {
    **MINFIN_UA,
    "armoured_combat_vehicles": _abbr("Бойові броньовані машини різних типів", "ББМ"),
    "mlrs": "РСЗВ Град",
    "air_defense_systems": "ЗРК БУК",
    "uav": _abbr("Безпілотний літальний апарат (оперативно-тактичного рівня)", "БПЛА"),
}
MINFIN_EN = {
    "personnel": "Military personnel",
    "tanks": "Tanks",
    "armoured_combat_vehicles": "Armored fighting vehicle",
    "artillery_systems": "Artillery systems",
    "mlrs": _abbr("Multiple launch rocket systems", "MLRS"),
    "air_defense_systems": "Anti-aircraft warfare",
    "aircraft": "Planes",
    "helicopters": "Helicopters",
    "uav": _abbr("Unmanned aerial vehicles (operational-tactical level)", "UAV"),
    "cruise_missiles": f"Cruise {_help('shot down', 'missiles')}",
    "warships_boats": "Ships (boats)",
    "submarines": "Submarines",
    "vehicles_fuel_tanks": "Cars and cisterns",
    "special_equipment": "Special equipment",
    "military_auto": "Cars",
    "fuel_tanks": "Cisterns with fuel",
    "mobile_srbm_systems": "Mobile SRBM systems",
    "ground_robotic_systems": "Ground robotic systems",
}
MINFIN_EN_FEBRUARY = {**MINFIN_EN, "mlrs": "MLRS Grad", "air_defense_systems": "SAM BUK"}
# The personnel unit: plain in February 2022 [real: 021], explained after.
MINFIN_PERSONNEL_UNIT = {"uk": _help("ліквідовано", "осіб"), "en": _help("liquidated", "people")}
MINFIN_PERSONNEL_UNIT_PLAIN = {"uk": "осіб", "en": "people"}
MINFIN_PERSONNEL_QUALIFIER = {"uk": "близько", "en": "aprx."}
MINFIN_MORE = {"uk": "понад", "en": "more than"}
MINFIN_PRISONERS = {"uk": "полоненими", "en": "captured"}

# February 2022 qualifiers on the aggregator [real: 021]: (date, category) -> word
# ("більше" more than, "до" up to, "близько" about, "более" the Russian "more than").
MINFIN_FEBRUARY_QUALIFIERS = {
    (dt.date(2022, 2, 25), "tanks"): "до",
    (dt.date(2022, 2, 25), "helicopters"): "более",
    (dt.date(2022, 2, 26), "tanks"): "більше",
    (dt.date(2022, 2, 26), "armoured_combat_vehicles"): "до",
    (dt.date(2022, 2, 27), "tanks"): "близько",
    (dt.date(2022, 2, 27), "artillery_systems"): "близько",
}
MINFIN_QUALIFIERS_EN = {"до": "up to", "більше": "more than", "близько": "about", "более": "over"}

# A category no parser knows (the `layout:labels` fault).
UNKNOWN = "__unknown__"
UNKNOWN_LABEL = {
    "uk": "бойових лазерних комплексів",
    "en": "combat laser systems",
    "minfin-ua": "Лазерні комплекси",
    "minfin-en": "Laser systems",
    "api": "laser_systems",
}

# The order the General Staff lists the items in [real: 001, 013, 014, 022]; before the
# 2022-05-01 merge vehicles, boats and fuel tanks sat among the others.
BULLETIN_ORDER_EARLY = (
    "personnel",
    "tanks",
    "armoured_combat_vehicles",
    "artillery_systems",
    "mlrs",
    "air_defense_systems",
    "aircraft",
    "helicopters",
    "military_auto",
    "warships_boats",
    "fuel_tanks",
    "uav",
    "special_equipment",
    "mobile_srbm_systems",
)
BULLETIN_ORDER = (
    "personnel",
    "tanks",
    "armoured_combat_vehicles",
    "artillery_systems",
    "mlrs",
    "air_defense_systems",
    "aircraft",
    "helicopters",
    "uav",
    "cruise_missiles",
    "warships_boats",
    "submarines",
    "vehicles_fuel_tanks",
    "special_equipment",
    "ground_robotic_systems",
)


def bulletin_order(date: dt.date) -> tuple[str, ...]:
    return BULLETIN_ORDER if date >= eras.INCREASES_FROM else BULLETIN_ORDER_EARLY
