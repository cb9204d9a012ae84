"""Fixtures for the parser tests: paths to the hand-written documents and the reference
history (figures the fixtures were written from)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from flows.mirror.reference import load_reference

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


@pytest.fixture(scope="session")
def fixtures() -> Path:
    return FIXTURES


@pytest.fixture(scope="session")
def reference() -> dict[dt.date, dict]:
    """Reference figures by date: {date: {category: Figure}}."""
    return {day.date: day.figures for day in load_reference()}


def read_fixture(relative: str) -> bytes:
    return (FIXTURES / relative).read_bytes()
