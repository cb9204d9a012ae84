"""The Ministry of Defence day page (mod.gov.ua; Ukrainian and English editions).

A day page is ~250 KB of chrome (inline CSS/JS, navigation, related news, footer) around
one short article. The article is located by plain string search first and only that
slice is read, which is what makes parsing fast (see bench/bench_parse.py).
"""

from __future__ import annotations

import datetime as dt

from parsers.dates import TITLE_DATE_RE, title_date
from parsers.decoding import decode_body, ensure_clean
from parsers.figures import build_bulletin, detect_lang, read_candidates
from parsers.html import element_end, html_to_lines, html_to_text, is_truncated_page
from parsers.model import Bulletin, ParseError

# Words of the bulletin title ("Загальні бойові втрати противника з 24.02.22 по ...",
# "The total combat losses of the enemy from 24.02.2022 to ...").
TITLE_MARKERS = ("бойові втрати противника", "втрати противника", "losses of the enemy")
# Where the bulletin ends when the page has no <article> around it.
_END_MARKERS = ("</article", "</main", "<footer", "<aside", "Дані уточнюються", "being updated")
_FALLBACK_SLICE = 30_000


def parse_mod(
    body: bytes | str,
    *,
    url: str | None = None,
    content_type: str | None = None,
    date: dt.date | None = None,
) -> list[Bulletin]:
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
    return [parse_article(article, page=page, url=url, date=date)]


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
        if TITLE_DATE_RE.search(piece) or any(m in piece for m in TITLE_MARKERS):
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
    article: str, *, page: str = "", url: str | None = None, date: dt.date | None = None
) -> Bulletin:
    """One bulletin from the article slice: the report date from its heading (checked
    against the lead paragraph), the figures from its paragraphs/list items/<br> lines."""
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
    if report_date is None and page:
        title = _element_text(page[: page.find("<body")] if "<body" in page else page, "title")
        report_date = title_date(title) if title else None
    report_date = report_date or date
    if report_date is None:
        errors.append(f"no report date in the bulletin title{_at(url)}")
    candidates = read_candidates(lines, strict=True)
    if not candidates:
        raise ParseError(f"the MoD bulletin article holds no figures{_at(url)}")
    lang = detect_lang(" ".join(c.label for c in candidates))
    return build_bulletin(candidates, date=report_date, source="mod", lang=lang, errors=errors)


def _element_text(html: str, tag: str) -> str:
    """The text of the first <tag> element, or ""."""
    start = html.find(f"<{tag}")
    end = html.find(f"</{tag}>", start) if start >= 0 else -1
    return html_to_text(html[start:end]) if end > 0 else ""
