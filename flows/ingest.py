"""The work both flows share: find the documents for the wanted report dates,
fetch and store them, parse and load them (the run frame, flows/run_frame.py,
runs the check and the report around it).

Steps (Prefect tasks in a Prefect flow run, flows/steps.py) are batches (a
listing crawl, a batch of documents, the check), never single categories or
single figures. They share the run's open warehouse; each writes in transactions
of its own (a document is loaded whole or not at all). Fetched answers are stored
as they arrive (flows/arrivals.py) and parsed as they arrive (flows/parse_ahead.py),
loaded when their batch is in (a few batches together when they come fast,
flows/pending_loads.py)."""

from __future__ import annotations

import asyncio
import concurrent.futures
import datetime as dt
import logging
import time
from collections.abc import Coroutine
from typing import Any, TypeVar

from flows import progress
from flows.arrivals import Arrivals
from flows.days import span
from flows.fetch import Fetcher, FetchError, Request, describe_answer, fetch_all
from flows.parse_ahead import ParseAhead, parse_outcome
from flows.pending_loads import PendingLoads, ReadDocument
from flows.settings import Settings
from flows.sources import Discovery, Source
from flows.steps import step
from flows.tally import IngestResult, Tally
from parsers import PARSER_VERSION, NotABulletin, ParseError
from warehouse import FetchedDocument, Warehouse

log = logging.getLogger("losses.ingest")
T = TypeVar("T")


