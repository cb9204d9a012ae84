from __future__ import annotations

import pytest

from mirror import start_mirror


@pytest.fixture(autouse=True, scope="session")
def _prefect(prefect_api):
    """Every end-to-end test runs real flows against a temporary Prefect API."""


@pytest.fixture(scope="session")
def mirror():
    """The whole reference history, served on loopback for the session."""
    with start_mirror(port=0) as running:
        yield running
