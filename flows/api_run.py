"""Command-line runs with a Prefect server configured (PREFECT_API_URL): the flow's
work runs here, in this process, without Prefect's engine, and the run is reported
to the server over its REST API as it goes: the flow run with its parameters and
states, a task run per step (Running when it starts, Completed or Failed when it
ends), then its log lines and its artifact.

Why: through Prefect's engine the MoD history took 8.5 s against 5.2 s for the same
work run locally (bench/pipeline.py): importing Prefect and its client (~1 s of CPU,
60 MB), an orchestrated round trip or more per task, the engine's own bookkeeping.
Here the calls are plain httpx, made by a thread of their own while the work goes on,
so a step waits for none of them; only the flow run's creation (its id is the
server's) and its final state are waited for.

What the engine gives that this does not: a cancellation from the UI does not reach
a command-line run (the engine only checks for it in deployments' runs), task-level
retries and caching (the steps have none). A server that does not answer, or one
that is not Prefect 3, means the run goes through the engine (`usable()`); a call
failing later is a warning, never the run's failure: the run is in the warehouse's
`runs` table either way. tests/e2e/test_api_runs.py reads the runs back."""

from __future__ import annotations

import contextlib
import logging
import os
import queue
import socket
import threading
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime

from flows import local_run, steps

log = logging.getLogger("losses.runs")

TIMEOUT = 10.0  # seconds, per call
_TAG = "losses-cli"


def _client(api: str):
    import httpx

    # A plain-http server (the usual local one) needs no TLS: without `verify=False`
    # httpx loads the CA bundle for each client all the same (~25 ms, two clients a run).
    plain = api.lower().startswith("http://")
    return httpx.Client(
        base_url=api.rstrip("/") + "/", timeout=TIMEOUT, **({"verify": False} if plain else {})
    )


def usable(api: str) -> bool:
    """Whether `api` is a Prefect 3 server that answers (else: Prefect's engine)."""
    import httpx

    try:
        with _client(api) as client:
            answer = client.get("admin/version", timeout=3)
    except httpx.HTTPError:
        return False
    return answer.status_code == 200 and str(answer.json()).startswith("3.")


def _iso(seconds: float) -> str:
    return datetime.fromtimestamp(seconds, UTC).isoformat()


class _Reporter:
    """Calls made in order by a thread of its own; the first failure is a warning and
    the calls after it are dropped (the server is gone: no warning per call)."""

    def __init__(self, api: str) -> None:
        self._api = api
        self._calls: queue.SimpleQueue = queue.SimpleQueue()
        self._failed = False
        self._thread = threading.Thread(target=self._work, name="losses-report", daemon=True)
        self._thread.start()

    def call(self, method: str, path: str, body) -> None:
        self._calls.put((method, path, body))

    def _work(self) -> None:
        import httpx

        with _client(self._api) as client:
            while (call := self._calls.get()) is not None:
                if self._failed:
                    continue
                method, path, body = call
                try:
                    client.request(method, path, json=body).raise_for_status()
                except httpx.HTTPError as exc:
                    self._failed = True
                    log.warning(
                        "this run's record on the Prefect server %s is incomplete: %s %s: %s",
                        self._api,
                        method,
                        path,
                        exc,
                    )

    def close(self) -> None:
        """Wait for the calls made so far (at most TIMEOUT each)."""
        self._calls.put(None)
        self._thread.join()


