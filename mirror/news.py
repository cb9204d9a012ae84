"""Titles and slugs of the mirrored MoD news: the daily bulletin and the unrelated
news items the listing mixes in (crawlers must pick bulletins out of a real feed)."""

from __future__ import annotations

import datetime as dt
import re

# (Ukrainian, English) titles of unrelated news; one is picked per day.
UNRELATED_TITLES: tuple[tuple[str, str], ...] = (
    ("Міністр оборони провів зустріч з партнерами", "Minister of Defence met with partners"),
    (
        "Уряд ухвалив рішення щодо забезпечення військових",
        "Government adopted a decision on supplies for the military",
    ),
    (
        "Міноборони кодифікувало нові зразки техніки",
        "Ministry of Defence codified new models of equipment",
    ),
    ("Оголошено конкурс на посаду в апараті міністерства", "Vacancy announced in the ministry"),
    (
        "Військові отримали нову партію речового майна",
        "Soldiers received a new batch of clothing",
    ),
    (
        "Розпочато цифровізацію військового обліку",
        "Digitalisation of military registration has started",
    ),
    (
        "Заступник міністра відвідав навчальний центр",
        "Deputy minister visited a training centre",
    ),
    (
        "Оновлено правила проходження військової служби",
        "Rules of military service updated",
    ),
    (
        "Партнери передали Україні обладнання для реабілітації",
        "Partners handed over rehabilitation equipment to Ukraine",
    ),
    ("Підписано меморандум про співпрацю з університетом", "Memorandum signed with a university"),
    (
        "Відбулося засідання громадської ради при міністерстві",
        "Public council of the ministry held a meeting",
    ),
    (
        "Ветерани отримають додаткові соціальні гарантії",
        "Veterans to receive additional social guarantees",
    ),
    (
        "Міноборони спростило закупівлі для фронту",
        "Ministry of Defence simplified procurement for the front",
    ),
    (
        "Проведено брифінг щодо ситуації на фронті",
        "Briefing held on the situation at the front",
    ),
    (
        "Запрацювала гаряча лінія для військовослужбовців",
        "Hotline for service members launched",
    ),
    (
        "Міністр оборони взяв участь у засіданні Рамштайн",
        "Minister of Defence took part in the Ramstein meeting",
    ),
)

_TRANSLIT = str.maketrans(
    {
        "а": "a",
        "б": "b",
        "в": "v",
        "г": "g",
        "ґ": "g",
        "д": "d",
        "е": "e",
        "є": "ie",
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
        "ц": "c",
        "ч": "ch",
        "ш": "sh",
        "щ": "shch",
        "ь": "",
        "ю": "iu",
        "я": "ia",
        "'": "",
    }
)


def slugify(title: str) -> str:
    """'Загальні бойові втрати ... 04.06.24' -> 'zagalni-bojovi-vtrati-...-04-06-24'."""
    latin = title.lower().translate(_TRANSLIT)
    return re.sub(r"[^a-z0-9]+", "-", latin).strip("-")


def bulletin_title(date: dt.date, lang: str) -> str:
    if lang == "uk":
        return f"Загальні бойові втрати противника з 24.02.22 по {date:%d.%m.%y}"
    return f"The total combat losses of the enemy from 24.02.2022 to {date:%d.%m.%Y}"


def bulletin_intro(title: str, lang: str) -> str:
    return f"{title} орієнтовно склали:" if lang == "uk" else f"{title} were approximately:"


BULLETIN_OUTRO = {"uk": "Дані уточнюються.", "en": "The data is being updated."}
NEXT_PAGE_WORD = {"uk": "Наступна", "en": "Next"}
PREVIOUS_PAGE_WORD = {"uk": "Попередня", "en": "Previous"}
RELATED_HEADING = {"uk": "Читайте також", "en": "Read also"}
