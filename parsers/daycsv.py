"""A CSV keyed by the losses day, as some scrapers store the bulletins
(SOURCES.md "What a bulletin is"): `date,personnel_units,tanks,...`, one row a
bulletin, totals only, the columns named by the russianwarship.rip API's keys
(vocabulary.BY_API_KEY), an empty cell where a category is not reported.

Its `date` is the day the losses happened, D-1, not the bulletin's report date D:
the row dated L is the bulletin of the morning of L+1, so it is returned with report
date L+1 (its losses_date is L), aligned with the sources keyed by D rather than a day
out of step."""

from __future__ import annotations

import csv
import datetime as dt

from parsers.api import _read_date, _read_int
from parsers.decoding import decode_body
from parsers.errors import ParseError
from parsers.model import Bulletin, Figure, SourceName
from parsers.numbers import NumberError
from parsers.vocabulary import BY_API_KEY, CATEGORY_NAMES

FILE = "losses_by_day.csv"
DATE_COLUMN = "date"
ONE_DAY = dt.timedelta(days=1)


def parse_daycsv(
    body: bytes | str,
    *,
    url: str | None = None,
    content_type: str | None = None,
    date: dt.date | None = None,  # unused: every row states its date
) -> list[Bulletin]:
    where = f" ({url})" if url else ""
    text = decode_body(body, content_type)
    rows = [row for row in csv.reader(text.splitlines()) if any(cell.strip() for cell in row)]
    if not rows:
        raise ParseError(f"empty CSV{where}")
    header = [cell.strip() for cell in rows[0]]
    if not header or header[0] != DATE_COLUMN:
        raise ParseError(
            f"not a CSV of the losses by day: its first column is {header[0]!r}, "
            f"not {DATE_COLUMN!r}{where}"
        )
    unknown = [name for name in header[1:] if name not in BY_API_KEY]
    if unknown or len(set(header)) != len(header):
        what = f"unknown column(s) {', '.join(map(repr, unknown))}" if unknown else "a column twice"
        raise ParseError(f"CSV of the losses by day: {what} in its header{where}")
    if len(rows) == 1:
        raise ParseError(f"CSV of the losses by day holds no days{where}")
    return [_row(row, header, line) for line, row in enumerate(rows[1:], start=2)]


def _row(row: list[str], header: list[str], line: int) -> Bulletin:
    errors: list[str] = []
    report_date: dt.date | None = None
    raw_date = row[0].strip()
    try:
        report_date = _read_date(raw_date) + ONE_DAY
    except ValueError:
        errors.append(f"line {line}: cannot read date {raw_date!r}")
    where = f"line {line} ({raw_date})" if report_date else f"line {line}"
    if len(row) != len(header):
        errors.append(f"{where}: {len(row)} fields for {len(header)} columns")
    figures: dict[str, Figure] = {}
    for key, cell in zip(header[1:], row[1:], strict=False):
        if not cell.strip():
            continue  # not reported that day
        category = BY_API_KEY[key]
        try:
            total = _read_int(cell)
            if total < 0:
                raise NumberError(f"negative total {total}")
        except NumberError as exc:
            errors.append(f"{where}: cannot read {key!r}: {exc}")
            continue
        # Personnel is always "about" in the bulletins (SOURCES.md), whoever copies it.
        qualifier = "about" if category.name == "personnel" else None
        figures[category.name] = Figure(total, None, qualifier)
    ordered = {name: figures[name] for name in CATEGORY_NAMES if name in figures}
    if not ordered and not errors:
        errors.append(f"{where}: no figures")
    return Bulletin(report_date, SourceName.DAYCSV, "en", ordered, tuple(errors))
