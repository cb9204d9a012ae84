"""The words each mirrored source uses for the categories (DESIGN.md, "Exact formats").

Kept apart from the renderers so the label tables read like the spec they copy."""

from __future__ import annotations

# MoD day pages: Ukrainian labels are genitive ("танків — 7794 (+15) од").
MOD_LABELS: dict[str, dict[str, str]] = {
    "uk": {
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
        "military_auto": "автомобільної техніки",
        "fuel_tanks": "цистерн з ПММ",
        "mobile_srbm_systems": "пускових установок ОТРК/ТРК",
        "ground_robotic_systems": "наземних робототехнічних комплексів",
    },
    "en": {
        "personnel": "personnel",
        "tanks": "tanks",
        "armoured_combat_vehicles": "armoured combat vehicles",
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
        "military_auto": "military vehicles",
        "fuel_tanks": "fuel tanks",
        "mobile_srbm_systems": "mobile SRBM systems",
        "ground_robotic_systems": "ground robotic systems",
    },
}

# Aggregator (index.minfin.com.ua): nominative labels; some are abbreviations
# wrapped in <abbr class="idx-help" title="...">.
MINFIN_LABELS: dict[str, dict[str, str]] = {
    "uk": {
        "personnel": "Особовий склад",
        "tanks": "Танки",
        "armoured_combat_vehicles": "ББМ",
        "artillery_systems": "Гармати",
        "mlrs": "РСЗВ",
        "air_defense_systems": "Засоби ППО",
        "aircraft": "Літаки",
        "helicopters": "Гелікоптери",
        "uav": "БПЛА",
        "cruise_missiles": "Крилаті ракети",
        "warships_boats": "Кораблі (катери)",
        "submarines": "Підводні човни",
        "vehicles_fuel_tanks": "Автомобілі та автоцистерни",
        "special_equipment": "Спеціальна техніка",
        "military_auto": "Автомобілі",
        "fuel_tanks": "Цистерни з ПММ",
        "mobile_srbm_systems": "Пускові установки ОТРК/ТРК",
        "ground_robotic_systems": "Наземні робототехнічні комплекси",
    },
    "en": {
        "personnel": "Personnel",
        "tanks": "Tanks",
        "armoured_combat_vehicles": "AFV",
        "artillery_systems": "Artillery systems",
        "mlrs": "MLRS",
        "air_defense_systems": "Anti-aircraft warfare",
        "aircraft": "Aircraft",
        "helicopters": "Helicopters",
        "uav": "UAV",
        "cruise_missiles": "Cruise missiles",
        "warships_boats": "Warships / boats",
        "submarines": "Submarines",
        "vehicles_fuel_tanks": "Vehicles and fuel tanks",
        "special_equipment": "Special equipment",
        "military_auto": "Military vehicles",
        "fuel_tanks": "Fuel tanks",
        "mobile_srbm_systems": "Mobile SRBM systems",
        "ground_robotic_systems": "Ground robotic systems",
    },
}

# Labels the aggregator shows as an abbreviation, with the explanation in `title`.
MINFIN_ABBR_TITLES: dict[str, dict[str, str]] = {
    "uk": {
        "armoured_combat_vehicles": "Бойові броньовані машини (різних типів)",
        "mlrs": "Реактивні системи залпового вогню",
        "uav": "Безпілотні літальні апарати оперативно-тактичного рівня",
    },
    "en": {
        "armoured_combat_vehicles": "Armoured fighting vehicles (of various types)",
        "mlrs": "Multiple launch rocket systems",
        "uav": "Unmanned aerial vehicles of operational-tactical level",
    },
}

QUALIFIER_WORDS: dict[str, dict[str, str]] = {
    "uk": {"about": "близько", "more": "понад"},
    "en": {"about": "about", "more": "more than"},
}

# Personnel unit words after the number.
MOD_PERSONNEL_UNIT = {"uk": "осіб ліквідовано", "en": "persons"}
MOD_EQUIPMENT_UNIT = {"uk": "од", "en": ""}
MINFIN_PERSONNEL_UNIT = {
    "uk": ('<span class="idx-help" title="ліквідовано">осіб</span>'),
    "en": ('<span class="idx-help" title="liquidated">persons</span>'),
}

# A category no parser knows: used by the `layout:labels` fault.
UNKNOWN_CATEGORY_LABEL = {
    "mod": {"uk": "бойових лазерних комплексів", "en": "combat laser systems"},
    "minfin": {"uk": "Лазерні комплекси", "en": "Laser systems"},
    "api": {"uk": "laser_systems", "en": "laser_systems"},
}
