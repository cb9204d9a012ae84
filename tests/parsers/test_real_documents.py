"""The real documents (saved pages and responses written by nobody here, in ../shared/real
beside the project, with truth.json read by hand): parsed in-process as `losses parse`
parses a file (format sniffed, content type from the extension), every report date and
every stated figure must come out right, and none wrong. They are not part of the
repository: on a clone without them the test is skipped, saying so."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from parsers import parse_document, sniff_format

ROOT = Path(__file__).resolve().parents[2]
REAL = (ROOT / ".." / "shared" / "real").resolve()
_CONTENT_TYPES = {".json": "application/json", ".html": "text/html", ".htm": "text/html"}


def _truth() -> list[dict | None]:
    path = REAL / "truth.json"
    if not path.is_file():
        return [None]
    return json.loads(path.read_text(encoding="utf-8"))


def _id(item: dict | None) -> str:
    return item["file"] if item else "absent"


@pytest.mark.parametrize("item", _truth(), ids=_id)
def test_real_document(item):
    if item is None:
        pytest.skip(f"../shared/real not found: {REAL} (real documents are not in the repository)")
    path = REAL / item["file"]
    body, content_type = path.read_bytes(), _CONTENT_TYPES.get(path.suffix.lower())
    assert sniff_format(body, content_type=content_type) == item["format"]
    bulletins = parse_document(body, content_type=content_type)
    days = item.get("days") or [{"date": item["date"], "expected": item["expected"]}]
    by_date = {b.date.isoformat(): b for b in bulletins if b.date}
    if len(days) == 1:
        assert len(bulletins) == 1, [b.date for b in bulletins]
    wrong, missing = [], []
    for day in days:
        assert day["date"] in by_date, f"no bulletin dated {day['date']}: {sorted(by_date)}"
        bulletin = by_date[day["date"]]
        assert bulletin.errors == ()
        for name, expected in day["expected"].items():
            figure = bulletin.figures.get(name)
            for field in ("total", "delta"):
                want = expected.get(field)
                if want is None:
                    continue  # not stated by the document
                got = getattr(figure, field) if figure else None
                if got is None:
                    missing.append(f"{day['date']} {name}.{field}")
                elif got != want:
                    wrong.append(f"{day['date']} {name}.{field}: {got} != {want}")
    assert wrong == [], "silently wrong figures"
    assert missing == []
