"""The Ministry of Defence's bulletin pages: www.mil.gov.ua (2022-02 … 2024-10), its English
copies on www.kmu.gov.ua, and mod.gov.ua (since 2024-10), Ukrainian and English editions.

A page is mostly chrome around one short article (mod.gov.ua: ~250 KB around 2 KB). The
article is located by string search (parsers.mod_page) and only it is read; in a raw page
the search is in its bytes and only the article is decoded.

Which report date D a page states (mirror/SITES.md "Dates"): its title ("… на 5 лютого
2026 року", "… from 24.02 to 12.04", "… as of April 12, 2026") and its lead ("Загальні
бойові втрати противника з 24.02.22 по D …", "Втрати ворога за D-1", "Total russian
military losses on D-1"); a year the text leaves out comes from the page's own
timestamp; a title and a lead that disagree are an error, never a guess. A page whose
text states no date at all ("Загальні бойові втрати росіян за добу: …" without a lead)
is dated by its timestamp only when that is a morning one (the bulletin is published
about 07:00). The URL never dates a page (slugs name wrong days).

What is read: the items after the lead, "label – total (+increase)", grouped under
headings or not. Never the headline (its numbers are rounded: "понад 1637 танків"), the
lead's summary ("знищено 1 050 окупантів, 8 танків"), the infographic's caption or
alt text, or the sidebar's other days.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from parsers.challenge import raise_if_challenge
from parsers.dates import published_at, stated_report_date
from parsers.decoding import body_codec, decode_body, decode_piece, ensure_clean
from parsers.errors import NotABulletin, ParseError
from parsers.figures import build_bulletin, detect_lang, read_candidates
from parsers.html import (
    element_text,
    html_to_lines,
    html_to_text,
    is_truncated_page,
    surely_complete,
)
from parsers.mod_page import Article, find_article, locate, split
from parsers.model import Bulletin
from parsers.titles import BULLETIN_TITLE_RE

# The General Staff's lead, after which the items may follow on the same line (a
# one-paragraph bulletin): "… орієнтовно склали: особового складу — …".
_LEAD_COLON_RE = re.compile(r"(?:склали|were\s+approximately|amounted\s+to)\s*:", re.IGNORECASE)
# How far into the content the lead may be (after the empty gallery, a caption...).
_LEAD_LINES = 6
# A page of no bulletin title or lead is a bulletin only with this many categories read
# (a news item with two figures in it is not one).
_MIN_CATEGORIES_UNTITLED = 5
# The bulletin is out about 07:00 Kyiv; a later timestamp may be a re-publication.
_MORNING_ENDS = dt.time(12, 0)
_FIGURE_RE = re.compile(r"<figure\b.*?</figure\s*>|<figcaption\b.*?</figcaption\s*>", re.I | re.S)


def parse_mod(
    body: bytes | str,
    *,
    url: str | None = None,
    content_type: str | None = None,
    date: dt.date | None = None,
) -> list[Bulletin]:
    if isinstance(body, bytes):
        raise_if_challenge(body, "MoD page", url)
        article = _article_in_bytes(body, content_type)
        if article is not None:  # the usual page: only the article was decoded

            def raw_page_title() -> str:
                return _page_title(decode_body(body, content_type))

            return [read_article(article, page_title=raw_page_title, url=url, date=date)]
    page = decode_body(body, content_type)
    raise_if_challenge(page, "MoD page", url)
    if is_truncated_page(page):
        raise ParseError(f"MoD page truncated (no closing </html>){_at(url)}")
    article = find_bulletin(page)
    if article is None:
        ensure_clean(page, "MoD page")  # a garbled page hides the title: say so
        title = _page_title(page)
        raise NotABulletin(
            "not a bulletin: the MoD page has no bulletin article"
            + (f" (its title: {title[:120]!r})" if title else "")
            + _at(url)
        )
    return [read_article(article, page_title=lambda: _page_title(page), url=url, date=date)]


def _at(url: str | None) -> str:
    return f" ({url})" if url else ""


def find_bulletin(page: str) -> Article | None:
    """The bulletin's part of a decoded page, or None. ParseError when it is cut off."""
    region = locate(page)
    if region is not None:
        return split(region.layout, page[region.start : region.end])
    article = find_article(page)
    return split("article", article) if article is not None else None


