"""One fetched document to its bulletins, whatever its format: the entry point of
every parser (the format sniffed when not given)."""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable

from parsers.challenge import raise_if_challenge
from parsers.decoding import decode_body
from parsers.errors import ParseError
from parsers.model import Bulletin, SourceName
from parsers.sniff import FORMATS, sniff_raw, sniff_text

# Each format's parser, imported when first used: a run reads one source, and the
# press-text reader alone costs ~40 ms to import (its regexes).
_PARSERS = {
    SourceName.MOD: ("parsers.mod", "parse_mod"),
    SourceName.MINFIN: ("parsers.minfin", "parse_minfin"),
    SourceName.API: ("parsers.api", "parse_api"),
    SourceName.TEXT: ("parsers.text", "parse_text"),
    SourceName.PETROIVANIUK: ("parsers.petroivaniuk", "parse_petroivaniuk"),
    SourceName.PETROIVANIUK_PERSONNEL: ("parsers.petroivaniuk", "parse_petroivaniuk_personnel"),
    SourceName.DAYCSV: ("parsers.daycsv", "parse_daycsv"),
}


def _parser(format: str) -> Callable[..., list[Bulletin]]:
    module, name = _PARSERS[format]
    return getattr(importlib.import_module(module), name)


_WHAT = {
    SourceName.MOD: "MoD page",
    SourceName.MINFIN: "aggregator page",
    SourceName.API: "API response",
    SourceName.TEXT: "text",
    SourceName.PETROIVANIUK: "dataset file",
    SourceName.PETROIVANIUK_PERSONNEL: "dataset file",
    SourceName.DAYCSV: "dataset file",
}


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
    not state one (a year the text leaves out is taken nearest to it too). A ParseError
    carries the document's `url`."""
    try:
        return _parse(body, format, date, url, content_type)
    except ParseError as error:
        if error.url is None:
            error.url = url
        raise


def _parse(
    body: bytes | str,
    format: str,
    date: dt.date | None,
    url: str | None,
    content_type: str | None,
) -> list[Bulletin]:
    if format != "auto" and format not in _PARSERS:
        raise ParseError(f"unknown format {format!r} (expected auto, {', '.join(FORMATS)})")
    if format != SourceName.MOD:  # (parse_mod asks itself, in the same words)
        raise_if_challenge(body, _WHAT.get(format, "document"), url)
    if format == "auto" and isinstance(body, bytes):
        format = sniff_raw(body) or "auto"
    # The HTML formats decode only the part of the page they read.
    if format in (SourceName.MOD, SourceName.MINFIN):
        return _parser(format)(body, url=url, content_type=content_type, date=date)
    text = decode_body(body, content_type)
    fmt = sniff_text(text, url, content_type) if format == "auto" else format
    return _parser(fmt)(text, url=url, content_type=content_type, date=date)
