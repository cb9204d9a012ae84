"""Kyiv time and the ways the mirrored sites write dates and numbers.

Publication times are naive Kyiv local times; `kyiv_offset` gives the UTC offset the
sitemap writes (EET +02:00, EEST +03:00 between the last Sundays of March and October)."""

from __future__ import annotations

import datetime as dt
import hashlib

MONTHS_UK_NOMINATIVE = (
    "Січень",
    "Лютий",
    "Березень",
    "Квітень",
    "Травень",
    "Червень",
    "Липень",
    "Серпень",
    "Вересень",
    "Жовтень",
    "Листопад",
    "Грудень",
)
MONTHS_UK_GENITIVE = (
    "січня",
    "лютого",
    "березня",
    "квітня",
    "травня",
    "червня",
    "липня",
    "серпня",
    "вересня",
    "жовтня",
    "листопада",
    "грудня",
)
MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def mix(*parts: object) -> int:
    """A stable 32-bit hash of the parts: the mirror's deterministic coin (a real hash:
    CRC's low bits follow the input's too closely for "one day in N")."""
    digest = hashlib.blake2b("|".join(map(str, parts)).encode(), digest_size=4).digest()
    return int.from_bytes(digest, "big")


def _last_sunday(year: int, month: int) -> dt.date:
    day = dt.date(year, month + 1, 1) - dt.timedelta(days=1)
    return day - dt.timedelta(days=(day.weekday() + 1) % 7)


def kyiv_offset(when: dt.datetime) -> str:
    summer = _last_sunday(when.year, 3) <= when.date() < _last_sunday(when.year, 10)
    return "+03:00" if summer else "+02:00"


def iso_kyiv(when: dt.datetime) -> str:
    """2026-02-05T07:12:00+02:00"""
    return f"{when:%Y-%m-%dT%H:%M:%S}{kyiv_offset(when)}"


def uk_long(date: dt.date) -> str:
    """5 лютого 2026 року"""
    return f"{date.day} {MONTHS_UK_GENITIVE[date.month - 1]} {date.year} року"


def en_long(date: dt.date) -> str:
    """February 5, 2026"""
    return f"{MONTHS_EN[date.month - 1]} {date.day}, {date.year}"


def grouped(value: int | str) -> str:
    """1245080 -> '1 245 080' (a text value, e.g. a faulted '12O', is kept)."""
    if not isinstance(value, int):
        return str(value)
    sign = "-" if value < 0 else ""
    return sign + f"{abs(value):,}".replace(",", " ")


def signed(value: int | str, group: bool = False) -> str:
    """'+1 070' / '+15' / '-7'."""
    if not isinstance(value, int):
        return str(value)
    sign = "-" if value < 0 else "+"
    return sign + (grouped(abs(value)) if group else str(abs(value)))
