"""Command-line runs without a Prefect server: the flow's work runs here, in this
process, without Prefect's engine, and the run is written to Prefect's own
database, where `prefect server start` shows it: the flow run with its
parameters and states, a task run per step, its log lines and its artifact.

Why: with no PREFECT_API_URL, Prefect runs a flow against a temporary server it
starts for the purpose. Measured on a no-op `losses backfill` (nothing new):
9.2 s wall, of which the flow's own work is 0.35 s; importing Prefect is another
0.9 s, and serving Prefect's API in-process instead of in a subprocess still
costs 4.1 s (the server's modules alone take 1.6 s to import). Writing the
run's rows to the database directly takes a few milliseconds.

Prefect's schema is not ours, so this is careful: it writes only when the
database is SQLite and has every table and column written here (checked first);
otherwise, on a first run before Prefect has created its database, or with a
PostgreSQL database, `engine_needed()` says so and the command runs the flow
through Prefect's engine as before. A row that cannot be written never fails
the run: the run is in the warehouse's `runs` table either way, and a warning
says what is missing. tests/e2e/test_local_runs.py reads the runs back through
a real `prefect server start`."""

from __future__ import annotations

import contextlib
import json
import logging
import os
import socket
import sqlite3
import sys
import time
import tomllib
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from flows import steps

log = logging.getLogger("losses.runs")

# The tables and columns written here; a database lacking any of them is not written.
_WRITTEN = {
    "flow": {"id", "name"},
    "flow_run": {
        "id", "name", "flow_id", "state_type", "state_name", "state_id", "state_timestamp",
        "run_count", "expected_start_time", "start_time", "end_time", "total_run_time",
        "parameters", "empirical_policy", "tags", "labels", "infrastructure_pid",
    },
    "flow_run_state": {
        "id", "type", "name", "message", "timestamp", "state_details", "flow_run_id",
    },
    "task_run": {
        "id", "name", "flow_run_id", "task_key", "dynamic_key", "state_type", "state_name",
        "state_id", "state_timestamp", "run_count", "expected_start_time", "start_time",
        "end_time", "total_run_time", "flow_run_run_count",
    },
    "task_run_state": {
        "id", "type", "name", "message", "timestamp", "state_details", "task_run_id",
    },
    "log": {"name", "level", "flow_run_id", "message", "timestamp"},
    "artifact": {"id", "key", "type", "data", "description", "flow_run_id"},
    "artifact_collection": {"key", "latest_id", "type", "data", "description", "flow_run_id"},
}  # fmt: skip


def _setting(name: str) -> str | None:
    """A Prefect setting as Prefect reads it: the environment, else the active profile."""
    if value := os.environ.get(name):
        return value
    home = Path(os.environ.get("PREFECT_HOME") or Path.home() / ".prefect").expanduser()
    path = Path(os.environ.get("PREFECT_PROFILES_PATH") or home / "profiles.toml").expanduser()
    try:
        profiles = tomllib.loads(path.read_text())
    except (OSError, tomllib.TOMLDecodeError):
        return None
    active = os.environ.get("PREFECT_PROFILE") or profiles.get("active") or "ephemeral"
    value = profiles.get("profiles", {}).get(active, {}).get(name)
    return str(value) if value else None


def prefect_home() -> Path:
    return Path(_setting("PREFECT_HOME") or Path.home() / ".prefect").expanduser()


def api_url() -> str | None:
    """The Prefect server this process would report to, if one is configured
    (where Prefect is imported already, its settings in force say; a test
    harness sets them without the environment)."""
    if "prefect.settings" in sys.modules:
        from prefect.settings import PREFECT_API_URL

        return PREFECT_API_URL.value() or None
    return _setting("PREFECT_API_URL")


