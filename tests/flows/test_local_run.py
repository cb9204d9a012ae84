"""flows/local_run.py: which runs need Prefect's engine, and what a local run
writes to Prefect's database (against a database with just the written columns;
tests/e2e/test_local_runs.py reads real runs back through a real server)."""

from __future__ import annotations

import logging
import sqlite3
import subprocess
import sys

import pytest

from flows import local_run, steps
from flows.local_run import _WRITTEN
from parsers.errors import RunFailed

_ID = "lower(hex(randomblob(16)))"


@pytest.fixture
def prefect_db(tmp_path, monkeypatch):
    """A Prefect home whose database has every table and column local runs write."""
    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    monkeypatch.setenv("PREFECT_HOME", str(tmp_path))
    monkeypatch.setattr(local_run, "api_url", lambda: None)
    path = tmp_path / "prefect.db"
    with sqlite3.connect(path) as con:
        for table, columns in _WRITTEN.items():
            others = sorted(columns - {"id", "key"})
            key = ", key TEXT UNIQUE" if "key" in columns else ""
            unique = ", UNIQUE (name)" if table == "flow" else ""
            con.execute(
                f"CREATE TABLE {table} (id TEXT PRIMARY KEY DEFAULT ({_ID}){key},"
                f" {', '.join(others)}, updated TEXT{unique})"
            )
    return path


def _rows(path, sql):
    with sqlite3.connect(path) as con:
        return con.execute(sql).fetchall()


def test_a_configured_server_or_no_usable_database_needs_the_engine(prefect_db, monkeypatch):
    assert not local_run.engine_needed()
    monkeypatch.setattr(local_run, "api_url", lambda: "http://127.0.0.1:4200/api")
    assert local_run.engine_needed()
    monkeypatch.setattr(local_run, "api_url", lambda: None)
    with sqlite3.connect(prefect_db) as con:  # a schema that lacks a column we write
        con.execute("ALTER TABLE log DROP COLUMN level")
    assert local_run.engine_needed()
    prefect_db.unlink()  # before Prefect's first run has created it
    assert local_run.engine_needed()


def test_settings_come_from_the_environment_else_the_active_profile(tmp_path, monkeypatch):
    monkeypatch.setenv("PREFECT_HOME", str(tmp_path))
    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    monkeypatch.delenv("PREFECT_PROFILE", raising=False)
    (tmp_path / "profiles.toml").write_text(
        'active = "work"\n[profiles.work]\nPREFECT_API_URL = "http://10.0.0.5:4200/api"\n'
        "[profiles.ephemeral]\n"
    )
    assert local_run._setting("PREFECT_API_URL") == "http://10.0.0.5:4200/api"
    monkeypatch.setenv("PREFECT_PROFILE", "ephemeral")
    assert local_run._setting("PREFECT_API_URL") is None
    monkeypatch.setenv("PREFECT_API_URL", "http://127.0.0.1:4300/api")
    assert local_run._setting("PREFECT_API_URL") == "http://127.0.0.1:4300/api"
    monkeypatch.setenv("PREFECT_SERVER_DATABASE_CONNECTION_URL", "postgresql+asyncpg://db/p")
    assert local_run.database_path() is None  # not ours to write: the engine records it


def test_a_run_is_recorded_with_its_states_steps_logs_and_artifact(prefect_db):
    @steps.step("discover", "discover {name} round {round}")
    def discover(name: str, round: int = 0) -> int:
        logging.getLogger("losses.test").info("looking for %s", name)
        return round + 1

    with local_run.recorded("backfill", {"start": "2024-06-01"}) as run:
        assert discover("minfin") == 1
        local_run.current().add_markdown_artifact("losses-backfill-minfin", "# done", "done")
    [(state, start, end, parameters)] = _rows(
        prefect_db, "SELECT state_type, start_time, end_time, parameters FROM flow_run"
    )
    assert (state, parameters) == ("COMPLETED", '{"start": "2024-06-01"}')
    assert start < end
    states = _rows(prefect_db, "SELECT type FROM flow_run_state ORDER BY timestamp")
    assert [s for (s,) in states] == ["PENDING", "RUNNING", "COMPLETED"]
    assert _rows(prefect_db, "SELECT name, state_type FROM task_run") == [
        ("discover minfin round 0", "COMPLETED")
    ]
    assert ("looking for minfin",) in _rows(prefect_db, "SELECT message FROM log")
    assert _rows(prefect_db, "SELECT key, data, flow_run_id FROM artifact_collection") == [
        ("losses-backfill-minfin", '"# done"', run.flow_run_id)
    ]
    assert local_run.current() is None and not steps._observers


@pytest.mark.parametrize(
    ("error", "state", "message"),
    [(RunFailed("2024-06-04 missing"), "FAILED", "2024-06-04 missing"),
     (KeyError("boom"), "CRASHED", "KeyError: 'boom'")],
)  # fmt: skip
def test_a_failed_or_crashed_run_is_recorded_so_with_its_reason(prefect_db, error, state, message):
    with pytest.raises(type(error)), local_run.recorded("daily", {}):
        raise error
    assert _rows(prefect_db, "SELECT state_type FROM flow_run") == [(state,)]
    assert (message,) in _rows(prefect_db, "SELECT message FROM flow_run_state")


def test_a_run_whose_process_was_killed_is_marked_crashed_by_the_next(prefect_db):
    killed = subprocess.Popen([sys.executable, "-c", "pass"])
    killed.wait()  # a pid that is gone
    with local_run.recorded("backfill", {}) as run:
        pass
    with sqlite3.connect(prefect_db) as con:
        con.execute(
            "UPDATE flow_run SET state_type = 'RUNNING', infrastructure_pid = ? WHERE id = ?",
            (f"{local_run.socket.gethostname()}:{killed.pid}", run.flow_run_id),
        )
    with local_run.recorded("backfill", {}):
        pass
    assert sorted(_rows(prefect_db, "SELECT state_type FROM flow_run")) == [
        ("COMPLETED",),
        ("CRASHED",),
    ]


def test_a_database_that_cannot_be_written_is_a_warning_not_a_failure(prefect_db, caplog):
    with sqlite3.connect(prefect_db) as con:
        con.execute("DROP TABLE flow")
    with local_run.recorded("daily", {}):
        pass
    assert "this run is not recorded in Prefect's database" in caplog.text
