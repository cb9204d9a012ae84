"""Report dates as bulletins and reposts write them.

- The bulletin title: "з 24.02.22 по 04.06.24" / "from 24.02.2022 to 04.06.2024" gives the
  report date itself.
- "станом на 23 листопада", "as of November 23", "по состоянию на 23.11.2024": the report
  date itself.
- "За минулу добу, 22 листопада, ...", "за прошедшие сутки, 20 апреля": the day the losses
  happened; the bulletin with these figures is dated the day after (the General Staff's
  morning report of D covers D-1; checked against the reference: the repost "За минулу
  добу, 22 листопада" carries the figures of the 2024-11-23 bulletin).
- The MoD titles and leads (mirror/SITES.md): "Бойові втрати ворога на 5 лютого 2026 року",
  "... as of April 12, 2026" (D itself); "Втрати ворога за 4 лютого 2026 року", "Total
  russian military losses on April 11, 2026" (the losses day D-1: the report date is the
  day after).
- Pages' own timestamps ("2022-04-12 06:00:00", "08 липня 2022, 09:25", "05.02.2026
  07:12", "18 January, 2026, 7:00 AM EEST", "posted 01 May 2023 08:06"): see published_at.
A day and month without a year ("з 24.02 по 08.07", the 2022 mil.gov.ua titles) take the
year that puts them nearest to `hint` (the page's timestamp, or the caller's fallback
date); without a hint they give no date.
"""

from __future__ import annotations

import datetime as dt
import re

_MONTHS = {
    **dict.fromkeys(("січня", "січень", "января", "январь", "january", "jan"), 1),
    **dict.fromkeys(("лютого", "лютий", "февраля", "февраль", "february", "feb"), 2),
    **dict.fromkeys(("березня", "березень", "марта", "март", "march", "mar"), 3),
    **dict.fromkeys(("квітня", "квітень", "апреля", "апрель", "april", "apr"), 4),
    **dict.fromkeys(("травня", "травень", "мая", "май", "may"), 5),
    **dict.fromkeys(("червня", "червень", "июня", "июнь", "june", "jun"), 6),
    **dict.fromkeys(("липня", "липень", "июля", "июль", "july", "jul"), 7),
    **dict.fromkeys(("серпня", "серпень", "августа", "август", "august", "aug"), 8),
    **dict.fromkeys(("вересня", "вересень", "сентября", "сентябрь", "september"), 9),
    **dict.fromkeys(("sep", "sept"), 9),
    **dict.fromkeys(("жовтня", "жовтень", "октября", "октябрь", "october", "oct"), 10),
    **dict.fromkeys(("листопада", "листопад", "ноября", "ноябрь", "november", "nov"), 11),
    **dict.fromkeys(("грудня", "грудень", "декабря", "декабрь", "december", "dec"), 12),
}
_MONTH = "(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_NUMERIC = r"(?P<nd>\d{1,2})\.(?P<nm>\d{1,2})\.(?P<ny>\d{4}|\d{2})(?!\d)"
_DAY_MONTH = r"(?P<d1>\d{1,2})\s+" + _MONTH + r"(?:\s+(?P<y1>\d{4}))?"
_MONTH_DAY = _MONTH.replace("month", "month2") + r"\s+(?P<d2>\d{1,2})(?!\d)(?:,?\s+(?P<y2>\d{4}))?"
_DATE = rf"(?:{_NUMERIC}|{_DAY_MONTH}|{_MONTH_DAY})"

