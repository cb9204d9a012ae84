"""Every bulletin format into one typed record. Pure functions: bytes/str in,
`Bulletin` records out; no I/O. Everyone else calls only what is exported here."""

from __future__ import annotations

import datetime as dt

from parsers.api import parse_api
from parsers.decoding import decode_body
from parsers.listing import (
    ListingEntry,
    ModListing,
    api_next_page,
    parse_minfin_month_links,
    parse_mod_listing,
)
from parsers.minfin import parse_minfin
from parsers.mod import parse_mod
from parsers.model import Bulletin, Figure, ParseError
from parsers.sniff import FORMATS, sniff_format, sniff_text
from parsers.text import parse_text

# Bump whenever the output for some input changes (the warehouse records it per load).
PARSER_VERSION = "1.1"

_PARSERS = {"mod": parse_mod, "minfin": parse_minfin, "api": parse_api, "text": parse_text}

__all__ = [
    "PARSER_VERSION",
    "Bulletin",
    "Figure",
    "ListingEntry",
    "ModListing",
    "ParseError",
    "api_next_page",
    "parse_document",
    "parse_minfin_month_links",
    "parse_mod_listing",
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

    Raises ParseError with a clear reason when no bulletin can be read. A returned
    bulletin with non-empty `.errors` is incomplete (unknown label, unreadable figure).
    `date` is the fallback report date for documents that do not state one."""
    if format != "auto" and format not in _PARSERS:
        raise ParseError(f"unknown format {format!r} (expected auto, {', '.join(FORMATS)})")
    if format == "mod":  # it decodes only the article of the page when it can
        return parse_mod(body, url=url, content_type=content_type, date=date)
    text = decode_body(body, content_type)
    fmt = sniff_text(text, url, content_type) if format == "auto" else format
    return _PARSERS[fmt](text, url=url, content_type=content_type, date=date)
