"""Bad input: a clear ParseError, never a traceback, never a wrong number. And the
format sniffer."""

from __future__ import annotations

import contextlib
import gzip
import json
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parsers import PARSER_VERSION, NotABulletin, ParseError, parse_document, sniff_format
from parsers.decoding import decode_body
from tests.support.fixtures import read_fixture

FORMATS = ["auto", "mod", "minfin", "api", "text"]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"", "empty document"),
        (b"   \n\t  ", "empty document"),
        ("", "empty document"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG image"),
        (b"%PDF-1.7\n%\xe2\xe3", "PDF"),
        (gzip.compress("танки — 7794 (+15)".encode()), "gzip"),
        (b"\x00\x01\x02\x03" * 100, "binary"),
        (bytes(range(1, 32)) * 20, "binary"),
    ],
)
@pytest.mark.parametrize("format", FORMATS)
def test_empty_and_binary(body, message, format):
    with pytest.raises(ParseError, match=message):
        parse_document(body, format=format)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"<html><body><p>Hello</p></body></html>", "without a bulletin"),
        (b"<!DOCTYPE html><html><head><title>Menu</title></head><body></body></html>", "without"),
        (b"just some words without figures", "no bulletin figures"),
        ("танки — 12O (+15)\nББМ — 1 2 3 4 5 6 7".encode(), None),  # errors, see below
    ],
)
def test_documents_without_a_bulletin(body, message):
    if message is None:
        (bulletin,) = parse_document(body)
        assert bulletin.figures == {}
        assert len(bulletin.errors) == 2
        return
    with pytest.raises(ParseError, match=message):
        parse_document(body)


def test_unknown_format():
    with pytest.raises(ParseError, match="unknown format"):
        parse_document(b"x", format="pdf")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("mod/mil-en-2022-04-20-no-increases.html", "mod"),
        ("mod/mil-en-2022-07-05-pretty.html", "mod"),
        ("mod/mil-en-2022-08-10-no-html-tag.html", "mod"),
        ("mod/mil-uk-2022-07-20-headline.html", "mod"),
        ("mod/kmu-en-2023-05-20-list.html", "mod"),
        ("mod/kmu-en-2023-08-09-facebook.html", "mod"),
        ("mod/mod-uk-2024-11-05-za-dobu.html", "mod"),
        ("mod/mod-uk-2026-02-05.html", "mod"),
        ("mod/mod-uk-2026-05-12-grouped.html", "mod"),
        ("mod/mod-en-2026-05-10-headings.html", "mod"),
        ("mod/mod-uk-decoy.html", "mod"),  # a MoD page; parse_mod says it is no bulletin
        ("minfin/ua-casualties-2023-06-04.html", "minfin"),
        ("minfin/ua-month-2022-03-page.html", "minfin"),
        ("minfin/ua-month-php-2024-05.html", "minfin"),
        ("minfin/ua-month-php-2022-02.html", "minfin"),
        ("minfin/en-casualties-2024-06-04.html", "minfin"),
        ("api/latest-2024-06-04.json", "api"),
        ("api/php-latest-2024-03-05.json", "api"),
        ("api/not-found.json", "api"),
        ("text/uk-2024-11-23-bulleted.txt", "text"),
        ("text/en-2024-06-04-number-first.txt", "text"),
        ("text/bilingual-2024-03-05.txt", "text"),
    ],
)
def test_sniff_format(name, expected):
    assert sniff_format(read_fixture(name)) == expected
    assert sniff_format(read_fixture(name).decode()) == expected


def test_sniff_uses_content_type_and_url():
    assert sniff_format(b"  []", content_type="application/json") == "api"
    page = b"<html><body><div>changed layout</div></body></html>"
    assert sniff_format(page, url="https://mod.gov.ua/news/2024/06/04/1") == "mod"
    assert sniff_format(page, url="http://127.0.0.1:9/minfin/ua/russian-invading/") == "minfin"
    with pytest.raises(NotABulletin, match="without a bulletin"):
        sniff_format(page, url="https://example.org/")


def test_sniff_refuses_empty_and_binary():
    with pytest.raises(ParseError, match="empty"):
        sniff_format(b"")
    with pytest.raises(ParseError, match="PNG"):
        sniff_format(b"\x89PNG\r\n\x1a\n")


