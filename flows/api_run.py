"""Command-line runs with a Prefect server configured (PREFECT_API_URL): the flow's
work runs here, in this process, without Prefect's engine, and the run is reported
to the server as it goes: the flow run with its parameters and states over the REST
API, a task run per step as Prefect's own engine reports its task runs (events, which
the server's task run recorder writes), then the run's log lines and its artifact.

Why: through Prefect's engine the MoD history took 8.5 s against 5.2 s for the same
work run locally (bench/pipeline.py): importing Prefect and its client (~1 s of CPU,
60 MB), an orchestrated round trip or more per task, the engine's own bookkeeping.
Here the calls are made by a thread of their own (flows/api_client.py) while the work
goes on, so a step waits for none of them, nor the run's start for the flow run's
creation (its id is the server's: read once the server has given it); only its final
state is waited for.

What the server does with each report is what costs: 15-20 ms of its CPU per task-run
state, on the cores the run uses too (the MoD history's 21 steps as 42 REST calls made
the run ~0.4 s slower than with no steps reported). So a step is reported once, when
it ends (its final state with its start and end), and shown Running while it runs only
if it is still running after RUNNING_AFTER seconds; a short step's event waits (at most
FLUSH_EVERY seconds) to go in one call with others, so that the server records a fast
run's steps when it ends, not while it works.

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
from flows.api_client import ApiClient, ApiError

log = logging.getLogger("losses.runs")

TIMEOUT = 10.0  # seconds, per call
RUNNING_AFTER = 1.0  # seconds: a step still running then is shown Running
FLUSH_EVERY = 5.0  # seconds a short step's event may wait to go with others
_TAG = "losses-cli"


def usable(api: str) -> bool:
    """Whether `api` is a Prefect 3 server that answers (else: Prefect's engine)."""
    try:
        with ApiClient(api, timeout=3) as client:
            version = client.call("GET", "admin/version")
    except ApiError:
        return False
    return str(version).startswith("3.")


def _iso(seconds: float) -> str:
    return datetime.fromtimestamp(seconds, UTC).isoformat()


class _Reporter:
    """Calls made in order by a thread of its own; the first failure is a warning and
    the calls after it are dropped (the server is gone: no warning per call).

    Steps' events: a step's Running event is held for RUNNING_AFTER seconds and
    dropped if the step ends before; the final event of such a short step (it
    carries its start) waits, at most FLUSH_EVERY seconds, for the next step shown
    Running or ended after being shown, or for the end. Events waiting go in one
    call. At the end they go last, after the flow run's final state, as Prefect's
    engine flushes its own events when its run is over: the server records them
    while this process exits, not while the run's last calls wait for answers
    (the same event loop serves both)."""

    def __init__(self, client: ApiClient) -> None:
        self._client = client
        self._queue: queue.SimpleQueue = queue.SimpleQueue()
        self._failed = False
        self._thread = threading.Thread(target=self._work, name="losses-report", daemon=True)
        self._thread.start()

    def call(self, method: str, path: str, body) -> None:
        self._queue.put(("call", (method, path, body)))

    def job(self, job) -> None:
        """`job(client)` run in turn (calls that read the answers)."""
        self._queue.put(("job", job))

    def step_started(self, token: str, event: dict) -> None:
        self._queue.put(("started", (token, event)))

    def step_ended(self, token: str, event: dict) -> None:
        self._queue.put(("ended", (token, event)))

    def _work(self) -> None:
        held: dict[str, tuple[float, dict]] = {}  # Running events not yet due
        waiting: list[dict] = []  # final events to send together
        waiting_since = 0.0
        stopping = False
        while not stopping:
            times = [at for at, _ in held.values()]
            if waiting:
                times.append(waiting_since + FLUSH_EVERY)
            due = min(times, default=None)
            try:
                item = self._queue.get(
                    timeout=None if due is None else max(0.0, due - time.monotonic())
                )
            except queue.Empty:
                item = ("", None)
            send = False
            while True:
                if item is None:
                    stopping = send = True
                    break
                kind, value = item
                if kind == "started":
                    token, event = value
                    held[token] = (time.monotonic() + RUNNING_AFTER, event)
                elif kind == "ended":
                    token, event = value
                    if not waiting:
                        waiting_since = time.monotonic()
                    waiting.append(event)
                    shown = held.pop(token, None) is None  # its Running event went out
                    # (never shown Running: its final event carries its start, and waits)
                    send = send or shown
                elif kind in ("call", "job"):
                    if kind == "call":
                        self._do(self._client.call, *value)
                    else:
                        self._do(value, self._client)
                try:
                    item = self._queue.get_nowait()
                except queue.Empty:
                    break
            now = time.monotonic()
            for token, (at, event) in list(held.items()):
                if at <= now:  # still running: shown Running, with what waits
                    del held[token]
                    waiting.insert(0, event)
                    send = True
            if send or (waiting and now >= waiting_since + FLUSH_EVERY):
                self._send(waiting)
                waiting = []
        self._client.close()

    def _send(self, events: list[dict]) -> None:
        if events:
            self._do(self._client.call, "POST", "events", events)

    def _do(self, call, *args) -> None:
        if self._failed:
            return
        try:
            call(*args)
        # ApiError names the method and URL; the others: an answer not shaped as Prefect's
        except (ApiError, LookupError, TypeError, AttributeError) as exc:
            self._failed = True
            log.warning(
                "this run's record on the Prefect server %s is incomplete: %s",
                self._client.api,
                exc,
            )

    def drop_all(self) -> None:
        """Make no more calls (the flow run was not created: nothing to report on)."""
        self._failed = True

    def close(self) -> None:
        """Wait for the calls made so far (at most TIMEOUT each)."""
        self._queue.put(None)
        self._thread.join()


@contextlib.contextmanager
def reported(api: str, flow: str, parameters: dict[str, object]) -> Iterator[local_run.LocalRun]:
    """Report the run of `flow` inside the block to the server at `api`: Running at
    the start, then Completed, Failed (a LossesError: the data or the settings
    failed, its message kept) or Crashed (anything else, an interrupt included).

    The flow run is created by the reporter's thread while the run starts (its
    warehouse opens meanwhile: ~25 ms of the server's answers not waited for); its
    id is read (run.flow_run_id, the steps' events) once the server has given it."""
    started = time.time()
    reporter = _Reporter(ApiClient(api, timeout=TIMEOUT))
    state, message = "COMPLETED", None
    sent = _Sent(reporter)
    try:
        with local_run.collecting(flow, None, started, make=_ServerRun) as run:
            reporter.job(_creating(run, reporter, parameters))
            reporter.job(_mark_abandoned)  # others' runs: while this one goes on
            steps._observers.append(_Observer(reporter, flow, run))
            run.on_artifact = sent.so_far  # (its summary is the run's last work)
            try:
                yield run
            finally:
                steps._observers.pop()
    except BaseException as exc:
        state, message = local_run.end_state(exc)
        raise
    finally:
        sent.so_far(run)
        body = {"type": state, "name": state.capitalize(), "message": message}
        reporter.call(
            "POST", f"flow_runs/{run.flow_run_id}/set_state", {"state": body, "force": True}
        )
        reporter.close()


class _ServerRun(local_run.LocalRun):
    """A run whose flow_run_id is the server's: reading it waits until the reporter's
    thread has it (a stand-in id when the server did not make the flow run: then
    nothing is reported)."""

    def __init__(self, *args, **kwargs) -> None:
        self._known = threading.Event()
        self._id = ""
        super().__init__(*args, **kwargs)

    @property
    def flow_run_id(self) -> str:
        self._known.wait()
        return self._id

    @flow_run_id.setter
    def flow_run_id(self, value: str | None) -> None:
        if value is not None:
            self._id = value
            self._known.set()


def _creating(run: _ServerRun, reporter: _Reporter, parameters: dict[str, object]):
    """The job that creates the flow run (Running) and gives `run` its id."""

    def create(client: ApiClient) -> None:
        try:
            flow_id = client.call("POST", "flows/", {"name": run.flow})["id"]
            flow_run = client.call(
                "POST",
                "flow_runs/",
                {
                    "flow_id": flow_id,
                    "name": f"{run.flow}-{datetime.fromtimestamp(run.started):%Y%m%d-%H%M%S}-cli",
                    "parameters": {k: str(v) for k, v in parameters.items()},
                    "tags": [_TAG],
                    "state": {"type": "RUNNING", "name": "Running"},
                },
            )
            run.flow_run_id = str(flow_run["id"])
        except (ApiError, TypeError, KeyError) as exc:  # (TypeError, KeyError: not its answers)
            reporter.drop_all()
            log.warning("this run is not reported to the Prefect server %s: %s", client.api, exc)
            return
        finally:
            if not run._known.is_set():  # (an error above, or one not foreseen)
                run.flow_run_id = str(uuid.uuid4())
        where = f"{socket.gethostname()}:{os.getpid()}"  # as Prefect's process workers write it
        client.call("PATCH", f"flow_runs/{run.flow_run_id}", {"infrastructure_pid": where})

    return create


def _mark_abandoned(client: ApiClient) -> None:
    """A command-line run left Running whose process is gone (killed) is marked Crashed."""
    from warehouse.runs import process_gone

    running = client.call(
        "POST",
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
            client.call(
                "POST",
                f"flow_runs/{run['id']}/set_state",
                {
                    "state": {"type": "CRASHED", "name": "Crashed", "message": message},
                    "force": True,
                },
            )


class _Observer:
    """Each step as a task run, reported as Prefect's engine reports its own: an event
    per state (`prefect.task-run.<State>`, orchestrated by the client), which the
    server's task run recorder writes."""

    def __init__(self, reporter: _Reporter, flow: str, run: local_run.LocalRun) -> None:
        self.reporter = reporter
        self.flow = flow
        self.run = run  # (its flow_run_id: the server's, once it has answered)
        self.count = 0

    def started(self, name: str, at: float) -> tuple[str, str]:
        task_run_id = str(uuid.uuid4())
        self.count += 1
        key = (task_run_id, str(self.count))
        self.reporter.step_started(task_run_id, self._event(key, name, "RUNNING", None, at))
        return key

    def finished(self, token, name: str, started: float, ended: float, error) -> None:
        kind = "COMPLETED" if error is None else "FAILED"
        message = None if error is None else repr(error)
        event = self._event(token, name, kind, message, started, ended)
        self.reporter.step_ended(token[0], event)

    def _event(self, key, name, kind, message, started, ended=None) -> dict:
        task_run_id, dynamic_key = key
        state = kind.capitalize()
        at = _iso(started if ended is None else ended)
        task_run = {
            "name": name,
            "task_key": f"{self.flow}.{name.split()[0]}",
            "dynamic_key": dynamic_key,
            "run_count": 1,
            "flow_run_run_count": 1,
            "expected_start_time": _iso(started),
            "start_time": _iso(started),
            "tags": [],
        }
        if ended is not None:
            task_run |= {"end_time": at, "total_run_time": ended - started}
        return {
            "id": str(uuid.uuid4()),
            "occurred": at,
            "event": f"prefect.task-run.{state}",
            "resource": {
                "prefect.resource.id": f"prefect.task-run.{task_run_id}",
                "prefect.resource.name": name,
                "prefect.run-count": "1",
                "prefect.state-message": message or "",
                "prefect.state-name": state,
                "prefect.state-timestamp": at,
                "prefect.state-type": kind,
                "prefect.orchestration": "client",
            },
            "related": [
                {
                    "prefect.resource.id": f"prefect.flow-run.{self.run.flow_run_id}",
                    "prefect.resource.role": "flow-run",
                }
            ],
            "payload": {
                "intended": {"from": None if ended is None else "RUNNING", "to": kind},
                "validated_state": {
                    "type": kind,
                    "name": state,
                    "message": message,
                    "state_details": {},
                    "data": None,
                },
                "task_run": task_run,
            },
        }


class _Sent:
    """The run's log lines and artifacts sent so far: those there when its artifact
    (its summary, the last of its work) is added go at once, while the run closes its
    warehouse, instead of with its final state (two calls fewer to wait for, ~35 ms of
    the server's time: it takes 15-20 ms a call); what comes after goes at the end."""

    def __init__(self, reporter: _Reporter) -> None:
        self._reporter = reporter
        self._logs = self._artifacts = 0

    def so_far(self, run: local_run.LocalRun) -> None:
        logs, self._logs = run.logs[self._logs :], len(run.logs)
        artifacts, self._artifacts = run.artifacts[self._artifacts :], len(run.artifacts)
        if logs:
            self._reporter.call(
                "POST",
                "logs/",
                [
                    {
                        "name": r.name,
                        "level": r.levelno,
                        "message": r.getMessage(),
                        "timestamp": _iso(r.created),
                        "flow_run_id": run.flow_run_id,
                    }
                    for r in logs
                ],
            )
        for artifact in artifacts:
            self._reporter.call(
                "POST",
                "artifacts/",
                {
                    "key": artifact["key"],
                    "type": "markdown",
                    "data": artifact["data"],
                    "description": artifact["description"],
                    "flow_run_id": run.flow_run_id,
                },
            )


__all__ = ["FLUSH_EVERY", "RUNNING_AFTER", "reported", "usable"]
