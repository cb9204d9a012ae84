"""Faults of the wire: HTTP errors, Retry-After, timeouts, resets, truncated bodies,
bodies over the size cap, links to hosts that are not configured."""

from __future__ import annotations

import datetime as dt
import logging

import pytest
from fault_checks import (
    DATES,
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
    mirror.set_faults(f"/mod/news={on_listing}x1, /mod/news/*={on_pages}x3")
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
        ("minfin", "*/month.php*=503:1x1, */month.php*=resetx1"),
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
    url = mirror.url("mod") + mirror.site.bulletin_url(DAY).removeprefix("/mod")
    mirror.set_faults(f"/mod/news/{DAY:%Y/%m/%d}/*={kind}")
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
    mirror.set_faults(f"/mod/news?page={page}=503:1")
    state = backfill_range(mirror, path)
    listing = f"{mirror.url('mod')}/news?page={page}"
    assert_failed_naming(state, path, listing, "HTTP 503", str(DATES[0]))
    # What the pages read before it list is fetched and loaded all the same.
    listed_on_page_1 = {d for d in DATES if d >= dt.date(2024, 5, 26)}
    assert loaded_dates(path) == (set() if page == 1 else listed_on_page_1)
    assert_no_document_lost(mirror, path)
    assert_no_partial_day(path, baseline)
    assert_recovers(mirror, path, baseline, tmp_path / "export")


def test_retry_after_is_honoured(mirror, tmp_path, monkeypatch, caplog):
    monkeypatch.setenv("LOSSES_BACKOFF_MAX", "5")
    mirror.set_faults("/mod/news=429:1x1")
    with caplog.at_level(logging.WARNING, logger="losses.fetch"):
        state = backfill_range(mirror, tmp_path / "losses.duckdb", start=DATES[-1])
    assert state.is_completed(), state.message
    assert "HTTP 429 (attempt 1/3), retrying in 1.0 s" in caplog.text


@pytest.mark.parametrize(
    ("source", "cap", "refused"),
    [
        ("mod", 200_000, "/mod/news?page=1"),  # a listing page is ~250 KB
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
    mirror.set_faults("/mod/news=offsite")
    state = backfill_range(mirror, path)
    offsite = f"http://localhost:{mirror.port}"
    url = offsite + mirror.site.bulletin_url(DAY)
    assert_failed_naming(state, path, url, str(DAY), f"host 'localhost:{mirror.port}'", "refused")
    assert len(fired(mirror, "offsite")) == 2  # both listing pages
    assert [r.path for r in mirror.requests if not r.path.startswith("/mod/news?")] == []
    assert loaded_dates(path) == set()

    assert_recovers(mirror, path, baseline, tmp_path / "export")
