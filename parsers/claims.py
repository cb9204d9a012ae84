"""The claims an article makes about the losses: each figure it states and what the
figure says (a total, a day's increase, a bound), the days it speaks of ("on Sunday",
"вчора", "over the past 24 hours", "since the start of the war", "станом на 4 червня",
"last week"), superlatives ("the highest single-day figure since the invasion", "two
deadliest days of the war"), runs ("exceeded 1,000 per day since May 10") and the date
the article states for itself. Pure: text in, dataclasses out, no I/O. The figures are
the prose reader's (parsers/prose.py); judging them against the bulletins, and dating
an article that states no date, is flows/factcheck.py.

    article = read_claims(text)
    days = resolve_days(article.claims, dt.date(2024, 6, 4))   # one When per claim

Days are the days the losses happened: "on Sunday 2 June" is 2024-06-02, which the
bulletin of Monday 2024-06-03 states (the bulletin dated D reports the losses of D-1). A
total is as of a bulletin's morning: "since the start of the war" in an article of
2024-06-04 is the total of the bulletin of 2024-06-04, after the losses of 2024-06-03 -
its day is 2024-06-03 here, its report date that plus one.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Literal

from parsers.dates import MONTH_NAMES_PATTERN, month_number, published_at, title_date
from parsers.vocabulary import WAR_START

if TYPE_CHECKING:
    from parsers.prose import StatedFigure

Measure = Literal["total", "increase"]
ClaimKind = Literal["total", "increase", "bound", "superlative", "run"]
Unit = Literal["day", "week", "month"]

# What a day phrase says (see DayPhrase.kind).
DAY_KINDS = (
    "as_of",  # "станом на 4 червня", "as of June 4": the bulletin of that date (a total)
    "war_start",  # "since the start of the war", "з початку вторгнення", "загалом": a total
    "date",  # "on 2 June", "3 червня", "за минулу добу, 3 червня": the losses of that day
    "weekday",  # "on Sunday", "у неділю", "Sunday's": the last such day before the article
    "yesterday",  # "yesterday", "вчора", "вчера": the day before the article
    "past_day",  # "over the past 24 hours", "за минулу добу": the bulletin of the article's day
    "today",  # "today", "сьогодні": read as the bulletin of the article's day
    "next_day",  # "a day later", "наступного дня": the day after the one spoken of before
    "previous_day",  # "the day before", "напередодні"
    "past_week",  # "over the past week", "за тиждень": the seven days before the article
    "last_week",  # "last week", "минулого тижня": Monday to Sunday of the week before
    "month",  # "in May", "у травні", "за травень": the days of that month
    "this_year",  # "this year", "з початку року" (superlative scopes)
    "span",  # "in 18 months", "за останні 3 тижні" (superlative scopes)
)


@dataclass(frozen=True)
class DayPhrase:
    """Words of the text naming a day or days, not yet resolved against a date."""

    text: str
    span: tuple[int, int]
    kind: str  # one of DAY_KINDS
    weekday: int | None = None  # 0 Monday .. 6 Sunday
    day: int | None = None
    month: int | None = None
    year: int | None = None
    count: int | None = None  # "span": how many `unit`s
    unit: str | None = None  # "span": "day", "week", "month", "year"

    @property
    def marks_total(self) -> bool:
        return self.kind in ("as_of", "war_start")


@dataclass(frozen=True)
class Superlative:
    """ "the highest single-day ... since the invasion": the covered days are the `rank`
    highest (lowest) of the scope, from `scope` (None: the whole war) to the last of them."""

    text: str
    span: tuple[int, int]
    rank: int  # 1: the highest; 2: "its two deadliest days"
    lowest: bool
    unit: Unit
    scope: DayPhrase | None
    vague: bool = False  # "one of the deadliest": read as among the ten highest


@dataclass(frozen=True)
class Run:
    """ "exceeded 1,000 per day since May 10": every day of the period (or their average)
    within the figure's bound."""

    text: str
    span: tuple[int, int]
    since: DayPhrase | None  # the first day
    days: int | None = None  # "for five days in a row": the last `days` days
    period: DayPhrase | None = None  # "last week", "in May"
    average: bool = False  # "on average 1,200 a day"


@dataclass(frozen=True)
class Claim:
    """One thing the article says about the losses."""

    figure: StatedFigure
    quote: str  # the words of the text it rests on (pieces joined by " … ")
    measure: Measure | None  # what the figure is of; None: the text does not say
    when: DayPhrase | None  # the day phrase it goes with; None: none (the article's day)
    superlative: Superlative | None = None
    run: Run | None = None
    covers: tuple[Claim, ...] = ()  # a superlative's figures
    not_judged: str | None = None  # why the bulletins cannot speak to it (a forecast...)
    words: str = ""  # the figure as written ("1,270", "982 тисячі", "1.3 million")

    @property
    def kind(self) -> ClaimKind | None:
        """total, increase, bound, superlative or run (None: a figure of unknown measure)."""
        if self.superlative is not None:
            return "superlative"
        if self.run is not None:
            return "run"
        if self.figure.bound is not None:
            return "bound"
        return self.measure

    @property
    def category(self) -> str:
        return self.figure.category

    @property
    def value(self) -> int:
        return self.figure.value


@dataclass(frozen=True)
class Article:
    text: str
    claims: tuple[Claim, ...]
    stated_date: dt.date | None  # the date the article states for itself
    stated_date_text: str | None  # the words that state it
    problems: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class When:
    """A claim's days resolved against the article's date: the days the losses
    happened (for a total: the last day before its bulletin)."""

    days: tuple[dt.date, ...]
    text: str | None  # the phrase, None when none was stated (the article's day)
    future: bool = False  # a day the article cannot yet know the bulletin of


# --------------------------------------------------------------------------------------
# Words
# --------------------------------------------------------------------------------------

