"""mod.gov.ua, 2024-10-07 … (SITES.md §3-4): day pages in Ukrainian and English by era,
other news and decoys, the news listing and the tag page (the card markup kmu.gov.ua's
listing shares). Pure renderers: data in, bytes out.

`div.news-detail` › `h1.news-title`, `div.news-date`, `div.news-content` with the
infographic `<figure>`, then a `<div>` with the lead and the `<ul>` of items."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from html import escape

from mirror import chrome, eras, labels
from mirror.dates import MONTHS_EN, en_long, grouped, mix, signed, uk_long
from mirror.news import decoy_text
from mirror.titles import artsistem_word, people_word
from mirror.views import DayView, Line, Link, text, with_unknown

SITE_NAME = {"uk": "Міністерство оборони України", "en": "Ministry of Defence of Ukraine"}
_RELATED = {"uk": "Читайте також", "en": "Read also"}
_NEXT = {"uk": "Наступна", "en": "Next"}
_OUTRO = {"uk": "Дані уточнюються.", "en": "The data are being updated."}


def stamp(when: dt.datetime, lang: str) -> str:
    """'05.02.2026 07:12' / '18 January, 2026, 7:00 AM EEST' [scrapers]."""
    if lang == "uk":
        return f"{when:%d.%m.%Y %H:%M}"
    hour = when.hour % 12 or 12
    return (
        f"{when.day} {MONTHS_EN[when.month - 1]}, {when.year}, {hour}:{when:%M} "
        f"{'AM' if when.hour < 12 else 'PM'} EEST"
    )


# ---------------------------------------------------------------------- items


def _label(category: str, lang: str, era: str) -> str:
    if category == labels.UNKNOWN:
        return labels.UNKNOWN_LABEL[lang]
    if lang == "en":
        return labels.MOD_EN[category]
    return (labels.MOD_UK_DAILY if era == "daily" else labels.MOD_UK_NA)[category]


def _numbers(line: Line) -> str:
    delta = f" ({signed(line.delta, group=True)})" if line.delta is not None else ""
    return f"{grouped(line.total)}{delta}"


def _uk_item(line: Line, era: str) -> str:
    label = _label(line.category, "uk", era)
    if era == "daily":  # the General Staff's own text, genitive
        if line.category == "personnel":
            qualifier = "понад" if line.qualifier == "more" else "близько"
            return f"{label} ‒ {qualifier} {_numbers(line)} осіб"
        return f"{label} ‒ {_numbers(line)}"
    if line.category == "personnel":
        return f"{label} – близько {_numbers(line)}"
    return f"{label} – {_numbers(line)}"


def _en_item(line: Line, headed: bool) -> str:
    if line.category == "personnel":
        about = f"about {_numbers(line)} persons"
        return f"approximately {_numbers(line)} persons" if headed else f"personnel: {about}"
    return f"{_label(line.category, 'en', '')}: {_numbers(line)}"


def _ended(texts: list[str], middle: str, last: str) -> list[str]:
    return [t + (middle if i < len(texts) - 1 else last) for i, t in enumerate(texts)]


def _ul(texts: Sequence[str]) -> str:
    return "<ul>\n" + "\n".join(f"<li>{text(t)}</li>" for t in texts) + "\n</ul>"


def _groups(lines: Sequence[Line]) -> list[tuple[str, str, list[Line]]]:
    """(uk heading, en heading, lines) of a grouped post; unknown lines join the last."""
    out = []
    placed: set[str] = set()
    for uk, en, categories in labels.MOD_GROUPS:
        members = [li for li in lines if li.category in categories]
        placed.update(li.category for li in members)
        if members:
            out.append((uk, en, members))
    rest = [li for li in lines if li.category not in placed]
    if rest and out:
        out[-1][2].extend(rest)
    return out


def _plural(count: int, one: str, few: str, many: str) -> str:
    if count % 10 == 1 and count % 100 != 11:
        return one
    if 2 <= count % 10 <= 4 and not 12 <= count % 100 <= 14:
        return few
    return many


def summary(view: DayView, lang: str) -> str:
    """The losses-day lead (from 2026-01-17): 'Втрати ворога за 4 лютого 2026 року: знищено
    1 050 окупантів, 8 танків …' / 'Total russian military losses on April 11, 2026: 1,070
    personnel, 2,081 UAVs.' — the increases, dated D-1."""
    day = view.date - dt.timedelta(days=1)
    people, tanks, uav, artillery = (
        view.delta(c) for c in ("personnel", "tanks", "uav", "artillery_systems")
    )
    if lang == "en":
        return (
            f"Total russian military losses on {en_long(day)}: {people:,} personnel, {uav:,} UAVs."
        )
    return (
        f"Втрати ворога за {uk_long(day)}: знищено {grouped(people)} {people_word(people)}, "
        f"{tanks} {_plural(tanks, 'танк', 'танки', 'танків')}, {artillery} "
        f"{artsistem_word(artillery)} та {grouped(uav)} БпЛА"
    )


