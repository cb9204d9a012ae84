"""Pages parsed as they arrive, while the rest of their batch is still on the way.

A batch used to be fetched whole, then parsed, then loaded: while the fetch waited on
the network the run's thread sat idle, and parsing came after. Now a page is parsed in
the gap after it arrives, and its batch's load finds it read. The MoD history from the
mirror, paired runs: 3.43-3.70 s against 3.78-3.91 s (the aggregator's: no difference;
its 55 month pages come faster than they are parsed, so there is little to overlap).

Nothing is loaded before it is stored: parsing is a pure function of the page
(parsers.parse_document), so when it runs changes nothing of what it reads, and its
result is only used once the page is stored (flows/ingest.py parse_and_load). An
error no parser should raise (a bug) is not kept: the page is parsed again at load
time, where such an error fails the step as before.

    ahead = ParseAhead("mod")
    fetcher = Fetcher(settings, on_answer=lambda a: (arrivals.add(a), ahead.add(a)))
    ...
    outcome = ahead.outcome(document)   # None: not parsed ahead (parse it now)
"""

from __future__ import annotations

from parsers import ParseError, parse_document
from parsers.model import Bulletin
from warehouse import FetchedDocument

# What parsing a page gave: its bulletins, or the parser's refusal.
Outcome = list[Bulletin] | ParseError


def parse_outcome(document: FetchedDocument, source_format: str) -> Outcome:
    """parse_document's answer for a fetched document: its bulletins, or the
    ParseError it raised (NotABulletin and ChallengePage included), returned, not
    raised. Anything else (a parser bug) is raised."""
    try:
        return parse_document(
            document.body,
            format=source_format,
            url=document.url,
            content_type=document.content_type,
        )
    except ParseError as exc:
        # Kept without its traceback and what it was raised from: their frames would
        # hold the page (decoded, too) for as long as the outcome waits for its batch.
        exc.__context__ = exc.__cause__ = None
        return exc.with_traceback(None)


class ParseAhead:
    """One per fetch of a batch; called from the run's thread (the fetcher's callback)."""

    def __init__(self, source_format: str) -> None:
        self._format = source_format
        # id(answer) -> (answer, outcome); the answer is kept so that its id() is not
        # taken by another object meanwhile.
        self._outcomes: dict[int, tuple[FetchedDocument, Outcome]] = {}

    def add(self, answer: FetchedDocument) -> None:
        """An answer has arrived (the fetcher's on_answer): parse it if it is a page
        the batch will parse (a 200 answer)."""
        if answer.status != 200:
            return
        try:
            outcome = parse_outcome(answer, self._format)
        except Exception:
            return  # parsed again when loaded, where the error is raised as always
        self._outcomes[id(answer)] = (answer, outcome)

    def outcome(self, document: FetchedDocument) -> Outcome | None:
        """The bulletins `document` was parsed into, or the ParseError parsing raised;
        None when it was not parsed ahead. Asked once: the outcome is let go."""
        found = self._outcomes.pop(id(document), None)
        return found[1] if found is not None and found[0] is document else None


__all__ = ["Outcome", "ParseAhead", "parse_outcome"]
