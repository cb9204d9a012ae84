"""End-to-end benchmark against the local mirror, every figure a ratio to a competent
hand-written script measured in the same run (not part of the tests).

    uv run python bench/pipeline.py             # medians of 3 paired runs, ~3 minutes
    uv run python bench/pipeline.py --runs 5
    uv run python bench/pipeline.py --naive     # also the naive scraper (~75 s more)

Starts the mirror (`losses mirror`) and a Prefect server (`prefect server start`) as
their own processes, then runs every scenario as a whole process, as a user runs it,
timed from outside: wall time, CPU (user + system) and peak RSS (os.wait4), and for
our runs the flow's own time (its row in the warehouse's `runs` table). The scripts
compared (the same days, the same mirror, fresh warehouses):

  - the competent script (bench/baseline.py): httpx async x4, selectolax on the
    article only, one DuckDB transaction inserting with unnest, the check in SQL,
    no Prefect, no stored pages; its figures are asserted equal to ours;
  - `losses backfill --source mod` of the whole history but the last day, as a user
    runs it (no PREFECT_API_URL: a local run recorded in Prefect's database);
  - the same with PREFECT_API_URL set to the running server (Prefect's engine);
  - `losses backfill` of the aggregator's history (a month a request);
  - the MoD backfill again (a no-op), and `losses ingest` (the daily run) on the full
    MoD warehouse and on a 10-day one, each on a fresh copy (the pair three times a
    round, alternately: DAILY_REPEATS).

Each round runs the scenarios back to back (the script first), so that every ratio
compares runs made under the same load; the table gives medians over the rounds."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
LAST = dt.date(2026, 8, 8)  # the mirror's last day (the reference's)
FIRST = dt.date(2022, 2, 24)
HISTORY_END = LAST - dt.timedelta(days=1)  # the last day is left for the daily run

# The daily runs take ~0.4 s, and two of them differ by as much from one to the next (the
# full warehouse's 0.37-0.63 s, the 10-day one's 0.35-0.53 s over three benches of 5 rounds):
# each round runs the pair this many times, alternately, so that their ratio is a median of
# 3 x rounds of each.
DAILY_REPEATS = 3

# The targets (issue 15): ratio to the competent script's wall time, seconds.
TARGETS = {
    "mod": 1.25,
    "mod-server": 1.1,
    "noop": 1.5,
    "daily": 2.0,
    "minfin-flow": 1.0,
    "rss": 250,
    "daily-ratio": 1.1,
}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_http(url: str, proc: subprocess.Popen, timeout: float) -> None:
    import httpx

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"{proc.args[0]} exited with {proc.returncode}")
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise SystemExit(f"timed out waiting for {url}")


def _cpu_seconds(pid: int) -> float:
    import psutil

    times = psutil.Process(pid).cpu_times()
    return times.user + times.system


def _timed(command: list[str], env: dict[str, str]) -> dict:
    """Wall, CPU and peak RSS of one process, from outside; its output's last line."""
    started = time.perf_counter()
    proc = subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    output = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):  # 1: a run that found something to report (check findings)
        raise SystemExit(f"{' '.join(command)}: exit {code}\n{output[-3000:]}")
    return {
        "wall": wall,
        "cpu": usage.ru_utime + usage.ru_stime,
        "rss_mb": usage.ru_maxrss / 1024,
        "output": output,
    }


def _run_row(warehouse: Path) -> dict:
    """The newest run's own record: its flow time and what it did."""
    import duckdb

    with duckdb.connect(str(warehouse), read_only=True) as con:
        started, finished, fetched, loaded = con.execute(
            "SELECT started_at, finished_at, documents_fetched, bulletins_loaded "
            "FROM runs ORDER BY run_id DESC LIMIT 1"
        ).fetchone()
    return {
        "flow": (finished - started).total_seconds(),
        "documents": fetched,
        "bulletins": loaded,
    }


def _remove(path: Path) -> None:
    for found in path.parent.glob(f"{path.name}*"):
        shutil.rmtree(found) if found.is_dir() else found.unlink()


