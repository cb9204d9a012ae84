"""Faults of the content: wrong charset, a changed layout, absurd figures, a bulletin
dated in the future, duplicated and shuffled bulletins, a re-published bulletin."""

from __future__ import annotations

import datetime as dt

import pytest
from prefect.artifacts import Artifact

from flows.daily import daily
from tests.support.faults import (
    DATES,
    LISTING,
    UNTIL,
    assert_completed,
    assert_converged,
    assert_failed_naming,
    assert_no_document_lost,
    assert_no_partial_day,
    assert_recovers,
    backfill_range,
    day_pages,
    documents,
    fired,
    last_run,
    loaded_dates,
    month_page,
)
from warehouse import Warehouse

DAY = dt.date(2024, 6, 1)
NEXT = DAY + dt.timedelta(days=1)
# A pattern per source that faults the document holding DAY (for minfin and the
# API, multi-day documents: the fault applies to their newest bulletin, UNTIL).
ONE_DAY = {"mod": day_pages(DAY), "minfin": month_page(UNTIL), "api": "/api/*"}
# (For minfin, UNTIL itself is on every month page: the current day at the top.)
FAULTED_DAY = {"mod": DAY, "minfin": DAY, "api": UNTIL}


def day_url(mirror, date=DAY) -> str:
    return mirror.base_url + mirror.site.bulletin_path(date)


def check_rows(path, *, statuses=("implausible", "restated", "mismatch")):
    with Warehouse.open(path, read_only=True) as wh:
        return {(row.report_date, row.category): row for row in wh.check_rows(statuses=statuses)}


def bulletin_rows(path):
    with Warehouse.open(path, read_only=True) as wh:
        return wh.rows(
            "SELECT source, report_date, revision, is_latest FROM bulletins ORDER BY ALL"
        )


# ------------------------------------------------------------------ charset


@pytest.mark.parametrize(
    ("source", "mode"), [("mod", "cp1251"), ("mod", "utf8"), ("minfin", "cp1251"), ("api", "utf8")]
)
def test_a_wrong_charset_is_read_right(mirror, clean, tmp_path, source, mode):
    baseline = clean(source)
    path = tmp_path / "losses.duckdb"
    mirror.set_faults(f"/{source}/*=charset:{mode}")
    state = backfill_range(mirror, path, source)
    assert_completed(state, path)
    assert fired(mirror, "charset")
    assert_no_document_lost(mirror, path)
    assert_converged(path, baseline, tmp_path / "export")


# --------------------------------------------- unreadable: quarantine, retry


@pytest.mark.parametrize(
    ("source", "fault", "reason"),
    [
        ("mod", "layout:labels", "unknown label"),
        ("mod", "absurd:letters", "cannot read number"),
        ("minfin", "layout:classes", "no days in the aggregator page"),
        ("api", "absurd:letters", "cannot read number"),
        # A number no BIGINT holds: once, it crashed every later run of its source.
        ("mod", "absurd:huge", "implausibly large"),
        ("minfin", "absurd:huge", "implausibly large"),
        ("api", "absurd:huge", "implausibly large"),
    ],
)
def test_an_unreadable_document_is_quarantined_retried_and_converges(
    mirror, clean, tmp_path, source, fault, reason
):
    baseline = clean(source)
    path = tmp_path / "losses.duckdb"
    mirror.set_faults(f"{ONE_DAY[source]}={fault}")
    state = backfill_range(mirror, path, source)
    bad_date = FAULTED_DAY[source]
    message = assert_failed_naming(state, path, "quarantined", reason, str(bad_date))
    [(url, *_)] = [r for r in documents(path) if r[4] == "error"]
    assert url in message
    assert url.startswith(mirror.url(source))
    # Kept, with the error; what it holds is not loaded, the rest is, whole.
    quarantined = [r for r in documents(path) if r[4] == "error"]
    assert len(quarantined) == 1 and reason in quarantined[0][5]
    assert bad_date not in loaded_dates(path, source)
    assert_no_document_lost(mirror, path)
    assert_no_partial_day(path, baseline)

    if source == "mod":
        # The next run tries again (fetches it again); still broken: still failed.
        mirror.clear_requests()
        state = backfill_range(mirror, path, source)
        assert_failed_naming(state, path, url, "quarantined", reason)
        assert mirror.base_url + fired(mirror, fault.split(":")[0])[0].path == url

    # Fixed at the source: the run after converges, the quarantined copy stays on record.
    assert_recovers(mirror, path, baseline, tmp_path / "export", source)
    assert [r[0] for r in documents(path) if r[4] == "error"] == [url]

    # ... and is not reported again by later runs.
    assert_completed(backfill_range(mirror, path, source), path)


