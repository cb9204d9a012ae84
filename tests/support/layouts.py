"""Hypothesis generators of pages in the real layouts of mirror/SITES.md, era by era: the
MoD-era day pages (www.mil.gov.ua uk/en, www.kmu.gov.ua, mod.gov.ua uk/en in each title
form, grouped or not) and the aggregator's days (unclosed `li.gold`, <abbr> labels,
personnel last, omitted zero increases), with random figures, dashes, headlines, captions,
alt texts and sidebars. Each returns what a parser must read from it. (Test code only.)"""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

from parsers.model import Bulletin, Figure
from tests.support.renderers import bulletins

MERGE_DAY = dt.date(2022, 5, 1)
MOD_DAY = dt.date(2024, 10, 7)  # mod.gov.ua takes over from mil.gov.ua
NA_DAY = dt.date(2026, 1, 17)  # "Загальні бойові втрати ворога на D: …"
BOJOVI_DAY = dt.date(2026, 1, 20)  # "Бойові втрати ворога на D"
HEADINGS_EN_DAY = dt.date(2026, 4, 12)  # "Total russian combat losses in Ukraine as of D"
KMU = (dt.date(2023, 5, 1), dt.date(2024, 1, 31))

ORDER = [
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
    "cruise_missiles",
    "submarines",
    "vehicles_fuel_tanks",
    "special_equipment",
    "mobile_srbm_systems",
    "ground_robotic_systems",
]
LABELS = {
    # category: (mil.gov.ua uk, mil/kmu en, mod.gov.ua uk until 2026-01-16,
    #            mod.gov.ua uk from 2026-01-17, mod.gov.ua en)
    "personnel": (
        "особового складу",
        "personnel",
        "особового складу",
        "військовослужбовці",
        "personnel",
    ),
    "tanks": ("танків", "tanks", "танків", "танки", "tanks"),
    "armoured_combat_vehicles": (
        "бойових броньованих машин",
        "APV",
        "бойових броньованих машин",
        "бойові броньовані машини",
        "armoured combat vehicles",
    ),
    "artillery_systems": (
        "артилерійських систем",
        "artillery systems",
        "артилерійських систем",
        "артилерійські системи",
        "artillery systems",
    ),
    "mlrs": ("РСЗВ", "MLRS", "РСЗВ", "РСЗВ", "MLRS"),
    "air_defense_systems": (
        "засоби ППО",
        "Anti-aircraft warfare systems",
        "засобів ППО",
        "засоби ППО",
        "air defence systems",
    ),
    "aircraft": ("літаків", "aircraft", "літаків", "літаки", "aircraft"),
    "helicopters": ("гелікоптерів", "helicopters", "гелікоптерів", "гелікоптери", "helicopters"),
    "uav": (
        "БПЛА оперативно-тактичного рівня",
        "UAV operational-tactical level",
        "БПЛА оперативно-тактичного рівня",
        "БПЛА оперативно-тактичного рівня",
        "operational-tactical UAVs",
    ),
    "cruise_missiles": (
        "крилаті ракети",
        "cruise missiles",
        "крилатих ракет",
        "крилаті ракети",
        "cruise missiles",
    ),
    "warships_boats": (
        "кораблі /катери",
        "warships / boats",
        "кораблів / катерів",
        "кораблі/катери",
        "warships / boats",
    ),
    "submarines": (
        "підводні човни",
        "submarines",
        "підводних човнів",
        "підводні човни",
        "submarines",
    ),
    "vehicles_fuel_tanks": (
        "автомобільної техніки та автоцистерн",
        "vehicles and fuel tanks",
        "автомобільної техніки та автоцистерн",
        "автомобільна техніка та автоцистерни",
        "vehicles and fuel tanks",
    ),
    "special_equipment": (
        "спеціальна техніка",
        "special equipment",
        "спеціальної техніки",
        "спеціальна техніка",
        "special equipment",
    ),
    "military_auto": ("автомобільної техніки", "vehicles", None, None, None),
    "fuel_tanks": ("цистерн з ПММ", "fuel tanks", None, None, None),
    "mobile_srbm_systems": ("пускові установки ОТРК/ТРК", "mobile SRBM system", None, None, None),
    "ground_robotic_systems": (
        None,
        None,
        None,
        "наземні робототехнічні комплекси",
        "ground robotic systems",
    ),
}
GROUPS = (
    (("Особовий склад", "Personnel"), ("personnel",)),
    (
        ("Бронетехніка і автомобілі", "Armour and vehicles"),
        (
            "tanks",
            "armoured_combat_vehicles",
            "vehicles_fuel_tanks",
            "special_equipment",
            "ground_robotic_systems",
        ),
    ),
    (
        ("Артилерія і ППО", "Artillery and air defence"),
        ("artillery_systems", "mlrs", "air_defense_systems"),
    ),
    (("Повітряні цілі", "Air targets"), ("aircraft", "helicopters", "uav", "cruise_missiles")),
    (("Флот", "Navy"), ("warships_boats", "submarines")),
)
UK_MONTHS = [
    "січня",
    "лютого",
    "березня",
    "квітня",
    "травня",
    "червня",
    "липня",
    "серпня",
    "вересня",
    "жовтня",
    "листопада",
    "грудня",
]
EN_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
# Numbers anywhere around the list: headlines, captions, alt texts, leads, sidebars.
noise_numbers = st.integers(0, 2_000_000)