def _body(view: DayView, lang: str, *, grouped_post: bool, layout: str | None) -> str:
    era = eras.mod_era(view.era)
    lines = with_unknown(view, layout)
    if lang == "uk":
        if era == "daily":
            range_ = eras.range_text(view.date, "uk")
            lead = f"<p>Загальні бойові втрати противника {range_} орієнтовно склали:</p>"
            texts = _ended([_uk_item(li, era) for li in lines], ",", ".")
        else:
            lead = f"<p><strong>{text(summary(view, 'uk'))}</strong></p>"
            texts = [_uk_item(li, era) for li in lines]
    else:
        if view.era < eras.MOD_NA_FROM:
            range_ = eras.range_text(view.date, "en")
            lead = f"<p>The total combat losses of the enemy {range_} were approximately:</p>"
        else:
            lead = f"<p><strong>{text(summary(view, 'en'))}</strong></p>"
        texts = _ended([_en_item(li, False) for li in lines], ";", ".")
    if layout == "table":
        rows = "\n".join(f"<tr><td>{text(t)}</td></tr>" for t in texts)
        items = f'<table class="losses-table"><tbody>\n{rows}\n</tbody></table>'
    elif lang == "en" and view.era >= eras.MOD_EN_TOTAL_FROM:
        blocks = []
        for _, heading, members in _groups(lines):
            ends = _ended([_en_item(li, True) for li in members], ";", ".")
            blocks.append(f"<p><strong>{heading}:</strong></p>{_ul(ends)}")
        items = "\n".join(blocks)
    elif lang == "uk" and grouped_post:
        blocks = []
        for heading, _, members in _groups(lines):
            blocks.append(
                f"<p><strong>{heading}:</strong></p>\n{_ul([_uk_item(li, era) for li in members])}"
            )
        items = "\n".join(blocks)
    else:
        items = _ul(texts)
    return f"<div>\n{lead}\n{items}\n<p>{_OUTRO[lang]}</p>\n</div>"


def article(
    view: DayView,
    lang: str,
    *,
    title: str,
    published: dt.datetime,
    image: str,
    grouped_post: bool = False,
    layout: str | None = None,
) -> str:
    shown = published if view.date == view.era else dt.datetime.combine(view.date, published.time())
    body = _body(view, lang, grouped_post=grouped_post, layout=layout)
    figure = (
        f'<figure class="news-decor"></figure>\n<figure><img src="{image}" alt="{escape(title)}">'
        f"<figcaption>{text(title)}</figcaption></figure>"
    )
    if layout == "classes":
        return (
            f'<div class="publication">\n<h2 class="publication__title">{text(title)}</h2>\n'
            f'<time class="publication__time">{stamp(shown, lang)}</time>\n'
            f'<div class="publication__body">\n{body}\n</div>\n</div>'
        )
    return (
        f'<div class="news-detail">\n<h1 class="news-title">{text(title)}</h1>\n'
        f'<div class="news-date">{stamp(shown, lang)}</div>\n<div class="news-content">\n'
        f"{figure}\n{body}\n</div>\n</div>"
    )


def related(links: Sequence[Link], lang: str) -> str:
    """Related-news cards; their titles are other days' bulletins among other news."""
    cards = "\n".join(
        f'<div class="related-card"><a href="{escape(link.href)}">'
        f'<img src="/mod/storage/news/thumb-{mix(link.href):08x}.webp" alt="" '
        f'width="360" height="200" loading="lazy"><span class="related-card__date">{link.when}'
        f'</span><span class="related-card__title">{text(link.title)}</span></a></div>'
        for link in links
    )
    return (
        f'<section class="related-news"><h2>{_RELATED[lang]}</h2>'
        f'<div class="related-news__list">\n{cards}\n</div></section>'
    )


