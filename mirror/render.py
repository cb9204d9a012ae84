"""Pure renderers: one day's figures (or a list of news entries) in, page bytes out,
in exactly the formats of DESIGN.md ("Exact formats the mirror serves").

Renderers take `DayView`s rather than `ReferenceDay`s so that fault injection can
show a total as text ("12O") or a date in the future without a second renderer.
`layout` selects a page layout no parser knows (the `layout` fault): None (normal),
"table", "classes" or "labels"."""

from __future__ import annotations

import datetime as dt
import json
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from mirror.chrome import PageChrome, minfin_chrome, mod_chrome
from mirror.labels import (
    MINFIN_ABBR_TITLES,
    MINFIN_LABELS,
    MINFIN_PERSONNEL_UNIT,
    MOD_EQUIPMENT_UNIT,
    MOD_LABELS,
    MOD_PERSONNEL_UNIT,
    QUALIFIER_WORDS,
    UNKNOWN_CATEGORY_LABEL,
)
from mirror.news import (
    BULLETIN_OUTRO,
    NEXT_PAGE_WORD,
    PREVIOUS_PAGE_WORD,
    RELATED_HEADING,
    bulletin_intro,
    bulletin_title,
)
from mirror.reference import ReferenceDay
from parsers.vocabulary import BY_NAME, war_day

LAYOUTS = ("table", "classes", "labels")
BLOCK_STYLES = ("ul", "p", "br")
DASHES = ("—", "–", "‒", "-")
UNKNOWN = "__unknown__"  # the category of the line the `labels` layout adds
API_MESSAGE = "The data were fetched successfully."
MINFIN_PATH = "/minfin/{edition}/russian-invading/casualties/"
MONTH_NAMES = {
    "uk": (
        "Січень",
        "Лютий",
        "Березень",
        "Квітень",
        "Травень",
        "Червень",
        "Липень",
        "Серпень",
        "Вересень",
        "Жовтень",
        "Листопад",
        "Грудень",
    ),
    "en": (
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
    ),
}


@dataclass(frozen=True, slots=True)
class Line:
    """One category as a document shows it (total/delta may be text when faulted)."""

    category: str
    total: int | str
    delta: int | str | None
    qualifier: str | None = None


@dataclass(frozen=True, slots=True)
class DayView:
    """One bulletin as a document states it."""

    date: dt.date
    lines: tuple[Line, ...]
    published: str = "09:30"  # HH:MM the MoD page shows


@dataclass(frozen=True, slots=True)
class NewsEntry:
    """One item of the MoD news feed (a bulletin or an unrelated news item)."""

    date: dt.date
    published: str  # HH:MM
    url: str
    title: str
    is_bulletin: bool


def day_view(day: ReferenceDay, published: str = "09:30") -> DayView:
    lines = tuple(
        Line(name, fig.total, fig.delta, fig.qualifier) for name, fig in day.figures.items()
    )
    return DayView(day.date, lines, published)


def _mix(date: dt.date, salt: str) -> int:
    return zlib.crc32(f"{salt}:{date.isoformat()}".encode())


def mod_style(date: dt.date) -> tuple[str, str]:
    """The block style and dash a MoD day page uses, varying deterministically per date."""
    return BLOCK_STYLES[_mix(date, "block") % 3], DASHES[_mix(date, "dash") % 4]


def publication_time(date: dt.date, salt: str = "bulletin") -> str:
    minutes = _mix(date, salt) % 150
    base = 8 * 60 if salt == "bulletin" else 13 * 60
    return f"{(base + minutes) // 60:02d}:{(base + minutes) % 60:02d}"


def _signed(delta: int | str) -> str:
    return f"{delta:+d}" if isinstance(delta, int) else delta


def _lines(view: DayView, layout: str | None) -> tuple[Line, ...]:
    if layout == "labels":
        return (*view.lines, Line(UNKNOWN, 3, 1))
    return view.lines


# ---------------------------------------------------------------- MoD day page


def _mod_line(line: Line, lang: str) -> tuple[str, str]:
    """(label, figures) of one MoD line, e.g. ("танків", "7794 (+15) од")."""
    label = (
        UNKNOWN_CATEGORY_LABEL["mod"][lang]
        if line.category == UNKNOWN
        else MOD_LABELS[lang][line.category]
    )
    qualifier = f"{QUALIFIER_WORDS[lang][line.qualifier]} " if line.qualifier else ""
    unit = MOD_PERSONNEL_UNIT[lang] if line.category == "personnel" else MOD_EQUIPMENT_UNIT[lang]
    delta = f" ({_signed(line.delta)})" if line.delta is not None else ""
    figures = f"{qualifier}{line.total}{delta}"
    return escape(label, quote=False), escape(f"{figures} {unit}" if unit else figures, quote=False)


