"""Pages that lead to bulletins: the MoD-era news listings (mil.gov.ua, mod.gov.ua and its
tag page, kmu.gov.ua), the aggregator's month links and the API's next page. Pure: text
in, absolute URLs out (resolved against the page's <base href>, else its URL).

A listing never dates a bulletin: an item's date is its publication time, and the report
date it carries is only what its title states ("… на 5 лютого 2026 року"); the page
fetched is dated by its own text (parsers.mod)."""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass, field

from parsers.api import load_json
from parsers.challenge import raise_if_challenge
from parsers.dates import published_at, stated_report_date
from parsers.decoding import body_codec, decode_body, decode_piece, ensure_clean
from parsers.errors import ParseError
from parsers.figures import detect_lang
from parsers.html import find_element, html_to_text, is_truncated_page, surely_complete
from parsers.titles import looks_like_bulletin_title
from parsers.urls import join


@dataclass(frozen=True, slots=True)
class NewsEntry:
    """One item of a news listing."""

    url: str  # absolute
    title: str
    published: dt.date | None  # the item's absolute date; None for "3 hours ago"
    report_date: dt.date | None  # only when the (bulletin-like) title states one
    bulletin: bool  # the title looks like a bulletin's (decoys too: the page decides)

    @property
    def lang(self) -> str:
        """The title's language, by its letters (read on demand: no run needs it, and
        a MoD backfill reads ~5,300 items)."""
        return detect_lang(self.title)


@dataclass(frozen=True, slots=True)
class NewsListing:
    entries: list[NewsEntry] = field(default_factory=list)  # in page order, newest first
    next_url: str | None = None
    last_page: int | None = None


