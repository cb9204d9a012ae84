"""The fetcher alone, over httpx's MockTransport: what becomes a document, what is
retried and how long it waits, what is refused, and the per-host limit."""

from __future__ import annotations

import asyncio
import datetime as dt

import httpx
import pytest

from flows.fetch import Fetcher, FetchError, Request, describe_answer, fetch_all
from flows.settings import Settings
from parsers import LossesError

ROOT = "http://mod.test"
DAY = dt.date(2024, 6, 4)
CHALLENGE = (
    b"<!DOCTYPE html><html><head><title>Just a moment...</title></head><body>"
    b'<div id="challenge-error-text">Enable JavaScript and cookies to continue</div>'
    b"<script>window._cf_chl_opt={cType: 'managed'};</script></body></html>"
)


def settings(**overrides) -> Settings:
    roots = {"mod": ROOT, "minfin": "http://minfin.test", "api": "http://api.test"}
    fields = {"http_attempts": 3, "backoff_base": 1.0, "backoff_max": 8.0, **overrides}
    return Settings(base_urls=roots, **fields)


def fetch(handler, requests, **overrides):
    """(documents or errors, seconds slept, the fetcher) for `requests` served by `handler`."""
    slept: list[float] = []

    async def sleep(seconds: float) -> None:
        slept.append(seconds)

    async def run():
        fetcher = Fetcher(
            settings(**overrides), sleep=sleep, transport=httpx.MockTransport(handler)
        )
        async with fetcher:
            return await fetch_all(fetcher, requests), fetcher

    results, fetcher = asyncio.run(run())
    return results, slept, fetcher


def request(path: str = "/news/page", **fields) -> Request:
    return Request(f"{ROOT}{path}", "mod", report_date=DAY, lang="uk", **fields)


def test_an_answer_becomes_a_document_with_what_the_request_knew():
    seen = []

    def handler(http: httpx.Request) -> httpx.Response:
        seen.append(http.headers)
        return httpx.Response(
            200, content=b"<html>ok</html>", headers={"content-type": "text/html"}
        )

    [document], slept, fetcher = fetch(handler, [request(kind="bulletin")])
    assert (document.url, document.status, document.body) == (
        f"{ROOT}/news/page",
        200,
        b"<html>ok</html>",
    )
    assert (document.source, document.report_date, document.lang, document.kind) == (
        "mod",
        DAY,
        "uk",
        "bulletin",
    )
    assert document.content_type == "text/html" and document.fetched_at.tzinfo is not None
    assert seen[0]["user-agent"].startswith("losses/") and slept == []
    assert fetcher.requests_made == 1


def test_a_final_error_status_is_a_document_too_not_an_exception():
    [document], slept, _ = fetch(lambda _: httpx.Response(404, content=b"gone"), [request()])
    assert document.status == 404 and slept == []
    assert describe_answer(document) == "HTTP 404"


def test_a_server_error_is_retried_with_backoff_and_kept_as_an_error_answer():
    answers = iter([httpx.Response(503), httpx.Response(502), httpx.Response(200, content=b"x")])
    [document], slept, fetcher = fetch(lambda _: next(answers), [request()])
    assert document.status == 200
    assert [a.status for a in fetcher.error_answers] == [503, 502]
    assert len(slept) == 2 and 0.5 <= slept[0] <= 1.0 and 1.0 <= slept[1] <= 2.0  # full jitter
    assert fetcher.retries == 2


def test_retry_after_is_honoured_up_to_the_backoff_cap():
    answers = iter(
        [
            httpx.Response(429, headers={"retry-after": "3"}),
            httpx.Response(429, headers={"retry-after": "600"}),
            httpx.Response(200, content=b"x"),
        ]
    )
    _, slept, _ = fetch(lambda _: next(answers), [request()])
    assert slept == [3.0, 8.0]


def test_giving_up_names_the_url_the_reason_and_the_date():
    [error], slept, fetcher = fetch(lambda _: httpx.Response(500), [request()])
    assert isinstance(error, FetchError) and isinstance(error, LossesError)
    assert str(error) == f"GET {ROOT}/news/page: gave up after 3 attempts: HTTP 500"
    assert (error.url, error.date) == (f"{ROOT}/news/page", DAY)
    assert len(slept) == 2 and len(fetcher.error_answers) == 3


def test_timeouts_and_dropped_connections_are_retried():
    failures = iter([httpx.ReadTimeout("slow"), httpx.RemoteProtocolError("reset")])

    def handler(http: httpx.Request) -> httpx.Response:
        failure = next(failures, None)
        if failure is not None:
            raise failure
        return httpx.Response(200, content=b"x")

    [document], slept, _ = fetch(handler, [request()])
    assert document.status == 200 and len(slept) == 2

    [error], _, _ = fetch(lambda _: (_ for _ in ()).throw(httpx.ConnectTimeout("x")), [request()])
    assert "timed out (ConnectTimeout)" in error.reason