def mod_article(
    view: DayView,
    lang: str,
    *,
    block: str = "ul",
    dash: str = "—",
    layout: str | None = None,
) -> str:
    """The <article> of a MoD day page."""
    title = escape(bulletin_title(view.date, lang))
    lines = [_mod_line(line, lang) for line in _lines(view, layout)]
    ends = [","] * (len(lines) - 1) + ["."]
    when = f"{view.date:%d.%m.%Y} {view.published}"
    texts = [
        f"{label} {dash} {figures}{end}" for (label, figures), end in zip(lines, ends, strict=True)
    ]
    if layout == "table":
        rows = "\n".join(f"<tr><td>{label}</td><td>{figures}</td></tr>" for label, figures in lines)
        body = f'<table class="losses-table"><tbody>\n{rows}\n</tbody></table>'
    elif block == "ul":
        body = "<ul>\n" + "\n".join(f"<li>{text}</li>" for text in texts) + "\n</ul>"
    elif block == "p":
        body = "\n".join(f"<p>{text}</p>" for text in texts)
    else:
        body = "<p>" + "<br>\n".join(texts) + "</p>"
    intro = f"<p>{escape(bulletin_intro(bulletin_title(view.date, lang), lang))}</p>"
    outro = f"<p>{BULLETIN_OUTRO[lang]}</p>"
    if layout == "classes":
        return (
            f'<div class="publication">\n<h2 class="publication__title">{title}</h2>\n'
            f'<time class="publication__time">{when}</time>\n<div class="publication__body">\n'
            f"{intro}\n{body}\n{outro}\n</div></div>"
        )
    return (
        f'<article class="news-full">\n<h1>{title}</h1>\n<div class="news-date">{when}</div>\n'
        f'<div class="news-text">\n{intro}\n{body}\n{outro}\n</div></article>'
    )


def _related(entries: Sequence[NewsEntry], lang: str) -> str:
    cards = "\n".join(
        f'<div class="related-card"><a href="{escape(e.url)}">'
        f'<img src="/static/img/news-{zlib.crc32(e.url.encode()):08x}.jpg" alt="" width="360" '
        f'height="200" loading="lazy"><span class="related-card__date">{e.date:%d.%m.%Y}</span>'
        f'<span class="related-card__title">{escape(e.title)}</span></a></div>'
        for e in entries
    )
    return (
        f'<section class="related-news"><h2>{RELATED_HEADING[lang]}</h2>'
        f'<div class="related-news__list">\n{cards}\n</div></section>'
    )


def _page(chrome: PageChrome, title: str, content: str, related: str = "") -> bytes:
    return b"".join(
        (
            chrome.head_open,
            f"<title>{escape(title)}</title>\n".encode(),
            chrome.head_close,
            content.encode(),
            chrome.tail_open,
            related.encode(),
            chrome.tail,
        )
    )


_SITE_TITLE = {"uk": "Міністерство оборони України", "en": "Ministry of Defence of Ukraine"}


def mod_day_page(
    view: DayView,
    lang: str,
    *,
    related: Sequence[NewsEntry] = (),
    layout: str | None = None,
    style_date: dt.date | None = None,
    repeat: int = 1,
) -> bytes:
    """A full MoD bulletin page (~250 KB). Block style and dash vary with `style_date`
    (default: the stated date); `repeat` > 1 shows the article that many times."""
    block, dash = mod_style(style_date or view.date)
    article = mod_article(view, lang, block=block, dash=dash, layout=layout)
    title = f"{bulletin_title(view.date, lang)} | {_SITE_TITLE[lang]}"
    content = "\n".join([article] * repeat)
    return _page(mod_chrome(lang), title, content, _related(related, lang))


def mod_news_page(entry: NewsEntry, lang: str, related: Sequence[NewsEntry] = ()) -> bytes:
    """An unrelated news item's page (the feed links to it, crawlers should skip it)."""
    text = {
        "uk": "Повідомляє пресслужба Міністерства оборони України.",
        "en": "The press service of the Ministry of Defence of Ukraine reports.",
    }[lang]
    article = (
        f'<article class="news-full">\n<h1>{escape(entry.title)}</h1>\n'
        f'<div class="news-date">{entry.date:%d.%m.%Y} {entry.published}</div>\n'
        f'<div class="news-text">\n<p>{text}</p>\n</div></article>'
    )
    title = f"{entry.title} | {_SITE_TITLE[lang]}"
    return _page(mod_chrome(lang), title, article, _related(related, lang))


