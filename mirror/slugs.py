"""The two transliterations the MoD sites' slugs use, and the slug families by era.

"mod" is the CMS transliteration of www.mil.gov.ua and mod.gov.ua ("bojovi", "rosiyan",
"znishheno", "diversifikacziyu"); "kmu" is the official 2010 table ("boiovi", "vtraty",
"voroha", "kvitnia") of www.kmu.gov.ua and of mod.gov.ua's second 2026 family."""

from __future__ import annotations

import datetime as dt
import functools
import re

from mirror.dates import MONTHS_EN, MONTHS_UK_GENITIVE, grouped

_MOD = {
    "а": "a",
    "б": "b",
    "в": "v",
    "г": "g",
    "ґ": "g",
    "д": "d",
    "е": "e",
    "є": "e",
    "ж": "zh",
    "з": "z",
    "и": "i",
    "і": "i",
    "ї": "i",
    "й": "j",
    "к": "k",
    "л": "l",
    "м": "m",
    "н": "n",
    "о": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ф": "f",
    "х": "h",
    "ц": "cz",
    "ч": "ch",
    "ш": "sh",
    "щ": "shh",
    "ь": "",
    "ю": "yu",
    "я": "ya",
    "'": "",
    "’": "",
}
_KMU = {
    **_MOD,
    "г": "h",
    "є": "ie",
    "и": "y",
    "й": "i",
    "х": "kh",
    "ц": "ts",
    "щ": "shch",
    "ю": "iu",
    "я": "ia",
}
_KMU_INITIAL = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}


_TABLES = {"mod": str.maketrans(_MOD), "kmu": str.maketrans(_KMU)}
_KMU_WORD_START = re.compile(r"(?<![^\W\d_])[єїйюя]")


def translit(text: str, table: str = "mod") -> str:
    """Lower-case Latin text of `text` in the "mod" or the "kmu" table."""
    lowered = text.lower()
    if table == "kmu":  # є ї й ю я open a word as ye yi y yu ya
        lowered = _KMU_WORD_START.sub(lambda m: _KMU_INITIAL[m.group()], lowered)
    return lowered.translate(_TABLES[table])


@functools.lru_cache(maxsize=8192)
def slugify(title: str, table: str = "mod", *, keep_dashes: bool = False) -> str:
    """A CMS slug. `keep_dashes` keeps '–' as a word, as mil.gov.ua's slugs do
    ('…-voroga-–-generalnij-shtab-zs-ukraini')."""
    latin = translit(title, table)
    keep = "a-z0-9–" if keep_dashes else "a-z0-9"
    words = re.sub(rf"[^{keep}]+", " ", latin).split()
    return "-".join(words)


def month_word(month: int, table: str = "mod") -> str:
    """'lyutogo' / 'liutoho'."""
    return translit(MONTHS_UK_GENITIVE[month - 1], table)


def artsistem(count: int) -> str:
    """The slug ending after a count: artsistema (1, 21), artsistemi (2-4, 22-24), artsistem."""
    if count % 10 == 1 and count % 100 != 11:
        return "artsistema"
    if 2 <= count % 10 <= 4 and not 12 <= count % 100 <= 14:
        return "artsistemi"
    return "artsistem"


def _figures_part(personnel: int, uav: int, artillery: int, people: str) -> str:
    return (
        f"{grouped(personnel).replace(' ', '-')}-{people}-{uav}-bpla-ta-{artillery}-"
        f"{artsistem(artillery)}"
    )


def mod_daily(personnel: int, uav: int, artillery: int, *, osib: bool = False) -> str:
    """zagalni-bojovi-vtrati-rosiyan-za-dobu-1-950-okupantiv-61-bpla-ta-38-artsistem"""
    people = "osib" if osib else "okupantiv"
    return (
        f"zagalni-bojovi-vtrati-rosiyan-za-dobu-{_figures_part(personnel, uav, artillery, people)}"
    )


def mod_na(date: dt.date, personnel: int, uav: int, artillery: int) -> str:
    """zagalni-bojovi-vtrati-voroga-na-17-sichnya-2026-roku-1-130-okupantiv-…"""
    return (
        f"zagalni-bojovi-vtrati-voroga-na-{date.day}-{month_word(date.month)}-{date.year}-roku-"
        f"{_figures_part(personnel, uav, artillery, 'okupantiv')}"
    )


def mod_short(date: dt.date, *, second: bool = False) -> str:
    """bojovi-vtrati-voroga-na-5-lyutogo-2026-roku / boiovi-vtraty-voroha-na-2-kvitnia-2026-roku"""
    if second:
        return (
            f"boiovi-vtraty-voroha-na-{date.day}-{month_word(date.month, 'kmu')}-{date.year}-roku"
        )
    return f"bojovi-vtrati-voroga-na-{date.day}-{month_word(date.month)}-{date.year}-roku"


def mod_en_daily(personnel: int, uav: int, artillery: int) -> str:
    """…-over-the-last-day-880-persons-261-ua-vs-and-42-artillery-systems (the CMS splits
    "UAVs" into "ua-vs")."""
    people = f"{personnel:,}".replace(",", "-")
    return (
        "the-estimated-combat-losses-of-russians-over-the-last-day-"
        f"{people}-persons-{uav}-ua-vs-and-{artillery}-artillery-systems"
    )


def mod_en_as_of(date: dt.date, *, total: bool = False) -> str:
    """combat-losses-of-the-enemy-as-of-february-18-2026 /
    total-russian-combat-losses-in-ukraine-as-of-april-12-2026"""
    when = f"{MONTHS_EN[date.month - 1].lower()}-{date.day}-{date.year}"
    if total:
        return f"total-russian-combat-losses-in-ukraine-as-of-{when}"
    return f"combat-losses-of-the-enemy-as-of-{when}"


def mil_en(date: dt.date) -> str:
    """the-total-combat-losses-of-the-enemy-from-24-02-to-12-04 (2022), …-from-24-02-2022-to-
    01-05-2023 after."""
    if date.year == 2022:
        return f"the-total-combat-losses-of-the-enemy-from-24-02-to-{date:%d-%m}"
    return f"the-total-combat-losses-of-the-enemy-from-24-02-2022-to-{date:%d-%m-%Y}"


def kmu(date: dt.date) -> str:
    """zahalni-boiovi-vtraty-protyvnyka-z-24022022-po-01052023"""
    return f"zahalni-boiovi-vtraty-protyvnyka-z-24022022-po-{date:%d%m%Y}"
