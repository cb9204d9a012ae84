"""The deployments of prefect.yaml on a process work pool, as a Prefect user runs
them: a real `prefect server start` on loopback, `prefect work-pool create`,
`prefect deploy --all` from the project's root, `prefect worker start`, and
`prefect deployment run -p ...`, against the built-in mirror. One server, pool,
worker and set of runs for the whole module."""

from __future__ import annotations

import datetime as dt
import re
import signal
import subprocess
from pathlib import Path

import httpx
import pytest

from mirror import start_mirror
from tests.support.prefect_server import (
    BIN,
    flow_run,
    prefect_server,
    run_logs,
    stop,
    wait_for,
)
from warehouse import Warehouse

ROOT = Path(__file__).resolve().parents[2]
START, END = dt.date(2024, 6, 1), dt.date(2024, 6, 4)

pytestmark = pytest.mark.skipif(
    not (BIN / "prefect").exists(), reason="the prefect command is not installed"
)

# The runs the module triggers: name -> (deployment, parameters beyond base_url/warehouse).
RUNS = {
    "backfill": ("backfill/backfill", [f"start={START}", f"end={END}"]),
    "daily": ("daily/daily", ["wait_for_today=false"]),  # today: the mirror's last date
    "bad date": ("backfill/backfill", ["start=2024-13-01", f"end={END}"]),
    "end before start": ("backfill/backfill", [f"start={END}", f"end={START}"]),
}


