"""A real `prefect server start` on a free loopback port, with a Prefect home of its
own (the user's ~/.prefect is never touched), and the helpers of the tests that
start processes against it: `losses serve`, `prefect deploy`, a worker."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx

BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(
    predicate: Callable[[], object],
    timeout: float,
    what: str,
    proc: subprocess.Popen | None = None,
    every: float = 0.5,
):
    """The first true value of `predicate()`, polled every `every` seconds; an
    AssertionError after `timeout` s, or as soon as `proc` exits."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise AssertionError(f"{what}: process exited with {proc.returncode}")
        try:
            if value := predicate():
                return value
        except httpx.HTTPError:
            pass
        time.sleep(every)
    raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")


def stop(proc: subprocess.Popen, how: int = signal.SIGINT, timeout: float = 20) -> int:
    """Stop `proc` with the signal `how`; its exit code (killed after `timeout` s)."""
    if proc.poll() is None:
        proc.send_signal(how)
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    return proc.returncode


@contextlib.contextmanager
def prefect_server(directory: Path, **settings: str) -> Iterator[dict[str, str]]:
    """A server whose home and log (server.log) are in `directory`; yields the
    environment of its clients (PREFECT_API_URL, PREFECT_HOME). `settings` are
    more PREFECT_* variables for the server."""
    port = free_port()
    api = f"http://127.0.0.1:{port}/api"
    env = {
        **os.environ,
        "PREFECT_HOME": str(directory / "prefect-home"),
        "PREFECT_API_URL": api,
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "PREFECT_UI_ENABLED": "false",
    }
    env.pop("PREFECT_SERVER_LOGGING_LEVEL", None)
    with open(directory / "server.log", "w") as log:
        server = subprocess.Popen(
            [BIN / "prefect", "server", "start", "--host", "127.0.0.1", "--port", str(port)],
            env={**env, **settings},
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            wait_for(
                lambda: httpx.get(f"{api}/health", timeout=2).status_code == 200,
                120,
                "prefect server",
                server,
            )
            yield env
        finally:
            stop(server)


def run_logs(api: str, flow_run_id: str) -> list[dict]:
    """The log records of one flow run as its server stored them, oldest first."""
    response = httpx.post(
        f"{api}/logs/filter",
        json={"logs": {"flow_run_id": {"any_": [flow_run_id]}}, "sort": "TIMESTAMP_ASC"},
        timeout=10,
    )
    response.raise_for_status()
    return response.json()


def flow_run(api: str, flow_run_id: str) -> dict:
    response = httpx.get(f"{api}/flow_runs/{flow_run_id}", timeout=10)
    response.raise_for_status()
    return response.json()
