"""The scraper this project replaces, done plainly (not part of the tests):

    uv run python bench/naive.py --base-url http://127.0.0.1:8765/mod \\
        --start 2022-02-24 --end 2026-08-07 --db /tmp/naive.duckdb

The sites' news listings walked one request at a time, BeautifulSoup (html.parser) over
each whole page, one INSERT per figure, each page dated by its listing item. It misses
the bulletins the listings leave out (mirror/SITES.md). Prints a JSON line."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

LINE = re.compile(
    r"^\s*(?P<label>[^\d—–‒-][^—–‒]*?)\s*[—–‒-]\s*(?:близько|понад|about|more than)?\s*"
    r"(?P<total>\d[\d ]*?)\s*(?:\(\+?(?P<delta>-?[\d ]+)\))?[\s,.;]*(?:од|осіб.*)?$"
)
DATE = re.compile(r"(\d\d)[. ](\d\d|[^\W\d]+)[. ](\d{4})")
MONTHS = [
    "січня",
    "лютого",
    "березня",
    "квітня",
    "травня",
    "червня",
    "липня",
    "серпня",
    "вересня",
    "жовтня",
    "листопада",
    "грудня",
]


def _date(text: str) -> dt.date | None:
    found = DATE.search(text)
    if not found:
        return None
    day, month, year = found.groups()
    month = int(month) if month.isdigit() else MONTHS.index(month) + 1
    return dt.date(int(year), month, int(day))


def run(base_url: str, start: dt.date, end: dt.date, db: str) -> dict:
    import duckdb
    import httpx
    from bs4 import BeautifulSoup

    from parsers.vocabulary import match_label

    listings = [
        (f"{base_url}/www.mil.gov.ua/news/?page={{}}", "div.news-post", "p.meta"),
        (f"{base_url}/news?page={{}}", "a.news-card", "span.news-card__date"),
    ]
    con = duckdb.connect(db)
    con.execute(
        "CREATE TABLE figures (report_date DATE, category VARCHAR, total BIGINT, delta BIGINT)"
    )
    client = httpx.Client(timeout=30)
    pages: list[tuple[dt.date, str]] = []
    requests = 0
    for url, item, when in listings:
        page = 1
        while True:
            listing = BeautifulSoup(client.get(url.format(page)).text, "html.parser")
            requests += 1
            dates = []
            for entry in listing.select(item):
                link = entry if entry.name == "a" else entry.find("a")
                day = _date(entry.select_one(when).get_text())
                if day is None:
                    continue
                dates.append(day)
                if start <= day <= end and "втрат" in link.get_text().lower():
                    pages.append((day, link["href"]))
            if not dates or min(dates) < start or not listing.select_one(".next"):
                break
            page += 1
    bulletins = 0
    for day, url in sorted(pages):
        soup = BeautifulSoup(client.get(url).text, "html.parser")
        requests += 1
        found = 0
        for line in soup.get_text("\n").splitlines():
            figure = LINE.match(line)
            category = figure and match_label(figure["label"], day)
            if category:
                delta = int(figure["delta"].replace(" ", "")) if figure["delta"] else None
                total = int(figure["total"].replace(" ", ""))
                con.execute(
                    "INSERT INTO figures VALUES (?, ?, ?, ?)", [day, category, total, delta]
                )
                found += 1
        bulletins += found > 0
    con.close()
    return {"documents": requests, "bulletins": bulletins}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base-url", required=True, help="the mirror's MoD root, …/mod")
    parser.add_argument("--start", type=dt.date.fromisoformat, required=True)
    parser.add_argument("--end", type=dt.date.fromisoformat, required=True)
    parser.add_argument("--db", required=True, help="a DuckDB file that does not exist yet")
    args = parser.parse_args()
    print(json.dumps(run(args.base_url.rstrip("/"), args.start, args.end, args.db)))


if __name__ == "__main__":
    main()