# ------------------------------------------------------------- MoD listing page


def _listing_items(entries: Sequence[NewsEntry], layout: str | None) -> str:
    if layout == "table":
        rows = "\n".join(
            f'<tr><td class="date">{e.date:%d.%m.%Y} {e.published}</td>'
            f'<td><a href="{escape(e.url)}">{escape(e.title)}</a></td></tr>'
            for e in entries
        )
        return f'<table class="news-table"><tbody>\n{rows}\n</tbody></table>'
    if layout == "classes":
        items = "\n".join(
            f'<li class="article-card"><time class="article-card__date">{e.date:%d.%m.%Y} '
            f'{e.published}</time>\n <a class="article-card__link" href="{escape(e.url)}">'
            f"{escape(e.title)}</a></li>"
            for e in entries
        )
        return f'<ul class="articles">\n{items}\n</ul>'
    items = "\n".join(
        f' <div class="news-item"><span class="news-date">{e.date:%d.%m.%Y} {e.published}'
        f'</span>\n  <a class="news-title" href="{escape(e.url)}">{escape(e.title)}</a></div>'
        for e in entries
    )
    return f'<div class="news-list">\n{items}\n</div>'


def _pagination(base: str, page: int, last_page: int, lang: str) -> str:
    links = []
    if page > 1:
        previous = PREVIOUS_PAGE_WORD[lang]
        links.append(f'<a class="prev" href="{base}?page={page - 1}">{previous}</a>')
    for n in sorted({1, *range(max(1, page - 2), min(last_page, page + 2) + 1)}):
        if n == page:
            links.append(f'<span class="current">{n}</span>')
        else:
            links.append(f'<a href="{base}?page={n}">{n}</a>')
    if page < last_page:
        links.append(f'<a class="next" href="{base}?page={page + 1}">{NEXT_PAGE_WORD[lang]}</a>')
    links.append(f'<a class="last" href="{base}?page={last_page}">{last_page}</a>')
    return '<nav class="pagination">' + " ".join(links) + "</nav>"


def mod_listing_page(
    entries: Sequence[NewsEntry],
    lang: str,
    *,
    page: int,
    last_page: int,
    layout: str | None = None,
) -> bytes:
    """A page of the MoD news feed (newest first) with pagination links."""
    base = "/mod/news" if lang == "uk" else "/mod/en/news"
    heading = {"uk": "Новини", "en": "News"}[lang]
    content = (
        f'<h1 class="page-title">{heading}</h1>\n{_listing_items(entries, layout)}\n'
        f"{_pagination(base, page, last_page, lang)}"
    )
    return _page(mod_chrome(lang), f"{heading} ({page}) | {_SITE_TITLE[lang]}", content)


# ------------------------------------------------------------------ aggregator


def _minfin_label(category: str, lang: str) -> str:
    if category == UNKNOWN:
        return UNKNOWN_CATEGORY_LABEL["minfin"][lang]
    label = MINFIN_LABELS[lang][category]
    title = MINFIN_ABBR_TITLES[lang].get(category)
    if title:
        return f'<abbr class="idx-help" title="{escape(title)}">{label}</abbr>'
    return label


def _minfin_lines(view: DayView, lang: str, layout: str | None) -> list[Line]:
    # The aggregator lists equipment first and personnel last.
    lines = _lines(view, layout)
    return [li for li in lines if li.category != "personnel"] + [
        li for li in lines if li.category == "personnel"
    ]