_I = re.IGNORECASE
_M = rf"(?:{MONTH_NAMES_PATTERN})(?![^\W\d_])\.?"
_ORD = r"(?:st|nd|rd|th)?"
_YEAR_WORD = r"(?:\s*(?:року|р\.|года|г\.))?"
_DATE = (
    r"(?:\d{4}-\d{2}-\d{2}"
    r"|\d{1,2}\.\d{1,2}\.(?:\d{4}|\d{2})(?!\d)"
    rf"|(?<![\d.,])\d{{1,2}}{_ORD}\s+(?:of\s+)?{_M}(?:,?\s+20\d{{2}}(?!\d))?"
    rf"|{_M}\s+\d{{1,2}}{_ORD}(?![\d,.]\d)(?:,?\s+20\d{{2}}(?!\d))?)" + _YEAR_WORD
)
_DATE_PARTS = (
    re.compile(r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})"),
    re.compile(r"(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4}|\d{2})"),
    re.compile(
        rf"(?<![\d.,])(?P<d>\d{{1,2}}){_ORD}\s+(?:of\s+)?(?P<mn>{_M})(?:,?\s+(?P<y>20\d{{2}})(?!\d))?",
        _I,
    ),
    re.compile(rf"(?P<mn>{_M})\s+(?P<d>\d{{1,2}}){_ORD}(?:,?\s+(?P<y>20\d{{2}})(?!\d))?", _I),
)

_WEEKDAYS: tuple[tuple[int, str], ...] = (
    (0, r"monday|понеділ(?:ок|ка|ку)|понедельник(?:а|у)?"),
    (1, r"tuesday|вівтор(?:ок|ка|ку)|вторник(?:а|у)?"),
    (2, r"wednesday|серед(?:а|у|и)|сред(?:а|у|ы)"),
    (3, r"thursday|четвер(?:га|гу)?|четверг(?:а|у)?"),
    (4, r"friday|п['’ʼ]?ятниц(?:я|ю|і)|пятниц(?:а|у|ы)"),
    (5, r"saturday|субот(?:а|у|и)|суббот(?:а|у|ы)"),
    (6, r"sunday|неділ(?:я|ю|і)|воскресень(?:е|я)"),
)
_WEEKDAY = "(?<![^\\W\\d_])(?:" + "|".join(f"(?:{words})" for _, words in _WEEKDAYS) + ")"
_WEEKDAY_RES = tuple((number, re.compile(rf"^(?:{words})$", _I)) for number, words in _WEEKDAYS)
_WEEKDAY_PREFIX = (
    r"(?:(?<![^\W\d_])(?:on|last|this\s+past|у|в|во|за|минулої|минулого|минулу|минулий|прошлое|прошлую|"
    r"прошлый|в\s+прошлое|в\s+прошлую|в\s+прошлый|у\s+минулу|у\s+минулий|в\s+минулу|в\s+минулий)"
    r"(?![^\W\d_])\s+)?"
)

# "у травні", "в мае" (the locative; "in May" and "за травень" use the names above).
_MONTHS_IN = {
    name: number
    for number, names in enumerate(
        (
            ("січні", "январе"),
            ("лютому", "феврале"),
            ("березні", "марте"),
            ("квітні", "апреле"),
            ("травні", "мае"),
            ("червні", "июне"),
            ("липні", "июле"),
            ("серпні", "августе"),
            ("вересні", "сентябре"),
            ("жовтні", "октябре"),
            ("листопаді", "ноябре"),
            ("грудні", "декабре"),
        ),
        start=1,
    )
    for name in names
}
_MONTH_IN = "|".join(_MONTHS_IN)

# Counts of days, weeks, months and ranks, in words (figures are the prose reader's).
_COUNT_WORDS = {
    **dict.fromkeys(("one", "один", "одна", "одну", "одного"), 1),
    **dict.fromkeys(("two", "два", "дві", "две", "двох", "двух", "обидва", "оба"), 2),
    **dict.fromkeys(("three", "три", "трьох", "трех", "трёх"), 3),
    **dict.fromkeys(("four", "чотири", "четыре", "чотирьох", "четырех"), 4),
    **dict.fromkeys(("five", "п'ять", "п’ять", "пять"), 5),
    **dict.fromkeys(("six", "шість", "шесть"), 6),
    **dict.fromkeys(("seven", "сім", "семь"), 7),
    **dict.fromkeys(("eight", "вісім", "восемь"), 8),
    **dict.fromkeys(("nine", "дев'ять", "дев’ять", "девять"), 9),
    **dict.fromkeys(("ten", "десять"), 10),
    **dict.fromkeys(("eleven", "одинадцять", "одиннадцать"), 11),
    **dict.fromkeys(("twelve", "дванадцять", "двенадцать"), 12),
    **dict.fromkeys(("eighteen", "вісімнадцять", "восемнадцать"), 18),
    **dict.fromkeys(("second", "другий", "другої", "второй"), 2),
    **dict.fromkeys(("third", "третій", "третьої", "третий"), 3),
    **dict.fromkeys(("fourth", "четвертий", "четвертої", "четвертый"), 4),
    **dict.fromkeys(("fifth", "п'ятий", "п’ятий", "пятый"), 5),
}
_COUNT = r"(?:\d{1,3}(?:-?(?:st|nd|rd|th|й|ий|го))?|" + "|".join(_COUNT_WORDS) + ")"


def _count(word: str) -> int | None:
    digits = re.match(r"\d+", word)
    return int(digits.group()) if digits else _COUNT_WORDS.get(word.lower())


