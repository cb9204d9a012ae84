"""A run a signal ends (Ctrl-C; SIGTERM to a worker or `losses serve`, which cancels
its runs) is recorded as failed, naming the interruption, not as completed."""

from __future__ import annotations

import pytest
from prefect.exceptions import TerminationSignal

from flows.run_frame import run_frame
from flows.settings import Settings
from flows.sources import source_for
from warehouse import Warehouse


@pytest.mark.parametrize("signal", [KeyboardInterrupt(), TerminationSignal(15)])
def test_an_interrupted_run_is_recorded_failed(tmp_path, signal):
    settings = Settings.from_env().with_warehouse(str(tmp_path / "losses.duckdb"))
    with (
        pytest.raises(type(signal)),
        run_frame("backfill", source_for("minfin", settings), settings, {"start": "2024-06-01"}),
    ):
        raise signal
    with Warehouse.open(settings.warehouse_path, read_only=True) as wh:
        [(outcome, message)] = wh.rows("SELECT outcome, message FROM runs")
    assert outcome == "failed"
    assert message.startswith(
        f"backfill (start=2024-06-01) was interrupted: {type(signal).__name__}"
    )
