"""The --faults language, and every fault kind as a client sees it."""

from __future__ import annotations

import datetime as dt
import json
import re
import socket
import time

import httpx
import pytest

from mirror.faults import FaultRule, FaultSpecError, parse_faults
from tests.support.pages import between, listing_entries, minfin_days, mod_items

D = dt.date(2026, 2, 5)  # a mod.gov.ua day page ("Бойові втрати ворога на 5 лютого 2026 року")
MONTH = "/minfin/ua/russian-invading/casualties/month.php?month=2026-02"

# ------------------------------------------------------------------ the spec parser


def test_parse_rules():
    plan = parse_faults(
        "/mod/news/2024/06/*=503:2x3, /api/*=timeout:1.5@10%; */month.php?month=2024-05=500\n"
        "/mod/*=absurd:x100 ,/mod/*=absurd:letters/uavx2, seed=9, /x=truncate:0.25@0.5"
    )
    assert plan.seed == 9
    assert plan.rules == [
        FaultRule("/mod/news/2024/06/*", "503", "2", None, 3),
        FaultRule("/api/*", "timeout", "1.5", 0.10, None),
        FaultRule("*/month.php?month=2024-05", "500", None, None, None),
        FaultRule("/mod/*", "absurd", "x100", None, None),
        FaultRule("/mod/*", "absurd", "letters/uav", None, 2),
        FaultRule("/x", "truncate", "0.25", 0.5, None),
    ]
    assert not parse_faults(None) and not parse_faults(" , ;")


@pytest.mark.parametrize(
    ("spec", "says"),
    [
        ("/mod/*", "expected PATTERN=KIND"),
        ("=500", "expected PATTERN=KIND"),
        ("mod/*=500", "must be a path glob"),
        ("/mod/*=418", "unknown kind '418'"),
        ("/mod/*=500:3", "500 takes no argument"),
        ("/mod/*=503:soon", "Retry-After seconds"),
        ("/mod/*=timeout:0", "a positive number"),
        ("/mod/*=layout:grid", "table or classes or labels"),
        ("/mod/*=absurd:x1000", "x100|negative|letters|huge"),
        ("/mod/*=absurd:x100/tankz", "canonical category"),
        ("/mod/*=charset:latin1", "cp1251 or utf8"),
        ("/mod/*=future:-3", "a positive integer"),
        ("/mod/*=500@1.5", "RATE must be 0..1"),
        ("/mod/*=500@often", "RATE must be 0..1"),
        ("/mod/*=503x2@0.5", "not both"),
        ("seed=abc", "seed must be an integer"),
        ("/mod/*=challenge:1", "challenge takes no argument"),
    ],
)
def test_bad_specs_are_refused_with_the_reason(spec, says):
    with pytest.raises(FaultSpecError) as error:
        parse_faults(spec)
    assert says in str(error.value)
    assert str(error.value).startswith(f"fault {spec!r}: ")  # names the item


def test_count_fires_on_the_first_matching_requests():
    plan = parse_faults("/mod/*=503x2")
    labels = [plan.decide(f"/mod/news/{i}").label for i in range(4)]
    assert labels == ["503", "503", None, None]
    assert plan.decide("/api/x") is not None and plan.decide("/api/x").label is None


def test_rate_is_deterministic_and_about_right():
    paths = [f"/mod/news/{i}" for i in range(2000)]
    first = [parse_faults("/mod/*=500@25%").decide(p).status for p in paths]
    plan = parse_faults("/mod/*=500@0.25")
    second = [plan.decide(p).status for p in reversed(paths)][::-1]
    assert first == second  # independent of order
    assert 400 < first.count(500) < 600
    other_seed = [parse_faults("seed=1,/mod/*=500@0.25").decide(p).status for p in paths]
    assert other_seed != first
    # A retry of the same URL is a new draw: some URLs fail once, then succeed.
    retried = [plan.decide(p).status for p in paths]
    assert retried != first


