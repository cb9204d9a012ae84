"""The datasets others keep: the PetroIvaniuk dataset's two files (keyed by the report
date) and the CSV keyed by the losses day (its rows are the bulletins of the next day)."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from mirror.reference import REFERENCE_DIR
from parsers import ParseError, parse_document
from parsers.daycsv import parse_daycsv
from parsers.petroivaniuk import parse_petroivaniuk, parse_petroivaniuk_personnel
from parsers.sniff import sniff_format
from tests.support.fixtures import read_fixture

D = dt.date
DATES = [D(2022, 3, 1), D(2022, 4, 30), D(2022, 5, 1), D(2026, 5, 3)]


def totals(figures, *, personnel: bool | None = None) -> dict:
    """{category: (total, qualifier)}: the datasets state totals only."""
    return {
        name: (fig.total, fig.qualifier)
        for name, fig in figures.items()
        if personnel is None or (name == "personnel") == personnel
    }


def test_the_equipment_file_parses_to_the_reference_totals(reference):
    bulletins = parse_document(read_fixture("petroivaniuk/russia_losses_equipment.json"))
    assert [b.date for b in bulletins] == DATES
    for bulletin in bulletins:
        assert (bulletin.source, bulletin.errors) == ("petroivaniuk", ())
        assert all(fig.delta is None for fig in bulletin.figures.values())  # none is stated
        assert totals(bulletin.figures) == totals(reference[bulletin.date], personnel=False)
    # the eras: separate vehicles and fuel tanks and SRBM systems before the merge
    assert {"military_auto", "fuel_tanks", "mobile_srbm_systems"} <= set(bulletins[1].figures)
    assert "vehicles_fuel_tanks" in bulletins[2].figures
    assert bulletins[3].figures["ground_robotic_systems"].total == 1306


def test_the_personnel_file_is_personnel_alone_about(reference):
    bulletins = parse_document(read_fixture("petroivaniuk/russia_losses_personnel.json"))
    assert [b.date for b in bulletins] == DATES
    for bulletin in bulletins:
        assert (bulletin.source, bulletin.errors) == ("petroivaniuk_personnel", ())
        assert totals(bulletin.figures) == totals(reference[bulletin.date], personnel=True)
        assert bulletin.figures["personnel"].qualifier == "about"  # "personnel*": "about"
    # "POW" (2022-03-01) is no figure
    assert set(bulletins[0].figures) == {"personnel"}


def test_the_whole_reference_dataset_reads_back_figure_for_figure(reference):
    equipment = parse_petroivaniuk((REFERENCE_DIR / "russia_losses_equipment.json").read_bytes())
    personnel = parse_petroivaniuk_personnel(
        (REFERENCE_DIR / "russia_losses_personnel.json").read_bytes()
    )
    assert [b.date for b in equipment] == [b.date for b in personnel] == sorted(reference)
    for eq, pe in zip(equipment, personnel, strict=True):
        assert eq.errors == pe.errors == ()
        assert totals({**eq.figures, **pe.figures}) == totals(reference[eq.date]), eq.date


def test_a_key_no_category_has_or_of_the_other_file_fails_the_file_in_one_line():
    rows = [
        {"date": "2024-06-03", "day": 831, "tank": 7779, "laser systems": 1},
        {"date": "2024-06-04", "day": 832, "tank": 7794, "laser systems": 1},
    ]
    with pytest.raises(ParseError) as error:
        parse_petroivaniuk(json.dumps(rows), url="http://x.test/e.json")
    assert str(error.value) == (
        "the dataset's russia_losses_equipment.json: unknown key 'laser systems' "
        "(from 2024-06-03) (http://x.test/e.json)"
    )
    # the personnel file where the equipment file is expected, and the other way round
    people = [{"date": "2024-06-04", "day": 832, "personnel": 512420, "personnel*": "about"}]
    with pytest.raises(ParseError, match=r"key of the other file .* 'personnel'"):
        parse_petroivaniuk(json.dumps(people))
    with pytest.raises(ParseError, match=r"key of the other file .* 'tank' "):
        parse_petroivaniuk_personnel(json.dumps(rows[:1]).replace(', "laser systems": 1', ""))


def test_values_null_unreadable_negative_and_bad_dates():
    rows = [
        {"date": "2024-06-03", "day": 831, "tank": 7779, "submarines": None},
        {"date": "2024-06-04", "day": 832, "tank": "779O", "aircraft": -1, "drone": 100},
        {"date": "04.06.2024", "day": 832, "tank": 7794},
        "2024-06-05",
    ]
    first, second, third, fourth = parse_petroivaniuk(json.dumps(rows))
    assert (set(first.figures), first.errors) == ({"tanks"}, ())  # null: not reported
    assert set(second.figures) == {"uav"}
    assert second.errors == (
        "2024-06-04: cannot read 'tank': cannot read number '779O': unexpected characters",
        "2024-06-04: cannot read 'aircraft': negative total -1",
    )
    assert third.date is None and third.errors == ("record 2: cannot read date '04.06.2024'",)
    assert fourth.errors == ("record 3 is not an object",)
    people = [{"date": "2024-06-04", "personnel": 512420, "personnel*": "exactly"}]
    (bulletin,) = parse_petroivaniuk_personnel(json.dumps(people))
    assert bulletin.errors == ("2024-06-04: unknown 'personnel*' 'exactly'",)
    (bulletin,) = parse_petroivaniuk_personnel(json.dumps([{"date": "2024-06-04"}]))
    assert bulletin.errors == ("2024-06-04: no figures",)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('{"date": "2024-06-04"}', "not the dataset's russia_losses_equipment.json: a dict"),
        ("[]", "the dataset's russia_losses_equipment.json holds no days"),
        ("[{", "not valid JSON"),
    ],
)
def test_a_document_that_is_no_dataset_file_is_a_parse_error(body, message):
    with pytest.raises(ParseError, match=message):
        parse_petroivaniuk(body)


def test_the_losses_day_csv_is_the_bulletin_of_the_next_morning(reference):
    bulletins = parse_document(read_fixture("daycsv/losses_by_day.csv"))
    # rows dated 2022-02-28 ... 2026-05-02: the bulletins of 2022-03-01 ... 2026-05-03
    assert [b.date for b in bulletins] == DATES
    assert [b.losses_date for b in bulletins] == [d - dt.timedelta(days=1) for d in DATES]
    for bulletin in bulletins:
        assert (bulletin.source, bulletin.errors) == ("daycsv", ())
        assert all(fig.delta is None for fig in bulletin.figures.values())
        # an empty cell is a category not reported that day
        assert totals(bulletin.figures) == totals(reference[bulletin.date]), bulletin.date
    assert bulletins[0].to_json()["date"] == "2022-03-01"
    assert bulletins[0].to_json()["losses_date"] == "2022-02-28"


def test_the_csv_header_and_rows_are_read_strictly():
    header = "date,tanks,planes\n"
    with pytest.raises(ParseError, match=r"unknown column\(s\) 'lasers' in its header"):
        parse_daycsv("date,tanks,lasers\n2024-06-03,7794,1\n")
    with pytest.raises(ParseError, match="a column twice"):
        parse_daycsv("date,tanks,tanks\n2024-06-03,7794,7794\n")
    with pytest.raises(ParseError, match="its first column is 'day', not 'date'"):
        parse_daycsv("day,tanks\n832,7794\n")
    with pytest.raises(ParseError, match="holds no days"):
        parse_daycsv(header)
    first, second, third = parse_daycsv(
        header + "2024-06-03,7794,360\n2024-06-03x,7794,360\n2024-06-04,78O1\n"
    )
    assert first.date == D(2024, 6, 4) and first.errors == ()
    assert second.errors == ("line 3: cannot read date '2024-06-03x'",)
    assert third.date == D(2024, 6, 5)
    assert third.errors == (
        "line 4 (2024-06-04): 2 fields for 3 columns",
        "line 4 (2024-06-04): cannot read 'tanks': cannot read number '78O1': "
        "unexpected characters",
    )


@pytest.mark.parametrize(
    ("fixture", "format"),
    [
        ("petroivaniuk/russia_losses_equipment.json", "petroivaniuk"),
        ("petroivaniuk/russia_losses_personnel.json", "petroivaniuk_personnel"),
        ("daycsv/losses_by_day.csv", "daycsv"),
        ("api/latest-2024-06-04.json", "api"),
    ],
)
def test_each_dataset_file_is_sniffed_by_its_content(fixture, format):
    assert sniff_format(read_fixture(fixture)) == format