def test_a_challenge_page_is_returned_at_once_and_named():
    [document], slept, _ = fetch(lambda _: httpx.Response(503, content=CHALLENGE), [request()])
    assert document.status == 503 and slept == []  # waiting would not make it go away
    assert "challenge page" in describe_answer(document)


@pytest.mark.parametrize(
    "url", ["http://elsewhere.test/page", "file:///etc/passwd", "ftp://mod.test/x"]
)
def test_hosts_that_are_not_configured_are_refused_without_a_request(url):
    asked = []
    [error], _, _ = fetch(lambda r: asked.append(r) or httpx.Response(200), [Request(url, "mod")])
    assert "is not a configured source" in str(error) and asked == []


def test_redirects_are_followed_by_hand_and_vetted():
    def handler(http: httpx.Request) -> httpx.Response:
        if http.url.path == "/old":
            return httpx.Response(301, headers={"location": "/new"})
        if http.url.path == "/away":
            return httpx.Response(302, headers={"location": "http://evil.test/"})
        return httpx.Response(200, content=b"moved here")

    moved, away = fetch(handler, [request("/old"), request("/away")])[0]
    assert (moved.url, moved.body) == (f"{ROOT}/new", b"moved here")
    assert isinstance(away, FetchError) and "'evil.test' is not a configured source" in str(away)


def test_bodies_over_the_cap_are_refused_declared_or_not():
    declared = httpx.Response(200, headers={"content-length": "2000"}, content=b"x" * 2000)
    [error], _, _ = fetch(lambda _: declared, [request()], max_body_bytes=1000)
    assert "body of 2000 bytes exceeds 1000" in str(error)

    async def stream():
        for _ in range(5):
            yield b"x" * 400

    [error], _, _ = fetch(
        lambda _: httpx.Response(200, content=stream()), [request()], max_body_bytes=1000
    )
    assert "exceeds the cap of 1000 bytes" in str(error)


def test_at_most_the_configured_connections_per_host():
    busy, peak = 0, 0

    async def handler(http: httpx.Request) -> httpx.Response:
        nonlocal busy, peak
        busy += 1
        peak = max(peak, busy)
        await asyncio.sleep(0.01)
        busy -= 1
        return httpx.Response(200, content=b"x")

    requests = [request(f"/news/{n}") for n in range(12)]
    results, _, _ = fetch(handler, requests, max_connections_per_host=3)
    assert [r.status for r in results] == [200] * 12
    assert peak == 3


# -- what a server may send: encodings, chains, bombs


def streamed(data: bytes, step: int = 4096):
    async def chunks():
        for start in range(0, len(data), step):
            yield data[start : start + step]

    return chunks()


def gzipped(data: bytes) -> bytes:
    import gzip

    return gzip.compress(data, compresslevel=9)


def test_gzip_and_deflate_bodies_are_decoded():
    import zlib

    page = "<html>Бойові втрати ворога</html>".encode() * 100
    for encoding, raw in (("gzip", gzipped(page)), ("deflate", zlib.compress(page))):
        answer = httpx.Response(200, headers={"content-encoding": encoding}, content=streamed(raw))
        [document], _, _ = fetch(lambda _, a=answer: a, [request()])
        assert document.body == page, encoding


@pytest.mark.parametrize("encoding", ["gzip, gzip", "zstd", "br", "gzip, deflate"])
def test_encodings_not_asked_for_are_refused_undecoded(encoding):
    raw = gzipped(gzipped(b"\0" * 10_000_000))  # 10 MB in a few KB, twice over
    answer = httpx.Response(200, headers={"content-encoding": encoding}, content=streamed(raw))
    [error], _, _ = fetch(lambda _: answer, [request()])
    assert isinstance(error, FetchError)
    assert f"Content-Encoding '{encoding}' was not asked for" in str(error)


def test_a_decompression_bomb_stops_at_the_cap_with_little_memory():
    import tracemalloc

    raw = gzipped(b"\0" * 200_000_000)  # 200 MB of zeros in ~200 KB, sent in one chunk
    answer = httpx.Response(
        200, headers={"content-encoding": "gzip"}, content=streamed(raw, step=len(raw))
    )
    tracemalloc.start()
    try:
        [error], _, _ = fetch(lambda _: answer, [request()], max_body_bytes=1_000_000)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert "exceeds the cap of 1000000 bytes (decoded)" in str(error)
    assert peak < 20_000_000  # the cap and a step, not the 200 MB


def test_a_server_that_drips_is_cut_at_the_deadline():
    async def drip():
        for _ in range(1000):
            await asyncio.sleep(0.01)
            yield b"x"

    [error], _, _ = fetch(
        lambda _: httpx.Response(200, content=drip()),
        [request()],
        http_attempts=1,
        request_deadline=0.2,
    )
    assert isinstance(error, FetchError)
    assert "gave up after 1 attempts: no whole answer within 0.2 s" in str(error)
