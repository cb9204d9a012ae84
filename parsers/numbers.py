"""One reader for the numbers of every format: totals, increases and qualifiers.

The bulletins and their reposts write the same figure many ways ("512420", "512 420",
"512,420", "173.990", "646 тис. 400", "(+1,330)", "(+15 за минулу добу)", "(0)"). This
module reads all of them, and refuses anything it cannot read without guessing ("12O",
"1 2 3 4 5 6 7", "1,4 тис."): a wrong number is worse than an error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from parsers.errors import ParseError
from parsers.model import Qualifier


class NumberError(ParseError):
    """A figure is present but cannot be read unambiguously; the message quotes it."""


class ScaleWordError(NumberError):
    """A number followed by a scale word ("646 тис.", "1.2 million"); `end` is the index
    just after the scale word (where the label of a number-first figure starts)."""

    def __init__(self, message: str, end: int) -> None:
        super().__init__(message)
        self.end = end


# Every Unicode space a copied text may carry inside "512 420" (no-break, narrow
# no-break, thin, figure, punctuation, hair, en/em spaces...), and invisible characters
# that must not split a word or a number. (Regexes, not str.translate: a translate table
# costs ~50 ns a character on every line and number; a class that finds nothing, ~0.2 µs.)
_SPACE_CHARS = "\u00a0\u202f\u2009\u2007\u2008\u200a\u2002\u2003\u2004\u2005\u2006\u205f\u3000\t"
_SPACE_RE = re.compile(f"[{_SPACE_CHARS}]")
_INVISIBLE_RE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_SPACE_OR_INVISIBLE_RE = re.compile(f"{_SPACE_RE.pattern}|{_INVISIBLE_RE.pattern}")
# Long dashes and the minus sign all act as "—" (str.replace: a regex that looks for
# them costs 2-4 µs a line, the replacing ~0.3); a hyphen only where it is not a hyphen
# inside a word ("оперативно-тактичного", "Anti-aircraft"), by a regex run only on the
# lines that have one. It starts with the hyphen itself (the letter before it is checked
# by looking back over it), so the regex engine jumps from hyphen to hyphen.
_LONG_DASHES = "‒–−―⸺⸻"
_SEPARATING_HYPHEN_RE = re.compile(r"[-‐‑](?:(?<![^\W\d_][-‐‑])|(?![^\W\d_]))")
_BRACKET_MINUS = re.compile(r"\(\s*—")
_HYPHEN_BEFORE_QUALIFIER = re.compile(
    r"[-‐‑](?=(?:близько|приблизно|понад|около|более|свыше|about|approximately|over|more)\b)",
    re.IGNORECASE,
)


def normalize_spaces(text: str) -> str:
    """Unicode spaces to plain spaces, invisible characters removed (newlines kept)."""
    if text.isascii():  # O(1) for str; most lines and every number token
        return text.replace("\t", " ")  # the one ASCII character of the lot
    if not _SPACE_OR_INVISIBLE_RE.search(text):  # lines of an already normalized text
        return text
    return _INVISIBLE_RE.sub("", _SPACE_RE.sub(" ", text))


def normalize_dashes(text: str) -> str:
    """Every separating dash (and the minus sign) becomes "—"; word hyphens stay, except
    before a qualifier ("склад-близько 512420"); a dash opening a bracket is a minus sign
    ("(-3)"), never a separator."""
    for dash in _LONG_DASHES:
        if dash in text:
            text = text.replace(dash, "—")
    if "-" in text or "‐" in text or "‑" in text:
        text = _SEPARATING_HYPHEN_RE.sub("—", text)
        if "-" in text:
            text = _HYPHEN_BEFORE_QUALIFIER.sub("—", text)
    bracket = text.find("(")
    if bracket < 0 or text.find("—", bracket) < 0:  # no dash after a bracket: no minus
        return text
    return _BRACKET_MINUS.sub("(-", text)


def normalize_text(text: str) -> str:
    return normalize_dashes(normalize_spaces(text))


# A number token: digits with single separators between digit groups, or the
# Ukrainian/Russian "646 тис. 400". Separators are checked by read_number, so the token
# is deliberately greedy: "1 2 3 4 5 6 7" is one (bad) token, not seven numbers.
NUMBER_TOKEN = r"[0-9]{1,3} ?(?:тис|тыс)\.? ?[0-9]{3}(?![0-9])|[0-9](?:[0-9]|[ ,.'’](?=[0-9]))*"
_NUMBER_TOKEN_RE = re.compile(NUMBER_TOKEN)
_THOUSAND_WORD_RE = re.compile(r"([0-9]{1,3}) ?(?:тис|тыс)\.? ?([0-9]{3})")
_GROUP_SEPARATORS = " ,.'’"


# No count in these bulletins comes near a hundred million; a larger number is an error
# (a typo, a hostile page), never a figure: past 2^63 it could not even be stored.
MAX_NUMBER = 10**8


def read_number(raw: str) -> int:
    """The integer a number token stands for, or NumberError naming the text and reason."""
    value = _read_number(raw)
    if value > MAX_NUMBER:
        raise NumberError(f"cannot read number {raw!r}: implausibly large (more than {MAX_NUMBER})")
    return value


def _read_number(raw: str) -> int:
    text = raw if raw.isascii() and raw.isdigit() else normalize_spaces(raw).strip()
    if not text:
        raise NumberError("empty number")
    if text.isascii() and text.isdigit():
        if len(text) > 1 and text[0] == "0":
            raise NumberError(f"cannot read number {raw!r}: leading zero")
        return int(text)
    thousands = _THOUSAND_WORD_RE.fullmatch(text)
    if thousands:
        return int(thousands[1]) * 1000 + int(thousands[2])
    separators = {c for c in text if not ("0" <= c <= "9")}
    if not separators <= set(_GROUP_SEPARATORS):
        raise NumberError(f"cannot read number {raw!r}: unexpected characters")
    if len(separators) > 1:
        raise NumberError(f"cannot read number {raw!r}: mixed thousands separators")
    groups = text.split(separators.pop())
    if not (1 <= len(groups[0]) <= 3) or groups[0].startswith("0"):
        raise NumberError(f"cannot read number {raw!r}: bad first digit group")
    if any(len(group) != 3 for group in groups[1:]):
        raise NumberError(
            f"cannot read number {raw!r}: digit groups after the first must have 3 digits"
        )
    return int("".join(groups))


# Qualifiers before a total. Longest first so "більш ніж" wins over "більш".
QUALIFIER_WORDS: dict[str, Qualifier] = {
    "близько": "about",
    "біля": "about",
    "приблизно": "about",
    "орієнтовно": "about",
    "майже": "about",
    "около": "about",
    "примерно": "about",
    "порядка": "about",
    "почти": "about",
    "approximately": "about",
    "approx.": "about",
    "approx": "about",
    "aprx.": "about",
    "aprx": "about",
    "about": "about",
    "around": "about",
    "roughly": "about",
    "almost": "about",
    "nearly": "about",
    "circa": "about",
    "~": "about",
    "≈": "about",
    "понад": "more",
    "щонайменше": "more",
    "не менше ніж": "more",
    "не менше": "more",
    "більш ніж": "more",
    "більше ніж": "more",
    "більше": "more",
    "більш": "more",
    "свыше": "more",
    "не менее чем": "more",
    "не менее": "more",
    "по меньшей мере": "more",
    "более чем": "more",
    "более": "more",
    "больше": "more",
    "more than": "more",
    "at least": "more",
    "over": "more",
    "above": "more",
    ">": "more",
    # February 2022 ("ББМ — до 540"): the count is at most this.
    "до": "up_to",
    "up to": "up_to",
}
_QUALIFIERS = "|".join(re.escape(w) for w in sorted(QUALIFIER_WORDS, key=len, reverse=True))
# Words that may stand before a number without being a qualifier ("знищено 15").
_FILLERS = (
    "знищено|ліквідовано|уражено|уничтожено|ликвидировано|destroyed|eliminated|"
    "всього|загалом|всего|total|вже|уже|already"
)
# One word before a number: a filler, else a qualifier (group "q"). One regex, not one
# for each: this runs for every value and every clause.
_PREFIX_WORD_RE = re.compile(rf"(?:{_FILLERS}|(?P<q>{_QUALIFIERS}))(?![^\W\d_])\s*", re.IGNORECASE)
_SLASH_RE = re.compile(r"\s*/\s*")
# Words that may follow a total or an increase: units, "ліквідовано", "persons".
UNIT_WORDS = frozenset(
    (
        *("од", "одиниць", "одиниці", "одиниця", "шт", "осіб", "особи", "ос", "чол", "людей"),
        *("ліквідовано", "знищено", "ед", "единиц", "единицы", "единица", "человек", "чел"),
        *("ликвидировано", "уничтожено", "persons", "people", "units", "unit", "pcs"),
        *("eliminated", "destroyed", "killed", "liquidated", "were"),
    )
)
# An increase in brackets: "(+15)", "(+15 за минулу добу)", "(+1,330)", "(0)", "(-3)".
_INCREASE_RE = re.compile(r"\(\s*(?P<sign>[+-]?)\s*(?P<body>[^()]*?)\s*\)")
_DIGIT_RE = re.compile(r"[0-9]")
_LETTER_RE = re.compile(r"[^\W\d_]")
# A scale word after a number ("646 тис. осіб", "1 million"): the number is not the figure,
# and reading it as one would be a wrong number, so it is an error.
_SCALE_WORD_RE = re.compile(
    r" ?(?P<word>тис|тисяч[аіи]?|тыс|тысяч[аи]?|thousands?|млн|мільйон(?:а|ів|и)?|"
    r"миллион(?:а|ов|ы)?|millions?|mln|млрд|мільярд(?:а|ів|и)?|миллиард(?:а|ов|ы)?|"
    r"billions?|bn)(?![^\W\d_])\.?",
    re.IGNORECASE,
)
# The first "word" of a value (up to a space, a separator or a bracket) holds a digit.
_DIGIT_IN_TOKEN_RE = re.compile(r"[^\s—:;,()0-9]*[0-9]")


@dataclass(frozen=True, slots=True)
class Value:
    """What stands after a label: "близько 512 420 (+1 290) осіб"."""

    total: int
    delta: int | None
    qualifier: Qualifier | None
    has_increase: bool
    end: int  # index in the scanned text just after the value


def read_increase(text: str) -> int | None:
    """The increase in "(+15 за минулу добу)" / "(0)" / "(-3)"; None for "" (omitted)."""
    text = normalize_text(text).strip()
    if not text:
        return None
    match = _INCREASE_RE.fullmatch(text)
    if not match:
        raise NumberError(f"cannot read increase {text!r}")
    return _increase_value(match)


def _increase_value(match: re.Match[str]) -> int:
    body = match["body"]
    number = _NUMBER_TOKEN_RE.match(body)
    if not number:
        raise NumberError(f"cannot read increase {match[0]!r}")
    rest = body[number.end() :]
    scale = _SCALE_WORD_RE.match(rest)
    if scale:
        raise NumberError(f"cannot read increase {match[0]!r}: a scale word ({scale['word']!r})")
    if rest[:1].isalnum():  # one character: exactly the regex class [^\W_]
        raise NumberError(f"cannot read increase {match[0]!r}: letters inside the number")
    if _DIGIT_RE.search(rest):
        raise NumberError(f"cannot read increase {match[0]!r}: more than one number")
    value = read_number(number[0])
    return -value if match["sign"] == "-" else value


def starts_value(text: str, pos: int = 0) -> bool:
    """Whether a value starts at pos: its first word after any qualifier holds a digit.

    True also for unreadable values ("12O", "O12"), so that they are reported, not skipped.
    """
    pos, _ = _read_prefix(text, pos)
    return _DIGIT_IN_TOKEN_RE.match(text, pos) is not None


def _read_prefix(text: str, pos: int) -> tuple[int, Qualifier | None]:
    while pos < len(text) and text[pos] == " ":
        pos += 1
    if text[pos : pos + 1].isdigit() and text[pos].isascii():
        return pos, None  # the usual case; no filler or qualifier starts with a digit
    qualifier: Qualifier | None = None
    for _ in range(3):  # "знищено близько 1 290": fillers and a qualifier in any order
        word = _PREFIX_WORD_RE.match(text, pos)
        if word is None or (word["q"] and qualifier is not None):
            break
        if word["q"]:
            qualifier = QUALIFIER_WORDS[word["q"].lower()]
            pos = _same_qualifier_translated(text, word.end(), qualifier)
        else:
            pos = word.end()
    return pos, qualifier


def _same_qualifier_translated(text: str, pos: int, qualifier: Qualifier) -> int:
    """After "близько" in a bilingual bulletin ("близько/ about 403720"), the end of the
    translation when it means the same; `pos` otherwise (a "/" that does not is left
    where the number should be, so the value is an error, not a guess)."""
    slash = _SLASH_RE.match(text, pos)
    if slash is None:
        return pos
    word = _PREFIX_WORD_RE.match(text, slash.end())
    if word is None or not word["q"] or QUALIFIER_WORDS[word["q"].lower()] != qualifier:
        return pos
    return word.end()


def scan_value(text: str, pos: int = 0, *, units: bool = True) -> Value:
    """Read "[qualifier] NUMBER [units] [(increase)] [units]" starting at pos.

    `text` must be normalized (normalize_text). Raises NumberError when the number or the
    increase cannot be read. The value ends before the first word that is not a unit, so
    the caller sees what follows (the next label, or trailing text).
    """
    pos, qualifier = _read_prefix(text, pos)
    number = _NUMBER_TOKEN_RE.match(text, pos)
    if not number:
        raise NumberError(f"cannot read number {_first_word(text, pos)!r}")
    end = number.end()
    # str.isalnum() of one character is exactly the regex class [^\W_]
    letter_after = end < len(text) and text[end].isalnum()
    letter_before = pos > 0 and text[pos - 1].isalnum()
    if letter_after or letter_before:
        word = _first_word(text, pos)
        raise NumberError(f"cannot read number {word!r}: letters inside the number")
    if text.startswith(" ", end):
        scale = _SCALE_WORD_RE.match(text, end)
        if scale:
            raise ScaleWordError(
                f"cannot read number {text[pos : scale.end()]!r}: a scale word "
                f"({scale['word']!r}) after the number",
                scale.end(),
            )
    total = read_number(number[0])
    if units:
        end = _skip_units(text, end)
    delta: int | None = None
    increase = scan_increase(text, end)
    if increase is not None:
        delta, end = increase
        if units:
            end = _skip_units(text, end)
    return Value(total, delta, qualifier, increase is not None, end)


def _first_word(text: str, pos: int) -> str:
    return text[pos:].split(" ", 1)[0]


def scan_increase(text: str, pos: int) -> tuple[int, int] | None:
    """An increase bracket at pos (after spaces): (delta, end), or None when there is no
    bracket with a digit there ("(катери)" is not an increase). NumberError when the
    bracket holds a number that cannot be read, or never closes."""
    while pos < len(text) and text[pos] == " ":
        pos += 1
    if not text.startswith("(", pos):
        return None
    increase = _INCREASE_RE.match(text, pos)
    if increase is None:
        if _DIGIT_RE.search(text, pos):
            raise NumberError(f"cannot read increase {text[pos:]!r}: no closing bracket")
        return None
    if not _DIGIT_RE.search(increase[0]):
        if increase["sign"] or not _LETTER_RE.search(increase["body"]):
            # "(+?)", "(+)", "()", "(—)": an increase bracket nobody can read.
            raise NumberError(f"cannot read increase {increase[0]!r}")
        return None  # "(катери)": words, not an increase
    return _increase_value(increase), increase.end()


_UNIT_WORD_RE = re.compile(r"\s*([^\W\d_][\w'’]*\.?)")


def _skip_units(text: str, pos: int) -> int:
    """Skip unit words ("од.", "осіб ліквідовано", "persons") after a number."""
    while True:
        match = _UNIT_WORD_RE.match(text, pos)
        if not match:
            return pos
        word = match[1].lower()
        if word.rstrip(".") not in UNIT_WORDS:
            return pos
        pos = match.end()


# ---------------------------------------------------------------- prose (parsers/prose.py)
_APOSTROPHE_RE = re.compile("[’ʼ‘`]")


def normalize_in_place(text: str) -> str:
    """Unicode spaces to " " and apostrophes to "'", moving no character: every offset
    stays valid in the text given (dashes are left as written, for the prose reader tells
    a hyphen in "Су-34" or "2022-й" from a dash itself; invisible characters are the
    caller's to remove, with their offsets)."""
    if text.isascii():
        return text.replace("\t", " ").replace("`", "'")
    return _APOSTROPHE_RE.sub("'", _SPACE_RE.sub(" ", text))


def is_decimal(raw: str) -> bool:
    """ "1.3", "25,1": one dot or comma followed by one or two digits (never grouping)."""
    text = raw.strip()
    for separator in ".,":
        head, sep, tail = text.partition(separator)
        if sep and head.isdigit() and tail.isdigit() and 1 <= len(tail) <= 2:
            return True
    return False


def read_scaled(raw: str, scale: int) -> int:
    """A number before a scale word: "982" x 1000, "1.3" x 1 000 000, "25,1" x 1000,
    "1 300" x 1000. NumberError when it can be read two ways ("1.300 тисяч": 1300 or 1.3)."""
    text = normalize_spaces(raw).strip()
    if is_decimal(text):
        head, tail = re.split("[.,]", text)
        value = int(head) * scale + int(tail) * scale // 10 ** len(tail)
        if int(tail) * scale % 10 ** len(tail):
            raise NumberError(f"cannot read number {raw!r}: more decimals than the scale holds")
        return value
    if re.fullmatch(r"[0-9]{1,3}[.,][0-9]{3}", text):
        raise NumberError(
            f"cannot read number {raw!r} before a scale word: a decimal or thousands separator"
        )
    return read_number(text) * scale