@contextlib.contextmanager
def reported(api: str, flow: str, parameters: dict[str, object]) -> Iterator[local_run.LocalRun]:
    """Report the run of `flow` inside the block to the server at `api`: Running at
    the start, then Completed, Failed (a LossesError: the data or the settings
    failed, its message kept) or Crashed (anything else, an interrupt included)."""
    import httpx

    started = time.time()
    try:
        with _client(api) as client:
            _mark_abandoned(client)
            flow_id = _post(client, "flows/", {"name": flow})["id"]
            flow_run = _post(
                client,
                "flow_runs/",
                {
                    "flow_id": flow_id,
                    "name": f"{flow}-{datetime.fromtimestamp(started):%Y%m%d-%H%M%S}-cli",
                    "parameters": {k: str(v) for k, v in parameters.items()},
                    "tags": [_TAG],
                    "state": {"type": "RUNNING", "name": "Running"},
                },
            )
    except httpx.HTTPError as exc:
        log.warning("this run is not reported to the Prefect server %s: %s", api, exc)
        with local_run.collecting(flow, str(uuid.uuid4()), started) as run:
            yield run
        return
    reporter = _Reporter(api)
    where = f"{socket.gethostname()}:{os.getpid()}"  # as Prefect's process workers write it
    reporter.call("PATCH", f"flow_runs/{flow_run['id']}", {"infrastructure_pid": where})
    steps._observers.append(_Observer(reporter, flow, flow_run["id"]))
    state, message = "COMPLETED", None
    try:
        with local_run.collecting(flow, flow_run["id"], started) as run:
            yield run
    except BaseException as exc:
        state, message = local_run.end_state(exc)
        raise
    finally:
        steps._observers.pop()
        _finish(reporter, run, state, message)


def _post(client, path: str, body) -> dict:
    answer = client.post(path, json=body)
    answer.raise_for_status()
    return answer.json()


def _mark_abandoned(client) -> None:
    """A command-line run left Running whose process is gone (killed) is marked Crashed."""
    from warehouse.runs import process_gone

    running = _post(
        client,
        "flow_runs/filter",
        {
            "flow_runs": {
                "tags": {"all_": [_TAG]},
                "state": {"type": {"any_": ["RUNNING"]}},
            }
        },
    )
    for run in running:
        host, _, pid = (run.get("infrastructure_pid") or "").rpartition(":")
        if pid.isdigit() and process_gone(int(pid), host):
            message = f"its process ({pid} on {host}) ended without finishing the run"
            _post(
                client,
                f"flow_runs/{run['id']}/set_state",
                {
                    "state": {"type": "CRASHED", "name": "Crashed", "message": message},
                    "force": True,
                },
            )


class _Observer:
    """Each step as a task run: created Running when it starts, its end state set
    when it ends."""

    def __init__(self, reporter: _Reporter, flow: str, flow_run_id: str) -> None:
        self.reporter = reporter
        self.flow = flow
        self.flow_run_id = flow_run_id
        self.count = 0

    def started(self, name: str, at: float) -> str:
        task_run_id = str(uuid.uuid4())
        self.count += 1
        self.reporter.call(
            "POST",
            "task_runs/",
            {
                "id": task_run_id,
                "name": name,
                "flow_run_id": self.flow_run_id,
                "task_key": f"{self.flow}.{name.split()[0]}",
                "dynamic_key": str(self.count),
                "state": {"type": "RUNNING", "name": "Running"},
            },
        )
        return task_run_id

    def finished(self, token, name: str, started: float, ended: float, error) -> None:
        kind = "COMPLETED" if error is None else "FAILED"
        state = {
            "type": kind,
            "name": kind.capitalize(),
            "message": None if error is None else repr(error),
        }
        self.reporter.call("POST", f"task_runs/{token}/set_state", {"state": state, "force": True})


def _finish(reporter: _Reporter, run: local_run.LocalRun, state: str, message: str | None):
    flow_run_id = run.flow_run_id
    if run.logs:
        reporter.call(
            "POST",
            "logs/",
            [
                {
                    "name": r.name,
                    "level": r.levelno,
                    "message": r.getMessage(),
                    "timestamp": _iso(r.created),
                    "flow_run_id": flow_run_id,
                }
                for r in run.logs
            ],
        )
    for artifact in run.artifacts:
        reporter.call(
            "POST",
            "artifacts/",
            {
                "key": artifact["key"],
                "type": "markdown",
                "data": artifact["data"],
                "description": artifact["description"],
                "flow_run_id": flow_run_id,
            },
        )
    body = {"type": state, "name": state.capitalize(), "message": message}
    reporter.call("POST", f"flow_runs/{flow_run_id}/set_state", {"state": body, "force": True})
    reporter.close()


__all__ = ["reported", "usable"]
