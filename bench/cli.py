"""Whole command-line runs as a user runs them, timed from outside (not part of the tests).

    uv run python bench/cli.py              # medians of 3 runs each
    uv run python bench/cli.py --runs 5

Starts the mirror (`losses mirror`) as its own process and, in a Prefect home of
its own with Prefect's database already created (a user's second run and every
one after), times each command as a fresh process: its wall time and peak RSS
(os.wait4). No PREFECT_API_URL is set, so the runs are local runs recorded in
Prefect's database (flows/local_run.py); each row also says whether that record
was written. Scenarios:

  - `losses backfill` of the aggregator's whole history into a fresh warehouse
  - the same again (a no-op: nothing new to fetch or load)
  - `losses ingest` (the daily run) on that full warehouse, today's bulletin present
  - `losses status`, a reader"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BIN = Path(sys.executable).parent
FIRST, LAST = "2022-02-24", "2026-08-08"  # the mirror's history


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _timed(command: list[str], env: dict[str, str]) -> tuple[float, float, int, str]:
    """(wall s, peak RSS MB, exit code, output) of one process."""
    started = time.perf_counter()
    proc = subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    output = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    return wall, usage.ru_maxrss / 1024, proc.returncode, output


def _recorded_runs(home: Path) -> int:
    with sqlite3.connect(home / "prefect.db") as con:
        return con.execute("SELECT count(*) FROM flow_run").fetchone()[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per scenario (the median)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="losses-bench-cli-"))
    home = work / "prefect-home"
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    env.update(PREFECT_HOME=str(home), PREFECT_SERVER_ANALYTICS_ENABLED="false")
    port = _free_port()
    mirror = subprocess.Popen(
        [BIN / "losses", "mirror", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        # Prefect creates its database on its first run: the state of every run after.
        subprocess.run(
            [BIN / "prefect", "server", "database", "upgrade", "-y"],
            env=env,
            check=True,
            capture_output=True,
        )
        base = f"http://127.0.0.1:{port}/minfin"
        import httpx

        for _ in range(200):
            try:
                httpx.get(base + "/", timeout=1)
                break
            except httpx.HTTPError:
                time.sleep(0.1)
        rows = []

        def scenario(label: str, command: list[str], prepare=None) -> None:
            results = []
            for _ in range(args.runs):
                if prepare:
                    prepare()
                before = _recorded_runs(home)
                wall, rss, code, output = _timed([str(BIN / "losses"), *command], env)
                if code not in (0, 1):
                    raise SystemExit(f"{label}: exit {code}\n{output}")
                results.append((wall, rss, _recorded_runs(home) - before))
            wall = statistics.median(r[0] for r in results)
            rss = max(r[1] for r in results)
            recorded = "yes" if all(r[2] == 1 for r in results) else "-"
            rows.append((label, wall, rss, recorded, output.strip().splitlines()[-2:]))
            print(f"{label}: {wall:.2f} s, {rss:.0f} MB", file=sys.stderr)

        warehouse = work / "w.duckdb"
        source = ["--source", "minfin", "--base-url", base, "--warehouse", str(warehouse)]

        def fresh() -> None:
            for path in work.glob("w.duckdb*"):
                shutil.rmtree(path) if path.is_dir() else path.unlink()

        backfill = ["backfill", "--start", FIRST, "--end", LAST, *source]
        scenario("backfill, whole history (fresh warehouse)", backfill, fresh)
        scenario("backfill again (no-op)", backfill)
        daily = ["ingest", "--today", LAST, "--no-wait-for-bulletin", *source]
        scenario("ingest (daily run, nothing new)", daily)
        scenario("status", ["status", "--warehouse", str(warehouse)])
    finally:
        mirror.send_signal(signal.SIGINT)
        mirror.wait(timeout=20)
        shutil.rmtree(work, ignore_errors=True)
    print(
        f"\n{platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}; medians of {args.runs}, no PREFECT_API_URL\n"
    )
    print("| command | wall s | peak RSS MB | recorded in Prefect |")
    print("|---|---|---|---|")
    for label, wall, rss, recorded, _ in rows:
        print(f"| {label} | {wall:.2f} | {rss:.0f} | {recorded} |")


if __name__ == "__main__":
    main()
