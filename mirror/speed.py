"""Measure how fast the mirror serves, from another process, the way a crawler reads it:

    uv run python -m mirror.speed [--pages N] [--workers W]

Starts `losses mirror --port 0` as a subprocess, walks www.mil.gov.ua's Ukrainian news
listing and mod.gov.ua's sitemap for the bulletin pages of the whole history, fetches
them with httpx (one client, then W threads) and prints requests/s."""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlsplit

import httpx

# Bulletin slugs by era (SITES.md §1, §3); decoys on mil.gov.ua match too, a few.
_MIL_LINK = re.compile(
    r'<div class="news-post"><a href="([^"]+/news/\d{4}/\d\d/\d\d/'
    r'(?:vtrati|zagalni-vtrati|genshtab|vorog)[^"]+)"'
)
_MOD_LOC = re.compile(
    r"<loc>([^<]+/mod/news/(?:z?agalni-bojovi|bojovi-vtrati|boiovi-vtraty)[^<]+)</loc>"
)
_SITEMAP = re.compile(r"<loc>([^<]+/sitemap/news-[^<]+)</loc>")


def _path(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _discover(client: httpx.Client) -> tuple[list[str], int, float]:
    """The bulletin pages' paths, the index pages read, and how long that took."""
    started = time.perf_counter()
    urls: list[str] = []
    pages = 0
    while True:
        pages += 1
        html = client.get(f"/mod/www.mil.gov.ua/news/?page={pages}").raise_for_status().text
        urls += _MIL_LINK.findall(html)
        if 'class="next"' not in html:
            break
    index = client.get("/mod/sitemap.xml").raise_for_status().text
    for month in _SITEMAP.findall(index):
        pages += 1
        urls += _MOD_LOC.findall(client.get(_path(month)).raise_for_status().text)
    return [_path(u) for u in urls], pages + 1, time.perf_counter() - started


def _fetch_all(base_url: str, paths: list[str], workers: int) -> tuple[int, float]:
    clients = [httpx.Client(base_url=base_url, timeout=30) for _ in range(workers)]

    def get(i: int) -> int:
        response = clients[i % workers].get(paths[i])
        response.raise_for_status()
        return len(response.content)

    started = time.perf_counter()
    with ThreadPoolExecutor(workers) as pool:
        size = sum(pool.map(get, range(len(paths))))
    elapsed = time.perf_counter() - started
    for client in clients:
        client.close()
    return size, elapsed


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=0, help="day pages to fetch (0: all)")
    parser.add_argument("--workers", type=int, default=4, help="client threads, second run")
    args = parser.parse_args(argv)
    command = [sys.executable, "-c", "from flows.cli import main; main()", "mirror", "--port", "0"]
    server = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    try:
        line = server.stdout.readline()
        match = re.search(r"http://127\.0\.0\.1:\d+", line)
        if not match:
            sys.exit(f"the mirror did not start: {line!r}")
        base_url = match.group()
        with httpx.Client(base_url=base_url, timeout=30) as client:
            paths, pages, elapsed = _discover(client)
        print(f"indexes: {pages} pages in {elapsed:.2f} s = {pages / elapsed:.0f} pages/s")
        paths = paths[: args.pages] if args.pages else paths
        for workers in (1, args.workers):
            size, elapsed = _fetch_all(base_url, paths, workers)
            print(
                f"day pages, {workers} client thread(s): {len(paths)} pages, "
                f"{size / 1e6:.0f} MB in {elapsed:.2f} s = {len(paths) / elapsed:.0f} req/s "
                f"({size / 1e6 / elapsed:.0f} MB/s)"
            )
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