def test_a_newer_parser_retries_quarantined_documents_not_superseded_ones(
    mirror, tmp_path, monkeypatch
):
    path = tmp_path / "losses.duckdb"
    mirror.set_faults(f"{ONE_DAY['mod']}=layout:labels, {day_pages(NEXT)}=absurd:letters")
    backfill_range(mirror, path, start=DAY, end=NEXT)
    # By the date in the URL, not by order: pages are stored in the order they arrive.
    [first] = [r[0] for r in documents(path) if r[4] == "error" and f"{DAY:/%Y/%m/%d/}" in r[0]]
    [second] = [r[0] for r in documents(path) if r[4] == "error" and f"{NEXT:/%Y/%m/%d/}" in r[0]]
    # DAY is fixed at the source and loaded from a new copy: its old copy is superseded.
    mirror.set_faults(f"{day_pages(NEXT)}=absurd:letters")
    state = backfill_range(mirror, path, start=DAY, end=NEXT)
    assert state.message.count("quarantined") == 1  # NEXT, once, though parsed twice
    assert loaded_dates(path) == {DAY}

    import flows.ingest

    monkeypatch.setattr(flows.ingest, "PARSER_VERSION", "a-newer-parser")
    mirror.set_faults(None)
    mirror.clear_requests()
    state = backfill_range(mirror, path, start=DAY, end=NEXT)
    assert_completed(state, path)
    assert loaded_dates(path) == {DAY, NEXT}
    with Warehouse.open(path, read_only=True) as wh:
        versions = dict(wh.rows("SELECT url, parser_version FROM documents"))
    assert versions[second] == "a-newer-parser"  # parsed again from the warehouse
    assert versions[first] != "a-newer-parser"  # superseded: left alone


def test_a_listing_whose_titles_name_no_bulletin_fails_the_run_naming_it(mirror, clean, tmp_path):
    baseline = clean("mod")
    path = tmp_path / "losses.duckdb"
    mirror.set_faults(f"{LISTING}=layout:labels")  # bulletin titles worded differently
    state = backfill_range(mirror, path)
    listing = f"{mirror.base_url}{LISTING}?page=1..2"
    assert_failed_naming(state, path, "no page found for", str(DATES[0]), listing)
    assert loaded_dates(path) == set()
    assert len(mirror.requests) == 2  # the listing's pages of those days, read once
    assert_recovers(mirror, path, baseline, tmp_path / "export")


def test_a_listing_in_an_unknown_layout_is_given_up_on_not_read_to_its_end(mirror, clean, tmp_path):
    baseline = clean("mod")
    path = tmp_path / "losses.duckdb"
    mirror.set_faults(f"{LISTING}=layout:classes")  # items no listing parser reads
    state = backfill_range(mirror, path)
    assert_failed_naming(state, path, f"{mirror.base_url}{LISTING}?page=1", str(DATES[0]))
    assert "10 pages in a row list no dated item" in state.message
    assert loaded_dates(path) == set()
    assert len(mirror.requests) == 10  # gave up on the listing, not read to its end
    assert_recovers(mirror, path, baseline, tmp_path / "export")


# ------------------------------------------------------- absurd figures