def test_pattern_matches_path_or_path_with_query():
    plan = parse_faults("/mod/news=500, */month.php?month=2024-0[56]=502")
    assert plan.decide("/mod/news", "page=3").status == 500
    assert plan.decide(MONTH.split("?")[0], "month=2024-06").status == 502
    assert plan.decide(MONTH.split("?")[0], "month=2024-07").label is None


def test_several_rules_combine():
    decision = parse_faults(
        "/mod/*=timeout:0.1, /mod/*=absurd, /mod/*=future:2, /mod/*=500"
    ).decide("/mod/x")
    assert decision.delay == 0.1 and decision.status == 500
    assert decision.tweaks.absurd == "x100" and decision.tweaks.future_days == 2
    assert decision.label == "timeout:0.1+absurd+future:2+500"


def test_challenge_is_parsed_as_a_status():
    decision = parse_faults("/mod/*=challenge").decide("/mod/news")
    assert decision.status == 403 and decision.challenge and decision.label == "challenge"


# --------------------------------------------------------------- served faults


@pytest.fixture
def http(faulty):
    faulty.set_faults(None)  # each test starts clean and sets its own faults
    with httpx.Client(base_url=faulty.base_url, timeout=10) as client:
        yield client


def day_url(faulty, date=D, site=None, edition="uk"):
    return faulty.site.bulletin_path(date, site, edition)


def figures(reference, date=D):
    return {n: (f.total, f.delta) for n, f in reference[date].figures.items()}


@pytest.mark.parametrize(
    ("kind", "status", "retry_after"),
    [
        ("500", 500, None),
        ("502", 502, None),
        ("503", 503, "1"),
        ("503:7", 503, "7"),
        ("429", 429, "1"),
        ("429:3", 429, "3"),
    ],
)
def test_http_status_faults(faulty, http, kind, status, retry_after):
    faulty.set_faults(f"/mod/*={kind}x1")
    url = day_url(faulty)
    response = http.get(url)
    assert response.status_code == status
    assert response.headers.get("retry-after") == retry_after
    assert "injected fault" in response.text
    assert http.get(url).status_code == 200  # x1: only the first request
    api = faulty.set_faults("/api/*=503") or http.get("/api/api/v2/statistics/latest")
    assert api.status_code == 503 and "injected fault" in api.json()["message"]
    log = [r for r in faulty.requests if r.path == url]
    assert log[-2].fault == kind and log[-2] == ("GET", url, status)
    assert log[-1].fault is None and log[-1] == ("GET", url, 200)


@pytest.mark.parametrize(
    "path",
    [
        "/mod/news?page=1",
        "/mod/www.mil.gov.ua/news/2022/07/08/",
        "/minfin/ua/russian-invading/casualties/",
        "/api/api/v2/statistics/latest",
    ],
)
def test_challenge_answers_cloudflares_interstitial(faulty, http, path):
    faulty.set_faults("/*=challenge")
    response = http.get(path)
    assert response.status_code == 403
    assert response.headers["cf-mitigated"] == "challenge"
    assert response.headers["content-type"].startswith("text/html")
    page = response.text
    assert "<title>Just a moment...</title>" in page
    assert "window._cf_chl_opt" in page and "/cdn-cgi/challenge-platform/" in page
    assert "втрат" not in page and "losses" not in page.lower()
    assert faulty.requests[-1].fault == "challenge" and faulty.requests[-1].status == 403
    faulty.set_faults(None)
    assert http.get(path).status_code in (200, 404)


def test_timeout_hangs_then_answers(faulty, http):
    faulty.set_faults("/api/*=timeout:1")
    started = time.monotonic()
    response = http.get("/api/api/v2/statistics/latest")
    assert response.status_code == 200 and time.monotonic() - started >= 1.0
    with pytest.raises(httpx.ReadTimeout):
        http.get("/api/api/v2/statistics/latest", timeout=0.3)


