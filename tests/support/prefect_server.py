"""A real `prefect server start` on a free loopback port, with a Prefect home of
its own (never the user's ~/.prefect)."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx

BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(predicate, timeout: float, what: str, proc: subprocess.Popen | None = None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise AssertionError(f"{what}: process exited with {proc.returncode}")
        with contextlib.suppress(httpx.HTTPError):
            if predicate():
                return
        time.sleep(0.3)
    raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def prefect_env(home: Path) -> dict[str, str]:
    """The environment of a process using the Prefect home `home`, no server configured."""
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    env.update(
        PREFECT_HOME=str(home), PREFECT_SERVER_ANALYTICS_ENABLED="false", PREFECT_UI_ENABLED="false"
    )
    env.pop("PREFECT_SERVER_LOGGING_LEVEL", None)
    return env


@contextlib.contextmanager
def prefect_server(home: Path, log_path: Path) -> Iterator[str]:
    """Yields the API URL of a server on `home`'s database, stopped on the way out."""
    port = free_port()
    api = f"http://127.0.0.1:{port}/api"
    with open(log_path, "w") as log:
        server = subprocess.Popen(
            [BIN / "prefect", "server", "start", "--host", "127.0.0.1", "--port", str(port)],
            env=prefect_env(home),
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
            yield api
        finally:
            stop(server)
