"""The hand-written documents under tests/fixtures/<source>/."""

from __future__ import annotations

from pathlib import Path

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def read_fixture(relative: str) -> bytes:
    return (FIXTURES / relative).read_bytes()