_ANCHOR_RE = re.compile(r"<a\b([^>]*)>(.*?)</a\s*>", re.IGNORECASE | re.DOTALL)
_HREF_RE = re.compile(r"""\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)
_CLASS_RE = re.compile(r"""\bclass\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)
_REL_NEXT_RE = re.compile(r"""\brel\s*=\s*["']?next\b""", re.IGNORECASE)
_BASE_RE = re.compile(r"""<base\b[^>]*\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)
_PAGE_RE = re.compile(r"[?&]page=(\d+)")
# mod.gov.ua, its tag page and kmu.gov.ua: <a class="news-card" href>…date…title…</a>.
_CARD_RE = re.compile(
    r"""<a\b(?=[^>]*\bclass\s*=\s*["'][^"']*\bnews-card\b)([^>]*)>(.*?)</a\s*>""",
    re.IGNORECASE | re.DOTALL,
)
# mil.gov.ua: <div class="news-post"><a href>title</a><p class="meta">when</p></div>.
_POST_RE = re.compile(
    r"""<div\b[^>]*\bclass\s*=\s*["'][^"']*\bnews-post\b[^>]*>(.*?)</div\s*>""",
    re.IGNORECASE | re.DOTALL,
)
_CARD_DATE_RE = re.compile(r"""<[^>]*\bnews-card__date\b[^>]*>(.*?)</""", re.I | re.S)
_CARD_TITLE_RE = re.compile(r"""<[^>]*\bnews-card__title\b[^>]*>(.*?)</""", re.I | re.S)
_META_RE = re.compile(r"""<p\b[^>]*\bclass\s*=\s*["'][^"']*\bmeta\b[^>]*>(.*?)</p""", re.I | re.S)
# Pagination: the class may be on the link or on its <li> (mil.gov.ua).
_PAGER_LINK_RE = re.compile(
    r"(?:<li\b([^>]*)>\s*)?<a\b([^>]*)>(.*?)</a\s*>", re.IGNORECASE | re.DOTALL
)
_ITEM_ELEMENTS = (("a", "news-card"), ("div", "news-post"))


def _attr(regex: re.Pattern[str], attrs: str) -> str | None:
    match = regex.search(attrs)
    if not match:
        return None
    return html.unescape(match[match.lastindex])  # the one alternative that matched


def base_url(page: str, page_url: str) -> str:
    """What the page's links are relative to: its <base href> (itself resolved against
    the page's URL), else the page's URL."""
    match = _BASE_RE.search(page[:20000])
    if match is None:
        return page_url
    return join(page_url, html.unescape(match[match.lastindex]))


def parse_news_listing(body: bytes | str, page_url: str) -> NewsListing:
    """The items of one news listing page (all of them: `bulletin` tells which may be
    bulletins), in page order, with the next page's URL and the number of the last page.
    ChallengePage for an anti-bot interstitial; ParseError for a truncated page."""
    raise_if_challenge(body, "news listing", page_url)
    region = _region_in_bytes(body) if isinstance(body, bytes) else None
    if region is None:
        page = decode_body(body)
        if is_truncated_page(page):
            raise ParseError(f"news listing truncated (no closing </html>) ({page_url})")
        base = base_url(page, page_url)
        region = page[slice(*_listing_region(page))]
    else:
        region, head = region
        base = base_url(head, page_url)
    listing = _read_listing(region, base, page_url)
    if not listing.entries:
        ensure_clean(decode_body(body), "news listing")  # garbled titles look like no items
    return listing


def _read_listing(region: str, base: str, page_url: str) -> NewsListing:
    entries: list[NewsEntry] = []
    seen: set[str] = set()
    for attrs, inner in _items(region):
        href = _attr(_HREF_RE, attrs)
        if not href:
            continue
        url = join(base, href)
        if url in seen:
            continue
        seen.add(url)
        entries.append(_entry(url, *_title_and_when(inner)))
    next_url, last_page = _pagination(region, base, page_url)
    return NewsListing(entries, next_url, last_page)


def _items(region: str) -> list[tuple[str, str]]:
    """(attributes holding the link, inner HTML) of each item, in page order."""
    found = [(m.start(), m[1], m[2]) for m in _CARD_RE.finditer(region)]
    for post in _POST_RE.finditer(region):
        link = _ANCHOR_RE.search(post[1])
        if link:
            found.append((post.start(), link[1], post[1]))
    return [(attrs, inner) for _, attrs, inner in sorted(found)]


def _title_and_when(inner: str) -> tuple[str, str]:
    # Each regex only where its class is named (a miss scans every tag of the item).
    lowered = inner.lower()
    title = _CARD_TITLE_RE.search(inner) if "news-card__title" in lowered else None
    when = _CARD_DATE_RE.search(inner) if "news-card__date" in lowered else None
    when = when or (_META_RE.search(inner) if "meta" in lowered else None)
    if title:
        text = html_to_text(title[1])
    else:
        link = _ANCHOR_RE.search(inner)
        text = html_to_text(link[2] if link else inner)
    return text, html_to_text(when[1]) if when else ""


def _entry(url: str, title: str, when: str) -> NewsEntry:
    stamp = published_at(when) if when else None
    published = stamp[0] if stamp else None
    bulletin = looks_like_bulletin_title(title)
    # A year-less title ("from 24.02 to 12.04") takes the year of its publication.
    report_date = stated_report_date(title, published) if bulletin else None
    return NewsEntry(url, title, published, report_date, bulletin)


def _pagination(region: str, base: str, page_url: str) -> tuple[str | None, int | None]:
    start = region.find("pagination")
    if start < 0:
        return None, None
    next_url: str | None = None
    last_page: int | None = None
    numbers: list[int] = []
    for match in _PAGER_LINK_RE.finditer(region, start):
        item_attrs, attrs, inner = match[1] or "", match[2], match[3]
        href = _attr(_HREF_RE, attrs)
        if not href:
            continue
        classes = set((_attr(_CLASS_RE, attrs) or "").split())
        classes |= set((_attr(_CLASS_RE, item_attrs) or "").split())
        number = _PAGE_RE.search(href)
        if number:
            numbers.append(int(number[1]))
        if "next" in classes or _REL_NEXT_RE.search(attrs):
            next_url = join(base, href)
        elif "last" in classes:
            text = html_to_text(inner)
            last_page = int(text) if text.isdigit() else int(number[1]) if number else None
    if last_page is None and numbers:
        current = _PAGE_RE.search(page_url)
        last_page = max(numbers + ([int(current[1])] if current else []))
    return next_url, last_page


def _region_in_bytes(body: bytes) -> tuple[str, str] | None:
    """(text of _listing_region, base URL) of decode_body(body), decoding only that region
    and the head (see decoding.body_codec). None when the whole page must be decoded to
    tell: a page that may be truncated, has no item mark, or whose charset only decoding
    it all tells."""
    start = _first_item(body)
    if start is None or not surely_complete(body):
        return None
    end = _region_end(body, start)
    region = body[start:end]
    codec = body_codec(body, None, region)
    text = decode_piece(region, codec) if codec else None
    head = decode_piece(body[: min(start, 20000)], codec) if codec else None
    if text is None or head is None:
        return None
    return text, head


def _listing_region(page: str) -> tuple[int, int]:
    """Where the items and the pagination are: the ~700 links of navigation and footer
    around them cost 7 ms a page to read. Without an item mark, the whole page."""
    start = _first_item(page)
    if start is None:
        return 0, len(page)
    return start, _region_end(page, start)


def _first_item(page: str | bytes) -> int | None:
    """Where the first listing item opens (not a stylesheet's mention of its class)."""
    found = [find_element(page, tag, name) for tag, name in _ITEM_ELEMENTS]
    return min((i for i in found if i is not None), default=None)


def _region_end(page: str | bytes, start: int) -> int:
    mark = b"pagination" if isinstance(page, bytes) else "pagination"
    pagination = page.find(mark, start)
    if pagination < 0:
        return len(page)
    closes = [b"</nav>", b"</ul>"] if isinstance(page, bytes) else ["</nav>", "</ul>"]
    ends = [e for close in closes if (e := page.find(close, pagination)) >= 0]
    return min(ends) + 6 if ends else len(page)


# ------------------------------------------------------------------ the aggregator
_MONTH_LINK_RE = re.compile(
    r"(?:month\.php\?(?:[^\"'<>]*&(?:amp;)?)?month=|russian-invading/casualties/)"
    r"(\d{4}-\d{2})(?![\d-])"
)


def parse_minfin_month_links(body: bytes | str, page_url: str) -> list[tuple[str, str]]:
    """[("2023-03", absolute URL), ...] of the month pages (`…/casualties/2023-03/`, the
    real `div.ajaxmonth` links) and month.php fragments a page links to, in page order,
    each month once."""
    raise_if_challenge(body, "aggregator page", page_url)
    page = decode_body(body)
    base = base_url(page, page_url)
    links: dict[str, str] = {}
    for match in _ANCHOR_RE.finditer(page):
        href = _attr(_HREF_RE, match[1])
        month = _MONTH_LINK_RE.search(href or "")
        if href and month and month[1] not in links:
            links[month[1]] = join(base, href)
    return list(links.items())


# ------------------------------------------------------------------ the API
def api_next_page(body: bytes | str, page_url: str) -> str | None:
    """The absolute URL of the next page of an API range response, or None."""
    data = load_json(body)
    inner = data.get("data") if isinstance(data, dict) else None
    paginator = inner.get("paginator") if isinstance(inner, dict) else None
    if not isinstance(paginator, dict):
        return None
    next_url = paginator.get("next_page_url")
    if not next_url:
        return None
    if not isinstance(next_url, str):
        raise ParseError(f"API paginator next_page_url is not a string: {next_url!r}")
    return join(page_url, next_url)
