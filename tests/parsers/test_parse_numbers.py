"""parsers.numbers: every way a figure is written, and the ones refused."""

from __future__ import annotations

import pytest

from parsers.errors import ParseError
from parsers.numbers import (
    NumberError,
    normalize_text,
    read_increase,
    read_number,
    scan_value,
    starts_value,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("0", 0),
        ("7", 7),
        ("512420", 512420),
        ("512 420", 512420),
        ("512\u00a0420", 512420),  # no-break space
        ("512\u202f420", 512420),  # narrow no-break space
        ("512\u2009420", 512420),  # thin space
        ("512,420", 512420),
        ("173.990", 173990),
        ("1 334 030", 1334030),
        ("1,334,030", 1334030),
        ("1.334.030", 1334030),
        ("646 тис. 400", 646400),
        ("646 тис 400", 646400),
        ("8 тыс. 815", 8815),
        ("1 тис. 250", 1250),
    ],
)
def test_read_number_accepts_every_thousands_style(text, expected):
    assert read_number(text) == expected


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("12O", "unexpected characters"),  # Latin O for zero
        ("1 2 3 4 5 6 7", "3 digits"),  # not a thousands grouping
        ("1,4", "3 digits"),  # a decimal, "1,4 тис." in a headline
        ("17.39", "3 digits"),
        ("1,234 567", "mixed"),
        ("12 34", "3 digits"),
        ("1234 567", "first digit group"),
        ("007", "leading zero"),
        ("", "empty"),
    ],
)
def test_read_number_refuses_ambiguous_numbers(text, reason):
    with pytest.raises(NumberError, match=reason):
        read_number(text)


def test_number_error_is_a_parse_error():
    assert issubclass(NumberError, ParseError)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("(+15)", 15),
        ("( +15 )", 15),
        ("(+15 за минулу добу)", 15),
        ("(+16 за минувшие сутки)", 16),
        ("(+7 одиниці за минулу добу)", 7),
        ("(+43 per day)", 43),
        ("(+1,330)", 1330),
        ("(+1 290 осіб)", 1290),
        ("(+1 тис. 250)", 1250),
        ("(0)", 0),
        ("(+0)", 0),
        ("(-3)", -3),  # a negative increase is reported as stated (the check flags it)
        ("(−3)", -3),
        ("", None),
    ],
)
def test_read_increase(text, expected):
    assert read_increase(text) == expected


@pytest.mark.parametrize("text", ["(+1O)", "(+5", "(+15 за 22 листопада)", "(+1 2 3)"])
def test_read_increase_refuses(text):
    with pytest.raises(NumberError):
        read_increase(text)


@pytest.mark.parametrize(
    ("text", "total", "delta", "qualifier", "rest"),
    [
        ("близько 512 420 (+1 290) осіб ліквідовано", 512420, 1290, "about", ""),
        ("понад 12000 (+0) осіб", 12000, 0, "more", ""),
        ("about 497,700 (+1,330) persons", 497700, 1330, "about", ""),
        ("more than 11,000", 11000, None, "more", ""),
        ("около 459 530", 459530, None, "about", ""),
        ("более 12 000 человек", 12000, None, "more", ""),
        ("7794 (+15) од.", 7794, 15, None, ""),
        ("7794(+15)од., ББМ", 7794, 15, None, ", ББМ"),
        ("7794", 7794, None, None, ""),
        ("393 (0)", 393, 0, None, ""),
        ("10 (+2) ББМ", 10, 2, None, " ББМ"),
        ("знищено 15 (+1)", 15, 1, None, ""),
        ("646 тис. 400 (+1 тис. 250)", 646400, 1250, None, ""),
    ],
)
def test_scan_value(text, total, delta, qualifier, rest):
    text = normalize_text(text)
    value = scan_value(text)
    assert (value.total, value.delta, value.qualifier) == (total, delta, qualifier)
    assert text[value.end :] == rest


@pytest.mark.parametrize("text", ["12O (+2)", "O12", "1O2 (+3)", "l2", "1 2 3 4 5 6 7 (+1)"])
def test_scan_value_refuses_letters_in_numbers(text):
    text = normalize_text(text)
    assert starts_value(text)  # recognised as a value attempt, so it is reported
    with pytest.raises(NumberError):
        scan_value(text)


@pytest.mark.parametrize("text", ["танки", "(катери)", "н/д", "Генштаб"])
def test_words_do_not_start_a_value(text):
    assert not starts_value(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("танки ‒ 5", "танки — 5"),
        ("танки – 5", "танки — 5"),
        ("танки − 5", "танки — 5"),
        ("танки - 5", "танки — 5"),
        ("танки-5", "танки—5"),
        ("оперативно-тактичного", "оперативно-тактичного"),
        ("Anti-aircraft", "Anti-aircraft"),
        ("512\u00a0420", "512 420"),
        ("со\u00adрок", "сорок"),
    ],
)
def test_normalize_text_dashes_and_spaces(text, expected):
    assert normalize_text(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "646 тис. осіб",
        "близько 646 тисяч",
        "646 тыс. человек",
        "около 646 тысяч",
        "646 thousand",
        "1 млн",
        "1 million (+1)",
        "2 мільйони",
        "2 мільйонів",
        "1 мільйона",
        "2 миллиона",
        "5 миллионов",
    ],
)
def test_a_scale_word_after_the_number_is_an_error(text):
    with pytest.raises(NumberError, match="a scale word"):
        scan_value(normalize_text(text))


def test_646_thousand_400_is_still_a_number():
    assert scan_value("646 тис. 400 (+1 тис. 250)").total == 646400


@pytest.mark.parametrize("text", ["5 (+?)", "5 (+)", "5 ()", "5 (-)", "5 (+1 тис.)"])
def test_an_increase_bracket_that_cannot_be_read_is_an_error(text):
    with pytest.raises(NumberError, match="cannot read increase"):
        scan_value(normalize_text(text))


def test_a_bracket_of_words_is_not_an_increase():
    value = scan_value("27 (катери)")
    assert (value.total, value.has_increase, value.end) == (27, False, 2)


@pytest.mark.parametrize(
    "raw", ["1000000000000000000000000000000", "100 000 001", "9,223,372,036,854,775,808"]
)
def test_a_number_past_any_count_is_an_error_naming_it(raw):
    with pytest.raises(ParseError, match="implausibly large"):
        read_number(raw)
    assert read_number("100 000 000") == 10**8
