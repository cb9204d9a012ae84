"""Property tests of the prose reader: random figures rendered in each prose shape (total
first with the increase in brackets, increase first with the total in brackets, increases
only, totals only), with numbers in words for small ones, digits grouped in every style
and rounded bounds, in Ukrainian, Russian and English, read back exactly: category,
value, kind, bound and rounding (parsers.read_prose), and the Bulletin the text parser
makes of them. The wordings are written here, independently of the parser's tables."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parsers import parse_document, read_prose
from parsers.model import Figure
from parsers.vocabulary import BY_NAME
from tests.support.renderers import TEXT_LABELS

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Categories of today's bulletins (the others depend on the date: see vocabulary.py).
CATEGORIES = [
    "personnel",
    "tanks",
    "armoured_combat_vehicles",
    "artillery_systems",
    "mlrs",
    "air_defense_systems",
    "aircraft",
    "helicopters",
    "uav",
    "cruise_missiles",
    "warships_boats",
    "submarines",
    "vehicles_fuel_tanks",
    "special_equipment",
]

# ---------------------------------------------------------------- numbers in words
EN_UNITS = (
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen"
)
UNITS = {
    "uk": {
        1: ["один", "одна", "одну", "одного"],
        2: ["два", "дві", "двох"],
        3: ["три", "трьох"],
        4: ["чотири", "чотирьох"],
        5: ["п'ять", "п’ять", "п'ятьох"],
        6: ["шість", "шести"],
        7: ["сім", "семи"],
        8: ["вісім", "восьми"],
        9: ["дев'ять", "дев’ять"],
        10: ["десять"],
        11: ["одинадцять"],
        12: ["дванадцять"],
        13: ["тринадцять"],
        14: ["чотирнадцять"],
        15: ["п'ятнадцять"],
        16: ["шістнадцять"],
        17: ["сімнадцять"],
        18: ["вісімнадцять"],
        19: ["дев'ятнадцять", "дев’ятнадцяти"],
    },
    "ru": {
        1: ["один", "одна", "одну"],
        2: ["два", "две", "двух"],
        3: ["три", "трех", "трёх"],
        4: ["четыре"],
        5: ["пять", "пяти"],
        6: ["шесть"],
        7: ["семь"],
        8: ["восемь"],
        9: ["девять"],
        10: ["десять"],
        11: ["одиннадцать"],
        12: ["двенадцать"],
        13: ["тринадцать"],
        14: ["четырнадцать"],
        15: ["пятнадцать"],
        16: ["шестнадцать"],
        17: ["семнадцать"],
        18: ["восемнадцать"],
        19: ["девятнадцать"],
    },
    "en": {n + 1: [word] for n, word in enumerate(EN_UNITS.split())},
}
TENS = {
    "uk": "двадцять тридцять сорок п'ятдесят шістдесят сімдесят вісімдесят дев'яносто",
    "ru": "двадцать тридцать сорок пятьдесят шестьдесят семьдесят восемьдесят девяносто",
    "en": "twenty thirty forty fifty sixty seventy eighty ninety",
}
HUNDREDS = {
    "uk": "сто двісті триста чотириста п'ятсот шістсот сімсот вісімсот дев'ятсот",
    "ru": "сто двести триста четыреста пятьсот шестьсот семьсот восемьсот девятьсот",
}


def in_words(n: int, lang: str, draw) -> str:
    """1..999 in words: "сто сорок два", "двадцять сім", "one hundred and forty-two"."""
    words: list[str] = []
    hundreds, rest = divmod(n, 100)
    if hundreds:
        if lang == "en":
            words += [UNITS["en"][hundreds][0], "hundred"]
            if rest:
                words.append("and")
        else:
            words.append(HUNDREDS[lang].split()[hundreds - 1])
    tens, unit = divmod(rest, 10)
    if rest >= 20:
        ten = TENS[lang].split()[tens - 2]
        if unit and lang == "en" and draw(st.booleans()):
            return " ".join([*words, f"{ten}-{UNITS['en'][unit][0]}"])
        words.append(ten)
        if unit:
            words.append(draw(st.sampled_from(UNITS[lang][unit])))
    elif rest:
        words.append(draw(st.sampled_from(UNITS[lang][rest])))
    return " ".join(words)


SEPARATORS = {"space": " ", "nbsp": "\u00a0", "narrow": "\u202f", "comma": ",", "dot": "."}


def number(n: int, lang: str, draw, *, words_allowed: bool = True) -> str:
    """`n` in digits grouped one of the ways the press groups them, or in words."""
    if words_allowed and 1 <= n <= 999 and draw(st.integers(0, 3)) == 0:
        return in_words(n, lang, draw)
    style = draw(st.sampled_from(["plain", *SEPARATORS]))
    if style == "plain" or n < 1000:
        return str(n)
    return f"{n:,}".replace(",", SEPARATORS[style])


# ---------------------------------------------------------------- figures and wording
@st.composite
def figures(draw) -> list[tuple[str, int, int]]:
    """(category, total, increase) for a few categories, the increase within what one
    day can hold and never above the total."""
    names = draw(st.lists(st.sampled_from(CATEGORIES), min_size=1, max_size=5, unique=True))
    out = []
    for name in names:
        high = 1_500_000 if name == "personnel" else 150_000
        total = draw(st.integers(1, high) | st.integers(1, 999))
        increase = draw(st.integers(0, min(total, BY_NAME[name].daily_bound)))
        out.append((name, total, increase))
    return out


def label(name: str, lang: str, draw) -> str:
    return draw(st.sampled_from(TEXT_LABELS[lang][name]))


JOIN = {"uk": [" і ", " та ", ", "], "ru": [" и ", ", "], "en": [" and ", ", ", ", and "]}
ABOUT = {"uk": ["приблизно ", "близько "], "ru": ["около ", "примерно "], "en": ["about "]}
INCREASE_WORDS = {
    "uk": ["", " за добу", " за минулу добу", " протягом минулої доби"],
    "ru": ["", " за сутки", " за прошедшие сутки"],
    "en": ["", " over the past day", " in the past day", " per day"],
}
TOTAL_LEADS = {
    "uk": ["З початку повномасштабного вторгнення ворог втратив ", "Загалом ворог втратив "],
    "ru": ["С начала полномасштабного вторжения враг потерял ", "Всего враг потерял "],
    "en": [
        "Since the start of the full-scale invasion, Russia has lost ",
        "In total, Russia lost ",
    ],
}
INCREASE_LEADS = {
    "uk": ["За минулу добу ворог втратив ще ", "Протягом минулої доби ворог втратив "],
    "ru": ["За прошедшие сутки враг потерял еще ", "За сутки враг потерял "],
    "en": ["Over the past 24 hours Russia lost ", "In the past day, Russia lost another "],
}
PLAIN_LEADS = {"uk": "Ворог втратив ", "ru": "Враг потерял ", "en": "Russia lost "}


def joined(items: list[str], lang: str, draw) -> str:
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + draw(st.sampled_from(JOIN[lang])) + items[-1]


def qualifier(name: str, lang: str, draw) -> tuple[str, str | None]:
    if name == "personnel" and draw(st.booleans()):
        return draw(st.sampled_from(ABOUT[lang])), "about"
    return "", None


# ---------------------------------------------------------------- the shapes
@st.composite
def total_first(draw):
    """ "приблизно 946 500 військових (+1170 протягом минулої доби), 10 703 танки (+9)"."""
    lang = draw(st.sampled_from(["uk", "ru", "en"]))
    items, expected = [], []
    for name, total, increase in draw(figures()):
        words, bound = qualifier(name, lang, draw)
        signed = increase >= total or draw(st.booleans())  # unsigned only when smaller
        inner = (
            f"+{number(increase, lang, draw, words_allowed=False)}"
            if signed
            else (number(increase, lang, draw, words_allowed=False))
        )
        inner += draw(st.sampled_from(INCREASE_WORDS[lang])) if signed else ""
        items.append(f"{words}{number(total, lang, draw)} {label(name, lang, draw)} ({inner})")
        expected += [(name, total, "total", bound, False)]
        expected += [(name, increase, "increase", None, False)]
    lead = draw(st.sampled_from([PLAIN_LEADS[lang], *TOTAL_LEADS[lang]]))
    return lead + joined(items, lang, draw) + ".", expected


@st.composite
def increase_first(draw):
    """ "2 танки (загалом 11 261), 9 бойових броньованих машин (23 384)"."""
    lang = draw(st.sampled_from(["uk", "ru", "en"]))
    worded = {"uk": "загалом ", "ru": "всего ", "en": "total "}[lang]
    items, expected = [], []
    for name, total, increase in draw(figures()):
        said = total <= increase or draw(st.booleans())  # by its size only when larger
        digits = number(total, lang, draw, words_allowed=False)
        if not said:
            inner = digits
        elif lang == "en" and draw(st.booleans()):
            inner = f"{digits} in total"
        else:
            inner = worded + digits
        items.append(f"{number(increase, lang, draw)} {label(name, lang, draw)} ({inner})")
        expected += [(name, increase, "increase", None, False), (name, total, "total", None, False)]
    lead = draw(st.sampled_from([PLAIN_LEADS[lang], *INCREASE_LEADS[lang]]))
    return lead + joined(items, lang, draw) + ".", expected


@st.composite
def increases_only(draw):
    """ "За минулу добу ворог втратив ще 1 280 військових, два танки…"."""
    lang = draw(st.sampled_from(["uk", "ru", "en"]))
    items, expected = [], []
    for name, _total, increase in draw(figures()):
        items.append(f"{number(increase, lang, draw)} {label(name, lang, draw)}")
        expected.append((name, increase, "increase", None, False))
    return draw(st.sampled_from(INCREASE_LEADS[lang])) + joined(items, lang, draw) + ".", expected


@st.composite
def totals_only(draw):
    """ "Since the start of the full-scale invasion … 1,020,010 troops"."""
    lang = draw(st.sampled_from(["uk", "ru", "en"]))
    items, expected = [], []
    for name, total, _increase in draw(figures()):
        words, bound = qualifier(name, lang, draw)
        items.append(f"{words}{number(total, lang, draw)} {label(name, lang, draw)}")
        expected.append((name, total, "total", bound, False))
    return draw(st.sampled_from(TOTAL_LEADS[lang])) + joined(items, lang, draw) + ".", expected


BOUND_WORDS = {
    "uk": {"over": ["понад", "більше ніж"], "almost": ["майже"], "about": ["близько"]},
    "ru": {"over": ["более", "свыше"], "almost": ["почти"], "about": ["около"]},
    "en": {"over": ["over", "more than"], "almost": ["almost", "nearly"], "about": ["about"]},
}
SCALES = {
    "uk": {1000: ["тисяч", "тисячі", "тис."], 1_000_000: ["мільйона", "млн"]},
    "ru": {1000: ["тысяч", "тысячи", "тыс."], 1_000_000: ["миллиона", "млн"]},
    "en": {1000: ["thousand"], 1_000_000: ["million"]},
}


@st.composite
def rounded(draw):
    """ "майже 982 тисячі військових", "over 1.3 million troops"."""
    lang = draw(st.sampled_from(["uk", "ru", "en"]))
    name = draw(st.sampled_from(CATEGORIES))
    bound = draw(st.sampled_from(["over", "almost", "about"]))
    scale = draw(st.sampled_from([1000, 1_000_000] if name == "personnel" else [1000]))
    if scale == 1_000_000:
        whole, tenth = draw(st.integers(1, 2)), draw(st.integers(1, 9))
        mark = "." if lang == "en" else ","
        digits, value = f"{whole}{mark}{tenth}", whole * 1_000_000 + tenth * 100_000
    else:
        whole = draw(st.integers(2, 999))
        digits, value = str(whole), whole * 1000
    words = draw(st.sampled_from(BOUND_WORDS[lang][bound]))
    scale_word = draw(st.sampled_from(SCALES[lang][scale]))
    lead = draw(st.sampled_from(TOTAL_LEADS[lang]))
    text = f"{lead}{words} {digits} {scale_word} {label(name, lang, draw)}."
    return text, [(name, value, "total", bound, True)]


def read_back(text: str) -> list[tuple]:
    reading = read_prose(text)
    assert reading.problems == (), reading.problems
    return [(f.category, f.value, f.kind, f.bound, f.rounded) for f in reading.figures]


def loaded(expected: list[tuple]) -> dict[str, Figure]:
    """The Bulletin the text parser must make: each total with its increase."""
    totals = {c: (v, b) for c, v, k, b, _ in expected if k == "total"}
    increases = {c: v for c, v, k, _, _ in expected if k == "increase"}
    return {
        name: Figure(value, increases.get(name), "about" if name == "personnel" else bound)
        for name, (value, bound) in totals.items()
    }


@SETTINGS
@given(case=total_first())
def test_total_first_with_the_increase_in_brackets(case):
    text, expected = case
    assert read_back(text) == expected
    (bulletin,) = parse_document(text, format="text")
    assert (dict(bulletin.figures), bulletin.errors) == (loaded(expected), ())


@SETTINGS
@given(case=increase_first())
def test_increase_first_with_the_total_in_brackets(case):
    text, expected = case
    assert read_back(text) == expected
    (bulletin,) = parse_document(text, format="text")
    assert (dict(bulletin.figures), bulletin.errors) == (loaded(expected), ())


@SETTINGS
@given(case=increases_only())
def test_increases_only(case):
    text, expected = case
    assert read_back(text) == expected
    (bulletin,) = parse_document(text, format="text")
    assert dict(bulletin.figures) == {}
    assert bulletin.errors[-1].startswith("the text states only the increase, no total to load")


@SETTINGS
@given(case=totals_only())
def test_totals_only(case):
    text, expected = case
    assert read_back(text) == expected
    (bulletin,) = parse_document(text, format="text")
    assert (dict(bulletin.figures), bulletin.errors) == (loaded(expected), ())


@SETTINGS
@given(case=rounded())
def test_rounded_bounds(case):
    text, expected = case
    assert read_back(text) == expected