def database_path() -> Path | None:
    """Prefect's SQLite database, as Prefect finds it; None when it is not SQLite."""
    url = _setting("PREFECT_SERVER_DATABASE_CONNECTION_URL") or _setting(
        "PREFECT_API_DATABASE_CONNECTION_URL"
    )
    if url is None:
        return prefect_home() / "prefect.db"
    prefix = "sqlite+aiosqlite:///"
    return Path(url.removeprefix(prefix)).expanduser() if url.startswith(prefix) else None


def _connect(path: Path) -> sqlite3.Connection:
    # Prefect's own server may be using the file: wait for its write locks.
    return sqlite3.connect(path, timeout=10, isolation_level=None)


def _usable(path: Path | None) -> bool:
    if path is None or not path.is_file():
        return False
    try:
        with contextlib.closing(_connect(path)) as con:
            for table, columns in _WRITTEN.items():
                have = {row[1] for row in con.execute(f"PRAGMA table_info({table})")}
                if not columns <= have:
                    return False
    except sqlite3.Error:
        return False
    return True


def engine_needed() -> bool:
    """Whether a command-line run must go through Prefect's engine: a server is
    configured (the run is reported to it, live), or Prefect's database is not one
    this module can write to (missing until Prefect's first run creates it)."""
    return api_url() is not None or not _usable(database_path())


