"""The figures a press item states in prose (Ukrainian, English, Russian), each with the
sentence or list line it came from.

    reading = read_prose("За минулу добу ворог втратив 2 танки (загалом 11 261) ...")
    reading.figures   # StatedFigure(category="tanks", value=2, kind="increase", ...), ...
    reading.problems  # each sentence nothing was read from, and why

What is read, in any of the three languages:
- "N label (bracket)": the total first with the increase in brackets ("10 703 танки (+9)",
  "приблизно 946 500 військових (+1170 протягом минулої доби)") or the increase first with
  the total in brackets ("2 танки (загалом 11 261)", "9 бойових броньованих машин (23
  384)"). A bracket says which it holds by its sign ("+9"), by a word ("загалом",
  "total", "за добу") or, with neither, by its size: the total is never smaller than the
  increase it includes (the brackets of one list must all read the same way, or none is
  read). "label — N (+M)" list items are the bulletin's own shape: total, then increase.
- "N label" without brackets, its kind said by the words of its clause or sentence
  ("втратила ще 1 280 військових, два танки…", "over the past 24 hours Russia lost 1,330
  soldiers", "since the start of the full-scale invasion … 1,020,010 troops"); a figure
  whose kind the text does not say is returned with kind None. A lead ending with ":"
  says it for the list lines below it.
- Numbers in digits with any grouping ("1,020,010", "1 020 010", "1.099.530", no-break
  spaces), in words (parsers/number_words.py), rounded with a scale word ("майже 982
  тисячі", "over 1.3 million": rounded, with their bound) and bounds ("понад", "exceeds",
  "близько"). Words that count without a number ("десятки", "a dozen", "кілька") and a
  decimal without a scale word ("1.3 танків") are problems, never figures.
- Elliptical lists ("232 одиниці автомобільної і дві — спеціальної техніки": the first
  item borrows "техніки"), numbers that take the category of the figure before them
  ("1,270 troops on Sunday and another 1,290 on Monday", "…, з них 1 120 — за минулу
  добу"), typos of known labels (parsers.vocabulary.classify_with_typo) and outlets' own
  labels (all wording lives in parsers/vocabulary.py), and a label before the number in
  words naming a count of it ("Sunday's death toll of 1,270", "the total number of Russian
  troops killed ... now exceeds 500,000", "Casualty numbers have exceeded 1,000 per day").

What is never read (each is a problem quoting its sentence, unless it is plainly no
figure at all: a date, a year, "24 hours", "18 months", "two deadliest days", a
percentage): a number run into another ("2 танки 11 261"), a bracket without a label
("9 (23 384)"), two numbers for one label ("2 і 11 261 танків"), words naming two
categories ("3 військових літаки"), a clause that says both the total and the day's
increase, or a period ("за тиждень"); an increase above its category's daily bound
(parsers.vocabulary) when only the wording made it an increase; and figures that
disagree: every statement of one category and kind in a text (the list, the headline,
the lead restating it) must agree, a rounded or bounded one with its bound ("over 1.3
million" with 1 311 180), or none of them is read - but for increases each tied to a
day of its own ("1,270 troops on Sunday and another 1,290 on Monday", "Sunday's toll of
1,270 ... a day later with 1,290"): each is read (parse_text loads none of them).

Pure functions, no I/O. `read_prose` takes no date: "автомобільна техніка" alone (a
category that depends on the date, see parsers.vocabulary.resolve_vehicles) is read only
when the text itself states a date with its year; `read_dated_prose` takes the date a
caller knows.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Literal

from parsers.dates import _MONTHS, prose_date
from parsers.number_words import (
    is_vague,
    read_number_words,
    scale_of,
    starts_number,
    word_key,
)
from parsers.numbers import NumberError, is_decimal, normalize_in_place, read_number, read_scaled
from parsers.vocabulary import (
    BY_NAME,
    NOT_A_FIGURE,
    PEOPLE_UNITS,
    VEHICLES_ALONE,
    classify_label,
    classify_with_typo,
    resolve_vehicles,
)

Kind = Literal["total", "increase"]
Bound = Literal["over", "under", "about", "almost"]


@dataclass(frozen=True)
class StatedFigure:
    category: str  # a name from parsers.vocabulary (CATEGORY_NAMES), e.g. "personnel", "tanks"
    value: int
    kind: Literal["total", "increase"] | None  # None: the text does not say which
    bound: Literal["over", "under", "about", "almost"] | None  # None: exact
    rounded: bool  # stated rounded ("982 тисячі", "1.3 million"): not an exact bulletin figure
    quote: str  # the whole sentence or list line it came from, as written
    span: tuple[int, int]  # offsets of the figure's words (number + label) in the text given


@dataclass(frozen=True)
class ProseReading:
    figures: tuple[StatedFigure, ...]  # in text order
    problems: tuple[str, ...]  # each quotes the sentence and says why nothing was read from it


def read_prose(text: str, lang: str | None = None) -> ProseReading:
    """Every loss figure `text` states, in text order, and the problems (see the module
    docstring). `lang` ("uk", "ru", "en") limits the numbers in words to that language;
    None reads all three."""
    return read_dated_prose(text, lang)


def read_dated_prose(
    text: str, lang: str | None = None, date: dt.date | None = None
) -> ProseReading:
    """read_prose, with the report date a caller knows (it decides what "автомобільна
    техніка" alone means; the text's own dated "станом на"/title date wins)."""
    return _Reader(text, lang, date).read()


# ------------------------------------------------------------------ wording of prose
def _words(*alternatives: str) -> str:
    return "|".join(alternatives)


_WB = r"(?<![^\W_])"  # a word starts here (no letter or digit before)
_WE = r"(?![^\W_])"  # a word ends here
_DAYS_UK = "понеділок|вівторок|середу|четвер|п'ятницю|суботу|неділю"
_DAYS_RU = "понедельник|вторник|среду|четверг|пятницу|субботу|воскресенье"
_DAYS_EN = "monday|tuesday|wednesday|thursday|friday|saturday|sunday"
_MONTHS_IN_UK = (
    "січні|лютому|березні|квітні|травні|червні|липні|серпні|вересні|жовтні|листопаді|грудні"
)
_MONTHS_IN_RU = "январе|феврале|марте|апреле|мае|июне|июле|августе|сентябре|октябре|ноябре|декабре"
_MONTHS_EN = "january|february|march|april|may|june|july|august|september|october|november|december"
_MONTHS_NOM_UK = (
    "січень|лютий|березень|квітень|травень|червень|липень|серпень|вересень|жовтень|листопад|грудень"
)
_WAR_UK = r"(?:повномасштабн\w+ |великої |російськ\w+ )*(?:вторгнення|війни|агресії)"
_WAR_RU = r"(?:полномасштабн\w+ |российск\w+ )*(?:вторжения|войны|агрессии)"
_WAR_EN = (
    r"(?:the |its |russia's |moscow's |a )?(?:full[- ]scale )?(?:russian )?"
    r"(?:invasion|war|conflict|aggression)"
)

_CUES: tuple[tuple[str, bool, str], ...] = (
    # (kind, strong, pattern); weak cues count only where no strong one is
    (
        "total",
        True,
        _words(
            r"загалом",
            r"(?:всього|усього)",
            r"(?:в|у) цілому",
            r"загальн\w* (?:\w+ )?(?:втрат\w*|кількіст\w*|число|сум\w*)",
            rf"(?:з|із|від) (?:самого )?початку {_WAR_UK}",
            r"(?:з|із|від) 24(?:\.02| лютого)",
            r"(?:з|із|від) лютого 2022",
            r"за (?:весь|увесь) (?:час|період)(?: війни| вторгнення)?",
            r"всего",
            r"в целом",
            r"итого",
            r"общ\w+ (?:\w+ )?(?:потер\w*|количеств\w*|число)",
            rf"(?:с|со) (?:самого )?начала {_WAR_RU}",
            r"(?:с|со) 24(?:\.02| февраля)",
            r"с февраля 2022",
            r"за (?:все|всё) время",
            r"(?:in )?total(?:l?ed|l?ing|s)?",
            r"overall",
            r"altogether",
            r"cumulative",
            r"so far",
            r"to date",
            rf"since (?:the )?(?:very )?(?:start|beginning|onset|outset) of {_WAR_EN}",
            r"since (?:russia's |moscow's |the )?(?:full[- ]scale )?(?:russian )?invasion",
            r"since (?:feb(?:ruary)?\.? 24(?:th)?|24(?:th)? (?:of )?feb(?:ruary)?)",
            r"since (?:february )?2022",
            r"now (?:exceeds?|stands? at|totals?|amounts? to)",
            r"bringing (?:the|its|russia's|their) (?:total|tally|losses)",
        ),
    ),
    ("total", False, _words(r"станом на", r"по состоянию на", r"as of", r"as at")),
    (
        "increase",
        True,
        _words(
            r"за (?:минулу |попередню |останню |цю |одну |прошлу )?добу",
            r"(?:протягом|упродовж|впродовж|за) (?:минулої |останньої |попередньої )?доби",
            r"минулої доби",
            r"за (?:минулий |останній |попередній |один )?день",
            r"за (?:останні )?24 години",
            r"вчора",
            r"щодоби",
            rf"(?:у|в) (?:{_DAYS_UK})",
            r"за (?:прошедшие |минувшие |последние |истекшие |одни )?сутки",
            r"за (?:прошедший |минувший |последний |один )?день",
            r"за (?:последние )?24 часа",
            r"вчера",
            rf"(?:в|во) (?:{_DAYS_RU})",
            r"(?:over|in|during|within|for) the (?:past|last|previous|preceding) "
            r"(?:24 hours|twenty-four hours|day)",
            r"(?:in|over|within) (?:a|one) (?:single )?day",
            r"per day",
            r"a day",
            r"daily",
            r"yesterday",
            rf"on (?:{_DAYS_EN})",
            r"single[- ]day",
            r"the day before",
        ),
    ),
    (
        "period",
        True,
        _words(
            r"за (?:минулий |останній |цей |поточний )?(?:тиждень|місяць|рік)",
            r"за (?:останні |минулі )?(?:\d+|\w+) (?:днів|дні|тижні|тижнів|місяці|місяців)",
            rf"за (?:{_MONTHS_NOM_UK})",
            r"(?:з|від) початку (?:року|місяця|тижня|20\d\d|\w+ня)",
            rf"(?:у|в) (?:{_MONTHS_IN_UK})",
            r"за (?:прошедшую |последнюю |эту )?неделю",
            r"за (?:прошедший |последний |этот )?месяц",
            r"за (?:этот |прошлый )?год",
            r"с начала (?:года|месяца|недели)",
            rf"(?:в|во) (?:{_MONTHS_IN_RU})",
            r"(?:this|last|past|previous) (?:week|month|year)",
            r"(?:over|in|during) the (?:past|last|previous) (?:week|month|year|weekend|few days|"
            r"(?:\d+|\w+) (?:days|weeks|months))",
            rf"since the (?:start|beginning) of (?:the )?(?:year|month|week|20\d\d|{_MONTHS_EN})",
            rf"in (?:{_MONTHS_EN}|20\d\d)",
            r"weekly",
            r"monthly",
        ),
    ),
)
_CUE_RE = re.compile(  # tried at the start of words only
    rf"{_WB}(?=[^\W\d_])(?:"
    + "|".join(f"(?P<c{i}>{pattern})" for i, (_kind, _strong, pattern) in enumerate(_CUES))
    + rf"){_WE}",
    re.IGNORECASE,
)
# The same on lower-cased text (the usual case: lower() keeps every offset), 2.5x faster.
_CUE_LOWER_RE = re.compile(_CUE_RE.pattern)
_CUE_OF_GROUP = {f"c{i}": (kind, strong) for i, (kind, strong, _pattern) in enumerate(_CUES)}
# "втратила ще 1 280", "another 1,290", "1,330 more": the day's increase, said next to
# the number only ("says another source" says nothing of it).
_NEXT_TO_NUMBER_BEFORE = frozenset(("ще", "іще", "еще", "another"))
_NEXT_TO_NUMBER_AFTER = frozenset(("more",))
# Words a figure's bracket may hold besides its cue: "(+7 одиниць за минулу добу)".
_BRACKET_WORDS = frozenset(
    (
        *("од", "одиниць", "одиниці", "одиниця", "шт", "осіб", "особи", "ос", "чол", "людей"),
        *("ед", "единиц", "единицы", "человек", "чел", "persons", "people", "units", "unit"),
        *("pcs", "ліквідовано", "знищено", "уничтожено", "ликвидировано", "destroyed"),
        *("eliminated", "killed", "понад", "близько", "приблизно", "майже", "около", "более"),
        *("почти", "over", "about", "almost", "nearly", "approximately", "more", "than", "ще"),
        *("еще", "another", "up", "from", "з", "до", "to", "на", "by"),
    )
)
# Within brackets: "(+1170 протягом минулої доби)", "(загалом 11 261)", "(total 11,261)".
_BRACKET_TOTAL_RE = re.compile(
    rf"{_WB}(?:загалом|всього|усього|в цілому|у цілому|всего|в целом|итого|in total|total|"
    rf"overall|altogether|cumulative|since|з початку|с начала){_WE}",
    re.IGNORECASE,
)
_BRACKET_INCREASE_RE = re.compile(
    rf"{_WB}(?:за (?:\w+ )?добу|(?:протягом|упродовж|впродовж) (?:\w+ )?доби|за (?:\w+ )?сутки|"
    rf"per day|a day|daily|(?:over|in|during) the (?:past|last|previous) (?:24 hours|day)|"
    rf"за (?:\w+ )?день|yesterday|вчора|вчера){_WE}",
    re.IGNORECASE,
)

# A sentence about losses (else its numbers are some other count: "Україна отримала…"):
# a word that starts with one of these (by its first three letters, for speed) or is one.
_ENEMY_STEMS = (
    *("ворог", "противник", "окупант", "загарбник", "росі", "російськ", "враг", "оккупант"),
    *("росси", "российск", "enemy", "occupier", "invader", "russia"),
)
_LOSS_STEMS = (
    *_ENEMY_STEMS,
    *("втрат", "знищ", "ліквід", "уражен", "збит", "потер", "уничтож", "ликвид", "destroy"),
    *("eliminat", "casualt", "вторгн", "вторжен"),
)
_LOSS_WORDS = frozenset(
    ("рф", "lost", "lose", "loses", "losing", "loss", "losses", "killed", "downed", "invasion")
)


def _by_prefix(stems: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    out: dict[str, tuple[str, ...]] = {}
    for stem in stems:
        out[stem[:3]] = (*out.get(stem[:3], ()), stem)
    return out


_LOSS_PREFIXES = _by_prefix(_LOSS_STEMS)
_ENEMY_PREFIXES = _by_prefix(_ENEMY_STEMS)


def _names(tokens: list[_Tok], prefixes: dict[str, tuple[str, ...]], words=frozenset()) -> bool:
    for tok in tokens:
        if tok.kind != "word":
            continue
        key = tok.key
        if key in words:
            return True
        stems = prefixes.get(key[:3])
        if stems and any(key.startswith(stem) for stem in stems):
            return True
    return False


# Bounds before a number, longest first; "exceeds 500,000" is a bound, not the figure.
_BOUND_PHRASES: dict[tuple[str, ...], Bound] = {}
for _bound, _phrases in {
    "over": (
        "понад|більше ніж|більш ніж|більше як|більш як|більше за|більше|щонайменше|"
        "не менше ніж|не менше як|не менше|свыше|более чем|более|больше чем|больше|"
        "не менее чем|не менее|по меньшей мере|по крайней мере|over|more than|at least|"
        "in excess of|exceed|exceeds|exceeded|exceeding|surpass|surpassed|surpasses|surpassing|"
        "topped|tops|"
        "перевищили|перевищила|перевищило|перевищив|перевищує|перевищують|перевалили|"
        "перевалило|превысили|превысило|превысил|превышает|превышают|>"
    ),
    "under": (
        "менше ніж|менш ніж|менше як|менше|менш|менее чем|менее|меньше чем|меньше|"
        "less than|fewer than|under|below|up to|<"
    ),
    "about": (
        "близько|приблизно|орієнтовно|біля|около|примерно|порядка|ориентировочно|about|"
        "approximately|approx|around|roughly|some|circa|an estimated|estimated|~|≈"
    ),
    "almost": "майже|ледь не|почти|без малого|almost|nearly|close to|just under",
}.items():
    for _phrase in _phrases.split("|"):
        _BOUND_PHRASES[tuple(_phrase.split())] = _bound  # type: ignore[assignment]
_BOUND_LONGEST = max(len(p) for p in _BOUND_PHRASES)
_BOUND_LAST_WORDS = frozenset(p[-1] for p in _BOUND_PHRASES)

# Words that join the items of a list, or stand in it without changing a figure.
_JOINERS = frozenset(
    (
        *("і", "й", "та", "а", "також", "а також", "и", "також", "также", "and", "or", "plus"),
        *("або", "чи", "или", "alongside", "as", "well", "along", "with", "з", "із", "of"),
        *("ще", "іще", "еще", "ещё", "another", "more", "also", "знищено", "ліквідовано"),
        *("уражено", "збито", "уничтожено", "ликвидировано", "сбито", "destroyed", "eliminated"),
        *("killed", "downed", "вже", "уже", "already", "лише", "тільки", "only", "just", "ну"),
        *("одиниць", "одиниці", "одиниця", "units", "unit", "pieces", "од", "шт", "ед"),
        *("единиц", "осіб", "persons", "people", "людей", "человек", "the"),
    )
)
# Between a figure and a number that takes its category: "…troops on Sunday and another
# 1,290", "…військових, з них 1 120", "…, bringing the total to 1,020,010".
_BORROW_GAP = _JOINERS | frozenset(
    (
        *("них", "them", "which", "whom", "including", "included", "зокрема", "в"),
        *("у", "тому", "числі", "том", "числе", "из", "bringing", "brought", "to", "до"),
        *("загалом", "всього", "усього", "всего", "цілому", "overall", "in", "total", "now"),
        *("its", "their", "russia's", "tally", "number"),
    )
)
# ...of which one must be there: a bare "and 1,270" may belong to any figure before it.
_BORROW_INTRO = frozenset(
    (
        *("ще", "іще", "еще", "another", "них", "them", "which", "including", "зокрема"),
        *("числі", "числе", "bringing", "brought", "загалом", "total", "всього", "усього"),
        *("всего", "overall"),
    )
)
# A number whose label comes before it, in words that name a count of the category:
# "Sunday's death toll of 1,270", "the total number of Russian troops killed ... now
# exceeds 500,000", "Casualty numbers have reportedly exceeded 1,000 per day".
_COUNT_NOUNS = frozenset(("number", "numbers", "toll", "tally", "count", "figure", "figures"))
_PERSONNEL_COUNTS = frozenset(("death", "casualty", "casualties"))  # "death toll"
_COUNT_GAP = 16  # words at most between the count's words and its number
# Words naming the day of a figure ("on Sunday", "Sunday's", "a day later", "2 June"):
# increases of one category tied to different days are no conflict.
_WEEKDAY_FORMS = (
    r"monday|понеділ(?:ок|ка|ку)|понедельник(?:а|у)?",
    r"tuesday|вівтор(?:ок|ка|ку)|вторник(?:а|у)?",
    r"wednesday|серед(?:а|у|и)|сред(?:а|у|ы)",
    r"thursday|четвер(?:га|гу)?|четверг(?:а|у)?",
    r"friday|п'?ятниц(?:я|ю|і)|пятниц(?:а|у|ы)",
    r"saturday|субот(?:а|у|и)|суббот(?:а|у|ы)",
    r"sunday|неділ(?:я|ю|і)|воскресень(?:е|я)",
)
_DAY_PHRASE_RE = re.compile(
    rf"{_WB}(?:"
    + "|".join(f"(?P<w{n}>{forms})" for n, forms in enumerate(_WEEKDAY_FORMS))
    + r"|yesterday|вчора|вчера|позавчора|позавчера"
    r"|(?:a|one) day later|the (?:next|following|previous) day|the day (?:before|after)"
    r"|наступного дня|напередодні|на наступний день|на следующий день|накануне"
    rf"|[0-9]{{1,2}}(?:st|nd|rd|th)? (?:of )?[^\W\d_]{{3,}}|[^\W\d_]{{3,}} [0-9]{{1,2}}"
    rf"(?:st|nd|rd|th)?(?![0-9])){_WE}",
    re.IGNORECASE,
)
_BULLET_RE = re.compile(r"^\s*(?:[-–—•▪·*✅➖➡►○●◦]|[0-9]{1,2}[.)](?= )|[0-9]\ufe0f?\u20e3)")
_ABBREVIATIONS = frozenset(
    (
        *("тис", "тыс", "млн", "млрд", "feb", "jan", "mar", "apr", "jun", "jul", "aug", "sep"),
        *("sept", "oct", "nov", "dec", "st", "р", "рр", "ст", "м", "ім", "ген", "mr", "ms"),
        *("dr", "no", "vs", "спец", "од", "ед", "шт", "т", "п", "ін", "др", "прим", "gen"),
    )
)
_INVISIBLE_RE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_TOKEN_RE = re.compile(  # possessive: a word is never re-tried letter by letter
    r"(?P<model>[^\W\d_]++[-‐‑]?[0-9][\w-]*|[0-9]++[-‐‑]?[^\W\d_\s][\w-]*)"
    r"|(?P<num>[0-9]+(?:[ ,.'][0-9]+)*)"
    r"|(?P<word>[^\W\d_]+(?:['‐‑-][^\W\d_]+)*)"
    r"|(?P<dash>[-‐‑‒–—―−⸺⸻])"
    r"|(?P<sym>\S)"
)
# Numbers that are dates, times, years, percentages or serial numbers: never figures.
_NOT_FIGURES_RE = re.compile(
    r"(?=[0-9№#])(?:"
    r"(?<![0-9])[0-9]{1,2}\.[0-9]{1,2}\.(?:[0-9]{4}|[0-9]{2})(?![0-9])"
    r"|(?<![0-9])[0-9]{4}-[0-9]{2}-[0-9]{2}(?![0-9])"
    r"|(?<![0-9])[0-9]{1,2}:[0-9]{2}(?![0-9])"
    r"|[0-9]+(?:[.,][0-9]+)?\s*(?:%|відсот\w*|процент\w*|percent|per cent|pct)"
    r"|№\s*[0-9]+|#[0-9]+"
    r"|(?<![0-9])(?:19|20)[0-9]{2}\s*[-–—]\s*(?:19|20)?[0-9]{2}(?![0-9])"
    r"|(?<![0-9 ,.])(?:19|20)[0-9]{2}(?=\s*(?:року|році|рік|роки|років|рр?\.|года|году|год|"
    r"гг?\.|year|years|р(?![^\W_]))))",
    re.IGNORECASE,
)
# "24 лютого 2022", "May 10", "Feb. 24, 2022": a word checked against the month names.
_DAY_MONTH_RE = re.compile(
    r"(?<![0-9.,])[0-9]{1,2}(?:-?(?:го|е|й|th|st|nd|rd))?\s+([^\W\d_]{3,})(?![^\W_])\.?"
    r"(?:,?\s+[0-9]{4}(?![0-9]))?"
)
_MONTH_DAY_RE = re.compile(
    r"(?<![^\W_])([^\W\d_]{3,9})\.?\s+[0-9]{1,2}(?:st|nd|rd|th)?(?![0-9])"
    r"(?:,?\s+[0-9]{4}(?![0-9]))?"
)
_YEAR_RE = re.compile(r"(?<![0-9])(?:19|20)[0-9]{2}(?![0-9]|[ ,.][0-9])")
# "in 2024", "з 2014 року", "since 2022": a year, after a word that says so.
_YEAR_AFTER_WORD_RE = re.compile(
    r"(?<![^\W_])(?:in|since|by|of|from|until|till|to|before|after|у|в|з|із|від|до|по|с|со|"
    r"от|на|після|перед)\s+$",
    re.IGNORECASE,
)


# A label that names a count of no category ("200 полоненими"): no figure, no problem.
_NO_CATEGORY = "a count of no category"


# ------------------------------------------------------------------ working records
@dataclass(slots=True, eq=False)
class _Tok:
    kind: str  # "num", "word", "model", "dash", "sym", "masked"
    start: int
    end: int
    key: str  # word_key of a word; the character of a symbol ("—" for any dash)
    counts: bool = False  # a word that begins a number in words, or a vague count


@dataclass(slots=True, eq=False)
class _Expr:
    """A number in a sentence: digits, words, or words that count without one."""

    i: int  # first token
    j: int  # the token after it
    start: int
    end: int
    value: int | None
    rounded: bool = False
    unit: int = 1  # what the last stated digit counts ("1.3 million": 100 000)
    problem: str | None = None
    vague: bool = False
    bound: Bound | None = None
    bound_i: int = -1  # first token of the bound words (i when none)
    sign: str = ""
    bracket: _Bracket | None = None  # the bracket it stands in


@dataclass(slots=True, eq=False)
class _Bracket:
    open_i: int
    close_i: int
    exprs: list[_Expr] = field(default_factory=list)
    cue: str | None = None  # "total" or "increase", said by words inside
    both_cues: bool = False
    other_words: bool = False  # words that are no cue, unit or bound: not a figure's


@dataclass(slots=True, eq=False)
class _Fig:
    expr: _Expr
    category: str  # a canonical name or VEHICLES_ALONE
    shape: str  # "label-first", "number-first", "borrowed"
    span: tuple[int, int]  # normalized offsets of number + label
    end_i: int  # the token after the figure (label, bracket)
    unit: _Unit
    segment: int = 0
    bracket: _Bracket | None = None  # its bracket partner
    kind: str | None = None
    bracket_kind: str | None = None
    from_cue: bool = False
    magnitude_pair: bool = False
    orientation: str | None = None  # "total-first", "increase-first", "either"
    dropped: bool = False
    own_kind: str | None = None  # said by its own words ("Sunday's death toll of")


@dataclass(slots=True, eq=False)
class _Unit:
    """A sentence, or a list line."""

    start: int
    end: int
    line: int
    block: int
    whole_line: bool
    bulleted: bool
    tokens: list[_Tok] = field(default_factory=list)
    exprs: list[_Expr] = field(default_factory=list)
    figs: list[_Fig] = field(default_factory=list)
    cues: list[tuple[int, str, bool]] = field(default_factory=list)  # (segment, kind, strong)
    segments: list[int] = field(default_factory=list)  # per token
    context: bool = False
    lead: bool = False  # ends with ":" (its kind cues carry to the list lines below)
    list_line: bool = False
    heading: str | None = None  # the whole line is "label:"
    brackets: list[_Bracket] = field(default_factory=list)
    pending: list[str] = field(default_factory=list)  # problems, until `context` is known
    shaped: bool = False  # holds a bulletin-shaped item: "N label (M)", "label — N"
    settled: bool = False  # `context` is final
    cue_spans: list[tuple[int, int]] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class _Out:
    fig: _Fig
    value: int
    kind: str | None
    bound: Bound | None
    rounded: bool
    unit: int
    span: tuple[int, int]


# Each word as written -> (word_key, whether it begins a number or is a vague count), per
# language asked for; bounded, the few thousand words of the press.
class _WordCache(dict):
    def __setitem__(self, word: str, value: tuple[str, bool]) -> None:
        if len(self) < 50_000:
            super().__setitem__(word, value)


_WORDS: dict[str | None, _WordCache] = {lang: _WordCache() for lang in (None, "uk", "ru", "en")}


class _Reader:
    def __init__(self, text: str, lang: str | None, date: dt.date | None) -> None:
        self.text = text
        self.lang = lang if lang in ("uk", "ru", "en") else None
        self.date = date
        invisible = _INVISIBLE_RE.search(text) is not None
        if invisible:
            kept = [i for i, ch in enumerate(text) if not _INVISIBLE_RE.match(ch)]
            self.index = [*kept, len(text)]
            stripped = "".join(text[i] for i in kept)
        else:
            self.index = None
            stripped = text
        self.norm = normalize_in_place(stripped)
        lower = self.norm.lower()
        self.lower = lower if len(lower) == len(self.norm) else None
        self.quotes: dict[int, str] = {}
        self.problems: list[str] = []
        self.masked = bytearray(len(self.norm))
        for match in _NOT_FIGURES_RE.finditer(self.norm):
            self.masked[match.start() : match.end()] = b"\1" * (match.end() - match.start())
        for match in _YEAR_RE.finditer(self.norm):
            if _YEAR_AFTER_WORD_RE.search(self.norm, max(0, match.start() - 10), match.start()):
                self.masked[match.start() : match.end()] = b"\1" * (match.end() - match.start())
        for regex in (_DAY_MONTH_RE, _MONTH_DAY_RE):
            for match in regex.finditer(self.norm):
                if match[1].lower() in _MONTHS:
                    self.masked[match.start() : match.end()] = b"\1" * (match.end() - match.start())

    # -------------------------------------------------------------- offsets and quotes
    def orig(self, pos: int) -> int:
        return self.index[pos] if self.index is not None else pos

    def quote(self, unit: _Unit) -> str:
        quote = self.quotes.get(unit.start)
        if quote is None:
            quote = self.text[self.orig(unit.start) : self.orig(unit.end)].strip()
            self.quotes[unit.start] = quote
        return quote

    def problem(self, unit: _Unit, why: str) -> None:
        message = f"{why}: {self.quote(unit)!r}"
        if unit.settled:
            self.problems.append(message)
        else:
            unit.pending.append(message)

    # -------------------------------------------------------------- the whole text
    def read(self) -> ProseReading:
        units = self.units()
        previous: _Unit | None = None
        for unit in units:
            self.scan(unit, previous)
            previous = unit
        self.context(units)
        for group in self.groups(units):
            self.kinds(group)
        outs = self.consistent([f for u in units if u.context for f in u.figs if not f.dropped])
        figures = self.resolve(outs)
        return ProseReading(tuple(figures), tuple(dict.fromkeys(self.problems)))

    def units(self) -> list[_Unit]:
        units: list[_Unit] = []
        block = 0
        pos = 0
        norm = self.norm
        for line_no, line in enumerate(norm.split("\n")):
            start, end = pos, pos + len(line)
            pos = end + 1
            if not line.strip():
                block += 1
                continue
            bulleted = _BULLET_RE.match(line) is not None
            pieces = list(self.sentence_cuts(start, end))
            for s, e in pieces:
                units.append(
                    _Unit(s, e, line_no, block, whole_line=len(pieces) == 1, bulleted=bulleted)
                )
        return units

    def sentence_cuts(self, start: int, end: int):
        """Sentences of one line: cut after [.!?…] before a capital letter, not after an
        abbreviation ("тис.", "Feb.") or an initial."""
        norm = self.norm
        begin = start
        for match in re.finditer(r"[.!?…]+[\"»”)]*\s+(?=[\"«„“(]*[^\W\d_])", norm[start:end]):
            cut = start + match.start()
            after = start + match.end()
            following = norm[after : after + 3].lstrip('"«„“(')
            if not following[:1].isupper():
                continue
            word = re.search(r"([^\W\d_]+)\s*$", norm[begin:cut])
            if (
                norm[cut] == "."
                and word
                and (len(word[1]) == 1 or word[1].lower() in _ABBREVIATIONS)
            ):
                continue
            piece = (begin, cut + 1)
            if norm[piece[0] : piece[1]].strip():
                yield self.trim(*piece)
            begin = after
        if norm[begin:end].strip():
            yield self.trim(begin, end)

    def trim(self, start: int, end: int) -> tuple[int, int]:
        while start < end and self.norm[start].isspace():
            start += 1
        while end > start and self.norm[end - 1].isspace():
            end -= 1
        return start, end

    # -------------------------------------------------------------- one sentence
    def scan(self, unit: _Unit, previous: _Unit | None) -> None:
        norm = self.norm
        tokens = unit.tokens
        masked = self.masked
        words = _WORDS[self.lang]
        for match in _TOKEN_RE.finditer(norm, unit.start, unit.end):
            kind = match.lastgroup
            start, end = match.span()
            if kind == "word":
                known = words.get(match[0])
                if known is None:
                    key = word_key(match[0])
                    known = words[match[0]] = (key, starts_number(key, self.lang) or is_vague(key))
                tokens.append(_Tok(kind, start, end, *known))
                continue
            if kind == "dash":
                kind, key = "sym", "—"
            else:
                key = match[0]
                if kind != "sym" and any(masked[start:end]):
                    kind = "masked"
            tokens.append(_Tok(kind, start, end, key))
        text = norm[unit.start : unit.end]
        unit.lead = text.rstrip().endswith(":")
        heading = re.fullmatch(r"\s*([^\d:—]+?)\s*:\s*", text)
        if heading and unit.whole_line:
            name = classify_label(heading[1])
            unit.heading = name if name and name != NOT_A_FIGURE else None
        unit.context = _names(tokens, _LOSS_PREFIXES, _LOSS_WORDS) or "shot down" in text
        numeric = any(t.kind == "num" or t.counts for t in tokens)
        if not numeric and not unit.lead:
            return  # no number, and no lead for the lines below: nothing to read here
        brackets = unit.brackets = self.brackets(tokens)
        in_bracket = self.bracket_of(tokens, brackets)
        unit.segments = self.segment_ids(tokens, in_bracket)
        # Kind cues: outside brackets they speak for their clause; inside, for the bracket.
        starts = [tok.start for tok in tokens]
        if self.lower is not None:
            cues = _CUE_LOWER_RE.finditer(self.lower, unit.start, unit.end)
        else:
            cues = _CUE_RE.finditer(norm, unit.start, unit.end)
        for match in cues:
            kind, strong = _CUE_OF_GROUP[match.lastgroup]
            unit.cue_spans.append(match.span())
            first = bisect.bisect_left(starts, match.start())
            if first >= len(tokens):
                continue
            for tok in tokens[first : bisect.bisect_left(starts, match.end())]:
                if tok.kind == "num":
                    tok.kind = "masked"  # "24 hours", "з 24 лютого"
            if in_bracket[first] is not None:
                continue
            unit.cues.append((unit.segments[first], kind, strong))
        for bracket in brackets:
            inner_start = tokens[bracket.open_i].end
            inner = norm[inner_start : tokens[bracket.close_i].start]
            said = [m.span() for m in _BRACKET_TOTAL_RE.finditer(inner)]
            total = bool(said)
            increase_spans = [m.span() for m in _BRACKET_INCREASE_RE.finditer(inner)]
            said += increase_spans
            bracket.both_cues = total and bool(increase_spans)
            bracket.cue = "total" if total else "increase" if increase_spans else None
            # "(з них 300 — вбитими)", "(у тому числі 2 Т-90)": more than a figure's bracket
            bracket.other_words = any(
                tok.kind == "model"
                or (
                    tok.kind == "word"
                    and tok.key not in _BRACKET_WORDS
                    and scale_of(tok.key, after_digits=True) is None
                    and not any(a <= tok.start - inner_start < b for a, b in said)
                )
                for tok in tokens[bracket.open_i + 1 : bracket.close_i]
            )
        unit.exprs = self.numbers(tokens, in_bracket, brackets)
        for expr in unit.exprs:
            if expr.bracket is not None:
                continue
            before = tokens[expr.bound_i - 1] if expr.bound_i > 0 else None
            after = tokens[expr.j] if expr.j < len(tokens) else None
            if (before is not None and before.key in _NEXT_TO_NUMBER_BEFORE) or (
                after is not None and after.key in _NEXT_TO_NUMBER_AFTER
            ):
                unit.cues.append((unit.segments[expr.i], "increase", True))
        self.figures(unit, brackets, previous)

    @staticmethod
    def brackets(tokens: list[_Tok]) -> list[_Bracket]:
        found: list[_Bracket] = []
        open_i: int | None = None
        for index, tok in enumerate(tokens):
            if tok.kind != "sym":
                continue
            if tok.key == "(":
                open_i = index
            elif tok.key == ")" and open_i is not None:
                found.append(_Bracket(open_i, index))
                open_i = None
        return found

    @staticmethod
    def bracket_of(tokens: list[_Tok], brackets: list[_Bracket]) -> list[_Bracket | None]:
        out: list[_Bracket | None] = [None] * len(tokens)
        for bracket in brackets:
            for index in range(bracket.open_i, bracket.close_i + 1):
                out[index] = bracket
        return out

    @staticmethod
    def segment_ids(tokens: list[_Tok], in_bracket: list[_Bracket | None]) -> list[int]:
        """Clauses of a sentence: cut at , ; : and dashes outside brackets."""
        ids: list[int] = []
        segment = 0
        for index, tok in enumerate(tokens):
            ids.append(segment)
            if tok.kind == "sym" and tok.key in ",;:—" and in_bracket[index] is None:
                segment += 1
        return ids

    # -------------------------------------------------------------- numbers
    def numbers(
        self, tokens: list[_Tok], in_bracket: list[_Bracket | None], brackets: list[_Bracket]
    ) -> list[_Expr]:
        exprs: list[_Expr] = []
        index = 0
        while index < len(tokens):
            tok = tokens[index]
            expr: _Expr | None = None
            if tok.kind == "num":
                expr = self.digits(tokens, index)
            elif tok.kind == "word":
                expr = self.spelled(tokens, index)
            if expr is None:
                index += 1
                continue
            self.bound(tokens, expr)
            expr.bracket = in_bracket[index]
            if expr.bracket is not None:
                expr.bracket.exprs.append(expr)
            exprs.append(expr)
            index = expr.j
        return exprs

    def digits(self, tokens: list[_Tok], index: int) -> _Expr:
        tok = tokens[index]
        raw = self.norm[tok.start : tok.end]
        expr = _Expr(index, index + 1, tok.start, tok.end, None)
        scale = None
        after = index + 1
        if after < len(tokens) and tokens[after].kind == "word":
            scale = scale_of(tokens[after].key, after_digits=True)
        if scale is not None:
            expr.j, expr.end = after + 1, tokens[after].end
            if expr.j < len(tokens) and tokens[expr.j].key == ".":
                expr.j += 1  # "тис."
            remainder = tokens[expr.j] if expr.j < len(tokens) else None
            if (
                scale == 1000
                and remainder is not None
                and remainder.kind == "num"
                and re.fullmatch(r"[0-9]{3}", remainder.key)
                and raw.isdigit()
            ):
                expr.value = int(raw) * 1000 + int(remainder.key)  # "646 тис. 400"
                expr.j, expr.end = expr.j + 1, remainder.end
                return expr
            try:
                expr.value = read_scaled(raw, scale)
            except NumberError as exc:
                expr.problem = str(exc)
                return expr
            expr.rounded = True
            decimals = len(re.split("[.,]", raw)[1]) if is_decimal(raw) else 0
            expr.unit = scale // 10**decimals
            return expr
        if is_decimal(raw):
            expr.problem = f"a decimal number ({raw!r}) without a scale word"
            return expr
        try:
            expr.value = read_number(raw)
        except NumberError as exc:
            expr.problem = str(exc)
        return expr

    def spelled(self, tokens: list[_Tok], index: int) -> _Expr | None:
        tok = tokens[index]
        key = tok.key
        if not tok.counts and key not in ("a", "an"):
            return None
        if key in ("a", "an") and index + 1 < len(tokens):
            nxt = tokens[index + 1].key
            if nxt in ("dozen", "couple", "few", "hundred", "thousand", "score"):
                end = index + 2
                return _Expr(index, end, tok.start, tokens[end - 1].end, None, vague=True)
            return None
        if starts_number(key, self.lang):
            words: list[str] = []
            for later in tokens[index:]:
                if later.kind != "word":
                    break
                words.append(later.key)
            found = read_number_words(words, 0, self.lang)
            if found is not None:
                end = index + found.end
                expr = _Expr(index, end, tok.start, tokens[end - 1].end, found.value)
                expr.rounded = found.rounded
                if found.rounded:
                    expr.unit = 1000
                return expr
        if is_vague(key):
            return _Expr(index, index + 1, tok.start, tok.end, None, vague=True)
        return None

    def bound(self, tokens: list[_Tok], expr: _Expr) -> None:
        """The bound words and the sign right before a number."""
        index = expr.i
        expr.bound_i = index
        if index > 0 and tokens[index - 1].kind == "sym" and tokens[index - 1].key in "+-—":
            sign = tokens[index - 1].key
            if sign == "+" or (
                sign == "—"
                and index > 1
                and tokens[index - 2].key == "("
                and tokens[index - 1].end == tokens[index].start
            ):
                expr.sign = "+" if sign == "+" else "-"
                expr.bound_i = index - 1
                return
        found = self.bound_before(tokens, index)
        if found is None:
            return
        expr.bound, start = found
        expr.bound_i = start
        # "близько/ about 403720": the same bound in the other language
        if start >= 2 and tokens[start - 1].key == "/":
            again = self.bound_before(tokens, start - 1)
            if again is not None and again[0] == expr.bound:
                expr.bound_i = again[1]

    @staticmethod
    def bound_before(tokens: list[_Tok], index: int) -> tuple[Bound, int] | None:
        if index == 0 or tokens[index - 1].key.lower() not in _BOUND_LAST_WORDS:
            return None
        for length in range(min(_BOUND_LONGEST, index), 0, -1):
            words = tuple(t.key.lower() for t in tokens[index - length : index])
            if words in _BOUND_PHRASES:
                return _BOUND_PHRASES[words], index - length
        return None

    # -------------------------------------------------------------- labels and figures
    def figures(self, unit: _Unit, brackets: list[_Bracket], above: _Unit | None) -> None:
        tokens = unit.tokens
        starts = {e.i for e in unit.exprs}
        loose = [e for e in unit.exprs if e.bracket is None]
        figs: dict[int, _Fig] = {}  # by expr index in `loose`
        labelled: set[int] = set()
        skip: set[int] = set()
        for n, expr in enumerate(loose):
            fig = self.label_first(unit, expr, above)
            if fig is None:
                fig = self.number_first(unit, expr, starts, loose, n)
            if fig is None:
                fig = self.counted(unit, expr, loose, n)
            if fig is None:
                continue
            if fig is _NO_CATEGORY:  # a count that is no category ("200 полоненими")
                skip.add(n)
                continue
            labelled.add(n)
            if isinstance(fig, str):  # a problem
                self.problem(unit, fig)
                continue
            if expr.vague:
                words = self.norm[tokens[expr.i].start : tokens[expr.j - 1].end]
                self.problem(unit, f"a vague quantity ({words!r}), not a number")
                continue
            if expr.problem:
                self.problem(unit, f"cannot read the number: {expr.problem}")
                continue
            figs[n] = fig
        # Numbers next to figures: run into one, sharing one label, or taking its category.
        for n, expr in enumerate(loose):
            if n in labelled or n in skip or expr.vague:
                continue
            previous = figs.get(n - 1)
            after_bracket = self.bracket_right_after(tokens, expr.j, brackets)
            if after_bracket is not None and after_bracket.exprs and not after_bracket.other_words:
                self.problem(unit, "a figure without a label")
                unit.shaped = True
                continue
            if previous is not None and previous.end_i == expr.bound_i:
                self.problem(unit, "two numbers run together, one label")
                previous.dropped = True
                continue
            following = figs.get(n + 1)
            if following is not None and following.shape == "number-first":
                gap = tokens[expr.j : following.expr.bound_i]
                if all(t.key in _JOINERS or t.key == "—" for t in gap):
                    self.problem(unit, "two numbers with one label")
                    following.dropped = True
                    continue
            if (
                previous is not None
                and expr.problem is None
                and expr.value is not None
                and self.stands_alone(unit, expr)
            ):
                gap = tokens[previous.end_i : expr.bound_i]
                if any(t.key in _BORROW_INTRO for t in gap) and all(
                    (t.kind == "sym" and t.key in ",—")
                    or (t.kind == "word" and (t.key in _BORROW_GAP or self.in_cue(unit, t)))
                    or t.kind == "masked"
                    for t in gap
                ):
                    fig = _Fig(
                        expr,
                        previous.category,
                        "borrowed",
                        (expr.start, expr.end),
                        expr.j,
                        unit,
                    )
                    figs[n] = fig
        for n in sorted(figs):
            fig = figs[n]
            fig.segment = unit.segments[fig.expr.i]
            unit.figs.append(fig)
            if fig.bracket is not None or fig.shape == "label-first":
                unit.shaped = True

    def counted(self, unit: _Unit, expr: _Expr, loose: list[_Expr], n: int) -> _Fig | None:
        """ "Sunday's death toll of 1,270", "the total number of Russian troops killed ...
        now exceeds 500,000", "Casualty numbers have reportedly exceeded 1,000": words
        naming a count of a category, earlier in the number's clause, no number between."""
        tokens = unit.tokens
        segment = unit.segments[expr.i]
        first = loose[n - 1].j if n > 0 else 0
        nxt = tokens[expr.j] if expr.j < len(tokens) else None
        # "... of 1,270 marked": the number right after "of"; else nothing after it but
        # its cue ("exceeded 1,000 per day"): "over two years ago" is no count
        right_after_of = expr.bound_i > 0 and tokens[expr.bound_i - 1].key == "of"
        if not right_after_of and (
            nxt is not None
            and nxt.kind in ("word", "model")
            and not (nxt.key in _JOINERS or self.in_cue(unit, nxt))
        ):
            return None
        for index in range(expr.bound_i - 1, max(first, expr.bound_i - _COUNT_GAP) - 1, -1):
            tok = tokens[index]
            if unit.segments[index] != segment or tok.kind not in ("word", "masked"):
                return None
            if tok.key not in _COUNT_NOUNS:
                continue
            name = None
            start = index
            if index + 1 < expr.bound_i and tokens[index + 1].key == "of":
                ends = [
                    e
                    for e in range(index + 2, min(index + 8, expr.bound_i))
                    if tokens[e].kind == "word"
                ]
                if ends:
                    name, _ = self.longest_label(tokens[index + 2].start, tokens, ends)
            if name is None and index > 0 and tokens[index - 1].key in _PERSONNEL_COUNTS:
                name, start = "personnel", index - 1
            if name is None or name == NOT_A_FIGURE:
                return None
            fig = _Fig(expr, name, "counted", (tokens[start].start, expr.end), expr.j, unit)
            if start > 0 and tokens[start - 1].kind == "word":
                before = tokens[start - 1].key
                if before == "total":
                    fig.own_kind = "total"
                elif before in ("daily", "yesterday's") or _DAY_PHRASE_RE.fullmatch(
                    before.removesuffix("'s")
                ):
                    fig.own_kind = "increase"  # "Sunday's death toll of 1,270"
                if fig.own_kind:
                    fig.span = (tokens[start - 1].start, expr.end)
            return fig
        return None

    def day_of(self, fig: _Fig) -> str | None:
        """The day its clause ties a figure to ("1,270 troops on Sunday", "Sunday's toll
        of 1,270", "a day later with 1,290"), as a key: the words after it up to the next
        figure are tried first, then those before it back to the figure before."""
        unit = fig.unit
        tokens = unit.tokens
        segment = unit.segments[fig.expr.i]
        same = sorted(
            (f for f in unit.figs if unit.segments[f.expr.i] == segment), key=lambda f: f.expr.i
        )
        at = same.index(fig)
        in_segment = [i for i, s in enumerate(unit.segments) if s == segment]
        after_end = (
            tokens[same[at + 1].expr.bound_i].start
            if at + 1 < len(same)
            else tokens[in_segment[-1]].end
        )
        before_start = tokens[same[at - 1].end_i - 1].end if at > 0 else tokens[in_segment[0]].start
        after_start = tokens[fig.end_i - 1].end if fig.end_i > 0 else fig.span[1]
        after = self.day_keys(after_start, after_end)
        if after:
            return after[0]
        before = self.day_keys(before_start, tokens[fig.expr.bound_i].start)
        return before[-1] if before else None

    def day_keys(self, start: int, end: int) -> list[str]:
        keys: list[str] = []
        if start >= end:
            return keys
        for match in _DAY_PHRASE_RE.finditer(self.norm, start, end):
            weekday = next((g for g, v in match.groupdict().items() if v), None)
            if weekday is not None:
                keys.append(weekday)
                continue
            words = match[0].lower().split()
            if words[0][:1].isdigit() or words[-1][:1].isdigit():
                month = words[0] if words[-1][:1].isdigit() else words[-1]
                if month.rstrip(".") not in _MONTHS:
                    continue  # "15 tanks": no date
            keys.append(" ".join(words))
        return keys

    def stands_alone(self, unit: _Unit, expr: _Expr) -> bool:
        """No words of its own after a number but its clause's cue ("another 1,290 on
        Monday", "з них 1 120 — за минулу добу"): it may take the category before it."""
        for tok in unit.tokens[expr.j :]:
            if tok.kind == "sym":
                return True
            if tok.kind == "model" or (
                tok.kind == "word" and not (tok.key in _JOINERS or self.in_cue(unit, tok))
            ):
                return False  # "3 Су-34", "1 000 км": words of its own
        return True

    @staticmethod
    def in_cue(unit: _Unit, tok: _Tok) -> bool:
        return any(start <= tok.start < end for start, end in unit.cue_spans)

    @staticmethod
    def bracket_right_after(
        tokens: list[_Tok], index: int, brackets: list[_Bracket]
    ) -> _Bracket | None:
        for bracket in brackets:
            if bracket.open_i == index:
                return bracket
        return None

    def label_first(self, unit: _Unit, expr: _Expr, above: _Unit | None) -> _Fig | str | None:
        """ "label — [bound] N [(+M)]", and a heading line's value on the next line."""
        tokens = unit.tokens
        sep = expr.bound_i - 1
        if sep < 0:
            return self.under_heading(unit, expr, above)
        if not (tokens[sep].kind == "sym" and tokens[sep].key in "—:"):
            return None
        first = sep
        words = 0
        while first > 0:
            tok = tokens[first - 1]
            if tok.kind in ("word", "model"):
                words += 1
            elif not (tok.kind == "sym" and tok.key in "/&"):
                break
            first -= 1
        if first == sep or words > 8:
            return None
        name = None
        # The longest run of words before the dash that names a category ("Ворог втратив
        # крилаті ракети — 3": "крилаті ракети").
        for begin in range(first, sep):
            if tokens[begin].kind not in ("word", "model"):
                continue
            label = self.norm[tokens[begin].start : tokens[sep - 1].end]
            name = classify_label(label)
            if name is None and unit.context:
                name, fixed = classify_with_typo(label)
                if fixed == "":
                    return "a label one letter away from two categories"
            if name is not None:
                first = begin
                break
        if name is None:
            return None
        if name == NOT_A_FIGURE:
            return _NO_CATEGORY
        end_i = self.skip_units(tokens, expr.j)
        fig = _Fig(
            expr,
            name,
            "label-first",
            (tokens[first].start, expr.end),
            end_i,
            unit,
        )
        bracket = self.bracket_right_after(tokens, end_i, unit.brackets)
        if bracket is not None and bracket.other_words:
            bracket = None  # "(з них 300 — вбитими)": not the figure's own
        if bracket is not None and len(bracket.exprs) == 1:
            fig.bracket = bracket
            fig.end_i = self.skip_units(tokens, bracket.close_i + 1)
        elif bracket is not None and bracket.exprs:
            return "more than one number in the brackets after a figure"
        return fig

    def under_heading(self, unit: _Unit, expr: _Expr, above: _Unit | None) -> _Fig | None:
        """ "Personnel:" on its line, then "approximately 1 311 180 (+1 070) persons."."""
        if above is None or above.heading is None or above.line != unit.line - 1:
            return None
        tokens = unit.tokens
        ends, _ = self.label_after_run(tokens, self.after_bracket(tokens, expr.j, unit))
        if any(tokens[e].key not in PEOPLE_UNITS and tokens[e].key not in _JOINERS for e in ends):
            return None
        fig = _Fig(expr, above.heading, "label-first", (expr.start, expr.end), expr.j, unit)
        bracket = self.bracket_right_after(tokens, expr.j, unit.brackets)
        if bracket is not None and len(bracket.exprs) == 1 and not bracket.other_words:
            fig.bracket = bracket
            fig.end_i = self.skip_units(tokens, bracket.close_i + 1)
        return fig

    @staticmethod
    def after_bracket(tokens: list[_Tok], index: int, unit: _Unit) -> int:
        bracket = _Reader.bracket_right_after(tokens, index, unit.brackets)
        return bracket.close_i + 1 if bracket is not None else index

    @staticmethod
    def skip_units(tokens: list[_Tok], index: int) -> int:
        while index < len(tokens) and tokens[index].key in ("од", "ед", "шт", "units", "."):
            index += 1
        return index

    def label_after_run(self, tokens: list[_Tok], index: int) -> tuple[list[int], int]:
        """The words after a number that may be its label: indices of the word tokens
        that may end a label, and the token after the run."""
        ends: list[int] = []
        words = 0
        while index < len(tokens) and words < 8:
            tok = tokens[index]
            if tok.kind in ("word", "model"):
                if tok.counts:
                    break
                words += 1
                ends.append(index)
                index += 1
            elif tok.kind == "sym" and tok.key in "/&":
                index += 1
            elif tok.kind == "sym" and tok.key == "(":
                close = index + 1
                while close < len(tokens) and tokens[close].kind == "word":
                    close += 1
                if close < len(tokens) and tokens[close].key == ")" and close > index + 1:
                    ends.append(close)
                    index = close + 1
                else:
                    break
            else:
                break
        return ends, index

    def number_first(
        self, unit: _Unit, expr: _Expr, starts: set[int], loose: list[_Expr], n: int
    ) -> _Fig | str | None:
        """ "N label [(bracket)]", "N (bracket) label", "дві — спеціальної техніки"."""
        tokens = unit.tokens
        all_brackets = unit.brackets
        index = expr.j
        between = None
        if expr.vague and index < len(tokens) and tokens[index].key == "of":
            index += 1  # "dozens of tanks"
        if index < len(tokens) and tokens[index].key in _NEXT_TO_NUMBER_AFTER:
            index += 1  # "1,330 more soldiers"
        bracket = self.bracket_right_after(tokens, index, all_brackets)
        if bracket is not None and bracket.exprs:
            between, index = bracket, bracket.close_i + 1
        elif (
            index < len(tokens)
            and tokens[index].key == "—"
            and expr.bound_i > 0
            and (tokens[expr.bound_i - 1].key in _JOINERS or tokens[expr.bound_i - 1].key == ",")
            and n > 0
        ):
            index += 1  # "і дві — спеціальної техніки"
        ends, _ = self.label_after_run(tokens, index)
        if not ends:
            return None
        start = tokens[index].start
        name, last = self.longest_label(start, tokens, ends)
        if (
            name is None
            and tokens[ends[0]].key in PEOPLE_UNITS
            and (_names(tokens, _ENEMY_PREFIXES) or "рф" in (t.key for t in tokens))
        ):
            name, last = "personnel", ends[0]
        if name is None:
            borrowed = self.elliptical(unit, start, tokens, ends, loose, n)
            if borrowed is not None:
                name, last = borrowed, ends[-1]
        if name is None:
            typo = self.typo(start, tokens, ends, unit)
            if isinstance(typo, str) and typo.startswith("!"):
                return typo[1:]
            if typo is not None:
                name, last = typo
        if name is None:
            return None
        if name == NOT_A_FIGURE:
            return _NO_CATEGORY
        # "3 військових літаки": the words after the label name another category
        rest = [e for e in ends if e > last]
        if rest:
            following = self.norm[tokens[last + 1].start : tokens[rest[-1]].end]
            other, _ = self.longest_label(tokens[last + 1].start, tokens, rest)
            if other is None:
                other = classify_label(following)
            if other not in (None, NOT_A_FIGURE, name):
                return f"the words after the number name two categories ({name}, {other})"
        fig = _Fig(expr, name, "number-first", (expr.start, tokens[last].end), last + 1, unit)
        fig.end_i = self.skip_units(tokens, last + 1)
        if between is not None and not between.other_words:
            fig.bracket = between
        elif between is None:
            bracket = self.bracket_right_after(tokens, fig.end_i, all_brackets)
            if bracket is not None and bracket.exprs and not bracket.other_words:
                fig.bracket = bracket
                fig.end_i = bracket.close_i + 1
        if fig.bracket is not None and len(fig.bracket.exprs) != 1:
            return "more than one number in the brackets after a figure"
        return fig

    def longest_label(
        self, start: int, tokens: list[_Tok], ends: list[int]
    ) -> tuple[str | None, int]:
        for end in reversed(ends):
            name = classify_label(self.norm[start : tokens[end].end])
            if name is not None:
                return name, end
        return None, -1

    def elliptical(
        self,
        unit: _Unit,
        start: int,
        tokens: list[_Tok],
        ends: list[int],
        loose: list[_Expr],
        n: int,
    ) -> str | None:
        """ "232 одиниці автомобільної і дві — спеціальної техніки": the first label
        takes the noun that ends the next one."""
        if n + 1 >= len(loose):
            return None
        words = [e for e in ends if tokens[e].key not in _JOINERS]
        if not words:
            return None
        nxt = loose[n + 1]
        if any(t.kind != "word" and t.key not in ",—" for t in tokens[ends[-1] + 1 : nxt.bound_i]):
            return None
        index = nxt.j
        if index < len(tokens) and tokens[index].key == "—":
            index += 1
        next_ends, _ = self.label_after_run(tokens, index)
        if not next_ends:
            return None
        next_name, next_last = self.longest_label(tokens[index].start, tokens, next_ends)
        if next_name is None or next_name == NOT_A_FIGURE:
            return None
        head = tokens[next_last].key
        own = self.norm[start : tokens[words[-1]].end]
        name = classify_label(f"{own} {head}")
        return name if name not in (None, NOT_A_FIGURE, next_name) else None

    def typo(self, start: int, tokens: list[_Tok], ends: list[int], unit: _Unit):
        if not unit.context:
            return None
        for end in reversed(ends[:4]):
            name, fixed = classify_with_typo(self.norm[start : tokens[end].end])
            if name is not None:
                return name, end
            if fixed == "":
                return "!a label one letter away from two categories"
        return None

    # -------------------------------------------------------------- which figures count
    def context(self, units: list[_Unit]) -> None:
        """A sentence counts when it speaks of losses, has a bulletin-shaped item, or
        follows one that does in the same paragraph."""
        previous: _Unit | None = None
        for unit in units:
            if unit.shaped:
                unit.context = True
            if (
                not unit.context
                and previous is not None
                and previous.block == unit.block
                and previous.context
            ):
                unit.context = True
            words = sum(1 for t in unit.tokens if t.kind == "word")
            covered = sum(
                1
                for f in unit.figs
                for t in unit.tokens[f.expr.bound_i : f.end_i]
                if t.kind == "word"
            )
            joiners = sum(1 for t in unit.tokens if t.kind == "word" and t.key in _JOINERS)
            unit.list_line = (
                unit.whole_line
                and bool(unit.figs)
                and (unit.bulleted or words - covered - joiners <= 0)
            )
            previous = unit
        if not any(u.context for u in units):
            for unit in units:  # a fragment ("2 танки (загалом 11 261)"): all of it counts
                unit.context = True
        for unit in units:
            unit.settled = True
            if unit.context:
                self.problems.extend(unit.pending)

    def groups(self, units: list[_Unit]) -> list[list[_Unit]]:
        """Sentences are read alone; a lead ending with ":" and the list lines below it
        (or list lines alone) are read together."""
        groups: list[list[_Unit]] = []
        current: list[_Unit] | None = None
        for unit in units:
            if (
                unit.list_line
                and current is not None
                and current[-1].block == unit.block
                and (current[-1].list_line or current[-1].lead)
            ):
                current.append(unit)
                continue
            current = [unit]
            groups.append(current)
        return groups

    # -------------------------------------------------------------- kinds
    def kinds(self, group: list[_Unit]) -> None:
        figs = [f for u in group if u.context for f in u.figs if not f.dropped]
        if not figs:
            return
        # One numbering of the clauses over the group.
        offset = 0
        seg_kinds: dict[int, set[str]] = {}
        figure_segments: set[int] = set()
        base: dict[int, int] = {}
        strong = any(s for u in group for _, _, s in u.cues)
        for unit in group:
            base[id(unit)] = offset
            for segment, kind, is_strong in unit.cues:
                if is_strong or not strong:
                    seg_kinds.setdefault(offset + segment, set()).add(kind)
            for expr in unit.exprs:
                if expr.bracket is None:
                    figure_segments.add(offset + unit.segments[expr.i])
            offset += (unit.segments[-1] + 1 if unit.segments else 0) + 1
        for fig in figs:
            fig.segment = base[id(fig.unit)] + fig.unit.segments[fig.expr.i]
        sentence_kinds = set().union(*seg_kinds.values()) if seg_kinds else set()
        pairs = [f for f in figs if f.bracket is not None]
        for fig in pairs:
            self.pair(fig)
        oriented = {f.orientation for f in pairs if f.orientation not in (None, "either")}
        if len(oriented) > 1:
            for fig in pairs:
                if fig.magnitude_pair and not fig.dropped:
                    self.problem(fig.unit, "the brackets of this list read both ways")
                    fig.dropped = True
            oriented = {f.orientation for f in pairs if not f.dropped} - {None, "either"}
        sibling = None
        if len(oriented) == 1:
            sibling = "total" if oriented == {"total-first"} else "increase"
        previous: _Fig | None = None
        for fig in figs:
            if fig.dropped or fig.bracket is not None:
                previous = fig if not fig.dropped else previous
                continue
            if fig.own_kind is not None:
                fig.kind, fig.from_cue = fig.own_kind, True
                previous = fig
                continue
            kind, why = self.cue_kind(fig, seg_kinds, sentence_kinds, figure_segments, previous)
            if why:
                self.problem(fig.unit, why)
                fig.dropped = True
                continue
            if fig.shape == "label-first":
                if kind == "period" or (kind == "increase" and not pairs):
                    self.problem(fig.unit, "the list gives totals, the sentence another count")
                    fig.dropped = True
                    continue
                fig.kind = "total"
            else:
                if kind == "period":
                    self.problem(fig.unit, "a figure for a period, neither the total nor the day's")
                    fig.dropped = True
                    continue
                if kind and sibling and kind != sibling:
                    self.problem(fig.unit, "the wording and the brackets of the list disagree")
                    fig.dropped = True
                    continue
                fig.kind = kind or sibling
                fig.from_cue = kind is not None
            previous = fig
        # An increase the wording made that no day could hold: the wording is misread.
        for unit in group:
            made = [f for f in unit.figs if f.from_cue and not f.dropped and f.kind == "increase"]
            if any(f.expr.value > _daily_bound(f.category) for f in made):
                for fig in made:
                    fig.dropped = True
                self.problem(unit, "too many for one day's losses (a total?)")

    def cue_kind(
        self,
        fig: _Fig,
        seg_kinds: dict[int, set[str]],
        sentence_kinds: set[str],
        figure_segments: set[int],
        previous: _Fig | None,
    ) -> tuple[str | None, str | None]:
        own = seg_kinds.get(fig.segment, set())
        if len(own) > 1:
            return None, "the clause says both the total and the day's increase"
        if own:
            return next(iter(own)), None
        if len(sentence_kinds) <= 1:
            return (next(iter(sentence_kinds)) if sentence_kinds else None), None
        before = self.gap_kinds(fig.segment, -1, seg_kinds, figure_segments)
        if len(before) == 1:
            return next(iter(before)), None
        if previous is not None and previous.kind and self.bare(fig):
            return previous.kind, None
        after = self.gap_kinds(fig.segment, 1, seg_kinds, figure_segments)
        if len(after) == 1:
            return next(iter(after)), None
        return None, "the sentence says both totals and increases, not which this is"

    @staticmethod
    def gap_kinds(
        segment: int, step: int, seg_kinds: dict[int, set[str]], figure_segments: set[int]
    ) -> set[str]:
        kinds: set[str] = set()
        other = segment + step
        while other >= 0 and other not in figure_segments and other <= max(seg_kinds, default=0):
            kinds |= seg_kinds.get(other, set())
            other += step
        return kinds

    def bare(self, fig: _Fig) -> bool:
        """A list item: nothing in its clause but the figure and joining words."""
        unit = fig.unit
        own = unit.segments[fig.expr.i]
        for index, tok in enumerate(unit.tokens):
            if unit.segments[index] != own or tok.kind != "word":
                continue
            if fig.expr.bound_i <= index < fig.end_i or tok.key in _JOINERS:
                continue
            return False
        return True

    def pair(self, fig: _Fig) -> None:
        bracket = fig.bracket
        inner = bracket.exprs[0]
        if inner.value is None or fig.expr.value is None:
            self.problem(fig.unit, f"cannot read the number: {inner.problem or fig.expr.problem}")
            fig.dropped = True
            return
        explicit = None
        if inner.sign:
            explicit = "increase"
        if bracket.both_cues or (bracket.cue and explicit and bracket.cue != explicit):
            self.problem(fig.unit, "the brackets say both the total and the increase")
            fig.dropped = True
            return
        explicit = explicit or bracket.cue
        outer, value = fig.expr.value, inner.value
        if explicit == "increase":
            fig.kind, fig.bracket_kind, fig.orientation = "total", "increase", "total-first"
        elif explicit == "total":
            fig.kind, fig.bracket_kind, fig.orientation = "increase", "total", "increase-first"
        elif fig.shape == "label-first":
            fig.kind, fig.bracket_kind = "total", "increase"
        elif value > outer:
            fig.kind, fig.bracket_kind, fig.orientation = "increase", "total", "increase-first"
            fig.magnitude_pair = True
        else:
            fig.kind, fig.bracket_kind = "total", "increase"
            fig.orientation = "total-first" if value < outer else "either"
            fig.magnitude_pair = True
        total, increase = (outer, value) if fig.kind == "total" else (value, outer)
        if increase > 0 and increase > total:
            self.problem(fig.unit, "the increase is larger than the total it is part of")
            fig.dropped = True
            return
        if fig.magnitude_pair and increase > _daily_bound(fig.category):
            self.problem(fig.unit, "too many for one day's losses (a total?)")
            fig.dropped = True

    # -------------------------------------------------------------- the whole text agrees
    def consistent(self, figs: list[_Fig]) -> list[_Out]:
        outs: list[_Out] = []
        for fig in figs:
            expr = fig.expr
            outs.append(
                _Out(fig, expr.value, fig.kind, expr.bound, expr.rounded, expr.unit, fig.span)
            )
            if fig.bracket is not None:
                inner = fig.bracket.exprs[0]
                outs.append(
                    _Out(
                        fig,
                        inner.value,
                        fig.bracket_kind,
                        inner.bound,
                        inner.rounded,
                        inner.unit,
                        (inner.start, inner.end),
                    )
                )
        by_category: dict[str, list[_Out]] = {}
        for out in outs:
            by_category.setdefault(out.fig.category, []).append(out)
        drop: set[int] = set()
        for name, group in by_category.items():
            known: dict[str, int] = {}
            per_day: set[int] = set()  # increases, each of its own day
            for kind in ("total", "increase"):
                stated = [o for o in group if o.kind == kind]
                exact = {o.value for o in stated if _exact(o, name)}
                if len(exact) > 1 and kind == "increase" and self.each_its_day(stated, name):
                    per_day = exact
                    continue
                if len(exact) > 1:
                    self.disagree(stated, f"different {kind}s for {name}")
                    drop |= {id(o) for o in stated}
                    continue
                if exact:
                    known[kind] = next(iter(exact))
                    loose = [o for o in stated if not _exact(o, name)]
                    wrong = [o for o in loose if not _agrees(o, known[kind])]
                    if wrong:
                        self.disagree(stated, f"a rounded {kind} for {name} that disagrees")
                        drop |= {id(o) for o in stated}
                        del known[kind]
            largest = max(per_day or {known.get("increase", 0)})
            if "total" in known and largest > known["total"]:
                self.disagree(group, f"an increase of {name} larger than its total")
                drop |= {id(o) for o in group if o.kind}
            unsaid = [o for o in group if o.kind is None]
            values = {o.value for o in unsaid if _exact(o, name)}
            for out in unsaid:
                fits = [
                    v
                    for v in (*known.values(), *per_day)
                    if (v == out.value if _exact(out, name) else _agrees(out, v))
                ]
                if fits:
                    continue
                same_sentence = [
                    o for o in unsaid if o.fig.unit is out.fig.unit and o.value != out.value
                ]
                if (len(known) == 2 or same_sentence or (len(values) > 1 and not known)) and (
                    id(out) not in drop
                ):
                    self.disagree(
                        [out, *same_sentence],
                        f"numbers for {name} that the text does not tell apart",
                    )
                    drop.add(id(out))
        return [o for o in outs if id(o) not in drop]

    def each_its_day(self, stated: list[_Out], name: str) -> bool:
        """Different increases of one category that are no conflict: each exact one tied
        to a day of its own ("1,270 troops on Sunday and another 1,290 on Monday"), no two
        values to one day, and every rounded or bounded one fitting one of them."""
        values: dict[str, set[int]] = {}
        exact = {o.value for o in stated if _exact(o, name)}
        for out in stated:
            if not _exact(out, name):
                if not any(_agrees(out, v) for v in exact):
                    return False
                continue
            day = self.day_of(out.fig)
            if day is None:
                return False
            values.setdefault(day, set()).add(out.value)
        return all(len(v) == 1 for v in values.values())

    def disagree(self, outs: list[_Out], why: str) -> None:
        units = list(dict.fromkeys(o.fig.unit for o in outs))
        quotes = " / ".join(repr(self.quote(u)) for u in units)
        self.problems.append(f"{why}: {quotes}")

    def resolve(self, outs: list[_Out]) -> list[StatedFigure]:
        vehicles: str | None = None
        if any(o.fig.category == VEHICLES_ALONE for o in outs):
            separate = any(o.fig.category == "fuel_tanks" for o in outs)
            date = prose_date(self.norm) or self.date
            vehicles = resolve_vehicles(date, fuel_tanks_separate=separate)
        figures: list[StatedFigure] = []
        for out in outs:
            name = out.fig.category
            if name == VEHICLES_ALONE:
                if vehicles is None:
                    self.problem(
                        out.fig.unit,
                        "'автомобільна техніка'/'vehicles' alone: military_auto before "
                        "2022-05-01, vehicles_fuel_tanks from then on, and the date is unknown",
                    )
                    continue
                name = vehicles
            figures.append(
                StatedFigure(
                    category=name,
                    value=out.value,
                    kind=out.kind,  # type: ignore[arg-type]
                    bound=out.bound,
                    rounded=out.rounded,
                    quote=self.quote(out.fig.unit),
                    span=(self.orig(out.span[0]), self.orig(out.span[1])),
                )
            )
        figures.sort(key=lambda f: f.span)
        return figures


def _daily_bound(name: str) -> int:
    category = BY_NAME.get(name)
    if category is None:  # VEHICLES_ALONE: the larger of the two
        return max(BY_NAME["military_auto"].daily_bound, BY_NAME["vehicles_fuel_tanks"].daily_bound)
    return category.daily_bound


def _exact(out: _Out, name: str) -> bool:
    """A figure as the bulletin states it: not rounded, no bound but the "about" the
    bulletin itself puts on personnel."""
    return not out.rounded and (out.bound is None or (out.bound == "about" and name == "personnel"))


def _agrees(out: _Out, exact: int) -> bool:
    """Whether a rounded or bounded statement fits the exact figure."""
    value = out.value
    slack = max(out.unit, value // 20)
    if out.bound == "over":
        return exact >= value
    if out.bound == "under":
        return exact <= value
    if out.bound == "almost":
        return value - slack <= exact <= value
    if out.bound == "about":
        return abs(exact - value) <= slack
    return abs(exact - value) <= out.unit  # rounded, no bound: "982 тисячі"