def _sp(number: int) -> str:
    return f"{number:,}".replace(",", " ")


def _uk_day(d: dt.date) -> str:
    return f"{d.day} {UK_MONTHS[d.month - 1]} {d.year} року"


def _en_day(d: dt.date) -> str:
    return f"{EN_MONTHS[d.month - 1]} {d.day}, {d.year}"


def _stated(bulletin: Bulletin) -> Bulletin:
    """What a MoD page of the bulletin's date states: no increases before 2022-05-01, an
    increase for every item from then on; personnel "about" as the bulletins write it."""
    early = bulletin.date < MERGE_DAY
    figures = {}
    for name in ORDER:
        figure = bulletin.figures.get(name)
        if figure is None:
            continue
        delta = None if early else (figure.delta or 0)
        qualifier = "about" if name == "personnel" else None
        figures[name] = Figure(figure.total, delta, qualifier)
    return Bulletin(bulletin.date, "mod", bulletin.lang, figures)


def _value(figure: Figure, grouped_numbers: bool) -> str:
    number = _sp if grouped_numbers else str
    if figure.delta is None:
        return number(figure.total)
    return f"{number(figure.total)} (+{number(figure.delta)})"


@st.composite
def mod_pages(draw) -> tuple[Bulletin, bytes, str]:
    """(what the page states, page, its site) for a random bulletin in the layout of the
    site and edition that carried it that day."""
    bulletin = _stated(draw(bulletins(all_categories=draw(st.booleans()))))
    d = bulletin.date
    lang = draw(st.sampled_from(["uk", "en"]))
    noise = [draw(noise_numbers) for _ in range(6)]
    if d >= MOD_DAY:
        site = "mod.gov.ua"
        page = _mod_gov_ua(bulletin, lang, draw, noise)
    elif lang == "en" and KMU[0] <= d <= KMU[1] and draw(st.booleans()):
        site = "kmu.gov.ua"
        page = _kmu(bulletin, draw, noise)
    else:
        site = "mil.gov.ua"
        page = _mil(bulletin, lang, draw, noise)
    expected = Bulletin(d, "mod", lang, bulletin.figures)
    return expected, page.encode(), site


def _items(
    bulletin: Bulletin, column: int, draw, *, grouped_numbers: bool, style: str
) -> list[str]:
    out = []
    for name, figure in bulletin.figures.items():
        label = LABELS[name][column]
        if name == "warships_boats" and column == 1 and bulletin.date <= dt.date(2022, 5, 20):
            label = "boats / cutters"
        dash = draw(st.sampled_from(["‒", "–", "-"])) if style == "dash" else None
        value = _value(figure, grouped_numbers)
        if name == "personnel":
            word = {0: "близько", 1: "about", 2: "близько", 3: "близько", 4: "about"}[column]
            unit = {
                0: " осіб ліквідовано",
                1: " persons were liquidated",
                2: " осіб",
                3: "",
                4: " persons",
            }[column]
            if figure.delta is None and column == 1:
                unit = " осіб"  # before May 2022, Ukrainian units on English pages
            value = f"{word} {value}{unit}"
        elif column in (0, 1) and draw(st.booleans()):
            value += " од"
        out.append(f"{label} {dash} {value}" if dash else f"{label}: {value}")
    return out


