"""Test-wide environment: a private Prefect home (ephemeral server, nothing shared
with the user's), fast retries, and no default warehouse in the working tree."""

from __future__ import annotations

import os
import tempfile

import pytest

_SCRATCH = tempfile.mkdtemp(prefix="losses-tests-")
os.environ["PREFECT_HOME"] = os.path.join(_SCRATCH, "prefect")
os.environ.pop("PREFECT_API_URL", None)
os.environ.pop("LOSSES_ALERT_URL", None)  # no test alerts the user's channels
os.environ["LOSSES_WAREHOUSE"] = os.path.join(_SCRATCH, "default.duckdb")
os.environ.setdefault("LOSSES_BACKOFF_BASE", "0.01")
os.environ.setdefault("LOSSES_BACKOFF_MAX", "0.2")
os.environ.setdefault("LOSSES_READ_TIMEOUT", "5")
os.environ.setdefault("LOSSES_CONNECT_TIMEOUT", "5")
os.environ.setdefault("LOSSES_PUBLISH_WAIT_SECONDS", "0.05")
os.environ.setdefault("LOSSES_PUBLISH_WAIT_ATTEMPTS", "2")
os.environ.setdefault("LOSSES_LOCK_WAIT_SECONDS", "120")

from flows import prefect_setup  # noqa: E402  (the environment above must be set first)

prefect_setup.configure()


@pytest.fixture(scope="session")
def prefect_api():
    """A temporary Prefect API for flows run in this process, stopped (quietly) at
    the end of the session rather than by Prefect's own exit hook, which would log
    to an output pytest has already closed."""
    from prefect.testing.utilities import prefect_test_harness

    # Flows run in-process as `losses backfill` runs them (no heartbeat thread to wait for).
    with prefect_test_harness(server_startup_timeout=120), prefect_setup.in_process_run():
        yield
