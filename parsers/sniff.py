"""Which format a document is in, from its content first and its URL second."""

from __future__ import annotations

import re

from parsers.challenge import raise_if_challenge
from parsers.decoding import decode_body, ensure_clean
from parsers.errors import NotABulletin
from parsers.model import SourceName
from parsers.titles import TITLE_MARKERS
from parsers.vocabulary import BY_API_KEY

FORMATS = tuple(SourceName)
_HTML_RE = re.compile(
    r"<(?:!doctype|html|head|body|div|p|ul|li|article|span|a|br|h1|table)\b", re.IGNORECASE
)
# The article markup of the MoD-era sites (mirror/SITES.md §1-4), ASCII: found in a raw
# page's bytes too, without decoding it.
_MOD_LAYOUT_MARKS = (b"news-detail", b"aticle-content", b"page_title-text", b"news-content")
_MOD_HOSTS = ("mil.gov.ua", "mod.gov.ua", "kmu.gov.ua")


def sniff_format(body: bytes | str, url: str | None = None, content_type: str | None = None) -> str:
    """ "mod", "minfin", "api" or "text". ParseError for empty or binary documents,
    ChallengePage for an anti-bot interstitial, NotABulletin for HTML that is neither a
    MoD-era page nor an aggregator page."""
    raise_if_challenge(body, "document", url)
    return sniff_text(decode_body(body, content_type), url, content_type)


# Keys only the PetroIvaniuk files use (an API response says "personnel_units", "tanks").
_EQUIPMENT_KEYS = ('"APC"', '"field artillery"', '"MRL"', '"naval ship"', '"drone"')
_PERSONNEL_KEYS = ('"personnel*"', '"POW"')
_CSV_HEADER_RE = re.compile(r"date,[a-z_]+(?:,[a-z_]+)*\s*(?:\n|$)")


def sniff_dataset(head: str) -> str | None:
    """ "petroivaniuk", "petroivaniuk_personnel" or "daycsv" for the head of a dataset
    file, else None."""
    if head.startswith("[") and '"date"' in head:
        if any(key in head for key in _EQUIPMENT_KEYS):
            return SourceName.PETROIVANIUK
        if any(key in head for key in _PERSONNEL_KEYS):
            return SourceName.PETROIVANIUK_PERSONNEL
        return None
    header = _CSV_HEADER_RE.match(head)
    if header and any(name in BY_API_KEY for name in header[0].strip().split(",")[1:]):
        return SourceName.DAYCSV
    return None


def sniff_raw(body: bytes) -> str | None:
    """The format of a raw HTML page when its bytes alone tell ("mod" for the MoD sites'
    article markup, "minfin" for the aggregator's list of days), else None."""
    head = body[:4096].lstrip()
    if not head.startswith(b"<"):
        return None
    if any(mark in body for mark in _MOD_LAYOUT_MARKS):
        return "mod"
    if b"see-also" in body and b"casualties" in body:
        return "minfin"
    return None


def sniff_text(text: str, url: str | None = None, content_type: str | None = None) -> str:
    head = text[:4096].lstrip()
    ctype = (content_type or "").lower()
    dataset = sniff_dataset(head)
    if dataset:
        return dataset
    if "json" in ctype or head.startswith(("{", "[")):
        return "api"
    link = (url or "").lower()
    if _HTML_RE.search(text[:20000]) or "html" in ctype:
        if any(mark.decode() in text for mark in _MOD_LAYOUT_MARKS):
            return "mod"  # (in sniff_raw's order: a page is sniffed alike raw or decoded)
        if "see-also" in text and "casualties" in text:
            return "minfin"
        if any(marker in text for marker in TITLE_MARKERS):
            return "mod"
        if "minfin" in link or "russian-invading" in link:
            return "minfin"
        if any(host in link for host in _MOD_HOSTS) or "/mod/" in link:
            return "mod"
        ensure_clean(text, "HTML page")
        raise_if_challenge(text, "document", url)
        where = f" ({url})" if url else ""
        raise NotABulletin(
            "HTML page without a bulletin: neither a MoD bulletin article nor an "
            f"aggregator list of days{where}"
        )
    return "text"
