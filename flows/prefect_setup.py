"""Prefect defaults for this tool, set before Prefect is imported.

Without PREFECT_API_URL, Prefect runs flows against a temporary local server;
that server's services log cancellation tracebacks when it is stopped at exit,
and it tries to send telemetry to the internet. Neither helps a user. Anything
set in the environment already wins."""

from __future__ import annotations

import os

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