def _copy(source: Path, target: Path) -> None:
    """A copy of a warehouse (file, WAL, bodies), so a scenario can run on it afresh,
    written to disk before the scenario runs (the copy is the setup's work: else the
    run's first fsync may write the whole copied file, 13 MB for the MoD history)."""
    _remove(target)
    for found in source.parent.glob(f"{source.name}*"):
        copy = target.with_name(target.name + found.name[len(source.name) :])
        shutil.copytree(found, copy) if found.is_dir() else shutil.copy(found, copy)
    os.sync()


def same_figures(ours: Path, script: Path) -> int:
    """How many figures both read; SystemExit naming the first differences otherwise."""
    import duckdb

    con = duckdb.connect()
    con.execute("ATTACH ? AS ours (READ_ONLY)", [str(ours)])
    con.execute("ATTACH ? AS script (READ_ONLY)", [str(script)])
    differ = con.execute(
        """WITH o AS (SELECT report_date, category, total, reported_delta AS delta
                      FROM ours.latest_observations WHERE source = 'mod')
           SELECT coalesce(o.report_date, s.report_date), coalesce(o.category, s.category),
                  o.total, s.total, o.delta, s.delta
           FROM o FULL JOIN script.figures s USING (report_date, category)
           WHERE o.total IS DISTINCT FROM s.total OR o.delta IS DISTINCT FROM s.delta
           ORDER BY 1, 2"""
    ).fetchall()
    if differ:
        shown = "\n".join(f"  {row}" for row in differ[:10])
        raise SystemExit(f"the script and losses read {len(differ)} figures differently:\n{shown}")
    return con.execute("SELECT count(*) FROM script.figures").fetchone()[0]


