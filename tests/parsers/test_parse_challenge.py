"""Anti-bot interstitials (mirror/SITES.md §7): a Cloudflare challenge is reported as one by
every entry point, never as "no bulletin"; the bot detection a normal page carries is not
one."""

from __future__ import annotations

import pytest

from parsers import (
    ChallengePage,
    ParseError,
    challenge_kind,
    parse_document,
    parse_minfin_month_links,
    parse_news_listing,
    parse_sitemap,
    sniff_format,
)
from tests.support.fixtures import read_fixture

CHALLENGE = read_fixture("mod/challenge-cloudflare.html")


@pytest.mark.parametrize("format", ["auto", "mod", "minfin", "api", "text"])
@pytest.mark.parametrize("body", [CHALLENGE, CHALLENGE.decode()])
def test_parse_document_reports_a_challenge_page(format, body):
    with pytest.raises(ChallengePage, match="it is a challenge page"):
        parse_document(body, format=format, url="https://mod.gov.ua/news/x")


@pytest.mark.parametrize(
    "parse",
    [parse_news_listing, parse_sitemap, parse_minfin_month_links],
    ids=["listing", "sitemap", "month links"],
)
def test_index_parsers_report_a_challenge_page(parse):
    with pytest.raises(ChallengePage, match="Cloudflare challenge"):
        parse(CHALLENGE, "https://mod.gov.ua/news")


def test_a_challenge_page_is_a_parse_error_and_sniffs_as_none():
    assert issubclass(ChallengePage, ParseError)
    with pytest.raises(ChallengePage):
        sniff_format(CHALLENGE)


@pytest.mark.parametrize(
    "body",
    [
        CHALLENGE,
        CHALLENGE.decode(),
        b"<html><head><title>Just a moment...</title></head><body></body></html>",
        b"<html><body><script>window._cf_chl_opt={cType:'managed'}</script></body></html>",
        b'<script src="/cdn-cgi/challenge-platform/h/g/orchestrate/chl_page/v1"></script>',
    ],
)
def test_challenge_kind_names_it(body):
    assert challenge_kind(body) == "a Cloudflare challenge page (a browser check)"


@pytest.mark.parametrize(
    "name",
    [
        "mod/mil-en-2022-07-05-pretty.html",
        "mod/mod-uk-2026-02-05.html",
        "minfin/ua-month-php-2024-05.html",
    ],
)
def test_normal_pages_are_no_challenge(name):
    body = read_fixture(name)
    assert challenge_kind(body) is None
    # The bot detection of a protected site's normal page is no challenge either.
    detection = (
        b'<script>window["__CF$cv$params"]={r:"1"};'
        b'var s="/cdn-cgi/challenge-platform/scripts/jsd/main.js"</script>'
    )
    assert challenge_kind(body.replace(b"</body>", detection + b"</body>")) is None
    assert challenge_kind(b"") is None and challenge_kind("") is None


def test_a_news_page_quoting_a_challenge_mark_is_no_challenge():
    page = read_fixture("mod/mod-uk-2026-02-05.html").replace(
        b"<p>", b"<p>Sites show 'Just a moment...' and <code>_cf_chl_opt</code>. ", 1
    )
    assert challenge_kind(page) is None
