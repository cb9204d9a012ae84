"""The mirror's deterministic devices: which days lack an English page, which are left
out of an index, which carry a duplicate page, a grouped post, a decoy. Each is a hash
of (seed, rule, date), so a day's fate never depends on `until`.

SITES.md asks for "about one day in N"; the rules below say exactly which."""

from __future__ import annotations

import datetime as dt

from mirror import eras
from mirror.dates import mix

_D = dt.date

# Days a real English page is known for (../shared/real): never a gap.
REAL_MIL_EN = frozenset(
    _D(2022, m, d)
    for m, d in (
        (4, 12),
        (4, 25),
        (5, 10),
        (5, 27),
        (6, 1),
        (6, 13),
        (6, 29),
        (7, 1),
        (7, 11),
        (7, 20),
        (8, 1),
        (8, 16),
    )
)
REAL_KMU = frozenset(
    _D(*ymd)
    for ymd in (
        (2023, 5, 1),
        (2023, 6, 21),
        (2023, 10, 18),
        (2023, 12, 31),
        (2024, 1, 17),
        (2024, 1, 25),
    )
)
TYPO_DATE = _D(2025, 3, 18)  # the one slug that starts "agalni-"


def _one_in(seed: int, rule: str, date: dt.date, n: int) -> bool:
    return mix(seed, rule, date) % n == 0


def english_gap(seed: int, date: dt.date) -> bool:
    """No English page on the MoD site of the era: one day in 30."""
    return date not in REAL_MIL_EN and _one_in(seed, "en-gap", date, 30)


def kmu_missing(seed: int, date: dt.date) -> bool:
    """kmu.gov.ua did not copy this day of its era: one in 12."""
    return date not in REAL_KMU and _one_in(seed, "kmu-gap", date, 12)


def listing_omits(seed: int, date: dt.date, edition: str = "uk") -> bool:
    """mod.gov.ua's news listing leaves the bulletin out: one in 30 (per edition)."""
    return _one_in(seed, f"listing-{edition}", date, 30)


def tag_omits(seed: int, date: dt.date) -> bool:
    """The tag page leaves the bulletin out: one in 20 of the listed ones, and one in four
    of those the listing left out (those are found in the sitemap only)."""
    if listing_omits(seed, date):
        return _one_in(seed, "tag-too", date, 4)
    return _one_in(seed, "tag", date, 20)


def mod_duplicate(seed: int, date: dt.date) -> bool:
    """From 2026-01-20, one day in 12 also has a '-1' page with the same bulletin (never
    the 19 April 2026 page, whose '-1' slug the 20th took)."""
    if date < eras.MOD_SHORT_FROM or date in (
        eras.WRONG_DAY - dt.timedelta(days=1),
        eras.WRONG_DAY,
    ):
        return False
    return _one_in(seed, "dup", date, 12)


def mod_grouped(seed: int, date: dt.date) -> bool:
    """From 2026-01-20, one uk post in 7 puts its items under headings."""
    return date >= eras.MOD_SHORT_FROM and _one_in(seed, "grouped", date, 7)


def mod_second_translit(seed: int, date: dt.date) -> bool:
    """From April 2026, four slugs in five use the second transliteration (not the 19th of
    April: the 20th's wrong-day slug is that day's first-transliteration slug + '-1')."""
    if date < eras.MOD_SECOND_TRANSLIT_FROM or date == eras.WRONG_DAY - dt.timedelta(days=1):
        return False
    return not _one_in(seed, "translit", date, 5)


def mod_osib(seed: int, date: dt.date) -> bool:
    """2024-10-07..2026-01-16: one slug in 6 says '-osib-' for '-okupantiv-'."""
    return _one_in(seed, "osib", date, 6)


def mod_taken(seed: int, date: dt.date) -> bool:
    """One figures slug in 40 ends '-1' although no earlier slug took it (a deleted draft)."""
    return _one_in(seed, "taken", date, 40)


def decoy(seed: int, site: str, edition: str, date: dt.date) -> bool:
    """A news item about losses that holds no bulletin: one day in 25 per site edition."""
    return _one_in(seed, f"decoy-{site}-{edition}", date, 25)


def mil_pretty(seed: int, date: dt.date) -> bool:
    """mil.gov.ua/en pages pretty-printed with wrapped lines: one in 8."""
    return _one_in(seed, "pretty", date, 8)


def kmu_style(seed: int, date: dt.date) -> str:
    """kmu.gov.ua bodies: "ul" (a list) or a Facebook paste ("fb-div" nested div[dir=auto]
    lines, "fb-span" one span-wrapped block), alternating by day, the paste kind hashed."""
    if date.toordinal() % 2 == 0:
        return "ul"
    return "fb-div" if mix(seed, "fb", date) % 2 else "fb-span"