def _mil(bulletin: Bulletin, lang: str, draw, noise: list[int]) -> str:
    d = bulletin.date
    year = d.year > 2022 and draw(st.booleans())
    short = f"{d:%d.%m.%y}" if year else f"{d:%d.%m}"
    column = 0 if lang == "uk" else 1
    items = _items(bulletin, column, draw, grouped_numbers=False, style="dash")
    if lang == "uk":
        title = (
            f"Втрати російських окупантів становлять понад {noise[0]} танків, знищено майже "
            f"{noise[1]} бойових броньованих машин ворога – Генеральний штаб ЗС України"
        )
        start = "24.02.22" if year else "24.02"
        lead = f"Загальні бойові втрати противника з {start} по {short} орієнтовно склали:"
        stamp = f"{d.day:02d} {UK_MONTHS[d.month - 1]} {d.year}, 0{draw(st.integers(6, 9))}:25"
        pclass = ' class="justifyfull"'
    else:
        title = f"The total combat losses of the enemy from 24.02{'.22' if year else ''} to {short}"
        lead = f"{title} were approximately:"
        stamp = f"{d:%Y-%m-%d} 0{draw(st.integers(6, 9))}:00:00"
        pclass = ""
    ends = [","] * (len(items) - 1) + ["."]
    body = "".join(f"<p{pclass}>{item}{end}</p>\n" for item, end in zip(items, ends, strict=True))
    other = d - dt.timedelta(days=1)
    sidebar = (
        f'<div id="colbase2news"><h5>LATEST NEWS</h5><div class="news-post"><a href="news/x/">'
        f"The total combat losses of the enemy from 24.02 to {other:%d.%m}</a>"
        f'<p class="meta">{other:%d} june {other.year}, 06:00</p></div><div class="news-post">'
        f'<a href="news/y/">Втрати російських окупантів становлять {noise[2]} осіб – Генштаб</a>'
        '<p class="meta">3 hours ago</p></div></div>'
    )
    page = (
        f'<html><head><title>{title} | Міноборони</title></head><body><div id="colbase1">'
        f'<div id="article"><div id="article_heading"><h1>{title}</h1><span class="aticle-date">'
        f'{stamp} |<span style="color:red;"><b> ID: {noise[3]} </b></span></span></div>'
        '<div id="aticle-content"><div style="text-align: center;"><div class="ms2Gallery">'
        f"</div></div>\n<p{pclass}>{lead}</p>\n{body}<p{pclass}>Дані уточнюються.</p>"
        f'<hr size="1"></div></div></div>{sidebar}</body></html>'
    )
    return draw(st.sampled_from([page, page.replace("<html>", "<!DOCTYPE html>\n", 1)]))


def _kmu(bulletin: Bulletin, draw, noise: list[int]) -> str:
    d = bulletin.date
    rng = f"from 24.02.22 to {d:%d.%m.%y}"
    items = _items(bulletin, 1, draw, grouped_numbers=False, style="dash")
    if draw(st.booleans()):
        body = "<ul>" + "".join(f"<li>{i},&nbsp;</li>" for i in items) + "</ul>"
    else:
        body = "<ul>" + "".join(f'<li><div dir="auto">{i},</div></li>' for i in items) + "</ul>"
    alt = f"текст «~{noise[0]} +{noise[1]} tanks {noise[2]}»"
    return (
        f"<html><head><title>Total combat losses of the enemy {rng} | Cabinet of Ministers of "
        'Ukraine</title></head><body><div class="page_title"><div class="page_title-text">'
        f'Total combat losses of the enemy {rng}</div><div class="page_title-desc">'
        f'<a href="http://www.mil.gov.ua/">Ministry of Defence of Ukraine</a>, posted '
        f"{d:%d} {EN_MONTHS[d.month - 1]} {d.year} 08:0{draw(st.integers(0, 9))}</div></div>"
        '<div class="news__item--inner editor-content"><div dir="auto">'
        f"<p>The total combat losses of the enemy {rng} were approximately:</p>{body}"
        f'<p>Data are being updated.</p></div><p><img alt="{alt}" src="/x.jpeg"></p></div>'
        '<ul class="sidebar__list"><li><a href="/en/news/zahalni" class="text link">Total '
        "combat losses of the enemy from 24.02.2022 to 01.01.2024</a></li></ul></body></html>"
    )


