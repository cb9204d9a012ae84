"""Pages parsed as they arrive (flows/parse_ahead.py): the outcome is parse_document's,
given once, for the answer that arrived only; what it cannot tell is left for the
load to parse."""

from __future__ import annotations

import pytest

from flows import parse_ahead
from flows.parse_ahead import ParseAhead
from parsers import ChallengePage, NotABulletin, ParseError, parse_document
from tests.support.fixtures import read_fixture
from tests.support.warehouse import document

PAGES = {
    "bulletin": read_fixture("mod/mod-uk-2026-02-05.html"),
    "other news": read_fixture("mod/mod-uk-decoy.html"),
    "challenge": read_fixture("mod/challenge-cloudflare.html"),
    "truncated": read_fixture("mod/mod-uk-2026-02-05.html")[:2000],
}


@pytest.mark.parametrize("name", PAGES)
def test_the_outcome_is_what_parse_document_reads(name):
    page = document(f"https://mod.gov.ua/news/{name}", PAGES[name])
    ahead = ParseAhead("mod")
    ahead.add(page)
    outcome = ahead.outcome(page)
    try:
        expected = parse_document(
            page.body, format="mod", url=page.url, content_type=page.content_type
        )
    except ParseError as exc:
        assert type(outcome) is type(exc)
        assert str(outcome) == str(exc)
        # Kept bare: no frames (the page, decoded) held while it waits for its batch.
        assert outcome.__traceback__ is None and outcome.__context__ is None
    else:
        assert outcome == expected and expected


def test_the_pages_read_are_the_kinds_parse_and_load_tells_apart():
    kinds = {}
    for name, body in PAGES.items():
        page = document(f"https://mod.gov.ua/news/{name}", body)
        kinds[name] = type(parse_ahead.parse_outcome(page, "mod"))
    assert kinds == {
        "bulletin": list,
        "other news": NotABulletin,
        "challenge": ChallengePage,
        "truncated": ParseError,
    }


def test_only_answers_that_arrived_whole_and_ok_are_parsed_ahead_and_each_once():
    ahead = ParseAhead("mod")
    ok = document("https://mod.gov.ua/news/a", PAGES["bulletin"])
    failed = document("https://mod.gov.ua/news/b", PAGES["bulletin"], status=503)
    ahead.add(ok)
    ahead.add(failed)
    assert ahead.outcome(failed) is None
    # An equal answer that did not come through add() (another fetch of the URL).
    assert ahead.outcome(document(ok.url, ok.body)) is None
    assert ahead.outcome(ok)
    assert ahead.outcome(ok) is None  # given once: the batch then lets it go


def test_a_parser_bug_is_left_for_the_load_to_raise(monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(parse_ahead, "parse_document", broken)
    ahead = ParseAhead("mod")
    page = document("https://mod.gov.ua/news/a", PAGES["bulletin"])
    ahead.add(page)  # the fetch goes on
    assert ahead.outcome(page) is None
    with pytest.raises(RuntimeError, match="a bug"):
        parse_ahead.parse_outcome(page, "mod")
