"""www.kmu.gov.ua, the Government Portal's English copies, 2023-05-01 … 2024-01-31
(SITES.md §2): day pages, other news, the listing. Pure renderers: data in, bytes out.

The body sits in `div.news__item--inner.editor-content`: a `<p>` lead and a `<ul>` with
`&nbsp;` tails, or text pasted from Facebook (nested `div[dir=auto]` lines, or one
`span[dir=auto]` block). A "posted 01 May 2023" line and a sidebar of other days'
bulletins are elsewhere in the page [real: 014-019]."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from html import escape

from mirror import chrome, labels, titles
from mirror.dates import MONTHS_EN, mix
from mirror.mod_gov import cards, pagination
from mirror.views import DayView, Line, Link, text, with_unknown

SITE_NAME = "Cabinet of Ministers of Ukraine"
_DASHES = ("‒", "–", "-")


def posted(when: dt.datetime) -> str:
    """'01 May 2023'"""
    return f"{when:%d} {MONTHS_EN[when.month - 1]} {when.year}"


def sidebar_time(when: dt.datetime) -> str:
    """'<span>07:42</span>, <span>09 January</span>'"""
    return f"<span>{when:%H:%M}</span>, <span>{when:%d} {MONTHS_EN[when.month - 1]}</span>"


def _item(line: Line, era: dt.date) -> str:
    dash = _DASHES[mix("kmu-dash", era, line.category) % 3]
    delta = f" ({line.delta:+d})" if isinstance(line.delta, int) else ""
    if line.category == labels.UNKNOWN:
        return f"{labels.UNKNOWN_LABEL['en']} {dash} {line.total}{delta}"
    label = labels.MIL_EN[line.category]
    if line.category == "air_defense_systems" and era.year >= 2024:
        label = label.lower()  # "anti-aircraft warfare systems" [real: 018]
    if line.category == "personnel":
        qualifier = "more than" if line.qualifier == "more" else "about"
        liquidated = " were liquidated" if era < dt.date(2023, 8, 1) else ""
        return f"{label} {dash} {qualifier} {line.total}{delta} persons{liquidated}"
    return f"{label} {dash} {line.total}{delta}"


def _texts(view: DayView, layout: str | None) -> list[str]:
    lines = with_unknown(view, layout)
    items = [_item(li, view.era) for li in lines]
    return [t + ("," if i < len(items) - 1 else ".") for i, t in enumerate(items)]


def body(view: DayView, style: str, *, layout: str | None = None) -> str:
    """The editor-content of a day page in `style` ("ul", "fb-div", "fb-span")."""
    lead = text(titles.kmu_lead(view.date))
    texts = [text(t) for t in _texts(view, layout)]
    if layout == "table":
        rows = "\n".join(f"<tr><td>{t}</td></tr>" for t in texts)
        return f'<p>{lead}</p>\n<table class="losses-table"><tbody>\n{rows}\n</tbody></table>'
    if style == "ul":
        # Some lines keep the editor's trailing &nbsp; [real: 014].
        tails = [
            "&nbsp;" if mix("kmu-nbsp", view.era, i) % 3 == 0 else "" for i in range(len(texts))
        ]
        items = "\n".join(f"\t<li>{t}{tail}</li>" for t, tail in zip(texts, tails, strict=True))
        return f"<p>{lead}</p>\n\n<ul>\n{items}\n</ul>\n\n<p>Data are being updated.</p>"
    if style == "fb-div":
        items = "\n".join(
            f'\t\t<li>\n\t\t\t<div dir="auto">{t}&nbsp;</div>\n\t\t</li>' for t in texts
        )
        return (
            f'<div dir="auto">\n\t<div dir="auto">{lead}</div>\n\n\t<ul>\n{items}\n\t</ul>\n'
            '\t<div dir="auto">Data are being updated.&nbsp;</div>\n\n\t<p>\n\t\t<br>\n\t</p>\n'
            "</div>\n\n<p>\n\t<br>\n</p>"
        )
    items = "".join(f'<li><div dir="auto">{t}</div></li>' for t in texts)
    return (
        '<div dir="auto">\n\t<div data-ad-comet-preview="message" data-ad-preview="message">'
        f'<span dir="auto"><div dir="auto">{lead}</div><ul>{items}</ul><div dir="auto">Data are '
        'being updated.</div><div dir="auto"><br></div></span></div></div>\n\n<p>\n\t<br>\n</p>'
    )


def _sidebar(links: Sequence[Link]) -> str:
    pad = " " * 20
    items = "\n".join(
        f'{pad}<li>\n{pad}    <span class="clearfix">\n{pad}        <span class="date pull-left">'
        f"\n{pad}            {link.when}\n{pad}        </span>\n\n{pad}        "
        '<a href="/mod/www.kmu.gov.ua/en/tag/oborona" class="tag pull-right">Defense</a>\n'
        f'{pad}    </span>\n{pad}    <a href="{escape(link.href)}" class="text link">'
        f"{text(link.title)}</a>\n{pad}</li>"
        for link in links
    )
    return (
        '<div class="col-md-3 hidden-sm hidden-xs">\n    <div class="sidebar">\n'
        '        <div class="sidebar__title">By themes <span>«Defense»</span></div>\n'
        f'        <ul class="sidebar__list">\n{items}\n        </ul>\n    </div>\n</div>'
    )


def _page(title: str, content: str) -> bytes:
    parts = chrome.kmu_gov()
    head = (
        f"        <title>{text(title)} | {SITE_NAME} </title>\n"
        f'        <meta name="title" content="{escape(title)}"/>\n'
    )
    return b"".join(
        (parts.head_open, head.encode(), parts.head_close, content.encode(), parts.tail)
    )


def day_page(
    view: DayView,
    *,
    title: str,
    published: dt.datetime,
    links: Sequence[Link],
    style: str,
    layout: str | None = None,
    repeat: int = 1,
) -> bytes:
    """A day page; `links` the sidebar (other days' bulletins among other news)."""
    shown = published if view.date == view.era else dt.datetime.combine(view.date, published.time())
    inner = body(view, style, layout=layout)
    container = (
        '<div class="article-body">'
        if layout == "classes"
        else '<div class="news__item--inner editor-content">'
    )
    article = (
        '<div class="news__wrapper">\n<div class="row">\n<div class="col-md-12">\n'
        '<div class="page_title">\n'
        f'<div class="page_title-text">{text(title)}</div>\n<div class="page_title-desc">\n'
        '    <a href="http://www.mil.gov.ua/">Ministry of Defence of Ukraine</a>,\n'
        f"    posted\n    {posted(shown)}\n    \n    {shown:%H:%M}\n</div>\n</div>\n"
        '<hr class="divider">\n</div>\n</div>\n'
        '<div class="news__item">\n<div class="row">\n<div class="col-md-9 col-sm-12">\n'
        f"{container}\n{inner}\n</div>\n</div>\n{_sidebar(links)}\n</div>\n</div>\n</div>"
    )
    return _page(title, "\n".join([article] * repeat))


def news_page(title: str, *, published: dt.datetime, links: Sequence[Link]) -> bytes:
    content = (
        '<div class="news__wrapper">\n<div class="page_title">\n'
        f'<div class="page_title-text">{text(title)}</div>\n<div class="page_title-desc">\n'
        f"    posted\n    {posted(published)}\n    \n    {published:%H:%M}\n</div>\n</div>\n"
        '<div class="news__item--inner editor-content">\n'
        "<p>The Government Portal publishes official information of the executive bodies.</p>\n"
        f"</div>\n{_sidebar(links)}\n</div>"
    )
    return _page(title, content)


def listing_page(
    links: Sequence[Link], *, base: str, page: int, last_page: int, layout: str | None = None
) -> bytes:
    content = (
        f'<h1 class="page-title">News</h1>\n{cards(links, layout)}\n'
        f"{pagination(base, page, last_page, 'en')}"
    )
    return _page(f"News ({page})", content)
