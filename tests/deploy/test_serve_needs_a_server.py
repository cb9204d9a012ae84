"""`losses serve` starts only against a Prefect server others can reach: without
PREFECT_API_URL Prefect would serve from a temporary server on a random port."""

from __future__ import annotations

import pytest
from prefect.settings import PREFECT_API_URL, temporary_settings
from typer.testing import CliRunner

from flows.cli import app
from flows.commands.common import EXIT_UNUSABLE
from tests.support.prefect_server import free_port


@pytest.fixture(autouse=True)
def _no_deployments_served(monkeypatch):
    # Had the check let it through, the test fails here rather than serving forever.
    def served(**options):
        raise AssertionError("losses serve started serving")

    monkeypatch.setattr("flows.serve.serve_deployments", served)


def test_without_a_server_it_says_how_to_start_one():
    with temporary_settings(restore_defaults={PREFECT_API_URL}):
        result = CliRunner().invoke(app, ["serve"])
    assert result.exit_code == EXIT_UNUSABLE
    assert result.output == (
        "error: losses serve needs a Prefect server: start one with `prefect server start`, "
        "then set PREFECT_API_URL=http://127.0.0.1:4200/api\n"
    )


def test_a_server_that_does_not_answer_is_named():
    url = f"http://127.0.0.1:{free_port()}/api"  # nothing listens there
    with temporary_settings(updates={PREFECT_API_URL: url}):
        result = CliRunner().invoke(app, ["serve"])
    assert result.exit_code == EXIT_UNUSABLE
    [line] = result.output.splitlines()
    assert line.startswith(f"error: no Prefect server answers at PREFECT_API_URL={url} (")
    assert "Connection refused" in line and "`prefect server start`" in line
