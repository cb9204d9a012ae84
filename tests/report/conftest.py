"""Fixtures for the picture of the data: the warehouse of tests/support/report.py,
and its report, written once for the session."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from flows.cli import app
from tests.support.report import build_report_warehouse


@pytest.fixture(scope="session")
def report_warehouse(tmp_path_factory) -> Path:
    return build_report_warehouse(tmp_path_factory.mktemp("report") / "losses.duckdb")


@pytest.fixture(scope="session")
def report_page(report_warehouse, tmp_path_factory) -> Path:
    """`losses report` of the whole warehouse, written once for the session."""
    out = tmp_path_factory.mktemp("page") / "report.html"
    result = CliRunner().invoke(
        app, ["report", "--out", str(out), "--warehouse", str(report_warehouse)]
    )
    assert result.exit_code == 0, result.output
    return out
