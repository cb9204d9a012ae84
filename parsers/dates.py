"""Report dates as bulletins and reposts write them.

- The bulletin title: "з 24.02.22 по 04.06.24" / "from 24.02.2022 to 04.06.2024" gives the
  report date itself.
- "станом на 23 листопада", "as of November 23", "по состоянию на 23.11.2024": the report
  date itself.
- "За минулу добу, 22 листопада, ...", "за прошедшие сутки, 20 апреля": the day the losses
  happened; the bulletin with these figures is dated the day after (the General Staff's
  morning report of D covers D-1; checked against the reference: the repost "За минулу
  добу, 22 листопада" carries the figures of the 2024-11-23 bulletin).
A day and month without a year take the year that puts them nearest to `hint` (the
caller's fallback date); without a hint they give no date.
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
    r"(?:24\.0?2\.(?:20)?22|24\s+(?:лютого|февраля|february|feb)\.?,?\s+2022|"
    r"(?:february|feb)\.?\s+24(?:th)?,?\s+2022)"
)
_YEAR_WORD = r"(?:\s*(?:року|р\.|рік|года|г\.))?"
TITLE_DATE_RE = re.compile(
    r"(?:\bз|\bіз|\bвід|\bс|\bот|\bfrom)\s*"
    + _WAR_START
    + _YEAR_WORD
    + r",?\s*(?:по|до|to|till|until|through|—)\s*"
    + rf"(?:{_NUMERIC}|(?P<d1>\d{{1,2}})\s+{_MONTH}\s+(?P<y1>\d{{4}})|"
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


def title_date(text: str) -> dt.date | None:
    """The report date in a bulletin title/lead ("з 24.02.22 по 04.06.24")."""
    for match in TITLE_DATE_RE.finditer(text):
        found = _match_date(match, None)
        if found:
            return found
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
    try:
        if match["nd"]:
            return dt.date(_year(match["ny"]), int(match["nm"]), int(match["nd"]))
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
