"""The JSON API: one day, a list of days, a paged range; unknown keys and bad values."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from parsers import ParseError, parse_document
from tests.support.fixtures import read_fixture

D = dt.date


def _with_about(figures):
    """The API has numbers only: personnel is "about" whatever the reference says."""
    from parsers.model import Figure

    out = dict(figures)
    out["personnel"] = Figure(out["personnel"].total, out["personnel"].delta, "about")
    return out


@pytest.mark.parametrize(
    ("name", "dates"),
    [
        ("latest-2024-06-04.json", [D(2024, 6, 4)]),
        ("by-date-2022-04-30.json", [D(2022, 4, 30)]),
        ("range-2024-06-01-page1.json", [D(2024, 6, 1), D(2024, 6, 2)]),
        ("range-2024-06-01-page2.json", [D(2024, 6, 3), D(2024, 6, 4)]),
        ("list-2026-05-03.json", [D(2026, 5, 3)]),
    ],
)
def test_api_responses_parse_to_the_reference(reference, name, dates):
    bulletins = parse_document(read_fixture(f"api/{name}"))
    assert [b.date for b in bulletins] == dates
    for bulletin in bulletins:
        assert bulletin.errors == ()
        assert (bulletin.source, bulletin.lang) == ("api", "en")
        assert dict(bulletin.figures) == _with_about(reference[bulletin.date])


def test_null_means_not_reported():
    (bulletin,) = parse_document(read_fixture("api/latest-2024-06-04.json"))
    assert "mobile_srbm_systems" not in bulletin.figures  # "atgm_srbm_systems": null


def test_missing_increase_is_none():
    body = {"data": {"date": "2024-06-04", "stats": {"tanks": 7794}, "increase": {}}}
    (bulletin,) = parse_document(json.dumps(body))
    assert bulletin.figures["tanks"].delta is None


def test_unknown_key_and_unreadable_value_are_errors_naming_them():
    (bulletin,) = parse_document(read_fixture("api/unknown-key-2024-06-04.json"))
    assert set(bulletin.figures) == {"personnel", "tanks"}
    assert bulletin.errors == (
        "2024-06-04: unknown API key 'laser_systems'",
        "2024-06-04: cannot read 'planes': cannot read number '35O': unexpected characters",
    )


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (read_fixture("api/not-found.json"), "were not found"),
        (b'{"data": null}', "no statistics"),
        (b"{", "not valid JSON"),
        (b'"just a string"', "unexpected JSON"),
        (b'{"data": {"paginator": {}, "records": []}}', "no days"),
    ],
)
def test_bad_responses(body, message):
    with pytest.raises(ParseError, match=message):
        parse_document(body, format="api")


@pytest.mark.parametrize(
    ("record", "error"),
    [
        ({"date": "2024-13-01", "stats": {"tanks": 1}}, "cannot read date"),
        ({"date": "2024-06-04", "stats": {"tanks": True}}, "cannot read 'tanks'"),
        ({"date": "2024-06-04", "stats": {"tanks": -5}}, "negative total"),
        (
            {"date": "2024-06-04", "stats": {"tanks": "7 794"}, "increase": {"planes": 1}},
            "increase without a total",
        ),
        ({"date": "2024-06-04", "stats": []}, "missing or not objects"),
        ({"date": "2024-06-04", "stats": {}}, "no figures"),
    ],
)
def test_bad_records_are_errors(record, error):
    (bulletin,) = parse_document(json.dumps({"data": record}))
    assert any(error in e for e in bulletin.errors), bulletin.errors


def test_numeric_strings_and_negative_increases_are_read():
    body = {"data": {"date": "2024-06-04", "stats": {"tanks": "7 794"}, "increase": {"tanks": -3}}}
    (bulletin,) = parse_document(json.dumps(body))
    assert (bulletin.figures["tanks"].total, bulletin.figures["tanks"].delta) == (7794, -3)


@pytest.mark.parametrize(
    ("record", "error"),
    [
        ({"date": "2024-06-04junk", "stats": {"tanks": 1}}, "cannot read date '2024-06-04junk'"),
        ({"date": 20240604, "stats": {"tanks": 1}}, "cannot read date 20240604"),
        ({"date": "2024-06-04", "stats": {"tanks": 1e20}}, "implausibly large"),
        ({"date": "2024-06-04", "stats": {"tanks": 10**20}}, "implausibly large"),
        (
            {"date": "2024-06-04", "stats": {"tanks": 7794}, "increase": {"tanks": 1e12}},
            "implausibly large",
        ),
    ],
)
def test_junk_dates_and_huge_numbers_are_errors(record, error):
    (bulletin,) = parse_document(json.dumps({"data": record}))
    assert any(error in e for e in bulletin.errors), bulletin.errors
    assert "tanks" not in bulletin.figures or record["date"] != "2024-06-04"


@pytest.mark.parametrize("raw", ["2024-06-04", "2024-06-04T00:00:00Z", "2024-06-04 09:30:00"])
def test_api_dates_with_a_time_are_read(raw):
    body = {"data": {"date": raw, "stats": {"tanks": 7794.0}}}
    (bulletin,) = parse_document(json.dumps(body))
    assert (bulletin.date, bulletin.errors) == (D(2024, 6, 4), ())
    assert bulletin.figures["tanks"].total == 7794


@pytest.mark.parametrize(
    ("name", "date", "extra"),
    [
        # json_encode's escaping (https:\/\/, \uXXXX), war_status, submarines (from 2023-09)
        ("php-latest-2024-03-05.json", D(2024, 3, 5), {}),
        # no war_status or submarines yet; atgm_srbm_systems kept at its last value
        ("php-2022-09-20.json", D(2022, 9, 20), {"mobile_srbm_systems": (4, 0)}),
    ],
)
def test_the_real_response_shape(reference, name, date, extra):
    from parsers.model import Figure

    body = read_fixture(f"api/{name}")
    assert b"https:\\/\\/" in body
    (bulletin,) = parse_document(body)
    assert bulletin.errors == ()
    assert (bulletin.date, bulletin.losses_date) == (date, date - dt.timedelta(days=1))
    want = _with_about(reference[date])
    want.update({k: Figure(total, delta) for k, (total, delta) in extra.items()})
    assert dict(bulletin.figures) == want
    assert bulletin.to_json()["losses_date"] == (date - dt.timedelta(days=1)).isoformat()