_WAR = (
    r"(?:the\s+|russia['’]s\s+|this\s+)?(?:full[- ]scale\s+|russian\s+)*"
    r"(?:war|invasion|conflict|aggression|fighting)"
)
_WAR_UK = r"(?:повномасштабного\s+|російського\s+|великої\s+)*(?:вторгнення|війни|агресії)"
_WAR_RU = r"(?:полномасштабного\s+|российского\s+|большой\s+)*(?:вторжения|войны|агрессии)"
_WAR_START_DATE = (
    r"(?:24(?:th)?\s+(?:of\s+)?(?:лютого|февраля|february|feb)\.?|(?:february|feb)\.?\s+24(?:th)?"
    r"|24\.02)(?:\.?,?\s*(?:20)?22)?" + _YEAR_WORD
)
_WAR_START_RE = (
    rf"since\s+the\s+(?:very\s+)?(?:start|beginning|onset|outbreak)\s+of\s+{_WAR}"
    rf"|since\s+{_WAR}(?:\s+(?:began|started|begun))?(?:\s+(?:over|more\s+than|almost)\s+"
    r"(?:two|three|four|\d)\s+years\s+ago)?"
    r"|since\s+(?:the\s+war|it)\s+began|since\s+february\s+2022"
    rf"|(?:з|від|із)\s+початку\s+{_WAR_UK}|за\s+(?:весь|увесь)\s+час\s+"
    r"(?:повномасштабної\s+)?(?:війни|вторгнення)"
    rf"|с\s+начала\s+{_WAR_RU}|за\s+(?:всё|все)\s+время\s+(?:войны|вторжения)"
    rf"|(?:since|from|з|із|від|с)\s+{_WAR_START_DATE}"
)
# Words that say a figure is a total, without a day of their own.
_TOTAL_WORDS = (
    r"\b(?:in\s+total|to\s+date|so\s+far|overall|all\s+told|total\s+(?:number|losses)"
    r"|загалом|загальн\w+\s+втрат\w*|в\s+общей\s+сложности|общ\w+\s+потер\w*)\b"
)

_PHRASES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern, _I))
    for kind, pattern in (
        (
            "as_of",
            r"(?:станом\s+на|по\s+состоянию\s+на|as\s+of|as\s+at|на\s+ранок|на\s+утро)\s+"
            rf"(?:(?:{_WEEKDAY}),?\s+)?{_DATE}",
        ),
        (
            "date",  # "за минулу добу, 3 червня": the losses of the 3rd
            r"(?:за\s+(?:минулу\s+)?добу|за\s+(?:прошедшие\s+)?сутки|over\s+the\s+past\s+day)"
            rf",?\s+(?:on\s+)?{_DATE}",
        ),
        ("war_start", _WAR_START_RE),
        ("war_start", _TOTAL_WORDS),
        (
            "past_week",
            r"(?:over|in|during)\s+the\s+(?:past|last)\s+(?:week|seven\s+days|7\s+days)"
            r"|за\s+(?:минулий\s+|останній\s+|попередній\s+)?тиждень"
            r"|за\s+останні\s+(?:7|сім)\s+днів"
            r"|за\s+(?:прошедшую\s+|последнюю\s+|минувшую\s+|прошлую\s+)?неделю"
            r"|за\s+последние\s+(?:7|семь)\s+дней",
        ),
        (
            "last_week",
            r"last\s+week|the\s+previous\s+week|минулого\s+тижня|на\s+минулому\s+тижні"
            r"|на\s+прошлой\s+неделе",
        ),
        (
            "past_day",
            r"(?:over|in|during|for|within)\s+the\s+(?:past|last|previous)\s+(?:24\s+hours|day)"
            r"|(?:over|in)\s+(?:the\s+)?past\s+24\s+hours"
            r"|за\s+(?:минулу|останню|попередню)\s+добу|за\s+(?:минулі|останні)\s+24\s+години"
            r"|за\s+добу|(?:протягом|упродовж)\s+(?:минулої\s+|останньої\s+)?доби|минулої\s+доби"
            r"|за\s+(?:прошедшие|минувшие|последние|прошлые)\s+(?:сутки|24\s+часа)|за\s+сутки"
            r"|в\s+течение\s+(?:прошедших\s+|минувших\s+)?суток",
        ),
        ("yesterday", r"\b(?:yesterday|вчора|учора|вчера)\b"),
        ("today", r"\b(?:today|сьогодні|сегодня)\b"),
        (
            "next_day",
            r"(?:just\s+|only\s+)?(?:a|one)\s+day\s+later|the\s+(?:next|following)\s+day"
            r"|наступного\s+дня|на\s+наступний\s+день|наступної\s+доби|днем\s+пізніше"
            r"|на\s+следующий\s+день|днем\s+позже|на\s+следующие\s+сутки",
        ),
        (
            "previous_day",
            r"the\s+day\s+before|a\s+day\s+(?:earlier|before)|напередодні|днем\s+раніше"
            r"|накануне|днем\s+ранее",
        ),
        ("date", rf"(?:(?:on\s+)?(?:{_WEEKDAY}),?\s+)?(?:on\s+(?:the\s+)?)?{_DATE}"),
        ("weekday", rf"{_WEEKDAY_PREFIX}(?P<wd>{_WEEKDAY})(?:['’]s)?(?![^\W\d_])"),
        (
            "month",
            rf"\bin\s+(?P<mn>{_M})(?:\s+\d{{4}})?(?![\s\d]*\d)"
            rf"|(?<![^\W\d_])(?:у|в)\s+(?P<ml>{_MONTH_IN})(?:\s+\d{{4}}\s*(?:року|года))?"
            rf"|за\s+(?P<mz>{_M})(?![\s\d]*\d)",
        ),
    )
)

