"""Warehouses of reference bulletins for fact-checking, built without the network: the
reference history loaded as the sources state it (no increases before 2022-05-01, as
the MoD's pages and the aggregator have none; mirror/eras.py)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from mirror.eras import INCREASES_FROM
from mirror.reference import load_reference
from parsers.model import Bulletin, Figure
from tests.support.warehouse import PARSER, document
from warehouse import Warehouse


def build(path: Path, start: dt.date, end: dt.date) -> Path:
    days = [day for day in load_reference() if start <= day.date <= end]
    with Warehouse.open(path) as wh:
        ids = wh.store_documents(
            [
                document(f"http://mirror/mod/news/{d.date}", f"<p>{d.date}</p>", report_date=d.date)
                for d in days
            ]
        )
        bulletins = [
            Bulletin(
                date=day.date,
                source="mod",
                lang="uk",
                figures={
                    name: figure
                    if day.date >= INCREASES_FROM
                    else Figure(figure.total, None, figure.qualifier)
                    for name, figure in day.figures.items()
                },
            )
            for day in days
        ]
        results = wh.load_documents(
            [(doc_id, [b], PARSER) for doc_id, b in zip(ids, bulletins, strict=True)]
        )
        assert all(result.status == "loaded" for result in results)
    return path


@pytest.fixture(scope="session")
def history(tmp_path_factory) -> Path:
    """Every reference bulletin from the war's first to 2024-12-31."""
    path = tmp_path_factory.mktemp("history") / "losses.duckdb"
    return build(path, dt.date(2022, 2, 24), dt.date(2024, 12, 31))


@pytest.fixture(scope="session")
def june_2024(tmp_path_factory) -> Path:
    """The reference bulletins of June 2024 alone."""
    path = tmp_path_factory.mktemp("june") / "losses.duckdb"
    return build(path, dt.date(2024, 6, 1), dt.date(2024, 6, 30))


@pytest.fixture
def history_wh(history):
    with Warehouse.open(history, read_only=True) as wh:
        yield wh
