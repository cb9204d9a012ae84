"""Property tests: random bulletins rendered in each source's style (random dashes,
spacing, thousands separators, block styles, increase wordings, omitted increases,
look-alike letters, headlines and prose around press lists) parse back exactly."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from parse_renderers import api_responses, minfin_pages, mod_pages, press_texts

from parsers import parse_document
from parsers.model import Figure

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
    expected, page = case
    (bulletin,) = parse_document(page)
    assert bulletin.errors == ()
    assert bulletin.date == expected.date
    assert dict(bulletin.figures) == _figures(expected)


@SETTINGS
@given(case=minfin_pages())
def test_minfin_pages_round_trip(case):
    days, page, url = case
    bulletins = parse_document(page, url=url)
    assert [b.date for b in bulletins] == [d.date for d in days]
    for bulletin, expected in zip(bulletins, days, strict=True):
        assert bulletin.errors == ()
        # An omitted increase (rendered for None and 0) means zero on the aggregator.
        assert dict(bulletin.figures) == _figures(expected, omitted=0)


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
