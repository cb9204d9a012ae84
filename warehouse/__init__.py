"""The DuckDB warehouse: raw documents, bulletins with revisions, the delta check,
runs, and exports. Flows and the CLI use only what is exported here.

    with Warehouse.open() as wh:          # $LOSSES_WAREHOUSE or warehouse/losses.duckdb
        ids = wh.store_documents(fetched)
        wh.load_document(ids[0], bulletins, PARSER_VERSION)
        summary = wh.run_check()
"""

from warehouse.paths import default_warehouse_path
from warehouse.records import (
    CHECK_STATUSES,
    FAILING_STATUSES,
    CheckRow,
    CheckSummary,
    FetchedDocument,
    LoadResult,
    StoredDocument,
    WarehouseBusy,
    WarehouseError,
)
from warehouse.store import Warehouse

__all__ = [
    "CHECK_STATUSES",
    "FAILING_STATUSES",
    "CheckRow",
    "CheckSummary",
    "FetchedDocument",
    "LoadResult",
    "StoredDocument",
    "Warehouse",
    "WarehouseBusy",
    "WarehouseError",
    "default_warehouse_path",
]
