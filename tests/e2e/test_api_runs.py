"""Command-line runs with a Prefect server configured run in-process, without Prefect's
engine, and are reported to the server as they go (flows/api_run.py: the flow run over
its REST API, the steps as task-run events): read back here through a real
`prefect server start`."""

from __future__ import annotations

import socket
import subprocess
import sys

import httpx
import pytest

from tests.support.prefect_server import BIN, prefect_server, wait_for


def _losses(env, *args) -> subprocess.CompletedProcess:
    return subprocess.run(
        [BIN / "losses", *args], env=env, capture_output=True, text=True, timeout=120
    )


def _dead_pid() -> int:
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    return gone.pid


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """A real Prefect server: its clients' environment."""
    tmp = tmp_path_factory.mktemp("api-runs")
    with prefect_server(tmp) as env:
        yield env


def _task_runs(client, run_id: str, names: set[str], state: str | None = None) -> list[dict]:
    """The run's task runs once those named are there (in `state`, if given): the
    server's task run recorder writes them from the events, on its own time, the row
    before its state's (read between the two, a task run's "state" is null: its
    "state_type" is in the row itself)."""

    def read():
        found = client.post(
            "/task_runs/filter", json={"flow_runs": {"id": {"any_": [run_id]}}}
        ).json()
        shown = {t["name"] for t in found if state is None or t["state_type"] == state}
        return found if names <= shown else None

    return wait_for(read, 30, f"task runs {sorted(names)} of flow run {run_id}", every=0.1)


def _made(client, path: str, body: dict) -> dict:
    """What POST `path` made. A server just started may still be writing its own rows
    (its block types) and answer an error for a while: asked again until it makes it."""

    last: list[httpx.Response] = []

    def post():
        last[:] = [client.post(path, json=body)]
        return last[0].json() if last[0].status_code < 300 else None

    try:
        return wait_for(post, 30, f"the server to make POST {path}", every=0.2)
    except AssertionError as exc:
        shown = f"{last[0].status_code} {last[0].text[:500]}" if last else "no answer"
        raise AssertionError(f"{exc}; its last answer: {shown}") from None


@pytest.fixture(scope="module")
def reported(server, tmp_path_factory, mirror):
    """A run left Running by a process that is gone, then two runs (one completed,
    one failed) reported to a server, and that server's API."""
    warehouse = tmp_path_factory.mktemp("api-runs-warehouse") / "w.duckdb"
    env = server
    api = env["PREFECT_API_URL"]
    with httpx.Client(base_url=api, timeout=10) as client:
        flow = _made(client, "/flows/", {"name": "backfill"})
        orphan = _made(
            client,
            "/flow_runs/",
            {
                "flow_id": flow["id"],
                "name": "killed-cli-run",
                "tags": ["losses-cli"],
                "state": {"type": "RUNNING", "name": "Running"},
            },
        )
        where = f"{socket.gethostname()}:{_dead_pid()}"
        client.patch(f"/flow_runs/{orphan['id']}", json={"infrastructure_pid": where})
        common = ["--source", "minfin", "--base-url", mirror.url("minfin")]
        common += ["--warehouse", str(warehouse)]
        ok = _losses(env, "backfill", "--start", "2024-06-01", "--end", "2024-06-10", *common)
        failed = _losses(env, "backfill", "--start", "2030-01-01", "--end", "2030-01-02", *common)
        runs = client.post(
            "/flow_runs/filter",
            json={"sort": "START_TIME_ASC", "flow_runs": {"tags": {"all_": ["losses-cli"]}}},
        ).json()
        yield ok, failed, orphan, runs, client


def test_the_runs_go_without_prefects_engine(reported):
    ok, failed, _, _, _ = reported
    assert ok.returncode == 0, ok.stderr
    assert "backfill (minfin): 1 document(s) fetched, 31 bulletin revision(s)" in ok.stdout
    # The engine logs "Beginning flow run ..." and "Finished in state ...": not here.
    assert "Beginning flow run" not in ok.stderr and "Finished in state" not in ok.stderr
    assert failed.returncode == 2
    assert "is incomplete" not in ok.stderr + failed.stderr  # every call went through


