"""The one place that knows the loss categories: names, keys of other datasets,
lineage over time and plausibility bounds. (Label wording for matching is added below.)"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Category:
    name: str  # canonical name used everywhere in this project
    reference_key: str  # key in the PetroIvaniuk dataset (mirror/reference/)
    api_key: str  # key in the russianwarship.rip JSON API ("stats"/"increase")
    daily_bound: int  # a daily increase above this is implausible
    first_date: dt.date | None = None  # first bulletin that carries it (None: from the start)
    last_date: dt.date | None = None  # last bulletin that carries it (None: still reported)


_D = dt.date

CATEGORIES: tuple[Category, ...] = (
    Category("personnel", "personnel", "personnel_units", 5000),
    Category("tanks", "tank", "tanks", 200),
    Category("armoured_combat_vehicles", "APC", "armoured_fighting_vehicles", 500),
    Category("artillery_systems", "field artillery", "artillery_systems", 500),
    Category("mlrs", "MRL", "mlrs", 100),
    Category("air_defense_systems", "anti-aircraft warfare", "aa_warfare_systems", 100),
    Category("aircraft", "aircraft", "planes", 100),
    Category("helicopters", "helicopter", "helicopters", 100),
    Category("uav", "drone", "uav_systems", 10000),
    Category("cruise_missiles", "cruise missiles", "cruise_missiles", 1000, _D(2022, 5, 1)),
    Category("warships_boats", "naval ship", "warships_cutters", 20),
    Category("submarines", "submarines", "submarines", 5, _D(2023, 9, 14)),
    Category(
        "vehicles_fuel_tanks",
        "vehicles and fuel tanks",
        "vehicles_fuel_tanks",
        2000,
        _D(2022, 5, 1),
    ),
    Category(
        "special_equipment", "special equipment", "special_military_equip", 300, _D(2022, 3, 16)
    ),
    Category("military_auto", "military auto", "military_auto", 500, None, _D(2022, 4, 30)),
    Category("fuel_tanks", "fuel tank", "fuel_tanks", 100, None, _D(2022, 4, 30)),
    Category(
        "mobile_srbm_systems",
        "mobile SRBM system",
        "atgm_srbm_systems",
        20,
        _D(2022, 3, 26),
        _D(2022, 4, 30),
    ),
    Category(
        "ground_robotic_systems",
        "ground robotic systems",
        "ground_robotic_systems",
        200,
        _D(2026, 5, 3),
    ),
)

CATEGORY_NAMES: tuple[str, ...] = tuple(c.name for c in CATEGORIES)
BY_NAME: dict[str, Category] = {c.name: c for c in CATEGORIES}
BY_REFERENCE_KEY: dict[str, Category] = {c.reference_key: c for c in CATEGORIES}
BY_API_KEY: dict[str, Category] = {c.api_key: c for c in CATEGORIES}


@dataclass(frozen=True, slots=True)
class Merge:
    """`child` replaced `parents` from `since` on: its first total continues their sum."""

    child: str
    parents: tuple[str, ...]
    since: dt.date


MERGES: tuple[Merge, ...] = (
    Merge("vehicles_fuel_tanks", ("military_auto", "fuel_tanks"), _D(2022, 5, 1)),
)

# The General Staff counts from the morning of 24.02.2022: the bulletin of that
# day is "day 1" (the reference dataset's "day" key).
WAR_START = _D(2022, 2, 24)


def war_day(date: dt.date) -> int:
    return (date - WAR_START).days + 1


# --------------------------------------------------------------------------------------
# Label matching: the wording of every category in Ukrainian, Russian and English, as the
# bulletins (genitive: "танків"), the aggregator (nominative: "Танки") and the press
# (nominative/accusative: "автомобільну техніку") write it. All wording lives here.
# --------------------------------------------------------------------------------------

# "автомобільна техніка" / "automotive equipment" / "military vehicles" alone: before the
# 2022-05-01 merge this is `military_auto`; from then on the merged `vehicles_fuel_tanks`
# (spring-2022 texts kept the short name). Which one a label means depends on the report
# date, or on whether the same bulletin states fuel tanks separately (see resolve_vehicles).
VEHICLES_ALONE = "military_auto|vehicles_fuel_tanks"

# Patterns match the whole normalized label (lower case, one script per word, words
# separated by single spaces, no punctuation; "ё" as "е"). Order does not matter: labels
# are matched in full, so "fuel tanks" never matches "tanks".
_UAV_UK = r"(?: оперативно тактичного рівня)?"
_UAV_RU = r"(?: оперативно тактического уровня)?"
_LABEL_PATTERNS: dict[str, tuple[str, ...]] = {
    "personnel": (
        r"особов(?:ий|ого|ому|им) склад(?:у|ом)?",
        r"жив(?:а|ої|ій|у|ою) сил(?:а|и|і|у|ою)",
        r"військовослужбовц(?:і|ів)",
        r"личн(?:ый|ого|ому|ым) состав(?:а|у|ом)?",
        r"жив(?:ая|ой|ую) сил(?:а|ы|е|у|ой)",
        r"военнослужащи(?:е|х)",
        r"(?:military |enemy )?personnel",
        r"troops",
        r"manpower",
        # Press prose: "втратила ще 1 280 військових", "950 солдат", "1,330 soldiers".
        r"військов(?:і|их)",
        r"солдат(?:и|ів)?",
        r"загарбник(?:и|ів)",
        r"военн(?:ые|ых)",
        r"солдат(?:ы|ов)?",
        r"(?:soldiers|servicemen|invaders|casualties)",
        # The press writes the personnel item as "окупантів — близько 512 420".
        r"окупант(?:и|ів)",
        r"оккупант(?:ы|ов)",
        r"occupiers",
    ),
    "tanks": (
        r"танк(?:и|ів|ов|а|і|ам|ами)?",
        r"(?:main battle )?tanks?",
    ),
    "armoured_combat_vehicles": (
        r"бойов(?:і|их|а|у|ої|ими) броньован(?:і|их|а|у|ої|ими) машин(?:и|а|у|і|ами)?",
        r"броньован(?:і|их) машин(?:и)?",
        r"бронемашин(?:и|а)?",
        r"ббм",
        r"боев(?:ые|ых|ая|ую|ой) бронированн(?:ые|ых|ая|ую|ой) машин(?:ы|а|у)?",
        r"бронированн(?:ые|ых) машин(?:ы)?",
        r"armou?red (?:combat|fighting|personnel) vehicles?",
        r"armou?red personnel carriers?",
        r"armou?red vehicles?",
        r"combat vehicles",
        r"afvs?",
        r"apvs?",
        r"apcs?",
        r"acvs?",
    ),
    "artillery_systems": (
        r"артилерійськ(?:і|их|а|у|ої) систем(?:и|а|у)?",
        r"артсистем(?:и|а|у)?",
        r"гармат(?:и|а)?",
        r"артилері(?:я|ї|ю)",
        r"артиллерийск(?:ие|их|ая|ую|ой) систем(?:ы|а|у)?",
        r"артсистем(?:ы)?",
        r"оруди(?:я|й|е)",
        r"артиллери(?:я|и|ю)",
        r"(?:field )?artillery(?: systems?| pieces| units)?",
        r"guns",
    ),
    "mlrs": (
        r"рсзв(?: град)?",  # "РСЗВ Град" (February 2022, the aggregator)
        r"реактивн(?:і|их|а|у|ої) систем(?:и|а|у)? залпового вогню",
        r"рсзо(?: град)?",
        r"реактивн(?:ые|ых|ая|ую|ой) систем(?:ы|а|у)? залпового огня",
        r"mlrs(?: grad)?",  # "MLRS Grad" (the aggregator's English February 2022)
        r"mrls?",
        r"multiple (?:launch )?rocket (?:launchers?|systems?|launch systems?)",
    ),
    "air_defense_systems": (
        r"(?:засоб(?:и|ів|у|ам|ами)?|засіб|систем(?:и|а|у)?|комплекс(?:и|ів)?) ппо",
        r"ппо",
        r"зрк(?: бук)?",  # "ЗРК БУК" (February 2022, the aggregator)
        r"зенітн(?:і|их|ий) ракетн(?:і|их|ий) комплекс(?:и|ів)?",
        r"(?:засоб(?:и|ів)?|засіб|систем(?:и|а)?) протиповітряної оборони",
        r"протиповітрян(?:а|ої|у) оборон(?:а|и|у)",
        r"(?:средств(?:а|о)?|систем(?:ы|а)?|комплекс(?:ы|ов)?) пво",
        r"пво",
        r"(?:средств(?:а|о)?|систем(?:ы|а)?) противовоздушной обороны",
        r"противовоздушн(?:ая|ой|ую) оборон(?:а|ы|у)",
        r"anti ?aircraft (?:warfare|defen[cs]e)(?: systems?| means| equipment)?",
        r"anti ?aircraft systems?",
        r"aa warfare(?: systems?)?",
        r"sam(?: buk)?(?: systems?)?",  # "SAM BUK" (the aggregator's English February 2022)
        r"air defen[cs]e(?: systems?| means| equipment)?",
    ),
    "aircraft": (
        r"літак(?:и|ів|а)?",
        r"самолет(?:ы|ов|а)?",
        r"(?:combat |military |fixed wing )?aircraft",
        r"(?:air|war)?planes?",
    ),
    "helicopters": (
        r"гелікоптер(?:и|ів|а)?",
        r"вертол(?:ьоти|ьотів|іт|ьота)",
        r"вертолет(?:ы|ов|а)?",
        r"helicopters?",
    ),
    "uav": (
        r"(?:бпла|бпл|безпілотник(?:и|ів|а)?|дрон(?:и|ів|а)?)" + _UAV_UK,
        r"безпілотн(?:і|их|ий) літальн(?:і|их|ий) апарат(?:и|ів)?" + _UAV_UK,
        r"(?:бпла|беспилотник(?:и|ов|а)?|дрон(?:ы|ов|а)?)" + _UAV_RU,
        r"беспилотн(?:ые|ых|ый) летательн(?:ые|ых|ый) аппарат(?:ы|ов)?" + _UAV_RU,
        r"(?:operational tactical (?:level )?)?(?:uavs?|drones?|unmanned aerial vehicles?)"
        r"(?: (?:of |at )?(?:the )?operational tactical level)?",
        r"uav systems",
        r"(?:strategic (?:and )?)?tactical (?:uavs?|drones?)",  # an outlet's own
    ),
    "cruise_missiles": (
        r"крилат(?:і|их|а|у|ої) ракет(?:и|а|у)?",
        r"крылат(?:ые|ых|ая|ую|ой) ракет(?:ы|а|у)?",
        r"cruise missiles?",
    ),
    "warships_boats": (
        r"(?:військов(?:і|их) )?корабл(?:і|ів|ь|я)(?: (?:та |й |і )?катер(?:и|ів)?)?",
        r"(?:військов(?:ий|ого) )?корабель",  # "один корабель" (prose)
        r"катер(?:и|ів)?",
        r"катер(?:а|ов)",
        r"(?:военн(?:ые|ых) )?корабл(?:и|ей|ь|я)(?: (?:и )?катер(?:а|ов)?)?",
        r"(?:war|naval )?ships?(?: (?:and )?(?:boats?|cutters?))?",
        r"boats? (?:and )?(?:war)?ships?",  # "boats / ships"
        r"boats?(?: (?:and )?cutters?)?",  # "boats / cutters" (mil.gov.ua, until 2022-05-20)
        r"cutters?",
    ),
    "submarines": (
        r"підводн(?:і|их|ий|ого) човн(?:и|ів|а)?",
        r"підводний човен",
        r"подводн(?:ые|ых|ая|ую|ой) лод(?:ки|ок|ка|ку)",
        r"submarines?",
    ),
    "vehicles_fuel_tanks": (
        r"(?:автомобільн(?:а|ої|у) технік(?:а|и|у)|автомобіл(?:і|ів)|автотехнік(?:а|и|у))"
        r" (?:та|й|і) (?:авто)?цистерн(?:и|а)?(?: (?:з|із) пмм)?",
        r"(?:автомобильн(?:ая|ой|ую) техник(?:а|и|у)|автомобил(?:и|ей)|автотехник(?:а|и|у))"
        r" и (?:авто)?цистерн(?:ы|а)?(?: с гсм)?",
        r"(?:military |motor )?(?:vehicles|automotive (?:equipment|technology)|cars)"
        r" and (?:fuel )?(?:tanks?|trucks?|tankers?|tank trucks|cisterns)",
        r"(?:military |motor )?vehicles fuel tanks",
    ),
    VEHICLES_ALONE: (
        r"автомобільн(?:а|ої|у) технік(?:а|и|у)",
        r"автомобіл(?:і|ів)",
        r"автотехнік(?:а|и|у)",
        r"автомобильн(?:ая|ой|ую) техник(?:а|и|у)",
        r"автомобил(?:и|ей)",
        r"автотехник(?:а|и|у)",
        r"(?:military |motor )?vehicles",
        r"automotive (?:equipment|technology)",  # "automotive technology": an outlet's own
        r"military auto",
        r"cars",  # the aggregator's English edition before the merge
    ),
    "fuel_tanks": (
        r"(?:авто)?цистерн(?:и|а)? (?:з|із) (?:пмм|пальним)",
        r"автоцистерн(?:и|а)?",
        r"паливн(?:і|их) цистерн(?:и)?",
        r"(?:авто)?цистерн(?:ы|а)? с (?:гсм|топливом)",
        r"автоцистерн(?:ы|а)?",
        r"топливн(?:ые|ых) цистерн(?:ы)?",
        r"бензовоз(?:и|ів|ы|ов)",
        r"fuel (?:tanks?|trucks?|tankers?)",
        r"tankers?",
        r"tank trucks?",
        r"tanks? with fuel(?: and lubricants)?",
        r"fuel and lubricants? tanks?",
        r"cisterns?(?: with fuel(?: and lubricants)?)?",
    ),
    "special_equipment": (
        r"спеціальн(?:а|ої|у) технік(?:а|и|у)",
        r"спецтехнік(?:а|и|у)",
        r"специальн(?:ая|ой|ую) техник(?:а|и|у)",
        r"спецтехник(?:а|и|у)",
        r"special (?:military )?(?:equipment|vehicles)",
        r"special vehicles and other equipment",  # an outlet's own
    ),
    "mobile_srbm_systems": (
        r"(?:пускові установки|пускових установок|пу) отрк(?: трк)?",
        r"отрк(?: трк)?",
        r"оперативно тактичн(?:і|их) ракетн(?:і|их) комплекс(?:и|ів)",
        r"(?:пусковые установки|пусковых установок|пу) отрк(?: трк)?",
        r"оперативно тактическ(?:ие|их) ракетн(?:ые|ых) комплекс(?:ы|ов)",
        r"(?:mobile )?srbm(?: systems?| launchers)?",
        r"operational tactical missile systems?",
        r"launchers? of (?:the )?operational tactical missile systems?",  # an outlet's own
        r"atgm srbm systems",
    ),
    "ground_robotic_systems": (
        r"наземн(?:і|их|ий|ого) робот(?:отехнічн|изован)(?:і|их|ий|ого) комплекс(?:и|ів)?",
        r"нрк",
        r"наземн(?:ые|ых|ый|ого) робот(?:отехническ|изированн)(?:ие|их|ий|ого)"
        r" комплекс(?:ы|ов)?",
        r"ground robotic (?:systems?|complexes)",
        r"unmanned ground vehicles?",
        r"ugvs?",
    ),
}

# Words that frame a label without changing its meaning: "знищено танків", "одиниць
# автомобільної техніки", "units of special equipment", "ББМ (різних типів)",
# "особового складу противника". Stripped from both ends before matching.
_LEADING_NOISE = re.compile(
    r"^(?:(?:знищено|ліквідовано|уражено|уничтожено|ликвидировано|destroyed|eliminated|"
    r"ще|еще|also|а також|також|и|та|і|й|and|своїх|своих|its|their|"
    r"одиниц[ьіяию]|од|единиц[аыу]?|ед|units? of|units?|шт|pieces? of|"
    r"ворожих|ворожі|російських|російські|российских|российские|russian|enemy|the)\s)+"
)
_TRAILING_NOISE = re.compile(
    r"(?:\s(?:противника|ворога|окупантів|рф|росії|россии|врага|противника|"
    r"різних типів|всіх типів|различных типов|всех типов|of various types|of all types|"
    r"знищено|ліквідовано|уничтожено|ликвидировано|destroyed|eliminated|"
    r"од|units?|шт|ед))+$"
)
_LABEL_RES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile("|".join(f"(?:{p})" for p in patterns)))
    for name, patterns in _LABEL_PATTERNS.items()
)

# Counts a bulletin line may carry that are no loss category: prisoners of war ("близько
# 5300 осіб, понад 200 полоненими", the aggregator's February 2022 days). Not a figure
# and not an error.
NOT_A_FIGURE = "not a figure"
_NOT_A_FIGURE_RE = re.compile(
    r"(?:військово)?полонен(?:і|их|ими|ого|им)|(?:военно)?пленн(?:ые|ых|ыми)|"
    r"(?:в )?полон(?:і)?|prisoners?(?: of war)?|pows?|captives?|captured"
)

# Headings that group the items of a 2026 mod.gov.ua post ("Особовий склад:", then the
# personnel item); the English edition's "Personnel:" heads an item without a label.
_GROUP_HEADINGS_RE = re.compile(
    r"особовий склад|бронетехніка (?:і|та|й) автомобілі|артилерія (?:і|та|й) ппо|"
    r"повітряні цілі|флот|personnel|armou?r and vehicles|artillery and air defen[cs]e|"
    r"air targets|navy|fleet"
)

# Latin letters that look like Cyrillic ones (after lower-casing) and back.
_LATIN_TO_CYRILLIC = str.maketrans("abcehikmoptxyï", "авсенікмортхуї")
_CYRILLIC_TO_LATIN = str.maketrans("авсенікмортхуѕј", "abcehikmoptxysj")
_LOOKALIKE_LATIN = frozenset("abcehikmoptxyï")
_LOOKALIKE_CYRILLIC = frozenset("авсенікмортхуѕј")
_NO_APOSTROPHES = dict.fromkeys(map(ord, "'’ʼ"), None)
_WORD_RE = re.compile(r"[^\W\d_]+(?:['’ʼ][^\W\d_]+)*")


def _is_cyrillic(ch: str) -> bool:
    return "\u0400" <= ch <= "\u04ff"


def _script_counts(word: str) -> tuple[int, int]:
    """(letters only Cyrillic has, letters only Latin has) in a word."""
    cyrillic = sum(1 for c in word if _is_cyrillic(c) and c not in _LOOKALIKE_CYRILLIC)
    latin = sum(1 for c in word if c.isascii() and c not in _LOOKALIKE_LATIN)
    return cyrillic, latin


def _fix_lookalikes(words: list[str]) -> list[str]:
    """Rewrite each mixed-script word in one script: "тaнки" (Latin a) -> "танки",
    "ППO" (Latin O) -> "ППО", "tаnks" (Cyrillic а) -> "tanks". A word made only of
    look-alike letters follows the rest of the label ("OTPK TPK" stays Latin only
    when the label has nothing Cyrillic)."""
    total_cyr = total_lat = 0
    for word in words:
        cyr, lat = _script_counts(word)
        total_cyr += cyr
        total_lat += lat
    fixed = []
    for word in words:
        has_cyr = any(_is_cyrillic(c) for c in word)
        has_lat = any(c.isascii() for c in word)
        cyr, lat = _script_counts(word)
        if has_cyr and has_lat:
            to_cyrillic = cyr > lat or (cyr == lat and total_cyr >= total_lat)
        elif has_lat and not lat and total_cyr > total_lat:
            to_cyrillic = True  # "OTPK" in a Cyrillic label
        elif has_cyr and not cyr and total_lat > total_cyr:
            to_cyrillic = False  # "МLRS"-like in a Latin label
        else:
            fixed.append(word)
            continue
        table = _LATIN_TO_CYRILLIC if to_cyrillic else _CYRILLIC_TO_LATIN
        fixed.append(word.translate(table))
    return fixed


def normalize_label(text: str) -> str:
    """The comparable form of a label: lower case, one script per word, single spaces,
    no punctuation, framing words ("знищено", "units of", "(різних типів)") removed."""
    lowered = text.lower().replace("ё", "е").replace("&", " and ")
    words = [w.translate(_NO_APOSTROPHES) for w in _WORD_RE.findall(lowered)]
    label = " ".join(_fix_lookalikes(words))
    label = _LEADING_NOISE.sub("", label)
    return _TRAILING_NOISE.sub("", label)


@functools.lru_cache(maxsize=4096)
def classify_label(text: str) -> str | None:
    """The category a label names: a canonical name, VEHICLES_ALONE (decided by date, see
    resolve_vehicles), NOT_A_FIGURE, or None when the label is unknown. Never a guess.

    A label written in both languages ("особового складу / personnel", "кораблі /катери /
    warships / boats") names a category when both halves name it; halves that name
    different categories are unknown (bilingual_conflict says which)."""
    name = _classify_one(text)
    if name is None and "/" in text:
        halves = bilingual_halves(text)
        if halves:
            first, second = (_classify_one(half) for half in halves)
            if first == second:
                return first
    return name


def _classify_one(text: str) -> str | None:
    label = normalize_label(text)
    if not label:
        return None
    for name, pattern in _LABEL_RES:
        if pattern.fullmatch(label):
            return name
    if _NOT_A_FIGURE_RE.fullmatch(label):
        return NOT_A_FIGURE
    return None


_CYRILLIC_LETTER_RE = re.compile("[\u0400-\u04ff]")
_LATIN_LETTER_RE = re.compile("[a-zA-Z]")


def bilingual_halves(text: str) -> tuple[str, str] | None:
    """A "Ukrainian / English" label cut where the script changes: ("кораблі /катери",
    "warships / boats"); None when the label is not written so."""
    parts = text.split("/")
    for cut in range(1, len(parts)):
        first, second = "/".join(parts[:cut]), "/".join(parts[cut:])
        if (
            _CYRILLIC_LETTER_RE.search(first)
            and not _LATIN_LETTER_RE.search(first)
            and _LATIN_LETTER_RE.search(second)
            and not _CYRILLIC_LETTER_RE.search(second)
        ):
            return first.strip(), second.strip()
    return None


def bilingual_conflict(text: str) -> tuple[str, str] | None:
    """The two categories the halves of a bilingual label name when they differ."""
    halves = bilingual_halves(text) if "/" in text else None
    if not halves:
        return None
    first, second = (_classify_one(half) for half in halves)
    if first and second and first != second:
        return first, second
    return None


@functools.lru_cache(maxsize=1024)
def is_group_heading(text: str) -> bool:
    """Whether a line ending in a colon is one of the headings grouping items."""
    return _GROUP_HEADINGS_RE.fullmatch(normalize_label(text)) is not None


def resolve_vehicles(date: dt.date | None, *, fuel_tanks_separate: bool = False) -> str | None:
    """What "vehicles"/"автомобільна техніка" alone means in a bulletin: `military_auto`
    when the same bulletin states fuel tanks separately or is dated before the merge,
    `vehicles_fuel_tanks` from the merge date on, None (undecidable) without a date."""
    if fuel_tanks_separate:
        return "military_auto"
    if date is None:
        return None
    merge = next(m for m in MERGES if m.child == "vehicles_fuel_tanks")
    return "vehicles_fuel_tanks" if date >= merge.since else "military_auto"


def match_label(text: str, date: dt.date | None = None) -> str | None:
    """The canonical category a label names, or None when unknown.

    uk/en/ru wording in any grammatical form, abbreviations (ББМ, РСЗВ/РСЗО, ППО/ПВО,
    БПЛА/БпЛА, MLRS, AFV, APV, UAV), Latin look-alike letters inside Cyrillic words.
    "Automotive equipment"/"автомобільна техніка" alone depends on the report date: before
    2022-05-01 `military_auto`, from then `vehicles_fuel_tanks`; without a date it is
    ambiguous and None is returned (callers report it, they never guess).
    """
    name = classify_label(text)
    if name == VEHICLES_ALONE:
        return resolve_vehicles(date)
    return name


# --------------------------------------------------------------------------------------
# Typos of known labels ("криласті ракети", "автоцистрен"): a word one edit away (a letter
# added, dropped, changed, or two neighbours swapped) from a word of the label wording, on
# words of five letters or more only and never on the first letter, so that short
# abbreviations (ЗРК, ППО, БпЛА, MLRS) are never "corrected". English has too many short
# words one edit from a label ("tasks", "thanks" -> tanks, "plans" -> planes): there only
# words of seven letters or more ("helicopers", "aircarft").
# --------------------------------------------------------------------------------------
TYPO_MIN_LETTERS = 5
TYPO_MIN_LATIN_LETTERS = 7
# Words after a number that name people, not a category by themselves ("729 720 осіб").
PEOPLE_UNITS = frozenset(("осіб", "особи", "людей", "чоловік", "человек", "persons", "people"))


def _expand(pattern: str) -> list[str]:
    """Every string a label pattern matches (they are finite: literals, "(?:a|b)", "[cs]"
    and "?" only); ValueError for anything else."""
    out, pos = _expand_sequence(pattern, 0)
    if pos != len(pattern):
        raise ValueError(f"cannot expand {pattern!r} at {pos}")
    return out


def _expand_sequence(pattern: str, pos: int) -> tuple[list[str], int]:
    results = [""]
    while pos < len(pattern) and pattern[pos] not in "|)":
        if pattern.startswith("(?:", pos):
            options: list[str] = []
            pos += 3
            while True:
                branch, pos = _expand_sequence(pattern, pos)
                options += branch
                if pattern[pos] == ")":
                    pos += 1
                    break
                pos += 1  # "|"
        elif pattern[pos] == "[":
            close = pattern.index("]", pos)
            options, pos = list(pattern[pos + 1 : close]), close + 1
        elif pattern[pos] == "\\" or pattern[pos] in ".*+{}^$":
            raise ValueError(f"cannot expand {pattern!r} at {pos}")
        else:
            options, pos = [pattern[pos]], pos + 1
        if pos < len(pattern) and pattern[pos] == "?":
            options, pos = ["", *options], pos + 1
        results = [r + o for r in results for o in options]
    return results, pos


@functools.cache
def label_words() -> frozenset[str]:
    """Every word of the label wording of five letters or more (built once, on first use)."""
    words: set[str] = set()
    for patterns in _LABEL_PATTERNS.values():
        for pattern in patterns:
            for text in _expand(pattern):
                words.update(w for w in text.split() if len(w) >= TYPO_MIN_LETTERS)
    return frozenset(words)


@functools.cache
def _deletions_index() -> dict[str, frozenset[str]]:
    """Each label word, and each form of it with one letter dropped -> the label words."""
    index: dict[str, set[str]] = {}
    for word in label_words():
        for variant in {word, *(word[:i] + word[i + 1 :] for i in range(len(word)))}:
            index.setdefault(variant, set()).add(word)
    return {key: frozenset(value) for key, value in index.items()}


def _one_edit(a: str, b: str) -> bool:
    """Whether a and b differ by exactly one insertion, deletion, substitution or swap of
    two neighbouring letters."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diff) == 1:
            return True
        i = diff[0]
        return len(diff) == 2 and diff[1] == i + 1 and a[i] == b[i + 1] and a[i + 1] == b[i]
    short, long = (a, b) if len(a) < len(b) else (b, a)
    i = 0
    while i < len(short) and short[i] == long[i]:
        i += 1
    return short[i:] == long[i + 1 :]


def typo_corrections(word: str) -> frozenset[str]:
    """The label words one edit away from `word` (lower case), same first letter, five
    letters or more; empty for a word that is itself a label word, or too short."""
    shortest = TYPO_MIN_LATIN_LETTERS if word.isascii() else TYPO_MIN_LETTERS
    if len(word) < shortest or word in label_words():
        return frozenset()
    index = _deletions_index()
    found: set[str] = set()
    for variant in {word, *(word[:i] + word[i + 1 :] for i in range(len(word)))}:
        for candidate in index.get(variant, ()):
            if candidate[0] == word[0] and _one_edit(word, candidate):
                found.add(candidate)
    return frozenset(found)


@functools.lru_cache(maxsize=4096)
def classify_with_typo(text: str) -> tuple[str | None, str | None]:
    """(category, corrected label) for a label with one word one edit away from the
    wording ("криласті ракети" -> cruise_missiles); (None, None) when no correction
    names a category, and (None, "") when corrections name different categories (a
    guess either way)."""
    words = normalize_label(text).split()
    names: dict[str, str] = {}
    for i, word in enumerate(words):
        for candidate in typo_corrections(word):
            fixed = " ".join([*words[:i], candidate, *words[i + 1 :]])
            name = _classify_one(fixed)
            if name is not None and name != NOT_A_FIGURE:
                names.setdefault(name, fixed)
    if len(names) == 1:
        ((name, fixed),) = names.items()
        return name, fixed
    return (None, "") if names else (None, None)
