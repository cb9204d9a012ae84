"""Loading parsed bulletins: validation and revision bookkeeping in Python, then
one transaction of bulk inserts (columns passed as lists and UNNESTed: values stay
parameters, and a document costs a handful of statements, not one per figure)."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field

from parsers.model import Bulletin
from parsers.vocabulary import BY_NAME, WAR_START
from warehouse.columns import columns
from warehouse.queries import load
from warehouse.records import LoadResult, WarehouseError
from warehouse.transactions import transaction

QUALIFIERS = (None, "about", "more", "up_to")
# Totals and increases are BIGINT columns: a larger number cannot be stored (and no
# count of anything in this war comes near it).
MAX_COUNT = 2**63 - 1
# A bulletin may carry the next day's date when fetched late in the evening UTC.
FUTURE_TOLERANCE = dt.timedelta(days=1)


@dataclass(frozen=True)
class LoadItem:
    document_id: int
    bulletins: Sequence[Bulletin]
    parser_version: str


def figures_hash(bulletin: Bulletin) -> str:
    """Equal for equal figures, whatever the language or document."""
    canonical = ";".join(
        f"{name}:{fig.total}:{fig.delta}:{fig.qualifier}"
        for name, fig in sorted(bulletin.figures.items())
    )
    return hashlib.sha256(canonical.encode()).hexdigest()[:32]


def problems(
    bulletins: Sequence[Bulletin],
    source: str,
    fetched_at: dt.datetime,
    digests: Sequence[str] | None = None,
) -> list[str]:
    """Why these bulletins of a `source` document must not be loaded (empty: load them).
    `digests`: their figures_hash, in order, where the caller has them."""
    found: list[str] = []
    seen: dict[tuple[str, dt.date], str] = {}
    if not bulletins:
        found.append("the document holds no bulletin")
    for index, bulletin in enumerate(bulletins):
        where = f"{bulletin.date or 'undated bulletin'} ({bulletin.source}/{bulletin.lang})"
        found += [f"{where}: {error}" for error in bulletin.errors]
        if bulletin.source != source:
            found.append(f"{where}: parsed as {bulletin.source!r} from a {source!r} document")
        if bulletin.date is None:
            found.append(f"{where}: the bulletin carries no report date")
            continue
        if bulletin.date < WAR_START:
            found.append(f"{where}: report date before {WAR_START}")
        if bulletin.date > fetched_at.date() + FUTURE_TOLERANCE:
            found.append(
                f"{where}: bulletin dated {bulletin.date}, after the fetch date {fetched_at.date()}"
            )
        if not bulletin.figures:
            found.append(f"{where}: no figures")
        for name, fig in bulletin.figures.items():
            if name not in BY_NAME:
                found.append(f"{where}: unknown category {name!r}")
            if not isinstance(fig.total, int) or fig.total < 0:
                found.append(f"{where}: {name} total {fig.total!r} is not a count")
            elif fig.total > MAX_COUNT:
                found.append(f"{where}: {name} total {fig.total} is out of range (> {MAX_COUNT})")
            if fig.delta is not None and not isinstance(fig.delta, int):
                found.append(f"{where}: {name} increase {fig.delta!r} is not a number")
            elif fig.delta is not None and abs(fig.delta) > MAX_COUNT:
                found.append(f"{where}: {name} increase {fig.delta} is out of range")
            if fig.qualifier not in QUALIFIERS:
                found.append(f"{where}: {name} qualifier {fig.qualifier!r} is unknown")
        if len(bulletins) > 1:  # (one bulletin cannot disagree with another: no hash)
            digest = digests[index] if digests is not None else figures_hash(bulletin)
            key = (bulletin.source, bulletin.date)
            if seen.setdefault(key, digest) != digest:
                found.append(f"{where}: the document holds two different bulletins for this date")
    return found


@dataclass
class _DateState:
    """What is stored for one (source, date), updated as the batch is planned."""

    latest_revision: int = 0
    latest_hash: str | None = None
    latest_url: str | None = None  # of the document the latest revision came from
    from_document: set[tuple[int, str]] = field(default_factory=set)  # (document_id, hash)


@dataclass
class _Plan:
    """The rows one transaction writes."""

    bulletins: dict[tuple[str, dt.date, int], list] = field(default_factory=dict)
    observations: list[tuple] = field(default_factory=list)
    superseded: list[tuple[str, dt.date, int]] = field(default_factory=list)  # stored ones
    statuses: list[tuple[int, str, str | None, str | None]] = field(default_factory=list)

    def supersede(self, key: tuple[str, dt.date, int]) -> None:
        if key in self.bulletins:  # written earlier in this same batch
            self.bulletins[key][-1] = False
        else:
            self.superseded.append(key)


def load_batch(
    con,
    items: Sequence[LoadItem],
    now: dt.datetime,
    not_bulletins: Sequence[tuple[int, str, str]] = (),
) -> list[LoadResult]:
    """Load the documents of `items` in one transaction (all of it or nothing), and set
    aside `not_bulletins` ((document id, reason, parser version): parse status
    "ignored") in it. If the database refuses the batch, the pages set aside are written
    alone, then each document is loaded alone, so that only the one it refuses is set
    aside: quarantined with the database's reason, for this parser version, so that no
    later run trips on it again (a newer parser retries it)."""
    import duckdb

    if not items and not not_bulletins:
        return []
    ignored = [(doc_id, "ignored", reason, version) for doc_id, reason, version in not_bulletins]
    try:
        return _load_together(con, items, now, ignored)
    except duckdb.Error as error:
        if ignored:
            with transaction(con):
                con.execute(load("set_parse_status"), [now, *columns(ignored)])
        if len(items) > 1:
            return [result for item in items for result in load_batch(con, [item], now)]
        return [_set_aside(con, items[0], error, now)] if items else []


def _set_aside(con, item: LoadItem, error: Exception, now: dt.datetime) -> LoadResult:
    reason = f"could not be loaded: {type(error).__name__}: {str(error).splitlines()[0]}"
    with transaction(con):
        con.execute(
            load("set_parse_status"),
            [now, *columns([(item.document_id, "error", reason, item.parser_version)])],
        )
    return LoadResult(item.document_id, "error", errors=(reason,))


def _load_together(
    con, items: Sequence[LoadItem], now: dt.datetime, statuses: Sequence[tuple] = ()
) -> list[LoadResult]:
    with transaction(con):
        documents, states = _lookup(con, items) if items else ({}, {})
        plan = _Plan(statuses=list(statuses))
        results = [_plan_item(item, documents, states, plan, now) for item in items]
        _write(con, plan, now)
    return results


def _lookup(
    con, items: Sequence[LoadItem]
) -> tuple[dict[int, tuple], dict[tuple[str, dt.date], _DateState]]:
    """The documents' rows and what is stored for their (source, date) pairs, in one
    query (each statement costs DuckDB ~0.5 ms, whatever it does)."""
    ids = sorted({item.document_id for item in items})
    keys = {(b.source, b.date) for item in items for b in item.bulletins if b.date is not None}
    sources, dates = (list(column) for column in zip(*keys, strict=True)) if keys else ([], [])
    rows = con.execute(
        load("load_lookup"), {"ids": ids, "sources": sources, "dates": dates}
    ).fetchall()
    documents: dict[int, tuple] = {}
    states = {key: _DateState() for key in keys}
    for part, doc_id, source, date, revision, fetched_at, text, error, version, latest, url in rows:
        if part == "document":
            documents[doc_id] = (source, fetched_at, text, error, version, url)
            continue
        state = states[(source, date)]
        state.from_document.add((doc_id, text))
        if latest:
            state.latest_revision, state.latest_hash, state.latest_url = revision, text, url
    missing = sorted(set(ids) - documents.keys())
    if missing:
        raise WarehouseError(f"no stored document with id {', '.join(map(str, missing))}")
    return documents, states


def _plan_item(
    item: LoadItem,
    documents: dict[int, tuple],
    states: dict[tuple[str, dt.date], _DateState],
    plan: _Plan,
    now: dt.datetime,
) -> LoadResult:
    source, fetched_at, old_status, old_error, old_version, url = documents[item.document_id]
    # A day page's lone bulletin is hashed only if it is loaded; a month page's, once for
    # both uses (it must not hold two different bulletins for a date).
    digests = [figures_hash(b) for b in item.bulletins] if len(item.bulletins) > 1 else None
    found = problems(item.bulletins, source, fetched_at, digests)
    if found:
        message = "; ".join(found)
        if (old_status, old_error) != ("error", message):
            plan.statuses.append((item.document_id, "error", message, item.parser_version))
        return LoadResult(item.document_id, "error", errors=tuple(found))

    written: list[Bulletin] = []
    revised: list[tuple[str, dt.date, int]] = []
    unchanged = 0
    produced = False  # some bulletin of this document is (now or already) a stored revision
    done: set[tuple[str, dt.date]] = set()
    for index, bulletin in enumerate(item.bulletins):
        key = (bulletin.source, bulletin.date)
        if key in done:  # the same bulletin twice in one document
            continue
        done.add(key)
        digest = digests[index] if digests is not None else figures_hash(bulletin)
        state = states[key]
        if (item.document_id, digest) in state.from_document:
            produced = True  # loaded from this very document before
            if state.latest_hash == digest or state.latest_url != url:
                # Still the latest; or superseded by another URL's bulletin, which an
                # old copy served elsewhere must not flap back.
                unchanged += 1
                continue
            # Its own URL said something else since, and now says this again: a revert,
            # so revision N+1 like any change.
        elif state.latest_hash == digest:
            unchanged += 1
            continue
        revision = state.latest_revision + 1
        if state.latest_revision:
            plan.supersede((bulletin.source, bulletin.date, state.latest_revision))
            revised.append((bulletin.source, bulletin.date, revision))
        state.latest_revision, state.latest_hash, state.latest_url = revision, digest, url
        state.from_document.add((item.document_id, digest))
        _add_rows(plan, item, bulletin, revision, digest, now)
        written.append(bulletin)
        produced = True

    status = "loaded" if produced else "unchanged"
    if (old_status, old_error, old_version) != (status, None, item.parser_version):
        plan.statuses.append((item.document_id, status, None, item.parser_version))
    return LoadResult(
        item.document_id,
        status,
        new_revisions=len(written),
        unchanged=unchanged,
        revised=tuple(revised),
        dates=tuple(b.date for b in written),
    )


def _add_rows(
    plan: _Plan, item: LoadItem, bulletin: Bulletin, revision: int, digest: str, now: dt.datetime
) -> None:
    plan.bulletins[(bulletin.source, bulletin.date, revision)] = [
        bulletin.source,
        bulletin.date,
        revision,
        item.document_id,
        bulletin.lang,
        item.parser_version,
        digest,
        len(bulletin.figures),
        now,
        bulletin.losses_date,
        True,  # is_latest (last: _Plan.supersede clears it)
    ]
    # The date as the text its JSON column carries, made once, not once a figure.
    date = bulletin.date.isoformat()
    for name, fig in bulletin.figures.items():
        plan.observations.append(
            (
                bulletin.source,
                date,
                revision,
                name,
                fig.total,
                fig.delta,
                fig.qualifier,
                fig.qualifier is not None,
                item.document_id,
                item.parser_version,
            )
        )


def _write(con, plan: _Plan, now: dt.datetime) -> None:
    if plan.superseded:
        con.execute(load("supersede_bulletins"), columns(plan.superseded))
    if plan.bulletins:
        con.execute(load("insert_bulletins"), columns(list(plan.bulletins.values())))
    if plan.observations:
        con.execute(load("insert_observations"), columns(plan.observations))
    if plan.statuses:
        ids, statuses, errors, versions = columns(plan.statuses)
        con.execute(load("set_parse_status"), [now, ids, statuses, errors, versions])
