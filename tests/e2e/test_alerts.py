"""Alerts from real runs against the mirror, to a webhook receiver on loopback: a run
that fails, one that crashes, one that finds new check failures, and a bulletin not in
by LOSSES_ALERT_LATE_AFTER each arrive once, naming the date, the source, the URL and
the reason; also when only Prefect's hooks can see the run end, and without the engine."""

from __future__ import annotations

import datetime as dt

import pytest

import flows.backfill
import flows.jobs
from flows.backfill import backfill
from flows.daily import daily
from flows.days import kyiv_today
from mirror import start_mirror
from parsers.errors import RunFailed
from tests.support.faults import UNTIL, backfill_range, day_pages, last_run
from tests.support.webhook import webhook_receiver

DAY = dt.date(2024, 6, 1)
START = DAY - dt.timedelta(days=2)  # a short range: 2024-05-30..2024-06-04


@pytest.fixture(scope="module")
def small_mirror():
    with start_mirror(port=0, until=UNTIL) as running:
        yield running


@pytest.fixture
def mirror(small_mirror):
    small_mirror.set_faults(None)
    yield small_mirror
    small_mirror.set_faults(None)


@pytest.fixture
def receiver(monkeypatch):
    with webhook_receiver() as running:
        monkeypatch.setenv("LOSSES_ALERT_URL", running.url())
        monkeypatch.setenv("LOSSES_HTTP_ATTEMPTS", "2")
        yield running


def day_page(mirror, date=DAY) -> str:
    return mirror.base_url + mirror.site.bulletin_path(date)


def one_alert(receiver, kind: str) -> dict:
    """The one alert the run sent: of `kind`, and nothing else."""
    assert [event["event"] for event in receiver.events()] == [kind], receiver.events()
    return receiver.events()[0]


def test_a_run_that_fails_alerts_once_naming_the_document(mirror, receiver, tmp_path):
    mirror.set_faults(f"{day_pages(DAY)}=layout:labels")
    state = backfill_range(mirror, tmp_path / "losses.duckdb", start=START)
    assert state.is_failed()
    alert = one_alert(receiver, "failed")  # the body's; Prefect's on_failure hook sent none
    assert (alert["flow"], alert["source"], alert["date"]) == ("backfill", "mod", "2024-06-01")
    assert alert["url"] == day_page(mirror)
    assert "quarantined" in alert["reason"] and "unknown label" in alert["reason"]
    assert alert["reason"] == state.message
    assert alert["flow_run"]  # the Prefect flow run's name, to find it in the UI
    for line in ("date: 2024-06-01", "source: mod", f"url: {day_page(mirror)}", "reason: "):
        assert line in alert["text"]


def test_new_check_failures_alert_once_with_the_finding(mirror, receiver, tmp_path):
    mirror.set_faults(f"{day_pages(DAY)}=absurd:x100")
    state = backfill_range(mirror, tmp_path / "losses.duckdb", start=START)
    assert state.is_completed(), state.message  # the data is as published
    alert = one_alert(receiver, "check_failures")
    assert (alert["source"], alert["date"], alert["url"]) == ("mod", "2024-06-01", day_page(mirror))
    assert alert["reason"].startswith("2 new check failure(s):")
    assert "mod 2024-06-01 tanks: implausible: reported increase" in alert["reason"]
    # The same data again: nothing new to judge, nothing sent.
    receiver.clear()
    assert backfill_range(mirror, tmp_path / "losses.duckdb", start=START).is_completed()
    assert receiver.events() == []


