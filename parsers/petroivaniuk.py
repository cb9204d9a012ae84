"""The PetroIvaniuk/2022-Ukraine-Russia-War-Dataset files (mirror/reference/README.md):
`russia_losses_equipment.json` and `russia_losses_personnel.json`, each a list of one
object per bulletin, `date` its report date D, totals only (no increase is stated: every
Figure's delta is None). Keys map to categories through vocabulary.BY_REFERENCE_KEY;
`personnel*` is personnel's qualifier ("about"); `day`, `POW` and `greatest losses
direction` are no figures.

Each file is the document of a source of its own (SourceName.PETROIVANIUK and
PETROIVANIUK_PERSONNEL): a bulletin revision is what one document states, so two
documents of one source for the same date would make the second a revision of the first.
Both files carry the same dates, so the warehouse holds each figure once, with the file
that states it (README "The sites and eras read" gives the measurements)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from parsers.api import _read_date, _read_int, load_json
from parsers.errors import ParseError
from parsers.model import Bulletin, Figure, Qualifier, SourceName
from parsers.numbers import NumberError
from parsers.vocabulary import BY_REFERENCE_KEY, CATEGORY_NAMES

EQUIPMENT_FILE = "russia_losses_equipment.json"
PERSONNEL_FILE = "russia_losses_personnel.json"
PERSONNEL_KEY = "personnel"
QUALIFIER_KEY = "personnel*"
# Keys the files carry that are no loss category (the war's day number, prisoners of
# war, a text naming where the losses were greatest).
NOT_FIGURES = frozenset({"date", "day", "POW", "greatest losses direction", QUALIFIER_KEY})
_QUALIFIERS: dict[str, Qualifier] = {"about": "about", "more": "more", "up to": "up_to"}


def parse_petroivaniuk(
    body: bytes | str,
    *,
    url: str | None = None,
    content_type: str | None = None,
    date: dt.date | None = None,  # unused: every object states its date
) -> list[Bulletin]:
    """The equipment file: every category but personnel."""
    return _parse(body, SourceName.PETROIVANIUK, url, content_type)


def parse_petroivaniuk_personnel(
    body: bytes | str,
    *,
    url: str | None = None,
    content_type: str | None = None,
    date: dt.date | None = None,  # unused: every object states its date
) -> list[Bulletin]:
    """The personnel file: personnel alone."""
    return _parse(body, SourceName.PETROIVANIUK_PERSONNEL, url, content_type)


def _parse(
    body: bytes | str, source: SourceName, url: str | None, content_type: str | None
) -> list[Bulletin]:
    personnel = source == SourceName.PETROIVANIUK_PERSONNEL
    name = PERSONNEL_FILE if personnel else EQUIPMENT_FILE
    where = f" ({url})" if url else ""
    data = load_json(body, content_type)
    if not isinstance(data, list):
        raise ParseError(f"not the dataset's {name}: a {type(data).__name__}, not a list{where}")
    if not data:
        raise ParseError(f"the dataset's {name} holds no days{where}")
    _refuse_foreign_keys(data, personnel, name, where)
    return [_record(record, index, source) for index, record in enumerate(data)]


def _refuse_foreign_keys(data: list, personnel: bool, name: str, where: str) -> None:
    """A key no category has, or one of the other file, fails the whole document with one
    line (a renamed or new key shows on every day after it: one reason, not hundreds)."""
    keys: dict[str, int] = {}
    for index, record in enumerate(data):
        if isinstance(record, Mapping):
            for key in record:
                keys.setdefault(key, index)
    foreign = []
    for key, index in keys.items():
        if key in NOT_FIGURES:
            continue
        known = key in BY_REFERENCE_KEY
        if not known or (key == PERSONNEL_KEY) != personnel:
            first = data[index].get("date") if isinstance(data[index], Mapping) else None
            what = "unknown key" if not known else f"key of the other file ({_other(name)})"
            foreign.append(f"{what} {key!r} (from {first or f'record {index}'})")
    if foreign:
        raise ParseError(f"the dataset's {name}: {'; '.join(foreign)}{where}")


def _other(name: str) -> str:
    return EQUIPMENT_FILE if name == PERSONNEL_FILE else PERSONNEL_FILE


def _record(record: object, index: int, source: SourceName) -> Bulletin:
    if not isinstance(record, Mapping):
        return Bulletin(None, source, "en", {}, (f"record {index} is not an object",))
    errors: list[str] = []
    report_date: dt.date | None = None
    try:
        report_date = _read_date(record.get("date"))
    except ValueError:
        errors.append(f"record {index}: cannot read date {record.get('date')!r}")
    where = report_date.isoformat() if report_date else f"record {index}"
    figures: dict[str, Figure] = {}
    for key, raw in record.items():
        if key in NOT_FIGURES or raw is None:  # None: not reported that day
            continue
        category = BY_REFERENCE_KEY[key]  # (_refuse_foreign_keys vetted every key)
        try:
            total = _read_int(raw)
            if total < 0:
                raise NumberError(f"negative total {total}")
        except NumberError as exc:
            errors.append(f"{where}: cannot read {key!r}: {exc}")
            continue
        qualifier = None
        if key == PERSONNEL_KEY:
            # The dataset writes "about" beside every personnel figure; the bulletins'
            # personnel is always "about" (SOURCES.md), so a missing one is "about" too.
            raw_qualifier = record.get(QUALIFIER_KEY) or "about"
            qualifier = _QUALIFIERS.get(raw_qualifier) if isinstance(raw_qualifier, str) else None
            if qualifier is None:
                errors.append(f"{where}: unknown {QUALIFIER_KEY!r} {raw_qualifier!r}")
        figures[category.name] = Figure(total, None, qualifier)
    ordered = {name: figures[name] for name in CATEGORY_NAMES if name in figures}
    if not ordered and not errors:
        errors.append(f"{where}: no figures")
    return Bulletin(report_date, source, "en", ordered, tuple(errors))
