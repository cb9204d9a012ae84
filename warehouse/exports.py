"""Exports of daily_losses: csv and parquet (DuckDB COPY), json (a list of row
objects), and the `petroivaniuk` shape: the two files of the reference dataset
(a copy in mirror/reference/), same file names, key names, layout and indentation."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import duckdb

from parsers.vocabulary import BY_NAME, CATEGORY_NAMES, war_day
from warehouse.records import WarehouseError

FORMATS = ("csv", "parquet", "json")
SHAPES = ("petroivaniuk",)
# Which series: the preferred source's, date by date, or the reconciled one of every
# source (warehouse/reconcile.py), each as its long view.
SERIES = {"preferred": "daily_losses_long", "reconciled": "reconciled_long"}
EQUIPMENT_FILE = "russia_losses_equipment.json"
PERSONNEL_FILE = "russia_losses_personnel.json"
_DAILY = "SELECT * FROM daily_losses ORDER BY report_date"
_RECONCILED = "SELECT * FROM reconciled_long ORDER BY report_date, category"


def export(
    con, format: str, out: Path, *, shape: str | None = None, series: str = "preferred"
) -> list[Path]:
    """Write daily_losses (`series` "reconciled": the reconciled series, one row per
    date and category with its provenance) to `out` (a directory for a shape);
    returns the files written. WarehouseError for bad options and for files that
    cannot be written."""
    if series not in SERIES:
        raise WarehouseError(f"unknown series {series!r}: choose one of {', '.join(SERIES)}")
    try:
        return _export(con, format, out, shape, SERIES[series])
    except (OSError, duckdb.IOException) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        where = getattr(exc, "filename", None) or out
        raise WarehouseError(f"cannot write {where}: {reason}", path=where) from exc


def _export(con, format: str, out: Path, shape: str | None, view: str) -> list[Path]:
    if format not in FORMATS:
        raise WarehouseError(
            f"unknown export format {format!r}: choose one of {', '.join(FORMATS)}"
        )
    if shape is not None:
        if shape not in SHAPES:
            raise WarehouseError(f"unknown shape {shape!r}: choose one of {', '.join(SHAPES)}")
        if format != "json":
            raise WarehouseError(f"the {shape} shape is json only (use --format json)")
        return petroivaniuk(con, out, view)
    if out.is_dir():
        raise WarehouseError(f"{out} is a directory; give a file name to write", path=out)
    out.parent.mkdir(parents=True, exist_ok=True)
    query = _DAILY if view == SERIES["preferred"] else _RECONCILED
    if format == "json":
        cursor = con.execute(query)
        columns = [d[0] for d in cursor.description]
        rows = [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]
        _write_json(out, rows)
    else:
        options = "FORMAT csv, HEADER true" if format == "csv" else "FORMAT parquet"
        con.execute(f"COPY ({query}) TO ? ({options})", [str(out)])
    return [out]


def petroivaniuk(con, directory: Path, view: str = "daily_losses_long") -> list[Path]:
    """DIR/russia_losses_equipment.json and DIR/russia_losses_personnel.json."""
    if directory.exists() and not directory.is_dir():
        raise WarehouseError(
            f"{directory} is a file; the petroivaniuk shape writes a directory", path=directory
        )
    directory.mkdir(parents=True, exist_ok=True)
    if view not in SERIES.values():
        raise WarehouseError(f"unknown series view {view!r}")
    rows = con.execute(  # `view` is one of SERIES' names, never text from a page
        f"SELECT report_date, category, total, qualifier FROM {view} ORDER BY report_date"
    ).fetchall()
    order = {name: i for i, name in enumerate(CATEGORY_NAMES)}
    equipment: dict[dt.date, dict] = {}
    personnel: list[dict] = []
    for date, category, total, qualifier in sorted(rows, key=lambda r: (r[0], order[r[1]])):
        head = {"date": date.isoformat(), "day": war_day(date)}
        if category == "personnel":
            row = {**head, "personnel": total}
            if qualifier is not None:
                row["personnel*"] = qualifier
            personnel.append(row)
        else:
            equipment.setdefault(date, head)[BY_NAME[category].reference_key] = total
    files = [directory / EQUIPMENT_FILE, directory / PERSONNEL_FILE]
    _write_json(files[0], list(equipment.values()))
    _write_json(files[1], personnel)
    return files


def _write_json(path: Path, rows: list[dict]) -> None:
    # indent 4 and no final newline, like the reference files
    path.write_text(json.dumps(rows, indent=4, ensure_ascii=False, default=_plain), "utf-8")


def _plain(value: object) -> object:
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")
