"""Measure how fast the mirror serves, from another process, the way a crawler reads it:

    uv run python -m mirror.speed [--pages N] [--workers W]

Starts `losses mirror --port 0` as a subprocess, walks the MoD listing, fetches the
day pages with httpx (one client, then W threads) and prints requests/s."""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import httpx

_BULLETIN_LINK = re.compile(r'class="news-title" href="([^"]+-po-[^"]+)"')


def _listing(client: httpx.Client) -> tuple[list[str], int, float]:
    started = time.perf_counter()
    urls: list[str] = []
    page = 0
    while True:
        page += 1
        html = client.get(f"/mod/news?page={page}").raise_for_status().text
        urls += _BULLETIN_LINK.findall(html)
        if 'class="next"' not in html:
            return urls, page, time.perf_counter() - started


def _fetch_all(base_url: str, urls: list[str], workers: int) -> tuple[int, float]:
    clients = [httpx.Client(base_url=base_url, timeout=30) for _ in range(workers)]

    def get(i: int) -> int:
        response = clients[i % workers].get(urls[i])
        response.raise_for_status()
        return len(response.content)

    started = time.perf_counter()
    with ThreadPoolExecutor(workers) as pool:
        size = sum(pool.map(get, range(len(urls))))
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
            urls, pages, elapsed = _listing(client)
        print(f"listing: {pages} pages in {elapsed:.2f} s = {pages / elapsed:.0f} pages/s")
        urls = urls[: args.pages] if args.pages else urls
        for workers in (1, args.workers):
            size, elapsed = _fetch_all(base_url, urls, workers)
            print(
                f"day pages, {workers} client thread(s): {len(urls)} pages, "
                f"{size / 1e6:.0f} MB in {elapsed:.2f} s = {len(urls) / elapsed:.0f} req/s "
                f"({size / 1e6 / elapsed:.0f} MB/s)"
            )
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
