"""The one place that knows the loss categories: names, keys of other datasets,
lineage over time and plausibility bounds. (Label wording for matching is added below.)"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Category:
    name: str  # canonical name used everywhere in this project
    reference_key: str  # key in the PetroIvaniuk dataset (../shared/reference)
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
