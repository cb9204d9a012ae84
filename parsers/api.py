"""The russianwarship.rip JSON API (v1/v2): one day (`data` object), a list of days, or a
range (`data.records` with a paginator). Keys map to categories through
vocabulary.BY_API_KEY; an unknown key is an error naming it, never ignored."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping

from parsers.decoding import decode_body
from parsers.errors import ParseError
from parsers.model import Bulletin, Figure
from parsers.numbers import MAX_NUMBER, NumberError, read_number
from parsers.vocabulary import BY_API_KEY, CATEGORY_NAMES


def load_json(body: bytes | str, content_type: str | None = None) -> object:
    text = decode_body(body, content_type)
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ParseError(
            f"not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}"
        ) from None


def api_records(data: object) -> list[object]:
    """The day records of any response shape; ParseError (with the API's message)
    when there are none."""
    if isinstance(data, list):
        return data
    if not isinstance(data, dict):
        raise ParseError(f"unexpected JSON: a {type(data).__name__}, not an object")
    if "stats" in data:
        return [data]
    inner = data.get("data")
    if isinstance(inner, list):
        return inner
    if isinstance(inner, dict):
        if "records" in inner:
            records = inner["records"]
            if not isinstance(records, list):
                raise ParseError("unexpected JSON: data.records is not a list")
            return records
        if "stats" in inner:
            return [inner]
    message = data.get("message")
    detail = f": {message}" if message else f" (keys: {', '.join(map(str, data))})"
    raise ParseError(f"the API response holds no statistics{detail}")


def parse_api(
    body: bytes | str,
    *,
    url: str | None = None,
    content_type: str | None = None,
    date: dt.date | None = None,  # unused: every record states its date
) -> list[Bulletin]:
    records = api_records(load_json(body, content_type))
    if not records:
        where = f" ({url})" if url else ""
        raise ParseError(f"the API response holds no days{where}")
    return [_record(record, index) for index, record in enumerate(records)]


# No count of this war comes near it (personnel is ~10**6): a larger number ("1e20") is
# a broken record, not a figure.
# "2024-06-04", optionally with a time ("2024-06-04T00:00:00Z", "2024-06-04 00:00:00").
_DATE_RE = re.compile(
    r"(?P<date>[0-9]{4}-[0-9]{2}-[0-9]{2})"
    r"(?:[T ][0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]+)?)?(?:Z|[+-][0-9]{2}:?[0-9]{2})?)?"
)


def _read_int(value: object) -> int:
    number = _read_any_int(value)
    if abs(number) > MAX_NUMBER:
        raise NumberError(f"{value!r} is implausibly large (more than {MAX_NUMBER})")
    return number


def _read_any_int(value: object) -> int:
    if isinstance(value, bool):
        raise NumberError(f"{value!r} is not a number")
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        text = value.strip()
        negative = text.startswith("-")
        number = read_number(text[1:] if negative else text)
        return -number if negative else number
    raise NumberError(f"{value!r} is not a number")


def _read_date(raw: object) -> dt.date:
    """The record's date: "YYYY-MM-DD", with a time or not; ValueError for anything else
    ("2024-06-04junk" is not read as 2024-06-04)."""
    match = _DATE_RE.fullmatch(raw) if isinstance(raw, str) else None
    if match is None:
        raise ValueError(raw)
    return dt.date.fromisoformat(match["date"])


def _record(record: object, index: int) -> Bulletin:
    if not isinstance(record, Mapping):
        return Bulletin(None, "api", "en", {}, (f"record {index} is not an object",))
    errors: list[str] = []
    raw_date = record.get("date")
    report_date: dt.date | None = None
    try:
        report_date = _read_date(raw_date)
    except ValueError:
        errors.append(f"record {index}: cannot read date {raw_date!r}")
    where = report_date.isoformat() if report_date else f"record {index}"
    stats = record.get("stats")
    increase = record.get("increase") or {}
    if not isinstance(stats, Mapping) or not isinstance(increase, Mapping):
        errors.append(f"{where}: 'stats'/'increase' missing or not objects")
        return Bulletin(report_date, "api", "en", {}, tuple(errors))
    figures: dict[str, Figure] = {}
    for key, raw_total in stats.items():
        category = BY_API_KEY.get(key)
        if category is None:
            errors.append(f"{where}: unknown API key {key!r}")
            continue
        if raw_total is None:
            continue  # not reported that day
        try:
            total = _read_int(raw_total)
            if total < 0:
                raise NumberError(f"negative total {total}")
            raw_delta = increase.get(key)
            delta = None if raw_delta is None else _read_int(raw_delta)
        except NumberError as exc:
            errors.append(f"{where}: cannot read {key!r}: {exc}")
            continue
        qualifier = "about" if category.name == "personnel" else None
        figures[category.name] = Figure(total, delta, qualifier)
    for key in increase:
        if key not in stats and increase[key] is not None:
            known = BY_API_KEY.get(key)
            errors.append(
                f"{where}: increase without a total for {key!r}"
                if known
                else f"{where}: unknown API key {key!r}"
            )
    ordered = {name: figures[name] for name in CATEGORY_NAMES if name in figures}
    if not ordered and not errors:
        errors.append(f"{where}: no figures")
    return Bulletin(report_date, "api", "en", ordered, tuple(dict.fromkeys(errors)))
