"""How a command-line run's steps reach a Prefect server (flows/api_run.py), with a
client that records the calls: a step is one event unless it runs past RUNNING_AFTER,
waiting events go in one call, in order with the other calls, and a failing server is
one warning. tests/e2e/test_api_runs.py reads what a real server made of them."""

from __future__ import annotations

import logging
import threading
import time

import pytest

from flows import api_run
from flows.api_client import ApiError


class _Client:
    api = "http://127.0.0.1:1/api"

    def __init__(self, fail: bool = False) -> None:
        self.calls: list[tuple[float, str, str, object]] = []
        self.fail = fail
        self.closed = threading.Event()

    def call(self, method, path, body=None):
        self.calls.append((time.monotonic(), method, path, body))
        if self.fail:
            raise ApiError(f"{method} {self.api}/{path}: connection refused")
        return []

    def close(self):
        self.closed.set()


def _reporting(client):
    from flows import local_run

    reporter = api_run._Reporter(client)
    run = local_run.LocalRun("backfill", "run-1", 0.0)
    return reporter, api_run._Observer(reporter, "backfill", run)


def _step(observer, name: str, started: float, ended: float, error=None):
    """A step that began at `started` and ended at `ended`, told to `observer`; its token."""
    token = observer.started(name, started)
    observer.finished(token, name, started, ended, error)
    return token


def _events(client):
    return [body for _, method, path, body in client.calls if path == "events"]


def test_a_step_shorter_than_running_after_is_one_event_with_its_start_and_end():
    client = _Client()
    reporter, observer = _reporting(client)
    token = _step(observer, "discover mod round 0", 100.0, 100.25)
    reporter.close()
    [[event]] = _events(client)
    assert event["event"] == "prefect.task-run.Completed"
    assert event["resource"]["prefect.orchestration"] == "client"
    assert event["resource"]["prefect.resource.id"] == f"prefect.task-run.{token[0]}"
    assert event["related"] == [
        {"prefect.resource.id": "prefect.flow-run.run-1", "prefect.resource.role": "flow-run"}
    ]
    run = event["payload"]["task_run"]
    assert run["name"] == "discover mod round 0" and run["task_key"] == "backfill.discover"
    assert run["start_time"] == api_run._iso(100.0) and run["end_time"] == api_run._iso(100.25)
    assert run["total_run_time"] == pytest.approx(0.25)
    assert event["payload"]["validated_state"]["type"] == "COMPLETED"
    assert client.closed.is_set()


def test_a_step_still_running_after_running_after_is_shown_running_while_it_runs(monkeypatch):
    monkeypatch.setattr(api_run, "RUNNING_AFTER", 0.05)
    client = _Client()
    reporter, observer = _reporting(client)
    token = observer.started("fetch-and-load mod x128", time.time())
    time.sleep(0.3)
    ended_at = time.monotonic()
    observer.finished(token, "fetch-and-load mod x128", time.time() - 0.3, time.time(), None)
    reporter.close()
    sent = [(at, body) for at, _, path, body in client.calls if path == "events"]
    assert [[e["event"] for e in body] for _, body in sent] == [
        ["prefect.task-run.Running"],
        ["prefect.task-run.Completed"],
    ]
    assert sent[0][0] < ended_at  # while the step ran
    assert "end_time" not in sent[0][1][0]["payload"]["task_run"]


def test_short_steps_events_go_together_last_after_the_runs_final_state():
    client = _Client()
    reporter, observer = _reporting(client)
    for number in range(3):
        _step(observer, f"fetch-and-load mod x{number}", 1.0, 2.0)
    reporter.call("POST", "flow_runs/run-1/set_state", {"state": {"type": "COMPLETED"}})
    reporter.close()
    assert [(method, path) for _, method, path, _ in client.calls] == [
        ("POST", "flow_runs/run-1/set_state"),
        ("POST", "events"),
    ]
    [events] = _events(client)
    assert [e["payload"]["task_run"]["dynamic_key"] for e in events] == ["1", "2", "3"]


def test_a_step_shown_running_has_its_end_sent_at_once_with_what_waits(monkeypatch):
    monkeypatch.setattr(api_run, "RUNNING_AFTER", 0.05)
    client = _Client()
    reporter, observer = _reporting(client)
    _step(observer, "discover mod round 0", 1.0, 1.1)
    long = observer.started("fetch-and-load mod x128", 2.0)
    time.sleep(0.2)  # shown Running (with the short step's end)
    observer.finished(long, "fetch-and-load mod x128", 2.0, 3.0, None)
    time.sleep(0.2)
    sent = [[e["event"] for e in body] for body in _events(client)]
    assert sent == [
        ["prefect.task-run.Running", "prefect.task-run.Completed"],
        ["prefect.task-run.Completed"],
    ]
    reporter.close()
    assert len(_events(client)) == 2


def test_a_failed_step_is_reported_failed_with_its_error():
    client = _Client()
    reporter, observer = _reporting(client)
    _step(observer, "check", 1.0, 1.5, ValueError("no figures"))
    reporter.close()
    [[event]] = _events(client)
    assert event["event"] == "prefect.task-run.Failed"
    assert event["payload"]["validated_state"]["message"] == "ValueError('no figures')"


