"""Property test of the check: random monotone series (three categories, two that
merge into a third, one that appears late) with injected wrong increases,
missing days, restatements, missing increases, implausible jumps and a draft
revision; loaded in random order and checked in between. The check must flag
exactly what was injected, and agree with a full re-check."""

from __future__ import annotations

import datetime as dt
import itertools
import shutil
from dataclasses import dataclass, field

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.support.warehouse import PARSER, bulletin, check_statuses, document
from warehouse import Warehouse

START = dt.date(2023, 3, 1)
PLAIN = ("tanks", "mlrs", "aircraft")
PARENTS = ("military_auto", "fuel_tanks")
CHILD = "vehicles_fuel_tanks"
LATE = "cruise_missiles"
BOUND = {"tanks": 200, "mlrs": 100, "aircraft": 100}


@dataclass
class Scenario:
    days: dict[int, dict[str, list]]  # day index -> {category: [total, stated delta]}
    expected: dict[tuple[int, str], str] = field(default_factory=dict)  # non-ok statuses
    order: list[list[int]] = field(default_factory=list)  # load batches, check after each
    draft: int | None = None  # a day first loaded with wrong figures, then corrected


@st.composite
def scenarios(draw) -> Scenario:
    n = draw(st.integers(8, 24))
    merge = draw(st.integers(3, n - 2))
    late = draw(st.integers(1, n - 1))
    totals = {c: draw(st.integers(1_000, 5_000)) for c in (*PLAIN, *PARENTS)}
    days: dict[int, dict[str, list]] = {}
    for i in range(n):
        figures = {}
        for c in PLAIN:
            inc = draw(st.integers(0, 20)) if i else totals[c]
            totals[c] += inc if i else 0
            figures[c] = [totals[c], inc]
        if i < merge:
            for c in PARENTS:
                inc = draw(st.integers(0, 20)) if i else totals[c]
                totals[c] += inc if i else 0
                figures[c] = [totals[c], inc]
        elif i == merge:
            inc = draw(st.integers(0, 20))
            totals[CHILD] = totals["military_auto"] + totals["fuel_tanks"] + inc
            figures[CHILD] = [totals[CHILD], inc]
        else:
            inc = draw(st.integers(0, 20))
            totals[CHILD] += inc
            figures[CHILD] = [totals[CHILD], inc]
        if i == late:
            totals[LATE] = draw(st.integers(0, 300))
            figures[LATE] = [totals[LATE], totals[LATE]]
        elif i > late:
            inc = draw(st.integers(0, 20))
            totals[LATE] += inc
            figures[LATE] = [totals[LATE], inc]
        days[i] = figures

    # Missing days: never the first, the merge day or the day before it.
    dropped = set(draw(st.lists(st.integers(1, n - 1), max_size=n // 4))) - {
        merge,
        merge - 1,
        late,
    }
    loaded = [i for i in range(n) if i not in dropped]
    expected: dict[tuple[int, str], str] = {}
    for c in days[loaded[0]]:
        expected[(loaded[0], c)] = "new_category"
    if late != loaded[0]:
        expected[(late, LATE)] = "new_category"
    expected[(merge, CHILD)] = "merged_category"
    after_gap = [b for a, b in itertools.pairwise(loaded) if b - a > 1]
    for i in after_gap:
        for c in days[i]:
            expected.setdefault((i, c), "gap")

    # Faults, each on its own (day, plain category), on days right after a loaded day.
    eligible = [(i, c) for i in loaded[1:] if i not in after_gap and i - 1 in loaded for c in PLAIN]
    faults = draw(
        st.lists(
            st.tuples(
                st.sampled_from(eligible),
                st.sampled_from(["wrong", "restated", "no_delta", "implausible"]),
            ),
            max_size=6,
            unique_by=lambda f: f[0],
        )
    )
    for (i, c), kind in faults:
        inc = days[i][c][1]
        if kind == "wrong":
            days[i][c][1] = inc + draw(st.integers(1, 50))
            expected[(i, c)] = "mismatch"
        elif kind == "no_delta":
            days[i][c][1] = None
            expected[(i, c)] = "no_delta"
        else:
            # A permanent change from day i on: a jump over the bound, or a correction
            # downwards stated as +0 (as real bulletins do).
            shift = BOUND[c] + 1 if kind == "implausible" else -(inc + draw(st.integers(1, 40)))
            for j in range(i, n):
                days[j][c][0] += shift
            days[i][c][1] = inc + shift if kind == "implausible" else 0
            expected[(i, c)] = kind
    if draw(st.booleans()):
        wrong_merge = draw(st.integers(1, 30))
        days[merge][CHILD][1] += wrong_merge
        expected[(merge, CHILD)] = "mismatch"

    shuffled = draw(st.permutations(loaded))
    cuts = sorted(draw(st.lists(st.integers(1, len(loaded) - 1), max_size=4, unique=True)))
    order = [list(shuffled[a:b]) for a, b in zip([0, *cuts], [*cuts, len(loaded)], strict=True)]
    draft = draw(st.one_of(st.none(), st.sampled_from(loaded)))
    return Scenario(days, expected, order, draft)


@pytest.fixture(scope="module")
def empty_warehouse(tmp_path_factory):
    path = tmp_path_factory.mktemp("template") / "empty.duckdb"
    Warehouse.open(path).close()
    return path


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(scenario=scenarios())
def test_check_flags_exactly_what_was_injected(scenario, empty_warehouse, tmp_path_factory):
    path = tmp_path_factory.mktemp("prop") / "losses.duckdb"
    shutil.copy(empty_warehouse, path)  # a migrated file, faster than migrating each time
    with Warehouse.open(path) as wh:
        count = 0

        def load_days(indexes, *, draft=False):
            nonlocal count
            docs = []
            for i in indexes:
                figures = {
                    c: (t + (7 if draft else 0), d) for c, (t, d) in scenario.days[i].items()
                }
                docs.append(bulletin(START + dt.timedelta(days=i), figures))
            ids = wh.store_documents(
                [
                    document(f"http://m/mod/{count + k}", f"<p>{count + k}</p>")
                    for k in range(len(docs))
                ]
            )
            count += len(docs)
            results = wh.load_documents([(i, [b], PARSER) for i, b in zip(ids, docs, strict=True)])
            assert all(r.status == "loaded" for r in results)

        for k, batch in enumerate(scenario.order):
            if scenario.draft in batch:  # first a wrong draft of that day, checked
                load_days([scenario.draft], draft=True)
                wh.run_check()
            load_days(batch)
            if k < len(scenario.order) - 1:
                wh.run_check()
        wh.run_check()

        found = {
            ((date - START).days, category): status
            for (date, category), status in check_statuses(wh).items()
            if status != "ok"
        }
        assert found == scenario.expected
        observations = wh.one("SELECT count(*) FROM latest_observations")[0]
        assert wh.one("SELECT count(*) FROM checks")[0] == observations
        incremental = check_statuses(wh)
        wh.run_check(full=True)
        assert check_statuses(wh) == incremental
