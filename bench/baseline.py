"""A competent hand-written script for the MoD history: what `losses` is measured against.

    uv run python bench/baseline.py --base-url http://127.0.0.1:8765/mod \\
        --start 2022-02-27 --end 2026-08-07 --db /tmp/baseline.duckdb

What a good programmer writes in an afternoon against the mirror (mirror/SITES.md), no
Prefect, no stored pages: www.mil.gov.ua's news listing (every page, fetched at once
after the first says how many) and mod.gov.ua's sitemap (it lists every page; the
listing leaves some out) for the bulletin pages; httpx async, four at a time; selectolax
on the article only; a line rule plus the project's label vocabulary for the figures;
one DuckDB transaction inserting with `unnest`; the increases checked in SQL.

It keeps nothing of what makes the pipeline trustworthy: no bodies, no revisions, no
runs, no retries, no quarantine. `bench/pipeline.py` runs it beside `losses backfill`
and asserts both read the same figures."""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

CONCURRENCY = 4
LINE = re.compile(
    r"^\s*(?P<label>[^\d(]+?)\s*[—–‒:-]+\s*(?:близько|понад|about|approximately)?\s*"
    r"(?P<total>\d[\d  ]*?)\s*(?:\(\s*\+?\s*(?P<delta>-?[\d  ]+?)\s*\))?\s*"
    r"(?:[^\d()]*)$"
)
LAST_PAGE = re.compile(r'class="last".{0,120}?page=(\d+)', re.S)
MIL_PATH_DATE = re.compile(r"/news/(\d{4})/(\d\d)/(\d\d)/")
MOD_DATE = re.compile(r"(\d\d)\.(\d\d)\.(\d{4})")


def _number(text: str) -> int:
    return int(re.sub(r"\D", "", text))


# Where each site's article starts and what follows it: only that slice is parsed.
ARTICLES = (
    (b'<div id="article">', b'<div id="colbase2news"'),
    (b'<div class="news-detail">', b'<div class="share"'),
)


def article_of(html: bytes) -> bytes | None:
    for start, end in ARTICLES:
        begin = html.find(start)
        if begin >= 0:
            stop = html.find(end, begin)
            return html[begin : stop if stop >= 0 else len(html)]
    return None


def figures_of(article, day: dt.date, match_label) -> list[tuple]:
    """(date, category, total, delta) of one bulletin page's article; [] for any other."""
    found: dict[str, tuple] = {}
    heading = None
    for node in article.css("p, li"):
        text = node.text(separator=" ").replace("\xa0", " ").strip()
        if node.tag == "p" and text.endswith(":") and len(text) < 40:
            heading = text[:-1]  # a grouped post's heading, the label of a lone item
            continue
        line = LINE.match(text)
        if line is None and heading and node.tag == "li":
            line = LINE.match(f"{heading} – {text}")
        if line is None:
            continue
        category = match_label(line["label"], day)
        if category and category not in found:
            delta = (
                _number(line["delta"]) * (-1 if "-" in line["delta"] else 1)
                if line["delta"]
                else None
            )
            found[category] = (day, category, _number(line["total"]), delta)
    return list(found.values())


