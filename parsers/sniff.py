"""Which format a document is in, from its content first and its URL second."""

from __future__ import annotations

import re

from parsers.decoding import decode_body, ensure_clean
from parsers.mod import TITLE_MARKERS
from parsers.model import ParseError

FORMATS = ("mod", "minfin", "api", "text")
_HTML_RE = re.compile(
    r"<(?:!doctype|html|head|body|div|p|ul|li|article|span|a|br|h1|table)\b", re.IGNORECASE
)


def sniff_format(body: bytes | str, url: str | None = None, content_type: str | None = None) -> str:
    """ "mod", "minfin", "api" or "text". ParseError for empty or binary documents and for
    HTML that is neither a MoD bulletin page nor an aggregator page."""
    return sniff_text(decode_body(body, content_type), url, content_type)


def sniff_text(text: str, url: str | None = None, content_type: str | None = None) -> str:
    head = text[:4096].lstrip()
    ctype = (content_type or "").lower()
    if "json" in ctype or head.startswith(("{", "[")):
        return "api"
    link = (url or "").lower()
    if _HTML_RE.search(text[:20000]) or "html" in ctype:
        if "see-also" in text and "casualties" in text:
            return "minfin"
        if any(marker in text for marker in TITLE_MARKERS):
            return "mod"
        if "minfin" in link or "russian-invading" in link:
            return "minfin"
        if "mod.gov.ua" in link or "mil.gov.ua" in link or "/mod/" in link:
            return "mod"
        ensure_clean(text, "HTML page")
        where = f" ({url})" if url else ""
        raise ParseError(
            "HTML page without a bulletin: neither a MoD bulletin article nor an "
            f"aggregator list of days{where}"
        )
    return "text"
