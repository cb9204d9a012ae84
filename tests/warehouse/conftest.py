"""Fixtures for the warehouse tests: fresh warehouses, and one warehouse holding
the whole reference history."""

from __future__ import annotations

from pathlib import Path

import pytest

from mirror.reference import load_reference
from tests.support.warehouse import PARSER, document
from warehouse import Warehouse


@pytest.fixture
def wh_path(tmp_path: Path) -> Path:
    return tmp_path / "losses.duckdb"


@pytest.fixture
def wh(wh_path: Path):
    with Warehouse.open(wh_path) as opened:
        yield opened


@pytest.fixture(scope="session")
def reference_days():
    return load_reference()


@pytest.fixture(scope="session")
def reference_warehouse(tmp_path_factory, reference_days) -> Path:
    """The whole reference history loaded as source "mod" through the loader, checked."""
    path = tmp_path_factory.mktemp("reference") / "losses.duckdb"
    with Warehouse.open(path) as wh:
        docs = [
            document(
                f"http://mirror/mod/news/{day.date}", f"<p>{day.date}</p>", report_date=day.date
            )
            for day in reference_days
        ]
        ids = wh.store_documents(docs)
        results = wh.load_documents(
            [
                (doc_id, [day.bulletin("mod")], PARSER)
                for doc_id, day in zip(ids, reference_days, strict=True)
            ]
        )
        assert all(r.status == "loaded" for r in results)
        wh.run_check()
    return path