async def _collect(base: str, start: dt.date, end: dt.date) -> dict:
    import httpx
    from selectolax.lexbor import LexborHTMLParser as HTMLParser

    from parsers.vocabulary import match_label

    limits = httpx.Limits(max_connections=CONCURRENCY, max_keepalive_connections=CONCURRENCY)
    gate = asyncio.Semaphore(CONCURRENCY)
    async with httpx.AsyncClient(limits=limits, timeout=30) as client:
        requests = 0

        async def get(url: str) -> bytes:
            nonlocal requests
            async with gate:
                answer = await client.get(url)
            requests += 1
            answer.raise_for_status()
            return answer.content

        # www.mil.gov.ua: its listing, every page at once once the first says how many.
        listing = f"{base}/www.mil.gov.ua/news/?page={{}}"
        first = await get(listing.format(1))
        last = int(LAST_PAGE.search(first.decode())[1])
        pages = [
            first,
            *await asyncio.gather(*(get(listing.format(n)) for n in range(2, last + 1))),
        ]
        wanted: dict[str, dt.date] = {}
        for page in pages:
            for link in HTMLParser(page).css("div.news-post > a"):
                url = link.attributes["href"]
                when = MIL_PATH_DATE.search(url)
                if when and "втрат" in link.text().lower():
                    day = dt.date(*map(int, when.groups()))
                    if start <= day <= end:
                        wanted[url] = day
        # mod.gov.ua: its sitemap, the months of the range.
        index = HTMLParser(await get(f"{base}/sitemap.xml"))
        months = [
            loc.text()
            for loc in index.css("sitemap > loc")
            if f"{start:%Y-%m}" <= loc.text()[-11:-4] <= f"{end:%Y-%m}"
        ]
        for sitemap in await asyncio.gather(*(get(url) for url in months)):
            for item in HTMLParser(sitemap).css("url"):
                url = item.css_first("loc").text()
                slug = url.rsplit("/", 1)[-1]
                if "/en/news/" in url or "vtrat" not in slug:
                    continue
                day = dt.date.fromisoformat(item.css_first("lastmod").text()[:10])
                if start <= day <= end:
                    wanted[url] = day

        async def bulletin(url: str, day: dt.date) -> list[tuple]:
            sliced = article_of(await get(url))
            if sliced is None:
                return []
            tree = HTMLParser(sliced)
            stamp = tree.css_first(".news-date")
            if stamp is not None:  # mod.gov.ua: the page's own timestamp dates it
                day = dt.date(*reversed([int(g) for g in MOD_DATE.search(stamp.text()).groups()]))
            article = tree.css_first("#aticle-content") or tree.css_first(".news-content")
            return [] if article is None else figures_of(article, day, match_label)

        pages = await asyncio.gather(*(bulletin(url, day) for url, day in wanted.items()))
    return {"rows": [row for page in pages for row in page], "requests": requests}


def run(base: str, start: dt.date, end: dt.date, db: str) -> dict:
    """Fetch, parse and load START..END into a fresh DuckDB file `db`; check the increases."""
    import duckdb

    collected = asyncio.run(_collect(base, start, end))
    rows = sorted(set(collected["rows"]))  # a day's page published twice: one bulletin
    con = duckdb.connect(db)
    con.execute(
        "CREATE TABLE figures (report_date DATE, category VARCHAR, total BIGINT, delta BIGINT,"
        " PRIMARY KEY (report_date, category))"
    )
    con.execute("BEGIN")
    con.execute(
        "INSERT INTO figures SELECT unnest(?), unnest(?), unnest(?), unnest(?)",
        [[r[0] for r in rows], [r[1] for r in rows], [r[2] for r in rows], [r[3] for r in rows]],
    )
    con.execute("COMMIT")
    failures = con.execute(
        """SELECT count(*) FROM (
             SELECT delta, total - lag(total) OVER (PARTITION BY category ORDER BY report_date)
                    AS implied, report_date - lag(report_date)
                    OVER (PARTITION BY category ORDER BY report_date) AS gap
             FROM figures)
           WHERE delta IS NOT NULL AND gap = 1 AND implied IS NOT NULL AND delta <> implied"""
    ).fetchone()[0]
    bulletins = con.execute("SELECT count(DISTINCT report_date) FROM figures").fetchone()[0]
    con.close()
    return {"documents": collected["requests"], "bulletins": bulletins, "check_failures": failures}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base-url", required=True, help="the mirror's MoD root, …/mod")
    parser.add_argument("--start", type=dt.date.fromisoformat, required=True)
    parser.add_argument("--end", type=dt.date.fromisoformat, required=True)
    parser.add_argument("--db", required=True, help="a DuckDB file that does not exist yet")
    args = parser.parse_args()
    started = time.perf_counter()
    result = run(args.base_url.rstrip("/"), args.start, args.end, args.db)
    result["wall"] = time.perf_counter() - started
    print(json.dumps(result))


if __name__ == "__main__":
    main()
