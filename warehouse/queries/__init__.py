"""The warehouse's SQL: every statement longer than a line is a file here,
`NAME.sql`, read once by `load("NAME")`. In files, statements can be read and
diffed as SQL; values are always parameters, never formatted in."""

from __future__ import annotations

import functools
import pathlib

QUERIES_DIR = pathlib.Path(__file__).parent


@functools.cache
def load(name: str) -> str:
    """The text of `queries/NAME.sql`."""
    return (QUERIES_DIR / f"{name}.sql").read_text(encoding="utf-8")


__all__ = ["QUERIES_DIR", "load"]