def _article_in_bytes(body: bytes, content_type: str | None) -> Article | None:
    """What find_bulletin(decode_body(body, content_type)) gives for a complete page of a
    known layout, decoding only its part (see decoding.body_codec). None when the whole
    page must be decoded to tell: a page that may be truncated, of no known layout, or
    whose charset only decoding it all tells."""
    if not surely_complete(body):
        return None
    try:
        region = locate(body)
    except ParseError:
        return None  # the text path says why
    if region is None:
        return None
    raw = body[region.start : region.end]
    codec = body_codec(body, content_type, raw)
    text = decode_piece(raw, codec) if codec else None
    if text is None:
        return None
    return split(region.layout, text)


def read_article(
    article: Article,
    *,
    page_title: Callable[[], str] = str,
    url: str | None = None,
    date: dt.date | None = None,
) -> Bulletin:
    """One bulletin from the article's parts (see the module docstring). `page_title`
    gives the page's <title> text, asked only when the article states no date (it may
    decode the whole page). NotABulletin for a news item of no bulletin."""
    ensure_clean(article.heading + article.content, "MoD bulletin")
    heading = html_to_text(article.heading) if article.heading else ""
    stamp = published_at(html_to_text(article.timestamp)) if article.timestamp else None
    hint = stamp[0] if stamp else date
    content = article.content
    content = _FIGURE_RE.sub(" ", content) if "<fig" in content else content
    lines = html_to_lines(content, source_lines=False)
    lead_index, lead_date, lead_rest = _lead(lines, hint)
    items = lines if lead_index is None else [*lead_rest, *lines[lead_index + 1 :]]
    candidates = read_candidates(items, strict=True, number_first=False)
    titled = bool(BULLETIN_TITLE_RE.search(heading)) or lead_index is not None
    if not titled and len({c.category for c in candidates if c.category}) < (
        _MIN_CATEGORIES_UNTITLED
    ):
        raise NotABulletin(
            f"not a bulletin: a news item ({heading[:120] or 'untitled'!r}) with no bulletin "
            f"title, lead or list{_at(url)}"
        )
    if not candidates:
        raise ParseError(f"the MoD bulletin article holds no figures{_at(url)}")
    errors: list[str] = []
    report_date = _report_date(heading, lead_date, stamp, page_title, hint, date, url, errors)
    lang = detect_lang(" ".join(c.label for c in candidates))
    return build_bulletin(candidates, date=report_date, source="mod", lang=lang, errors=errors)


def _lead(lines: list[str], hint: dt.date | None) -> tuple[int | None, dt.date | None, list[str]]:
    """(index, report date, items on the same line) of the lead: the first line near the
    top that states a report date or opens the list ("… орієнтовно склали:")."""
    for index, line in enumerate(lines[:_LEAD_LINES]):
        found = stated_report_date(line, hint)
        colon = _LEAD_COLON_RE.search(line)
        if found is None and colon is None and not BULLETIN_TITLE_RE.search(line):
            continue
        rest: list[str] = []
        if colon:  # a one-paragraph bulletin goes on after the colon
            tail = line[colon.end() :].strip()
            rest = [tail] if tail else []
        return index, found, rest
    return None, None, []


def _report_date(
    heading: str,
    lead_date: dt.date | None,
    stamp: tuple[dt.date, dt.time | None] | None,
    page_title: Callable[[], str],
    hint: dt.date | None,
    fallback: dt.date | None,
    url: str | None,
    errors: list[str],
) -> dt.date | None:
    heading_date = stated_report_date(heading, hint) if heading else None
    if heading_date and lead_date and heading_date != lead_date:
        errors.append(
            f"the title states report date {heading_date} and the lead {lead_date}: which "
            f"one is the bulletin's is not told{_at(url)}"
        )
        return None
    found = heading_date or lead_date
    if found is None:
        title = page_title()
        found = stated_report_date(title, hint) if title else None
    if found is not None:
        return found
    if fallback is not None:
        return fallback
    if stamp is not None and stamp[1] is not None and stamp[1] < _MORNING_ENDS:
        return stamp[0]  # the morning's bulletin, as published that morning
    why = (
        "and no timestamp in the page"
        if stamp is None
        else f"and its timestamp ({stamp[0]} {stamp[1] or 'no time'}) is not a morning one"
    )
    errors.append(f"no report date: the page states none {why}{_at(url)}")
    return None


def _page_title(page: str) -> str:
    """The text of the page's <title> (before <body>), or ""."""
    head = page[: page.find("<body")] if "<body" in page else page
    return element_text(head, "title")
