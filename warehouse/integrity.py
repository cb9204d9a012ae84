"""Whether every stored body is still there and still the bytes it was: a body pack
deleted or damaged on disk must be noticed (and the refetch that restores it must
write it again, see documents.store_documents)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from warehouse.bodies import BodyStore
from warehouse.queries import load
from warehouse.records import WarehouseError


@dataclass(frozen=True)
class BodyProblem:
    """A body that cannot be read back as stored."""

    sha256: str
    problem: Literal["missing", "damaged"]
    where: str  # the pack (or file) it was in
    document_id: int | None  # the first document that holds it (None: none does)
    url: str | None
    source: str | None
    documents: int  # how many documents hold it
    first_date: dt.date | None  # report dates of the bulletins loaded from them
    last_date: dt.date | None


def missing_packs(con, bodies: BodyStore) -> dict[str, int]:
    """{pack: documents whose body is in it} for the packs gone from disk (one stat per
    pack: cheap enough for `losses status`)."""
    rows = con.execute(
        "SELECT b.pack, count(d.document_id) FROM document_bodies b "
        "LEFT JOIN documents d USING (sha256) WHERE b.pack IS NOT NULL GROUP BY 1"
    ).fetchall()
    return {pack: n for pack, n in rows if not bodies.has_pack(pack)}


def verify(con, bodies: BodyStore) -> tuple[int, list[BodyProblem]]:
    """Read every body back and check it against its sha256: (bodies checked, the
    ones missing or damaged)."""
    problems = []
    rows = con.execute(load("body_locations")).fetchall()
    for sha, codec, pack, offset, size, first_size, doc_id, url, source, *held in rows:
        where = pack or f"{sha[:2]}/{sha}"
        try:
            bodies.get(sha, codec, pack, offset, size, first_size)
        except WarehouseError:
            gone = not bodies.has_pack(pack) if pack else not bodies.has_file(sha, codec)
            kind = "missing" if gone else "damaged"
            problems.append(BodyProblem(sha, kind, where, doc_id, url, source, *held))
    return len(rows), problems
