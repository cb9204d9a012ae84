"""mod.gov.ua's sitemap.xml (SITES.md §3): a `<sitemapindex>` of monthly `<urlset>`s, each
listing every news item (uk and en) published that month, newest first."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from html import escape

from mirror.dates import iso_kyiv

_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n'
_NS = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'


def index(months: Sequence[tuple[str, str, dt.datetime]], *, layout: str | None = None) -> bytes:
    """`months`: (month, absolute URL of its urlset, newest lastmod), newest first."""
    if layout is not None:  # a layout no crawler knows
        items = "\n".join(f'<part month="{m}" href="{escape(url)}"/>' for m, url, _ in months)
        return f"{_HEAD}<index>\n{items}\n</index>\n".encode()
    items = "\n".join(
        f"<sitemap><loc>{escape(url)}</loc><lastmod>{iso_kyiv(when)}</lastmod></sitemap>"
        for _, url, when in months
    )
    return f"{_HEAD}<sitemapindex {_NS}>\n{items}\n</sitemapindex>\n".encode()


def urlset(urls: Sequence[tuple[str, dt.datetime]], *, layout: str | None = None) -> bytes:
    """`urls`: (absolute URL, publication time), newest first."""
    if layout is not None:
        items = "\n".join(f'<page href="{escape(url)}"/>' for url, _ in urls)
        return f"{_HEAD}<pages>\n{items}\n</pages>\n".encode()
    items = "\n".join(
        f"<url><loc>{escape(url)}</loc><lastmod>{iso_kyiv(when)}</lastmod></url>"
        for url, when in urls
    )
    return f"{_HEAD}<urlset {_NS}>\n{items}\n</urlset>\n".encode()