def _stamp(seconds: float) -> str:
    """Prefect's SQLite timestamps: UTC, naive, microseconds."""
    return datetime.fromtimestamp(seconds, UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def _duration(seconds: float) -> str:
    """Prefect stores run times as a timestamp after the epoch."""
    return _stamp(max(seconds, 0.0))


@dataclass
class _Step:
    name: str
    started: float
    ended: float
    error: str | None


@dataclass
class LocalRun:
    """One run being recorded: its id in Prefect, and what it logs, steps and publishes."""

    flow: str
    flow_run_id: str
    started: float
    logs: list[logging.LogRecord] = field(default_factory=list)
    steps: list[_Step] = field(default_factory=list)
    artifacts: list[dict] = field(default_factory=list)
    # Told of each artifact as it is added (flows/api_run.py sends it, with the logs so
    # far, while the run closes its warehouse, instead of at the end).
    on_artifact: Callable[[LocalRun], None] | None = None

    def add_markdown_artifact(self, key: str, markdown: str, description: str) -> None:
        self.artifacts.append({"key": key, "data": markdown, "description": description})
        if self.on_artifact is not None:
            self.on_artifact(self)


_current: list[LocalRun] = []


def current() -> LocalRun | None:
    """The local run being recorded in this process, if any (for its artifact)."""
    return _current[-1] if _current else None


class _Collect(logging.Handler):
    def __init__(self, run: LocalRun):
        super().__init__(logging.INFO)
        self.run = run

    def emit(self, record: logging.LogRecord) -> None:
        self.run.logs.append(record)


@contextlib.contextmanager
def collecting(
    flow: str,
    flow_run_id: str | None,
    started: float,
    *,
    make: Callable[[str, str | None, float], LocalRun] = LocalRun,
) -> Iterator[LocalRun]:
    """The run's log lines (INFO and up, of `losses.*`) and artifacts, collected in
    the block for its record. `make`: the run's class (flows/api_run.py's, whose id
    the server gives later: None until then)."""
    run = make(flow, flow_run_id, started)
    handler = _Collect(run)
    logger = logging.getLogger("losses")
    level = logger.level
    if logger.getEffectiveLevel() > logging.INFO:  # the run's record keeps its INFO lines
        logger.setLevel(logging.INFO)
    logger.addHandler(handler)
    _current.append(run)
    try:
        yield run
    finally:
        _current.remove(run)
        logger.removeHandler(handler)
        logger.setLevel(level)


@contextlib.contextmanager
def recorded(flow: str, parameters: dict[str, object]) -> Iterator[LocalRun]:
    """Record the run of `flow` inside the block: Running at the start, then
    Completed, Failed (a LossesError: the data or the settings failed, its message
    kept) or Crashed (anything else, an interrupt included)."""
    path = database_path()
    started = time.time()
    state, message = "COMPLETED", None
    with collecting(flow, str(uuid.uuid4()), started) as run:
        written = _write(path, _start_rows, run, parameters)
        steps._observers.append(_Observer(run))
        try:
            yield run
        except BaseException as exc:
            state, message = end_state(exc)
            raise
        finally:
            steps._observers.pop()
            if written:
                _write(path, _end_rows, run, state, message)


def end_state(error: BaseException) -> tuple[str, str]:
    """The final state of a run that raised `error`, with its message: Failed for a
    LossesError (the data or the settings failed), Crashed for anything else."""
    from parsers.errors import LossesError

    if isinstance(error, LossesError):
        return "FAILED", str(error)
    return "CRASHED", f"{type(error).__name__}: {error}"


class _Observer:
    """Each step, kept for the run's task runs (written when the run ends)."""

    def __init__(self, run: LocalRun) -> None:
        self.run = run

    def started(self, name: str, at: float) -> None:
        return None

    def finished(self, token, name: str, started: float, ended: float, error) -> None:
        # Two states of one run may not share a timestamp (Prefect's unique index).
        ended = max(ended, started + 0.000_001)
        self.run.steps.append(_Step(name, started, ended, None if error is None else repr(error)))


def _write(path: Path | None, rows, *args) -> bool:
    """Write in one transaction; a failure is a warning, never the run's failure."""
    try:
        with contextlib.closing(_connect(path)) as con:
            con.execute("BEGIN IMMEDIATE")
            rows(con, *args)
            con.execute("COMMIT")
        return True
    except (sqlite3.Error, TypeError, ValueError) as exc:
        log.warning("this run is not recorded in Prefect's database %s: %s", path, exc)
        return False


def _state(con, table: str, owner: str, owner_id: str, kind: str, at: float, message=None) -> str:
    state_id = str(uuid.uuid4())
    details = json.dumps({owner: owner_id})
    con.execute(
        f"INSERT INTO {table}_state (id, type, name, message, timestamp, state_details, {owner})"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        (state_id, kind, kind.capitalize(), message, _stamp(at), details, owner_id),
    )
    return state_id


def _start_rows(con, run: LocalRun, parameters: dict[str, object]) -> None:
    _mark_abandoned(con, run.started)
    con.execute("INSERT OR IGNORE INTO flow (name) VALUES (?)", (run.flow,))
    (flow_id,) = con.execute("SELECT id FROM flow WHERE name = ?", (run.flow,)).fetchone()
    at = run.started
    con.execute(
        "INSERT INTO flow_run (id, name, flow_id, run_count, expected_start_time, start_time,"
        " parameters, empirical_policy, tags, labels, infrastructure_pid)"
        " VALUES (?, ?, ?, 1, ?, ?, ?, '{}', ?, ?, ?)",
        (
            run.flow_run_id,
            f"{run.flow}-{datetime.fromtimestamp(at):%Y%m%d-%H%M%S}-cli",
            flow_id,
            _stamp(at),
            _stamp(at),
            json.dumps(parameters, default=str),
            json.dumps(["losses-cli"]),
            json.dumps({"prefect.flow.id": flow_id}),
            f"{socket.gethostname()}:{os.getpid()}",  # as Prefect's process workers write it
        ),
    )
    _state(con, "flow_run", "flow_run_id", run.flow_run_id, "PENDING", at - 0.000_002)
    state_id = _state(con, "flow_run", "flow_run_id", run.flow_run_id, "RUNNING", at)
    _point(con, "flow_run", run.flow_run_id, state_id, "RUNNING", at)


def _mark_abandoned(con, now: float) -> None:
    """A local run left Running whose process is gone (killed) is marked Crashed."""
    from warehouse.runs import process_gone

    running = con.execute(
        "SELECT id, infrastructure_pid FROM flow_run WHERE state_type = 'RUNNING'"
        " AND tags LIKE '%\"losses-cli\"%' AND infrastructure_pid LIKE '%:%'"
    ).fetchall()
    for run_id, where in running:
        host, _, pid = where.rpartition(":")
        if pid.isdigit() and process_gone(int(pid), host):
            message = f"its process ({pid} on {host}) ended without finishing the run"
            state_id = _state(con, "flow_run", "flow_run_id", run_id, "CRASHED", now, message)
            _point(con, "flow_run", run_id, state_id, "CRASHED", now)
            con.execute("UPDATE flow_run SET end_time = ? WHERE id = ?", (_stamp(now), run_id))


def _point(con, table: str, row_id: str, state_id: str, kind: str, at: float) -> None:
    """Point a run's row at its newest state."""
    con.execute(
        f"UPDATE {table} SET state_id = ?, state_type = ?, state_name = ?, state_timestamp = ?"
        " WHERE id = ?",
        (state_id, kind, kind.capitalize(), _stamp(at), row_id),
    )


def _end_rows(con, run: LocalRun, kind: str, message: str | None) -> None:
    ended = time.time()
    for index, done in enumerate(run.steps):
        _task_rows(con, run, index, done)
    con.executemany(
        "INSERT INTO log (name, level, flow_run_id, message, timestamp) VALUES (?, ?, ?, ?, ?)",
        [(r.name, r.levelno, run.flow_run_id, r.getMessage(), _stamp(r.created)) for r in run.logs],
    )
    for artifact in run.artifacts:
        artifact_id = str(uuid.uuid4())
        fields = (artifact["key"], "markdown", json.dumps(artifact["data"]))
        fields += (artifact["description"], run.flow_run_id)
        con.execute(
            "INSERT INTO artifact (id, key, type, data, description, flow_run_id)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (artifact_id, *fields),
        )
        con.execute(
            "INSERT INTO artifact_collection (key, latest_id, type, data, description,"
            " flow_run_id) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (key) DO UPDATE SET"
            " latest_id = excluded.latest_id, data = excluded.data, description ="
            " excluded.description, flow_run_id = excluded.flow_run_id, updated ="
            " strftime('%Y-%m-%d %H:%M:%f000', 'now')",
            (artifact["key"], artifact_id, *fields[1:]),
        )
    state_id = _state(con, "flow_run", "flow_run_id", run.flow_run_id, kind, ended, message)
    _point(con, "flow_run", run.flow_run_id, state_id, kind, ended)
    con.execute(
        "UPDATE flow_run SET end_time = ?, total_run_time = ? WHERE id = ?",
        (_stamp(ended), _duration(ended - run.started), run.flow_run_id),
    )


def _task_rows(con, run: LocalRun, index: int, done: _Step) -> None:
    task_run_id = str(uuid.uuid4())
    kind = "COMPLETED" if done.error is None else "FAILED"
    con.execute(
        "INSERT INTO task_run (id, name, flow_run_id, task_key, dynamic_key, run_count,"
        " flow_run_run_count, expected_start_time, start_time, end_time, total_run_time)"
        " VALUES (?, ?, ?, ?, ?, 1, 1, ?, ?, ?, ?)",
        (
            task_run_id,
            done.name,
            run.flow_run_id,
            f"{run.flow}.{done.name.split()[0]}",
            str(index),
            _stamp(done.started),
            _stamp(done.started),
            _stamp(done.ended),
            _duration(done.ended - done.started),
        ),
    )
    _state(con, "task_run", "task_run_id", task_run_id, "RUNNING", done.started)
    state_id = _state(con, "task_run", "task_run_id", task_run_id, kind, done.ended, done.error)
    _point(con, "task_run", task_run_id, state_id, kind, done.ended)


__all__ = [
    "LocalRun",
    "api_url",
    "collecting",
    "current",
    "database_path",
    "end_state",
    "engine_needed",
    "recorded",
]
