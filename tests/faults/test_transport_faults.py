"""Faults of the wire: HTTP errors, Retry-After, timeouts, resets, truncated bodies,
bodies over the size cap, links to hosts that are not configured."""

from __future__ import annotations

import datetime as dt
import logging

import pytest

from tests.support.faults import (
    DATES,
    LISTING,
    MIL,
    assert_completed,
    assert_converged,
    assert_failed_naming,
    assert_no_document_lost,
    assert_no_partial_day,
    assert_recovers,
    backfill_range,
    documents,
    fired,
    loaded_dates,
)

DAY = dt.date(2024, 6, 1)

# kind -> how the run's message words the reason once retries are exhausted
REASONS = {
    "500": "HTTP 500",
    "timeout:1": "timed out",
    "reset": "connection failed",
    "truncate": "without sending complete message body",
}


@pytest.mark.parametrize(
    ("on_listing", "on_pages"),
    [("500", "502"), ("503:1", "429:1"), ("timeout:1", "timeout:1"), ("reset", "truncate")],
)
def test_transient_faults_are_retried_and_the_run_completes(
    mirror, clean, tmp_path, on_listing, on_pages
):
    baseline = clean("mod")
    path = tmp_path / "losses.duckdb"
    # The first listing request and the first day pages fail once each; retries get through.
    mirror.set_faults(f"{LISTING}={on_listing}x1, {MIL}/news/2024/*={on_pages}x3")
    state = backfill_range(mirror, path)
    assert_completed(state, path)
    faulted = fired(mirror, "", at_least=4)  # any fault
    assert len(faulted) == 4
    assert {r.fault for r in faulted} == {on_listing, on_pages}
    assert loaded_dates(path) == set(DATES)
    assert_no_document_lost(mirror, path)
    assert_no_partial_day(path, baseline)
    assert_converged(path, baseline, tmp_path / "export")


@pytest.mark.parametrize(
    ("source", "spec"),
    [
        ("minfin", "/minfin/*=503:1x1, /minfin/*=resetx1"),
        ("api", "/api/*=502x1, /api/*=truncatex1"),
    ],
)
def test_transient_faults_on_the_other_sources(mirror, clean, tmp_path, source, spec):
    baseline = clean(source)
    path = tmp_path / "losses.duckdb"
    mirror.set_faults(spec)
    state = backfill_range(mirror, path, source)
    assert_completed(state, path)
    assert any(r.fault for r in mirror.requests)
    assert loaded_dates(path, source) == set(DATES)
    assert_no_document_lost(mirror, path)
    assert_converged(path, baseline, tmp_path / "export")


@pytest.mark.parametrize("kind", list(REASONS))
def test_a_day_that_keeps_failing_fails_the_run_clearly_then_converges(
    mirror, clean, tmp_path, kind
):
    baseline = clean("mod")
    path = tmp_path / "losses.duckdb"
    url = mirror.base_url + mirror.site.bulletin_path(DAY)
    mirror.set_faults(f"{mirror.site.bulletin_path(DAY)}={kind}")
    state = backfill_range(mirror, path)
    message = assert_failed_naming(state, path, url, str(DAY), REASONS[kind])
    assert "gave up after 3 attempts" in message
    if kind == "500":  # the error page is kept, for the record (and not parsed)
        assert (url, 500, "ignored") in {(u, s, p) for u, _, s, _, p, _ in documents(path)}
    # Everything else is in; the failing day is absent, not half loaded.
    assert loaded_dates(path) == set(DATES) - {DAY}
    assert_no_document_lost(mirror, path)
    assert_no_partial_day(path, baseline)

    assert_recovers(mirror, path, baseline, tmp_path / "export")


@pytest.mark.parametrize("page", [1, 2])
def test_a_listing_page_that_keeps_failing_fails_the_run_naming_it(mirror, clean, tmp_path, page):
    baseline = clean("mod")
    path = tmp_path / "losses.duckdb"
    mirror.set_faults(f"{LISTING}?page={page}=503:1")
    state = backfill_range(mirror, path)
    listing = f"{mirror.base_url}{LISTING}?page={page}"
    assert_failed_naming(state, path, listing, "HTTP 503", str(DATES[0]))
    # What the pages read before it list is fetched and loaded all the same.
    first_page = mirror.site.listing("www.mil.gov.ua")[:20]
    listed_on_page_1 = {p.date for p in first_page if p.is_bulletin} & set(DATES)
    assert loaded_dates(path) == (set() if page == 1 else listed_on_page_1)
    assert_no_document_lost(mirror, path)
    assert_no_partial_day(path, baseline)
    assert_recovers(mirror, path, baseline, tmp_path / "export")


