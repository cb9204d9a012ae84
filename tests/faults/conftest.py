"""Fixtures of the fault matrix: one mirror for the session (each test sets its own
faults), clean baselines to compare with, and settings that keep retries fast."""

from __future__ import annotations

import pytest

from mirror import start_mirror
from tests.support.faults import SOURCES, UNTIL, Baseline, backfill_range


@pytest.fixture(autouse=True, scope="session")
def _prefect(prefect_api):
    """Every fault test runs real flows against a temporary Prefect API."""


@pytest.fixture(autouse=True)
def _fast_settings(monkeypatch):
    # Three attempts a URL and a short read timeout: a persistent fault gives up quickly.
    monkeypatch.setenv("LOSSES_HTTP_ATTEMPTS", "3")
    monkeypatch.setenv("LOSSES_READ_TIMEOUT", "0.5")


@pytest.fixture(scope="session")
def _shared_mirror():
    with start_mirror(port=0, until=UNTIL) as running:
        yield running


@pytest.fixture
def mirror(_shared_mirror):
    """The session's mirror, clean and with an empty request log; tests set faults."""
    _shared_mirror.set_faults(None)
    _shared_mirror.clear_requests()
    yield _shared_mirror
    _shared_mirror.set_faults(None)


@pytest.fixture(scope="session")
def clean(_shared_mirror, tmp_path_factory, _prefect):
    """A clean backfill of each source over the test range, made on first use."""
    made: dict[str, Baseline] = {}

    def baseline(source: str = "mod") -> Baseline:
        assert source in SOURCES
        if source not in made:
            directory = tmp_path_factory.mktemp(f"clean-{source}")
            _shared_mirror.set_faults(None)
            state = backfill_range(_shared_mirror, directory / "losses.duckdb", source)
            assert state.is_completed(), state.message
            made[source] = Baseline.of(directory / "losses.duckdb", directory / "export")
            _shared_mirror.clear_requests()  # the test's log starts after the baseline
        return made[source]

    return baseline
