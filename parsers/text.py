"""Press reposts of the bulletin as plain text (Ukrainian, Russian, English).

Accepts bulleted or inline lists, label-first ("танки — 9419 (+20 за минулу добу);") or
number-first ("11 494 танки (+6 за добу)", "497,700 (+1,330) military personnel"), two
categories on one line, any dash or a colon, thousands by space/comma/dot/"тис.", the
bilingual bulletin ("особового складу / personnel ‒ близько/ about 403720(+1290) осіб /
persons,": a label in both languages names one category, or is an error; see
vocabulary.classify_label), and ignores the prose and the headline around the list (see
figures.select_block). Figures written in prose are not read (another reader's task). The date
comes from the text ("з 24.02.22 по 23.11.24", "станом на 23 листопада", "За минулу
добу, 22 листопада" = the bulletin of the 23rd), else the caller's `date`, else None.
"""

from __future__ import annotations

import datetime as dt
import html
import re

from parsers.dates import prose_date
from parsers.decoding import decode_body, ensure_clean
from parsers.errors import ParseError
from parsers.figures import build_bulletin, detect_lang, read_candidates, select_block
from parsers.html import html_to_lines
from parsers.model import Bulletin

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
    if not any(c.category for c in selected):
        where = f" ({url})" if url else ""
        raise ParseError(f"no bulletin figures found in the text{where}")
    end = max(c.line for c in selected) + 1  # the date stated before/in the list first
    after = "\n".join(lines[end:])
    report_date = prose_date("\n".join(lines[:end]), hint=date, after=after) or date
    lang = detect_lang(" ".join(c.label for c in selected))
    return [build_bulletin(selected, date=report_date, source="text", lang=lang)]
