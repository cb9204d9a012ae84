"""Readers during a write: a MoD-history backfill from the mirror, alone and with a
reader reading the warehouse all the while (not part of the tests).

    uv run python bench/readers.py            # the whole history, ~2 minutes
    uv run python bench/readers.py --quick    # 120 days

Starts the mirror and a Prefect server as bench/pipeline.py does, then runs the
backfill (in a fresh process, measured as there) three times alone and three
times with a reader process beside it. The reader runs `losses status`, `losses
sql` and `losses export` in turn, in one process (through the command line's own
code, so its start-up cost is paid once), with `--wait 2`, as fast as they come
back (or `--pause` seconds apart), and counts how many succeeded, how many failed
and how long each took. On 2 cores a reader reading back to back takes one of
them: part of the writer's slow-down with it is that, not the warehouse."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
# bench/ is not a package: pipeline.py is imported from beside this file.
from pipeline import FIRST, LAST, Bench

READS = (
    ("status", ["status", "--json"]),
    ("sql", ["sql", "--format", "csv", "SELECT count(*) FROM daily_losses"]),
    ("export", ["export", "--format", "csv", "--out", "{out}"]),
)


def _reader(warehouse: str, stop: Path, out: Path, pause: float) -> None:
    """The reader's side: read until `stop` exists, then print what happened as JSON."""
    from typer.testing import CliRunner

    from flows.cli import app

    runner = CliRunner()
    done: dict[str, list[float]] = {name: [] for name, _ in READS}
    failed: dict[str, list[str]] = {name: [] for name, _ in READS}
    while not Path(warehouse).exists() and not stop.exists():
        time.sleep(0.05)
    while not stop.exists():
        for name, args in READS:
            argv = [a.format(out=out / "daily.csv") for a in args]
            started = time.perf_counter()
            result = runner.invoke(app, [*argv, "--warehouse", warehouse, "--wait", "2"])
            took = time.perf_counter() - started
            if result.exit_code == 0:
                done[name].append(took)
            else:
                failed[name].append(result.output.strip().splitlines()[-1][:200])
            time.sleep(pause)
    print(json.dumps({"done": done, "failed": failed}))


def _summary(reads: dict) -> str:
    parts = []
    for name, _ in READS:
        times, errors = reads["done"][name], reads["failed"][name]
        if times:
            parts.append(
                f"{name} {len(times)} ok (median {1000 * statistics.median(times):.0f} ms, "
                f"max {1000 * max(times):.0f} ms)"
            )
        else:
            parts.append(f"{name} 0 ok")
        if errors:
            parts.append(f"{len(errors)} failed ({errors[0]})")
    return "; ".join(parts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="120 days instead of the history")
    parser.add_argument("--runs", type=int, default=3, help="runs of each scenario")
    parser.add_argument("--pause", type=float, default=0.0, help="seconds between reads")
    parser.add_argument("--reader", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.reader:
        warehouse, stop = args.reader
        _reader(warehouse, Path(stop), Path(stop).parent, args.pause)
        return
    workdir = Path(tempfile.mkdtemp(prefix="losses-bench-readers-"))
    last = LAST - dt.timedelta(days=1)
    first = last - dt.timedelta(days=119) if args.quick else FIRST
    bench = Bench(workdir, 1, False)
    rows: list[tuple[str, dict, str]] = []
    try:
        print("starting the mirror and a Prefect server ...", file=sys.stderr)
        bench.start_services()
        bench.losses("(warm-up)", bench.backfill("mod", LAST, LAST), workdir / "warm-up.duckdb")
        for n in range(args.runs):
            for with_reader in (False, True):
                name = f"w{n}{'r' if with_reader else ''}.duckdb"
                reader = stop = None
                if with_reader:
                    stop = workdir / f"stop-{n}"
                    reader = subprocess.Popen(
                        [
                            sys.executable,
                            __file__,
                            "--reader",
                            str(workdir / name),
                            str(stop),
                            "--pause",
                            str(args.pause),
                        ],
                        env=bench.env,
                        stdout=subprocess.PIPE,
                        text=True,
                    )
                label = "with a reader" if with_reader else "alone"
                result = bench.losses(label, bench.backfill("mod", first, last), workdir / name)
                reads = ""
                if reader is not None:
                    stop.touch()
                    reads = _summary(json.loads(reader.communicate(timeout=120)[0]))
                rows.append((label, result, reads))
    finally:
        bench.stop_services()
        shutil.rmtree(workdir, ignore_errors=True)
    print("\n| MoD history backfill | wall s | CPU s | reads |")
    print("|---|---:|---:|---|")
    for label, r, reads in rows:
        print(f"| {label} | {r['wall']:.2f} | {r['cpu']:.2f} | {reads} |")
    for label in ("alone", "with a reader"):
        mine = [r for lab, r, _ in rows if lab == label]
        print(
            f"- {label}: median wall {statistics.median(r['wall'] for r in mine):.2f} s, "
            f"CPU {statistics.median(r['cpu'] for r in mine):.2f} s"
        )


if __name__ == "__main__":
    main()
