"""A warehouse for the picture of the data (tests/report), built without the network:
the whole reference history as source "mod" (its 13 restatements), with a wrong
increase and an implausible one put in, the last days from "api" fetched later, and
an aggregator listing that brought no bulletin; checked."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from mirror.reference import load_reference
from tests.support.warehouse import FETCHED_AT, PARSER, document
from warehouse import Warehouse

# (report date, category, the status its wrong increase earns)
MISMATCH = (dt.date(2025, 3, 10), "personnel", "mismatch")
IMPLAUSIBLE = (dt.date(2024, 7, 1), "tanks", "implausible")
API_DAYS = 3  # the reference's last days, also from "api"
API_FETCHED_AT = FETCHED_AT + dt.timedelta(days=1, hours=2)
MINFIN_FETCHED_AT = FETCHED_AT + dt.timedelta(days=2)


def _with_delta(bulletin, category: str, delta: int):
    figures = dict(bulletin.figures)
    figures[category] = dataclasses.replace(figures[category], delta=delta)
    return dataclasses.replace(bulletin, figures=figures)


def build_report_warehouse(path: Path) -> Path:
    days = load_reference()
    bulletins = []
    for day in days:
        bulletin = day.bulletin("mod")
        if day.date == MISMATCH[0]:
            bulletin = _with_delta(bulletin, "personnel", bulletin.figures["personnel"].delta + 100)
        if day.date == IMPLAUSIBLE[0]:
            bulletin = _with_delta(bulletin, "tanks", 5000)  # the daily bound is 200
        bulletins.append(bulletin)
    with Warehouse.open(path) as wh:
        docs = [
            document(f"http://mirror/mod/news/{b.date}", f"<p>{b.date}</p>", report_date=b.date)
            for b in bulletins
        ]
        api = [day.bulletin("api") for day in days[-API_DAYS:]]
        docs += [
            document(
                f"http://mirror/api/{b.date}",
                f"{{{b.date}}}",
                source="api",
                report_date=b.date,
                fetched_at=API_FETCHED_AT,
            )
            for b in api
        ]
        listing = document(
            "http://mirror/minfin/month",
            "<ul></ul>",
            source="minfin",
            kind="listing",
            fetched_at=MINFIN_FETCHED_AT,
        )
        ids = wh.store_documents([*docs, listing])
        results = wh.load_documents(
            [(doc_id, [b], PARSER) for doc_id, b in zip(ids, [*bulletins, *api], strict=False)]
        )
        assert all(r.status == "loaded" for r in results)
        wh.run_check()
    return path


# The findings the check makes of it: the restatements, and the two put in.
FINDINGS = 13 + 2