def run_async(coroutine: Coroutine[Any, Any, T]) -> T:
    """Run a coroutine from synchronous task code, whether or not a loop is running here."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coroutine)
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def _describe(url: str, report_date: dt.date | None) -> str:
    return f"{url} (report date {report_date})" if report_date else url


def _parse_checked(
    document: FetchedDocument, source_format: str, ahead: ParseAhead | None = None
) -> tuple[list, str | None, str | None]:
    """(the document's bulletins, the reason it must be quarantined, the reason it is
    not a bulletin): a page an index pointed to may be other news. What may be loaded
    of the bulletins (dated, not in the future, ...) is judged by one rule, the
    warehouse's (warehouse/loading.py problems), when they are loaded. A page `ahead`
    parsed as it arrived is not parsed again. Its ParseError is read, never raised
    again: raised here it would take a traceback through read_stored's frame, a
    cycle that kept each batch's pages alive until the garbage collector came (peak
    RSS 350 MB instead of 220 on the MoD history)."""
    outcome = ahead.outcome(document) if ahead is not None else None
    if outcome is None:
        outcome = parse_outcome(document, source_format)
    if isinstance(outcome, NotABulletin):
        return [], None, str(outcome)
    if isinstance(outcome, ParseError):
        return [], f"unreadable: {outcome}", None
    return outcome, None, None


def parse_and_load(
    wh: Warehouse,
    documents: list[tuple[int, FetchedDocument]],
    source_format: str,
    ahead: ParseAhead | None = None,
) -> Tally:
    """Parse stored documents (those `ahead` parsed already: their outcome) and load
    them in one transaction (each document whole or not at all); those that cannot be
    read are quarantined with the reason."""
    reads, tally = read_stored(wh, documents, source_format, ahead)
    return tally.add(load_read(wh, reads))


def read_stored(
    wh: Warehouse,
    documents: list[tuple[int, FetchedDocument]],
    source_format: str,
    ahead: ParseAhead | None = None,
) -> tuple[list[ReadDocument], Tally]:
    """Parse stored documents (see parse_and_load): what is to be loaded or set aside
    (without the bodies), and the tally of reading them. A document that cannot be
    read is quarantined now."""
    tally = Tally()
    reads: list[ReadDocument] = []
    for document_id, document in documents:
        bulletins, problem, other_news = _parse_checked(document, source_format, ahead)
        url, report_date = document.url, document.report_date
        if other_news is not None:
            # Kept (a newer parser looks again), not a failure: the dates it was
            # fetched for are still missing if no other page brings them.
            reads.append(ReadDocument(document_id, url, report_date, (), other_news))
            tally.not_bulletins += 1
            continue
        if report_date:
            tally.received.add(report_date)
        tally.received.update(b.date for b in bulletins if b.date)
        if document.kind == "bulletin" and len(bulletins) == 1 and bulletins[0].date:
            stated = bulletins[0].date
            tally.page_read(stated, url, dict(bulletins[0].figures))
            if report_date and report_date != stated:
                tally.warnings.append(
                    f"{url}: the index titled it {report_date} but the page "
                    f"says {stated}; the page's own date is used"
                )
        if problem is None:
            reads.append(ReadDocument(document_id, url, report_date, bulletins))
            continue
        wh.mark_parse_error(document_id, problem, PARSER_VERSION)
        tally.quarantine(document_id, f"{_describe(url, report_date)}: quarantined: {problem}")
    return reads, tally


def load_read(wh: Warehouse, reads: list[ReadDocument]) -> Tally:
    """Load what read_stored gave, in one transaction (each document whole or not at
    all); a document the warehouse refuses is quarantined with its reason."""
    tally = Tally()
    loadable = [(r.document_id, r.bulletins, PARSER_VERSION) for r in reads if r.other_news is None]
    set_aside = [
        (r.document_id, r.other_news, PARSER_VERSION) for r in reads if r.other_news is not None
    ]
    by_id = {read.document_id: read for read in reads}
    for result in wh.load_documents(loadable, not_bulletins=set_aside):
        if result.errors:
            read = by_id[result.document_id]
            where = _describe(read.url, read.report_date)
            tally.quarantine(
                result.document_id, f"{where}: quarantined: {'; '.join(result.errors)}"
            )
        tally.bulletins_loaded += result.new_revisions
        tally.bulletins_unchanged += result.unchanged
    return tally


@step("reparse-stored", "reparse-stored {source.name}")
def reparse_stored(source: Source, wh: Warehouse) -> Tally:
    """Documents stored but not loaded (a crash, an earlier parse error) are parsed
    again from the warehouse, without touching the network.

    A quarantined document is parsed again only by a newer parser: the parser that
    failed on it would fail the same way (and report it once more in every run).
    Its dates are still missing, so the run fetches its URL again: that is its retry.
    A page set aside as not a bulletin is parsed again by a newer parser too."""
    tally = Tally()
    pending = [
        stored
        for stored in wh.pending_documents(source.name, parser_version=PARSER_VERSION)
        if not (stored.parse_status == "error" and stored.parser_version == PARSER_VERSION)
    ]
    documents = [(stored.id, wh.fetched_document(stored.id)) for stored in pending]
    tally.add(parse_and_load(wh, documents, source.format))
    if pending:
        log.info("%s: re-parsed %d stored document(s)", source.name, len(pending))
    return tally


@step("discover", "discover {source.name} round {round}")
def discover(
    settings: Settings,
    source: Source,
    wanted: set[dt.date],
    today: dt.date,
    wh: Warehouse,
    round: int = 0,
) -> tuple[Discovery, Tally]:
    """One round of looking for the wanted dates' documents (a source with several
    indexes reads the next one each round)."""
    tally = Tally()
    arrivals = Arrivals(wh)  # each answer stored as it comes
    fetcher = Fetcher(settings, on_answer=arrivals.add)

    async def crawl():
        async with fetcher, arrivals.storing():
            return await source.discover(fetcher, wanted, today, round)

    try:
        found = run_async(crawl())
    except FetchError as exc:
        arrivals.ids(fetcher.error_answers)
        tally.failures.append(f"finding {source.name} bulletins for {span(wanted)}: {exc}")
        return Discovery(), tally
    arrivals.ids(found.fetched + fetcher.error_answers)
    tally.documents_fetched += len(found.fetched) + len(fetcher.error_answers)
    tally.warnings.extend(found.problems)
    tally.failures.extend(
        f"finding {source.name} bulletins for {span(wanted)}: {failure}"
        for failure in found.failures
    )
    return found, tally


@step("fetch-and-load", "fetch-and-load {source.name} x{size}")
def fetch_and_load(
    settings: Settings,
    source: Source,
    requests: list[Request],
    wh: Warehouse,
    size: int,
    deadline: float | None = None,
    loads: PendingLoads | None = None,
) -> tuple[Tally, list[Request], list[Request]]:
    """Fetch a batch concurrently, storing every answer as it arrives, then parse and
    load each (with `loads`, when it says the pages waiting are due: those of earlier
    batches too). Past `deadline` (time.monotonic(), the run's time limit) what has not
    arrived is abandoned. Returns the tally, the follow-ups, and what was abandoned."""
    tally = Tally()
    arrivals = Arrivals(wh)
    ahead = ParseAhead(source.format)  # each page parsed while the others are on the way

    def arrived(answer: FetchedDocument) -> None:
        arrivals.add(answer)  # queued for storing whatever parsing it says
        ahead.add(answer)

    fetcher = Fetcher(settings, on_answer=arrived)

    async def fetch():
        async with fetcher, arrivals.storing():
            return await fetch_all(fetcher, requests, deadline)

    results = run_async(fetch())
    documents = [r for r in results if isinstance(r, FetchedDocument)]
    abandoned = [r for r, result in zip(requests, results, strict=True) if result is None]
    for request, result in zip(requests, results, strict=True):
        if isinstance(result, FetchError):
            tally.failures.append(f"{_describe(request.url, request.report_date)}: {result.reason}")
    follow_ups: list[Request] = []
    # Stored as they came, before parsing, error pages on the way included: nothing
    # fetched is lost.
    ids = arrivals.ids(documents + fetcher.error_answers)[: len(documents)]
    tally.documents_fetched += len(documents) + len(fetcher.error_answers)
    answered = []
    for document_id, document in zip(ids, documents, strict=True):
        if document.status == 200:
            answered.append((document_id, document))
            follow_ups.extend(source.follow_up(document))
        else:
            where = _describe(document.url, document.report_date)
            tally.failures.append(f"{where}: {describe_answer(document)}")
    reads, read = read_stored(wh, answered, source.format, ahead)
    tally.add(read)
    tally.add(loads.add(reads) if loads is not None else load_read(wh, reads))
    return tally, follow_ups, abandoned


@step("load", "load {source.name} x{size}")
def load_waiting(source: Source, loads: PendingLoads, size: int) -> Tally:
    """Load the pages of a queue's last batches still waiting (flows/pending_loads.py)."""
    return loads.flush()


def ingest(
    settings: Settings,
    source: Source,
    wanted: set[dt.date],
    today: dt.date,
    wh: Warehouse,
    *,
    refetch: bool = False,
) -> IngestResult:
    """Bring the wanted report dates of one source into the warehouse."""
    name = source.name
    limit = settings.run_time_limit
    deadline = time.monotonic() + limit if limit else None
    tally = reparse_stored(source, wh)
    # A stored document that fails again may yet be superseded by a good copy this
    # run fetches: its failure is reported only if it is still pending at the end.
    retried = dict(tally.quarantined)
    tally.failures.clear()
    if not refetch and wanted:
        wanted = wanted - wh.loaded_dates(name, min(wanted), max(wanted))
    newest = None
    searched: list[str] = []
    requested: set[str] = set()
    pending, round = set(wanted), 0
    while pending:
        log.info("%s: looking for %s", name, span(pending))
        found, discovered = discover(settings, source, pending, today, wh, round)
        tally.add(discovered)
        newest = max(filter(None, (newest, found.newest)), default=None)
        searched += found.searched
        queue = [r for r in found.requests if r.url not in requested]
        requested.update(r.url for r in queue)
        left = _fetch_and_load_all(settings, source, queue, wh, tally, deadline)
        pending -= wh.loaded_dates(name, min(pending), max(pending))
        if left:
            shown = ", ".join(r.url for r in left[:5]) + (" ..." if len(left) > 5 else "")
            tally.failures.append(
                f"{name}: the run's time limit ({limit:g} s, LOSSES_RUN_TIME_LIMIT) was reached "
                f"with {len(left)} document(s) not fetched: {shown}"
            )
            break
        if not found.more:
            break
        round += 1
    tally.warnings.extend(tally.same_date_pages())
    still_missing = wanted - wh.loaded_dates(name, min(wanted), max(wanted)) if wanted else set()
    unfound = still_missing - tally.received  # (the others failed, each with its reason)
    if unfound and searched:
        tally.warnings.append(
            f"{name}: no page found for {span(unfound)} in " + "; ".join(searched)
        )
    if still_missing and not source.missing_is_failure:
        tally.warnings.append(
            f"{name} ({settings.mod_lang} edition): no bulletin for {span(still_missing)}; "
            "this edition skips days and lags, so that is reported, not a failure"
        )
        still_missing = set()
    still_pending = {stored.id for stored in wh.pending_documents(name)} if retried else set()
    unresolved = [f for i, f in retried.items() if i in still_pending and f not in tally.failures]
    tally.failures[:0] = unresolved
    return IngestResult(tally, wanted, still_missing, newest)


def _fetch_and_load_all(
    settings: Settings,
    source: Source,
    queue: list[Request],
    wh: Warehouse,
    tally: Tally,
    deadline: float | None = None,
) -> list[Request]:
    """Fetch and load the queue in batches (follow-ups, e.g. the next page of a range,
    join the queue), with progress; stops at `deadline` (time.monotonic), also in the
    middle of a batch, and returns what was not fetched (every answer that arrived is
    stored, and loaded)."""
    if not queue:
        return []
    reporter = progress.reporter()
    reporter.start(f"{source.name}: fetch and load", len(queue))
    total = len(queue)
    loads = PendingLoads(lambda reads: load_read(wh, reads))
    while queue:
        if deadline is not None and time.monotonic() >= deadline:
            break
        batch, queue = queue[: settings.batch_size], queue[settings.batch_size :]
        done, follow_ups, abandoned = fetch_and_load(
            settings, source, batch, wh, len(batch), deadline, loads
        )
        tally.add(done)
        queue.extend(follow_ups)
        total += len(follow_ups)
        reporter.advance(len(batch) - len(abandoned), total=total)
        if abandoned:  # the time limit, in the middle of the batch
            queue = abandoned + queue
            break
    if len(loads):
        tally.add(load_waiting(source, loads, len(loads)))
    reporter.finish()
    return queue
