"""The backfill flow over the whole mirrored history, through Prefect, as a user runs it:
from the aggregator (the default: a month a request), and from the MoD through every era
of its sites (www.mil.gov.ua, then mod.gov.ua with its three indexes)."""

from __future__ import annotations

import datetime as dt

import pytest

from flows.backfill import backfill
from tests.support.reference import (
    assert_check_flags_exactly_the_decreases,
    assert_export_equals_reference,
)
from tests.support.runs import killed_run
from tests.support.tables import table_fingerprints
from warehouse import Warehouse

# As the README starts it: from the first day of the war. The reference's series
# begins the day after; the MoD's sites carry it from 2022-02-27 (mirror/SITES.md).
START, FIRST, MOD_FIRST, LAST = (
    dt.date(2022, 2, 24),
    dt.date(2022, 2, 25),
    dt.date(2022, 2, 27),
    dt.date(2026, 8, 8),
)
DAYS = (LAST - FIRST).days + 1
MONTHS = (LAST.year - FIRST.year) * 12 + LAST.month - FIRST.month + 1


def _backfill(mirror, path, source: str | None = None, start=START, end=LAST):
    return backfill(
        start=start,
        end=end,
        source=source,
        base_url=mirror.url(source or "minfin"),
        warehouse=str(path),
        return_state=True,
    )


@pytest.fixture(scope="module")
def aggregator(mirror, tmp_path_factory):
    path = tmp_path_factory.mktemp("aggregator") / "losses.duckdb"
    mirror.clear_requests()
    state = _backfill(mirror, path)  # no source: the default, the aggregator
    return path, state, mirror.requests


@pytest.fixture(scope="module")
def mod(mirror, tmp_path_factory):
    path = tmp_path_factory.mktemp("mod") / "losses.duckdb"
    mirror.clear_requests()
    state = _backfill(mirror, path, "mod")
    return path, state, mirror.requests


def _bulletins(path):
    with Warehouse.open(path, read_only=True) as wh:
        return wh.rows(
            "SELECT source, min(report_date), max(report_date), count(*), max(revision),"
            " count(*) FILTER (WHERE losses_date <> report_date - 1) FROM bulletins GROUP BY 1"
        )


def test_the_default_backfill_reads_the_aggregator_a_month_a_request(aggregator):
    path, state, requests = aggregator
    assert state.is_completed(), state.message
    paths = [r.path for r in requests]
    assert all(p.startswith("/minfin/ua/russian-invading/casualties/") for p in paths)
    assert len(paths) == len(set(paths)) == MONTHS  # ~55 requests for the whole history
    assert _bulletins(path) == [("minfin", FIRST, LAST, DAYS, 1, 0)]


def test_the_aggregator_history_equals_the_reference(aggregator, tmp_path):
    assert_export_equals_reference(aggregator[0], tmp_path / "export")
    assert_check_flags_exactly_the_decreases(aggregator[0], source="minfin")


def test_the_mod_backfill_walks_every_era_of_its_sites(mod, mirror):
    path, state, requests = mod
    assert state.is_completed(), state.message
    paths = [r.path for r in requests]
    day_pages = [p for p in paths if "?" not in p and not p.endswith(".xml")]
    assert len(day_pages) == len(set(day_pages))  # no page fetched twice
    # Both sites, each through its indexes: mil.gov.ua's listing; mod.gov.ua's news
    # listing, then the tag page and the sitemap for what the listing leaves out.
    assert any(p.startswith("/mod/www.mil.gov.ua/news/?page=") for p in paths)
    assert any(p.startswith("/mod/www.mil.gov.ua/news/2022/") for p in day_pages)
    assert any(p.startswith("/mod/news?page=") for p in paths)
    assert any(p.startswith("/mod/news/tag-vidsich-agresoru?page=") for p in paths)
    assert "/mod/sitemap.xml" in paths
    assert any(p.startswith("/mod/news/zagalni-bojovi-vtrati-rosiyan-za-dobu-") for p in day_pages)
    assert any(p.startswith("/mod/news/boiovi-vtraty-voroha-na-") for p in day_pages)
    # Every bulletin once, dated by its page (duplicates and decoys fetched, set aside).
    assert _bulletins(path) == [("mod", MOD_FIRST, LAST, (LAST - MOD_FIRST).days + 1, 1, 0)]
    decoys = {page.path for page in mirror.site.decoys}
    assert decoys & set(day_pages)
    with Warehouse.open(path, read_only=True) as wh:
        ignored = {
            url.removeprefix(mirror.base_url)
            for (url,) in wh.rows(
                "SELECT url FROM documents WHERE kind = 'bulletin' AND parse_status = 'ignored'"
            )
        }
    assert ignored == decoys & set(day_pages)  # the decoys, and only they, are not bulletins


def test_the_mod_history_equals_the_reference(mod, tmp_path):
    assert_export_equals_reference(mod[0], tmp_path / "export", first=MOD_FIRST)
    assert_check_flags_exactly_the_decreases(mod[0])