def _prefect(env, *args: str, timeout: float = 60) -> subprocess.CompletedProcess:
    done = subprocess.run(
        [BIN / "prefect", "--no-prompt", *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert done.returncode == 0, f"prefect {' '.join(args)}:\n{done.stdout}{done.stderr}"
    return done


def _interruptible() -> None:
    """The worker starts with SIGINT at its default, as a service manager starts it,
    whatever pytest inherited: started in the background by a non-interactive shell
    (`cmd &`), every process has SIGINT ignored, and Prefect's worker stops on SIGTERM
    by sending itself SIGINT under the handler it found (ignored: it never stops)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.fixture(scope="module")
def pool(tmp_path_factory):
    """Server, mirror, pool, deployments and a running worker; yields what the
    tests read: the environment, the worker process and its output file, the
    mirror and the scratch directory."""
    scratch = tmp_path_factory.mktemp("work-pool")
    # A run waiting for its deployment's one slot is retried after 1 s, not 30.
    slot_wait = {"PREFECT_SERVER_DEPLOYMENTS_CONCURRENCY_SLOT_WAIT_SECONDS": "1"}
    with start_mirror(port=0) as mirror, prefect_server(scratch, **slot_wait) as env:
        _prefect(env, "work-pool", "create", "losses", "--type", "process")
        # From the project's root, as a shell there sets PWD (the pull step's directory).
        deploying = subprocess.Popen(
            [BIN / "prefect", "--no-prompt", "deploy", "--all"],
            env={**env, "PWD": str(ROOT)},
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        output = scratch / "worker.log"
        with open(output, "w") as log:
            worker = subprocess.Popen(
                [BIN / "prefect", "worker", "start", "--pool", "losses"],
                env={**env, "PREFECT_WORKER_QUERY_SECONDS": "1"},  # picks runs up within 1 s
                cwd=scratch,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
                preexec_fn=_interruptible,
            )
            try:
                deployed, _ = deploying.communicate(timeout=90)
                assert deploying.returncode == 0, deployed
                yield {
                    "env": env,
                    "api": env["PREFECT_API_URL"],
                    "worker": worker,
                    "output": output,
                    "mirror": mirror,
                    "scratch": scratch,
                }
            finally:
                stop(worker)


@pytest.fixture(scope="module")
def runs(pool):
    """Every run of RUNS triggered at once with `prefect deployment run -p`, each to
    its final state: name -> (flow run, its log messages)."""
    mirror, scratch = pool["mirror"], pool["scratch"]
    extra = {
        "backfill": [f"base_url={mirror.url('minfin')}"],
        "daily": [f"base_url={mirror.url('mod')}", f"today={mirror.until}"],
    }
    triggered = {}
    for name, (deployment, parameters) in RUNS.items():
        warehouse = scratch / f"{name.replace(' ', '-')}.duckdb"
        options = [*parameters, *extra.get(name, []), f"warehouse={warehouse}"]
        triggered[name] = subprocess.Popen(
            [BIN / "prefect", "deployment", "run", deployment]
            + [arg for option in options for arg in ("-p", option)],
            env=pool["env"],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
    ids = {}
    for name, proc in triggered.items():
        out, _ = proc.communicate(timeout=60)
        assert proc.returncode == 0, out
        [ids[name]] = re.findall(r"UUID: ([0-9a-f-]{36})", out)

    def final(run_id: str) -> dict | None:
        run = flow_run(pool["api"], run_id)
        return run if run["state"]["type"] in ("COMPLETED", "FAILED", "CRASHED") else None

    def logged(run_id: str, last: str) -> list[str] | None:
        # A run's logs reach the server in batches, after its state may: up to its last line.
        messages = [log["message"] for log in run_logs(pool["api"], run_id)]
        return messages if any(m.startswith(last) for m in messages) else None

    finished = {}
    for name, run_id in ids.items():
        run = wait_for(lambda r=run_id: final(r), 120, f"the {name} run", pool["worker"])
        last = "Finished in state" if run["state"]["type"] == "COMPLETED" else "run failed: "
        try:
            messages = wait_for(lambda r=run_id, s=last: logged(r, s), 15, f"{name}'s logs")
        except AssertionError:  # the tests below say what is missing
            messages = [log["message"] for log in run_logs(pool["api"], run_id)]
        finished[name] = (run, messages)
    return finished


def _deployment(api: str, name: str) -> dict:
    response = httpx.get(f"{api}/deployments/name/{name}", timeout=10)
    response.raise_for_status()
    return response.json()


def test_deploy_all_registers_both_deployments_on_the_pool(pool):
    daily = _deployment(pool["api"], "daily/daily")
    backfill = _deployment(pool["api"], "backfill/backfill")
    [schedule] = daily["schedules"]
    assert (schedule["schedule"]["cron"], schedule["schedule"]["timezone"]) == (
        "30 9 * * *",
        "Europe/Kyiv",
    )
    assert backfill["schedules"] == []  # on demand
    for deployment in (daily, backfill):
        assert deployment["work_pool_name"] == "losses"
        # One run at a time; another one waits its turn (flows/serve.py ONE_AT_A_TIME).
        assert deployment["global_concurrency_limit"]["limit"] == 1
        assert deployment["concurrency_options"]["collision_strategy"] == "ENQUEUE"
        [step] = deployment["pull_steps"]
        assert step == {"prefect.deployments.steps.set_working_directory": {"directory": str(ROOT)}}


def test_a_backfill_with_parameters_and_the_daily_run_complete(runs, pool):
    for name in ("backfill", "daily"):
        run, _ = runs[name]
        assert run["state"]["type"] == "COMPLETED", (name, run["state"]["message"])
    with Warehouse.open(pool["scratch"] / "backfill.duckdb", read_only=True) as wh:
        assert wh.loaded_dates("minfin", START, END) == {
            START + dt.timedelta(days=n) for n in range(4)
        }
    until = pool["mirror"].until
    with Warehouse.open(pool["scratch"] / "daily.duckdb", read_only=True) as wh:
        assert wh.last_report_date("mod") == until


def test_each_completed_run_has_its_artifact(runs, pool):
    for name, key in (("backfill", "losses-backfill-minfin"), ("daily", "losses-daily-mod")):
        run, _ = runs[name]
        response = httpx.post(
            f"{pool['api']}/artifacts/filter",
            json={"artifacts": {"flow_run_id": {"any_": [run["id"]]}}},
            timeout=10,
        )
        assert [artifact["key"] for artifact in response.json()] == [key]


def test_the_runs_logs_keep_the_projects_info_lines(runs):
    _, backfill = runs["backfill"]
    assert f"minfin: looking for {START}..{END} (4 days)" in backfill
    assert "minfin: fetch and load: 1/1 done" in backfill  # progress
    assert any(line.startswith("backfill (minfin): 1 document(s) fetched") for line in backfill)
    _, daily = runs["daily"]
    assert any(line.startswith("mod: looking for ") for line in daily)
    assert any(line.startswith("daily (mod): ") for line in daily)  # the summary


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        (
            "bad date",
            "invalid parameter start='2024-13-01': Input should be a valid date or datetime, "
            "month value is outside expected range of 1-12",
        ),
        ("end before start", f"start {END} is after end {START}"),
    ],
)
def test_an_expected_failure_is_one_line_not_a_traceback(runs, name, reason):
    run, logged = runs[name]
    message = run["state"]["message"]
    assert run["state"]["type"] == "FAILED"
    assert reason in message and "\n" not in message
    assert f"run failed: {reason}" in logged
    assert not [line for line in logged if "Traceback" in line or "unexpected exception" in line]


def test_the_worker_prints_no_traceback_and_stops_on_sigterm(runs, pool):
    """Last in the module: it stops the worker. A worker stops on SIGTERM when it
    may be interrupted (SIGINT not ignored, as under a service manager)."""
    assert stop(pool["worker"], signal.SIGTERM, timeout=15) == 0
    output = pool["output"].read_text()
    assert f"minfin: looking for {START}..{END} (4 days)" in output  # streamed from the run
    assert "run failed: invalid parameter start='2024-13-01'" in output
    assert "Traceback" not in output and "unexpected exception" not in output
