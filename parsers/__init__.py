"""Every bulletin format into one typed record. Pure functions: bytes/str in,
`Bulletin` records out; no I/O. Everyone else calls only what is exported here."""

from __future__ import annotations

import datetime as dt

from parsers.api import parse_api
from parsers.challenge import challenge_kind, raise_if_challenge
from parsers.decoding import decode_body
from parsers.listing import (
    NewsEntry,
    NewsListing,
    api_next_page,
    parse_minfin_month_links,
    parse_news_listing,
)
from parsers.minfin import parse_minfin
from parsers.mod import parse_mod
from parsers.model import Bulletin, ChallengePage, Figure, NotABulletin, ParseError
from parsers.sitemap import Sitemap, SitemapPage, parse_sitemap
from parsers.sniff import FORMATS, sniff_format, sniff_raw, sniff_text
from parsers.text import parse_text
from parsers.titles import looks_like_bulletin_url

# Bump whenever the output for some input changes (the warehouse records it per load).
PARSER_VERSION = "2.0"

_PARSERS = {"mod": parse_mod, "minfin": parse_minfin, "api": parse_api, "text": parse_text}
_WHAT = {"mod": "MoD page", "minfin": "aggregator page", "api": "API response", "text": "text"}

__all__ = [
    "FORMATS",
    "PARSER_VERSION",
    "Bulletin",
    "ChallengePage",
    "Figure",
    "NewsEntry",
    "NewsListing",
    "NotABulletin",
    "ParseError",
    "Sitemap",
    "SitemapPage",
    "api_next_page",
    "challenge_kind",
    "looks_like_bulletin_url",
    "parse_document",
    "parse_minfin_month_links",
    "parse_news_listing",
    "parse_sitemap",
    "sniff_format",
]


def parse_document(
    body: bytes | str,
    *,
    format: str = "auto",
    date: dt.date | None = None,
    url: str | None = None,
    content_type: str | None = None,
) -> list[Bulletin]:
    """The bulletins in one fetched document (format "auto" sniffs it).

    Raises ParseError with a clear reason when no bulletin can be read: NotABulletin for
    a page that is another news item, ChallengePage for an anti-bot interstitial. A
    returned bulletin with non-empty `.errors` is incomplete (unknown label, unreadable
    figure, no report date). `date` is the fallback report date for documents that do
    not state one (a year the text leaves out is taken nearest to it too)."""
    if format != "auto" and format not in _PARSERS:
        raise ParseError(f"unknown format {format!r} (expected auto, {', '.join(FORMATS)})")
    raise_if_challenge(body, _WHAT.get(format, "document"), url)
    if format == "auto" and isinstance(body, bytes):
        format = sniff_raw(body) or "auto"
    if format in ("mod", "minfin"):  # they decode only the part of the page they read
        return _PARSERS[format](body, url=url, content_type=content_type, date=date)
    text = decode_body(body, content_type)
    fmt = sniff_text(text, url, content_type) if format == "auto" else format
    return _PARSERS[fmt](text, url=url, content_type=content_type, date=date)
