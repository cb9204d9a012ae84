"""A run killed mid-way, as kill -9 leaves it: its row 'running', its process gone."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap

KILLED_MID_RUN = textwrap.dedent(
    """
    import os, signal, sys
    from warehouse import Warehouse
    wh = Warehouse.open(sys.argv[1])
    wh.start_run("backfill", {"start": "2024-06-01"})
    os.kill(os.getpid(), signal.SIGKILL)  # no finally, no atexit: as kill -9 does
    """
)


def killed_run(path) -> None:
    done = subprocess.run([sys.executable, "-c", KILLED_MID_RUN, str(path)], cwd=os.getcwd())
    assert done.returncode == -signal.SIGKILL
