"""Test-side readers of the mirror's layouts, written from mirror/SITES.md (its label
tables are copied here, not imported from mirror/labels.py), independently of parsers/
(which round-trips the same pages in test_mirror_roundtrip.py)."""

from __future__ import annotations

import datetime as dt
import re
from html import unescape

# SITES.md, "Categories and labels by era" (one column each).
MIL_UK = {
    "особового складу": "personnel",
    "танків": "tanks",
    "бойових броньованих машин": "armoured_combat_vehicles",
    "артилерійських систем": "artillery_systems",
    "РСЗВ": "mlrs",
    "засоби ППО": "air_defense_systems",
    "літаків": "aircraft",
    "гелікоптерів": "helicopters",
    "БПЛА оперативно-тактичного рівня": "uav",
    "крилаті ракети": "cruise_missiles",
    "кораблі /катери": "warships_boats",
    "підводні човни": "submarines",
    "автомобільної техніки та автоцистерн": "vehicles_fuel_tanks",
    "спеціальна техніка": "special_equipment",
    "автомобільної техніки": "military_auto",
    "цистерн з ПММ": "fuel_tanks",
    "пускові установки ОТРК/ТРК": "mobile_srbm_systems",
}
MIL_EN = {
    "personnel": "personnel",
    "tanks": "tanks",
    "APV": "armoured_combat_vehicles",
    "artillery systems": "artillery_systems",
    "MLRS": "mlrs",
    "Anti-aircraft warfare systems": "air_defense_systems",
    "anti-aircraft warfare systems": "air_defense_systems",
    "aircraft": "aircraft",
    "helicopters": "helicopters",
    "UAV operational-tactical level": "uav",
    "cruise missiles": "cruise_missiles",
    "boats / cutters": "warships_boats",
    "warships / boats": "warships_boats",
    "submarines": "submarines",
    "vehicles and fuel tanks": "vehicles_fuel_tanks",
    "special equipment": "special_equipment",
    "vehicles": "military_auto",
    "fuel tanks": "fuel_tanks",
    "mobile SRBM system": "mobile_srbm_systems",
}
MOD_UK_DAILY = {
    "особового складу": "personnel",
    "танків": "tanks",
    "бойових броньованих машин": "armoured_combat_vehicles",
    "артилерійських систем": "artillery_systems",
    "РСЗВ": "mlrs",
    "засобів ППО": "air_defense_systems",
    "літаків": "aircraft",
    "гелікоптерів": "helicopters",
    "БПЛА оперативно-тактичного рівня": "uav",
    "крилатих ракет": "cruise_missiles",
    "кораблів / катерів": "warships_boats",
    "підводних човнів": "submarines",
    "автомобільної техніки та автоцистерн": "vehicles_fuel_tanks",
    "спеціальної техніки": "special_equipment",
}
MOD_UK_NA = {
    "військовослужбовці": "personnel",
    "танки": "tanks",
    "бойові броньовані машини": "armoured_combat_vehicles",
    "артилерійські системи": "artillery_systems",
    "РСЗВ": "mlrs",
    "засоби ППО": "air_defense_systems",
    "літаки": "aircraft",
    "гелікоптери": "helicopters",
    "БПЛА оперативно-тактичного рівня": "uav",
    "крилаті ракети": "cruise_missiles",
    "кораблі/катери": "warships_boats",
    "підводні човни": "submarines",
    "автомобільна техніка та автоцистерни": "vehicles_fuel_tanks",
    "спеціальна техніка": "special_equipment",
    "наземні робототехнічні комплекси": "ground_robotic_systems",
}
MOD_EN = {
    "personnel": "personnel",
    "tanks": "tanks",
    "armoured combat vehicles": "armoured_combat_vehicles",
    "artillery systems": "artillery_systems",
    "MLRS": "mlrs",
    "air defence systems": "air_defense_systems",
    "aircraft": "aircraft",
    "helicopters": "helicopters",
    "operational-tactical UAVs": "uav",
    "cruise missiles": "cruise_missiles",
    "warships / boats": "warships_boats",
    "submarines": "submarines",
    "vehicles and fuel tanks": "vehicles_fuel_tanks",
    "special equipment": "special_equipment",
    "ground robotic systems": "ground_robotic_systems",
}
# SITES.md §5 (the label text with its wrappers removed).
MINFIN_UA = {
    "Особовий склад": "personnel",
    "Танки": "tanks",
    "ББМ": "armoured_combat_vehicles",
    "Гармати": "artillery_systems",
    "РСЗВ": "mlrs",
    "РСЗВ Град": "mlrs",
    "Засоби ППО": "air_defense_systems",
    "ЗРК БУК": "air_defense_systems",
    "Літаки": "aircraft",
    "Гелікоптери": "helicopters",
    "БПЛА": "uav",
    "Крилаті ракети": "cruise_missiles",
    "Кораблі (катери)": "warships_boats",
    "Підводні човни": "submarines",
    "Автомобілі та автоцистерни": "vehicles_fuel_tanks",
    "Спеціальна техніка": "special_equipment",
    "Наземні робототехнічні комплекси": "ground_robotic_systems",
    "Автомобілі": "military_auto",
    "Цистерни з ПММ": "fuel_tanks",
    "Пускові установки ОТРК/ТРК": "mobile_srbm_systems",
}
MINFIN_EN = {
    "Military personnel": "personnel",
    "Tanks": "tanks",
    "Armored fighting vehicle": "armoured_combat_vehicles",
    "Artillery systems": "artillery_systems",
    "MLRS": "mlrs",
    "MLRS Grad": "mlrs",
    "Anti-aircraft warfare": "air_defense_systems",
    "SAM BUK": "air_defense_systems",
    "Planes": "aircraft",
    "Helicopters": "helicopters",
    "UAV": "uav",
    "Cruise missiles": "cruise_missiles",
    "Ships (boats)": "warships_boats",
    "Submarines": "submarines",
    "Cars and cisterns": "vehicles_fuel_tanks",
    "Special equipment": "special_equipment",
    "Ground robotic systems": "ground_robotic_systems",
    "Cars": "military_auto",
    "Cisterns with fuel": "fuel_tanks",
    "Mobile SRBM systems": "mobile_srbm_systems",
}

