"""End-to-end benchmark of the pipeline against the local mirror (not part of the tests).

    uv run python bench/pipeline.py            # full history, ~4 minutes with the naive baseline
    uv run python bench/pipeline.py --quick    # 120 days, naive baseline on 60 days

Starts the mirror (`losses mirror`) and a Prefect server (`prefect server start`)
as their own processes, as in production, then runs each scenario in a fresh
process and reads that process's own wall time, CPU time and peak RSS:

  - backfill of the whole history but the last day from the MoD, through every era of
    its sites (www.mil.gov.ua's listing, mod.gov.ua's listing, tag page and sitemap;
    mod.gov.ua pages ~250 KB each)
  - the same from the aggregator, the default backfill source (a month a request)
  - the MoD backfill again (a no-op: nothing to fetch, nothing to load)
  - one daily run on that full warehouse, and one on a 10-day warehouse (each the
    median of three runs on fresh copies)
  - a naive pipeline over the same days: the sites' news listings walked with
    sequential GETs, BeautifulSoup (html.parser) over each whole page, one INSERT per
    figure, each page dated by its listing item
  - parse throughput per format (bench/bench_parse.py)

"pipeline CPU" is the CPU time of the process running the flow, measured
around the flow call; the process's start-up (interpreter, imports, Prefect
client), the Prefect server's and the mirror's CPU are reported apart."""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import platform
import re
import resource
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
LAST = dt.date(2026, 8, 8)  # the mirror's last day (the reference's)
FIRST = dt.date(2022, 2, 25)


# ---------------------------------------------------------------- scenarios (child side)


def _run_delay() -> float:
    """Seconds this process's threads were ready to run but waited for a core (Linux;
    0 elsewhere): on a shared machine, wall time the pipeline did not spend itself."""
    total = 0
    for stat in Path("/proc/self/task").glob("*/schedstat"):
        with contextlib.suppress(OSError, IndexError, ValueError):
            total += int(stat.read_text().split()[1])
    return total / 1e9


def _measured(run) -> dict:
    start_wall, start_cpu, start_delay = time.perf_counter(), time.process_time(), _run_delay()
    outcome = run()
    return {
        "startup_cpu": start_cpu,  # interpreter, imports, Prefect client: once per process
        "wall": time.perf_counter() - start_wall,
        "cpu": time.process_time() - start_cpu,
        "run_delay": _run_delay() - start_delay,
        "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        **outcome,
    }


def _run_flow(args) -> dict:
    import logging

    from flows import prefect_setup

    prefect_setup.configure()
    logging.basicConfig(level=logging.WARNING)
    from prefect.client.orchestration import get_client

    from flows.backfill import backfill
    from flows.daily import daily
    from warehouse import Warehouse

    # Prefect imports most of its client on first use: part of start-up, not of a run.
    with get_client(sync_client=True) as client:
        client.api_healthcheck()

    def run():
        if args.kind == "backfill":
            state = backfill(
                start=dt.date.fromisoformat(args.start),
                end=dt.date.fromisoformat(args.end),
                source=args.source,
                base_url=args.base_url,
                warehouse=args.warehouse,
                return_state=True,
            )
        else:
            state = daily(
                base_url=args.base_url,
                warehouse=args.warehouse,
                today=dt.date.fromisoformat(args.end),
                return_state=True,
            )
        if not state.is_completed():
            raise SystemExit(f"{args.kind} failed: {state.message}")
        with Warehouse.open(args.warehouse, read_only=True) as wh:
            fetched, loaded = wh.one(
                "SELECT documents_fetched, bulletins_loaded FROM runs ORDER BY run_id DESC LIMIT 1"
            )
        return {"documents": fetched, "bulletins": loaded}

    with prefect_setup.in_process_run():  # as `losses backfill` / `losses ingest` run
        return _measured(run)


NAIVE_LINE = re.compile(
    r"^\s*(?P<label>[^\d—–‒-][^—–‒]*?)\s*[—–‒-]\s*(?:близько|понад|about|more than)?\s*"
    r"(?P<total>\d[\d ]*?)\s*(?:\(\+?(?P<delta>-?[\d ]+)\))?[\s,.;]*(?:од|осіб.*)?$"
)
NAIVE_DATE = re.compile(r"(\d\d)[. ](\d\d|[^\W\d]+)[. ](\d{4})")
NAIVE_MONTHS = [
    "січня",
    "лютого",
    "березня",
    "квітня",
    "травня",
    "червня",
    "липня",
    "серпня",
    "вересня",
    "жовтня",
    "листопада",
    "грудня",
]


def _naive_date(text: str) -> dt.date | None:
    found = NAIVE_DATE.search(text)
    if not found:
        return None
    day, month, year = found.groups()
    month = int(month) if month.isdigit() else NAIVE_MONTHS.index(month) + 1
    return dt.date(int(year), month, int(day))


