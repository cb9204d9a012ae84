"""The HTTP side: readiness, headers, keep-alive, HEAD, the request log, stop, speed."""

from __future__ import annotations

import datetime as dt
import socket
import time

import httpx
import pytest

from mirror import start_mirror


def test_root_answers_ok(client):
    response = client.get("/")
    assert response.status_code == 200
    assert response.text == "ok\n"
    assert response.headers["content-type"] == "text/plain; charset=utf-8"


@pytest.mark.parametrize(
    ("path", "content_type"),
    [
        ("/mod/news?page=2", "text/html; charset=utf-8"),
        ("/mod/www.mil.gov.ua/news/?page=2", "text/html; charset=utf-8"),
        ("/mod/sitemap.xml", "application/xml; charset=utf-8"),
        ("/minfin/ua/russian-invading/casualties/", "text/html; charset=utf-8"),
        (
            "/minfin/en/russian-invading/casualties/month.php?month=2023-01",
            "text/html; charset=utf-8",
        ),
        ("/api/api/v2/statistics/latest", "application/json; charset=utf-8"),
        ("/api/api/v1/statistics/2023-01-01", "application/json; charset=utf-8"),
        ("/nowhere", "text/plain; charset=utf-8"),
    ],
)
def test_content_type_and_length(client, path, content_type):
    response = client.get(path)
    assert response.headers["content-type"] == content_type
    assert int(response.headers["content-length"]) == len(response.content)


def _read_response(sock_file) -> tuple[str, bytes]:
    status = sock_file.readline().decode()
    headers = {}
    while (line := sock_file.readline()) not in (b"\r\n", b""):
        name, _, value = line.decode().partition(":")
        headers[name.lower()] = value.strip()
    return status, sock_file.read(int(headers["content-length"]))


def test_keep_alive_serves_several_requests_on_one_connection(mirror):
    with socket.create_connection(("127.0.0.1", mirror.port), timeout=5) as sock:
        stream = sock.makefile("rb")
        for path in ("/", "/mod/news?page=3", "/api/api/v2/statistics/latest"):
            sock.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
            status, body = _read_response(stream)
            assert status.startswith("HTTP/1.1 200"), path
            assert body


def test_head_and_other_methods(client):
    head = client.head("/mod/news")
    assert head.status_code == 200 and head.content == b""
    assert int(head.headers["content-length"]) > 200_000
    post = client.post("/mod/news", content=b"x")
    assert post.status_code == 405 and "GET and HEAD" in post.text


def test_requests_are_logged(mirror, client):
    client.get("/mod/en/news?page=7")
    client.get("/no/such/page")
    log = mirror.requests
    assert ("GET", "/mod/en/news?page=7", 200) in log
    assert ("GET", "/no/such/page", 404) in log
    method, path, status = log[-1]
    assert (method, path, status) == ("GET", "/no/such/page", 404)
    assert log[-1].fault is None and log[-1].status == 404


def test_start_with_until_and_stop():
    with start_mirror(port=0, until="2022-03-01") as m:
        assert m.url("api") == f"{m.base_url}/api"
        assert m.url("mod") == f"{m.base_url}/mod"
        assert m.url("mil") == f"{m.base_url}/mod/www.mil.gov.ua"
        assert m.url("kmu") == f"{m.base_url}/mod/www.kmu.gov.ua"
        assert m.url("minfin") == f"{m.base_url}/minfin"
        with pytest.raises(ValueError, match="unknown source"):
            m.url("ftp")
        with httpx.Client(base_url=m.base_url) as c:
            assert c.get("/api/api/v2/statistics/latest").json()["data"]["date"] == "2022-03-01"
            # The same client keeps a pooled connection open while the mirror stops.
            m.set_until(dt.date(2022, 3, 5))
            assert c.get("/api/api/v2/statistics/latest").json()["data"]["date"] == "2022-03-05"
            m.stop()
            with pytest.raises(httpx.TransportError):
                c.get("/", timeout=2)
    with pytest.raises(ValueError, match="outside the reference history"):
        start_mirror(port=0, until=dt.date(2031, 1, 1))
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        start_mirror(port=0, until="tomorrow")


def test_port_in_use_is_an_os_error(mirror):
    with pytest.raises(OSError):
        start_mirror(port=mirror.port)


def test_links_are_absolute_on_the_host_asked(mirror):
    with httpx.Client(base_url=mirror.base_url, headers={"Host": "mirror.test:8080"}) as c:
        html = c.get("/mod/news").text
    assert 'href="http://mirror.test:8080/mod/news/' in html


def test_day_pages_are_served_fast(mirror):
    """A full crawl is ~1,650 bulletin pages (mod.gov.ua's of 250 KB): the mirror must not
    be the bottleneck. (Measured from another process by mirror.speed; this is a coarse
    in-process floor.)"""
    dates = mirror.site.dates
    urls = [p.path for d in dates[:150] + dates[-150:] for p in mirror.site.pages(d)][:300]
    with httpx.Client(base_url=mirror.base_url) as c:
        started = time.perf_counter()
        for url in urls:
            assert c.get(url).status_code == 200
        elapsed = time.perf_counter() - started
    assert len(urls) / elapsed > 100, f"{len(urls) / elapsed:.0f} pages/s"