_SUPERLATIVE_RE = re.compile(
    r"(?P<vague>one\s+of\s+(?:the\s+|its\s+|russia['’]s\s+)?|одн(?:ий|ою|а|е|ієї|ого|им)\s+(?:з|із)\s+"
    r"|одн(?:им|ой|а|о|ого)\s+из\s+)?"
    rf"(?:(?P<rank>{_COUNT})\s+)?"
    r"(?:(?:single[- ]day|daily|one[- ]day)\s+)?"
    r"(?P<word>highest|largest|biggest|deadliest|heaviest|greatest|bloodiest|worst|"
    r"most\s+(?:lethal|deadly|costly)|record(?:[- ](?:high|breaking|setting))?|all[- ]time\s+high|"
    r"lowest|smallest|fewest|"
    r"найбільш\w*|найвищ\w*|найкривав\w*|найсмертонос\w*|найважч\w*|рекорд\w*|максимальн\w*|"
    r"максимум\w*|"
    r"найменш\w*|найнижч\w*|мінімальн\w*|"
    r"наибольш\w*|наивысш\w*|крупнейш\w*|самы\w*\s+(?:больш|высок|кровав|крупн|тяжел|смертонос|"
    r"мал|низк)\w*|максимальн\w*|наименьш\w*|минимальн\w*)(?![^\W\d_])",
    _I,
)
_LOWEST_RE = re.compile(
    r"lowest|smallest|fewest|найменш|найнижч|мінімальн|наименьш|минимальн|самы\w*\s+(?:мал|низк)",
    _I,
)
_DAY_UNIT_RE = re.compile(
    r"(?:single[- ]|one[- ])?days?\b|daily|добов\w*|доб[аиу]\b|день|дн(?:і|ів|я|ей)\b|сут(?:ки|ок)",
    _I,
)
_UNIT_RES: tuple[tuple[Unit, re.Pattern[str]], ...] = (
    ("week", re.compile(r"\b(?:weeks?|тиж(?:день|ня|ні|нів)|недел[юиья])\b", _I)),
    ("month", re.compile(r"\b(?:months?|місяц[ьяів]\w*|месяц\w*)\b", _I)),
)
_SCOPE_PHRASES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern, _I))
    for kind, pattern in (
        ("war_start", _WAR_START_RE),
        (
            "war_start",
            rf"of\s+{_WAR}|in\s+(?:the\s+)?(?:whole\s+|entire\s+)?war|ever(?:\s+recorded)?"
            r"|on\s+record|of\s+all\s+time|за\s+(?:всю|усю)\s+(?:війну|войну)"
            r"|за\s+(?:весь|увесь)\s+період(?:\s+війни)?|за\s+весь\s+период(?:\s+войны)?"
            r"|за\s+все\s+время|за\s+всю\s+(?:історію|историю)|у\s+цій\s+війні|в\s+этой\s+войне",
        ),
        (
            "this_year",
            r"since\s+the\s+(?:start|beginning)\s+of\s+(?:the|this)\s+year|this\s+year"
            r"|з\s+початку\s+(?:цього\s+)?року|цього\s+року|с\s+начала\s+(?:этого\s+)?года"
            r"|в\s+этом\s+году",
        ),
        (
            "span",
            rf"(?:in|over|for)\s+(?:(?:the\s+)?(?:past|last)\s+)?(?P<n>{_COUNT})\s+"
            r"(?P<u>months?|weeks?|days|years?)"
            rf"|за\s+(?:останні\s+|последние\s+)?(?P<n2>{_COUNT})\s+(?P<u2>місяц\w*|тижн\w*|"
            r"дн\w*|рок\w*|років|месяц\w*|недел\w*|лет|год\w*)",
        ),
        ("date", rf"(?:since|from|з|із|від|с|со)\s+(?:(?:early|mid|late)\s+)?{_DATE}"),
        ("month", rf"(?:since|з|із|від|с|со)\s+(?:(?:early|mid|late)\s+)?(?P<mn>{_M})(?!\s*\d)"),
    )
)

_PER_DAY_RE = re.compile(
    r"(?:per|a|each|every)\s+day\b(?!\s+(?:later|earlier|before|after))|\bdaily\b"
    r"|every\s+single\s+day|day\s+after\s+day"
    r"|щодня|щодоби|на\s+добу|кожн(?:ого|у|ий|ої)\s+(?:дня|добу|день|доби)|щоденно"
    r"|ежедневно|ежесуточно|в\s+сутки|в\s+день|каждый\s+день|каждые\s+сутки",
    _I,
)
_RUN_SINCE_RE = re.compile(
    rf"(?:ever\s+)?since\b[^.;!?]{{0,80}}?(?P<date>(?:on\s+)?{_DATE}"
    rf"|(?:on\s+|last\s+)?(?:{_WEEKDAY})(?![^\W\d_]))"
    rf"|(?:починаючи\s+з|починаючи\s+від|начиная\s+с|\bз|\bіз|\bвід|\bс|\bсо)\s+"
    rf"(?P<date2>{_DATE}|(?:{_WEEKDAY})(?![^\W\d_]))",
    _I,
)
_IN_A_ROW_RE = re.compile(
    rf"(?:for\s+)?(?P<n>{_COUNT})\s+(?:consecutive|straight)\s+days"
    rf"|(?P<n2>{_COUNT})\s+days\s+in\s+a\s+row"
    rf"|for\s+the\s+(?P<n3>{_COUNT})\s+(?:consecutive|straight)\s+day"
    rf"|(?P<n4>{_COUNT})\s+(?:дн(?:і|ів)|доби|діб|дня|дней|суток)\s+(?:поспіль|подряд)"
    rf"|(?:поспіль|подряд)\s+(?P<n5>{_COUNT})\s+(?:дн(?:і|ів)|доби|діб|дня|дней|суток)"
    rf"|(?P<n6>{_COUNT})\s+(?:день|добу)\s+(?:поспіль|подряд)",
    _I,
)
_AVERAGE_RE = re.compile(
    r"on\s+average|an\s+average\s+of|averag\w+|в\s+середньому|у\s+середньому|в\s+среднем"
    r"|середн\w+|средн\w+",
    _I,
)
_FORECAST_RE = re.compile(
    r"\b(?:will|would|could|might|expected|expects|forecasts?|forecasted|predicts?|predicted"
    r"|projected|projects)\b|\bбуд(?:е|уть|ет)\b|\bмож(?:е|уть|ет|гут)\b|прогноз\w*|очіку\w*|ожида\w*",
    _I,
)
_OTHER_SOURCE_RE = re.compile(
    r"according\s+to\s+(?:the\s+)?(?:UK|British|U\.S\.|US|American|Pentagon|CIA|Mediazona"
    r"|BBC|Russian|Kremlin|Western)\b|за\s+даними\s+(?:британськ|американськ|Медіазон|ВВС|BBC"
    r"|російськ|Пентагон)\w*|по\s+данным\s+(?:британск|американск|Медиазон|Би-би-си|BBC"
    r"|российск|Пентагон)\w*",
    _I,
)
# Where a clause ends inside a sentence ("1,270" keeps its comma).
_CLAUSE_BREAK_RE = re.compile(r"[;:()\[\]]|\s[—–-]\s|,(?!\d)|(?<!\d),")
_NOT_A_LIST_RE = re.compile(
    r"[;:]|\s[—–]\s|(?<![^\W\d_])(?:but|while|whereas|however|another|also|plus|bringing|total"
    r"|але|проте|однак|тоді\s+як|ще|також|загальн\w*|загалом|всього|усього|но|однако|ещ[её]"
    r"|также|общ\w+|итого)(?![^\W\d_])",
    _I,
)
_CONJUNCTION_RE = re.compile(
    r"\s(?:and|but|while|whereas|і|й|та|а|але|проте|и|но|а\s+также|а\s+також)\s", _I
)
_ABBREVIATION_RE = re.compile(
    r"(?:\b[^\W\d_]|\b(?:[^\W\d_]\.)+[^\W\d_]|\b(?:Mr|Mrs|Ms|Dr|St|Gen|Lt|Col|Sgt|No|vs|ім|тис"
    r"|млн|млрд|див|ст|св|обл|р|рр|ген|тыс|см|г))$",
    _I,
)


