"""Every bulletin format into one typed record. Pure functions: bytes/str in,
`Bulletin` records out; no I/O. Everyone else calls only what is exported here.

    from parsers import parse_document
    bulletins = parse_document(body, url=url, content_type=content_type)

Names are imported when first used, so that `parsers.errors` or `parsers.model`
(wanted by the command line at start-up) do not load every parser."""

from __future__ import annotations

from typing import TYPE_CHECKING

from parsers.lazy import lazy_attributes as _lazy_attributes

if TYPE_CHECKING:
    from parsers.api import parse_api
    from parsers.challenge import challenge_kind
    from parsers.daycsv import parse_daycsv
    from parsers.document import parse_document
    from parsers.errors import ChallengePage, LossesError, NotABulletin, ParseError
    from parsers.listing import (
        NewsEntry,
        NewsListing,
        api_next_page,
        parse_minfin_month_links,
        parse_news_listing,
    )
    from parsers.minfin import parse_minfin
    from parsers.mod import parse_mod
    from parsers.model import FETCHABLE_SOURCES, Bulletin, Figure, SourceName
    from parsers.petroivaniuk import parse_petroivaniuk, parse_petroivaniuk_personnel
    from parsers.prose import ProseReading, StatedFigure, read_prose
    from parsers.sitemap import Sitemap, SitemapPage, parse_sitemap
    from parsers.sniff import FORMATS, sniff_format
    from parsers.text import parse_text
    from parsers.titles import looks_like_bulletin_url

# Bump whenever the output for some input changes (the warehouse records it per load).
PARSER_VERSION = "2.3"

_HOMES = {
    "Bulletin": "parsers.model",
    "ChallengePage": "parsers.errors",
    "FETCHABLE_SOURCES": "parsers.model",
    "FORMATS": "parsers.sniff",
    "Figure": "parsers.model",
    "LossesError": "parsers.errors",
    "NewsEntry": "parsers.listing",
    "NewsListing": "parsers.listing",
    "NotABulletin": "parsers.errors",
    "ParseError": "parsers.errors",
    "ProseReading": "parsers.prose",
    "Sitemap": "parsers.sitemap",
    "SitemapPage": "parsers.sitemap",
    "SourceName": "parsers.model",
    "StatedFigure": "parsers.prose",
    "api_next_page": "parsers.listing",
    "challenge_kind": "parsers.challenge",
    "looks_like_bulletin_url": "parsers.titles",
    "parse_api": "parsers.api",
    "parse_daycsv": "parsers.daycsv",
    "parse_document": "parsers.document",
    "parse_minfin": "parsers.minfin",
    "parse_minfin_month_links": "parsers.listing",
    "parse_mod": "parsers.mod",
    "parse_news_listing": "parsers.listing",
    "parse_petroivaniuk": "parsers.petroivaniuk",
    "parse_petroivaniuk_personnel": "parsers.petroivaniuk",
    "parse_sitemap": "parsers.sitemap",
    "parse_text": "parsers.text",
    "read_prose": "parsers.prose",
    "sniff_format": "parsers.sniff",
}

__all__ = [
    "FETCHABLE_SOURCES",
    "FORMATS",
    "PARSER_VERSION",
    "Bulletin",
    "ChallengePage",
    "Figure",
    "LossesError",
    "NewsEntry",
    "NewsListing",
    "NotABulletin",
    "ParseError",
    "ProseReading",
    "Sitemap",
    "SitemapPage",
    "SourceName",
    "StatedFigure",
    "api_next_page",
    "challenge_kind",
    "looks_like_bulletin_url",
    "parse_api",
    "parse_daycsv",
    "parse_document",
    "parse_minfin",
    "parse_minfin_month_links",
    "parse_mod",
    "parse_news_listing",
    "parse_petroivaniuk",
    "parse_petroivaniuk_personnel",
    "parse_sitemap",
    "parse_text",
    "read_prose",
    "sniff_format",
]


__getattr__ = _lazy_attributes(__name__, _HOMES, globals())