def test_a_server_that_fails_is_one_warning_and_no_more_calls(caplog):
    client = _Client(fail=True)
    reporter, observer = _reporting(client)
    reporter.call("PATCH", "flow_runs/run-1", {"infrastructure_pid": "h:1"})
    _step(observer, "check", 1.0, 1.5)
    reporter.call("POST", "logs/", [])
    with caplog.at_level(logging.WARNING, logger="losses.runs"):
        reporter.close()
    assert len(client.calls) == 1
    [warning] = caplog.messages
    assert "record on the Prefect server" in warning and "is incomplete" in warning
    assert "PATCH http://127.0.0.1:1/api/flow_runs/run-1: connection refused" in warning


def test_an_answer_not_shaped_as_prefects_is_a_warning_not_a_dead_thread(caplog):
    client = _Client()
    reporter, _ = _reporting(client)
    reporter.job(lambda c: c.call("POST", "flow_runs/filter", {})[0]["id"])  # [] answered
    with caplog.at_level(logging.WARNING, logger="losses.runs"):
        reporter.close()
    assert client.closed.is_set()
    assert any("is incomplete" in m for m in caplog.messages)


def test_a_short_steps_event_waits_at_most_flush_every(monkeypatch):
    monkeypatch.setattr(api_run, "FLUSH_EVERY", 0.1)
    client = _Client()
    reporter, observer = _reporting(client)
    _step(observer, "check", 1.0, 1.5)
    time.sleep(0.02)
    assert _events(client) == []  # waiting for company
    time.sleep(0.4)
    assert [[e["event"] for e in body] for body in _events(client)] == [
        ["prefect.task-run.Completed"]
    ]
    reporter.close()
    assert len(_events(client)) == 1


def test_the_logs_and_artifact_go_when_the_artifact_is_added_and_later_logs_at_the_end():
    """_Sent: the summary is the run's last work, so what is there then goes while the
    run closes its warehouse; a line logged after it still reaches the server."""
    from flows import local_run

    client = _Client()
    reporter = api_run._Reporter(client)
    sent = api_run._Sent(reporter)
    run = local_run.LocalRun("backfill", "run-1", 0.0, on_artifact=sent.so_far)
    record = logging.LogRecord("losses.runs", logging.INFO, __file__, 1, "loaded", None, None)
    run.logs.append(record)
    run.add_markdown_artifact("losses-backfill-mod", "# done", "done")
    deadline = time.monotonic() + 5  # (the reporter's thread makes the calls)
    while len(client.calls) < 2 and time.monotonic() < deadline:
        time.sleep(0.01)
    assert [path for _, _, path, _ in client.calls] == ["logs/", "artifacts/"]
    run.logs.append(
        logging.LogRecord("losses.alerts", logging.WARNING, __file__, 2, "x", None, None)
    )
    sent.so_far(run)  # the end: only what is new
    reporter.close()
    paths = [path for _, _, path, _ in client.calls]
    assert paths == ["logs/", "artifacts/", "logs/"]
    assert [
        [line["message"] for line in body] for _, _, path, body in client.calls if path == "logs/"
    ] == [["loaded"], ["x"]]
    assert client.calls[1][3]["key"] == "losses-backfill-mod"


class _Server:
    """A stand-in ApiClient class for reported(): answers as Prefect does, the flow
    run's creation only once `answer` is set (or refused, with `refuse`)."""

    def __init__(self, refuse: bool = False) -> None:
        self.calls: list[tuple[str, str]] = []
        self.answer = threading.Event()
        self.refuse = refuse

    def __call__(self, api, timeout):  # (constructed as ApiClient(api, timeout=...))
        server = self

        class Client(_Client):
            def call(self, method, path, body=None):
                server.calls.append((method, path))
                if path == "flow_runs/":
                    if not server.answer.wait(5):  # (a run that waited would never end)
                        raise ApiError(f"POST {self.api}/flow_runs/: timed out")
                    if server.refuse:
                        raise ApiError(f"POST {self.api}/flow_runs/: 422 Unprocessable")
                    return {"id": "made-by-the-server"}
                return {"id": "flow-1"} if path == "flows/" else []

        return Client()


def test_the_run_starts_before_the_server_has_made_its_flow_run(monkeypatch):
    """Its work (the warehouse opening) goes on while the reporter's thread creates the
    flow run; its id, read, is the server's, waited for."""
    server = _Server()
    monkeypatch.setattr(api_run, "ApiClient", server)
    with api_run.reported("http://127.0.0.1:1/api", "backfill", {"source": "mod"}) as run:
        assert not server.answer.is_set()  # the run's work goes on: no answer yet
        threading.Timer(0.05, server.answer.set).start()
        assert run.flow_run_id == "made-by-the-server"  # waits for the answer
    assert server.calls[:3] == [
        ("POST", "flows/"),
        ("POST", "flow_runs/"),
        ("PATCH", "flow_runs/made-by-the-server"),
    ]
    assert ("POST", "flow_runs/made-by-the-server/set_state") in server.calls


def test_a_flow_run_the_server_refuses_is_one_warning_and_the_run_goes_on(monkeypatch, caplog):
    server = _Server(refuse=True)
    server.answer.set()
    monkeypatch.setattr(api_run, "ApiClient", server)
    with (
        caplog.at_level(logging.WARNING, logger="losses.runs"),
        api_run.reported("http://127.0.0.1:1/api", "backfill", {}) as run,
    ):
        logging.getLogger("losses.runs").info("the run's work")
    assert server.calls == [("POST", "flows/"), ("POST", "flow_runs/")]  # nothing after
    [warning] = caplog.messages
    assert warning.startswith("this run is not reported to the Prefect server")
    assert "422 Unprocessable" in warning
    assert len(run.flow_run_id) == 36  # a stand-in uuid
