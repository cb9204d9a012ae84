"""The DuckDB warehouse: raw documents, bulletins with revisions, the delta check,
runs, and exports. Flows and the CLI use only what is exported here.

    with Warehouse.open(DEFAULT_WAREHOUSE_PATH) as wh:   # or any path (the caller's choice)
        ids = wh.store_documents(fetched)
        wh.load_document(ids[0], bulletins, PARSER_VERSION)
        summary = wh.run_check()
        rows = wh.rows("SELECT report_date, tanks FROM daily_losses WHERE tanks > ?", [8000])

`Warehouse` (store.py) is a facade; each concept is a module with its SQL in
queries/: documents, loading, checking, reading, series, lookup, runs, status,
preferences, exports; bodies (the body store), connection and migrations (opening the file),
transactions; snapshots and gate (reading while a run writes).

Names are imported when first used: `warehouse.records` or `warehouse.paths`
(wanted by the command line at start-up) do not load DuckDB."""

from __future__ import annotations

from typing import TYPE_CHECKING

from parsers.lazy import lazy_attributes as _lazy_attributes

if TYPE_CHECKING:
    from warehouse.paths import DEFAULT_PATH as DEFAULT_WAREHOUSE_PATH
    from warehouse.records import (
        CHECK_STATUSES,
        FAILING_STATUSES,
        CheckRow,
        CheckSummary,
        FetchedDocument,
        LoadResult,
        LossesError,
        SeriesPoint,
        SourceFreshness,
        StoredDocument,
        WarehouseBusy,
        WarehouseError,
    )
    from warehouse.store import Warehouse

# Each public name: (module, name there).
_HOMES = {
    "CHECK_STATUSES": ("warehouse.records", "CHECK_STATUSES"),
    "CheckRow": ("warehouse.records", "CheckRow"),
    "CheckSummary": ("warehouse.records", "CheckSummary"),
    "DEFAULT_WAREHOUSE_PATH": ("warehouse.paths", "DEFAULT_PATH"),
    "FAILING_STATUSES": ("warehouse.records", "FAILING_STATUSES"),
    "FetchedDocument": ("warehouse.records", "FetchedDocument"),
    "LoadResult": ("warehouse.records", "LoadResult"),
    "LossesError": ("warehouse.records", "LossesError"),
    "SeriesPoint": ("warehouse.records", "SeriesPoint"),
    "SourceFreshness": ("warehouse.records", "SourceFreshness"),
    "StoredDocument": ("warehouse.records", "StoredDocument"),
    "Warehouse": ("warehouse.store", "Warehouse"),
    "WarehouseBusy": ("warehouse.records", "WarehouseBusy"),
    "WarehouseError": ("warehouse.records", "WarehouseError"),
}

__all__ = [
    "CHECK_STATUSES",
    "DEFAULT_WAREHOUSE_PATH",
    "FAILING_STATUSES",
    "CheckRow",
    "CheckSummary",
    "FetchedDocument",
    "LoadResult",
    "LossesError",
    "SeriesPoint",
    "SourceFreshness",
    "StoredDocument",
    "Warehouse",
    "WarehouseBusy",
    "WarehouseError",
]


__getattr__ = _lazy_attributes(__name__, _HOMES, globals())
