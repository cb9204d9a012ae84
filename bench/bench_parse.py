"""Parse throughput per format, on one core (not part of the test run).

    uv run python bench/bench_parse.py [--seconds 1.0] [--page real-mod-page.html]

Takes realistic documents (the local mirror's renderings: ~250 KB MoD day pages in each
block style, an aggregator page and a month fragment, API responses; and a press repost), parses
each repeatedly with `parsers.parse_document` given its format (as the pipeline calls it; one
row repeats a MoD page with format "auto", which decodes and sniffs the whole page), and a MoD
news listing page with `parsers.parse_mod_listing`, and prints pages/s. Also measures the naive
baseline: BeautifulSoup(html.parser) over the whole MoD page. Target: >= 300 MoD pages/s.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mirror import render  # the pages the local mirror serves: realistic weight
from mirror.labels import MOD_LABELS
from mirror.reference import load_reference
from mirror.site import Site
from parsers import parse_document, parse_mod_listing

LISTING_URL = "http://127.0.0.1:8765/mod/news?page=5"


def _day_with_style(days, block: str):
    """The newest reference day whose MoD page the mirror renders in `block` style."""
    return next(d for d in reversed(days) if render.mod_style(d.date)[0] == block)


def build_text(day) -> bytes:
    """A press repost: a headline with rounded numbers, prose, then the list."""
    labels = MOD_LABELS["uk"]
    lines = [
        "Ще понад 1400 окупантів: Генштаб оновив дані про втрати ворога",
        "",
        f"За минулу добу, {day.date.day - 1} червня, армія рф втратила ще 1290 військових.",
        "",
        "Втрати в техніці та озброєнні також зросли:",
    ]
    for name, figure in day.figures.items():
        inc = f" (+{figure.delta} за минулу добу)" if figure.delta else ""
        lines.append(f"- {labels[name]} — {figure.total:,}{inc};".replace(",", " "))
    lines += ["", "Дані уточнюються."]
    return "\n".join(lines).encode()


def measure(func: Callable[[], object], seconds: float) -> tuple[float, int]:
    """(calls per second, calls) over at least `seconds` of wall time."""
    func()  # warm caches (regex compilation, label cache, imports)
    calls = 0
    start = time.perf_counter()
    deadline = start + seconds
    while True:
        func()
        calls += 1
        now = time.perf_counter()
        if now >= deadline and calls >= 3:
            return calls / (now - start), calls


def parse(body: bytes, fmt: str) -> list:
    """The bulletins of a document (the listing's entries for a MoD listing page)."""
    if fmt == "listing":
        return parse_mod_listing(body, LISTING_URL).entries
    return parse_document(body, format=fmt)


def naive_baseline(page: bytes) -> int:
    """What a straightforward scraper does: parse the whole page, then look for the article."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(page, "html.parser")
    article = soup.find("article") or soup
    return len(article.get_text("\n"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=1.0, help="time per measurement")
    parser.add_argument("--page", type=Path, help="a real MoD day page to measure as well")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core

    days = load_reference()
    by_date = {d.date.isoformat(): d for d in days}
    june4 = by_date["2024-06-04"]
    may = [d for d in days if d.date.isoformat().startswith("2024-05")][::-1]
    views = {d.date: render.day_view(d) for d in days}
    may_views = [views[d.date] for d in may]
    last_50 = [views[d.date] for d in days[-50:]]
    cases: list[tuple[str, bytes, str]] = [
        (f"mod uk <{block}>", render.mod_day_page(views[day.date], "uk"), "mod")
        for block, day in ((b, _day_with_style(days, b)) for b in render.BLOCK_STYLES)
    ]
    cases += [
        ("mod en", render.mod_day_page(views[june4.date], "en"), "mod"),
        ("minfin full page (4 days)", render.minfin_full_page(may_views[:4], [], "uk"), "minfin"),
        ("minfin month (31 days)", render.minfin_month_fragment(may_views, "uk"), "minfin"),
        ("api latest (1 day)", render.api_day(views[june4.date]), "api"),
        (
            "api range (50 days)",
            render.api_range(last_50, total=50, offset=0, limit=50, next_page_url=None),
            "api",
        ),
        ("text repost", build_text(june4), "text"),
        ("mod listing (page 5)", Site(days).resolve("/mod/news", "page=5").body, "listing"),
    ]
    cases.insert(len(render.BLOCK_STYLES), ("mod uk <ul>, format auto", cases[0][1], "auto"))
    if args.page:
        cases.insert(0, (f"mod --page {args.page.name}"[:32], args.page.read_bytes(), "mod"))

    print(
        f"python {platform.python_version()} on {platform.machine()}, one core, "
        f"{args.seconds:.1f} s per row\n"
    )
    header = f"{'document':<32} {'KB':>6} {'pages/s':>9} {'ms/page':>8} {'bulletins/s':>12}"
    print(header)
    print("-" * len(header))
    mod_rate = None
    for name, body, fmt in cases:
        bulletins = parse(body, fmt)
        assert all(not getattr(b, "errors", ()) for b in bulletins), (name, bulletins[0].errors)
        rate, _ = measure(lambda b=body, f=fmt: parse(b, f), args.seconds)
        if name.startswith("mod uk") and mod_rate is None:
            mod_rate = rate
        print(
            f"{name:<32} {len(body) / 1024:>6.0f} {rate:>9.0f} {1000 / rate:>8.2f} "
            f"{rate * len(bulletins):>12.0f}"
        )
    baseline_page = cases[0][1] if not args.page else cases[1][1]
    base_rate, _ = measure(lambda: naive_baseline(baseline_page), args.seconds)
    print(
        f"{'baseline: bs4 html.parser, whole':<32} {len(baseline_page) / 1024:>6.0f} "
        f"{base_rate:>9.0f} {1000 / base_rate:>8.2f} {base_rate:>12.0f}"
    )
    if mod_rate:
        verdict = "meets" if mod_rate >= 300 else "MISSES"
        print(
            f"\nMoD page: {mod_rate:.0f} pages/s ({verdict} the >= 300 target), "
            f"{mod_rate / base_rate:.0f}x the naive baseline"
        )


if __name__ == "__main__":
    main()