def test_reset_closes_the_connection_abruptly(faulty, http):
    faulty.set_faults("/mod/news=reset")
    with pytest.raises((httpx.ReadError, httpx.RemoteProtocolError)):
        http.get("/mod/news")
    reset = [r for r in faulty.requests if r.path == "/mod/news"][-1]
    assert reset == ("GET", "/mod/news", 0) and reset.fault == "reset"
    assert http.get("/mod/en/news").status_code == 200


def _raw_get(faulty, path: str) -> tuple[bytes, bytes]:
    with socket.create_connection(("127.0.0.1", faulty.port), timeout=5) as sock:
        sock.sendall(f"GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode())
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    return head, body


def test_truncate_sends_part_of_the_body(faulty, http):
    url = day_url(faulty)
    full = _raw_get(faulty, url)[1]
    faulty.set_faults(f"{url}=truncate")
    with pytest.raises(httpx.RemoteProtocolError):
        http.get(url)
    head, body = _raw_get(faulty, url)
    assert f"Content-Length: {len(full)}".encode() in head
    assert body == full[: len(full) // 2]
    faulty.set_faults(f"{url}=truncate:1000")
    assert len(_raw_get(faulty, url)[1]) == 1000


@pytest.mark.parametrize(
    ("date", "where", "edition", "meta"),
    [
        (D, None, "uk", b'<meta charset="utf-8">'),
        (dt.date(2022, 7, 8), None, "uk", b'content="application/xhtml+xml; charset=utf-8"'),
        (dt.date(2023, 6, 21), "www.kmu.gov.ua", "en", b'<meta charset="utf-8"/>'),
    ],
)
def test_charset_cp1251_body_declared_utf8(faulty, http, date, where, edition, meta):
    url = day_url(faulty, date, where, edition)
    clean = http.get(url).content.decode("utf-8")
    faulty.set_faults("/mod/*=charset")
    response = http.get(url)
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    if edition == "uk":
        with pytest.raises(UnicodeDecodeError):
            response.content.decode("utf-8")
    assert meta in response.content
    text = response.content.decode("cp1251")
    assert len(text) >= len(clean) * 0.98  # the same page, chars outside cp1251 as &#NNNN;


def test_charset_utf8_body_declared_cp1251(faulty, http):
    faulty.set_faults("/mod/*=charset:utf8")
    response = http.get(day_url(faulty))
    assert response.headers["content-type"] == "text/html; charset=windows-1251"
    assert b'<meta charset="windows-1251">' in response.content
    assert "танки" in response.content.decode("utf-8")
    response = http.get(day_url(faulty, dt.date(2022, 7, 8)))
    assert b"application/xhtml+xml; charset=windows-1251" in response.content


@pytest.mark.parametrize("layout", ["table", "classes", "labels"])
@pytest.mark.parametrize(
    ("date", "where", "edition", "normal"),
    [
        (D, None, "uk", '<div class="news-detail">'),
        (D, None, "en", '<div class="news-detail">'),
        (dt.date(2022, 7, 8), None, "uk", '<div id="aticle-content">'),
        (dt.date(2022, 7, 8), None, "en", '<div id="aticle-content">'),
        (dt.date(2023, 6, 21), "www.kmu.gov.ua", "en", "news__item--inner editor-content"),
    ],
)
def test_layout_day_pages(faulty, http, layout, date, where, edition, normal):
    url = day_url(faulty, date, where, edition)
    assert normal in http.get(url).text
    faulty.set_faults(f"/mod/*=layout:{layout}")
    html = http.get(url).text
    if layout == "table":
        assert '<table class="losses-table">' in html
    elif layout == "classes":
        assert normal not in html
    else:
        assert re.search(r"(бойових лазерних комплексів|combat laser systems)\s*[-‒–:] 3", html)
    # This page's last request (a slow answer of an earlier test may be logged later).
    path = url.removeprefix(faulty.base_url)
    assert [r for r in faulty.requests if r[1] == path][-1].fault == f"layout:{layout}"


def test_layout_other_documents(faulty, http):
    faulty.set_faults(
        "/minfin/*=layout:classes, /api/*=layout:table, /mod/news=layout, "
        "/mod/www.mil.gov.ua/news/=layout:classes, /mod/sitemap*=layout"
    )
    month = http.get(MONTH).text
    assert "class='see-also'" not in month and "class='losses-list'" in month
    record = http.get("/api/api/v2/statistics/2026-02-05").json()["data"]
    assert {"name": "tanks", "value": 11642} in record["stats"]
    listing = http.get("/mod/news").text
    assert '<table class="news-table">' in listing and 'class="news-card"' not in listing
    mil = http.get("/mod/www.mil.gov.ua/news/").text
    assert '<ul class="articles">' in mil and 'class="news-post"' not in mil
    assert "<sitemapindex" not in http.get("/mod/sitemap.xml").text
    faulty.set_faults("/api/*=layout:labels, /mod/news*=layout:labels, /minfin/*=layout:labels")
    record = http.get("/api/api/v2/statistics/2026-02-05").json()["data"]
    assert record["stats"]["laser_systems"] == 3
    assert "Зведення Генерального штабу №" in http.get("/mod/news").text
    assert "Зведення Генерального штабу №" in http.get("/mod/news/tag-vidsich-agresoru").text
    assert "Лазерні комплекси&nbsp;&mdash; 3" in http.get(MONTH).text


def test_absurd_figures(faulty, http, reference):
    url = day_url(faulty)
    before = reference[D - dt.timedelta(days=1)].figures
    faulty.set_faults(f"{url}=absurd")
    tanks = before["tanks"].total
    assert mod_items(http.get(url).text, "uk")["tanks"] == (tanks * 100, tanks * 100 - tanks)
    faulty.set_faults(f"{url}=absurd:negative/personnel")
    people = reference[D].figures["personnel"]
    assert mod_items(http.get(url).text, "uk")["personnel"] == (people.total, -people.delta)
    faulty.set_faults(f"{url}=absurd:letters")
    total = str(reference[D].figures["tanks"].total)
    assert re.search(rf"<li>танки – {total[:-1]}O \(\+\d+\)</li>", http.get(url).text)
    faulty.set_faults("/api/*=absurd:letters/uav")
    data = http.get("/api/api/v2/statistics/2026-02-05").json()["data"]
    assert data["stats"]["uav_systems"] == str(reference[D].figures["uav"].total)[:-1] + "O"
    # Multi-day documents: only the newest bulletin.
    faulty.set_faults(f"{MONTH}=absurd")
    days = minfin_days(http.get(MONTH).text)
    newest = max(days)
    assert newest == dt.date(2026, 2, 28)
    assert (
        days[newest]["tanks"][0]
        == 100 * reference[newest - dt.timedelta(days=1)].figures["tanks"].total
    )
    assert days[D]["tanks"] == figures(reference)["tanks"]


def test_future_dated_bulletin(faulty, http):
    url = day_url(faulty)
    faulty.set_faults(f"{url}=future:3, /mod/news=future, /api/*=future:1")
    html = http.get(url).text
    assert '<h1 class="news-title">Бойові втрати ворога на 8 лютого 2026 року</h1>' in html
    assert "Втрати ворога за 7 лютого 2026 року" in html
    newest = next(t for _, t, _ in listing_entries(http.get("/mod/news").text) if "втрати" in t)
    assert newest.endswith(
        f"на {(dt.date(2026, 8, 8) + dt.timedelta(days=3650)).day} серпня 2036 року"
    )
    data = http.get("/api/api/v2/statistics/2026-02-05").json()["data"]
    assert data["date"] == "2026-02-06"
    mil = day_url(faulty, dt.date(2022, 7, 8), None, "en")
    faulty.set_faults(f"{mil}=future:2")
    assert "from 24.02 to 10.07" in http.get(mil).text


def test_duplicate_and_shuffle(faulty, http):
    faulty.set_faults("/mod/news=duplicate, /mod/en/news=shuffle")
    hrefs = [h for h, _, _ in listing_entries(http.get("/mod/news").text)]
    assert len(hrefs) == 21 and len(set(hrefs)) == 20
    stamps = [
        dt.datetime.strptime(w, "%d.%m.%Y %H:%M")
        for _, _, w in listing_entries(http.get("/mod/en/news").text)
    ]
    assert len(stamps) == 20 and stamps != sorted(stamps, reverse=True)
    faulty.set_faults("/minfin/*=duplicate, /api/*=duplicate, /mod/news/*=duplicate")
    assert len(re.findall(r"<span class='black'>28\.02\.2026</span>", http.get(MONTH).text)) == 2
    records = http.get("/api/api/v2/statistics?date_from=2026-02-01&date_to=2026-02-10").json()[
        "data"
    ]["records"]
    assert [r["date"] for r in records][-2:] == ["2026-02-10", "2026-02-10"]
    assert http.get(day_url(faulty)).text.count('<h1 class="news-title">') == 2
    faulty.set_faults("/minfin/*=shuffle, /mod/news/*=shuffle")
    dates = re.findall(r"<span class='black'>(\d\d)\.02\.2026</span>", http.get(MONTH).text)
    assert sorted(dates) == sorted(set(dates)) != dates and dates != sorted(dates, reverse=True)
    items = re.findall(
        r"<li>([^<–]+) – ", between(http.get(day_url(faulty)).text, "news-content", "Дані")
    )
    assert items[0] != "військовослужбовці "


def test_republish_serves_corrected_figures_from_the_nth_request(faulty, http):
    url = day_url(faulty)
    faulty.set_faults(f"{url}=republish:2")
    first, second, third = (mod_items(http.get(url).text, "uk") for _ in range(3))
    tanks = first["tanks"]
    assert second["tanks"] == third["tanks"] == (tanks[0] + 1, tanks[1] + 1)
    assert {k: v for k, v in second.items() if k != "tanks"} == {
        k: v for k, v in first.items() if k != "tanks"
    }
    log = [r.fault for r in faulty.requests if r.path == url]
    assert log[-3:] == [None, "republish:2", "republish:2"]


def test_offsite_points_links_at_another_host(faulty, http):
    faulty.set_faults("/*=offsite")
    port = faulty.port
    listing = http.get("/mod/news").text
    hrefs = [h for h, _, _ in listing_entries(listing)]
    assert hrefs and all(h.startswith(f"http://localhost:{port}/mod/") for h in hrefs)
    bare = http.get("/minfin/ua/russian-invading/casualties/").text
    assert f"<base href='http://localhost:{port}/minfin/ua/'" in bare
    mil = http.get(day_url(faulty, dt.date(2022, 7, 8))).text
    assert f"http://localhost:{port}/mod/www.mil.gov.ua/" in mil
    assert 'href="/mod' not in mil  # the chrome's root-relative links too
    paging = http.get(
        "/api/api/v2/statistics?date_from=2026-01-01&date_to=2026-03-01&limit=10"
    ).json()
    assert paging["data"]["paginator"]["next_page_url"].startswith(f"http://localhost:{port}/api/")
    assert faulty.requests[-1].fault == "offsite"


def test_set_faults_none_serves_cleanly_again(faulty, http):
    faulty.set_faults("/*=500")
    assert http.get("/").status_code == 500
    faulty.set_faults(None)
    assert http.get("/").text == "ok\n"
    api = http.get("/api/api/v2/statistics/latest").json()
    assert json.dumps(api)  # a clean JSON body
