"""What a run did, counted as it goes: each task returns a `Tally`, the run adds
them up, and the report (flows/report.py) is written from the sum."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass
class Tally:
    """What a piece of the run did; the run's summary is the sum of these."""

    documents_fetched: int = 0
    bulletins_loaded: int = 0  # new revisions written
    bulletins_unchanged: int = 0
    failures: list[str] = field(default_factory=list)  # each names URL, date and reason
    warnings: list[str] = field(default_factory=list)
    # Report dates the source answered a document for (loaded or not): a date here
    # is published, even when its document could not be read.
    received: set[dt.date] = field(default_factory=set)
    # The failures of quarantined documents, by document id (also in `failures`).
    quarantined: dict[int, str] = field(default_factory=dict)
    # Pages an index pointed to that hold no bulletin (other news): kept, not failures.
    not_bulletins: int = 0
    # Bulletin pages read, by the report date they state: [(url, figures)], so that two
    # pages for one date can be compared (only pages of one bulletin each).
    pages: dict[dt.date, list[tuple[str, dict]]] = field(default_factory=dict)

    def quarantine(self, document_id: int, failure: str) -> None:
        self.quarantined[document_id] = failure
        self.failures.append(failure)

    def page_read(self, date: dt.date, url: str, figures: dict) -> None:
        pages = self.pages.setdefault(date, [])
        if all(seen != url for seen, _ in pages):
            pages.append((url, figures))

    def add(self, other: Tally) -> Tally:
        self.documents_fetched += other.documents_fetched
        self.bulletins_loaded += other.bulletins_loaded
        self.bulletins_unchanged += other.bulletins_unchanged
        # A document parsed twice in a run (stored, then fetched again) fails once.
        self.failures.extend(f for f in dict.fromkeys(other.failures) if f not in self.failures)
        self.warnings.extend(w for w in dict.fromkeys(other.warnings) if w not in self.warnings)
        self.received |= other.received
        self.quarantined.update(other.quarantined)
        self.not_bulletins += other.not_bulletins
        for date, pages in other.pages.items():
            for url, figures in pages:
                self.page_read(date, url, figures)
        return self

    def same_date_pages(self) -> list[str]:
        """Two or more pages stating one report date: which agree, which differ and
        which one the warehouse keeps (the one loaded last: the later publication)."""
        notes = []
        for date, pages in sorted(self.pages.items()):
            if len(pages) < 2:
                continue
            urls = ", ".join(url for url, _ in pages)
            (first_url, first), (last_url, last) = pages[0], pages[-1]
            differing = [
                f"{name} {_shown(first.get(name))} vs {_shown(last.get(name))}"
                for name in dict.fromkeys([*first, *last])
                if first.get(name) != last.get(name)
            ]
            if not differing:
                notes.append(f"{date}: {len(pages)} pages carry the same bulletin: {urls}")
            else:
                notes.append(
                    f"{date}: {len(pages)} pages carry different figures ({urls}): "
                    f"{'; '.join(differing[:5])}; the warehouse keeps {last_url} (published "
                    f"later) as the latest revision, {first_url} as an earlier one"
                )
        return notes


def _shown(figure) -> str:
    if figure is None:
        return "absent"
    delta = "" if figure.delta is None else f" ({figure.delta:+d})"
    return f"{figure.total}{delta}"


@dataclass
class IngestResult:
    tally: Tally
    wanted: set[dt.date]
    missing: set[dt.date]  # wanted, and still not in the warehouse
    newest_listed: dt.date | None
    # Today's bulletin, not out yet and checked again later: wanted, not loaded, and
    # not counted in `missing` (its absence is no failure yet).
    awaiting: dt.date | None = None


__all__ = ["IngestResult", "Tally"]