def _page(title: str, lang: str, content: str, links: Sequence[Link]) -> bytes:
    parts = chrome.mod_gov(lang)
    return b"".join(
        (
            parts.head_open,
            f"<title>{text(title)} | {SITE_NAME[lang]}</title>\n".encode(),
            parts.head_close,
            content.encode(),
            parts.tail_open,
            related(links, lang).encode() if links else b"",
            parts.tail,
        )
    )


def day_page(
    view: DayView,
    lang: str,
    *,
    title: str,
    published: dt.datetime,
    image: str,
    links: Sequence[Link],
    grouped_post: bool = False,
    layout: str | None = None,
    repeat: int = 1,
) -> bytes:
    block = article(
        view,
        lang,
        title=title,
        published=published,
        image=image,
        grouped_post=grouped_post,
        layout=layout,
    )
    return _page(title, lang, "\n".join([block] * repeat), links)


def news_page(
    title: str, lang: str, *, published: dt.datetime, links: Sequence[Link], decoy: int | None
) -> bytes:
    """Another news item; a decoy (`decoy`: which text) speaks of losses but states none."""
    texts = (
        decoy_text(decoy, lang)
        if decoy is not None
        else (
            {
                "uk": "Повідомляє пресслужба Міністерства оборони України.",
                "en": "The press service of the Ministry of Defence of Ukraine reports.",
            }[lang],
        )
    )
    paragraphs = "\n".join(f"<p>{text(t)}</p>" for t in texts)
    content = (
        f'<div class="news-detail">\n<h1 class="news-title">{text(title)}</h1>\n'
        f'<div class="news-date">{stamp(published, lang)}</div>\n<div class="news-content">\n'
        f"<div>\n{paragraphs}\n</div>\n</div>\n</div>"
    )
    return _page(title, lang, content, links)


# ---------------------------------------------------------- listing and tags


def cards(links: Sequence[Link], layout: str | None = None) -> str:
    """The `div.news-list` of `a.news-card`s (kmu.gov.ua's listing uses it too)."""
    if layout == "table":
        rows = "\n".join(
            f'<tr><td class="date">{link.when}</td><td><a href="{escape(link.href)}">'
            f"{escape(link.title)}</a></td></tr>"
            for link in links
        )
        return f'<table class="news-table"><tbody>\n{rows}\n</tbody></table>'
    if layout == "classes":
        items = "\n".join(
            f'<li class="article-card"><time class="article-card__date">{link.when}</time> '
            f'<a class="article-card__link" href="{escape(link.href)}">{text(link.title)}</a></li>'
            for link in links
        )
        return f'<ul class="articles">\n{items}\n</ul>'
    items = "\n".join(
        f'<a class="news-card" href="{escape(link.href)}"><span class="news-card__date">'
        f'{link.when}</span><span class="news-card__title">{text(link.title)}</span></a>'
        for link in links
    )
    return f'<div class="news-list">\n{items}\n</div>'


def pagination(base: str, page: int, last_page: int, lang: str) -> str:
    links = [f'<a href="{base}?page=1">1</a>' if page != 1 else '<span class="current">1</span>']
    for n in range(max(2, page - 2), min(last_page, page + 2) + 1):
        links.append(
            f'<span class="current">{n}</span>'
            if n == page
            else f'<a href="{base}?page={n}">{n}</a>'
        )
    if page < last_page:
        links.append(f'<a class="next" href="{base}?page={page + 1}">{_NEXT[lang]}</a>')
    links.append(f'<a class="last" href="{base}?page={last_page}">{last_page}</a>')
    return '<nav class="pagination">' + " ".join(links) + "</nav>"


def listing_page(
    links: Sequence[Link],
    lang: str,
    *,
    base: str,
    page: int,
    last_page: int,
    heading: str,
    layout: str | None = None,
) -> bytes:
    """A page of /news?page=N or of the tag page (`base`: its absolute URL, no query)."""
    content = (
        f'<h1 class="page-title">{text(heading)}</h1>\n{cards(links, layout)}\n'
        f"{pagination(base, page, last_page, lang)}"
    )
    return _page(f"{heading} ({page})", lang, content, ())
