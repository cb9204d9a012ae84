"""The mirror mode from the command line, one coherent mode: `losses backfill --mirror`
runs against the built-in mirror into warehouse/mirror.duckdb, cut at the mirror's last
date, and the read commands read that file with --mirror (or say where it is)."""

from __future__ import annotations

import datetime as dt

from typer.testing import CliRunner

from flows.cli import app
from mirror.reference import load_reference
from warehouse import Warehouse

LAST = max(day.date for day in load_reference())


def test_backfill_against_the_mirror_and_read_it_back(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("LOSSES_WAREHOUSE")
    runner = CliRunner()
    end = LAST + dt.timedelta(days=30)  # beyond what the mirror serves: cut, not missing
    start = LAST - dt.timedelta(days=2)
    result = runner.invoke(
        app,
        ["backfill", "--start", str(start), "--end", str(end), "--source", "api", "--mirror"],
    )
    assert result.exit_code == 0, result.output
    assert "warehouse/mirror.duckdb" in result.output
    with Warehouse.open(tmp_path / "warehouse" / "mirror.duckdb", read_only=True) as wh:
        assert wh.loaded_dates("api", start, end) == {start, start + dt.timedelta(days=1), LAST}

    missing = runner.invoke(app, ["status"])  # the default warehouse was never written
    assert missing.exit_code == 2
    assert "the runs against the local mirror wrote warehouse/mirror.duckdb: pass --mirror" in (
        missing.output
    )
    status = runner.invoke(app, ["status", "--mirror"])
    assert status.exit_code == 0 and str(LAST) in status.output
    both = runner.invoke(app, ["status", "--mirror", "--warehouse", "x.duckdb"])
    assert both.exit_code == 2 and "not both" in both.output