# --------------------------------------------------------------------------------------
# Reading
# --------------------------------------------------------------------------------------


def read_claims(text: str, lang: str | None = None) -> Article:
    """The claims of an article: its figures read by the prose reader, then
    claims_from them."""
    from parsers import read_prose

    reading = read_prose(text, lang)
    return claims_from(text, reading.figures, problems=reading.problems)


def claims_from(
    text: str, figures: Sequence[StatedFigure], problems: Sequence[str] = ()
) -> Article:
    """The claims `figures` (stated in `text`, with spans into it) make: each figure
    with its day phrase, then the superlatives and runs they take part in."""
    sentences = split_sentences(text)
    superlatives = find_superlatives(text)
    # "the highest daily toll since June 1" is a superlative, not a run.
    runs = [
        r
        for r in find_runs(text)
        if not any(s.span[0] <= r.span[0] <= s.span[1] + 30 for s in superlatives)
    ]
    consumed = [s.scope.span for s in superlatives if s.scope] + [
        r.since.span for r in runs if r.since
    ]
    phrases = [p for p in find_day_phrases(text) if not any(_overlaps(p.span, c) for c in consumed)]
    claims: list[Claim] = []
    for start, end in sentences:
        in_sentence = sorted(
            (f for f in figures if start <= f.span[0] < end), key=lambda f: f.span[0]
        )
        if not in_sentence:
            continue
        sentence_claims = _sentence_claims(
            text,
            (start, end),
            in_sentence,
            [p for p in phrases if start <= p.span[0] < end],
            [s for s in superlatives if start <= s.span[0] < end],
            [r for r in runs if start <= r.span[0] < end],
        )
        claims.extend(sentence_claims)
    return Article(
        text=text,
        claims=tuple(claims),
        stated_date=(stated := stated_date(text, phrases))[0],
        stated_date_text=stated[1],
        problems=tuple(problems),
    )


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the sentences and lines of `text`."""
    bounds: list[tuple[int, int]] = []
    start = 0
    for match in re.finditer(r"(?<=[.!?…])[\"”»’)\]]*\s+|\s*\n\s*", text):
        before = text[start : match.start()].rstrip('"”»’)]')
        if "\n" not in match.group() and before.endswith("."):
            word = re.search(r"[\w.]+\.$", before)
            if word and _ABBREVIATION_RE.search(word.group()[:-1]):
                continue
        if text[start : match.start()].strip():
            bounds.append((start, match.start()))
        start = match.end()
    if text[start:].strip():
        bounds.append((start, len(text)))
    return bounds


def find_day_phrases(text: str) -> list[DayPhrase]:
    """Every day phrase of the text, left to right; where two overlap, the one of the
    earlier kind in _PHRASES (a date "as of" before a bare date)."""
    found: list[DayPhrase] = []
    for kind, regex in _PHRASES:
        for match in regex.finditer(text):
            if any(_overlaps(match.span(), p.span) for p in found):
                continue
            phrase = _phrase(kind, match)
            if phrase is not None:
                found.append(phrase)
    return sorted(found, key=lambda p: p.span)


def find_superlatives(text: str) -> list[Superlative]:
    """Every superlative of the text with the unit it compares ("single-day", "week") and
    its scope ("since the invasion", "in 18 months"; None: the whole war)."""
    found: list[Superlative] = []
    for match in _SUPERLATIVE_RE.finditer(text):
        if any(s.scope and _overlaps(match.span(), s.scope.span) for s in found):
            continue  # "record" of "the highest on record"
        after = text[match.end() : min(_sentence_end(text, match.end()), match.end() + 120)]
        scope: tuple[str, re.Match[str]] | None = None
        for kind, regex in _SCOPE_PHRASES:
            near = regex.search(after)
            if near and (scope is None or near.start() < scope[1].start()):
                scope = (kind, near)
        scope_phrase = _phrase(scope[0], scope[1], offset=match.end()) if scope else None
        unit_text = after[: scope[1].start()] if scope else after
        found.append(
            Superlative(
                text=match.group().strip(),
                span=match.span(),
                rank=(_count(match["rank"]) if match["rank"] else None) or 1,
                lowest=bool(_LOWEST_RE.search(match["word"])),
                unit=_unit(match.group() + unit_text[:40]),
                scope=scope_phrase,
                vague=bool(match["vague"]),
            )
        )
    return found


def _unit(words: str) -> Unit:
    """What a superlative compares: days unless a week or a month is named first."""
    first: tuple[int, Unit] | None = None
    for unit, regex in (("day", _DAY_UNIT_RE), *_UNIT_RES):
        near = regex.search(words)
        if near and (first is None or near.start() < first[0]):
            first = (near.start(), unit)
    return first[1] if first else "day"


def find_runs(text: str) -> list[Run]:
    """ "N per day since D", "for N days in a row", "on average N a day last week": a
    "per day" with a period in its sentence (or an average)."""
    runs = []
    sentences = split_sentences(text)
    for marker in _PER_DAY_RE.finditer(text):
        start, end = next(((s, e) for s, e in sentences if s <= marker.start() < e), (0, len(text)))
        sentence = text[start:end]
        since = _RUN_SINCE_RE.search(sentence)
        in_a_row = _IN_A_ROW_RE.search(sentence)
        average = bool(_AVERAGE_RE.search(sentence))
        since_phrase = None
        if since:
            words = since["date"] or since["date2"]
            span = (start + since.start(), start + since.end())
            if re.search(r"\d", words):
                day, month, year = _date_parts(words)
                if day is not None:
                    since_phrase = DayPhrase(since.group(), span, "date", None, day, month, year)
            else:
                since_phrase = DayPhrase(since.group(), span, "weekday", _weekday(words))
        days = None
        if in_a_row:
            days = _count(next(g for g in in_a_row.groups() if g))
        if since_phrase is None and days is None and not average:
            continue
        runs.append(
            Run(
                text=marker.group(),
                span=marker.span(),
                since=since_phrase,
                days=days,
                average=average,
            )
        )
    return runs


def stated_date(
    text: str, phrases: Sequence[DayPhrase] | None = None
) -> tuple[dt.date | None, str | None]:
    """The date an article states for itself: a dateline (its first line, a date with a
    year), a bulletin's range ("з 24.02.22 по 04.06.24"), or "станом на 4 червня 2024" /
    "as of June 4, 2024" with a year. (None, None) when it states none."""
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    dateline = re.search(_DATE, first, _I) if len(first) <= 80 else None
    # A dateline is a date and little else ("4 червня 2024, 14:05", "June 4, 2024 | Kyiv"),
    # not a headline that names a day ("Russia lost 1,290 troops on June 3, 2024").
    if dateline and len(re.sub(r"[\W\d_]", "", first.replace(dateline.group(), ""))) <= 24:
        found = published_at(first)
        if found:
            return found[0], first
    ranged = title_date(text)
    if ranged:
        return ranged, None
    for phrase in phrases if phrases is not None else find_day_phrases(text):
        if phrase.kind == "as_of" and phrase.year:
            try:
                return dt.date(phrase.year, phrase.month, phrase.day), phrase.text
            except (TypeError, ValueError):
                continue
    return None, None


# --------------------------------------------------------------------------------------
# Resolving the days against the article's date
# --------------------------------------------------------------------------------------


def resolve_days(claims: Sequence[Claim], article_date: dt.date) -> list[When]:
    """When each claim speaks of, in the order given (a "day later" follows the day of
    the claim before it): the days the losses happened, oldest first."""
    resolved: list[When] = []
    previous: dt.date | None = None
    for claim in claims:
        if claim.superlative is not None:
            days = sorted({d for c in claim.covers for d in _days_of(resolved, claims, c)})
            text = claim.superlative.text
            when = When(tuple(days), text)
        elif claim.run is not None:
            when = _run_days(claim.run, article_date, previous)
        else:
            days = phrase_days(claim.when, article_date, previous)
            when = When(days, claim.when.text if claim.when else None)
        if when.days:
            when = When(when.days, when.text, future=when.days[-1] >= article_date)
            if claim.superlative is None and claim.run is None:
                previous = when.days[-1]
        resolved.append(when)
    return resolved


def _days_of(resolved: list[When], claims: Sequence[Claim], claim: Claim) -> tuple[dt.date, ...]:
    for index, other in enumerate(claims[: len(resolved)]):
        if other is claim:
            return resolved[index].days
    return ()


def phrase_days(
    phrase: DayPhrase | None, article_date: dt.date, previous: dt.date | None = None
) -> tuple[dt.date, ...]:
    """The days a phrase names, for an article of `article_date` (`previous`: the day
    the text spoke of last). No phrase, or a total's: the day before the article's."""
    day = dt.timedelta(days=1)
    latest = article_date - day
    if phrase is None:
        return (latest,)
    kind = phrase.kind
    if kind in ("war_start", "yesterday", "past_day", "today"):
        return (latest,)
    if kind == "as_of":
        report = _dated(phrase, article_date)
        return (report - day,) if report else (latest,)
    if kind == "date":
        found = _dated(phrase, article_date)
        return (found,) if found else ()
    if kind == "weekday":
        back = (article_date.weekday() - phrase.weekday) % 7 or 7
        return (article_date - dt.timedelta(days=back),)
    if kind == "next_day":
        return ((previous or latest - day) + day,)
    if kind == "previous_day":
        return ((previous or latest) - day,)
    if kind == "past_week":
        return tuple(article_date - dt.timedelta(days=n) for n in range(7, 0, -1))
    if kind == "last_week":
        monday = article_date - dt.timedelta(days=article_date.weekday() + 7)
        return tuple(monday + dt.timedelta(days=n) for n in range(7))
    if kind == "month":
        year = phrase.year or (
            article_date.year if phrase.month <= article_date.month else article_date.year - 1
        )
        first = dt.date(year, phrase.month, 1)
        days = []
        while first.month == phrase.month and first <= latest:
            days.append(first)
            first += day
        return tuple(days)
    return (latest,)


def scope_start(superlative: Superlative, article_date: dt.date) -> dt.date:
    """The first day a superlative compares with (the war's first by default)."""
    scope = superlative.scope
    if scope is None or scope.kind == "war_start":
        return WAR_START
    if scope.kind == "this_year":
        return dt.date(article_date.year, 1, 1)
    if scope.kind == "span" and scope.count:
        if scope.unit in ("month", "year"):
            months = scope.count * (12 if scope.unit == "year" else 1)
            year, month = divmod(article_date.year * 12 + article_date.month - 1 - months, 12)
            return max(dt.date(year, month + 1, min(article_date.day, 28)), WAR_START)
        days = scope.count * (7 if scope.unit == "week" else 1)
        return max(article_date - dt.timedelta(days=days), WAR_START)
    if scope.kind == "month":
        year = scope.year or (
            article_date.year if scope.month <= article_date.month else article_date.year - 1
        )
        return dt.date(year, scope.month, 1)
    found = _dated(scope, article_date)
    return max(found, WAR_START) if found else WAR_START


def _run_days(run: Run, article_date: dt.date, previous: dt.date | None) -> When:
    latest = article_date - dt.timedelta(days=1)
    if run.since is not None:
        first = phrase_days(run.since, article_date, previous)
        if not first:
            return When((), run.since.text)
        days = []
        day = first[0]
        while day <= latest:
            days.append(day)
            day += dt.timedelta(days=1)
        return When(tuple(days), run.since.text)
    if run.days:
        return When(
            tuple(latest - dt.timedelta(days=n) for n in range(run.days - 1, -1, -1)),
            f"{run.days} days",
        )
    if run.period is not None:
        return When(phrase_days(run.period, article_date, previous), run.period.text)
    return When((latest,), None)


def _dated(phrase: DayPhrase, article_date: dt.date) -> dt.date | None:
    """The date of a phrase's day and month: in its year, else the latest not after
    the article's date."""
    if phrase.day is None or phrase.month is None:
        return None
    try:
        if phrase.year:
            return dt.date(phrase.year, phrase.month, phrase.day)
        found = dt.date(article_date.year, phrase.month, phrase.day)
        if found > article_date:
            found = dt.date(article_date.year - 1, phrase.month, phrase.day)
        return found
    except ValueError:
        return None


# --------------------------------------------------------------------------------------
# Internals
# --------------------------------------------------------------------------------------


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _sentence_end(text: str, pos: int) -> int:
    for start, end in split_sentences(text):
        if start <= pos <= end:
            return end
    return len(text)


def _weekday(words: str) -> int | None:
    word = re.search(rf"(?:{_WEEKDAY})(?![^\W\d_])", words, _I)
    if not word:
        return None
    for number, regex in _WEEKDAY_RES:
        if regex.match(word.group()):
            return number
    return None


def _date_parts(words: str) -> tuple[int | None, int | None, int | None]:
    """(day, month, year) of the first date written in `words`."""
    best = None
    for regex in _DATE_PARTS:
        match = regex.search(words)
        if match and (best is None or match.start() < best.start()):
            best = match
    if best is None:
        return None, None, None
    groups = best.groupdict()
    if groups.get("mn"):
        if groups["mn"].rstrip(".").lower() == "may" and groups["mn"][0] == "m":
            return None, None, None  # "may" the verb
        month = month_number(groups["mn"])
    else:
        month = int(groups["m"])
    year = groups.get("y")
    year_number = None
    if year:
        year_number = int(year) + (2000 if len(year) == 2 else 0)
    return int(groups["d"]), month, year_number


def _phrase(kind: str, match: re.Match[str], offset: int = 0) -> DayPhrase | None:
    words = match.group()
    span = (match.start() + offset, match.end() + offset)
    groups = match.groupdict()
    if kind in ("as_of", "date"):
        day, month, year = _date_parts(words)
        if day is None:
            return None
        return DayPhrase(words, span, kind, _weekday(words), day, month, year)
    if kind == "weekday":
        return DayPhrase(words, span, kind, weekday=_weekday(groups.get("wd") or words))
    if kind == "month":
        name = groups.get("mn") or groups.get("mz")
        if name:
            if name.rstrip(".").lower() == "may" and name[0] == "m":
                return None
            month = month_number(name)
        else:
            month = _MONTHS_IN.get((groups.get("ml") or "").lower())
        if month is None:
            return None
        year = re.search(r"\d{4}", words)
        return DayPhrase(words, span, kind, month=month, year=int(year.group()) if year else None)
    if kind == "span":
        count = _count(groups.get("n") or groups.get("n2") or "")
        unit_word = (groups.get("u") or groups.get("u2") or "").lower()
        unit = next(
            (
                name
                for name, stems in (
                    ("month", ("month", "місяц", "месяц")),
                    ("week", ("week", "тиж", "недел")),
                    ("year", ("year", "рок", "рік", "лет", "год")),
                    ("day", ("day", "дн")),
                )
                if unit_word.startswith(stems)
            ),
            None,
        )
        return DayPhrase(words, span, kind, count=count, unit=unit)
    return DayPhrase(words, span, kind)


def _distance(a: tuple[int, int], b: tuple[int, int]) -> int:
    if a[1] <= b[0]:
        return b[0] - a[1]
    if b[1] <= a[0]:
        return a[0] - b[1]
    return 0


def _phrase_distance(text: str, figure: tuple[int, int], phrase: tuple[int, int]) -> int:
    distance = _distance(figure, phrase)
    between = text[min(figure[1], phrase[1]) : max(figure[0], phrase[0])]
    return distance + (100 if _CONJUNCTION_RE.search(f" {between} ") else 0)


def _breaks_between(text: str, a_end: int, b_start: int) -> bool:
    """Whether a new clause starts between two figures, or a figure of another kind
    ("512,420 and another 1,290", "1,200, bringing the total to 512,420"): not a list."""
    return bool(_NOT_A_LIST_RE.search(text[a_end:b_start]))


def _sentence_claims(
    text: str,
    sentence: tuple[int, int],
    figures: list[StatedFigure],
    phrases: list[DayPhrase],
    superlatives: list[Superlative],
    runs: list[Run],
) -> list[Claim]:
    # A run takes the figure nearest its "per day" (within a few words).
    run_of: dict[int, Run] = {}
    for run in runs:
        near = min(range(len(figures)), key=lambda i: _distance(figures[i].span, run.span))
        if _distance(figures[near].span, run.span) <= 60 and near not in run_of:
            run_of[near] = run
    # Each day phrase goes with the figure nearest it; the figures of a list share it.
    # Nearest pairs first, a phrase and a figure once each; a conjunction between them
    # ("on Monday and 1,280") is a clause away.
    own: dict[int, DayPhrase] = {}
    candidates = [i for i in range(len(figures)) if i not in run_of]
    pairs = sorted(
        (_phrase_distance(text, figures[i].span, phrase.span), n, i)
        for n, phrase in enumerate(phrases)
        for i in candidates
    )
    taken: set[int] = set()
    for _, n, i in pairs:
        if i not in own and n not in taken:
            own[i] = phrases[n]
            taken.add(n)
    phrase_of: dict[int, DayPhrase] = {}
    for i in candidates:
        if i in own:
            phrase_of[i] = own[i]
            continue
        before = [j for j in candidates if j < i and j in own]
        after = [j for j in candidates if j > i and j in own]
        if before and not any(
            _breaks_between(text, figures[k].span[1], figures[k + 1].span[0])
            for k in range(before[-1], i)
        ):
            phrase_of[i] = own[before[-1]]
        elif after and not any(
            _breaks_between(text, figures[k].span[1], figures[k + 1].span[0])
            for k in range(i, after[0])
        ):
            phrase_of[i] = own[after[0]]
    sentence_text = text[sentence[0] : sentence[1]]
    not_judged = None
    if _FORECAST_RE.search(sentence_text):
        not_judged = "a forecast or a possibility, not a count"
    elif _OTHER_SOURCE_RE.search(sentence_text):
        not_judged = "another source's count, not the General Staff's"
    claims: dict[int, Claim] = {}
    for i, figure in enumerate(figures):
        phrase = phrase_of.get(i)
        measure: Measure | None = figure.kind
        run = run_of.get(i)
        if run is not None:
            measure = "increase"
            if run.since is None and run.days is None and phrases:
                # "on average 1,200 a day last week": the period is the sentence's phrase.
                near = min(phrases, key=lambda p: _distance(p.span, figure.span))
                run = replace(run, period=near)
        elif measure is None and phrase is not None:
            measure = "total" if phrase.marks_total else "increase"
        quote = _quote(text, sentence, figures, i, phrase, run)
        claims[i] = Claim(
            figure=figure,
            quote=quote,
            measure=measure,
            when=phrase,
            run=run,
            not_judged=not_judged,
            words=text[figure.span[0] : figure.span[1]],
        )
    result = [claims[i] for i in range(len(figures))]
    for superlative in superlatives:
        eligible = [i for i in candidates if claims[i].measure != "total"]
        if not eligible:
            continue
        nearest = min(eligible, key=lambda i: _distance(figures[i].span, superlative.span))
        if _distance(figures[nearest].span, superlative.span) > 200:
            continue
        category = figures[nearest].category
        same = sorted(
            (i for i in eligible if figures[i].category == category),
            key=lambda i: _distance(figures[i].span, superlative.span),
        )
        covered = sorted(same[: max(superlative.rank, 1)])
        values = [figures[i].value for i in covered]
        pick = covered[values.index(max(values) if superlative.lowest else min(values))]
        spans = [figures[i].span for i in covered] + [superlative.span]
        start, end = min(s for s, _ in spans), max(e for _, e in spans)
        result.append(
            Claim(
                figure=figures[pick],
                quote=_excerpt(text, sentence, start, end),
                measure="increase",
                when=None,
                superlative=superlative,
                covers=tuple(claims[i] for i in covered),
                not_judged=not_judged,
                words=claims[pick].words,
            )
        )
    return result


def _clause(text: str, sentence: tuple[int, int], start: int, end: int) -> tuple[int, int]:
    left, right = sentence
    for match in _CLAUSE_BREAK_RE.finditer(text, sentence[0], sentence[1]):
        if match.end() <= start:
            left = match.end()
        elif match.start() >= end:
            right = match.start()
            break
    return left, right


def _excerpt(text: str, sentence: tuple[int, int], start: int, end: int, limit: int = 200) -> str:
    left, right = _clause(text, sentence, start, end)
    piece = text[left:right].strip()
    if len(piece) > limit:
        left = max(left, start - limit // 3)
        right = min(right, end + limit // 3)
        piece = text[left:right].strip()
        if left > sentence[0]:
            piece = "…" + piece.split(" ", 1)[-1]
        if right < sentence[1]:
            piece = piece.rsplit(" ", 1)[0] + "…"
    return piece.rstrip(".,;")


def _quote(
    text: str,
    sentence: tuple[int, int],
    figures: list[StatedFigure],
    index: int,
    phrase: DayPhrase | None,
    run: Run | None,
) -> str:
    figure = figures[index]
    start, end = figure.span
    if run is not None:
        spans = [figure.span, run.span] + ([run.since.span] if run.since else [])
        return _excerpt(text, sentence, min(s for s, _ in spans), max(e for _, e in spans))
    left, right = _clause(text, sentence, start, end)
    # Two figures in one clause ("1,270 on Sunday and another 1,290 on Monday"): cut at
    # the conjunction between them.
    for other in figures:
        if other is figure:
            continue
        if left <= other.span[1] <= start:
            cut = list(_CONJUNCTION_RE.finditer(text, other.span[1], start))
            if cut:
                left = max(left, cut[-1].start() + 1)
        elif end <= other.span[0] < right:
            cut = list(_CONJUNCTION_RE.finditer(text, end, other.span[0]))
            if cut:
                right = min(right, cut[-1].start())
    piece = text[left:right].strip().rstrip(".,;")
    if len(piece) > 160:
        piece = _excerpt(text, sentence, start, end, limit=120)
    if phrase is not None and not (left <= phrase.span[0] and phrase.span[1] <= right):
        words = phrase.text.strip()
        piece = f"{words} … {piece}" if phrase.span[0] < left else f"{piece} … {words}"
    return piece


__all__ = [
    "DAY_KINDS",
    "Article",
    "Claim",
    "ClaimKind",
    "DayPhrase",
    "Measure",
    "Run",
    "Superlative",
    "When",
    "claims_from",
    "find_day_phrases",
    "find_runs",
    "find_superlatives",
    "phrase_days",
    "read_claims",
    "resolve_days",
    "scope_start",
    "split_sentences",
    "stated_date",
]
