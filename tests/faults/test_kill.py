"""kill -9 of a command-line run leaves no debris: the temporary Prefect server it
started ends with it (it outlived 13 kills of 20), and its 'running' row is named as
crashed by `losses status`."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
from typer.testing import CliRunner

from flows.cli import app
from mirror import start_mirror
from warehouse import Warehouse

LOSSES = Path(sys.executable).parent / "losses"


def wait_for(what, seconds: float):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = what()
        if found:
            return found
        time.sleep(0.2)
    return None


def _connected(process: psutil.Process, port: int) -> bool:
    """Whether `process` has a TCP connection open to `port` (the run is fetching)."""
    return any(c.raddr and c.raddr.port == port for c in process.net_connections("tcp"))


def test_a_killed_backfill_leaves_no_server_and_no_running_run(tmp_path):
    path = tmp_path / "w.duckdb"
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    env["PREFECT_HOME"] = str(tmp_path / "prefect")  # a temporary server of its own
    # The mirror holds each answer a minute: the run is killed while it waits for one.
    env.update(LOSSES_READ_TIMEOUT="90", LOSSES_REQUEST_DEADLINE="90")
    with start_mirror(port=0, faults="/api/*=timeout:60") as mirror:
        run = subprocess.Popen(
            [
                LOSSES,
                "backfill",
                "--start",
                "2024-06-01",
                "--end",
                "2024-06-03",
                "--source",
                "api",
                "--base-url",
                mirror.url("api"),
                "--warehouse",
                str(path),
            ],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            parent = psutil.Process(run.pid)
            # Killed once the server runs and the run is under way (waiting on the mirror).
            server = wait_for(lambda: [c for c in parent.children(recursive=True)], 90)
            assert server, "the run started no temporary server"
            port = int(mirror.base_url.rsplit(":", 1)[1])
            asking = wait_for(lambda: _connected(parent, port), 90)
            assert asking, "the run never asked the mirror"
            os.kill(run.pid, signal.SIGKILL)
            run.wait(10)
        finally:
            if run.poll() is None:
                run.kill()
        gone = wait_for(  # the guard polls its parent every 0.5 s
            lambda: not any(p.is_running() and p.status() != "zombie" for p in server), 15
        )
        assert gone, f"orphans left: {[p.cmdline()[:4] for p in server if p.is_running()]}"

    with Warehouse.open(path, read_only=True) as wh:
        last = wh.status()["last_run"]
    assert (last["outcome"], last["abandoned"]) == ("running", True)
    status = CliRunner().invoke(app, ["status", "--warehouse", str(path)])
    assert "its process" in status.output and "is gone: it crashed" in status.output