Item = tuple[int, int | None]  # (total, delta or None)
_TAGS = re.compile(r"<[^>]+>")
_NUMBER = r"\d(?:[\d ]*\d)?"


def plain(html: str) -> str:
    return unescape(_TAGS.sub("", html)).replace("\xa0", " ").strip()


def _number(text: str | None) -> int | None:
    return None if text is None else int(text.replace(" ", ""))


def between(html: str, start: str, end: str) -> str:
    i = html.index(start)
    return html[i : html.index(end, i)]


# ----------------------------------------------------------------- MoD family

_ITEM = re.compile(
    rf"^(?P<label>.+?) ?[-‒–:] ?(?:близько |понад |about |more than |approximately )?"
    rf"(?P<total>{_NUMBER})(?: \((?P<delta>[+-]{_NUMBER})\))?(?:\s|$|[,.;])"
)
_PARAGRAPH = re.compile(r"<p(?: class=\"justifyfull\")?>(.*?)</p>", re.S)


def read_items(texts: list[str], labels: dict[str, str]) -> dict[str, Item]:
    """{category: (total, delta)} of item texts like 'танків ‒ 1637 (+35) од,'."""
    out = {}
    for raw in texts:
        line = " ".join(raw.split())
        match = _ITEM.match(line)
        if not match or match["label"] not in labels:
            continue
        out[labels[match["label"]]] = (_number(match["total"]), _number(match["delta"]))
    return out


def mil_article(html: str) -> str:
    return between(html, '<div id="article">', '<hr size="1"')


def mil_items(html: str, lang: str) -> dict[str, Item]:
    """The items of a www.mil.gov.ua day page (one <p> each)."""
    block = between(html, '<div id="aticle-content">', '<hr size="1"')
    texts = [plain(p) for p in _PARAGRAPH.findall(block)]
    return read_items(texts, MIL_UK if lang == "uk" else MIL_EN)


