"""Run a Python module as a child that dies with its parent.

`python -m flows.orphan_guard MODULE ARGS...` runs MODULE as `python -m MODULE ARGS...`
would, and ends it when the process that started it is gone (a `kill -9` of a
`losses backfill` left Prefect's temporary server running for ever). A thread polls
the parent: PR_SET_PDEATHSIG would follow the parent's *thread*, and Prefect starts
the server from whichever thread first needs it."""

from __future__ import annotations

import os
import runpy
import signal
import sys
import threading
import time

POLL_SECONDS = 0.5


def _watch(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(POLL_SECONDS)
    os.kill(os.getpid(), signal.SIGTERM)  # the module's own clean shutdown first
    time.sleep(5)
    os._exit(1)


def main() -> None:
    if len(sys.argv) < 2:
        raise SystemExit("usage: python -m flows.orphan_guard MODULE [ARGS...]")
    threading.Thread(target=_watch, args=(os.getppid(),), daemon=True).start()
    module, sys.argv = sys.argv[1], sys.argv[1:]
    runpy.run_module(module, run_name="__main__", alter_sys=True)


if __name__ == "__main__":
    main()