def test_the_server_shows_both_runs_with_their_states(reported):
    _, failed, _, runs, _ = reported
    done, fail = (r for r in runs if r["name"] != "killed-cli-run")
    assert (done["state"]["type"], fail["state"]["type"]) == ("COMPLETED", "FAILED")
    assert done["parameters"]["start"] == "2024-06-01"
    assert done["parameters"]["source"] == "minfin"
    assert done["start_time"] and done["end_time"] and done["total_run_time"] > 0
    assert ":" in done["infrastructure_pid"]
    assert "2030-01-01" in fail["state"]["message"]
    assert fail["state"]["message"] in failed.stderr


def test_a_run_whose_process_is_gone_is_marked_crashed(reported):
    _, _, orphan, _, client = reported
    state = client.get(f"/flow_runs/{orphan['id']}").json()["state"]
    assert state["type"] == "CRASHED"
    assert "ended without finishing the run" in state["message"]


def test_the_server_shows_the_logs_steps_and_artifact(reported):
    _, _, _, runs, client = reported
    [done] = [r for r in runs if r["state"]["type"] == "COMPLETED"]
    run_id = done["id"]
    logs = client.post("/logs/filter", json={"logs": {"flow_run_id": {"any_": [run_id]}}}).json()
    messages = [entry["message"] for entry in logs]
    assert any(m.startswith("backfill (minfin): 1 document(s) fetched") for m in messages)
    assert any(m.startswith("minfin: looking for") for m in messages)
    tasks = _task_runs(
        client, run_id, {"reparse-stored minfin", "discover minfin round 0", "check"}
    )
    assert {task["state_type"] for task in tasks} == {"COMPLETED"}
    assert all(task["start_time"] and task["end_time"] for task in tasks)
    artifacts = client.post(
        "/artifacts/filter", json={"artifacts": {"flow_run_id": {"any_": [run_id]}}}
    ).json()
    [artifact] = artifacts
    assert artifact["key"] == "losses-backfill-minfin"
    assert artifact["data"].startswith("# backfill (minfin): 1 document(s) fetched")


def test_a_long_step_is_shown_running_while_it_runs(server, monkeypatch):
    # Last in the module: this run is not one of those `reported` read back.
    from flows import api_run
    from flows.steps import step

    monkeypatch.setattr(api_run, "RUNNING_AFTER", 0.2)
    api = server["PREFECT_API_URL"]
    seen: list[dict] = []

    @step("slow", "slow step")
    def slow(client, run_id):
        seen.extend(_task_runs(client, run_id, {"slow step"}))  # the server shows it now

    with httpx.Client(base_url=api, timeout=10) as client:
        with api_run.reported(api, "backfill", {"source": "mod"}) as run:
            slow(client, run.flow_run_id)
        [after] = _task_runs(client, run.flow_run_id, {"slow step"}, state="COMPLETED")
    [during] = seen
    assert during["state_type"] == "RUNNING" and during["end_time"] is None
    assert after["id"] == during["id"] and after["start_time"] == during["start_time"]
    assert after["end_time"] > after["start_time"]


@pytest.mark.parametrize(
    ("api", "verifying"), [("http://127.0.0.1:4200/api", 0), ("https://prefect.example/api", 1)]
)
def test_a_plain_http_server_is_reached_without_loading_the_ca_bundle(monkeypatch, api, verifying):
    import ssl

    from flows.api_client import ApiClient

    made: list[int] = []
    real = ssl.create_default_context

    def counted(*args, **kwargs):
        made.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(ssl, "create_default_context", counted)
    with ApiClient(api):
        pass
    assert len(made) == verifying  # https is still verified against the CA bundle
