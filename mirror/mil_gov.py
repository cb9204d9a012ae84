"""www.mil.gov.ua, 2022-02-27 … 2024-10-06 (SITES.md §1): day pages in Ukrainian and
English, other news and decoys, the news listing. Pure renderers: data in, bytes out.

The article is `div#article` › `div#article_heading h1` + `span.aticle-date`, then
`div#aticle-content` (sic) with one `<p>` per item (`p.justifyfull` in Ukrainian); the
"ОСТАННІ НОВИНИ" / "LATEST NEWS" sidebar follows in `div#colbase2news`."""

from __future__ import annotations

import datetime as dt
import textwrap
from collections.abc import Sequence
from html import escape

from mirror import chrome, eras, labels, titles
from mirror.dates import MONTHS_UK_GENITIVE, mix
from mirror.news import decoy_text, direction_line, en_day_month
from mirror.views import DayView, Line, Link, text, with_unknown

_DASHES = ("-", "‒", "–")
_SITE_NAME = {"uk": "Міністерство оборони України", "en": "Міноборони"}
_OG_SITE_NAME = {"uk": "Міністерство оборони України", "en": "Ministry of Defence of Ukraine"}
_SIDEBAR_HEADING = {"uk": "ОСТАННІ НОВИНИ", "en": "LATEST NEWS"}
_QUALIFIERS = {
    "uk": {"about": "близько", "more": "понад"},
    "en": {"about": "about", "more": "more than"},
}
_OUTRO = {
    "uk": (
        "Дані уточнюються.",
        "Разом переможемо! Наша сила - в правді!",
        "<em>Генеральний штаб ЗСУ</em>",
    ),
    "en": (
        "Data are being updated.",
        "Strike the occupier! Let's win together! Our strength is in the truth!",
    ),
}


def stamp(when: dt.datetime, lang: str) -> str:
    """The article's timestamp: '08 липня 2022, 09:25' / '2022-04-12 06:00:00'."""
    if lang == "uk":
        return f"{when:%d} {MONTHS_UK_GENITIVE[when.month - 1]} {when.year}, {when:%H:%M}"
    return f"{when:%Y-%m-%d %H:%M:%S}"


def listing_time(when: dt.datetime, lang: str) -> str:
    """An absolute `p.meta`: '08 липня 2022, 09:25' / '05 june 2022, 06:00'."""
    if lang == "uk":
        return stamp(when, "uk")
    return f"{en_day_month(when.date())}, {when:%H:%M}"


def _hours_uk(hours: int) -> str:
    if hours % 10 == 1 and hours != 11:
        return f"{hours} годину тому"
    if 2 <= hours % 10 <= 4 and not 12 <= hours <= 14:
        return f"{hours} години тому"
    return f"{hours} годин тому"


