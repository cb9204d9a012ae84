"""Prefect defaults for this tool, set before Prefect is imported.

Without PREFECT_API_URL, Prefect runs flows against a temporary local server;
that server's services log cancellation tracebacks when it is stopped at exit,
and it tries to send telemetry to the internet. Neither helps a user. Anything
set in the environment already wins."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator

_DEFAULTS = {
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    # Our own loggers ("losses.*") go to the flow run logs as well.
    "PREFECT_LOGGING_EXTRA_LOGGERS": "losses",
    # ...and outside a flow run (opening the warehouse, the CLI) they just go to the console.
    "PREFECT_LOGGING_TO_API_WHEN_MISSING_FLOW": "ignore",
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "120",
}
_EPHEMERAL_DEFAULTS = {"PREFECT_SERVER_LOGGING_LEVEL": "CRITICAL"}


def configure() -> None:
    for name, value in _DEFAULTS.items():
        os.environ.setdefault(name, value)
    if not os.environ.get("PREFECT_API_URL"):
        for name, value in _EPHEMERAL_DEFAULTS.items():
            os.environ.setdefault(name, value)


def _temporary_server_dies_with_us() -> None:
    """Prefect starts its temporary server as `python -m uvicorn ...`; start it under
    flows/orphan_guard.py instead, so that it ends when this process does, however
    this process ends (atexit does not run on kill -9)."""
    import subprocess

    from prefect.server.api import server

    start = server.SubprocessASGIServer._run_uvicorn_command
    if getattr(start, "guarded", False):
        return

    def guarded_start(self):
        popen = subprocess.Popen

        def guarded(args, *rest, **options):
            if list(args[1:3]) == ["-m", "uvicorn"]:
                args = [args[0], "-m", "flows.orphan_guard", *args[2:]]
            return popen(args, *rest, **options)

        subprocess.Popen = guarded  # for this one call, on this thread
        try:
            return start(self)
        finally:
            subprocess.Popen = popen

    guarded_start.guarded = True
    server.SubprocessASGIServer._run_uvicorn_command = guarded_start


@contextlib.contextmanager
def in_process_run() -> Iterator[None]:
    """For a flow run started from the command line and watched there.

    Flow heartbeats let a Prefect server notice that a worker's run died; a run
    in the user's own terminal needs none, and Prefect joins the heartbeat
    thread at the end of every run, which sleeps in whole seconds: ~0.5 s lost
    per run on average. Served deployments keep their heartbeats."""
    from prefect.settings import PREFECT_FLOWS_HEARTBEAT_FREQUENCY, temporary_settings

    if not os.environ.get("PREFECT_API_URL"):
        _temporary_server_dies_with_us()
    with temporary_settings(updates={PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}):
        yield
