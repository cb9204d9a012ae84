"""A real `prefect server` on loopback, `losses serve` registering the deployments,
and a backfill deployment run triggered with parameters as a user would."""

from __future__ import annotations

import contextlib
import datetime as dt
import re
import signal
import subprocess

import pytest

from tests.support.prefect_server import BIN, prefect_server, run_logs, stop, wait_for
from warehouse import Warehouse


@pytest.fixture(name="prefect_server")
def _prefect_server(tmp_path):
    with prefect_server(tmp_path) as env:
        yield env


def test_backfill_deployment_runs_with_parameters(prefect_server, mirror, tmp_path):
    env = prefect_server
    warehouse = tmp_path / "served.duckdb"
    serve_log = open(tmp_path / "serve.log", "w")  # noqa: SIM115 (closed in the finally below)
    serve = subprocess.Popen(
        [
            BIN / "losses",
            "serve",
            "--source",
            "mod",
            "--base-url",
            mirror.url("mod"),
            "--warehouse",
            str(warehouse),
        ],
        env=env,
        stdout=serve_log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:

        def deployments_registered() -> bool:
            listed = subprocess.run(
                [BIN / "prefect", "deployment", "ls"], env=env, capture_output=True, text=True
            )
            return "backfill/backfill" in listed.stdout and "daily/daily" in listed.stdout

        wait_for(deployments_registered, 120, "deployments to be served", serve)
        run = subprocess.run(
            [
                BIN / "prefect",
                "deployment",
                "run",
                "backfill/backfill",
                "-p",
                "start=2024-06-01",
                "-p",
                "end=2024-06-04",
                "--watch",
                "--watch-timeout",
                "240",
            ],
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert run.returncode == 0, run.stdout + run.stderr + (tmp_path / "serve.log").read_text()
        assert "Completed" in run.stdout
        # The run's own INFO lines reach its logs on the server, not only its warnings.
        # (They reach it in batches, after its state may: up to its last line.)
        [run_id] = re.findall(r"UUID: ([0-9a-f-]{36})", run.stdout)

        def logged() -> list[str]:
            return [record["message"] for record in run_logs(env["PREFECT_API_URL"], run_id)]

        with contextlib.suppress(AssertionError):
            wait_for(lambda: "Finished in state Completed()" in logged(), 15, "the run's logs")
        assert any(line.startswith("mod: looking for 2024-06-01..2024-06-04") for line in logged())
        assert any(line.startswith("backfill (mod): ") for line in logged())  # the summary
        # Stopped as a service manager stops it: promptly, exit 0, no traceback.
        assert stop(serve, signal.SIGTERM, timeout=10) == 0
        assert "Traceback" not in (tmp_path / "serve.log").read_text()
    finally:
        stop(serve)
        serve_log.close()

    with Warehouse.open(warehouse, read_only=True) as wh:
        loaded = wh.loaded_dates("mod", dt.date(2024, 6, 1), dt.date(2024, 6, 4))
        assert loaded == {dt.date(2024, 6, d) for d in range(1, 5)}
    daily = subprocess.run(
        [BIN / "prefect", "deployment", "inspect", "daily/daily"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert "30 9 * * *" in daily.stdout and "Europe/Kyiv" in daily.stdout
