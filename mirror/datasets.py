"""The datasets others keep, as the mirror serves them (SITES.md "Datasets"), each with
the typos of mirror/typos.py seeded in:

- the PetroIvaniuk dataset's two files, in its own layout: the reference's objects as
  they are (same keys, order and indentation), keyed by the report date D;
- a CSV keyed by the losses day, as some scrapers store it: `date,personnel_units,
  tanks,...` (the API's key names), the row of the bulletin dated D dated D-1."""

from __future__ import annotations

import datetime as dt
import io
import json
from collections.abc import Sequence

from mirror.reference import ReferenceDay
from mirror.typos import SeededTypo, seeded_typos
from parsers.daycsv import FILE as DAYCSV_FILE
from parsers.model import SourceName
from parsers.petroivaniuk import EQUIPMENT_FILE, PERSONNEL_FILE
from parsers.vocabulary import BY_NAME, CATEGORY_NAMES, war_day

# Mirror path under /datasets -> (source, file).
FILES: dict[str, tuple[SourceName, str]] = {
    f"/datasets/petroivaniuk/{EQUIPMENT_FILE}": (SourceName.PETROIVANIUK, EQUIPMENT_FILE),
    f"/datasets/petroivaniuk/{PERSONNEL_FILE}": (
        SourceName.PETROIVANIUK_PERSONNEL,
        PERSONNEL_FILE,
    ),
    f"/datasets/daycsv/{DAYCSV_FILE}": (SourceName.DAYCSV, DAYCSV_FILE),
}
ONE_DAY = dt.timedelta(days=1)


def render(source: SourceName, days: Sequence[ReferenceDay]) -> bytes:
    """The file of `source` for the served days, typos seeded."""
    typos = _typos_of(source, days)
    if source == SourceName.PETROIVANIUK:
        return _json([_equipment_row(day, typos.get(day.date, {})) for day in days])
    if source == SourceName.PETROIVANIUK_PERSONNEL:
        rows = [_personnel_row(day, typos.get(day.date, {})) for day in days]
        return _json([row for row in rows if row is not None])
    return _csv(days, typos)


def _typos_of(source: str, days: Sequence[ReferenceDay]) -> dict[dt.date, dict[str, int]]:
    found: dict[dt.date, dict[str, int]] = {}
    typo: SeededTypo
    for typo in seeded_typos(days):
        if typo.source == source:
            found.setdefault(typo.report_date, {})[typo.category] = typo.published
    return found


def _json(rows: list[dict]) -> bytes:
    # indent 4, no final newline: the reference files' own formatting
    return json.dumps(rows, indent=4, ensure_ascii=False).encode()


def _equipment_row(day: ReferenceDay, typos: dict[str, int]) -> dict:
    if day.equipment_row is not None:
        row = dict(day.equipment_row)
    else:  # a history built without the dataset's objects: the same keys
        row = {"date": day.date.isoformat(), "day": war_day(day.date)}
        row |= {
            BY_NAME[name].reference_key: figure.total
            for name, figure in day.figures.items()
            if name != "personnel"
        }
        if day.direction:
            row["greatest losses direction"] = day.direction
    for name, published in typos.items():
        row[BY_NAME[name].reference_key] = published
    return row


def _personnel_row(day: ReferenceDay, typos: dict[str, int]) -> dict | None:
    if day.personnel_row is not None:
        row = dict(day.personnel_row)
    elif "personnel" in day.figures:
        figure = day.figures["personnel"]
        row = {"date": day.date.isoformat(), "day": war_day(day.date)}
        row |= {"personnel": figure.total, "personnel*": figure.qualifier or "about"}
        if day.pow is not None:
            row["POW"] = day.pow
    else:
        return None
    if "personnel" in typos:
        row["personnel"] = typos["personnel"]
    return row


def _csv(days: Sequence[ReferenceDay], typos: dict[dt.date, dict[str, int]]) -> bytes:
    present = {name for day in days for name in day.figures}
    columns = [name for name in CATEGORY_NAMES if name in present]
    out = io.StringIO()
    out.write(",".join(["date", *(BY_NAME[name].api_key for name in columns)]) + "\n")
    for day in days:
        figures = {name: figure.total for name, figure in day.figures.items()}
        figures |= typos.get(day.date, {})
        cells = [str(figures[name]) if name in figures else "" for name in columns]
        out.write(",".join([(day.date - ONE_DAY).isoformat(), *cells]) + "\n")
    return out.getvalue().encode()