def sidebar_time(when: dt.datetime, now: dt.datetime, lang: str) -> str:
    """The sidebar's `p.meta`, relative to the page's own time: '3 hours ago', '2 години
    тому', 'Yesterday at 22:55', else absolute."""
    if when.date() == now.date():
        hours = int((now - when).total_seconds() // 3600)
        if hours < 1:
            return f"{when:%H:%M}" if lang == "uk" else f"Today at {when:%H:%M}"
        return _hours_uk(hours) if lang == "uk" else f"{hours} hour{'s' if hours > 1 else ''} ago"
    if when.date() == now.date() - dt.timedelta(days=1):
        return f"Вчора о {when:%H:%M}" if lang == "uk" else f"Yesterday at {when:%H:%M}"
    return listing_time(when, lang)


# ---------------------------------------------------------------------- items


def _dash(era: dt.date, category: str) -> str:
    return _DASHES[mix("mil-dash", era, category) % 3]


def _figures(line: Line, era: dt.date) -> str:
    delta = f" ({line.delta:+d})" if isinstance(line.delta, int) else f" (+{line.delta})"
    return f"{line.total}{delta if eras.has_increases(era) and line.delta is not None else ''}"


def _uk_item(line: Line, era: dt.date) -> str:
    if line.category == labels.UNKNOWN:
        label = labels.UNKNOWN_LABEL["uk"]
    else:
        label = labels.MIL_UK[line.category]
    dash = _dash(era, line.category)
    if line.category == "personnel":
        qualifier = _QUALIFIERS["uk"].get(line.qualifier or "", "")
        words = f"{qualifier} " if qualifier else ""
        return f"{label} {dash} {words}{_figures(line, era)} осіб ліквідовано"
    unit = " од" if line.category in labels.MIL_UNIT_ITEMS else ""
    return f"{label} {dash} {_figures(line, era)}{unit}"


def _en_item(line: Line, era: dt.date, seed: int) -> str:
    if line.category == labels.UNKNOWN:
        label = labels.UNKNOWN_LABEL["en"]
    else:
        label = labels.mil_en(line.category, era)
    dash = _dash(era, line.category)
    figures = _figures(line, era)
    ukrainian_units = not eras.has_increases(era)  # early English pages kept "осіб", "од"
    if line.category == "personnel":
        qualifier = _QUALIFIERS["en"].get(line.qualifier or "", "")
        if ukrainian_units:
            return f"{label} {dash} {qualifier} {figures} осіб".replace("  ", " ")
        style = mix(seed, "mil-en-personnel", era) % 4
        if style == 0:
            return f"{label} {dash}{qualifier} {figures} persons were liquidated"  # "‒about"
        if style == 1:
            return f"{label} {dash} {qualifier} {figures} &nbsp;persons were liquidated"
        tail = "persons" if era.year >= 2023 and style == 3 else "persons were liquidated"
        return f"{label} {dash} {qualifier} {figures} {tail}"
    unit_items = labels.MIL_UNIT_ITEMS
    if ukrainian_units and line.category in unit_items:
        return f"{label} {dash} {figures} од"
    stray = mix(seed, "mil-en-od", era) % 4 == 0 and line.category in (
        "warships_boats",
        "vehicles_fuel_tanks",
    )
    return f"{label} {dash} {figures}{' од' if stray else ''}"


def _items(view: DayView, lang: str, seed: int, layout: str | None) -> list[str]:
    lines = with_unknown(view, layout)
    if lang == "uk":
        texts = [_uk_item(line, view.era) for line in lines]
    else:
        texts = [_en_item(line, view.era, seed) for line in lines]
    return [
        f"{text(t).replace('&amp;nbsp;', '&nbsp;')}{',' if i < len(texts) - 1 else '.'}"
        for i, t in enumerate(texts)
    ]


# ---------------------------------------------------------------- the article


def _paragraphs(texts: Sequence[str], lang: str) -> list[str]:
    cls = ' class="justifyfull"' if lang == "uk" else ""
    return [f"<p{cls}>{t}</p>" for t in texts]


def _pretty(block: str, indent: int = 12) -> str:
    """What a browser's "page source" pretty-printer makes of the article [real: 008]:
    one tag a line, indented, long text wrapped across lines."""
    out = []
    pad = " " * indent
    for raw in block.splitlines():
        line = raw.strip()
        if not line:
            continue
        if line.startswith(("<p", "<h1")) and len(line) > 64:
            tag = line[: line.index(">") + 1]
            name = tag[1:].split(">")[0].split()[0]
            content = line[len(tag) : -len(f"</{name}>")]
            wrapped = textwrap.wrap(content, 62)
            out.append(f"{pad}{tag}")
            out += [f"{pad}  {w}" for w in wrapped]
            out.append(f"{pad}</{name}>")
        else:
            out.append(f"{pad}{line}")
    return "\n".join(out)


def _wrapped_headline(text: str) -> str:
    """The Ukrainian headline as the CMS stores it, wrapped at ~70 columns [real: 013]."""
    return " \n".join(textwrap.wrap(text, 70))


def article(
    view: DayView,
    lang: str,
    *,
    title: str,
    published: dt.datetime,
    number: int,
    seed: int = 0,
    layout: str | None = None,
    pretty: bool = False,
) -> str:
    era = view.era
    items = _items(view, lang, seed, layout)
    lead = titles.mil_uk_lead(view.date) if lang == "uk" else titles.mil_en_lead(view.date)
    outro = list(_OUTRO[lang])
    if view.direction:
        outro.insert(0, direction_line(view.direction, lang))
    if lang == "en" and mix(seed, "mil-en-dot", era) % 3 == 0:
        outro[-2] = outro[-2].rstrip(".")  # "Data are being updated"
    # The stated date (a `future` fault moves it) shows in the timestamp too.
    shown = published if view.date == era else dt.datetime.combine(view.date, published.time())
    when = stamp(shown, lang)
    heading = _wrapped_headline(title) if lang == "uk" else title
    if layout == "table":
        rows = "\n".join(
            f"<tr><td>{item.split(' ', 1)[0]}</td><td>{item}</td></tr>" for item in items
        )
        body = f'<table class="losses-table"><tbody>\n{rows}\n</tbody></table>'
    else:
        body = "\n".join(_paragraphs(items, lang))
    paragraphs = _paragraphs([text(lead)], lang)[0]
    closing = "\n".join(_paragraphs([o if o.startswith("<") else text(o) for o in outro], lang))
    if layout == "classes":
        return (
            f'<div class="publication">\n<h2 class="publication__title">{text(title)}</h2>\n'
            f'<time class="publication__time">{when}</time>\n<div class="publication__body">\n'
            f"{paragraphs}\n{body}\n{closing}\n</div></div>"
        )
    block = (
        f'<div id="article">\n<div id="article_heading">\n<h1>{text(heading)}</h1>\n'
        f'<span class="aticle-date">{when} |<span style="color:red;"><b> ID: {number} </b>'
        f"</span></span>\n</div>\n"
        '<div id="aticle-content">\n'
        '<div style="float: left; width: 120px; margin-right: 14px; text-align: center;">\n'
        '<div class="ms2Gallery">\n\n</div>\n</div>\n'
        f'{paragraphs}\n{body}\n{closing}\n<hr size="1" color="#cecece">\n</div>\n</div>'
    )
    return _pretty(block) if pretty and lang == "en" else block


def sidebar(links: Sequence[Link], lang: str) -> str:
    posts = "\n".join(
        f'<div class="news-post">\n<a href="{escape(link.href)}">\n{escape(link.title)}</a>\n'
        f'<p class="meta">{link.when}</p></div>'
        for link in links
    )
    return (
        f'<div id="colbase2news">\n<h5>{_SIDEBAR_HEADING[lang]}</h5>\n<div id="actual">\n'
        f'<div class="actwrap">\n{posts}\n<div class="news-post">\n</div>\n<h5></h5>\n'
        '<div class="news-post">\n</div>\n</div>\n</div>\n</div>\n'
    )


def _head(title: str, lang: str, base: str | None) -> str:
    """Two heads the site served: with a <base> (and relative links) or without."""
    if base is not None:
        opening = f'<html class=""><head>\n<base href="{escape(base)}">\n'
    else:
        opening = '<!DOCTYPE html>\n<html class=""><head>\n'
    return (
        f"{opening}<title>{text(title)} | {_SITE_NAME[lang]}</title>\n"
        f'<meta property="og:title" content="{escape(title)}">\n'
        f'<meta property="og:site_name" content="{_OG_SITE_NAME[lang]}">\n'
    )


def _page(title: str, lang: str, content: str, links: Sequence[Link], base: str | None) -> bytes:
    parts = chrome.mil_gov(lang)
    return b"".join(
        (
            _head(title, lang, base).encode(),
            parts.head_close,
            content.encode(),
            b"\n",
            parts.tail_open,
            sidebar(links, lang).encode() if links else b"",
            parts.tail,
        )
    )


def day_page(
    view: DayView,
    lang: str,
    *,
    title: str,
    published: dt.datetime,
    number: int,
    links: Sequence[Link],
    base: str | None = None,
    seed: int = 0,
    layout: str | None = None,
    pretty: bool = False,
    repeat: int = 1,
) -> bytes:
    """A bulletin's page. `title` is the page's headline (uk) or title (en); `links` the
    sidebar; `base` the <base href> of pages whose links are relative."""
    block = article(
        view,
        lang,
        title=title,
        published=published,
        number=number,
        seed=seed,
        layout=layout,
        pretty=pretty,
    )
    return _page(title, lang, "\n".join([block] * repeat), links, base)


def news_page(
    title: str,
    lang: str,
    *,
    published: dt.datetime,
    number: int,
    links: Sequence[Link],
    decoy: int | None = None,
    base: str | None = None,
) -> bytes:
    """Another news item; a decoy (`decoy`: which text) speaks of losses but states none."""
    if decoy is not None:
        texts = decoy_text(decoy, lang)
    else:
        texts = {
            "uk": ("Повідомляє пресслужба Міністерства оборони України.",),
            "en": ("The press service of the Ministry of Defence of Ukraine reports.",),
        }[lang]
    paragraphs = "\n".join(_paragraphs([text(t) for t in texts], lang))
    block = (
        f'<div id="article">\n<div id="article_heading">\n<h1>{text(title)}</h1>\n'
        f'<span class="aticle-date">{stamp(published, lang)} |<span style="color:red;"><b> ID: '
        f'{number} </b></span></span>\n</div>\n<div id="aticle-content">\n{paragraphs}\n'
        '<hr size="1" color="#cecece">\n</div>\n</div>'
    )
    return _page(title, lang, block, links, base)


# ------------------------------------------------------------------- listing


def _pagination(base: str, page: int, last_page: int) -> str:
    items = [f'<li><a href="{base}?page=1">1</a></li>']
    for n in range(max(2, page - 2), min(last_page, page + 2) + 1):
        if n == page:
            items.append(f'<li class="active"><span>{n}</span></li>')
        else:
            items.append(f'<li><a href="{base}?page={n}">{n}</a></li>')
    if page < last_page:
        items.append(f'<li class="next"><a href="{base}?page={page + 1}">»</a></li>')
    items.append(f'<li class="last"><a href="{base}?page={last_page}">{last_page}</a></li>')
    return '<ul class="pagination">' + "".join(items) + "</ul>"


def listing_page(
    links: Sequence[Link],
    lang: str,
    *,
    base: str,
    page: int,
    last_page: int,
    layout: str | None = None,
) -> bytes:
    """A page of /news/?page=N (`base`: the listing's absolute URL without the query)."""
    heading = {"uk": "Новини", "en": "News"}[lang]
    if layout == "table":
        rows = "\n".join(
            f'<tr><td class="date">{link.when}</td><td><a href="{escape(link.href)}">'
            f"{escape(link.title)}</a></td></tr>"
            for link in links
        )
        items = f'<table class="news-table"><tbody>\n{rows}\n</tbody></table>'
    elif layout == "classes":
        items = (
            '<ul class="articles">\n'
            + "\n".join(
                f'<li class="article-card"><time class="article-card__date">{link.when}</time> '
                f'<a class="article-card__link" href="{escape(link.href)}">{text(link.title)}'
                "</a></li>"
                for link in links
            )
            + "\n</ul>"
        )
    else:
        items = (
            '<div class="actwrap">\n'
            + "\n".join(
                f'<div class="news-post"><a href="{escape(link.href)}">{text(link.title)}</a>'
                f'<p class="meta">{link.when}</p></div>'
                for link in links
            )
            + "\n</div>"
        )
    content = (
        f'<div id="article">\n<div id="article_heading">\n<h1>{heading}</h1>\n</div>\n'
        f"{items}\n{_pagination(base, page, last_page)}\n</div>"
    )
    return _page(f"{heading} ({page})", lang, content, (), None)