def _mod_gov_ua(bulletin: Bulletin, lang: str, draw, noise: list[int]) -> str:
    d, prev = bulletin.date, bulletin.date - dt.timedelta(days=1)
    grouped = d >= BOJOVI_DAY and draw(st.booleans())
    if lang == "uk":
        if d < NA_DAY:
            title = (
                f"Загальні бойові втрати росіян за добу: {_sp(noise[0])} окупантів, {noise[1]} БпЛА"
            )
            lead = (
                f"<p>Загальні бойові втрати противника з 24.02.22 по {d:%d.%m.%y} "
                "орієнтовно склали:</p>"
            )
            column = 2
        else:
            if d < BOJOVI_DAY:
                title = f"Загальні бойові втрати ворога на {_uk_day(d)}: {_sp(noise[0])} окупантів"
            else:
                title = f"Бойові втрати ворога на {_uk_day(d)}"
            lead = (
                f"<p><strong>Втрати ворога за {_uk_day(prev)}: знищено {_sp(noise[1])} "
                f"окупантів, {noise[2]} танків</strong></p>"
            )
            column = 3
        stamp = f"{d:%d.%m.%Y} 07:{draw(st.integers(10, 59))}"
    else:
        column = 4
        if d < NA_DAY:
            title = (
                "The estimated combat losses of russians over the last day: "
                f"{noise[0]} persons, {noise[1]} UAVs"
            )
            lead = (
                f"<p>The total combat losses of the enemy from 24.02.22 to {d:%d.%m.%y} "
                "were approximately:</p>"
            )
        else:
            title = (
                f"The estimated combat losses of the enemy as of {_en_day(d)}"
                if d < HEADINGS_EN_DAY
                else f"Total russian combat losses in Ukraine as of {_en_day(d)}"
            )
            lead = (
                f"<p><strong>Total russian military losses on {_en_day(prev)}: "
                f"{noise[1]:,} personnel, {noise[2]:,} UAVs.</strong></p>"
            )
        stamp = f"{d.day} {EN_MONTHS[d.month - 1]}, {d.year}, 7:{draw(st.integers(10, 59))} AM EEST"
    style = "dash" if column != 4 else draw(st.sampled_from(["dash", "colon"]))
    items = dict(
        zip(
            bulletin.figures,
            _items(bulletin, column, draw, grouped_numbers=True, style=style),
            strict=True,
        )
    )
    if grouped:
        blocks = []
        for (uk, en), members in GROUPS:
            present = [m for m in members if m in items]
            if not present:
                continue
            heading = uk if lang == "uk" else en
            lines = [items[m] for m in present]
            if lang == "en" and present == ["personnel"] and draw(st.booleans()):
                f = bulletin.figures["personnel"]
                lines = [f"approximately {_value(f, True)} persons."]  # the heading labels it
            blocks.append(
                f"<p><strong>{heading}:</strong></p><ul>"
                + "".join(f"<li>{x}</li>" for x in lines)
                + "</ul>"
            )
        body = "\n".join(blocks)
    else:
        body = "<ul>" + "".join(f"<li>{x}</li>\n" for x in items.values()) + "</ul>"
    caption = f"{title}: {_sp(noise[3])} окупантів, {noise[4]} танків"
    cards = (
        '<div class="news-list"><a class="news-card" href="/news/a"><span class="news-card__date">'
        f'{prev:%d.%m.%Y} 07:05</span><span class="news-card__title">Бойові втрати ворога на '
        f"{_uk_day(prev)}: {_sp(noise[5])} окупантів</span></a></div>"
    )
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title>'
        f'<style>.news-detail{{margin:0}}</style></head><body><main><div class="news-detail">'
        f'<h1 class="news-title">{title}</h1><div class="news-date">{stamp}</div>'
        f'<div class="news-content"><figure><img src="/s.webp" alt="{caption}"><figcaption>'
        f"{caption}</figcaption></figure><div>{lead}\n{body}\n<p>Дані уточнюються.</p></div></div>"
        f"</div>{cards}</main></body></html>"
    )


# ------------------------------------------------------------------ the aggregator
MINFIN = {
    "uk": {
        "tanks": "Танки",
        "armoured_combat_vehicles": '<abbr class="idx-help" title="ББМ (різних типів)">ББМ</abbr>',
        "artillery_systems": "Гармати",
        "mlrs": '<abbr class="idx-help" title="Реактивні системи залпового вогню">РСЗВ</abbr>',
        "air_defense_systems": "Засоби ППО",
        "aircraft": "Літаки",
        "helicopters": "Гелікоптери",
        "uav": '<abbr class="idx-help" title="Безпілотні літальні апарати">БПЛА</abbr>',
        "cruise_missiles": 'Крилаті <span class="idx-help" title="збито">ракети</span>',
        "warships_boats": "Кораблі (катери)",
        "submarines": "Підводні човни",
        "vehicles_fuel_tanks": "Автомобілі та автоцистерни",
        "special_equipment": "Спеціальна техніка",
        "military_auto": "Автомобілі",
        "fuel_tanks": "Цистерни з ПММ",
        "mobile_srbm_systems": 'Пускові установки <abbr class="idx-help" title="x">ОТРК/ТРК</abbr>',
        "ground_robotic_systems": "Наземні робототехнічні комплекси",
    },
    "en": {
        "tanks": "Tanks",
        "armoured_combat_vehicles": "Armored fighting vehicle",
        "artillery_systems": "Artillery systems",
        "mlrs": "MLRS",
        "air_defense_systems": "Anti-aircraft warfare",
        "aircraft": "Planes",
        "helicopters": "Helicopters",
        "uav": "UAV",
        "cruise_missiles": "Cruise missiles",
        "warships_boats": "Ships (boats)",
        "submarines": "Submarines",
        "vehicles_fuel_tanks": "Cars and cisterns",
        "special_equipment": "Special equipment",
        "military_auto": "Military vehicles",
        "fuel_tanks": "Fuel tanks",
        "mobile_srbm_systems": "Mobile SRBM systems",
        "ground_robotic_systems": "Ground robotic systems",
    },
}