def _minfin_day(view: DayView, lang: str, layout: str | None) -> str:
    items = []
    for line in _minfin_lines(view, lang, layout):
        label = _minfin_label(line.category, lang)
        # A zero increase is omitted, as on the real site.
        delta = (
            f" <small>({_signed(line.delta)})</small>"
            if line.delta is not None and line.delta != 0
            else ""
        )
        if line.category == "personnel":
            qualifier = f"{QUALIFIER_WORDS[lang][line.qualifier]} " if line.qualifier else ""
            value = f"{qualifier}{line.total} {MINFIN_PERSONNEL_UNIT[lang]}"
        else:
            value = str(line.total)
        if layout == "table":
            items.append(f"<tr><td>{label}</td><td>{value}{delta}</td></tr>")
        else:
            items.append(f"<li>{label}&nbsp;— {value}{delta}</li>")
    rows = "\n".join(items)
    date = f"{view.date:%d.%m.%Y}"
    if layout == "table":
        return (
            f'<li class="gold"><span class="black">{date}</span>\n'
            f'<table class="casualties"><tbody>\n{rows}\n</tbody></table></li>'
        )
    if layout == "classes":
        return (
            f'<li class="day"><span class="day__date">{date}</span>\n'
            f'<div class="losses"><div><ul>\n{rows}\n</ul></div></div></li>'
        )
    return (
        f'<li class="gold"><span class="black">{date}</span>\n'
        f'<div class="casualties"><div><ul>\n{rows}\n</ul></div></div></li>'
    )


def minfin_days(views: Sequence[DayView], lang: str, layout: str | None = None) -> str:
    """The days of one month, newest first, as the aggregator lists them."""
    css = "losses-list" if layout == "classes" else "see-also"
    days = "\n".join(_minfin_day(v, lang, layout) for v in views)
    return f'<ul class="{css}">\n{days}\n</ul>'


def minfin_month_url(month: str, lang: str) -> str:
    edition = "ua" if lang == "uk" else "en"
    return MINFIN_PATH.format(edition=edition) + f"month.php?month={month}"


def minfin_full_page(
    views: Sequence[DayView],
    earlier_months: Sequence[str],
    lang: str,
    *,
    layout: str | None = None,
) -> bytes:
    """The aggregator's main page: the current month's days, then one div.ajaxmonth
    per earlier month (newest first) with the link its AJAX loader follows."""
    heading = {"uk": "Втрати росії у війні проти України", "en": "Russian losses in Ukraine"}
    months = "\n".join(
        f'<div class="ajaxmonth" data-month="{m}"><h3><a href="{minfin_month_url(m, lang)}">'
        f"{MONTH_NAMES[lang][int(m[5:7]) - 1]} {m[:4]}</a></h3></div>"
        for m in earlier_months
    )
    content = (
        f'<div class="casualties-page">\n<h1>{heading[lang]}</h1>\n'
        f"{minfin_days(views, lang, layout)}\n{months}\n</div>"
    )
    return _page(minfin_chrome(lang), f"{heading[lang]} | Мінфін", content)


def minfin_month_fragment(
    views: Sequence[DayView], lang: str, *, layout: str | None = None
) -> bytes:
    """month.php?month=YYYY-MM: an HTML fragment with that month's days only."""
    return (minfin_days(views, lang, layout) + "\n").encode()


# --------------------------------------------------------------------- JSON API


def _api_key(category: str) -> str:
    return UNKNOWN_CATEGORY_LABEL["api"]["en"] if category == UNKNOWN else BY_NAME[category].api_key


def api_record(view: DayView, layout: str | None = None) -> dict:
    lines = _lines(view, layout)
    stats = {_api_key(li.category): li.total for li in lines}
    increase = {_api_key(li.category): li.delta for li in lines if li.delta is not None}
    record: dict = {
        "date": view.date.isoformat(),
        "day": war_day(view.date),
        "resource": (
            f"https://www.zsu.gov.ua/news/zagalni-bojovi-vtrati-protivnika-{view.date:%d%m%Y}"
        ),
    }
    if layout == "table":
        record["stats"] = [{"name": k, "value": v} for k, v in stats.items()]
        record["increase"] = [{"name": k, "value": v} for k, v in increase.items()]
    elif layout == "classes":
        record["statistics"] = stats
        record["increments"] = increase
    else:
        record["stats"] = stats
        record["increase"] = increase
    return record


def _json(payload: dict) -> bytes:
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()


def api_day(view: DayView, *, layout: str | None = None) -> bytes:
    return _json({"message": API_MESSAGE, "data": api_record(view, layout)})


def api_range(
    views: Sequence[DayView],
    *,
    total: int,
    offset: int,
    limit: int,
    next_page_url: str | None,
    layout: str | None = None,
) -> bytes:
    """A page of a date-range query: records oldest first, with a paginator."""
    paginator = {"total": total, "offset": offset, "limit": limit, "next_page_url": next_page_url}
    records = [api_record(v, layout) for v in views]
    return _json({"message": API_MESSAGE, "data": {"paginator": paginator, "records": records}})


def api_error(message: str) -> bytes:
    return _json({"message": message})
