"""`losses serve` stopped by SIGTERM, as a service manager stops it, exits 0 without
a traceback, also while it is still starting (before Prefect's runner, which handles
SIGTERM itself once serving; tests/e2e/test_deployments.py stops a serving one)."""

from __future__ import annotations

import subprocess
import sys

# The command up to where it serves, with SIGTERM arriving there (no server needed).
STARTING = """
import os, signal, sys, time
import flows.prefect_api, flows.serve
from flows.cli import app
flows.prefect_api.require_server = lambda command: "http://127.0.0.1:4200/api"
def registering(**options):
    os.kill(os.getpid(), signal.SIGTERM)
    time.sleep(10)
    raise AssertionError("SIGTERM did not stop it")
flows.serve.serve_deployments = registering
sys.argv = ["losses", "serve"]
app()
"""


def test_sigterm_while_it_starts_exits_0_quietly():
    done = subprocess.run(
        [sys.executable, "-c", STARTING], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
