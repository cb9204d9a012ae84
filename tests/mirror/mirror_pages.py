"""Test-side readers of the mirror's formats, written from DESIGN.md independently of
parsers/ (which round-trips the same pages in test_roundtrip.py)."""

from __future__ import annotations

import datetime as dt
import re

from bs4 import BeautifulSoup

from mirror.labels import MINFIN_LABELS, MOD_LABELS

_MOD_LINE = re.compile(
    r"^(?P<label>.+?) [—–‒-] (?:(?P<qual>близько|понад|about|more than) )?(?P<total>\d+)"
    r"(?: \((?P<delta>[+-]\d+)\))?"
)


def mod_article(html: str) -> BeautifulSoup:
    soup = BeautifulSoup(html, "html.parser")
    articles = soup.select("article.news-full")
    assert len(articles) == 1, f"{len(articles)} articles"
    return articles[0]


def mod_figures(html: str, lang: str) -> dict[str, tuple[int, int | None, str | None]]:
    """{category: (total, delta, qualifier word)} from a MoD day page."""
    by_label = {label: name for name, label in MOD_LABELS[lang].items()}
    text = mod_article(html).select_one("div.news-text")
    lines = [line.strip() for line in text.get_text("\n").splitlines() if line.strip()]
    out = {}
    for line in lines[1:-1]:  # between the intro and "Дані уточнюються."
        match = _MOD_LINE.match(line)
        assert match, f"unreadable line {line!r}"
        name = by_label[match["label"]]
        delta = int(match["delta"]) if match["delta"] else None
        out[name] = (int(match["total"]), delta, match["qual"])
    return out


def minfin_days(html: str, lang: str) -> dict[dt.date, dict[str, tuple[int, int]]]:
    """{date: {category: (total, delta)}} from a minfin page or fragment (0 if omitted)."""
    by_label = {label: name for name, label in MINFIN_LABELS[lang].items()}
    soup = BeautifulSoup(html, "html.parser")
    out = {}
    for day in soup.select("ul.see-also > li.gold"):
        date = dt.datetime.strptime(day.select_one("span.black").get_text(), "%d.%m.%Y").date()
        figures = {}
        for li in day.select("div.casualties > div > ul > li"):
            label, _, rest = li.get_text().partition("\xa0— ")
            small = li.find("small")
            delta = int(small.get_text().strip("()")) if small else 0
            total = int(re.search(r"\d+", rest).group())
            figures[by_label[label]] = (total, delta)
        assert date not in out, f"{date} listed twice"
        out[date] = figures
    return out


_LISTING_ITEM = re.compile(
    r'<div class="news-item"><span class="news-date">([^<]+)</span>\s*'
    r'<a class="news-title" href="([^"]+)">([^<]+)</a></div>'
)


def listing_entries(html: str) -> list[tuple[str, str, str]]:
    """[(news-date, href, title)] of a MoD listing page, in page order (a regex: the
    coverage tests read hundreds of 250 KB pages)."""
    block = html[html.index('<div class="news-list">') : html.index('<nav class="pagination">')]
    entries = _LISTING_ITEM.findall(block)
    assert len(entries) == block.count('class="news-item"')
    return entries


def pagination(html: str) -> dict[str, str]:
    """{"next": href, "last": href, ...} of a listing page's pagination."""
    nav = html[html.index('<nav class="pagination">') :]
    nav = nav[: nav.index("</nav>")]
    return dict(re.findall(r'<a class="(\w+)" href="([^"]+)"', nav))
