"""The Ministry of Defence day page (mod.gov.ua; Ukrainian and English editions).

A day page is ~250 KB of chrome (inline CSS/JS, navigation, related news, footer) around
one short article. The article is located by plain string search first and only that
slice is read, which is what makes parsing fast (see bench/bench_parse.py); in a raw
page, the search is in its bytes and only the article is decoded.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from parsers.dates import TITLE_DATE_RE, title_date
from parsers.decoding import body_codec, decode_body, decode_piece, ensure_clean
from parsers.figures import build_bulletin, detect_lang, read_candidates
from parsers.html import (
    element_end,
    find_all,
    html_to_lines,
    html_to_text,
    is_truncated_page,
    surely_complete,
)
from parsers.model import Bulletin, ParseError

# Words of the bulletin title ("Загальні бойові втрати противника з 24.02.22 по ...",
# "The total combat losses of the enemy from 24.02.2022 to ...").
TITLE_MARKERS = ("бойові втрати противника", "втрати противника", "losses of the enemy")
# Where the bulletin ends when the page has no <article> around it.
_END_MARKERS = ("</article", "</main", "<footer", "<aside", "Дані уточнюються", "being updated")
_FALLBACK_SLICE = 30_000
# How much of a raw page is decoded at a time to find where an <article> closes.
_ARTICLE_CHUNK = 8192


def parse_mod(
    body: bytes | str,
    *,
    url: str | None = None,
    content_type: str | None = None,
    date: dt.date | None = None,
) -> list[Bulletin]:
    if isinstance(body, bytes):
        article = find_bulletin_in_bytes(body, content_type)
        if article is not None:  # the usual page: only the article was decoded

            def page_title() -> str:
                return _page_title(decode_body(body, content_type))

            ensure_clean(article, "MoD bulletin")
            return [parse_article(article, page_title=page_title, url=url, date=date)]
    page = decode_body(body, content_type)
    if is_truncated_page(page):
        raise ParseError(f"MoD page truncated (no closing </html>){_at(url)}")
    article = find_bulletin(page)
    if article is None:
        ensure_clean(page, "MoD page")  # a garbled page hides the title: say so
        raise ParseError(
            "no bulletin in the MoD page: no article titled 'Загальні бойові втрати "
            f"противника' / 'The total combat losses of the enemy'{_at(url)}"
        )
    ensure_clean(article, "MoD bulletin")
    return [parse_article(article, page_title=lambda: _page_title(page), url=url, date=date)]


def _at(url: str | None) -> str:
    return f" ({url})" if url else ""


def find_bulletin(page: str) -> str | None:
    """The HTML slice holding the bulletin, found by string search (no HTML parsing).

    An <article> element whose text carries the bulletin title (the one with an <h1>
    when related news are articles too), else the stretch from the title in the body
    (in an <h1> if there is one; never in <head> or in a link to another day) to the end
    of the content. Raises ParseError when the article is cut off (truncated page)."""
    articles: list[str] = []
    start = page.find("<article")
    while start >= 0:
        end = element_end(page, start, "article")
        if end is None:
            raise ParseError("MoD page truncated inside the bulletin article")
        piece = page[start:end]
        if _is_titled(piece):
            articles.append(piece)
        start = page.find("<article", end)
    if articles:
        return _the_bulletin(articles)
    titles = [index for index in _title_positions(page) if not _inside_link(page, index)]
    if not titles:
        return None
    index = next((i for i in titles if _in_heading(page, i)), titles[0])
    begin = page.rfind("<", 0, index)
    stops = [page.find(marker, index) for marker in _END_MARKERS]
    stop = min((s for s in stops if s >= 0), default=min(len(page), index + _FALLBACK_SLICE))
    return page[max(begin, 0) : stop]


def _is_titled(article: str) -> bool:
    return bool(TITLE_DATE_RE.search(article)) or any(m in article for m in TITLE_MARKERS)


def _the_bulletin(titled_articles: list[str]) -> str:
    return next((a for a in titled_articles if "<h1" in a), titled_articles[0])


def find_bulletin_in_bytes(body: bytes, content_type: str | None = None) -> str | None:
    """What find_bulletin(decode_body(body, content_type)) gives for a complete page with
    a titled <article>, decoding only the articles (see decoding.body_codec). None when
    the whole page must be decoded to tell: a page that may be truncated, with no titled
    <article> (the fallback search), or whose charset only decoding it all tells."""
    starts = find_all(body, b"<article")  # ASCII: at the same places as in the text
    if not starts or not surely_complete(body):
        return None
    codec = body_codec(body, content_type, body[starts[0] : starts[0] + _ARTICLE_CHUNK])
    if codec is None:
        return None
    articles: list[str] = []
    end = 0
    for start in starts:
        if start < end:
            continue  # inside the article before, as find_bulletin skips it
        article = _decode_element(body, start, "article", codec)
        if article is None:
            return None
        if _is_titled(article):
            articles.append(article)
        end = start + len(article.encode(codec))
    return _the_bulletin(articles) if articles else None


def _decode_element(body: bytes, start: int, tag: str, codec: str) -> str | None:
    """The text of the element that opens at byte `start`: a chunk after it is decoded,
    a larger one while the element does not close within it."""
    size = _ARTICLE_CHUNK
    while True:
        text = decode_piece(body[start : start + size], codec)
        if text is None:
            return None
        end = element_end(text, 0, tag)  # (a tag cut at the chunk's end is not matched)
        if end is not None:
            return text[:end]
        if start + size >= len(body):
            return None  # it never closes
        size *= 4


def _title_positions(page: str) -> list[int]:
    body_start = max(page.find("<body"), 0)
    for marker in TITLE_MARKERS:
        found = []
        index = page.find(marker, body_start)
        while index >= 0 and len(found) < 50:
            found.append(index)
            index = page.find(marker, index + len(marker))
        if found:
            return found
    return []


def _in_heading(page: str, index: int) -> bool:
    tag = page.rfind("<", 0, index)
    return page.startswith(("<h1", "<H1"), tag)


def _inside_link(page: str, index: int) -> bool:
    return page.rfind("<a ", 0, index) > page.rfind("</a>", 0, index)


def parse_article(
    article: str,
    *,
    page_title: Callable[[], str] = str,
    url: str | None = None,
    date: dt.date | None = None,
) -> Bulletin:
    """One bulletin from the article slice: the report date from its heading (checked
    against the lead paragraph), the figures from its paragraphs/list items/<br> lines.
    `page_title` gives the page's <title> text, asked only when the article states no
    date (it may decode the whole page)."""
    errors: list[str] = []
    lines = html_to_lines(article)
    heading = _element_text(article, "h1")
    report_date = title_date(heading) if heading else None
    lead_date = next(
        (found for line in lines[:6] if line != heading and (found := title_date(line))), None
    )
    if report_date and lead_date and report_date != lead_date:
        errors.append(f"title date {report_date} differs from the text's date {lead_date}")
    report_date = report_date or lead_date
    if report_date is None:
        title = page_title()
        report_date = title_date(title) if title else None
    report_date = report_date or date
    if report_date is None:
        errors.append(f"no report date in the bulletin title{_at(url)}")
    candidates = read_candidates(lines, strict=True)
    if not candidates:
        raise ParseError(f"the MoD bulletin article holds no figures{_at(url)}")
    lang = detect_lang(" ".join(c.label for c in candidates))
    return build_bulletin(candidates, date=report_date, source="mod", lang=lang, errors=errors)


def _page_title(page: str) -> str:
    """The text of the page's <title> (before <body>), or ""."""
    return _element_text(page[: page.find("<body")] if "<body" in page else page, "title")


def _element_text(html: str, tag: str) -> str:
    """The text of the first <tag> element, or ""."""
    start = html.find(f"<{tag}")
    end = html.find(f"</{tag}>", start) if start >= 0 else -1
    return html_to_text(html[start:end]) if end > 0 else ""
