"""Bulletin titles, site by site and era by era (SITES.md §1-4).

mil.gov.ua's Ukrainian headline is a daily headline with rounded numbers ("понад 1600
танків"), never the bulletin's figures: a rounded number is strictly above ("майже") or
below ("понад") the figure it rounds. mod.gov.ua's titles until 2026-01-19 carry the
day's increases of personnel, UAVs and artillery."""

from __future__ import annotations

import datetime as dt

from mirror import eras
from mirror.dates import en_long, grouped, mix, uk_long


def _step(value: int) -> int:
    if value < 100:
        return 10
    if value < 10_000:
        return 50
    return 100 if value < 100_000 else 1000


def over(value: int) -> int:
    """The 'понад N' of a headline: a round number below `value`."""
    step = _step(value)
    return max(0, (value - 1) // step * step)


def almost(value: int) -> int:
    """The 'майже N' of a headline: a round number above `value`."""
    step = _step(value)
    return (value // step + 1) * step


# (template, the categories whose totals it rounds: each must be at least 20, so that
# a rounded number is never 0 and never the figure itself).
_MIL_HEADLINES = (
    (
        "Втрати російських окупантів становлять понад {tanks_over} танків, знищено майже "
        "{acv_almost} бойових броньованих машин ворога – Генеральний штаб ЗС України",
        ("tanks", "armoured_combat_vehicles"),
    ),
    (
        "Втрати російських окупантів становлять понад {personnel_over} осіб, знищено понад "
        "{ships_over} кораблів і катерів ворога – Генштаб ЗС України",
        ("personnel", "warships_boats"),
    ),
    (
        "Загальні втрати ворога: майже {personnel_almost} окупантів ліквідовано, понад "
        "{artillery_over} артсистем знищено – Генштаб",
        ("personnel", "artillery_systems"),
    ),
    (
        "Генштаб ЗСУ: втрати окупантів перевищили {personnel_over} осіб, знищено понад "
        "{uav_over} БПЛА ворога",
        ("personnel", "uav"),
    ),
    (
        "Ворог втратив понад {tanks_over} танків та майже {mlrs_almost} РСЗВ – втрати "
        "окупантів за даними Генштабу",
        ("tanks", "mlrs"),
    ),
)
_KEYS = {
    "tanks": "tanks",
    "armoured_combat_vehicles": "acv",
    "personnel": "personnel",
    "warships_boats": "ships",
    "artillery_systems": "artillery",
    "uav": "uav",
    "mlrs": "mlrs",
}


def mil_uk_headline(seed: int, date: dt.date, totals: dict[str, int]) -> str:
    """The daily headline of a mil.gov.ua Ukrainian page (`totals`: category -> total).
    The first template (from a hashed start) whose categories are all large enough."""
    values = {}
    for name, key in _KEYS.items():
        total = totals.get(name, 0)
        values[f"{key}_over"] = over(total)
        values[f"{key}_almost"] = almost(total)
    start = mix(seed, "headline", date)
    for i in range(len(_MIL_HEADLINES)):
        template, needs = _MIL_HEADLINES[(start + i) % len(_MIL_HEADLINES)]
        if all(totals.get(name, 0) >= 20 for name in needs):
            return template.format(**values)
    return _MIL_HEADLINES[0][0].format(**values)


def mil_en_title(date: dt.date) -> str:
    """The total combat losses of the enemy from 24.02 to 12.04"""
    return f"The total combat losses of the enemy {eras.range_text(date, 'en')}"


def mil_uk_lead(date: dt.date) -> str:
    return f"Загальні бойові втрати противника {eras.range_text(date, 'uk')} орієнтовно склали:"


def mil_en_lead(date: dt.date) -> str:
    return f"{mil_en_title(date)} were approximately:"


def kmu_title(date: dt.date) -> str:
    """Total combat losses of the enemy from 24.02.22 to 01.05.23 (full years from 2024)."""
    long_years = date >= eras.KMU_LONG_YEARS_FROM
    return f"Total combat losses of the enemy {eras.range_text(date, 'en', long_years=long_years)}"


def kmu_lead(date: dt.date) -> str:
    long_years = date >= eras.KMU_LONG_YEARS_FROM
    range_ = eras.range_text(date, "en", long_years=long_years)
    return f"The total combat losses of the enemy {range_} were approximately:"


def artsistem_word(count: int) -> str:
    """38 артсистем, 1 артсистема, 2 артсистеми."""
    if count % 10 == 1 and count % 100 != 11:
        return "артсистема"
    if 2 <= count % 10 <= 4 and not 12 <= count % 100 <= 14:
        return "артсистеми"
    return "артсистем"


def people_word(count: int, osib: bool = False) -> str:
    """1 950 окупантів / осіб, 1 241 окупант / особа, 1 242 окупанти / особи."""
    if count % 10 == 1 and count % 100 != 11:
        return "особа" if osib else "окупант"
    if 2 <= count % 10 <= 4 and not 12 <= count % 100 <= 14:
        return "особи" if osib else "окупанти"
    return "осіб" if osib else "окупантів"


def _figures_text(personnel: int, uav: int, artillery: int, osib: bool = False) -> str:
    return (
        f"{grouped(personnel)} {people_word(personnel, osib)}, {uav} БпЛА та {artillery} "
        f"{artsistem_word(artillery)}"
    )


def mod_uk_title(
    date: dt.date, era_date: dt.date, increases: tuple[int, int, int], *, osib: bool = False
) -> str:
    """`increases`: (personnel, UAVs, artillery) of the day; `era_date` picks the family."""
    era = eras.mod_era(era_date)
    if era == "daily":
        return f"Загальні бойові втрати росіян за добу: {_figures_text(*increases, osib)}"
    if era == "na":
        return f"Загальні бойові втрати ворога на {uk_long(date)}: {_figures_text(*increases)}"
    return f"Бойові втрати ворога на {uk_long(date)}"


def mod_en_title(date: dt.date, era_date: dt.date, increases: tuple[int, int, int]) -> str:
    personnel, uav, artillery = increases
    if era_date < eras.MOD_NA_FROM:
        return (
            "The estimated combat losses of russians over the last day: "
            f"{personnel:,} persons, {uav} UAVs and {artillery} artillery systems"
        )
    if era_date < eras.MOD_EN_TOTAL_FROM:
        return f"The estimated combat losses of the enemy as of {en_long(date)}"
    return f"Total russian combat losses in Ukraine as of {en_long(date)}"