def _minfin_day(bulletin: Bulletin, lang: str, infographic: str) -> tuple[str, Bulletin]:
    early = bulletin.date < MERGE_DAY
    items, stated = [], {}
    smalls = False
    for name in [n for n in ORDER if n != "personnel"] + ["personnel"]:  # personnel last
        figure = bulletin.figures.get(name)
        if figure is None:
            continue
        delta = None if early else figure.delta
        small = f" <small>(+{delta})</small>" if delta else ""
        smalls = smalls or bool(small)
        if name == "personnel":
            word, unit = ("близько", "осіб") if lang == "uk" else ("aprx.", "people")
            label = "Особовий склад" if lang == "uk" else "Military personnel"
            value = f'{word} {figure.total} <span class="idx-help" title="x">{unit}</span>{small}'
        else:
            label, value = MINFIN[lang][name], f"{figure.total}{small}"
        items.append(f"<li>{label}&nbsp;&mdash; {value}</li>")
        stated[name] = (figure.total, delta)
    figures = {
        name: Figure(
            total,
            delta if delta else (0 if smalls else None),
            "about" if name == "personnel" else None,
        )
        for name, (total, delta) in stated.items()
    }
    figures = {n: figures[n] for n in ORDER if n in figures}
    html = (
        f"<li class='gold'><span class='black'>{bulletin.date:%d.%m.%Y}</span>"
        f"<div class='casualties'>\n<div><ul>{''.join(items)}</ul></div>\n"
        f"<div><img src='x.jpg' alt=''></div>\n</div>\n{infographic}"
    )
    return html, Bulletin(bulletin.date, "minfin", lang, figures)


@st.composite
def minfin_pages(draw) -> tuple[list[Bulletin], bytes, str]:
    """(what each day states, newest first; page or month fragment; URL) in uk or en."""
    first = draw(bulletins())
    lang = draw(st.sampled_from(["uk", "en"]))
    days, html = [], []
    for offset in range(draw(st.integers(1, 4))):
        date = first.date - dt.timedelta(days=offset)
        if date < dt.date(2022, 2, 25):
            break
        figures = {n: f for n, f in first.figures.items() if _on(n, date)} or {
            "tanks": Figure(5, None)
        }
        noise = [draw(noise_numbers) for _ in range(2)]
        infographic = (
            f"<div class='infographics-wrap'><big>Втрати військ РФ на {date:%d.%m.%Y}</big>"
            f"<div class='small'>втрати: {noise[0]}</div><div class='small'>війська РФ: "
            f"{noise[1]}</div><ul class='table-comment'><li>Війська РФ&nbsp;&ndash; 2021</li>"
            "</ul></div>"
            if offset == 0
            else ""
        )
        day_html, stated = _minfin_day(Bulletin(date, "minfin", lang, figures), lang, infographic)
        html.append(day_html)
        days.append(stated)
    edition = "ua" if lang == "uk" else "en"
    body = "<ul class='see-also'>" + "".join(html) + "</ul>"
    if draw(st.booleans()):
        body = (
            f"<!DOCTYPE html><html><head><base href='https://index.minfin.com.ua/{edition}/'>"
            f"</head><body><article id='idx-content'>{body}<div class='ajaxmonth'><h4><a href="
            f"'russian-invading/casualties/2024-05/'>x</a></h4></div><ul class='see-also'><li "
            "class='gold'><span class='black'>Див. також:</span><ul><li><a href='x/'>Втрати</a>"
            "</li></ul></li></ul></article></body></html>"
        )
    url = f"https://index.minfin.com.ua/{edition}/russian-invading/casualties/"
    return days, body.encode(), url


def _on(name: str, date: dt.date) -> bool:
    from tests.support.renderers import categories_on

    return name in categories_on(date)
