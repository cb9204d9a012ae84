"""Pages that lead to bulletins: the MoD news listing, the aggregator's month links and
the API's next page. Pure: text in, absolute URLs out (resolved against the page URL)."""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass, field
from urllib.parse import urljoin

from parsers.api import load_json
from parsers.dates import title_date
from parsers.decoding import body_codec, decode_body, decode_piece, ensure_clean
from parsers.figures import detect_lang
from parsers.html import find_all, html_to_text, is_truncated_page, surely_complete
from parsers.mod import TITLE_MARKERS
from parsers.model import ParseError


@dataclass(frozen=True, slots=True)
class ListingEntry:
    date: dt.date  # the report date read from the title
    lang: str
    url: str  # absolute
    title: str


@dataclass(frozen=True, slots=True)
class ModListing:
    entries: list[ListingEntry] = field(default_factory=list)
    next_url: str | None = None
    last_page: int | None = None


_ANCHOR_RE = re.compile(r"<a\b([^>]*)>(.*?)</a\s*>", re.IGNORECASE | re.DOTALL)
_HREF_RE = re.compile(r"""\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)
_CLASS_RE = re.compile(r"""\bclass\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)
_REL_NEXT_RE = re.compile(r"""\brel\s*=\s*["']?next\b""", re.IGNORECASE)
_PAGE_RE = re.compile(r"[?&]page=(\d+)")
_MONTH_LINK_RE = re.compile(r"month\.php\?(?:[^\"'<>]*&(?:amp;)?)?month=(\d{4}-\d{2})")


def _attr(regex: re.Pattern[str], attrs: str) -> str | None:
    match = regex.search(attrs)
    if not match:
        return None
    return html.unescape(match[match.lastindex])  # the one alternative that matched


def parse_mod_listing(body: bytes | str, page_url: str) -> ModListing:
    """Bulletin entries of one MoD news listing page (unrelated news skipped), newest
    first as listed, with the next page's URL and the number of the last page."""
    region = _listing_region_in_bytes(body) if isinstance(body, bytes) else None
    if region is None:
        page = decode_body(body)
        if is_truncated_page(page):
            raise ParseError(f"MoD listing truncated (no closing </html>) ({page_url})")
        region = page[slice(*_listing_region(page))]
    listing = _read_listing(region, page_url)
    if not listing.entries:
        ensure_clean(decode_body(body), "MoD listing")  # garbled titles look like no bulletins
    return listing


def _read_listing(region: str, page_url: str) -> ModListing:
    """The entries, next page and last page of the listing's news list and pagination."""
    entries: list[ListingEntry] = []
    seen: set[str] = set()
    next_url: str | None = None
    last_page: int | None = None
    page_numbers: list[int] = []
    for match in _ANCHOR_RE.finditer(region):
        attrs, inner = match[1], match[2]
        href = _attr(_HREF_RE, attrs)
        if not href:
            continue
        classes = (_attr(_CLASS_RE, attrs) or "").split()
        number = _PAGE_RE.search(href)
        if number:
            page_numbers.append(int(number[1]))
        if "next" in classes or _REL_NEXT_RE.search(attrs):
            next_url = urljoin(page_url, href)
            continue
        if "last" in classes:
            text = html_to_text(inner)
            last_page = int(text) if text.isdigit() else int(number[1]) if number else None
            continue
        title = html_to_text(inner)
        if not any(marker in title for marker in TITLE_MARKERS):
            continue
        report_date = title_date(title)
        url = urljoin(page_url, href)
        if report_date is None or url in seen:
            continue
        seen.add(url)
        entries.append(ListingEntry(report_date, detect_lang(title), url, title))
    if last_page is None and page_numbers:
        current = _PAGE_RE.search(page_url)
        last_page = max(page_numbers + ([int(current[1])] if current else []))
    return ModListing(entries, next_url, last_page)


def _listing_region_in_bytes(body: bytes) -> str | None:
    """The text of _listing_region of decode_body(body), decoding only that region (see
    decoding.body_codec). None when the whole page must be decoded to tell: a page that
    may be truncated, has no news list mark, or whose charset only decoding it all tells."""
    marks = find_all(body, b"news-list")
    if not marks or not surely_complete(body):
        return None
    start = marks[0]
    pagination = body.find(b"pagination", start)
    end = body.find(b"</nav>", pagination) if pagination >= 0 else -1
    region = body[start : end if end >= 0 else len(body)]
    codec = body_codec(body, None, region)
    return decode_piece(region, codec) if codec else None


def _listing_region(page: str) -> tuple[int, int]:
    """Where the news list and its pagination are, when the page marks them: the
    ~700 links of navigation and footer around them cost 7 ms a page to read.
    Without the marks, the whole page."""
    start = page.find("news-list")
    if start < 0:
        return 0, len(page)
    pagination = page.find("pagination", start)
    end = page.find("</nav>", pagination) if pagination >= 0 else -1
    return start, (end if end >= 0 else len(page))


def parse_minfin_month_links(body: bytes | str, page_url: str) -> list[tuple[str, str]]:
    """[("2024-05", absolute month.php URL), ...] in page order, each month once."""
    page = decode_body(body)
    links: dict[str, str] = {}
    for match in _ANCHOR_RE.finditer(page):
        href = _attr(_HREF_RE, match[1])
        month = _MONTH_LINK_RE.search(href or "")
        if href and month and month[1] not in links:
            links[month[1]] = urljoin(page_url, href)
    return list(links.items())


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
    return urljoin(page_url, next_url)
