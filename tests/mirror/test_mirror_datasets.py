"""The datasets the mirror serves under /datasets (SITES.md "Datasets"): the reference's
two files in their own layout and the CSV keyed by the losses day, each equal to the
reference but for exactly the seeded typos (mirror/typos.py), which the other sites
do not carry."""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
import json

import httpx
import pytest

from mirror import typos
from mirror.reference import EQUIPMENT_FILE, PERSONNEL_FILE, REFERENCE_DIR, load_reference
from mirror.site import TEXT, Site
from parsers import parse_document
from parsers.vocabulary import BY_API_KEY, BY_NAME

D = dt.date
EQUIPMENT = f"/datasets/petroivaniuk/{EQUIPMENT_FILE}"
PERSONNEL = f"/datasets/petroivaniuk/{PERSONNEL_FILE}"
DAYCSV = "/datasets/daycsv/losses_by_day.csv"


def reference_rows(name: str) -> list[dict]:
    return json.loads((REFERENCE_DIR / name).read_text(encoding="utf-8"))


def seeded(source: str) -> dict[tuple[dt.date, str], typos.SeededTypo]:
    return {(t.report_date, t.category): t for t in typos.SEEDED_TYPOS if t.source == source}


@pytest.mark.parametrize(
    ("path", "name", "source"),
    [
        (EQUIPMENT, EQUIPMENT_FILE, "petroivaniuk"),
        (PERSONNEL, PERSONNEL_FILE, "petroivaniuk_personnel"),
    ],
)
def test_the_reference_files_come_back_in_their_own_layout_with_the_typos(site, path, name, source):
    response = site.resolve(path)
    assert (response.status, response.content_type) == (200, TEXT)
    expected = reference_rows(name)
    changed = 0
    for row in expected:
        for (date, category), typo in seeded(source).items():
            key = BY_NAME[category].reference_key
            if row["date"] == date.isoformat():
                assert row[key] == typo.true
                row[key] = typo.published
                changed += 1
    assert changed == len(seeded(source)) > 0
    # the very bytes of the reference file, but for the seeded values: same keys, same
    # order, indent 4, no final newline
    assert response.body.decode() == json.dumps(expected, indent=4, ensure_ascii=False)


def test_the_losses_day_csv_is_the_reference_a_day_earlier_with_its_typos(site, reference):
    response = site.resolve(DAYCSV)
    assert (response.status, response.content_type) == (200, TEXT)
    rows = list(csv.DictReader(io.StringIO(response.body.decode())))
    assert len(rows) == len(reference)
    typo_of = seeded("daycsv")
    seen = 0
    for row, day in zip(rows, reference.values(), strict=True):
        assert row["date"] == (day.date - dt.timedelta(days=1)).isoformat()  # the losses day
        for key, cell in itertools.islice(row.items(), 1, None):
            name = BY_API_KEY[key].name
            figure = day.figures.get(name)
            typo = typo_of.get((day.date, name))
            if typo is not None:
                assert (int(cell), figure.total) == (typo.published, typo.true)
                seen += 1
            else:
                assert cell == (str(figure.total) if figure else ""), (day.date, key)
    assert seen == len(typo_of) == 121


def test_the_seeded_typos_are_of_each_kind_in_both_layouts():
    found = typos.SEEDED_TYPOS
    by_kind = {kind: [t for t in found if t.kind == kind] for kind in {t.kind for t in found}}
    assert set(by_kind) == {"digit", "transposition", "by_hand", "dropped_digit"}
    assert {t.source for t in found} == {"petroivaniuk", "petroivaniuk_personnel", "daycsv"}
    assert all(t.published != t.true for t in found)
    # the one-day ones, with their values as the reference has them
    equipment = {r["date"]: r for r in reference_rows(EQUIPMENT_FILE)}
    personnel = {r["date"]: r for r in reference_rows(PERSONNEL_FILE)}
    [digit] = by_kind["digit"]
    assert equipment[digit.report_date.isoformat()]["tank"] == digit.true == 5439
    assert sum(a != b for a, b in zip(str(digit.published), str(digit.true), strict=True)) == 1
    [swap] = by_kind["transposition"]
    assert personnel["2025-05-09"]["personnel"] == swap.true == 963270
    assert (swap.published, swap.report_date) == (963720, D(2025, 5, 9))
    [by_hand] = by_kind["by_hand"]
    assert equipment["2026-02-10"]["drone"] == by_hand.true == 129160
    assert by_hand.published == 239260
    # a dropped digit (2,054 for 20,454) left in place for 120 consecutive days
    dropped = by_kind["dropped_digit"]
    assert {t.source for t in dropped} == {"daycsv"}
    assert [t.report_date for t in dropped] == [
        D(2025, 1, 20) + dt.timedelta(days=n) for n in range(120)
    ]
    assert (dropped[0].published, dropped[0].true) == (2054, 20454)
    assert {t.true - t.published for t in dropped} == {18400}  # each increase but the ends right
    for t in dropped:
        assert equipment[t.report_date.isoformat()]["APC"] == t.true
    # the ends revert: the day before and the day after are clean
    assert (D(2025, 1, 19), "armoured_combat_vehicles") not in seeded("daycsv")
    assert (D(2025, 5, 20), "armoured_combat_vehicles") not in seeded("daycsv")


def test_the_other_sites_stay_clean_on_the_seeded_days(site):
    for typo in typos.SEEDED_TYPOS[:: len(typos.SEEDED_TYPOS) // 10 or 1] + [
        t for t in typos.SEEDED_TYPOS if t.kind != "dropped_digit"
    ]:
        api = json.loads(site.resolve(f"/api/api/v2/statistics/{typo.report_date}").body)
        key = BY_NAME[typo.category].api_key
        assert api["data"]["stats"][key] == typo.true, typo
        month = site.resolve(f"/minfin/ua/russian-invading/casualties/{typo.report_date:%Y-%m}/")
        days = {b.date: b.figures for b in parse_document(month.body, format="minfin")}
        assert days[typo.report_date][typo.category].total == typo.true, typo


def test_until_ends_every_dataset_file_there():
    site = Site(load_reference(), D(2024, 1, 1))
    equipment = json.loads(site.resolve(EQUIPMENT).body)
    personnel = json.loads(site.resolve(PERSONNEL).body)
    lines = site.resolve(DAYCSV).body.decode().splitlines()
    assert equipment[-1]["date"] == personnel[-1]["date"] == "2024-01-01"
    assert lines[-1].startswith("2023-12-31,")  # the losses of the day before
    # the typos of later days are not there: no row carries them
    assert len(equipment) == len(lines) - 1 == (D(2024, 1, 1) - D(2022, 2, 25)).days + 1


def test_the_running_mirror_serves_them_at_each_source_root(mirror):
    with httpx.Client(timeout=10) as client:
        for source, file in (
            ("petroivaniuk", EQUIPMENT_FILE),
            ("petroivaniuk_personnel", PERSONNEL_FILE),
            ("daycsv", "losses_by_day.csv"),
        ):
            response = client.get(f"{mirror.url(source)}/{file}")
            assert response.status_code == 200
            assert response.headers["content-type"] == TEXT
        missing = client.get(f"{mirror.base_url}/datasets/petroivaniuk/russia_losses.csv")
    assert missing.status_code == 404
    assert "no such dataset file: the mirror serves /datasets/petroivaniuk/" in missing.text