@pytest.mark.parametrize(
    ("source", "fault", "category", "note"),
    [
        ("mod", "absurd:x100", "tanks", "over the daily bound"),
        ("mod", "absurd:x100/personnel", "personnel", "over the daily bound"),
        ("mod", "absurd:negative", "tanks", "is negative"),
        ("api", "absurd:x100/uav", "uav", "over the daily bound"),
    ],
)
def test_absurd_figures_are_loaded_flagged_implausible_and_reported(
    mirror, clean, tmp_path, source, fault, category, note
):
    baseline = clean(source)
    path = tmp_path / "losses.duckdb"
    mirror.set_faults(f"{ONE_DAY[source]}={fault}")
    state = backfill_range(mirror, path, source)
    bad_date = FAULTED_DAY[source]
    # The data is as published: the run did its job, and says what it found.
    assert_completed(state, path)
    finding = check_rows(path)[(bad_date, category)]
    assert finding.status == "implausible" and note in finding.note
    _, message = last_run(path)
    for part in (str(bad_date), category, "implausible", note):
        assert part in message, message
    findings = state.result()["findings"]
    assert any(category in f and "implausible" in f and str(bad_date) in f for f in findings)
    artifact = Artifact.get(f"losses-backfill-{source}")
    assert f"| {source} | {bad_date} | {category} | implausible |" in artifact.data
    changed = {(bad_date, category)} if "negative" not in fault else set()
    assert_no_partial_day(path, baseline, changed=changed)

    # Corrected at the source: fetching again makes a new revision and re-checks.
    mirror.set_faults(None)
    state = backfill_range(mirror, path, source, refetch=True)
    assert_completed(state, path)
    assert not [k for k, row in check_rows(path).items() if row.status == "implausible"]
    assert_converged(path, baseline, tmp_path / "export")


# ---------------------------------------------------- dated in the future


def test_a_bulletin_dated_in_the_future_is_quarantined(mirror, clean, tmp_path):
    baseline = clean("mod")
    path = tmp_path / "losses.duckdb"
    mirror.set_faults(f"{ONE_DAY['mod']}=future")
    state = backfill_range(mirror, path)
    future = DAY + dt.timedelta(days=3650)
    assert_failed_naming(
        state, path, day_url(mirror), str(DAY), "quarantined", f"bulletin dated {future}"
    )
    [bad] = [r for r in documents(path) if r[4] == "error"]
    assert "after the fetch date" in bad[5]  # the one rule of what may be loaded
    assert loaded_dates(path) == set(DATES) - {DAY}
    assert_recovers(mirror, path, baseline, tmp_path / "export")


def test_a_listing_entry_dated_in_the_future_is_reported(mirror, clean, tmp_path):
    baseline = clean("mod")
    path = tmp_path / "losses.duckdb"
    mirror.set_faults(f"{LISTING}=future")  # the newest bulletin of each listing page
    state = backfill_range(mirror, path)
    assert_failed_naming(
        state, path, day_url(mirror, UNTIL), "after today", str(UNTIL), "not fetched"
    )
    listing = mirror.site.listing("www.mil.gov.ua")
    firsts = {next(p.date for p in listing[n : n + 20] if p.is_bulletin) for n in range(0, 40, 20)}
    assert UNTIL in firsts
    assert loaded_dates(path) == set(DATES) - firsts
    assert_recovers(mirror, path, baseline, tmp_path / "export")


def test_a_range_with_a_future_record_is_quarantined_whole(mirror, clean, tmp_path):
    baseline = clean("api")
    path = tmp_path / "losses.duckdb"
    mirror.set_faults("/api/*=future")
    state = backfill_range(mirror, path, "api")
    assert_failed_naming(state, path, "quarantined", "after the fetch date", "/api/api/v2/")
    assert loaded_dates(path, "api") == set()  # no part of the document is loaded
    assert_recovers(mirror, path, baseline, tmp_path / "export", "api")


# ------------------------------------------ duplicated and out of order