def test_retry_after_is_honoured(mirror, tmp_path, monkeypatch, caplog):
    monkeypatch.setenv("LOSSES_BACKOFF_MAX", "5")
    mirror.set_faults(f"{LISTING}=429:1x1")
    with caplog.at_level(logging.WARNING, logger="losses.fetch"):
        state = backfill_range(mirror, tmp_path / "losses.duckdb", start=DATES[-1])
    assert state.is_completed(), state.message
    assert "HTTP 429 (attempt 1/3), retrying in 1.0 s" in caplog.text


@pytest.mark.parametrize(
    ("source", "cap", "refused"),
    [
        ("mod", 20_000, f"{LISTING}?page=1"),  # a mil.gov.ua listing page is ~28 KB
        ("api", 5_000, "/api/api/v2/statistics?date_from=2024-05-24"),  # 12 days: ~10 KB
    ],
)
def test_bodies_over_the_size_cap_are_refused(
    mirror, clean, tmp_path, monkeypatch, source, cap, refused
):
    baseline = clean(source)
    path = tmp_path / "losses.duckdb"
    monkeypatch.setenv("LOSSES_MAX_BODY_BYTES", str(cap))
    state = backfill_range(mirror, path, source)
    assert_failed_naming(
        state, path, mirror.base_url + refused, "refused", f"exceeds {cap}", str(DATES[0])
    )
    assert loaded_dates(path, source) == set()
    assert documents(path) == []  # nothing over the cap is kept
    assert len(mirror.requests) == 1  # refused, not retried

    monkeypatch.delenv("LOSSES_MAX_BODY_BYTES")
    assert_completed(backfill_range(mirror, path, source), path)
    assert_converged(path, baseline, tmp_path / "export")


def test_only_configured_hosts_are_fetched(mirror, clean, tmp_path):
    baseline = clean("mod")
    path = tmp_path / "losses.duckdb"
    # The listing links every bulletin on http://localhost:PORT: the mirror itself
    # under a name that is not configured, so a fetch of it would show in the log.
    mirror.set_faults(f"{LISTING}=offsite")
    state = backfill_range(mirror, path)
    offsite = f"http://localhost:{mirror.port}"
    url = offsite + mirror.site.bulletin_path(DAY)
    assert_failed_naming(state, path, url, f"host 'localhost:{mirror.port}'", "refused")
    assert len(fired(mirror, "offsite")) == 2  # both listing pages
    assert [r.path for r in mirror.requests if not r.path.startswith(f"{LISTING}?")] == []
    assert loaded_dates(path) == set()

    assert_recovers(mirror, path, baseline, tmp_path / "export")


def test_a_challenge_page_is_stored_and_reported_as_one(mirror, clean, tmp_path):
    baseline = clean("mod")
    path = tmp_path / "losses.duckdb"
    page = mirror.site.bulletin_path(DAY)
    mirror.set_faults(f"{page}=challenge")  # HTTP 403, Cloudflare's "Just a moment..."
    state = backfill_range(mirror, path)
    url = mirror.base_url + page
    message = assert_failed_naming(state, path, url, str(DAY), "HTTP 403", "challenge page")
    assert "no bulletin" not in message
    assert (url, 403, "ignored") in {(u, s, p) for u, _, s, _, p, _ in documents(path)}
    assert len(fired(mirror, "challenge")) == 1  # a browser check does not pass by waiting
    assert loaded_dates(path) == set(DATES) - {DAY}
    assert_recovers(mirror, path, baseline, tmp_path / "export")


def test_a_challenge_instead_of_the_listing_is_named_as_such(mirror, clean, tmp_path):
    baseline = clean("mod")
    path = tmp_path / "losses.duckdb"
    mirror.set_faults(f"{LISTING}=challenge")
    state = backfill_range(mirror, path)
    listing = f"{mirror.base_url}{LISTING}?page=1"
    message = assert_failed_naming(state, path, listing, "challenge page", str(DATES[0]))
    assert "no bulletin" not in message and "unreadable" not in message
    assert loaded_dates(path) == set()
    assert_recovers(mirror, path, baseline, tmp_path / "export")