class Bench:
    def __init__(self, workdir: Path, runs: int, naive: bool):
        self.dir = workdir
        self.runs = runs
        self.naive = naive
        self.results: dict[str, list[dict]] = {}
        # As installed programs run on a user's machine: with their bytecode cached
        # (the warm-up runs write it). Left set, PYTHONDONTWRITEBYTECODE (some shells
        # here have it) makes every process compile every module it imports, each time.
        unset = {"PREFECT_API_URL", "PYTHONDONTWRITEBYTECODE"}
        self.env = {
            **{k: v for k, v in os.environ.items() if k not in unset},
            # Runs without a server record themselves in a Prefect database no server
            # uses (as on a user's machine): the server's is busy with its own writes.
            "PREFECT_HOME": str(workdir / "prefect-home"),
            "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
            "PREFECT_UI_ENABLED": "false",
            "PYTHONPATH": str(ROOT),
        }
        self.server_env = {**self.env, "PREFECT_HOME": str(workdir / "prefect-server-home")}

    # -- services

    def start_services(self) -> None:
        port = _free_port()
        self.mirror = subprocess.Popen(
            [BIN / "losses", "mirror", "--port", str(port)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        self.base = f"http://127.0.0.1:{port}"
        _wait_http(self.base + "/", self.mirror, 60)
        # Prefect creates its database on its first run: the state of every run after.
        subprocess.run(
            [BIN / "prefect", "server", "database", "upgrade", "-y"],
            env=self.env,
            check=True,
            capture_output=True,
        )
        api_port = _free_port()
        self.api_url = f"http://127.0.0.1:{api_port}/api"
        self.server_env["PREFECT_API_URL"] = self.api_url
        self.server = subprocess.Popen(
            [BIN / "prefect", "server", "start", "--host", "127.0.0.1", "--port", str(api_port)],
            env=self.server_env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        _wait_http(self.api_url + "/health", self.server, 180)

    def stop_services(self) -> None:
        for proc in (getattr(self, "server", None), getattr(self, "mirror", None)):
            if proc is not None and proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
                proc.wait(timeout=30)

    def settle(self, timeout: float = 15.0) -> None:
        """Wait until the server and the mirror are idle (a server goes on working
        after a run: its events), so that no scenario pays for the one before."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            before = _cpu_seconds(self.server.pid) + _cpu_seconds(self.mirror.pid)
            time.sleep(0.5)
            if _cpu_seconds(self.server.pid) + _cpu_seconds(self.mirror.pid) - before < 0.02:
                return

    # -- scenarios

    def losses(self, key: str, args: list[str], warehouse: Path, *, server: bool = False):
        env = self.server_env if server else self.env
        self.settle()
        server_cpu = _cpu_seconds(self.server.pid)
        result = _timed([str(BIN / "losses"), *args, "--warehouse", str(warehouse)], env)
        result.update(_run_row(warehouse))
        result["server_cpu"] = _cpu_seconds(self.server.pid) - server_cpu
        self.results.setdefault(key, []).append(result)
        print(f"  {key}: {result['wall']:.2f} s", file=sys.stderr)
        return result

    def backfill(self, source: str, start: dt.date, end: dt.date) -> list[str]:
        return [
            "backfill",
            "--start",
            start.isoformat(),
            "--end",
            end.isoformat(),
            "--source",
            source,
            "--base-url",
            f"{self.base}/{source}",
        ]

    def daily(self) -> list[str]:
        return [
            "ingest",
            "--today",
            LAST.isoformat(),
            "--no-wait-for-bulletin",
            "--base-url",
            f"{self.base}/mod",
        ]

    def baseline(self, start: dt.date, end: dt.date, database: Path) -> list[str]:
        return [
            sys.executable,
            str(ROOT / "bench" / "baseline.py"),
            "--base-url",
            f"{self.base}/mod",
            "--start",
            start.isoformat(),
            "--end",
            end.isoformat(),
            "--db",
            str(database),
        ]

    def script(self, key: str, command: list[str], database: Path) -> dict:
        _remove(database)
        self.settle()
        result = _timed(command, self.env)
        result.update(json.loads(result["output"].strip().splitlines()[-1]))
        self.results.setdefault(key, []).append(result)
        print(f"  {key}: {result['wall']:.2f} s", file=sys.stderr)
        return result

    def round(self, number: int) -> None:
        print(f"round {number + 1} of {self.runs}", file=sys.stderr)
        mod, minfin, small = (self.dir / f"{name}.duckdb" for name in ("mod", "minfin", "small"))
        script = self.dir / "script.duckdb"
        self.script("script", self.baseline(FIRST, HISTORY_END, script), script)
        _remove(mod)
        self.losses("mod", self.backfill("mod", FIRST, HISTORY_END), mod)
        if number == 0:
            self.figures = same_figures(mod, script)
        served = self.dir / "served.duckdb"
        _remove(served)
        self.losses("mod-server", self.backfill("mod", FIRST, HISTORY_END), served, server=True)
        _remove(minfin)
        self.losses("minfin", self.backfill("minfin", FIRST, HISTORY_END), minfin)
        self.losses("noop", self.backfill("mod", FIRST, HISTORY_END), mod)
        if number == 0:
            _remove(small)
            ten_days = HISTORY_END - dt.timedelta(days=9)
            self.losses("(setup)", self.backfill("mod", ten_days, HISTORY_END), small)
        run = self.dir / "run.duckdb"
        for _ in range(DAILY_REPEATS):
            for key, warehouse in (("daily", mod), ("daily-10", small)):
                _copy(warehouse, run)
                self.losses(key, self.daily(), run)
        if self.naive and number == 0:
            self.script(
                "naive",
                [
                    sys.executable,
                    str(ROOT / "bench" / "naive.py"),
                    "--base-url",
                    f"{self.base}/mod",
                    "--start",
                    FIRST.isoformat(),
                    "--end",
                    HISTORY_END.isoformat(),
                    "--db",
                    str(self.dir / "naive.duckdb"),
                ],
                self.dir / "naive.duckdb",
            )

    def run(self) -> None:
        print("starting the mirror and a Prefect server ...", file=sys.stderr)
        self.start_services()
        try:
            # A first run of each kind: the flows registered, the files in the page
            # cache, the bytecode written.
            warm = self.dir / "warm.duckdb"
            for server in (False, True):
                _remove(warm)
                self.losses("(warm-up)", self.backfill("mod", LAST, LAST), warm, server=server)
            _remove(warm)
            self.losses("(warm-up)", self.backfill("minfin", LAST, LAST), warm)
            self.script("(warm-up)", self.baseline(LAST, LAST, warm), warm)
            for number in range(self.runs):
                self.round(number)
        finally:
            self.stop_services()

    # -- the table

    def median(self, key: str, field: str) -> float:
        return statistics.median(r[field] for r in self.results[key])

    def table(self) -> str:
        script_wall = self.median("script", "wall")
        labels = [
            ("script", "competent script (bench/baseline.py), MoD history"),
            ("mod", "`losses backfill`, MoD history, as a user runs it (no server)"),
            ("mod-server", "the same, with PREFECT_API_URL (a Prefect server running)"),
            ("minfin", "`losses backfill`, aggregator history (month pages)"),
            ("noop", "MoD backfill again (a no-op)"),
            ("daily", "`losses ingest` (daily run), full MoD warehouse"),
            ("daily-10", "`losses ingest` (daily run), 10-day warehouse"),
            ("naive", "naive scraper (bench/naive.py), MoD history"),
        ]
        lines = [
            "| scenario | bulletins | wall s | × script | CPU s | flow s | peak RSS MB "
            "| server CPU s |",
            "|---|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for key, label in labels:
            if key not in self.results:
                continue
            flow = (
                f"{self.median(key, 'flow'):.2f}"
                if key in self.results and ("flow" in self.results[key][0])
                else "-"
            )
            server = f"{self.median(key, 'server_cpu'):.1f}" if key == "mod-server" else "-"
            lines.append(
                f"| {label} | {self.results[key][0]['bulletins']} | "
                f"{self.median(key, 'wall'):.2f} | {self.median(key, 'wall') / script_wall:.2f} | "
                f"{self.median(key, 'cpu'):.2f} | {flow} | "
                f"{max(r['rss_mb'] for r in self.results[key]):.0f} | {server} |"
            )
        mod = self.median("mod", "wall") / script_wall
        served = self.median("mod-server", "wall") / script_wall
        daily_ratio = self.median("daily", "wall") / self.median("daily-10", "wall")
        peak = max(r["rss_mb"] for key, rows in self.results.items() for r in rows)

        def verdict(ok: bool) -> str:
            return "met" if ok else "NOT met"

        lines += [
            "",
            f"Both read the same {self.figures} figures (asserted). Medians of {self.runs} "
            f"rounds (the daily runs: {DAILY_REPEATS} a round); × script is the median wall "
            "time over the script's.",
            "",
            f"- MoD history as a user runs it: {mod:.2f}× the script "
            f"(target ≤ {TARGETS['mod']}: {verdict(mod <= TARGETS['mod'])})",
            f"- with a server: {served:.2f}× (target ≤ {TARGETS['mod-server']}: "
            f"{verdict(served <= TARGETS['mod-server'])})",
            f"- no-op: {self.median('noop', 'wall'):.2f} s (target ≤ {TARGETS['noop']} s: "
            f"{verdict(self.median('noop', 'wall') <= TARGETS['noop'])}); daily run: "
            f"{self.median('daily', 'wall'):.2f} s (target ≤ {TARGETS['daily']} s: "
            f"{verdict(self.median('daily', 'wall') <= TARGETS['daily'])})",
            f"- aggregator history, flow time: {self.median('minfin', 'flow'):.2f} s "
            f"(target ≤ {TARGETS['minfin-flow']} s: "
            f"{verdict(self.median('minfin', 'flow') <= TARGETS['minfin-flow'])})",
            f"- daily run, full warehouse over 10-day: {daily_ratio:.2f}× (target ≤ "
            f"{TARGETS['daily-ratio']}: {verdict(daily_ratio <= TARGETS['daily-ratio'])})",
            f"- peak RSS: {peak:.0f} MB (target ≤ {TARGETS['rss']} MB: "
            f"{verdict(peak <= TARGETS['rss'])})",
        ]
        return "\n".join(lines)


def machine() -> str:
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    import duckdb
    import prefect

    return (
        f"{platform.machine()}, {os.cpu_count()} cores ({model}), "
        f"{round(os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30)} GiB, "
        f"Python {platform.python_version()}, Prefect {prefect.__version__}, "
        f"DuckDB {duckdb.__version__}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="rounds (medians are reported)")
    parser.add_argument("--naive", action="store_true", help="also time the naive scraper")
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="losses-bench-"))
    try:
        bench = Bench(workdir, args.runs, args.naive)
        bench.run()
        print(f"\nMachine: {machine()}\n")
        print(bench.table())
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
