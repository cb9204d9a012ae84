"""Property tests: random bulletins rendered in each source's style parse back exactly: the
MoD-era pages and the aggregator's in the real layouts of their day (random figures,
dashes, headlines, captions, alt texts, leads and sidebars with numbers of their own
around the list), the API's responses and press reposts (random dashes, spacing,
thousands separators, increase wordings, look-alike letters, headlines and prose)."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings

from parsers import parse_document
from parsers.model import Figure
from tests.support.layouts import minfin_pages, mod_pages
from tests.support.renderers import api_responses, press_texts

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _figures(bulletin, *, omitted: int | None = None) -> dict:
    """What a parser must return: omitted increases as `omitted`, personnel "about"
    when the document states no qualifier."""
    out = {}
    for name, figure in bulletin.figures.items():
        delta = omitted if figure.delta is None else figure.delta
        qualifier = figure.qualifier or ("about" if name == "personnel" else None)
        out[name] = Figure(figure.total, delta, qualifier)
    return out


@SETTINGS
@given(case=mod_pages())
def test_mod_pages_round_trip(case):
    """Whatever numbers the headline, caption, alt text, lead and sidebar carry, the
    figures are the list's, and the dates the page's."""
    expected, page, _site = case
    (bulletin,) = parse_document(page)
    assert bulletin.errors == ()
    assert (bulletin.date, bulletin.losses_date) == (
        expected.date,
        expected.date - dt.timedelta(days=1),
    )
    assert bulletin.lang == expected.lang
    assert dict(bulletin.figures) == dict(expected.figures)
    assert parse_document(page.decode(), format="mod") == [bulletin]


@SETTINGS
@given(case=minfin_pages())
def test_minfin_pages_round_trip(case):
    days, page, url = case
    bulletins = parse_document(page, url=url)
    assert [b.date for b in bulletins] == [d.date for d in days]
    for bulletin, expected in zip(bulletins, days, strict=True):
        assert bulletin.errors == ()
        assert bulletin.lang == expected.lang
        # An omitted increase is zero on a day that states increases, else not stated.
        assert dict(bulletin.figures) == dict(expected.figures)


@SETTINGS
@given(case=api_responses())
def test_api_responses_round_trip(case):
    days, body = case
    bulletins = parse_document(body)
    assert [b.date for b in bulletins] == [d.date for d in days]
    for bulletin, expected in zip(bulletins, days, strict=True):
        assert bulletin.errors == ()
        want = _figures(expected)
        if "personnel" in want:
            want["personnel"] = Figure(want["personnel"].total, want["personnel"].delta, "about")
        assert dict(bulletin.figures) == want


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=press_texts())
def test_press_texts_round_trip(case):
    expected, text = case
    (bulletin,) = parse_document(text.encode(), format="text", date=expected.date)
    assert bulletin.errors == ()
    assert bulletin.date == expected.date
    assert dict(bulletin.figures) == _figures(expected)


@SETTINGS
@given(case=press_texts())
def test_press_texts_are_sniffed_as_text(case):
    _, text = case
    (bulletin,) = parse_document(text)
    assert bulletin.source == "text"