def test_decoding_rules():
    text = "Танки — 7794"
    assert decode_body(text.encode("cp1251")) == text  # undeclared cp1251
    assert decode_body(text.encode("utf-8"), "text/html; charset=cp1251") == text  # wrong header
    assert decode_body(b"\xef\xbb\xbf" + text.encode()) == text  # BOM
    assert decode_body(text.encode("utf-16")) == text
    koi8 = "Танки: 7794"
    assert decode_body(koi8.encode("koi8-r"), "text/plain; charset=koi8-r") == koi8
    with pytest.raises(ParseError, match="unknown declared charset"):
        decode_body(b"abc \x98\xff", "text/html; charset=x-nonsense")


def test_truncated_inside_a_character_is_reported_as_truncation():
    page = read_fixture("mod/mod-uk-2026-02-05.html")
    cut = page[: page.index("танки –".encode()) + 3]  # inside a two-byte letter
    with pytest.raises(ParseError, match="truncated"):
        parse_document(cut)


def test_mojibake_text_is_refused():
    garbled = "танки — 7794 (+15), ББМ — 15020 (+18)".encode().decode("cp1251")
    with pytest.raises(ParseError, match="mojibake"):
        parse_document(garbled, format="text")
    latin1 = "танки — 7794 (+15), ББМ — 15020 (+18)".encode().decode("latin-1")
    with pytest.raises(ParseError, match="mojibake"):
        parse_document(latin1, format="text")


def test_parser_version_is_a_string():
    assert isinstance(PARSER_VERSION, str) and PARSER_VERSION


def _mutations(body: bytes):
    """Truncations and byte flips of a good document."""
    return st.one_of(
        st.integers(0, len(body)).map(lambda n: body[:n]),
        st.tuples(st.integers(0, len(body) - 1), st.integers(0, 255)).map(
            lambda t: body[: t[0]] + bytes([t[1]]) + body[t[0] + 1 :]
        ),
    )


GOOD = {
    "mod": read_fixture("mod/mod-uk-2026-02-05.html"),
    "mil": read_fixture("mod/mil-en-2022-08-10-no-html-tag.html"),
    "minfin": read_fixture("minfin/ua-month-php-2022-02.html"),
    "api": read_fixture("api/latest-2024-06-04.json"),
    "text": read_fixture("text/uk-2024-10-02-bullets-nbsp.txt"),
}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), name=st.sampled_from(sorted(GOOD)), format=st.sampled_from(FORMATS))
def test_damaged_documents_give_parse_errors_or_bulletins_never_tracebacks(data, name, format):
    body = data.draw(_mutations(GOOD[name]))
    try:
        bulletins = parse_document(body, format=format)
    except ParseError as exc:
        assert str(exc)
        return
    for bulletin in bulletins:
        json.dumps(bulletin.to_json())  # serializable
        for figure in bulletin.figures.values():
            assert isinstance(figure.total, int) and figure.total >= 0


@settings(max_examples=80, deadline=None)
@given(body=st.binary(max_size=300) | st.text(max_size=300).map(str.encode))
def test_random_bytes_never_raise_anything_but_parse_error(body):
    for format in FORMATS:
        with contextlib.suppress(ParseError):
            parse_document(body, format=format)


@settings(max_examples=200, deadline=None)
@given(
    label=st.sampled_from(["танки", "ББМ", "tanks", "РСЗВ"]),
    junk=st.text(alphabet="0123456789 \u00a0OoОоlI|ЗбB,.()+-—", min_size=1, max_size=14).filter(
        lambda junk: not re.search(r"[,.][ \u00a0]", junk)  # ", " and ". " end a clause
    ),
)
def test_a_number_is_read_exactly_or_refused(label, junk):
    """Whatever digits, spaces, punctuation and look-alike letters follow a label (in the
    same clause), a bulletin without errors holds the number all those digits spell:
    never another one."""
    try:
        bulletins = parse_document(f"{label} — {junk} (+1)", format="text")
    except ParseError:
        return
    digits = "".join(c for c in junk if c.isdigit())
    for bulletin in bulletins:
        if bulletin.errors:
            continue
        for figure in bulletin.figures.values():
            assert figure.total == int(digits)
            assert figure.delta in (1, None)


def test_a_parse_error_is_a_losses_error_carrying_the_url():
    from parsers import LossesError, ParseError, parse_document

    with pytest.raises(ParseError) as raised:
        parse_document(b"", format="mod", url="https://mod.gov.ua/news/x")
    assert isinstance(raised.value, LossesError) and isinstance(raised.value, ValueError)
    assert raised.value.url == "https://mod.gov.ua/news/x"
