"""Command-line runs without a Prefect server run in-process, without Prefect's
engine (flows/local_run.py), and are still recorded where `prefect server start`
shows them: read back here through a real server's API."""

from __future__ import annotations

import subprocess

import httpx
import pytest

from tests.support.prefect_server import BIN, prefect_server


def _losses(env, *args) -> subprocess.CompletedProcess:
    return subprocess.run(
        [BIN / "losses", *args], env=env, capture_output=True, text=True, timeout=120
    )


@pytest.fixture(scope="module")
def recorded(tmp_path_factory, mirror):
    """Two local runs (one completed, one failed) written while a server runs on
    the same database, and that server's API."""
    tmp = tmp_path_factory.mktemp("local-runs")
    warehouse = tmp / "w.duckdb"
    with prefect_server(tmp) as server_env:  # it creates the database
        api = server_env["PREFECT_API_URL"]
        env = {k: v for k, v in server_env.items() if k != "PREFECT_API_URL"}  # no server set
        common = ["--source", "minfin", "--base-url", mirror.url("minfin")]
        common += ["--warehouse", str(warehouse)]
        ok = _losses(env, "backfill", "--start", "2024-06-01", "--end", "2024-06-10", *common)
        failed = _losses(env, "backfill", "--start", "2030-01-01", "--end", "2030-01-02", *common)
        with httpx.Client(base_url=api, timeout=10) as client:
            runs = client.post("/flow_runs/filter", json={"sort": "START_TIME_ASC"}).json()
            yield ok, failed, runs, client


def test_no_temporary_server_is_started(recorded):
    ok, failed, _, _ = recorded
    assert ok.returncode == 0, ok.stderr
    assert "temporary server" not in ok.stderr + ok.stdout
    assert "backfill (minfin): 1 document(s) fetched, 31 bulletin revision(s)" in ok.stdout
    assert failed.returncode == 2
    assert "temporary server" not in failed.stderr + failed.stdout


def test_the_server_shows_both_runs_with_their_states(recorded):
    _, failed, runs, _ = recorded
    assert [run["state"]["type"] for run in runs] == ["COMPLETED", "FAILED"]
    done, fail = runs
    assert done["parameters"]["start"] == "2024-06-01"
    assert done["parameters"]["source"] == "minfin"
    assert done["start_time"] and done["end_time"] and done["total_run_time"] > 0
    assert "2030-01-01" in fail["state"]["message"]
    assert fail["state"]["message"] in failed.stderr


def test_the_server_shows_the_logs_steps_and_artifact(recorded):
    _, _, runs, client = recorded
    run_id = runs[0]["id"]
    logs = client.post("/logs/filter", json={"logs": {"flow_run_id": {"any_": [run_id]}}}).json()
    messages = [entry["message"] for entry in logs]
    assert any(m.startswith("backfill (minfin): 1 document(s) fetched") for m in messages)
    assert any(m.startswith("minfin: looking for") for m in messages)
    tasks = client.post("/task_runs/filter", json={"flow_runs": {"id": {"any_": [run_id]}}}).json()
    names = {task["name"] for task in tasks}
    assert {"reparse-stored minfin", "discover minfin round 0", "check"} <= names
    assert {task["state"]["type"] for task in tasks} == {"COMPLETED"}
    artifacts = client.post(
        "/artifacts/filter", json={"artifacts": {"flow_run_id": {"any_": [run_id]}}}
    ).json()
    [artifact] = artifacts
    assert artifact["key"] == "losses-backfill-minfin"
    assert artifact["data"].startswith("# backfill (minfin): 1 document(s) fetched")
    latest = client.get("/artifacts/losses-backfill-minfin/latest").json()
    assert (latest["flow_run_id"], latest["data"]) == (run_id, artifact["data"])
