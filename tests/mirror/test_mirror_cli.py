"""`losses mirror` starts, prints its URL, serves, and stops on SIGTERM / SIGINT."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys

import httpx
import pytest

from mirror import help as mirror_help

LOSSES = [sys.executable, "-c", "from flows.cli import main; main()"]


def _start(*args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [*LOSSES, "mirror", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_cli_starts_prints_the_url_and_serves(signum):
    process = _start(
        "--port", "0", "--until", "2024-06-04", "--faults", "/mod/news=503x1,/minfin/*=challenge"
    )
    try:
        first = process.stdout.readline()
        match = re.search(r"listening on (http://127\.0\.0\.1:\d+)", first)
        assert match, first + process.stderr.read()
        assert "2022-02-25..2024-06-04" in first
        roots = [process.stdout.readline() for _ in range(5)]
        assert "/mod/www.mil.gov.ua" in roots[1] and "/mod/www.kmu.gov.ua" in roots[2]
        base = match.group(1)
        with httpx.Client(base_url=base, timeout=10) as client:
            assert client.get("/").text == "ok\n"
            assert client.get("/mod/news").status_code == 503
            assert client.get("/mod/news").status_code == 200
            assert client.get("/minfin/ua/russian-invading/casualties/").status_code == 403
            assert client.get("/mod/www.mil.gov.ua/news/").status_code == 200
            latest = client.get("/api/api/v2/statistics/latest").json()
            assert latest["data"]["date"] == "2024-06-04"
        process.send_signal(signum)
        out, err = process.communicate(timeout=10)
        assert process.returncode == 0, err
        assert "Mirror stopped." in out and "Traceback" not in err
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*LOSSES, "mirror", *args],
        capture_output=True,
        text=True,
        timeout=30,
        env={**os.environ, "TERMINAL_WIDTH": "100"},
    )


def test_cli_help_shows_url_layout_and_fault_syntax():
    result = _cli("--help")
    assert result.returncode == 0
    for line in (
        "/api/api/v2/statistics?date_from=D&date_to=D&offset=0&limit=50",
        "M/news/YYYY/MM/DD/<headline-slug>/",
        "/mod/news/tag-vidsich-agresoru?page=N",
        "/mod/sitemap.xml",
        "E/month.php?month=YYYY-MM",
        "PATTERN=KIND[:ARG][@RATE|xCOUNT]",
        "republish[:N]",
        "challenge",
        "Just a moment...",
        "--reference",
    ):
        assert line in result.stdout, line
    for text in (mirror_help.URL_LAYOUT, mirror_help.FAULTS_HELP):
        assert text.splitlines()[-1].strip() in result.stdout
        assert all(len(line) <= 76 for line in text.splitlines())


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--faults", "/mod/*=teapot"], "unknown kind 'teapot'"),
        (["--until", "someday"], "not a date"),
        (["--until", "2031-01-01"], "outside the reference history"),
        (["--reference", "/nonexistent"], "is not a directory"),
    ],
)
def test_cli_bad_input_is_a_clear_message(args, says):
    result = _cli("--port", "0", *args)
    assert result.returncode == 2
    assert says in result.stderr.replace("\n", " ").replace("│", " ")
    assert "Traceback" not in result.stderr
