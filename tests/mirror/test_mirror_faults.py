"""The --faults language, and every fault kind as a client sees it."""

from __future__ import annotations

import datetime as dt
import json
import re
import socket
import time

import httpx
import pytest
from mirror_pages import listing_entries, minfin_days, mod_figures

from mirror.faults import FaultRule, FaultSpecError, parse_faults

D = dt.date(2024, 6, 4)
MONTH = "/minfin/ua/russian-invading/casualties/month.php?month=2024-06"

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
        ("/mod/*=absurd:x1000", "x100|negative|letters"),
        ("/mod/*=absurd:x100/tankz", "canonical category"),
        ("/mod/*=charset:latin1", "cp1251 or utf8"),
        ("/mod/*=future:-3", "a positive integer"),
        ("/mod/*=500@1.5", "RATE must be 0..1"),
        ("/mod/*=500@often", "RATE must be 0..1"),
        ("/mod/*=503x2@0.5", "not both"),
        ("seed=abc", "seed must be an integer"),
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


# --------------------------------------------------------------- served faults


@pytest.fixture
def http(faulty):
    faulty.set_faults(None)  # each test starts clean and sets its own faults
    with httpx.Client(base_url=faulty.base_url, timeout=10) as client:
        yield client


def day_url(faulty, date=D, lang="uk"):
    return faulty.site.bulletin_url(date, lang)


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
        sock.sendall(f"GET {path} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    return head, body


def test_truncate_sends_part_of_the_body(faulty, http):
    url = day_url(faulty)
    full = http.get(url).content
    faulty.set_faults(f"{url}=truncate")
    with pytest.raises(httpx.RemoteProtocolError):
        http.get(url)
    head, body = _raw_get(faulty, url)
    assert f"Content-Length: {len(full)}".encode() in head
    assert body == full[: len(full) // 2]
    faulty.set_faults(f"{url}=truncate:1000")
    assert len(_raw_get(faulty, url)[1]) == 1000


def test_charset_cp1251_body_declared_utf8(faulty, http):
    url = day_url(faulty)
    clean = http.get(url).content.decode("utf-8")
    faulty.set_faults("/mod/*=charset")
    response = http.get(url)
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    with pytest.raises(UnicodeDecodeError):
        response.content.decode("utf-8")
    text = response.content.decode("cp1251")
    assert '<meta charset="utf-8">' in text
    assert "Загальні бойові втрати противника з 24.02.22 по 04.06.24" in text
    assert len(text) >= len(clean) * 0.99  # the same page, chars outside cp1251 as &#NNNN;


def test_charset_utf8_body_declared_cp1251(faulty, http):
    faulty.set_faults("/mod/*=charset:utf8")
    response = http.get(day_url(faulty))
    assert response.headers["content-type"] == "text/html; charset=windows-1251"
    assert b'<meta charset="windows-1251">' in response.content
    assert "танків" in response.content.decode("utf-8")


@pytest.mark.parametrize("layout", ["table", "classes", "labels"])
def test_layout_mod_day_page(faulty, http, layout):
    faulty.set_faults(f"/mod/*=layout:{layout}")
    html = http.get(day_url(faulty)).text
    if layout == "table":
        assert (
            '<table class="losses-table">' in html
            and "<td>танків</td><td>7794 (+15) од</td>" in html
        )
    elif layout == "classes":
        assert 'class="news-full"' not in html and 'class="publication__body"' in html
    else:
        assert "бойових лазерних комплексів — 3 (+1)" in html.replace(" – ", " — ").replace(
            " ‒ ", " — "
        ).replace(" - ", " — ")
    assert [r.fault for r in faulty.requests if r.path == day_url(faulty)][-1] == f"layout:{layout}"


def test_layout_other_documents(faulty, http):
    faulty.set_faults("/minfin/*=layout:classes, /api/*=layout:table, /mod/news=layout")
    month = http.get(MONTH).text
    assert 'class="see-also"' not in month and 'class="losses-list"' in month
    record = http.get("/api/api/v2/statistics/2024-06-04").json()["data"]
    assert {"name": "tanks", "value": 7794} in record["stats"]
    listing = http.get("/mod/news").text
    assert '<table class="news-table">' in listing and 'class="news-item"' not in listing
    faulty.set_faults("/api/*=layout:labels, /mod/news=layout:labels")
    record = http.get("/api/api/v2/statistics/2024-06-04").json()["data"]
    assert record["stats"]["laser_systems"] == 3
    assert "Втрати ворога станом на" in http.get("/mod/news").text


def test_absurd_figures(faulty, http):
    url = day_url(faulty)
    faulty.set_faults(f"{url}=absurd")
    figures = mod_figures(http.get(url).text, "uk")
    assert figures["tanks"][:2] == (7779 * 100, 7779 * 100 - 7779)  # 100x the day before
    faulty.set_faults(f"{url}=absurd:negative/personnel")
    assert mod_figures(http.get(url).text, "uk")["personnel"][:2] == (512420, -1290)
    faulty.set_faults(f"{url}=absurd:letters")
    assert "танків" in http.get(url).text and re.search(
        r"танків . 779O \(\+15\)", http.get(url).text
    )
    faulty.set_faults("/api/*=absurd:letters/uav")
    data = http.get("/api/api/v2/statistics/2024-06-04").json()["data"]
    assert data["stats"]["uav_systems"] == "1076O"
    faulty.set_faults(f"{MONTH}=absurd")
    days = minfin_days(http.get(MONTH).text, "uk")
    assert (
        days[dt.date(2024, 6, 30)]["tanks"][0] > 100 * days[dt.date(2024, 6, 29)]["tanks"][0] * 0.99
    )
    assert days[D]["tanks"] == (7794, 15)  # only the newest day of the month


def test_future_dated_bulletin(faulty, http):
    url = day_url(faulty)
    faulty.set_faults(f"{url}=future:3, /mod/news=future, /api/*=future:1")
    assert "<h1>Загальні бойові втрати противника з 24.02.22 по 07.06.24</h1>" in http.get(url).text
    newest = next(t for _, _, t in listing_entries(http.get("/mod/news").text) if "втрати" in t)
    assert newest.endswith(f"по {dt.date(2026, 8, 8) + dt.timedelta(days=3650):%d.%m.%y}")
    data = http.get("/api/api/v2/statistics/2024-06-04").json()["data"]
    assert data["date"] == "2024-06-05"


def test_duplicate_and_shuffle(faulty, http):
    faulty.set_faults("/mod/news=duplicate, /mod/en/news=shuffle")
    hrefs = [h for _, h, _ in listing_entries(http.get("/mod/news").text)]
    assert len(hrefs) == 21 and len(set(hrefs)) == 20
    stamps = [
        dt.datetime.strptime(w, "%d.%m.%Y %H:%M")
        for w, _, _ in listing_entries(http.get("/mod/en/news").text)
    ]
    assert len(stamps) == 20 and stamps != sorted(stamps, reverse=True)
    faulty.set_faults("/minfin/*=duplicate, /api/*=duplicate")
    assert len(re.findall(r'<span class="black">30\.06\.2024</span>', http.get(MONTH).text)) == 2
    query = "date_from=2024-06-01&date_to=2024-06-10"
    records = http.get(f"/api/api/v2/statistics?{query}").json()["data"]["records"]
    assert [r["date"] for r in records][-2:] == ["2024-06-10", "2024-06-10"]
    faulty.set_faults("/minfin/*=shuffle")
    dates = re.findall(r'<span class="black">(\d\d)\.06\.2024</span>', http.get(MONTH).text)
    assert sorted(dates) == sorted(dates, reverse=False) and dates != sorted(dates, reverse=True)


def test_republish_serves_corrected_figures_from_the_nth_request(faulty, http):
    url = day_url(faulty)
    faulty.set_faults(f"{url}=republish:2")
    first = mod_figures(http.get(url).text, "uk")
    second = mod_figures(http.get(url).text, "uk")
    third = mod_figures(http.get(url).text, "uk")
    assert first["tanks"][:2] == (7794, 15)
    assert second["tanks"][:2] == third["tanks"][:2] == (7795, 16)
    assert {k: v for k, v in second.items() if k != "tanks"} == {
        k: v for k, v in first.items() if k != "tanks"
    }
    log = [r.fault for r in faulty.requests if r.path == url]
    assert log[-3:] == [None, "republish:2", "republish:2"]


def test_set_faults_none_serves_cleanly_again(faulty, http):
    faulty.set_faults("/*=500")
    assert http.get("/").status_code == 500
    faulty.set_faults(None)
    assert http.get("/").text == "ok\n"
    api = http.get("/api/api/v2/statistics/latest").json()
    assert json.dumps(api)  # a clean JSON body
