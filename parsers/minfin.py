"""The index.minfin.com.ua "russian-invading/casualties" pages: the full page (the current
and the previous month, heavy chrome), a month page `/casualties/YYYY-MM/` (the current day
repeated at its top) or a month.php fragment; Ukrainian and English editions.

The real markup (mirror/SITES.md §5): single-quoted attributes, days `ul.see-also >
li.gold` that are never closed (a day runs to the next `li.gold` or the end of its list),
the date in `span.black`, one `<li>` per category in `div.casualties` (labels inside
`<abbr>`/`<span>`, personnel last). The infographic block and its `ul.table-comment`
inside the first day are outside `div.casualties` and not read; the closing "Див.
також:" `li.gold` has no figures and is not a day. Labels are matched, never positions
(categories come and go).

An omitted increase (no `<small>`) is zero on a day that states increases; a day that
states none (February-April 2022) states no increase at all (None).

Elements are delimited by string search and tag counting (html.element_end) rather than
a full HTML parser: BeautifulSoup(html.parser) needs ~2 ms per day here, this ~0.1 ms
(bench/bench_parse.py).
"""

from __future__ import annotations

import datetime as dt
import re

from parsers.challenge import raise_if_challenge
from parsers.dates import dotted_date
from parsers.decoding import decode_body, ensure_clean
from parsers.errors import ParseError
from parsers.figures import build_bulletin, detect_lang, read_candidates
from parsers.html import element_end, html_to_lines, html_to_text, is_truncated_page
from parsers.model import Bulletin

_DAY_RE = re.compile(r"<li\b[^>]*\bclass\s*=\s*[\"'](?:[^\"']*\s)?gold[\s\"']", re.IGNORECASE)
_DATE_RE = re.compile(
    r"<span\b[^>]*\bclass\s*=\s*[\"'](?:[^\"']*\s)?black[\s\"'][^>]*>(.*?)</span", re.I | re.S
)
_EDITIONS = (("/en/", "en"), ("/ua/", "uk"))
_CASUALTIES_RE = re.compile(
    r"<div\b[^>]*\bclass\s*=\s*[\"'](?:[^\"']*\s)?casualties[\s\"']", re.IGNORECASE
)


def _see_also_lists(page: str, where: str) -> list[str]:
    """Every `<ul class="... see-also ...">` element of the page, whole."""
    found: list[str] = []
    index = page.find("see-also")
    while index >= 0:
        start = page.rfind("<ul", 0, index)
        if start >= 0 and ">" not in page[start:index] and "<" not in page[start + 1 : index]:
            end = element_end(page, start, "ul")
            if end is None:
                raise ParseError(f"aggregator page truncated: the list of days never closes{where}")
            found.append(page[start:end])
            index = page.find("see-also", end)
        else:
            index = page.find("see-also", index + 8)
    return found


def parse_minfin(
    body: bytes | str,
    *,
    url: str | None = None,
    content_type: str | None = None,
    date: dt.date | None = None,  # unused: every day states its own date
) -> list[Bulletin]:
    page = decode_body(body, content_type)
    where = f" ({url})" if url else ""
    if is_truncated_page(page):
        raise ParseError(f"aggregator page truncated (no closing </html>){where}")
    # The edition is in the URL (`/ua/…`, `/en/…`); without one, each day's labels say.
    lang = next((code for part, code in _EDITIONS if url and part in url), None)
    bulletins: list[Bulletin] = []
    for days in _see_also_lists(page, where):
        ensure_clean(days, "aggregator list")
        starts = [match.start() for match in _DAY_RE.finditer(days)]
        for start, end in zip(starts, [*starts[1:], len(days)][: len(starts)], strict=True):
            bulletin = _parse_day(days[start:end], lang, where)
            if bulletin is not None:
                bulletins.append(bulletin)
    if not bulletins:
        ensure_clean(page, "aggregator page")
        raise_if_challenge(page, "aggregator page", url)
        raise ParseError(f"no days in the aggregator page (no ul.see-also > li.gold){where}")
    return bulletins


def _parse_day(day: str, lang: str | None, where: str) -> Bulletin | None:
    """One day's bulletin; None for an `li.gold` that is no day ("Див. також:")."""
    errors: list[str] = []
    header = _DATE_RE.search(day)
    shown = html_to_text(header[1]) if header else ""
    report_date = dotted_date(shown)
    box = _CASUALTIES_RE.search(day)
    if report_date is None and box is None:
        return None
    if report_date is None:
        errors.append(
            f"aggregator day without a readable date ({shown or 'no span.black'!r}){where}"
        )
    box_end = element_end(day, box.start(), "div") if box else None
    lines: list[str] = []
    if box and box_end is None:
        errors.append(f"aggregator day {report_date}: the list of figures never closes{where}")
    elif box:
        # From the end of the div's start tag (the regex stops inside it, at its class).
        inside = day.find(">", box.end(), box_end) + 1 or box.end()
        lines = html_to_lines(day[inside:box_end], source_lines=False)  # a line a <li>
    candidates = read_candidates(lines, strict=True)
    if not candidates:
        errors.append(f"aggregator day {report_date} has no figures{where}")
    day_lang = lang or detect_lang(" ".join(c.label for c in candidates))
    # No <small> means +0 only where the day shows increases at all.
    states_increases = any(c.has_increase for c in candidates)
    return build_bulletin(
        candidates,
        date=report_date,
        source="minfin",
        lang=day_lang,
        omitted_delta=0 if states_increases else None,
        errors=errors,
    )