def _run_naive(args) -> dict:
    """The scraper this project replaces, done plainly: the news listings walked one
    request at a time, the whole page through BeautifulSoup, one INSERT per figure."""
    import duckdb
    import httpx
    from bs4 import BeautifulSoup

    from parsers.vocabulary import match_label

    start, end = dt.date.fromisoformat(args.start), dt.date.fromisoformat(args.end)
    listings = [
        (f"{args.base_url}/www.mil.gov.ua/news/?page={{}}", "div.news-post", "p.meta"),
        (f"{args.base_url}/news?page={{}}", "a.news-card", "span.news-card__date"),
    ]

    def run():
        con = duckdb.connect(args.warehouse)
        con.execute(
            "CREATE TABLE figures (report_date DATE, category VARCHAR, total BIGINT, delta BIGINT)"
        )
        client = httpx.Client(timeout=30)
        pages: list[tuple[dt.date, str]] = []
        requests = 0
        for url, item, when in listings:
            page = 1
            while True:
                listing = BeautifulSoup(client.get(url.format(page)).text, "html.parser")
                requests += 1
                dates = []
                for entry in listing.select(item):
                    link = entry if entry.name == "a" else entry.find("a")
                    day = _naive_date(entry.select_one(when).get_text())
                    if day is None:
                        continue
                    dates.append(day)
                    if start <= day <= end and "втрат" in link.get_text().lower():
                        pages.append((day, link["href"]))
                if not dates or min(dates) < start or not listing.select_one(".next"):
                    break
                page += 1
        bulletins = 0
        for day, url in sorted(pages):
            soup = BeautifulSoup(client.get(url).text, "html.parser")
            requests += 1
            found = 0
            for line in soup.get_text("\n").splitlines():
                figure = NAIVE_LINE.match(line)
                category = figure and match_label(figure["label"], day)
                if category:
                    delta = int(figure["delta"].replace(" ", "")) if figure["delta"] else None
                    total = int(figure["total"].replace(" ", ""))
                    con.execute(
                        "INSERT INTO figures VALUES (?, ?, ?, ?)", [day, category, total, delta]
                    )
                    found += 1
            bulletins += found > 0
        con.close()
        return {"documents": requests, "bulletins": bulletins}

    return _measured(run)


# ---------------------------------------------------------------- orchestration (parent side)


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