def mod_items(html: str, lang: str, era: str = "na") -> dict[str, Item]:
    """The items of a mod.gov.ua day page (li of div.news-content)."""
    block = between(
        html,
        '<div class="news-content">',
        "<p>Дані уточнюються.</p>" if lang == "uk" else "<p>The data are",
    )
    texts = [plain(li) for li in re.findall(r"<li>(.*?)</li>", block, re.S)]
    labels = MOD_EN if lang == "en" else (MOD_UK_DAILY if era == "daily" else MOD_UK_NA)
    out = read_items(texts, labels)
    if lang == "en":  # under a "Personnel:" heading the item has no label
        match = re.search(rf"approximately ({_NUMBER}) \(\+({_NUMBER})\) persons", block)
        if match:
            out["personnel"] = (_number(match[1]), _number(match[2]))
    return out


def kmu_items(html: str) -> dict[str, Item]:
    block = between(html, "editor-content", "Data are being updated")
    texts = [plain(li) for li in re.findall(r"<li>(.*?)</li>", block, re.S)]
    return read_items(texts, MIL_EN)


# ------------------------------------------------------------------ aggregator

_DAY = re.compile(r"<li class='gold'><span class='black'>(\d\d\.\d\d\.\d{4})</span>")


def minfin_days(html: str, lang: str = "uk") -> dict[dt.date, dict[str, Item]]:
    """{date: {category: (total, delta)}}; an omitted increase is 0, none at all None."""
    labels = MINFIN_UA if lang == "uk" else MINFIN_EN
    out: dict[dt.date, dict[str, Item]] = {}
    starts = [(m.start(), m[1]) for m in _DAY.finditer(html)]
    for i, (start, stamp) in enumerate(starts):
        end = starts[i + 1][0] if i + 1 < len(starts) else len(html)
        chunk = html[start:end]
        items = re.search(r"<div class='casualties'>\n<div><ul>(.*?)</ul></div>", chunk, re.S)
        figures = {}
        for li in re.findall(r"<li>(.*?)</li>", items[1], re.S):
            label, _, rest = plain(li).partition(" — ")
            small = re.search(r"<small>\(([+-]\d+)\)</small>", li)
            total = re.search(r"\d+", rest)
            figures[labels[label]] = (int(total.group()), int(small[1]) if small else 0)
        date = dt.datetime.strptime(stamp, "%d.%m.%Y").date()
        out.setdefault(date, figures)
    return out


def minfin_dates(html: str) -> list[dt.date]:
    return [dt.datetime.strptime(m[1], "%d.%m.%Y").date() for m in _DAY.finditer(html)]


# -------------------------------------------------------------------- indexes

_MIL_POST = re.compile(
    r'<div class="news-post"><a href="([^"]+)">([^<]+)</a><p class="meta">([^<]+)</p></div>'
)
_CARD = re.compile(
    r'<a class="news-card" href="([^"]+)"><span class="news-card__date">([^<]+)</span>'
    r'<span class="news-card__title">([^<]+)</span></a>'
)


def listing_entries(html: str) -> list[tuple[str, str, str]]:
    """[(href, title, when)] of a listing page (either markup), in page order."""
    if '<div class="news-list">' in html:
        block = between(html, '<div class="news-list">', '<nav class="pagination">')
        entries = [(href, unescape(title), when) for href, when, title in _CARD.findall(block)]
        assert len(entries) == block.count('class="news-card"')
        return entries
    block = between(html, '<div class="actwrap">', '<ul class="pagination">')
    entries = [(href, unescape(title), when) for href, title, when in _MIL_POST.findall(block)]
    assert len(entries) == block.count('class="news-post"')
    return entries


def pagination(html: str) -> dict[str, str]:
    """{"next": href, "last": href} of a listing page."""
    if '<nav class="pagination">' in html:
        nav = between(html, '<nav class="pagination">', "</nav>")
        return dict(re.findall(r'<a class="(\w+)" href="([^"]+)"', nav))
    nav = between(html, '<ul class="pagination">', "</ul>")
    return dict(re.findall(r'<li class="(\w+)"><a href="([^"]+)"', nav))


def sitemap_locs(xml: str) -> list[tuple[str, str]]:
    return re.findall(r"<loc>([^<]+)</loc><lastmod>([^<]+)</lastmod>", xml)
