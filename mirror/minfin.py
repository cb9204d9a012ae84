"""index.minfin.com.ua `/{ua|en}/russian-invading/casualties/` (SITES.md §5): the bare
page, month pages and `month.php` fragments. Pure renderers: data in, bytes out.

A day is `<li class='gold'>` and is **never closed** [real: 020, 021]; attributes are
single-quoted (the label wrappers double-quoted); personnel comes last; a zero increase
is omitted; before 2022-05-01 no increase at all. Links are relative to
`<base href='…/ua/'>`, as on the real site."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

from mirror import chrome, eras, labels
from mirror.dates import MONTHS_EN, MONTHS_UK_NOMINATIVE
from mirror.views import DayView, Line, text, with_unknown

_TEXT = {
    "uk": {
        "title": "Втрати Росії в Україні - офіційні дані",
        "month_title": "Втрати Росії в Україні - {month}",
        "h1": "Втрати російської армії в Україні",
        "intro": "Статистика втрат ворога (зростаючим підсумком) за даними Міністерства "
        "оборони України, день за днем.",
        "see_also": "Див. також:",
        "see_also_links": (
            ("russian-invading/casualties/", "Втрати Росії в Україні"),
            ("russian-invading/casualties/cost/", "Вартість втрат російського війська"),
            ("russian-invading/sanctions/", "Санкції проти Росії"),
            ("russian-invading/supporting-ukraine/", "Підтримка України у світі"),
        ),
        "infographic": "Втрати військ РФ на {date}",
        "losses": "втрати",
        "forces": "війська РФ",
        "comment": "Війська РФ&nbsp;&ndash; оцінка за відкритими довідниками",
        "dynamics": "Динаміка втрат російської армії:",
    },
    "en": {
        "title": "Russia's losses in Ukraine - official data",
        "month_title": "Russia's losses in Ukraine - {month}",
        "h1": "Losses of the Russian army in Ukraine",
        "intro": "Statistics of the enemy's losses (cumulative) according to the Ministry of "
        "Defence of Ukraine, day by day.",
        "see_also": "See also:",
        "see_also_links": (
            ("russian-invading/casualties/", "Russia's losses in Ukraine"),
            ("russian-invading/casualties/cost/", "Cost of the Russian army's losses"),
            ("russian-invading/sanctions/", "Sanctions against Russia"),
            ("russian-invading/supporting-ukraine/", "Support of Ukraine in the world"),
        ),
        "infographic": "Losses of RF troops as of {date}",
        "losses": "losses",
        "forces": "RF troops",
        "comment": "RF troops&nbsp;&ndash; estimated from open reference books",
        "dynamics": "Dynamics of the Russian army's losses:",
    },
}
_IMAGE = "../minfin/russian-invading/casualties/img/11.jpg"
# The infographic's diagrams: category and the size of the forces it compares with.
_DIAGRAMS = (
    ("tanks", 3300),
    ("armoured_combat_vehicles", 13800),
    ("aircraft", 1400),
    ("helicopters", 950),
    ("personnel", 900000),
)


def month_name(month: str, lang: str) -> str:
    """'2023-03' -> 'Березень 2023' / 'March 2023'."""
    names = MONTHS_UK_NOMINATIVE if lang == "uk" else MONTHS_EN
    return f"{names[int(month[5:7]) - 1]} {month[:4]}"


def _february(view: DayView) -> bool:
    return view.era.year == 2022 and view.era.month == 2


def _label(category: str, lang: str, february: bool) -> str:
    if category == labels.UNKNOWN:
        return labels.UNKNOWN_LABEL["minfin-ua" if lang == "uk" else "minfin-en"]
    if lang == "uk":
        return (labels.MINFIN_UA_FEBRUARY if february else labels.MINFIN_UA)[category]
    return (labels.MINFIN_EN_FEBRUARY if february else labels.MINFIN_EN)[category]


def _ordered(view: DayView, lines: Sequence[Line]) -> list[Line]:
    order = labels.MINFIN_FEBRUARY_ORDER if _february(view) else labels.MINFIN_ORDER
    rank = {name: i for i, name in enumerate(order)}
    known = sorted((li for li in lines if li.category in rank), key=lambda li: rank[li.category])
    # The aggregator lists personnel last; a category it never had goes before it.
    unknown = [li for li in lines if li.category not in rank]
    if known and known[-1].category == "personnel":
        return known[:-1] + unknown + known[-1:]
    return known + unknown


def _small(line: Line, view: DayView) -> str:
    if not eras.has_increases(view.era) or line.delta is None or line.delta == 0:
        return ""
    delta = f"{line.delta:+d}" if isinstance(line.delta, int) else str(line.delta)
    return f" <small>({delta})</small>"


def _value(line: Line, view: DayView, lang: str) -> str:
    if line.category != "personnel":
        word = labels.MINFIN_FEBRUARY_QUALIFIERS.get((view.era, line.category))
        if word and lang == "en":
            word = labels.MINFIN_QUALIFIERS_EN[word]
        return f"{word} {line.total}" if word else str(line.total)
    qualifier = (
        labels.MINFIN_MORE[lang]
        if line.qualifier == "more"
        else labels.MINFIN_PERSONNEL_QUALIFIER[lang]
    )
    tail = ""
    if view.pow:
        tail = f", {labels.MINFIN_MORE[lang]} {view.pow} {labels.MINFIN_PRISONERS[lang]}"
    plain = lang == "en" or _february(view) or tail
    unit = labels.MINFIN_PERSONNEL_UNIT_PLAIN[lang] if plain else labels.MINFIN_PERSONNEL_UNIT[lang]
    return f"{qualifier} {line.total} {unit}{tail}"


def _items(view: DayView, lang: str, layout: str | None) -> list[str]:
    february = _february(view)
    out = []
    for line in _ordered(view, with_unknown(view, layout)):
        label = _label(line.category, lang, february)
        value = f"{_value(line, view, lang)}{_small(line, view)}"
        if layout == "table":
            out.append(f"<tr><td>{label}</td><td>{value}</td></tr>")
        else:
            out.append(f"<li>{label}&nbsp;&mdash; {value}</li>")
    return out


def _pie(name: str, share: float) -> str:
    """A two-slice pie of the infographic (own drawing)."""
    angle = 2 * math.pi * share
    x, y = 85 * math.cos(angle), -49 * math.sin(angle)
    large = 1 if share > 0.5 else 0
    return (
        f'<svg version="1.1" xmlns="http://www.w3.org/2000/svg" width="270" height="154" '
        f'viewBox="-135 -77 270 154" id="losses_{name}">\n'
        f'<rect x="-135" y="-77" width="270" height="154" style="fill:#fff;stroke:none;" />\n'
        f'<path d="M 0,0 L 85,0 A 85,49 0 {1 - large} 1 {x:.1f},{y:.1f} Z" style="fill:#eee;" />\n'
        f'<path d="M 0,0 L {x:.1f},{y:.1f} A 85,49 0 {large} 0 85,0 Z" style="fill:#c53;" />\n'
        f'<text x="-70" y="55">{100 * (1 - share):.1f}%</text>'
        f'<text x="70" y="-40">{100 * share:.1f}%</text>\n</svg>'
    )


def _infographic(view: DayView, lang: str) -> str:
    words = _TEXT[lang]
    diagrams = []
    february = _february(view)
    for category, forces in _DIAGRAMS:
        line = view.line(category)
        if line is None or not isinstance(line.total, int):
            continue
        share = line.total / (line.total + forces)
        diagrams.append(
            "<div class='infographic-diagram'>\n"
            f"<div class='infographic-diagram-header'><strong>{_label(category, lang, february)}"
            f"</strong><br>\n</div>\n<div style='width:270px;overflow:hidden;'>\n"
            f"{_pie(category, share)}\n</div>\n<div class='infographic-diagram-legend'>"
            f"<div class='small' style='color:#b42'>{words['losses']}: {line.total}</div>"
            f"<div class='small' style='color:#777'>{words['forces']}: {forces}</div></div>\n</div>"
        )
    options = "".join(
        f"<option value='{c}'>{re.sub('<[^>]+>', '', _label(c, lang, False))}</option>"
        for c, _ in _DIAGRAMS
    )
    return (
        f"<div class='casualties_wrap'><p class='big'>{words['dynamics']}</p>"
        f"<form name='losses_chart_form'>\n<select name='chart_category'>{options}</select>\n"
        "</form>\n<div class='chart-box'><object id='losses_chart' "
        "data='russian-invading/casualties/chart.php?span=120&what=personnel' "
        "type='image/svg+xml'></object></div>\n</div>\n"
        "<div class='infographics-wrap'>\n<div class='infographics'>\n"
        f"<big>{words['infographic'].format(date=f'{view.date:%d.%m.%Y}')}<br></big>\n"
        "<div class='infographics-frame'>\n" + "\n".join(diagrams) + "\n"
        f"<ul class='table-comment'><li>{words['comment']}</li></ul>\n</div>\n</div>\n</div>\n"
    )


def day(view: DayView, lang: str, *, first: str = "", layout: str | None = None) -> str:
    """One day, unclosed. `first`: "infographic" (the bare page's first day) or "image"
    (a month page's current day) add what the real page has there."""
    items = _items(view, lang, layout)
    date = f"{view.date:%d.%m.%Y}"
    if layout == "table":
        return (
            f"<li class='gold'><span class='black'>{date}</span>\n"
            f"<table class='casualties'><tbody>\n" + "\n".join(items) + "\n</tbody></table>\n"
        )
    if layout == "classes":
        return (
            f"<li class='day'><span class='day__date'>{date}</span><div class='losses'>\n"
            f"<div><ul>{''.join(items)}</ul></div>\n</div>\n"
        )
    image = ""
    if first:
        image = f"<div><img src='{_IMAGE}' border=0 alt=''></div>\n"
    out = (
        f"<li class='gold'><span class='black'>{date}</span><div class='casualties'>\n"
        f"<div><ul>{''.join(items)}</ul></div>\n{image}</div>\n"
    )
    if first == "infographic":
        out += _infographic(view, lang)
    return out


def days(views: Sequence[DayView], lang: str, *, first: str = "", layout: str | None = None) -> str:
    """`<ul class='see-also'>` of days, newest first (`first` decorates the first one)."""
    css = "losses-list" if layout == "classes" else "see-also"
    inner = "".join(
        day(view, lang, first=first if i == 0 else "", layout=layout)
        for i, view in enumerate(views)
    )
    return f"<ul class='{css}'>{inner}</ul>"


def _month_links(months: Sequence[str], lang: str) -> str:
    return "".join(
        f"<div class='ajaxmonth'><h4 class='normal'><a href='russian-invading/casualties/{m}/' "
        f"id='a_month_{m}' style='border-bottom:1px dashed' onclick=\"return "
        f"casualtiesMonthClick('{m}')\">{month_name(m, lang)}</a></h4><div id='ajaxmonth_{m}'>"
        "</div>\n</div>\n"
        for m in months
    )


def _see_also(lang: str, current: bool) -> str:
    words = _TEXT[lang]
    links = []
    for href, label in words["see_also_links"]:
        if current and href == "russian-invading/casualties/":
            links.append(f"<li><span>{label}</span></li>")
        else:
            links.append(f"<li><a href='{href}'>{label}</a></li>")
    return (
        f"<ul class='see-also'><li class='gold'><span class='black'>{words['see_also']}</span>"
        f"<ul>{''.join(links)}</ul></li></ul>\n"
    )


def _page(lang: str, title: str, base: str, heading: str, content: str) -> bytes:
    parts = chrome.minfin(lang)
    words = _TEXT[lang]
    edition = "ua" if lang == "uk" else "en"
    head = f"<title>{text(title)}</title>\n<base href='{base}/{edition}/' target='_top'>\n"
    article = (
        f"<article id='idx-content'>\n<h1 class='headline'>{heading}</h1>\n<div>\n<p>\n"
        f"{words['intro']}\n</p>\n</div>\n<aside id='idx-contentbanner1'>\n"
        '<div data-bn-slot="bn-slot-content-1"></div>\n</aside>\n'
        f"{content}</article>\n"
    )
    return b"".join(
        (parts.head_open, head.encode(), parts.head_close, article.encode(), parts.tail)
    )


def bare_page(
    views: Sequence[DayView],
    earlier_months: Sequence[str],
    lang: str,
    *,
    base: str,
    layout: str | None = None,
) -> bytes:
    """The current and the previous month's days (newest first), then one div.ajaxmonth
    per earlier month (newest first), then the see-also block. `base`: the aggregator's
    absolute root (…/minfin)."""
    content = (
        f"{days(views, lang, first='infographic', layout=layout)}"
        f"{_month_links(earlier_months, lang)}<aside id='idx-contentbanner2'>\n"
        f'<div data-bn-slot="bn-slot-content-2"></div>\n</aside>\n{_see_also(lang, True)}'
    )
    words = _TEXT[lang]
    return _page(lang, words["title"], base, words["h1"], content)


def month_page(
    current: DayView,
    month: str,
    views: Sequence[DayView],
    lang: str,
    *,
    base: str,
    layout: str | None = None,
) -> bytes:
    """…/casualties/YYYY-MM/: the current day first, then that month's days."""
    name = month_name(month, lang)
    content = (
        f"{days([current], lang, first='image', layout=layout)}"
        f"<div class='ajaxmonth'><h4>{name}</h4></div>\n{days(views, lang, layout=layout)}"
        f"<aside id='idx-contentbanner2'>\n<div data-bn-slot=\"bn-slot-content-2\"></div>\n"
        f"</aside>\n{_see_also(lang, False)}"
    )
    words = _TEXT[lang]
    title = words["month_title"].format(month=name.lower() if lang == "uk" else name)
    return _page(lang, title, base, words["h1"], content)


def month_fragment(views: Sequence[DayView], lang: str, *, layout: str | None = None) -> bytes:
    """month.php?month=YYYY-MM: the month's `<ul class='see-also'>` only."""
    return (days(views, lang, layout=layout) + "\n").encode()
