"""The russianwarship.rip JSON API (SITES.md §6), written as PHP's `json_encode` writes it:
no spaces, `\\/` for every slash, non-ASCII as `\\uXXXX` [real: 023].

Keys appear over time: `atgm_srbm_systems` from 2022-03-26, kept at its last value
(increase 0) after the category ended; `submarines` from 2023-09-14; `war_status` from
2023 [guess]; no ground-robotic key [scrapers]."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence

from mirror.dates import mix
from mirror.labels import UNKNOWN, UNKNOWN_LABEL
from mirror.views import DayView, Line, in_order, with_unknown
from parsers.vocabulary import BY_NAME, war_day

MESSAGE = "The data were fetched successfully."
WAR_STATUS_FROM = dt.date(2023, 1, 1)
NOT_IN_API = frozenset({"ground_robotic_systems"})
# The real response's key order [real: 023]; the pre-merge keys where the merged one sits.
ORDER = (
    "personnel",
    "tanks",
    "armoured_combat_vehicles",
    "artillery_systems",
    "mlrs",
    "air_defense_systems",
    "aircraft",
    "helicopters",
    "military_auto",
    "fuel_tanks",
    "vehicles_fuel_tanks",
    "warships_boats",
    "cruise_missiles",
    "uav",
    "special_equipment",
    "mobile_srbm_systems",
    "submarines",
)
TERMS = {
    "ua": {
        "personnel": "Особовий склад",
        "tanks": "Танки",
        "armoured_combat_vehicles": "ББМ",
        "artillery_systems": "Артилерійські системи",
        "mlrs": "РСЗВ",
        "air_defense_systems": "Засоби ППО",
        "aircraft": "Літаки",
        "helicopters": "Гелікоптери",
        "vehicles_fuel_tanks": "Автомобільна техніка та автоцистерни",
        "warships_boats": "Кораблі / катери",
        "cruise_missiles": "Крилаті ракети",
        "uav": "БПЛА оперативно-тактичного рівня",
        "special_equipment": "Спеціальна техніка",
        "mobile_srbm_systems": "Пускові установки ОТРК/ТРК",
        "submarines": "Підводні човни",
    },
    "en": {
        "personnel": "Personnel",
        "tanks": "Tanks",
        "armoured_combat_vehicles": "Armoured fighting vehicles",
        "artillery_systems": "Artillery systems",
        "mlrs": "MLRS",
        "air_defense_systems": "Anti-aircraft warfare systems",
        "aircraft": "Planes",
        "helicopters": "Helicopters",
        "vehicles_fuel_tanks": "Vehicles and fuel tanks",
        "warships_boats": "Warships / boats",
        "cruise_missiles": "Cruise missiles",
        "uav": "UAV systems",
        "special_equipment": "Special military equipment",
        "mobile_srbm_systems": "ATGM / SRBM systems",
        "submarines": "Submarines",
    },
}


def php_json(payload: object) -> bytes:
    """json_encode($payload): compact, ASCII only, slashes escaped."""
    text = json.dumps(payload, ensure_ascii=True, separators=(",", ":"))
    return text.replace("/", "\\/").encode()


def carried(view: DayView, last_srbm: int | None) -> DayView:
    """The day as the API has it: its key order, `atgm_srbm_systems` kept at its last total
    after the category ended, no ground-robotic key."""
    lines = [li for li in view.lines if li.category not in NOT_IN_API]
    if last_srbm is not None and view.line("mobile_srbm_systems") is None:
        lines.append(Line("mobile_srbm_systems", last_srbm, 0))
    return in_order(DayView(view.date, tuple(lines), view.era, view.pow, view.direction), ORDER)


def _key(category: str) -> str:
    return UNKNOWN_LABEL["api"] if category == UNKNOWN else BY_NAME[category].api_key


def record(view: DayView, layout: str | None = None) -> dict:
    """One day (`view` as carried() made it)."""
    lines = with_unknown(view, layout)
    stats = {_key(li.category): li.total for li in lines}
    increase = {_key(li.category): li.delta for li in lines if li.delta is not None}
    post = f"pfbid0{mix('api-resource', view.era):08x}{mix('post', view.era):08x}"
    out: dict = {
        "date": view.date.isoformat(),
        "day": war_day(view.date),
        "resource": f"https://www.facebook.com/MinistryofDefence.UA/posts/{post}",
    }
    if view.era >= WAR_STATUS_FROM:
        out["war_status"] = {"code": 1, "alias": "active"}
    if layout == "table":
        out["stats"] = [{"name": k, "value": v} for k, v in stats.items()]
        out["increase"] = [{"name": k, "value": v} for k, v in increase.items()]
    elif layout == "classes":
        out["statistics"] = stats
        out["increments"] = increase
    else:
        out["stats"] = stats
        out["increase"] = increase
    return out


def day(view: DayView, *, layout: str | None = None) -> bytes:
    return php_json({"message": MESSAGE, "data": record(view, layout)})


def range_page(
    views: Sequence[DayView],
    *,
    total: int,
    offset: int,
    limit: int,
    next_page_url: str | None,
    layout: str | None = None,
) -> bytes:
    """A page of a date-range query: records oldest first, with a paginator."""
    paginator = {"total": total, "offset": offset, "limit": limit, "next_page_url": next_page_url}
    records = [record(v, layout) for v in views]
    return php_json({"message": MESSAGE, "data": {"paginator": paginator, "records": records}})


def terms(edition: str) -> bytes:
    """/api/v2/terms/{en,ua}: the title of every key (Ukrainian ones as \\uXXXX)."""
    data = {
        BY_NAME[name].api_key: {
            "title": title,
            "icon": f"https://russianwarship.rip/images/icons/{BY_NAME[name].api_key}.svg",
        }
        for name, title in TERMS[edition].items()
    }
    return php_json({"message": MESSAGE, "data": data})


def error(message: str) -> bytes:
    return php_json({"message": message})
