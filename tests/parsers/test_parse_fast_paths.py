"""The fast paths of the MoD parsers give what the general paths give: a raw page read by
decoding only its article (or its listing region), and bulletin lines of the usual shape
read with one regex. Also the cheaper text helpers against the straightforward versions
they replaced."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parsers import ParseError, numbers, parse_document, parse_news_listing
from parsers import html as html_module
from parsers.decoding import body_codec, decode_body, mojibake_reason
from parsers.figures import _plain_item, _read_line, detect_lang
from parsers.html import element_end, find_element, html_to_lines, surely_complete
from parsers.mod import _article_in_bytes, find_bulletin
from parsers.numbers import QUALIFIER_WORDS, normalize_dashes, normalize_spaces, normalize_text

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def read_fixture(relative: str) -> bytes:
    return (FIXTURES / relative).read_bytes()


MOD_PAGES = [
    "mil-en-2022-04-20-no-increases.html",
    "mil-en-2022-07-05-pretty.html",
    "mil-en-2022-08-10-no-html-tag.html",
    "mil-uk-2022-07-20-headline.html",
    "kmu-en-2023-08-09-facebook.html",
    "mod-uk-2024-11-05-za-dobu.html",
    "mod-uk-2026-05-12-grouped.html",
    "mod-en-2026-01-18-inline.html",
    "mod-uk-decoy.html",
]
# The marks of the MoD-era layouts the raw path searches the bytes for.
LAYOUT_MARKS = (b"aticle-content", b"article_heading", b"editor-content", b"news-detail")
CONTENT_TYPES = [
    None,
    "text/html; charset=utf-8",
    "text/html; charset=windows-1251",
    "text/html; charset=iso-8859-1",
    "text/html; charset=koi8-u",
    "text/html; charset=shift_jis",
]


def _outcome(parse, *args, **kwargs):
    """What a parse gives: its result, or the error (decode_body lets a UnicodeDecodeError
    out for a body with a utf-8 BOM that is not utf-8)."""
    try:
        return parse(*args, **kwargs)
    except (ParseError, UnicodeDecodeError) as exc:
        return f"{type(exc).__name__}: {exc}"


def _renamed(body: bytes) -> bytes:
    for mark in LAYOUT_MARKS:
        body = body.replace(mark, b"x-" + mark[::-1])
    return body


def _variants(body: bytes, read_from: bytes):
    """The page, and the page broken or re-encoded the ways the general path handles.
    `read_from` marks where the part the raw path reads begins."""
    yield body
    yield body[: len(body) // 2]  # truncated
    yield body[:-1]
    yield body.replace(b"</html>", b"").replace(b"</body>", b"")
    yield _renamed(body)  # no known layout: the titled-article and title search
    yield body.replace(b"</div>", b"")  # a part that never closes
    yield body.replace(read_from, read_from + b'"><div class="' + read_from, 1)  # nested
    yield body.replace(b"<h1", b"<h2").replace(b"</h1", b"</h2")
    yield re.sub(rb"24\.02(?:\.22|\.2022)?", b"", body)  # the range gone
    yield b"\xef\xbb\xbf" + body
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        return
    yield text.encode("utf-16")
    yield text.encode("cp1251", "xmlcharrefreplace")
    cp1251 = text.encode("cp1251", "xmlcharrefreplace")
    yield cp1251.replace(read_from, read_from + b" \x98", 1)  # not cp1251 either
    yield text.encode("utf-8").decode("cp1251", "replace").encode("utf-8")  # mojibake


def _read_from(body: bytes) -> bytes:
    """The end of the attribute that marks the part read (not a stylesheet's mention)."""
    return next((m + b'"' for m in LAYOUT_MARKS if m + b'"' in body), b"<body")


@pytest.mark.parametrize("name", MOD_PAGES)
def test_a_raw_page_parses_as_its_text_does(name):
    original = read_fixture(f"mod/{name}")
    for body in _variants(original, _read_from(original)):
        for content_type in CONTENT_TYPES:
            # The text path decodes the whole page first (decode_body), as before.
            text = _outcome(decode_body, body, content_type)
            expected = _outcome(parse_document, text, format="mod", url="u")
            if text.startswith(("ParseError: ", "UnicodeDecodeError: ")):
                expected = text
            got = _outcome(parse_document, body, format="mod", url="u", content_type=content_type)
            assert got == expected, (name, content_type, body[:80])


@pytest.mark.parametrize("name", MOD_PAGES)
def test_the_article_is_decoded_alone(name):
    body = read_fixture(f"mod/{name}")
    for content_type in CONTENT_TYPES:
        article = _article_in_bytes(body, content_type)
        if article is not None:
            assert article == find_bulletin(decode_body(body, content_type))
    assert _article_in_bytes(body, None) is not None  # the fast path is taken


def test_pages_that_need_decoding_whole_take_the_general_path():
    body = read_fixture("mod/mod-uk-2026-02-05.html")
    assert (
        _article_in_bytes(body[: body.index(b"</ul>", body.index(b"news-content"))], None) is None
    )
    assert _article_in_bytes(b"\xef\xbb\xbf" + body, None) is None
    assert _article_in_bytes(body.decode().encode("utf-16"), None) is None
    cp1251 = body.decode().encode("cp1251", "xmlcharrefreplace")
    assert _article_in_bytes(cp1251, "text/html; charset=shift_jis") is None
    assert body_codec(cp1251, None, cp1251) == "cp1251"
    assert body_codec(cp1251 + b"\x98", None, cp1251) is None  # 0x98: not cp1251 either
    assert body_codec(cp1251, "text/html; charset=koi8-u", cp1251) == "koi8-u"


def test_a_page_is_judged_utf8_by_its_article():
    """The one place the raw path differs on purpose: a utf-8 page with a stray invalid
    byte outside the article is read as utf-8 (the article is valid utf-8); decoding the
    whole page would find it invalid and read it all as cp1251, as mojibake."""
    body = read_fixture("mod/mod-uk-2026-02-05.html")
    stray = body.replace(b"<head>", b"<head>\xff", 1)
    (bulletin,) = parse_document(stray, format="mod")
    assert bulletin == parse_document(body, format="mod")[0]
    with pytest.raises(ParseError, match="mojibake"):
        parse_document(decode_body(stray), format="mod")


def test_format_auto_takes_the_raw_path_too():
    body = read_fixture("mod/mod-uk-2026-02-05.html")
    assert parse_document(body) == parse_document(body, format="mod")


@pytest.mark.parametrize(
    "name", ["listing-mod-uk-page3.html", "listing-mil-uk-page2.html", "listing-mil-en-page1.html"]
)
def test_a_raw_listing_parses_as_its_text_does(name):
    url = "https://www.mod.gov.ua/news?page=2"
    for body in _variants(read_fixture(f"mod/{name}"), b"news-"):
        text = _outcome(decode_body, body)
        expected = _outcome(parse_news_listing, text, url)
        if text.startswith(("ParseError: ", "UnicodeDecodeError: ")):
            expected = text
        assert _outcome(parse_news_listing, body, url) == expected, body[:80]


def test_find_element_and_surely_complete():
    page = '<style>.news-detail{}</style><div class="x news-detail"><div>a</div></div>'
    for document in (page, page.encode()):
        start = find_element(document, "div", "news-detail")
        assert start == 29 and element_end(document, start, "div") == len(page)
        assert find_element(document, "div", "news") is None  # a part of a class name
        assert find_element(document, "span", "news-detail") is None
    assert surely_complete(b"<html>...</HTML>\n")
    assert not surely_complete(b"<html>...</html>" + b"x" * 5000)  # not near the end


# ------------------------------------------------------------------ plain bulletin lines

PLAIN_LINES = [
    "танків — 7794 (+15) од,",
    "особового складу — близько 512420 (+1290) осіб ліквідовано,",
    "БПЛА оперативно-тактичного рівня — 10766 (+27) од,",
    "кораблів / катерів — 27 (+0) од.",
    "personnel — about 23200 (+200) persons were liquidated,",
    "Anti-aircraft warfare systems — 827 (+3)",
    "лазерних комплексів — 4 (+1) од,",  # an unknown label: the candidate says so
    "особового складу — понад 12000 (+0) осіб,",
    "танків — 7 794 (+15) од,",
    "військовослужбовці — близько 1 245 080 (+1 050)",
    "personnel: about 1 226 420 (+830) persons;",
    "кораблі/катери — 33 (+0)",
    "ББМ — до 540 (+0)",
    "танки (різних типів) — 5 (+1)",
    "Кораблі (катери) — 35 (+1)",  # the aggregator's days
    "Кораблі (катери) — 2",
]
NOT_PLAIN_LINES = [
    "танків — 012 (+15) од,",  # a leading zero: an error, for the general path to word
    "танків — 7794 (+015) од,",
    "танків — 7 79 (+15) од,",
    "танків — 7794 (15) од,",
    "танків — 7794 (+15) од, ББМ — 15020 (+18) од",
    "танків —7794 (+15)",
    "знищено танків за весь час війни аж до сьогоднішнього дня — 5 (+1)",  # prose
    "2. танків — 5 (+1)",
    "танки (різних) типів — 5 (+1)",  # words after the brackets
    "танки ((катери)) — 5 (+1)",
    "танки (катери ) — 5 (+1)",
]


def _general(line: str, strict: bool):
    return _read_line(normalize_text(line), 3, strict)


@pytest.mark.parametrize("line", PLAIN_LINES)
def test_plain_lines_read_as_the_general_path_reads_them(line):
    plain = _plain_item(normalize_text(line).strip(), 3)
    assert plain is not None
    for strict in (True, False):
        assert [plain] == _general(line, strict)


@pytest.mark.parametrize("line", NOT_PLAIN_LINES)
def test_other_lines_take_the_general_path(line):
    assert _plain_item(normalize_text(line).strip(), 3) is None


_word = st.sampled_from(["танків", "ББМ", "tanks", "total", "вже", "about", "знищено", "ſ"])
_word |= st.text("абвгґдеєжзиіїabcxyzK", min_size=1, max_size=6)
_separator = st.sampled_from([" ", " ", " / ", "-", "  ", "/"])
# Words in brackets after a label ("Кораблі (катери)"), and brackets that are not that.
_bracketed = st.sampled_from(["", "", " (катери)", " (різних типів)", "(x)", " ( x)", " (x )"])
_bracketed |= st.sampled_from([" (+1)", " ()", " (x) y", " (x) (y)", " (1)", " (x/y)"])
_label = st.tuples(_word, st.lists(st.tuples(_separator, _word), max_size=9), _bracketed).map(
    lambda t: t[0] + "".join(sep + word for sep, word in t[1]) + t[2]
)
_number = st.sampled_from(["0", "7", "12066", "012", "1 234", "00"]) | st.integers(0, 10**7).map(
    str
)
_qualifier = st.sampled_from(["", "", "Близько ", "знищено ", "more than "]) | st.sampled_from(
    [f"{w} " for w in QUALIFIER_WORDS]
)
_units = st.lists(
    st.sampled_from(["од", "осіб", "ліквідовано", "persons", "were", "од.", "x1", "тис.", "млн"])
)
_plain_shaped = st.tuples(
    _label,
    st.sampled_from([" — ", " — ", " — ", " —", ": ", " - "]),
    _qualifier,
    _number,
    st.sampled_from([" (+{})", " (+{})", " (+{})", "(+{})", " ({})", " (-{})", "", " осіб (+{})"]),
    _number,
    _units,
    st.sampled_from(["", ",", ".", ";", ", "]),
).map(lambda p: "".join(p[:4]) + p[4].format(p[5]) + "".join(" " + u for u in p[6]) + p[7])


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(line=_plain_shaped, strict=st.booleans())
def test_plain_shaped_lines_read_alike(line, strict):
    plain = _plain_item(normalize_text(line).strip(), 3)
    if plain is not None:
        assert [plain] == _general(line, strict)


# ------------------------------------------------------------ the cheaper text helpers
# The straightforward versions they replaced, to compare with.

_SPACES = "\u00a0\u202f\u2009\u2007\u2008\u200a\u2002\u2003\u2004\u2005\u2006\u205f\u3000\t"
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_SPACES_TABLE = {**{ord(c): " " for c in _SPACES}, **dict.fromkeys(map(ord, _INVISIBLE), None)}
_DASHES_TABLE = {ord(c): "—" for c in "‒–—−―⸺⸻"}
_LOOSE_HYPHEN = re.compile(r"(?<![^\W\d_])[-‐‑]|[-‐‑](?![^\W\d_])")


def _translated_dashes(text: str) -> str:
    text = _LOOSE_HYPHEN.sub("—", text.translate(_DASHES_TABLE))
    if "-" in text:
        text = numbers._HYPHEN_BEFORE_QUALIFIER.sub("—", text)
    return numbers._BRACKET_MINUS.sub("(-", text) if "(" in text else text


def _html_to_lines_line_by_line(fragment: str) -> list[str]:
    text = html_module._INVISIBLE_BLOCKS.sub(" ", fragment)
    text = html_module._BLOCK_TAG.sub("\n", text)
    text = html.unescape(html_module._ANY_TAG.sub("", text))
    text = normalize_spaces(text)
    lines = (html_module._BLANKS.sub(" ", line).strip() for line in text.split("\n"))
    return [line for line in lines if line]


def _counted_lang(text: str) -> str:
    cyrillic = latin = uk = ru = 0
    for char in text.lower():
        if "а" <= char <= "я" or char in "іїєґё":
            cyrillic += 1
            uk += char in "іїєґ"
            ru += char in "ыэъё"
        elif "a" <= char <= "z":
            latin += 1
    return "en" if latin > cyrillic else "ru" if ru > uk else "uk"


_text = st.text(
    st.sampled_from(
        _SPACES + _INVISIBLE + "‒–—−―⸺⸻-‐‑ (),.;:aZяЇ5\n\r\x0bРСр°ѕµё‚Ђ»єЅÐÑ\ufffdїєґёыэъ"
    )
    | st.characters(),
    max_size=40,
)
_fragment = st.lists(
    st.sampled_from(["<p>", "</p>", "<br>", "<b>", "<script>x</script>", "&nbsp;", "&amp;"])
    | st.sampled_from(["&mdash;", "&ndash;", "&nbsp", "&", "amp;", "mdash;", "&#8212;", "&#x2013;"])
    | st.sampled_from(["  ", "\t", "\r\n", "\x0b", "\u2028"])
    | _text,
    max_size=8,
).map("".join)


@settings(max_examples=500, deadline=None)
@given(text=_text)
def test_normalizing_as_the_translate_tables_did(text):
    assert normalize_spaces(text) == text.translate(_SPACES_TABLE)
    assert normalize_dashes(text) == _translated_dashes(text)


@settings(max_examples=500, deadline=None)
@given(text=_text)
def test_language_and_mojibake_as_counted_before(text):
    assert detect_lang(text) == _counted_lang(text)
    pairs = ("Р°", "Рѕ", "Рµ", "Рё", "С–", "РЅ", "С‚", "СЂ", "Р»", "Рє")
    reason = mojibake_reason(text)
    cp1251 = sum(map(text.count, pairs)) >= 3
    assert (reason is not None and "cp1251" in reason) == cp1251
    latin1 = text.count("Ð") + text.count("Ñ") >= 3
    assert (reason is not None and "latin-1" in reason) == (latin1 and not cp1251)


@settings(max_examples=500, deadline=None)
@given(fragment=_fragment)
def test_html_lines_as_collapsed_line_by_line(fragment):
    assert html_to_lines(fragment) == _html_to_lines_line_by_line(fragment)


@settings(max_examples=500, deadline=None)
@given(fragment=_fragment)
def test_html_lines_as_a_browser_shows_them_join_source_lines(fragment):
    joined = fragment.replace("\r", " ").replace("\n", " ")
    assert html_to_lines(fragment, source_lines=False) == _html_to_lines_line_by_line(joined)
