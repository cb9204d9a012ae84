"""The other news the MoD sites publish between bulletins, the decoys (news about losses
that hold no bulletin) and the "greatest losses" direction line. Filler written for the
mirror: crawlers must pick the bulletins out of a feed like this."""

from __future__ import annotations

import datetime as dt

from mirror.dates import MONTHS_EN, en_long, uk_long

# (Ukrainian, English) pairs; "{uk}"/"{en}" are the day written out.
OTHER_NEWS: tuple[tuple[str, str], ...] = (
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
    ("Заступник міністра відвідав навчальний центр", "Deputy minister visited a training centre"),
    ("Оновлено правила проходження військової служби", "Rules of military service updated"),
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
        "Оперативна інформація станом на 18:00 {uk} щодо російського вторгнення",
        "Operational update on the russian invasion as of 18:00, {en}",
    ),
    (
        "Оперативна інформація станом на 06:00 {uk} щодо російського вторгнення",
        "Operational update on the russian invasion as of 06:00, {en}",
    ),
    ("Запрацювала гаряча лінія для військовослужбовців", "Hotline for service members launched"),
    (
        "Міністр оборони взяв участь у засіданні Рамштайн",
        "Minister of Defence took part in the Ramstein meeting",
    ),
    (
        "Звернення Президента України до українців",
        "Address by the President of Ukraine to Ukrainians",
    ),
)


def other_title(index: int, date: dt.date, lang: str) -> str:
    uk, en = OTHER_NEWS[index % len(OTHER_NEWS)]
    text = uk if lang == "uk" else en
    if "{" not in text:
        return text
    return text.format(uk=uk_long(date), en=en_long(date))


# Decoy places: (Ukrainian adjective stem of the direction, English place).
DECOY_PLACES = (
    ("Бахмутськ", "Bakhmut"),
    ("Авдіївськ", "Avdiivka"),
    ("Лиманськ", "Lyman"),
    ("Куп'янськ", "Kupiansk"),
    ("Покровськ", "Pokrovsk"),
    ("Запорізьк", "Zaporizhzhia"),
    ("Костянтинівськ", "Kostiantynivka"),
)


def decoy_title(index: int, lang: str) -> str:
    stem, place = DECOY_PLACES[index % len(DECOY_PLACES)]
    if lang == "uk":
        return f"Втрати ворога на {stem}ому напрямку: оборонці стримують штурми окупантів"
    return f"The enemy's losses near {place}: defenders hold back the occupiers' assaults"


def decoy_text(index: int, lang: str) -> tuple[str, ...]:
    """Paragraphs of a decoy: about losses, with no figure to read."""
    stem, place = DECOY_PLACES[index % len(DECOY_PLACES)]
    if lang == "uk":
        return (
            f"На {stem}ому напрямку окупанти не припиняють спроб прорвати оборону, зазнаючи "
            "значних втрат в особовому складі та техніці.",
            "Підрозділи Сил оборони утримують позиції та завдають ворогу відчутних втрат.",
            "Загальні дані про втрати противника Генеральний штаб оприлюднює щоранку.",
        )
    return (
        f"Near {place} the occupiers keep trying to break through the defence and suffer heavy "
        "losses in personnel and equipment.",
        "Units of the Defence Forces hold their positions and inflict tangible losses.",
        "The General Staff publishes the total losses of the enemy every morning.",
    )


# The reference's "greatest losses direction" places, as the Ukrainian page writes them.
_DIRECTIONS_UK = {
    "Avdiivka": "Авдіївськ",
    "Bakhmut": "Бахмутськ",
    "Donetsk": "Донецьк",
    "Izyum": "Ізюмськ",
    "Kharkiv": "Харківськ",
    "Kramatorsk": "Краматорськ",
    "Kryvyi Rih": "Криворізьк",
    "Kupiansk": "Куп'янськ",
    "Kurakhove": "Курахівськ",
    "Lyman": "Лиманськ",
    "Mykolaiv": "Миколаївськ",
    "Novopavlivsk": "Новопавлівськ",
    "Popasna": "Попаснянськ",
    "Sievierodonetsk": "Сєвєродонецьк",
    "Slobozhanskyi": "Слобожанськ",
    "Sloviansk": "Слов'янськ",
    "Zaporizhzhia": "Запорізьк",
}


def _places(direction: str) -> list[str]:
    parts = direction.replace(" and ", ", ").split(",")
    return [p.strip() for p in parts if p.strip()]


def _joined(words: list[str], conjunction: str) -> str:
    if len(words) == 1:
        return words[0]
    return f"{', '.join(words[:-1])} {conjunction} {words[-1]}"


def direction_line(direction: str, lang: str) -> str:
    """'Найбільших втрат противник зазнав на Краматорському напрямку.' /
    'Russian enemy suffered the greatest losses (of the past day) at the Donetsk direction.'"""
    places = _places(direction)
    if lang == "uk":
        stems = [_DIRECTIONS_UK.get(p, p) for p in places]
        if len(stems) == 1:
            return f"Найбільших втрат противник зазнав на {stems[0]}ому напрямку."
        adjectives = _joined([f"{s}ому" for s in stems], "та")
        return f"Найбільших втрат противник зазнав на {adjectives} напрямках."
    noun = "direction" if len(places) == 1 else "directions"
    return (
        "Russian enemy suffered the greatest losses (of the past day) at the "
        f"{_joined(places, 'and')} {noun}."
    )


def en_day_month(date: dt.date) -> str:
    """'05 june 2022' as mil.gov.ua's English sidebar writes a date."""
    return f"{date:%d} {MONTHS_EN[date.month - 1].lower()} {date.year}"
