"""Press reposts of the bulletin as plain text (Ukrainian, Russian, English).

Lists: bulleted or inline, label-first ("танки — 9419 (+20 за минулу добу);") or
number-first ("11 494 танки (+6 за добу)", "497,700 (+1,330) military personnel"), two
categories on one line, any dash or a colon, thousands by space/comma/dot/"тис.", the
bilingual bulletin ("особового складу / personnel ‒ близько/ about 403720(+1290) осіб /
persons,": a label in both languages names one category, or is an error; see
vocabulary.classify_label); the prose and the headline around a list are ignored (see
figures.select_block).

Prose (a text without list items, as most press items since 2025): read by
parsers.prose, into one Bulletin of the totals it states, each with the increase it
states; a category stated only by its increase ("втратила ще 1 280 військових") has no
total to load, and is an error saying so, never an invented total; so is a figure the
text does not say is a total or an increase, and every problem the prose reader found.
Rounded and bounded statements ("майже 982 тисячі", "over 1.3 million") are not the
bulletin's figures and are not loaded.

The date comes from the text ("з 24.02.22 по 23.11.24", "станом на 23 листопада", "За
минулу добу, 22 листопада" = the bulletin of the 23rd), else the caller's `date`, else None.
"""

from __future__ import annotations

import datetime as dt
import html
import re

from parsers.dates import prose_date
from parsers.decoding import decode_body, ensure_clean
from parsers.errors import ParseError
from parsers.figures import (
    Candidate,
    build_bulletin,
    detect_lang,
    is_list_item,
    read_candidates,
    select_block,
)
from parsers.html import html_to_lines
from parsers.model import Bulletin, Figure
from parsers.prose import ProseReading, StatedFigure, read_dated_prose
from parsers.vocabulary import CATEGORY_NAMES

_LOOKS_HTML = re.compile(r"<(?:p|br|li|div|ul|html|body|span)\b", re.IGNORECASE)


def parse_text(
    body: bytes | str,
    *,
    url: str | None = None,
    content_type: str | None = None,
    date: dt.date | None = None,
) -> list[Bulletin]:
    text = ensure_clean(decode_body(body, content_type))
    if _LOOKS_HTML.search(text[:5000]):
        lines = html_to_lines(text)
    else:  # entities without tags ("танки&nbsp;— 7794", "ББМ &#8212; 15&nbsp;020") too
        lines = (html.unescape(text) if "&" in text else text).splitlines()
    selected = select_block(read_candidates(lines, strict=False), lines)
    if not _has_list(selected, lines):
        return [_from_prose(lines, url=url, date=date, fallback=selected)]
    end = max(c.line for c in selected) + 1  # the date stated before/in the list first
    after = "\n".join(lines[end:])
    report_date = prose_date("\n".join(lines[:end]), hint=date, after=after) or date
    lang = detect_lang(" ".join(c.label for c in selected))
    return [build_bulletin(selected, date=report_date, source="text", lang=lang)]


def _has_list(selected: list[Candidate], lines: list[str]) -> bool:
    """Whether the figures found are a bulletin list (any known "label — value" item, or
    a "value label" alone on its line), not numbers inside sentences."""
    per_line: dict[int, int] = {}
    for cand in selected:
        per_line[cand.line] = per_line.get(cand.line, 0) + 1
    return any(
        cand.category and is_list_item(cand, lines[cand.line], per_line[cand.line])
        for cand in selected
    )


def _from_prose(
    lines: list[str], *, url: str | None, date: dt.date | None, fallback: list[Candidate]
) -> Bulletin:
    text = "\n".join(lines)
    report_date = prose_date(text, hint=date) or date
    reading = read_dated_prose(text, None, report_date)
    lang = detect_lang(text)
    if not reading.figures:
        if any(c.category for c in fallback):  # never dropped: the list reader's errors
            return build_bulletin(fallback, date=report_date, source="text", lang=lang)
        where = f" ({url})" if url else ""
        why = f": {'; '.join(reading.problems)}" if reading.problems else ""
        raise ParseError(f"no bulletin figures found in the text{where}{why}")
    return prose_bulletin(reading, date=report_date, lang=lang)


def prose_bulletin(reading: ProseReading, *, date: dt.date | None, lang: str) -> Bulletin:
    """The Bulletin a prose reading makes: per category the exact total it states, with
    the exact increase it states; errors for what cannot be loaded."""
    totals: dict[str, StatedFigure] = {}
    increases: dict[str, StatedFigure] = {}
    unsaid: dict[str, StatedFigure] = {}
    several: set[str] = set()
    for figure in reading.figures:
        exact = not figure.rounded and (
            figure.bound is None or (figure.bound == "about" and figure.category == "personnel")
        )
        if not exact:
            continue  # "майже 982 тисячі", "over 1.3 million": a bound, not the figure
        if figure.kind == "total":
            totals.setdefault(figure.category, figure)
        elif figure.kind == "increase" and figure.bound is None:
            first = increases.setdefault(figure.category, figure)
            if first.value != figure.value:
                several.add(figure.category)  # one for each day: which is the bulletin's?
        elif figure.kind is None:
            unsaid.setdefault(figure.category, figure)
    errors = list(reading.problems)
    for name in sorted(several, key=CATEGORY_NAMES.index):
        quotes = dict.fromkeys(
            f.quote for f in reading.figures if f.category == name and f.kind == "increase"
        )
        errors.append(f"different increases for {name}: " + " / ".join(map(repr, quotes)))
        del increases[name]
    candidates: list[Candidate] = []
    only_increase: list[str] = []
    for name in CATEGORY_NAMES:
        total, increase = totals.get(name), increases.get(name)
        if total is not None:
            delta = increase.value if increase is not None else None
            qualifier = "about" if total.bound == "about" else None
            candidates.append(
                Candidate(
                    label=name,
                    category=name,
                    figure=Figure(total.value, delta, qualifier),
                    problem=None,
                    line=0,
                    has_increase=delta is not None,
                    text=total.quote,
                )
            )
        elif increase is not None:
            only_increase.append(f"{name} +{increase.value}")
        elif name in unsaid:
            figure = unsaid[name]
            errors.append(
                f"the text does not say whether {figure.value} ({name}) is the total or the "
                f"day's increase: {figure.quote!r}"
            )
    if only_increase:
        errors.append(
            "the text states only the increase, no total to load, for " + ", ".join(only_increase)
        )
    return build_bulletin(candidates, date=date, source="text", lang=lang, errors=errors)