def test_a_run_that_crashes_in_its_frame_alerts_once(mirror, receiver, tmp_path, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("a bug in loading")

    monkeypatch.setattr(flows.jobs, "ingest", broken)
    path = tmp_path / "losses.duckdb"
    state = backfill_range(mirror, path, start=START)
    assert state.is_failed()  # an exception: Failed to Prefect, and its hook is quiet
    alert = one_alert(receiver, "crashed")
    assert (alert["source"], alert["date"]) == ("mod", "2024-05-30")
    assert alert["url"] == mirror.url("mod") + "/www.mil.gov.ua/news/?page=1"
    assert alert["reason"] == (
        "backfill (start=2024-05-30, end=2024-06-04, source=mod, refetch=False) crashed: "
        "RuntimeError: a bug in loading"
    )
    assert last_run(path) == ("failed", alert["reason"])


def test_a_bulletin_not_in_by_the_time_alerts_once_then_the_run_fails(
    mirror, receiver, tmp_path, monkeypatch
):
    monkeypatch.setenv("LOSSES_ALERT_LATE_AFTER", "00:00")  # already past on `today`
    today = UNTIL + dt.timedelta(days=1)  # the mirror's newest bulletin is yesterday's
    state = daily(
        base_url=mirror.url("mod"),
        warehouse=str(tmp_path / "losses.duckdb"),
        today=today,
        return_state=True,
    )
    listing = mirror.url("mod") + "/www.mil.gov.ua/news/?page=1"
    assert state.is_failed()
    # Three checks (LOSSES_PUBLISH_WAIT_ATTEMPTS=2): late once, at the first; failed once.
    assert [event["event"] for event in receiver.events()] == ["late", "failed"]
    late, failed = receiver.events()
    assert (late["flow"], late["source"], late["date"], late["url"]) == (
        "daily",
        "mod",
        "2024-06-05",
        listing,
    )
    assert late["parameters"] == {"source": "mod", "today": "2024-06-05"}
    assert late["reason"].startswith("the bulletin of 2024-06-05 is not published at ")
    assert (
        "(due by 00:00, LOSSES_ALERT_LATE_AFTER); checking again every 0 s, 2 more"
        in (late["reason"])
    )
    assert failed["date"] == "2024-06-05"
    assert failed["reason"] == state.message
    assert "the bulletin of 2024-06-05 was not published after 3 checks" in failed["reason"]


def test_a_run_that_cannot_start_alerts_once_naming_the_setting(receiver, monkeypatch):
    monkeypatch.setenv("LOSSES_BATCH_SIZE", "many")
    state = daily(return_state=True)
    assert state.is_failed()
    alert = one_alert(receiver, "failed")
    assert alert["reason"] == "LOSSES_BATCH_SIZE='many' is not a whole number"
    assert alert["source"] == "mod"  # LOSSES_DAILY_SOURCE's default
    assert alert["date"] == str(kyiv_today("Europe/Kyiv"))
    assert alert["url"] is None  # the settings that would say where are unusable


# ---------------------------------------- what only Prefect sees, and no Prefect at all


def test_refused_parameters_are_alerted_by_the_prefect_hook(receiver):
    state = backfill(start="2024-13-01", end="2024-06-04", source="api", return_state=True)
    assert state.is_failed()
    alert = one_alert(receiver, "failed")
    assert (alert["flow"], alert["source"], alert["date"]) == ("backfill", "api", None)
    assert "Validation of flow parameters failed" in alert["reason"]
    assert alert["flow_run"]  # the run to look up in Prefect's UI


def test_a_crash_outside_the_body_is_alerted_once_by_the_prefect_hook(
    receiver, tmp_path, monkeypatch
):
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt  # as if the engine itself was stopped: no body ran

    monkeypatch.setattr(flows.backfill, "backfill_job", interrupted)
    with pytest.raises(KeyboardInterrupt):
        backfill(start=START, end=UNTIL, source="mod", warehouse=str(tmp_path / "x.duckdb"))
    alert = one_alert(receiver, "crashed")
    assert (alert["source"], alert["date"]) == ("mod", "2024-05-30")
    assert alert["url"].endswith("/www.mil.gov.ua/news/?page=1")
    assert alert["reason"]  # Prefect's own words for the Crashed state


def test_an_interrupt_inside_the_body_is_alerted_once_not_by_both(
    mirror, receiver, tmp_path, monkeypatch
):
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(flows.jobs, "ingest", interrupted)
    path = tmp_path / "losses.duckdb"
    with pytest.raises(KeyboardInterrupt):
        backfill_range(mirror, path, start=START)
    alert = one_alert(receiver, "crashed")  # the frame's; on_crashed saw it was sent
    assert alert["reason"].endswith(") was interrupted: KeyboardInterrupt")
    assert last_run(path) == ("failed", alert["reason"])  # recorded as it was, not completed


def test_without_the_engine_the_body_alerts_the_same(mirror, receiver, tmp_path):
    # How command-line runs will call the flow bodies when no Prefect server is set.
    mirror.set_faults(f"{day_pages(DAY)}=layout:labels")
    with pytest.raises(RunFailed):
        flows.jobs.backfill_job(
            START, UNTIL, "mod", False, mirror.url("mod"), str(tmp_path / "losses.duckdb")
        )
    alert = one_alert(receiver, "failed")
    assert (alert["source"], alert["date"], alert["url"]) == ("mod", "2024-06-01", day_page(mirror))
    assert alert["flow_run"] is None