class Bench:
    def __init__(self, workdir: Path, quick: bool, naive_days: int | None):
        self.dir = workdir
        self.quick = quick
        self.naive_days = naive_days
        self.rows: list[tuple[str, dict]] = []
        self.env = {
            **os.environ,
            "PREFECT_HOME": str(workdir / "prefect-home"),
            "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
            "PREFECT_UI_ENABLED": "false",
            "PYTHONPATH": str(ROOT),
        }

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
        api_port = _free_port()
        self.env["PREFECT_API_URL"] = f"http://127.0.0.1:{api_port}/api"
        self.server = subprocess.Popen(
            [BIN / "prefect", "server", "start", "--host", "127.0.0.1", "--port", str(api_port)],
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        _wait_http(self.env["PREFECT_API_URL"] + "/health", self.server, 180)

    def stop_services(self) -> None:
        for proc in (getattr(self, "server", None), getattr(self, "mirror", None)):
            if proc is not None and proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
                proc.wait(timeout=30)

    def scenario(
        self,
        label: str,
        kind: str,
        start: dt.date,
        end: dt.date,
        warehouse: str,
        source: str = "mod",
    ):
        server_cpu = _cpu_seconds(self.server.pid)
        mirror_cpu = _cpu_seconds(self.mirror.pid)
        command = [
            sys.executable,
            __file__,
            "--child",
            kind,
            "--start",
            start.isoformat(),
            "--end",
            end.isoformat(),
            "--source",
            source,
            "--base-url",
            f"{self.base}/{source}",
            "--warehouse",
            str(self.dir / warehouse),
        ]
        done = subprocess.run(command, env=self.env, capture_output=True, text=True)
        if done.returncode != 0:
            raise SystemExit(f"{label}: {done.stderr[-3000:]}")
        result = json.loads(done.stdout.strip().splitlines()[-1])
        result["server_cpu"] = _cpu_seconds(self.server.pid) - server_cpu
        result["mirror_cpu"] = _cpu_seconds(self.mirror.pid) - mirror_cpu
        self.rows.append((label, result))
        print(f"  {label}: {result['wall']:.2f} s", file=sys.stderr)
        return result

    def snapshot(self, source: str, target: str) -> None:
        """A copy of a warehouse (file, WAL and bodies) so a scenario can run on it afresh."""
        for suffix in ("", ".wal", ".bodies"):
            src, dst = self.dir / f"{source}{suffix}", self.dir / f"{target}{suffix}"
            if dst.is_dir():
                shutil.rmtree(dst)
            elif dst.exists():
                dst.unlink()
            if src.is_dir():
                shutil.copytree(src, dst)
            elif src.exists():
                shutil.copy(src, dst)

    def median_of(self, label: str, runs: int, prepare, *scenario_args) -> None:
        """Run a short scenario a few times on fresh copies; keep the median by wall time."""
        results = []
        for _ in range(runs):
            prepare()
            results.append(self.scenario(label, *scenario_args))
            self.rows.pop()
        results.sort(key=lambda r: r["wall"])
        self.rows.append((label, results[len(results) // 2]))

    def run(self) -> None:
        last_but_one = LAST - dt.timedelta(days=1)
        first = last_but_one - dt.timedelta(days=119) if self.quick else FIRST
        naive_first = (
            last_but_one - dt.timedelta(days=self.naive_days - 1) if self.naive_days else first
        )
        print("starting the mirror and a Prefect server ...", file=sys.stderr)
        self.start_services()
        try:
            # Prefect registers each flow on its first run: pay that outside the figures.
            self.scenario("(warm-up)", "daily", LAST, LAST, "warm-up")
            self.rows.pop()
            self.full = self.scenario(
                "backfill, MoD history (every era)", "backfill", first, last_but_one, "a"
            )
            self.scenario(
                "backfill, aggregator history",
                "backfill",
                first,
                last_but_one,
                "m",
                source="minfin",
            )
            self.scenario(
                "(setup: 10-day warehouse)",
                "backfill",
                last_but_one - dt.timedelta(days=9),
                last_but_one,
                "b",
            )
            self.rows.pop()
            for name, label in (("a", "daily, full warehouse"), ("b", "daily, 10-day warehouse")):
                self.median_of(
                    label,
                    3,
                    lambda name=name: self.snapshot(name, "run"),
                    "daily",
                    LAST,
                    LAST,
                    "run",
                )
            self.scenario("MoD backfill again (no-op)", "backfill", first, last_but_one, "a")
            self.naive = self.scenario(
                "naive baseline", "naive", naive_first, last_but_one, "naive.duckdb"
            )
        finally:
            self.stop_services()

    def table(self) -> str:
        lines = [
            "| scenario | bulletins | wall s | pipeline CPU s | CPU ms/bulletin | peak RSS MB "
            "| bulletins/s | Prefect server CPU s | process start-up CPU s |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for label, r in self.rows:
            per = f"{1000 * r['cpu'] / r['bulletins']:.2f}" if r["bulletins"] else "-"
            rate = f"{r['bulletins'] / r['wall']:.0f}" if r["bulletins"] else "-"
            server = "-" if label == "naive baseline" else f"{r['server_cpu']:.1f}"
            lines.append(
                f"| {label} | {r['bulletins']} | {r['wall']:.2f} | {r['cpu']:.2f} | {per} | "
                f"{r['rss_mb']:.0f} | {rate} | {server} | {r['startup_cpu']:.2f} |"
            )
        rows = dict(self.rows)
        ours, naive = self.full, self.naive
        per_ours = ours["wall"] / ours["bulletins"]
        per_naive = naive["wall"] / naive["bulletins"]
        full_daily = rows["daily, full warehouse"]["wall"]
        small_daily = rows["daily, 10-day warehouse"]["wall"]
        lines += [
            "",
            f"- end to end vs the naive baseline: {per_naive / per_ours:.1f}x faster per bulletin "
            f"(wall), {naive['cpu'] / naive['bulletins'] / (ours['cpu'] / ours['bulletins']):.1f}x "
            "less CPU per bulletin (target >= 20x)",
            f"- pipeline CPU per bulletin, full backfill: "
            f"{1000 * ours['cpu'] / ours['bulletins']:.2f} ms (target <= 3 ms)",
            f"- daily run on the full warehouse vs a 10-day one: {full_daily / small_daily:.2f}x "
            "(target <= 1.2x)",
            f"- peak RSS: {max(r['rss_mb'] for _, r in self.rows):.0f} MB (target <= 300 MB)",
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
    parser.add_argument("--quick", action="store_true", help="120 days instead of the history")
    parser.add_argument(
        "--naive-days", type=int, help="days for the naive baseline (default: same as ours)"
    )
    parser.add_argument("--child", choices=["backfill", "daily", "naive"], help=argparse.SUPPRESS)
    parser.add_argument("--start", help=argparse.SUPPRESS)
    parser.add_argument("--end", help=argparse.SUPPRESS)
    parser.add_argument("--base-url", help=argparse.SUPPRESS)
    parser.add_argument("--source", help=argparse.SUPPRESS)
    parser.add_argument("--warehouse", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        args.kind = args.child
        result = _run_naive(args) if args.child == "naive" else _run_flow(args)
        print(json.dumps(result))
        return
    workdir = Path(tempfile.mkdtemp(prefix="losses-bench-"))
    try:
        bench = Bench(workdir, args.quick, args.naive_days or (60 if args.quick else None))
        bench.run()
        print(f"\nMachine: {machine()}\n")
        print(bench.table())
        parse = subprocess.run(
            [sys.executable, str(ROOT / "bench" / "bench_parse.py")],
            capture_output=True,
            text=True,
        )
        print("\nParse throughput (bench/bench_parse.py):\n")
        print(parse.stdout.strip() or parse.stderr.strip())
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
