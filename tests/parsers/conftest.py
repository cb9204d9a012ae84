"""Fixtures for the parser tests: paths to the hand-written documents and the reference
history (figures the fixtures were written from)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from mirror.reference import load_reference
from tests.support.fixtures import FIXTURES


@pytest.fixture(scope="session")
def fixtures() -> Path:
    return FIXTURES


@pytest.fixture(scope="session")
def reference() -> dict[dt.date, dict]:
    """Reference figures by date: {date: {category: Figure}}."""
    return {day.date: day.figures for day in load_reference()}
