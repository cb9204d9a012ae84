"""Numbers written in words, as press items write the small ones ("два танки", "шість
бойових броньованих машин", "twenty-seven drones", "сто сорок два"), and the words that
look like numbers but are not ("десятки дронів", "a dozen tanks", "кілька", "several").

Ukrainian, Russian and English cardinals in their inflected forms ("одну", "двох",
"п'ятьох", "двохсот"; "две", "трёх"; "twenty-seven"), compounds of hundreds, tens and
units ("сто сорок два", "one hundred and forty-two"), and the scale words after them
("дві тисячі", "тисяча двісті вісімдесят"). Words are compared in lower case with every
apostrophe written "'" (`word_key`). Pure data and functions; the prose reader
(parsers/prose.py) walks the words of a sentence with `read_number_words`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


def _forms(table: dict[int, str]) -> dict[str, int]:
    return {form: value for value, forms in table.items() for form in forms.split()}


# Units and teens: 1..19. Each entry lists a number's forms, space-separated.
_UK_SMALL = _forms(
    {
        1: "один одна одне одно одну одного одній одним одному одною однієї",
        2: "два дві двох двом двома",
        3: "три трьох трьом трьома",
        4: "чотири чотирьох чотирьом чотирма",
        5: "п'ять п'яти п'ятьох п'ятьом п'ятьма",
        6: "шість шести шістьох шістьом шістьма",
        7: "сім семи сімох сімом",  # not "сьома": also "the seventh"
        8: "вісім восьми вісьмох вісьмом вісьма",
        9: "дев'ять дев'яти дев'ятьох дев'ятьом дев'ятьма",
        10: "десять десяти десятьох десятьом десятьма",
        11: "одинадцять одинадцяти одинадцятьох",
        12: "дванадцять дванадцяти дванадцятьох",
        13: "тринадцять тринадцяти тринадцятьох",
        14: "чотирнадцять чотирнадцяти чотирнадцятьох",
        15: "п'ятнадцять п'ятнадцяти п'ятнадцятьох",
        16: "шістнадцять шістнадцяти шістнадцятьох",
        17: "сімнадцять сімнадцяти сімнадцятьох",
        18: "вісімнадцять вісімнадцяти вісімнадцятьох",
        19: "дев'ятнадцять дев'ятнадцяти дев'ятнадцятьох",
    }
)
_UK_TENS = _forms(
    {
        20: "двадцять двадцяти двадцятьох двадцятьма",
        30: "тридцять тридцяти тридцятьох тридцятьма",
        40: "сорок сорока",
        50: "п'ятдесят п'ятдесяти п'ятдесятьох",
        60: "шістдесят шістдесяти шістдесятьох",
        70: "сімдесят сімдесяти сімдесятьох",
        80: "вісімдесят вісімдесяти вісімдесятьох",
        90: "дев'яносто дев'яноста",
    }
)
_UK_HUNDREDS = _forms(
    {
        100: "сто ста",
        200: "двісті двохсот двомстам",
        300: "триста трьохсот трьомстам",
        400: "чотириста чотирьохсот чотирьомстам",
        500: "п'ятсот п'ятисот п'ятистам",
        600: "шістсот шестисот шестистам",
        700: "сімсот семисот семистам",
        800: "вісімсот восьмисот восьмистам",
        900: "дев'ятсот дев'ятисот дев'ятистам",
    }
)
_RU_SMALL = _forms(
    {
        1: "один одна одно одну одного одной одним одному",
        2: "два две двух двум двумя",
        3: "три трех трёх трем трём тремя",
        4: "четыре четырех четырёх четырем четырём четырьмя",
        5: "пять пяти пятью",
        6: "шесть шести шестью",
        7: "семь семи",  # not "семью": also "family"
        8: "восемь восьми восемью",
        9: "девять девяти девятью",
        10: "десять десяти десятью",
        11: "одиннадцать одиннадцати",
        12: "двенадцать двенадцати",
        13: "тринадцать тринадцати",
        14: "четырнадцать четырнадцати",
        15: "пятнадцать пятнадцати",
        16: "шестнадцать шестнадцати",
        17: "семнадцать семнадцати",
        18: "восемнадцать восемнадцати",
        19: "девятнадцать девятнадцати",
    }
)
_RU_TENS = _forms(
    {
        20: "двадцать двадцати",
        30: "тридцать тридцати",
        40: "сорок сорока",
        50: "пятьдесят пятидесяти",
        60: "шестьдесят шестидесяти",
        70: "семьдесят семидесяти",
        80: "восемьдесят восьмидесяти",
        90: "девяносто девяноста",
    }
)
_RU_HUNDREDS = _forms(
    {
        100: "сто ста",
        200: "двести двухсот",
        300: "триста трехсот трёхсот",
        400: "четыреста четырехсот четырёхсот",
        500: "пятьсот пятисот",
        600: "шестьсот шестисот",
        700: "семьсот семисот",
        800: "восемьсот восьмисот",
        900: "девятьсот девятисот",
    }
)
_EN_SMALL = _forms(
    {
        1: "one",
        2: "two",
        3: "three",
        4: "four",
        5: "five",
        6: "six",
        7: "seven",
        8: "eight",
        9: "nine",
        10: "ten",
        11: "eleven",
        12: "twelve",
        13: "thirteen",
        14: "fourteen",
        15: "fifteen",
        16: "sixteen",
        17: "seventeen",
        18: "eighteen",
        19: "nineteen",
    }
)
_EN_TENS = _forms(
    {
        20: "twenty",
        30: "thirty",
        40: "forty",
        50: "fifty",
        60: "sixty",
        70: "seventy",
        80: "eighty",
        90: "ninety",
    }
)

# Scale words after a number (in words or digits): "дві тисячі", "982 тисячі", "1.3 million".
SCALE_WORDS: dict[str, int] = {
    **dict.fromkeys(("тисяча", "тисячі", "тисяч", "тисячу", "тисячею", "тис"), 1000),
    **dict.fromkeys(("тысяча", "тысячи", "тысяч", "тысячу", "тысячей", "тыс"), 1000),
    **dict.fromkeys(("thousand", "thousands"), 1000),
    **dict.fromkeys(("мільйон", "мільйона", "мільйони", "мільйонів", "млн"), 1_000_000),
    **dict.fromkeys(("миллион", "миллиона", "миллионы", "миллионов"), 1_000_000),
    **dict.fromkeys(("million", "millions", "mln"), 1_000_000),
    **dict.fromkeys(("мільярд", "мільярда", "мільярди", "мільярдів", "млрд"), 1_000_000_000),
    **dict.fromkeys(("миллиард", "миллиарда", "миллиарды", "миллиардов"), 1_000_000_000),
    **dict.fromkeys(("billion", "billions", "bn"), 1_000_000_000),
}
# Scale words that may also stand for a number of their own: "тисяча окупантів" (1000);
# the plurals alone ("тисячі окупантів", "thousands of troops") are vague.
_SCALE_ALONE = frozenset(("тисяча", "тисячу", "тысяча", "тысячу", "мільйон", "миллион"))
# Short forms only after digits ("646 тис.", "1,3 млн").
_DIGITS_ONLY_SCALES = frozenset(("тис", "тыс", "млн", "млрд", "mln", "bn"))

# Words that count without giving a number: a problem when they stand before a loss label.
VAGUE_WORDS = frozenset(
    (
        *("десятки", "десятків", "десятками", "десяток", "десятка", "кілька", "кількох"),
        *("декілька", "декількох", "сотні", "сотень", "сотнями", "тисячі", "тисячами"),
        *("багато", "чимало", "безліч", "пару", "пара", "дюжина", "дюжину", "дюжини"),
        *("десятков", "несколько", "нескольких", "сотни", "сотен", "тысячи", "много"),
        *("dozen", "dozens", "several", "few", "hundreds", "thousands", "scores", "many"),
        *("numerous", "couple", "мільйони", "миллионы", "millions", "півтора", "полтора"),
    )
)

_UNITS: dict[str, dict[str, int]] = {"uk": _UK_SMALL, "ru": _RU_SMALL, "en": _EN_SMALL}
_TENS: dict[str, dict[str, int]] = {"uk": _UK_TENS, "ru": _RU_TENS, "en": _EN_TENS}
_HUNDREDS: dict[str, dict[str, int]] = {"uk": _UK_HUNDREDS, "ru": _RU_HUNDREDS, "en": {}}
LANGS = ("uk", "ru", "en")


def _merged(tables: dict[str, dict[str, int]], langs: Sequence[str]) -> dict[str, int]:
    out: dict[str, int] = {}
    for lang in langs:
        out.update(tables[lang])
    return out


@dataclass(frozen=True, slots=True)
class _Lexicon:
    units: dict[str, int]  # 1..19
    tens: dict[str, int]  # 20..90
    hundreds: dict[str, int]  # 100..900 (uk/ru; English says "hundred")
    starts: frozenset[str]  # every word that can begin a number


def _lexicon(langs: Sequence[str]) -> _Lexicon:
    units, tens, hundreds = _merged(_UNITS, langs), _merged(_TENS, langs), _merged(_HUNDREDS, langs)
    return _Lexicon(units, tens, hundreds, frozenset((*units, *tens, *hundreds, *_SCALE_ALONE)))


_LEXICONS = {lang: _lexicon([lang]) for lang in LANGS}
_LEXICONS[None] = _lexicon(LANGS)


_KEYS: dict[str, str] = {}


def word_key(word: str) -> str:
    """A word as the tables spell it: lower case, every apostrophe "'", "ё" as "е"."""
    key = _KEYS.get(word)
    if key is None:
        key = word.lower().replace("’", "'").replace("ʼ", "'").replace("`", "'")
        key = key.replace("ё", "е")
        if len(_KEYS) < 100_000:
            _KEYS[word] = key
    return key


def starts_number(word: str, lang: str | None = None) -> bool:
    """Whether a word (as `word_key` gives it) can begin a number in words."""
    lexicon = _LEXICONS.get(lang, _LEXICONS[None])
    return word in lexicon.starts or ("-" in word and _hyphenated(word, lexicon) is not None)


def is_vague(word: str) -> bool:
    return word in VAGUE_WORDS


def scale_of(word: str, *, after_digits: bool) -> int | None:
    """The multiplier a scale word stands for; the short forms only after digits."""
    if word not in SCALE_WORDS or (not after_digits and word in _DIGITS_ONLY_SCALES):
        return None
    return SCALE_WORDS[word]


def _hyphenated(word: str, lexicon: _Lexicon) -> int | None:
    """ "twenty-seven" (one word with a hyphen) -> 27."""
    if "-" not in word:
        return None
    tens, _, unit = word.partition("-")
    if tens in lexicon.tens and unit in lexicon.units and lexicon.units[unit] < 10:
        return lexicon.tens[tens] + lexicon.units[unit]
    return None


@dataclass(frozen=True, slots=True)
class WordsNumber:
    value: int
    end: int  # index just after the last word used
    rounded: bool  # ends with a scale word ("дві тисячі"): stated rounded


def read_number_words(
    words: Sequence[str], start: int, lang: str | None = None
) -> WordsNumber | None:
    """The number the words from `start` spell ("сто сорок два" -> 142, "дві тисячі" ->
    2000 rounded, "тисяча двісті вісімдесят" -> 1280, "one hundred and forty-two" -> 142),
    or None when `words[start]` does not begin one. Words are `word_key` forms; the number
    ends at the first word that does not continue it ("сорок сто" ends after "сорок")."""
    lexicon = _LEXICONS.get(lang, _LEXICONS[None])
    group, pos = _read_group(words, start, lexicon)
    if pos == start and words[start] not in _SCALE_ALONE:
        return None
    total, rounded, last_scale = 0, False, None
    while pos < len(words):
        scale = scale_of(words[pos], after_digits=False)
        if scale is None or (last_scale is not None and scale >= last_scale):
            break
        if group == 0 and pos != start:
            break  # "сорок тисяч" reads 40 000; "сорок, тисяч" never reaches here
        total += max(group, 1) * scale
        last_scale, pos = scale, pos + 1
        group, after = _read_group(words, pos, lexicon)
        rounded = after == pos  # nothing after the scale word: "дві тисячі"
        pos = after
    total += group
    if total <= 0:
        return None
    return WordsNumber(total, pos, rounded)


def _read_group(words: Sequence[str], start: int, lexicon: _Lexicon) -> tuple[int, int]:
    """Hundreds, tens and units from `start`: (value, index after them); (0, start)
    when none is there."""
    pos, value = start, 0
    last = 1000  # the magnitude of the word read last: each next one must be smaller
    if pos < len(words) and words[pos] in lexicon.hundreds:
        value, last, pos = lexicon.hundreds[words[pos]], 100, pos + 1
    elif pos + 1 < len(words) and words[pos] in lexicon.units and words[pos + 1] == "hundred":
        value, last, pos = lexicon.units[words[pos]] * 100, 100, pos + 2
        if pos + 1 < len(words) and words[pos] == "and" and _continues(words[pos + 1], lexicon):
            pos += 1
    if pos < len(words) and last > 20:
        hyphen = _hyphenated(words[pos], lexicon)
        if hyphen is not None:
            return value + hyphen, pos + 1
        if words[pos] in lexicon.tens:
            value, last, pos = value + lexicon.tens[words[pos]], 20, pos + 1
    if pos < len(words) and words[pos] in lexicon.units:
        unit = lexicon.units[words[pos]]
        if last > 20 or unit < 10:
            value, pos = value + unit, pos + 1
    return value, pos


def _continues(word: str, lexicon: _Lexicon) -> bool:
    return word in lexicon.units or word in lexicon.tens or _hyphenated(word, lexicon) is not None
