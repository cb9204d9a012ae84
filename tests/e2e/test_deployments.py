"""A real `prefect server` on loopback, `losses serve` registering the deployments,
and a backfill deployment run triggered with parameters as a user would."""

from __future__ import annotations

import datetime as dt
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from warehouse import Warehouse

BIN = Path(sys.executable).parent


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for(predicate, timeout: float, what: str, proc: subprocess.Popen | None = None):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise AssertionError(f"{what}: process exited with {proc.returncode}")
        try:
            if predicate():
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture
def prefect_server(tmp_path):
    port = _free_port()
    api = f"http://127.0.0.1:{port}/api"
    env = {
        **os.environ,
        "PREFECT_HOME": str(tmp_path / "prefect-home"),
        "PREFECT_API_URL": api,
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "PREFECT_UI_ENABLED": "false",
    }
    env.pop("PREFECT_SERVER_LOGGING_LEVEL", None)
    log = open(tmp_path / "server.log", "w")  # noqa: SIM115 (closed in the finally below)
    server = subprocess.Popen(
        [BIN / "prefect", "server", "start", "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        _wait_for(
            lambda: httpx.get(f"{api}/health", timeout=2).status_code == 200,
            120,
            "prefect server",
            server,
        )
        yield env
    finally:
        _stop(server)
        log.close()


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

        _wait_for(deployments_registered, 120, "deployments to be served", serve)
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
    finally:
        _stop(serve)
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