# The bulletin's range, as titles write it ("з 24.02.22 по 04.06.24", "from 24.02.2022
# to 04.06.2024") and as reposts also do ("від 24.02.22 до 04.06.24", "з 24 лютого 2022
# року по 4 червня 2024 року", "from Feb 24, 2022 to June 4, 2024"; a spelled end date
# carries its year).
_WAR_START = (
    r"(?:24\.0?2(?:\.(?:20)?22)?|24\s+(?:лютого|февраля|february|feb)\.?,?\s+2022|"
    r"(?:february|feb)\.?\s+24(?:th)?,?\s+2022)"
)
# "08.07" without a year (the 2022 mil.gov.ua range), not the start of "08.07.22".
_SHORT = r"(?P<sd>\d{1,2})\.(?P<sm>\d{1,2})(?!\.?\d)"
_YEAR_WORD = r"(?:\s*(?:року|р\.|рік|года|г\.))?"
TITLE_DATE_RE = re.compile(
    r"(?:\bз|\bіз|\bвід|\bс|\bот|\bfrom)\s*"
    + _WAR_START
    + _YEAR_WORD
    + r",?\s*(?:по|до|to|till|until|through|—)\s*"
    + rf"(?:{_NUMERIC}|{_SHORT}|(?P<d1>\d{{1,2}})\s+{_MONTH}\s+(?P<y1>\d{{4}})|"
    + _MONTH.replace("month", "month2")
    + r"\s+(?P<d2>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y2>\d{4}))(?!\d)",
    re.IGNORECASE,
)
_AS_OF_RE = re.compile(
    r"(?:станом\s+на|по\s+состоянию\s+на|as\s+of|as\s+at|на\s+ранок|на\s+утро|"
    r"(?:reported|said|published)\s+on)\s+(?:ранок\s+|утро\s+)?(?:\w+,\s+)?" + _DATE,
    re.IGNORECASE,
)
_PAST_DAY_RE = re.compile(
    r"(?:за\s+(?:минулу\s+|попередню\s+|останню\s+)?добу|(?:упродовж|протягом)\s+"
    r"(?:минулої\s+)?доби|минулої\s+доби|за\s+(?:прошедшие\s+|минувшие\s+|последние\s+)?сутки|"
    r"(?:over|in|during)\s+the\s+(?:past|last|previous)\s+(?:day|24\s+hours))"
    r"\s*,?\s*(?:on\s+)?" + _DATE,
    re.IGNORECASE,
)


def _year(two_or_four: str) -> int:
    year = int(two_or_four)
    return year + 2000 if year < 100 else year


def title_date(text: str, hint: dt.date | None = None) -> dt.date | None:
    """The report date in a bulletin title/lead ("з 24.02.22 по 04.06.24"; "from 24.02
    to 12.04" with the year nearest to `hint`)."""
    for match in TITLE_DATE_RE.finditer(text):
        found = _match_date(match, hint)
        if found:
            return found
    return None


# The MoD's own "на D" / "as of D" titles and "за D-1" / "losses on D-1" leads. A date must
# follow ("Втрати ворога на Бахмутському напрямку" is no date).
_ON_DAY_RE = re.compile(r"(?:\bна|\bas\s+(?:of|at))\s+" + _DATE, re.IGNORECASE)
_LOSSES_DAY_RE = re.compile(
    r"(?:втрати|втрат|losses)(?:\s+[^\W\d_]+){0,3}?\s+(?:за|on)\s+" + _DATE, re.IGNORECASE
)


def stated_report_date(text: str, hint: dt.date | None = None) -> dt.date | None:
    """The report date D a MoD title or lead states: its range ("з 24.02.22 по D"), "на D"
    / "as of D", or the losses day ("Втрати ворога за D-1", "losses on D-1") plus one."""
    found = title_date(text, hint)
    if found:
        return found
    for match in _ON_DAY_RE.finditer(text):
        found = _match_date(match, hint)
        if found:
            return found
    for match in _LOSSES_DAY_RE.finditer(text):
        found = _match_date(match, hint)
        if found:
            return found + dt.timedelta(days=1)
    return None


def _nearest_year(month: int, day: int, hint: dt.date | None) -> dt.date | None:
    if hint is None:
        return None
    options = []
    for year in (hint.year - 1, hint.year, hint.year + 1):
        try:
            options.append(dt.date(year, month, day))
        except ValueError:
            continue
    return min(options, key=lambda d: abs((d - hint).days), default=None)


def _match_date(match: re.Match[str], hint: dt.date | None) -> dt.date | None:
    groups = match.groupdict()
    try:
        if match["nd"]:
            return dt.date(_year(match["ny"]), int(match["nm"]), int(match["nd"]))
        if groups.get("sd"):
            return _nearest_year(int(match["sm"]), int(match["sd"]), hint)
        if match["d1"]:
            month, day, year = _MONTHS[match["month"].lower()], int(match["d1"]), match["y1"]
        else:
            month, day, year = _MONTHS[match["month2"].lower()], int(match["d2"]), match["y2"]
        if year:
            return dt.date(int(year), month, day)
    except ValueError:
        return None
    return _nearest_year(month, day, hint)


