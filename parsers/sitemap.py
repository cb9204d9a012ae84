"""Sitemaps (mod.gov.ua `sitemap.xml`, mirror/SITES.md §3): an index of monthly sitemaps, or
one list of pages with their last modification day. Pure: text in, absolute URLs out."""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass, field

from parsers.challenge import raise_if_challenge
from parsers.dates import published_at
from parsers.decoding import decode_body
from parsers.errors import ParseError
from parsers.urls import join


@dataclass(frozen=True, slots=True)
class SitemapPage:
    url: str  # absolute
    lastmod: dt.date | None  # the day it was last changed, as the sitemap says


@dataclass(frozen=True, slots=True)
class Sitemap:
    sitemaps: list[str] = field(default_factory=list)  # a <sitemapindex>'s sitemaps
    pages: list[SitemapPage] = field(default_factory=list)  # a <urlset>'s pages


# Tags may carry a namespace prefix ("<sm:url>"); only the element's own <loc> counts
# (not an <image:loc> inside it).
_ROOT_RE = re.compile(r"<(?:\w+:)?(sitemapindex|urlset)\b", re.IGNORECASE)
_ENTRY_RE = re.compile(
    r"<(?:\w+:)?(sitemap|url)\b[^>]*>(.*?)</(?:\w+:)?\1\s*>", re.IGNORECASE | re.DOTALL
)
_LOC_RE = re.compile(r"<(?:\w+:)?loc\b[^>]*>\s*(.*?)\s*</", re.IGNORECASE | re.DOTALL)
_LASTMOD_RE = re.compile(r"<(?:\w+:)?lastmod\b[^>]*>\s*(.*?)\s*</", re.IGNORECASE | re.DOTALL)
_CDATA_RE = re.compile(r"^<!\[CDATA\[(.*)\]\]>$", re.DOTALL)


def parse_sitemap(body: bytes | str, url: str) -> Sitemap:
    """The sitemaps a <sitemapindex> lists, or the pages (with lastmod days) a <urlset>
    lists, in document order. ChallengePage for an anti-bot interstitial, ParseError for
    anything that is not a sitemap (a gzipped one included: the fetcher inflates)."""
    raise_if_challenge(body, "sitemap", url)
    text = decode_body(body)
    root = _ROOT_RE.search(text)
    if root is None:
        raise ParseError(f"not a sitemap: no <sitemapindex> or <urlset> ({url})")
    index = root[1].lower() == "sitemapindex"
    sitemaps: list[str] = []
    pages: list[SitemapPage] = []
    for entry in _ENTRY_RE.finditer(text, root.end()):
        if (entry[1].lower() == "sitemap") != index:
            continue
        loc = _LOC_RE.search(entry[2])
        if loc is None or not loc[1]:
            continue
        address = join(url, _text(loc[1]))
        if index:
            sitemaps.append(address)
            continue
        lastmod = _LASTMOD_RE.search(entry[2])
        stamp = published_at(_text(lastmod[1])) if lastmod else None
        pages.append(SitemapPage(address, stamp[0] if stamp else None))
    if not re.search(rf"</(?:\w+:)?{root[1]}\s*>", text[root.end() :], re.IGNORECASE):
        raise ParseError(f"sitemap truncated: <{root[1]}> never closes ({url})")
    return Sitemap(sitemaps, pages)


def _text(value: str) -> str:
    cdata = _CDATA_RE.match(value)
    return cdata[1].strip() if cdata else html.unescape(value)
