"""The date boundaries of SITES.md: which site carries a bulletin, and when its layout,
titles and slugs changed. Only dates live here; the renderers ask these functions."""

from __future__ import annotations

import datetime as dt

_D = dt.date

MOD_SERIES_FIRST = _D(2022, 2, 27)  # the first MoD bulletin page (the reference starts earlier)
INCREASES_FROM = _D(2022, 5, 1)  # MoD pages and aggregator days state increases from here
MIL_LAST = _D(2024, 10, 6)  # www.mil.gov.ua carries the bulletins up to here
MOD_FIRST = _D(2024, 10, 7)  # mod.gov.ua from here
KMU_FIRST, KMU_LAST = _D(2023, 5, 1), _D(2024, 1, 31)  # www.kmu.gov.ua English copies
MIL_EN_BOATS_UNTIL = _D(2022, 5, 20)  # "boats / cutters", then "warships / boats"
KMU_LONG_YEARS_FROM = _D(2024, 1, 1)  # kmu titles "from 24.02.2022 to 17.01.2024"
MOD_NA_FROM = _D(2026, 1, 17)  # "на D" titles, the D-1 lead, nominative labels
MOD_SHORT_FROM = _D(2026, 1, 20)  # "Бойові втрати ворога на D", grouped posts
MOD_SECOND_TRANSLIT_FROM = _D(2026, 4, 1)  # "boiovi-vtraty-voroha-…" slugs, mostly
MOD_EN_TOTAL_FROM = _D(2026, 4, 12)  # "Total russian combat losses in Ukraine as of …"
WRONG_DAY = _D(2026, 4, 20)  # its page's slug names the 19th
WAR_START = _D(2022, 2, 24)


def has_increases(date: dt.date) -> bool:
    """Whether a MoD page or an aggregator day of `date` states increases."""
    return date >= INCREASES_FROM


def mod_site(date: dt.date) -> str | None:
    """The MoD site that published the bulletin of `date` (None: before the series)."""
    if date < MOD_SERIES_FIRST:
        return None
    return "www.mil.gov.ua" if date <= MIL_LAST else "mod.gov.ua"


def on_kmu(date: dt.date) -> bool:
    return KMU_FIRST <= date <= KMU_LAST


def mod_era(date: dt.date) -> str:
    """mod.gov.ua's layout era of `date`: "daily" (за добу, to 2026-01-16), "na" (на D
    with figures in the title, 2026-01-17..19), "short" (from 2026-01-20)."""
    if date < MOD_NA_FROM:
        return "daily"
    return "na" if date < MOD_SHORT_FROM else "short"


def range_text(date: dt.date, lang: str, *, long_years: bool = False) -> str:
    """The General Staff's range: 'з 24.02 по 08.07' (2022), 'з 24.02.22 по 01.05.23' after,
    'from 24.02.2022 to 17.01.2024' with `long_years`."""
    if long_years:
        start, end = "24.02.2022", f"{date:%d.%m.%Y}"
    elif date.year == 2022:
        start, end = "24.02", f"{date:%d.%m}"
    else:
        start, end = "24.02.22", f"{date:%d.%m.%y}"
    return f"з {start} по {end}" if lang == "uk" else f"from {start} to {end}"