def prose_date(text: str, hint: dt.date | None = None, *, after: str = "") -> dt.date | None:
    """The report date a repost states in words, or None (see the module docstring).

    `text` is what comes before the figures and the figures themselves; `after`, the text
    after them ("Читайте також: ... з 24.02.22 по 03.06.24", "Нагадаємо, станом на ..."),
    is looked at only when `text` states no date."""
    found = _stated_date(text, hint)
    if found is None and after:
        found = _stated_date(after, hint)
    return found


def _stated_date(text: str, hint: dt.date | None) -> dt.date | None:
    found = title_date(text)
    if found:
        return found
    for match in _AS_OF_RE.finditer(text):
        found = _match_date(match, hint)
        if found:
            return found
    for match in _PAST_DAY_RE.finditer(text):
        found = _match_date(match, hint)
        if found:
            return found + dt.timedelta(days=1)
    return None


def dotted_date(text: str) -> dt.date | None:
    """ "04.06.2024" (as in listing dates and the aggregator's day headers)."""
    match = re.search(r"(\d{1,2})\.(\d{1,2})\.(\d{4})", text)
    if not match:
        return None
    try:
        return dt.date(int(match[3]), int(match[2]), int(match[1]))
    except ValueError:
        return None


# A page's own publication time, as the sites print it (see the module docstring).
_CLOCK = r"(?P<h>\d{1,2}):(?P<mi>\d{2})(?::\d{2})?(?:\s*(?P<ampm>[AaPp]\.?[Mm]\.?))?"
_PUBLISHED_RES = (
    re.compile(r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?:[T ]" + _CLOCK + ")?"),
    re.compile(r"(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4}),?(?:\s+" + _CLOCK + ")?"),
    re.compile(
        r"(?P<d>\d{1,2})\s+"
        + _MONTH
        + r",?\s+(?P<y>\d{4})(?:\s*р\.)?,?(?:\s+(?:at\s+|о\s+)?"
        + _CLOCK
        + ")?",
        re.IGNORECASE,
    ),
    re.compile(
        _MONTH + r"\s+(?P<d>\d{1,2}),?\s+(?P<y>\d{4}),?(?:\s+(?:at\s+)?" + _CLOCK + ")?",
        re.IGNORECASE,
    ),
)


def published_at(text: str) -> tuple[dt.date, dt.time | None] | None:
    """The date (and time, when printed) of a page's timestamp text, as printed (Kyiv
    time on these sites); None for relative times ("3 hours ago", "Вчора о 22:55")."""
    best: tuple[int, tuple[dt.date, dt.time | None]] | None = None
    for regex in _PUBLISHED_RES:
        if best is not None and best[0] == 0:
            break  # nothing starts earlier (a listing's "12.04.2024 08:00")
        match = regex.search(text)
        if match is None or (best is not None and best[0] <= match.start()):
            continue
        found = _published(match)
        if found is not None:
            best = (match.start(), found)
    return best[1] if best else None


def _published(match: re.Match[str]) -> tuple[dt.date, dt.time | None] | None:
    groups = match.groupdict()
    month = _MONTHS[groups["month"].lower()] if groups.get("month") else int(groups["m"])
    try:
        day = dt.date(int(groups["y"]), month, int(groups["d"]))
        if groups.get("h") is None:
            return day, None
        hour = int(groups["h"])
        if groups.get("ampm"):
            if not 1 <= hour <= 12:
                return None
            hour = hour % 12 + (12 if groups["ampm"][0] in "Pp" else 0)
        return day, dt.time(hour, int(groups["mi"]))
    except ValueError:
        return None


# The month names above for other readers (parsers/claims.py): a regex alternation,
# longest first, and the month a name stands for.
MONTH_NAMES_PATTERN = "|".join(sorted(_MONTHS, key=len, reverse=True))


def month_number(name: str) -> int | None:
    """The month (1-12) a month's name or abbreviation stands for, in uk, ru or en
    ("червня", "июня", "June", "Jun."); None for any other word."""
    return _MONTHS.get(name.lower().rstrip("."))
