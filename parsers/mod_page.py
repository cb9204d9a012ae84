"""Where the bulletin is in a MoD-era page: the part of the page that holds it, split into
its heading, the page's own timestamp and the content with the items (mirror/SITES.md).

- www.mil.gov.ua: `div#article_heading` (`h1`, `span.aticle-date`) and `div#aticle-content`
  (sic); the sidebar of other news (other days' bulletins among them) is left out.
- www.kmu.gov.ua: `div.page_title-text`, `div.page_title-desc` ("posted 01 May 2023 08:06")
  and `div.editor-content`; the sidebar of other days' bulletins is left out.
- mod.gov.ua: `div.news-detail` (`h1.news-title`, `.news-date`, `div.news-content`); the
  related-news cards around it are left out.
- Anything else: a titled `<article>`, else the stretch of the page from a bulletin title.

Pages are found by string search, not parsed: in a raw page (bytes) the same search runs
on the bytes (markup is ASCII) and only the part found is decoded (see parsers.mod).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from parsers.errors import ParseError
from parsers.html import element_end, find_element
from parsers.titles import TITLE_MARKERS


@dataclass(frozen=True, slots=True)
class Region:
    """Where the bulletin's part of a page is: [start, end) in the page (bytes or str)."""

    layout: str  # "mil.gov.ua", "kmu.gov.ua", "mod.gov.ua", "article" or "title search"
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Article:
    """The bulletin's part of a page, as HTML pieces."""

    layout: str
    heading: str  # the title element ("" when the part has none)
    timestamp: str  # the page's own publication time element ("" when none)
    content: str  # where the items are (the heading and timestamp left out)


# Where the bulletin ends when nothing marks the end of its part of the page.
_END_MARKERS = ("</article", "</main", "<footer", "<aside", "Дані уточнюються", "being updated")
_FALLBACK_SLICE = 30_000


def locate(page: str | bytes) -> Region | None:
    """The bulletin's part of the page (a known site layout, else a titled <article>),
    or None when the page has neither. A part that never closes raises ParseError (a
    truncated page). The same on a page's text and on its raw bytes."""
    for layout, finder in _in_likely_order(page):
        found = finder(page)
        if found is not None:
            start, end = found
            if end is None:
                raise ParseError(f"MoD page truncated inside the bulletin ({layout} layout)")
            return Region(layout, start, end)
    return None


def _mil(page: str | bytes) -> tuple[int, int | None] | None:
    content = find_element(page, "div", "aticle-content")
    if content is None:
        return None
    heading = find_element(page, "div", "article_heading", 0, content)
    return (content if heading is None else heading), element_end(page, content, "div")


def _kmu(page: str | bytes) -> tuple[int, int | None] | None:
    content = find_element(page, "div", "editor-content")
    if content is None:
        return None
    title = find_element(page, "div", "page_title-text", 0, content)
    return (content if title is None else title), element_end(page, content, "div")


def _mod(page: str | bytes) -> tuple[int, int | None] | None:
    detail = find_element(page, "div", "news-detail")
    if detail is not None:
        return detail, element_end(page, detail, "div")
    content = find_element(page, "div", "news-content")
    if content is None:
        return None
    title = find_element(page, "h1", "news-title", 0, content)
    return (content if title is None else title), element_end(page, content, "div")


_LAYOUTS = (("mod.gov.ua", _mod), ("mil.gov.ua", _mil), ("kmu.gov.ua", _kmu))


def _in_likely_order(page: str | bytes) -> tuple:
    """The layouts, the one the page's head names first: a mark searched for in vain scans
    the whole page (~0.1 ms for 250 KB). No page carries the marks of two layouts, so the
    order only saves time; mod.gov.ua, the large pages, is tried first otherwise."""
    head = page[:16384]
    for index, host in ((1, "mil.gov.ua"), (2, "kmu.gov.ua")):
        if (host.encode() if isinstance(head, bytes) else host) in head:
            return (_LAYOUTS[index], *(layout for i, layout in enumerate(_LAYOUTS) if i != index))
    return _LAYOUTS


def split(layout: str, part: str) -> Article:
    """The heading, timestamp and content of a located part (decoded)."""
    if layout == "mil.gov.ua":
        content = find_element(part, "div", "aticle-content") or 0
        heading_box = part[:content]
        return Article(
            layout,
            _first(heading_box, "h1"),
            _element(heading_box, "span", "aticle-date"),
            part[content:],
        )
    if layout == "kmu.gov.ua":
        content = find_element(part, "div", "editor-content") or 0
        top = part[:content]
        return Article(
            layout,
            _element(top, "div", "page_title-text"),
            _element(top, "div", "page_title-desc"),
            part[content:],
        )
    return _generic(layout, part)


def _generic(layout: str, part: str) -> Article:
    """mod.gov.ua and unknown layouts: the first <h1> is the heading, the first time or
    date element the timestamp, the rest the content."""
    heading = _first(part, "h1")
    stamp = _first(part, "time") or _element(part, "div", "news-date")
    stamp = stamp or _element(part, "span", "news-date") or _element(part, "div", "date")
    content = part
    for piece in (heading, stamp):
        if piece:
            content = content.replace(piece, " ", 1)
    inner = find_element(content, "div", "news-content")
    if inner is not None:
        end = element_end(content, inner, "div")
        content = content[inner:end] if end else content[inner:]
    return Article(layout, heading, stamp, content)


def _first(part: str, tag: str) -> str:
    """The first <tag> element of the part, whole (no nesting of the same tag), or ""."""
    match = _tag_start_re(tag).search(part)
    if match is None:
        return ""
    close = part.find(f"</{tag}", match.start())
    if close < 0:
        return ""
    return part[match.start() : part.find(">", close) + 1 or len(part)]


def _element(part: str, tag: str, name: str) -> str:
    start = find_element(part, tag, name)
    if start is None:
        return ""
    end = element_end(part, start, tag)
    return part[start:end] if end else ""


@functools.cache
def _tag_start_re(tag: str) -> re.Pattern[str]:
    return re.compile(rf"<{tag}\b", re.IGNORECASE)


# ------------------------------------------------------------------ no known layout
def find_article(page: str) -> str | None:
    """The part of a page of no known layout that holds the bulletin: an <article> whose
    text carries a bulletin title (the one with an <h1> when related news are articles
    too), else the stretch from a bulletin title in the body (in an <h1> if there is
    one; never in <head> or in a link to another day) to the end of the content.
    ParseError when the article is cut off (a truncated page)."""
    articles: list[str] = []
    start = page.find("<article")
    while start >= 0:
        end = element_end(page, start, "article")
        if end is None:
            raise ParseError("MoD page truncated inside the bulletin article")
        piece = page[start:end]
        if is_titled(piece):
            articles.append(piece)
        start = page.find("<article", end)
    if articles:
        return next((a for a in articles if "<h1" in a), articles[0])
    titles = [index for index in _title_positions(page) if not _inside_link(page, index)]
    if not titles:
        return None
    index = next((i for i in titles if _in_heading(page, i)), titles[0])
    begin = page.rfind("<", 0, index)
    stops = [page.find(marker, index) for marker in _END_MARKERS]
    stop = min((s for s in stops if s >= 0), default=min(len(page), index + _FALLBACK_SLICE))
    return page[max(begin, 0) : stop]


def is_titled(html: str) -> bool:
    lowered = html.lower()
    return any(marker.lower() in lowered for marker in TITLE_MARKERS)


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