@pytest.mark.parametrize("source", ["mod", "minfin", "api"])
def test_duplicated_and_shuffled_bulletins_load_each_day_once(mirror, clean, tmp_path, source):
    baseline = clean(source)
    path = tmp_path / "losses.duckdb"
    # Every listing entry, month, range page and day page twice, and out of order.
    mirror.set_faults(f"/{source}/*=duplicate, /{source}/*=shuffle")
    state = backfill_range(mirror, path, source)
    assert_completed(state, path)
    assert fired(mirror, "duplicate+shuffle")
    assert bulletin_rows(path) == bulletin_rows(baseline.path)  # each day once: revision 1
    assert {revision for _, _, revision, _ in bulletin_rows(path)} == {1}
    assert_no_document_lost(mirror, path)
    assert_converged(path, baseline, tmp_path / "export")
    with (
        Warehouse.open(path, read_only=True) as wh,
        Warehouse.open(baseline.path, read_only=True) as ok,
    ):
        query = "SELECT report_date, category, status FROM checks ORDER BY ALL"
        assert wh.rows(query) == ok.rows(query)


# ------------------------------------------------------------- republished


def test_a_republished_bulletin_becomes_revision_2_and_is_checked_again(mirror, clean, tmp_path):
    baseline = clean("mod")
    path = tmp_path / "losses.duckdb"
    mirror.set_faults(f"{ONE_DAY['mod']}=republish")  # from the 2nd request of the page on
    assert_completed(backfill_range(mirror, path), path)
    assert_converged(path, baseline, tmp_path / "first")
    with Warehouse.open(path, read_only=True) as wh:
        before = dict(wh.rows("SELECT report_date, max(checked_at) FROM checks GROUP BY 1"))

    state = backfill_range(mirror, path, refetch=True)
    assert_completed(state, path)
    assert len(fired(mirror, "republish")) == 1
    revisions = [row for row in bulletin_rows(path) if row[1] == DAY]
    assert revisions == [("mod", DAY, 1, False), ("mod", DAY, 2, True)]
    with Warehouse.open(path, read_only=True) as wh:
        tanks = wh.rows(
            "SELECT revision, total, reported_delta FROM observations "
            "WHERE report_date = ? AND category = 'tanks' ORDER BY revision",
            [DAY],
        )
        after = dict(wh.rows("SELECT report_date, max(checked_at) FROM checks GROUP BY 1"))
    (_, total, delta), (_, total2, delta2) = tanks
    assert (total2, delta2) == (total + 1, delta + 1)
    # The check judged again the revised date and the one after it, and only those.
    assert {d for d in after if after[d] != before[d]} == {DAY, NEXT}
    assert check_rows(path)[(NEXT, "tanks")].status == "mismatch"
    assert_no_partial_day(path, baseline, changed={(DAY, "tanks")})

    # The same correction fetched again changes nothing.
    assert_completed(backfill_range(mirror, path, refetch=True), path)
    assert [row for row in bulletin_rows(path) if row[1] == DAY][-1] == ("mod", DAY, 2, True)


# ------------------------------------------------------------------- daily


def test_daily_retries_transient_faults_and_completes(mirror, clean, tmp_path):
    path = tmp_path / "losses.duckdb"
    mirror.set_faults(f"{LISTING}=503:1x1, {day_pages(UNTIL)}=resetx2")
    state = daily(base_url=mirror.url("mod"), warehouse=str(path), today=UNTIL, return_state=True)
    assert_completed(state, path)
    assert len(fired(mirror, "")) == 3
    week = set(DATES[-7:])
    assert loaded_dates(path) == week
    assert_no_partial_day(path, clean("mod"))


def test_daily_with_todays_bulletin_unreadable_fails_at_once(mirror, tmp_path):
    path = tmp_path / "losses.duckdb"
    mirror.set_faults(f"{day_pages(UNTIL)}=absurd:letters")
    state = daily(base_url=mirror.url("mod"), warehouse=str(path), today=UNTIL, return_state=True)
    message = assert_failed_naming(
        state, path, day_url(mirror, UNTIL), str(UNTIL), "quarantined", "cannot read number"
    )
    assert "not published" not in message  # it was published: it could not be read
    assert len(fired(mirror, "letters")) == 1  # not fetched again and again
