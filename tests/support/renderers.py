"""Hypothesis generators for the parser round-trip tests: random bulletins, and the API's
responses and press reposts rendered with random dashes, spacing, thousands separators,
increase wordings, omitted increases and look-alike letters (the MoD-era pages and the
aggregator's, in the real layouts: tests.support.layouts). (Test code only.)"""

from __future__ import annotations

import datetime as dt
import json

from hypothesis import strategies as st

from parsers.model import Bulletin, Figure
from parsers.vocabulary import CATEGORIES, CATEGORY_NAMES

FIRST_DAY = dt.date(2022, 2, 25)
LAST_DAY = dt.date(2026, 8, 8)
MERGE_DAY = dt.date(2022, 5, 1)

# ---------------------------------------------------------------- labels per source
# Press wording: nominative, genitive and accusative forms, abbreviations, outlets' own.
TEXT_UK = {
    "personnel": ["особовий склад", "особового складу", "жива сила"],
    "tanks": ["танки", "танків"],
    "armoured_combat_vehicles": ["бойові броньовані машини", "ББМ", "бойових броньованих машин"],
    "artillery_systems": ["артилерійські системи", "артсистеми", "гармати"],
    "mlrs": ["РСЗВ", "реактивні системи залпового вогню"],
    "air_defense_systems": ["засоби ППО", "засобів ППО", "ППО"],
    "aircraft": ["літаки", "літаків"],
    "helicopters": ["гелікоптери", "вертольоти"],
    "uav": ["БпЛА оперативно-тактичного рівня", "БПЛА", "безпілотники"],
    "cruise_missiles": ["крилаті ракети"],
    "warships_boats": ["кораблі / катери", "кораблі /катери", "кораблі та катери"],
    "submarines": ["підводні човни"],
    "vehicles_fuel_tanks": [
        "автомобільна техніка та автоцистерни",
        "автомобільну техніку та автоцистерни",
        "автомобільна техніка й автоцистерни",
    ],
    "special_equipment": ["спеціальна техніка", "спеціальну техніку", "спецтехніка"],
    "military_auto": ["автомобільна техніка", "автомобільну техніку"],
    "fuel_tanks": ["цистерни з ПММ", "автоцистерни"],
    "mobile_srbm_systems": ["пускові установки ОТРК/ТРК"],
    "ground_robotic_systems": ["наземні робототехнічні комплекси"],
}
TEXT_RU = {
    "personnel": ["личный состав", "личного состава"],
    "tanks": ["танки", "танков"],
    "armoured_combat_vehicles": ["боевые бронированные машины", "ББМ"],
    "artillery_systems": ["артиллерийские системы", "артсистемы"],
    "mlrs": ["РСЗО"],
    "air_defense_systems": ["средства ПВО", "ПВО"],
    "aircraft": ["самолеты", "самолётов"],
    "helicopters": ["вертолеты", "вертолетов"],
    "uav": ["БпЛА оперативно-тактического уровня", "беспилотники"],
    "cruise_missiles": ["крылатые ракеты"],
    "warships_boats": ["корабли/катера", "корабли / катера"],
    "submarines": ["подводные лодки"],
    "vehicles_fuel_tanks": ["автомобильную технику и автоцистерны", "автомобили и автоцистерны"],
    "special_equipment": ["специальную технику", "спецтехника"],
    "military_auto": ["автомобильная техника"],
    "fuel_tanks": ["цистерны с ГСМ"],
    "mobile_srbm_systems": ["пусковые установки ОТРК/ТРК"],
    "ground_robotic_systems": ["наземные робототехнические комплексы"],
}
TEXT_EN = {
    "personnel": ["personnel", "military personnel", "troops"],
    "tanks": ["tanks"],
    "armoured_combat_vehicles": ["armored fighting vehicles", "armoured combat vehicles", "AFV"],
    "artillery_systems": ["artillery systems"],
    "mlrs": ["multiple launch rocket systems", "MLRS"],
    "air_defense_systems": ["air defense systems", "anti-aircraft warfare systems"],
    "aircraft": ["airplanes", "aircraft", "planes"],
    "helicopters": ["helicopters"],
    "uav": ["drones", "UAVs", "operational-tactical UAVs"],
    "cruise_missiles": ["cruise missiles"],
    "warships_boats": ["ships and boats", "warships / boats"],
    "submarines": ["submarines"],
    "vehicles_fuel_tanks": ["vehicles and fuel tanks", "vehicles and tankers"],
    "special_equipment": ["special equipment", "units of special equipment"],
    "military_auto": ["automotive equipment", "military vehicles"],
    "fuel_tanks": ["tanks with fuel and lubricants", "fuel tanks", "fuel trucks"],
    "mobile_srbm_systems": ["mobile SRBM systems"],
    "ground_robotic_systems": ["ground robotic systems"],
}
TEXT_LABELS = {"uk": TEXT_UK, "ru": TEXT_RU, "en": TEXT_EN}
QUALIFIER_WORDS = {
    "uk": {"about": ["близько", "приблизно"], "more": ["понад"]},
    "ru": {"about": ["около"], "more": ["более", "свыше"]},
    "en": {"about": ["about", "approximately"], "more": ["more than", "over"]},
}
INCREASE_WORDS = {
    "uk": ["", " за минулу добу", " за добу", " одиниці за минулу добу"],
    "ru": ["", " за минувшие сутки", " за сутки"],
    "en": ["", " per day", " over the past day"],
}
DASHES = ["—", "–", "‒", "-", "−", ":"]
SPACES = ["", " ", "  ", "\u00a0"]
LOOKALIKES = {"а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "х": "x", "у": "y", "і": "i"}
LOOKALIKES.update({"А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O"})
LOOKALIKES.update({"Р": "P", "С": "C", "Т": "T", "Х": "X"})


# ---------------------------------------------------------------- random bulletins
def categories_on(date: dt.date) -> list[str]:
    return [
        c.name
        for c in CATEGORIES
        if (c.first_date is None or c.first_date <= date)
        and (c.last_date is None or date <= c.last_date)
    ]


@st.composite
def bulletins(draw, *, all_categories: bool = False) -> Bulletin:
    """A bulletin of the categories reported on a random date (a random subset unless
    `all_categories`), with random totals, increases (some omitted) and qualifiers."""
    date = draw(st.dates(FIRST_DAY, LAST_DAY))
    names = categories_on(date)
    if not all_categories:
        keep = draw(st.lists(st.sampled_from(names), min_size=3, unique=True))
        names = [n for n in CATEGORY_NAMES if n in keep]
    figures = {}
    for name in names:
        high = 2_000_000 if name == "personnel" else 500_000
        total = draw(st.integers(0, high) | st.integers(0, 999))
        delta = draw(st.none() | st.integers(0, min(total, 5000)))
        qualifier = None
        if name == "personnel":
            qualifier = draw(st.sampled_from(["about", "more"]))
        figures[name] = Figure(total, delta, qualifier)
    return Bulletin(date=date, source="test", lang="uk", figures=figures)


# ---------------------------------------------------------------- number styles
def thousands(number: int, style: str, lang: str = "uk") -> str:
    """`number` written with the given thousands style."""
    if style == "plain" or number < 1000:
        return str(number)
    if style == "тис." and number < 1_000_000:
        word = "тыс." if lang == "ru" else "тис."
        return f"{number // 1000} {word} {number % 1000:03d}"
    separator = {
        "space": " ",
        "nbsp": "\u00a0",
        "narrow": "\u202f",
        "thin": "\u2009",
        "comma": ",",
        "dot": ".",
    }.get(style, " ")
    return f"{number:,}".replace(",", separator)


THOUSANDS_STYLES = ["plain", "space", "nbsp", "narrow", "thin", "comma", "dot", "тис."]


def increase_text(delta: int, draw, lang: str, style: str) -> str:
    words = draw(st.sampled_from(INCREASE_WORDS[lang]))
    if delta == 0 and draw(st.booleans()):
        return "(0)" if not words else f"(+0{words})"
    return f"(+{thousands(delta, style, lang)}{words})"


def with_lookalikes(label: str, draw) -> str:
    """Swap one Cyrillic letter in some words for its Latin look-alike (copied text)."""
    words = label.split(" ")
    out = []
    for word in words:
        spots = [i for i, ch in enumerate(word) if ch in LOOKALIKES]
        cyrillic_only = sum(1 for ch in word if "\u0400" <= ch <= "\u04ff" and ch not in LOOKALIKES)
        if spots and cyrillic_only and draw(st.booleans()):
            i = draw(st.sampled_from(spots))
            word = word[:i] + LOOKALIKES[word[i]] + word[i + 1 :]
        out.append(word)
    return " ".join(out)


# ---------------------------------------------------------------- qualifiers
def _qualifier(figure: Figure, lang: str, draw) -> str:
    if figure.qualifier is None:
        return ""
    return draw(st.sampled_from(QUALIFIER_WORDS[lang][figure.qualifier])) + " "


# ---------------------------------------------------------------- API responses
@st.composite
def api_responses(draw) -> tuple[list[Bulletin], bytes]:
    from parsers.vocabulary import BY_NAME

    days = draw(st.lists(bulletins(), min_size=1, max_size=4))
    records = []
    for bulletin in days:
        stats = {BY_NAME[n].api_key: f.total for n, f in bulletin.figures.items()}
        increase = {
            BY_NAME[n].api_key: f.delta for n, f in bulletin.figures.items() if f.delta is not None
        }
        records.append(
            {"date": bulletin.date.isoformat(), "day": 1, "stats": stats, "increase": increase}
        )
    shape = draw(st.sampled_from(["single", "list", "records"]))
    if shape == "single":
        days, records = days[:1], records[:1]
        payload: object = {"message": "ok", "data": records[0]}
    elif shape == "list":
        payload = {"message": "ok", "data": records}
    else:
        paginator = {"total": len(records), "offset": 0, "limit": 50, "next_page_url": None}
        payload = {"message": "ok", "data": {"paginator": paginator, "records": records}}
    return days, json.dumps(payload, indent=draw(st.sampled_from([None, 2]))).encode()


# ---------------------------------------------------------------- press text
HEADLINES = {
    "uk": "Ще понад 1400 окупантів і 20 танків: Генштаб оновив дані про втрати ворога",
    "ru": "Российская армия потеряла еще 950 солдат и 16 танков — Генштаб",
    "en": "Russia has lost over 1,200 troops and 15 tanks over the past day",
}
PROSE = {
    "uk": "Про це повідомив Генеральний штаб ЗСУ. Загалом від лютого 2022 року ворог втратив "
    "понад 500 тисяч військових.",
    "ru": "Об этом сообщили в Генштабе ВСУ 24 февраля 2022 года началось вторжение.",
    "en": "The figures are from the General Staff; since Feb. 24, 2022 Russia has lost "
    "more than 500,000 troops.",
}
MONTHS = {
    "uk": "січня лютого березня квітня травня червня липня серпня вересня жовтня листопада грудня",
    "ru": "января февраля марта апреля мая июня июля августа сентября октября ноября декабря",
    "en": "January February March April May June July August September October November December",
}


def _date_line(date: dt.date, lang: str, draw) -> str:
    kind = draw(st.sampled_from(["title", "as-of", "past-day", "none"]))
    month = MONTHS[lang].split()
    if kind == "title":
        if lang == "en":
            return f"The total combat losses of the enemy from 24.02.2022 to {date:%d.%m.%Y}:"
        return f"Загальні бойові втрати противника з 24.02.22 по {date:%d.%m.%y}:"
    if kind == "as-of":
        if lang == "en":
            return f"Russia's losses as of {month[date.month - 1]} {date.day}:"
        lead = "Втрати ворога станом на" if lang == "uk" else "Потери врага по состоянию на"
        return f"{lead} {date.day} {month[date.month - 1]}:"
    if kind == "past-day":
        day = date - dt.timedelta(days=1)
        if lang == "en":
            return f"Over the past day, {month[day.month - 1]} {day.day}, Russia lost troops."
        lead = "За минулу добу" if lang == "uk" else "За прошедшие сутки"
        return f"{lead}, {day.day} {month[day.month - 1]}, армія втратила техніку:"
    return ""


@st.composite
def press_texts(draw) -> tuple[Bulletin, str]:
    """(bulletin, repost text) in uk/ru/en: bulleted or inline, label-first or
    number-first, any separator, thousands style and increase wording, headline above."""
    bulletin = draw(bulletins())
    lang = draw(st.sampled_from(["uk", "ru", "en"]))
    labels = TEXT_LABELS[lang]
    style = draw(st.sampled_from(THOUSANDS_STYLES if lang != "en" else THOUSANDS_STYLES[:-1]))
    layout = draw(st.sampled_from(["bullets", "number-first", "inline", "two-per-line"]))
    lookalike = lang != "en" and draw(st.booleans())
    bullet = draw(st.sampled_from(["- ", "• ", "  • ", "— ", "", "▪️ ", "✅ "]))
    ending = draw(st.sampled_from([";", ",", ".", "", " од."]))
    items = []
    for name, figure in bulletin.figures.items():
        label = draw(st.sampled_from(labels[name]))
        if lookalike:
            label = with_lookalikes(label, draw)
        number = thousands(figure.total, style, lang)
        qualifier = _qualifier(figure, lang, draw)
        increase = ""
        if figure.delta is not None:
            increase = " " + increase_text(figure.delta, draw, lang, style)
        if layout == "number-first":
            items.append(f"{qualifier}{number}{increase} {label}")
        else:
            dash = draw(st.sampled_from(DASHES))
            left = draw(st.sampled_from(SPACES)) if dash != ":" else ""
            right = draw(st.sampled_from(SPACES))
            items.append(f"{label}{left}{dash}{right}{qualifier}{number}{increase}")
    lines = []
    if draw(st.booleans()):
        lines += [HEADLINES[lang], ""]
    date_line = _date_line(bulletin.date, lang, draw)
    if date_line:
        lines.append(date_line)
    if draw(st.booleans()):
        lines += [PROSE[lang], ""]
    if layout in ("bullets", "number-first"):
        lines += [f"{bullet}{item}{ending}" for item in items]
    elif layout == "inline":
        joiner = draw(st.sampled_from([", ", "; "]))
        lines.append(joiner.join(items) + ".")
    else:
        for i in range(0, len(items), 2):
            lines.append(draw(st.sampled_from([", ", "; "])).join(items[i : i + 2]))
    if draw(st.booleans()):
        lines += ["", "Дані уточнюються." if lang != "en" else "The data is being updated."]
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    return bulletin, newline.join(lines)
