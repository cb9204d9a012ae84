"""The reference history (PetroIvaniuk dataset, MIT, see reference/LICENSE) as
daily figures with the increases a bulletin would state.

The dataset holds totals only. Increases are derived the way the General Staff
reports them: the difference to the day before, `+0` where a total was
restated downwards, the whole total on a category's first day, and for a merged
category's first day the difference to the sum of its parents."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from parsers.model import Bulletin, Figure
from parsers.vocabulary import BY_REFERENCE_KEY, CATEGORY_NAMES, MERGES

REFERENCE_DIR = Path(__file__).parent / "reference"
EQUIPMENT_FILE = "russia_losses_equipment.json"
PERSONNEL_FILE = "russia_losses_personnel.json"
_NOT_FIGURES = {"date", "day", "greatest losses direction", "personnel*", "POW"}


@dataclass(frozen=True, slots=True)
class ReferenceDay:
    date: dt.date
    figures: dict[str, Figure]
    pow: int | None = None  # prisoners of war (early days only; not a figure)
    direction: str | None = None  # "greatest losses direction" (2022-04-25..2023-01-02)
    # The dataset's own objects of this day, as its two files have them (the mirror
    # serves them back: mirror/datasets.py). Not to be changed: copy first.
    equipment_row: dict | None = field(default=None, repr=False, compare=False)
    personnel_row: dict | None = field(default=None, repr=False, compare=False)

    def bulletin(self, source: str, lang: str = "uk") -> Bulletin:
        return Bulletin(date=self.date, source=source, lang=lang, figures=dict(self.figures))


def load_reference(directory: Path | str | None = None) -> list[ReferenceDay]:
    """All reference days, oldest first, with derived increases."""
    return list(_load(Path(directory) if directory else REFERENCE_DIR))


@cache
def _load(directory: Path) -> tuple[ReferenceDay, ...]:
    equipment = json.loads((directory / EQUIPMENT_FILE).read_text(encoding="utf-8"))
    personnel = {
        row["date"]: row
        for row in json.loads((directory / PERSONNEL_FILE).read_text(encoding="utf-8"))
    }
    days: list[ReferenceDay] = []
    previous: dict[str, int] = {}
    for row in sorted(equipment, key=lambda r: r["date"]):
        date = dt.date.fromisoformat(row["date"])
        totals = {
            BY_REFERENCE_KEY[key].name: value
            for key, value in row.items()
            if key not in _NOT_FIGURES
        }
        qualifiers: dict[str, str] = {}
        people = personnel.get(row["date"])
        if people is not None:
            totals["personnel"] = people["personnel"]
            qualifiers["personnel"] = people.get("personnel*") or "about"
        figures = {
            name: Figure(total, _increase(name, total, previous), qualifiers.get(name))
            for name, total in totals.items()
        }
        pow_ = people.get("POW") if people is not None else None
        direction = row.get("greatest losses direction") or None
        days.append(ReferenceDay(date, _in_canonical_order(figures), pow_, direction, row, people))
        previous = totals
    return tuple(days)


def _increase(name: str, total: int, previous: dict[str, int]) -> int:
    if name in previous:
        return max(total - previous[name], 0)
    for merge in MERGES:
        if merge.child == name and all(p in previous for p in merge.parents):
            return max(total - sum(previous[p] for p in merge.parents), 0)
    return total


def _in_canonical_order(figures: dict[str, Figure]) -> dict[str, Figure]:
    return {name: figures[name] for name in CATEGORY_NAMES if name in figures}