def test_seed_figures_of_two_eras(mod):
    with Warehouse.open(mod[0], read_only=True) as wh:
        rows = wh.rows(
            "SELECT o.report_date, o.category, o.total, o.reported_delta, d.url "
            "FROM latest_observations o JOIN documents d USING (document_id) "
            "WHERE o.report_date IN ('2024-06-03', '2024-06-04', '2026-04-20')"
        )
    figures = {(str(d), c): (t, r) for d, c, t, r, _ in rows}
    urls = {str(d): url for d, _, _, _, url in rows}
    june4 = {c: v for (d, c), v in figures.items() if d == "2024-06-04"}
    assert june4["tanks"] == (7794, 15)
    assert june4["armoured_combat_vehicles"] == (15020, 18)
    assert june4["artillery_systems"] == (13345, 65)
    assert june4["personnel"] == (512420, 1290)
    assert figures[("2024-06-03", "personnel")][1] == 1270
    assert "/www.mil.gov.ua/news/2024/06/04/" in urls["2024-06-04"]
    # The page of 20 April 2026 is the one whose address names the 19th.
    assert urls["2026-04-20"].endswith("-na-19-kvitnya-2026-roku-1")


def test_a_second_run_changes_nothing_and_fetches_nothing(mod, aggregator, mirror):
    for (path, _, _), source in ((mod, "mod"), (aggregator, None)):
        before = table_fingerprints(path)
        mirror.clear_requests()
        state = _backfill(mirror, path, source)
        assert state.is_completed(), state.message
        assert mirror.requests == []
        assert table_fingerprints(path) == before


def test_a_run_killed_before_is_recorded_as_crashed_by_the_next(mirror, tmp_path):
    path = tmp_path / "losses.duckdb"
    killed_run(path)
    state = _backfill(mirror, path, "api", dt.date(2024, 6, 1), dt.date(2024, 6, 3))
    assert state.is_completed(), state.message
    with Warehouse.open(path, read_only=True) as wh:
        outcomes = wh.rows("SELECT flow, outcome FROM runs ORDER BY run_id")
    assert outcomes == [("backfill", "crashed"), ("backfill", "completed")]


def test_a_run_past_its_time_limit_keeps_what_it_fetched_and_names_the_rest(
    mirror, tmp_path, monkeypatch
):
    monkeypatch.setenv("LOSSES_BATCH_SIZE", "1")
    monkeypatch.setenv("LOSSES_RUN_TIME_LIMIT", "0.000001")  # spent before the first batch
    path = tmp_path / "losses.duckdb"
    state = _backfill(mirror, path, "minfin", dt.date(2024, 4, 1), dt.date(2024, 5, 31))
    assert state.is_failed()
    assert "the run's time limit (1e-06 s, LOSSES_RUN_TIME_LIMIT) was reached" in state.message
    assert "with 2 document(s) not fetched" in state.message and "2024-04/" in state.message
    monkeypatch.setenv("LOSSES_RUN_TIME_LIMIT", "0")  # no limit: the re-run brings it all
    again = _backfill(mirror, path, "minfin", dt.date(2024, 4, 1), dt.date(2024, 5, 31))
    assert again.is_completed(), again.message


def test_each_page_is_parsed_once_as_it_arrives(mirror, tmp_path, monkeypatch):
    """flows/parse_ahead.py: the batch's load takes what was parsed on arrival."""
    from flows import parse_ahead

    parsed: list[str] = []
    real = parse_ahead.parse_document

    def counted(body, **kwargs):
        parsed.append(kwargs["url"])
        return real(body, **kwargs)

    monkeypatch.setattr(parse_ahead, "parse_document", counted)
    found_read: list[str] = []  # pages the load found parsed already
    outcome = parse_ahead.ParseAhead.outcome

    def recorded(self, document):
        answer = outcome(self, document)
        if answer is not None:
            found_read.append(document.url)
        return answer

    monkeypatch.setattr(parse_ahead.ParseAhead, "outcome", recorded)
    path = tmp_path / "losses.duckdb"
    state = _backfill(mirror, path, "mod", dt.date(2025, 3, 1), dt.date(2025, 3, 20))
    assert state.is_completed()
    with Warehouse.open(path, read_only=True) as wh:
        pages = [d.url for d in wh.find_documents(kind="bulletin") if d.status == 200]
        loaded = wh.loaded_dates("mod", dt.date(2025, 3, 1), dt.date(2025, 3, 20))
    assert sorted(parsed) == sorted(pages)  # every page once: none twice, none left out
    assert sorted(found_read) == sorted(pages)  # ... and as it arrived, not at the load
    assert len(loaded) == 20


def test_fast_batches_are_loaded_a_few_at_a_time_and_all_of_them(mirror, tmp_path, monkeypatch):
    """flows/pending_loads.py: from the mirror, batches come faster than LOAD_SECONDS."""
    from flows import ingest, pending_loads

    monkeypatch.setenv("LOSSES_BATCH_SIZE", "4")
    monkeypatch.setattr(pending_loads, "LOAD_SECONDS", 60.0)
    loads: list[int] = []
    load_read = ingest.load_read

    def counted_load(wh, reads):
        if reads:  # (the stored pages re-parsed first: none)
            loads.append(len(reads))
        return load_read(wh, reads)

    monkeypatch.setattr(ingest, "load_read", counted_load)
    path = tmp_path / "losses.duckdb"
    state = _backfill(mirror, path, "mod", dt.date(2025, 3, 1), dt.date(2025, 3, 20))
    assert state.is_completed(), state.message
    with Warehouse.open(path, read_only=True) as wh:
        loaded = wh.loaded_dates("mod", dt.date(2025, 3, 1), dt.date(2025, 3, 20))
        pages = [d for d in wh.find_documents(kind="bulletin") if d.status == 200]
    assert len(loaded) == 20
    assert all(p.parse_status in ("loaded", "ignored") for p in pages)  # (ignored: other news)
    assert sum(loads) == len(pages)  # every page loaded (or set aside) once...
    assert len(loads) <= len(pages) // (4 * 2)  # ... in far fewer loads than batches of 4
