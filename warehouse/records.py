"""The values that cross the warehouse's API (no DuckDB import here: flows and
the CLI build and read them without loading the database engine), and its errors
(defined with the project's others in parsers/errors.py)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from parsers.errors import LossesError, WarehouseBusy, WarehouseError

# Check statuses that make a run's check fail; the others are informative.
FAILING_STATUSES: tuple[str, ...] = ("mismatch", "restated", "implausible")
CHECK_STATUSES: tuple[str, ...] = (
    "ok",
    "mismatch",
    "gap",
    "restated",
    "new_category",
    "merged_category",
    "no_delta",
    "implausible",
)


@dataclass(frozen=True)
class FetchedDocument:
    """One HTTP answer as the fetcher got it, before parsing."""

    source: str
    url: str
    fetched_at: dt.datetime  # UTC, timezone-aware
    status: int
    content_type: str | None
    # Not in repr: a page is ~250 KB, and reprs end up in logs and error messages.
    body: bytes = field(repr=False)
    report_date: dt.date | None = None  # the crawler's hint
    lang: str | None = None
    kind: str = "bulletin"  # bulletin | listing | month | range


@dataclass(frozen=True)
class StoredDocument:
    """A stored document's metadata (the body: `Warehouse.document_body(id)`)."""

    id: int
    source: str
    url: str
    kind: str
    fetched_at: dt.datetime
    status: int
    content_type: str | None
    sha256: str
    report_date: dt.date | None
    lang: str | None
    parse_status: str  # pending | loaded | unchanged | error | ignored
    parse_error: str | None
    parser_version: str | None

    @property
    def document_id(self) -> int:
        return self.id


@dataclass(frozen=True)
class LoadResult:
    """What loading one document did."""

    document_id: int
    status: str  # loaded | unchanged | error
    new_revisions: int = 0  # bulletin revisions written (first ones and corrections)
    unchanged: int = 0  # bulletins equal to what was already stored
    revised: tuple[tuple[str, dt.date, int], ...] = ()  # (source, date, revision>1) written
    dates: tuple[dt.date, ...] = ()  # report dates written
    errors: tuple[str, ...] = ()  # why the document was quarantined


@dataclass(frozen=True)
class CheckRow:
    """One row of `checks`."""

    source: str
    report_date: dt.date
    category: str
    status: str
    revision: int
    previous_date: dt.date | None
    compared_with: str | None
    previous_total: int | None
    total: int
    reported_delta: int | None
    computed_delta: int | None
    note: str | None
    verdict: str | None = None  # warehouse/verdicts.py: what most likely happened
    implied: int | None = None  # the value the neighbouring days imply
    verdict_note: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready (dates as ISO strings)."""
        return {
            "source": self.source,
            "report_date": self.report_date.isoformat(),
            "category": self.category,
            "status": self.status,
            "reported_delta": self.reported_delta,
            "computed_delta": self.computed_delta,
            "previous_date": self.previous_date.isoformat() if self.previous_date else None,
            "previous_total": self.previous_total,
            "total": self.total,
            "compared_with": self.compared_with,
            "revision": self.revision,
            "note": self.note,
            "verdict": self.verdict,
            "implied": self.implied,
            "verdict_note": self.verdict_note,
        }


@dataclass(frozen=True)
class CheckSummary:
    """What one (incremental) check run judged."""

    checked: int  # (source, date, category) rows judged in this run
    dates: int  # (source, date) pairs judged in this run
    counts: dict[str, int] = field(default_factory=dict)  # rows judged, by status
    # The rows of this run whose status is in FAILING_STATUSES, as CheckRow.to_dict().
    failures: list[dict[str, Any]] = field(default_factory=list)
    # Figures of the judged dates that differ from the reconciled series, with their
    # verdicts (warehouse/reconcile.py Disagreement.judged()).
    disagreements: list[dict[str, Any]] = field(default_factory=list)

    @property
    def failed(self) -> int:
        return len(self.failures)


@dataclass(frozen=True, slots=True)
class SeriesPoint:
    """One category's figures on one report date (`Warehouse.daily_series`)."""

    date: dt.date  # the report date
    total: int
    delta: int | None  # the increase the bulletin states (None: it states none)
    qualifier: str | None  # 'about', 'more', 'up_to' or None (exact)
    source: str  # where the figures come from


@dataclass(frozen=True, slots=True)
class SourceFreshness:
    """How fresh one source is in the warehouse (`Warehouse.freshness`)."""

    source: str
    last_report_date: dt.date | None  # its newest bulletin (None: documents only)
    last_fetched_at: dt.datetime | None  # when a document of it was last fetched

    def days_behind(self, today: dt.date) -> int | None:
        """Days from its newest report date to `today` (0: today's bulletin is in)."""
        return None if self.last_report_date is None else (today - self.last_report_date).days


__all__ = [
    "CHECK_STATUSES",
    "FAILING_STATUSES",
    "CheckRow",
    "CheckSummary",
    "FetchedDocument",
    "LoadResult",
    "LossesError",
    "SeriesPoint",
    "SourceFreshness",
    "StoredDocument",
    "WarehouseBusy",
    "WarehouseError",
]
