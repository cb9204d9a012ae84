"""Alerts without a run: the message, the channels (a JSON webhook, an Apprise URL, one
that fails), the settings, the late-bulletin clock, and once per run."""

from __future__ import annotations

import datetime as dt
import json
import logging
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest

from flows import run_alerts
from flows.alerts import Alert, notify
from flows.settings import Settings
from parsers.errors import ConfigError
from tests.support.webhook import webhook_receiver

ALERT = Alert(
    "failed",
    "backfill",
    "mod",
    dt.date(2024, 6, 1),
    "https://www.mil.gov.ua/news/2024/06/01/genshtab/",
    "backfill (mod): 1 failure(s)\n  - quarantined: unknown label",
    {"start": "2024-05-24", "end": "2024-06-04"},
    "agate-mayfly",
)


@pytest.fixture
def receiver():
    with webhook_receiver() as running:
        yield running


def test_the_message_names_the_event_date_source_url_and_reason():
    assert ALERT.title == "losses backfill: run failed (mod, 2024-06-01)"
    assert ALERT.text().splitlines() == [
        "losses backfill: run failed (mod, 2024-06-01)",
        "event: run failed",
        "date: 2024-06-01",
        "source: mod",
        "url: https://www.mil.gov.ua/news/2024/06/01/genshtab/",
        "reason: backfill (mod): 1 failure(s)",
        "    - quarantined: unknown label",
        "run: backfill (start=2024-05-24, end=2024-06-04)",
        "prefect flow run: agate-mayfly",
    ]
    payload = json.loads(json.dumps(ALERT.payload()))  # JSON as it is sent
    assert payload == {
        "event": "failed",
        "title": ALERT.title,
        "text": ALERT.text(),
        "flow": "backfill",
        "source": "mod",
        "date": "2024-06-01",
        "url": "https://www.mil.gov.ua/news/2024/06/01/genshtab/",
        "reason": "backfill (mod): 1 failure(s)\n  - quarantined: unknown label",
        "parameters": {"start": "2024-05-24", "end": "2024-06-04"},
        "flow_run": "agate-mayfly",
    }


def test_what_is_not_known_is_said_so():
    alert = Alert("crashed", "daily", None, None, None, "ConfigError: no")
    assert alert.title == "losses daily: run crashed"
    assert "date: unknown\nsource: unknown\nurl: none\nreason: ConfigError: no" in alert.text()
    with pytest.raises(ValueError, match="unknown alert kind"):
        Alert("exploded", "daily", None, None, None, "")


def test_an_http_url_gets_the_json_and_an_apprise_url_the_text(receiver):
    port = receiver.base_url.rsplit(":", 1)[1]
    assert notify(ALERT, [receiver.url("/hook"), f"json://127.0.0.1:{port}/apprise"]) == 2
    plain, apprise = receiver.posts
    assert (plain.path, plain.body) == ("/hook", ALERT.payload())
    assert plain.headers["Content-Type"] == "application/json"
    assert apprise.path == "/apprise"
    assert apprise.body["title"] == ALERT.title
    assert apprise.body["message"] == ALERT.body()
    assert "date: 2024-06-01" in apprise.body["message"]


def test_a_failing_channel_is_a_warning_naming_it_without_its_secrets(receiver, caplog):
    with webhook_receiver() as refusing:
        refusing.status = 500
        secret = f"http://user:pa55word@127.0.0.1:{refusing.base_url.rsplit(':', 1)[1]}/T0KEN"
        urls = [
            secret,  # answers 500
            "http://127.0.0.1:9/T0KEN",  # nothing listens
            "nosuchservice://T0KEN@host",  # no Apprise service of that name
            receiver.url(),  # and the good one still gets it
        ]
        with caplog.at_level(logging.WARNING, logger="losses.alerts"):
            assert notify(ALERT, urls) == 1
    assert len(receiver.posts) == 1 and len(refusing.posts) == 1
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert warnings == [
        "alert channel 1 (http://127.0.0.1): the 'failed' alert was not sent: HTTP 500",
        "alert channel 2 (http://127.0.0.1): the 'failed' alert was not sent: ConnectError",
        "alert channel 3 (nosuchservice://): the 'failed' alert was not sent: "
        "not a URL Apprise knows (its services: https://appriseit.com)",
    ]
    logged = caplog.text
    assert "pa55word" not in logged and "T0KEN" not in logged


def test_the_urls_are_read_from_the_one_setting_even_when_another_is_unusable(
    receiver, monkeypatch
):
    monkeypatch.setenv("LOSSES_ALERT_URL", receiver.url())
    monkeypatch.setenv("LOSSES_BATCH_SIZE", "many")  # the run this alert is about failed on it
    assert notify(ALERT) == 1
    monkeypatch.delenv("LOSSES_ALERT_URL")
    assert notify(ALERT) == 0  # none configured: nothing sent, nothing fails


def test_the_setting_takes_several_urls_and_names_a_bad_one_without_quoting_it():
    raw = (
        "https://hooks.example.org/T0KEN, slack://a/b/c\n"
        "mailto://me:pw@example.org?to=a@example.org,b@example.org,json://127.0.0.1:8/x"
    )
    assert Settings.from_env({"LOSSES_ALERT_URL": raw}).alert_urls == (
        "https://hooks.example.org/T0KEN",
        "slack://a/b/c",
        "mailto://me:pw@example.org?to=a@example.org,b@example.org",  # its comma stays
        "json://127.0.0.1:8/x",
    )
    assert Settings().alert_urls == ()
    for raw, says in [
        ("https://ok.example.org hooks.example.org/T0KEN", "URL 2 is not a URL (scheme://...)"),
        ("https:///T0KEN", "URL 1 (https://) names no host"),
    ]:
        with pytest.raises(ConfigError, match="LOSSES_ALERT_URL") as raised:
            Settings.from_env({"LOSSES_ALERT_URL": raw})
        assert says in str(raised.value) and "T0KEN" not in str(raised.value)


def test_the_late_time_is_a_time_of_day():
    assert Settings().alert_late_after == dt.time(10, 30)
    assert Settings.from_env({"LOSSES_ALERT_LATE_AFTER": "9:05"}).alert_late_after == dt.time(9, 5)
    for raw in ("24:00", "10:60", "10.30", "half past ten"):
        with pytest.raises(ConfigError, match=r"LOSSES_ALERT_LATE_AFTER.*not a time of day HH:MM"):
            Settings.from_env({"LOSSES_ALERT_LATE_AFTER": raw})


# ------------------------------------------------------- late, once per run

KYIV = ZoneInfo("Europe/Kyiv")
TODAY = dt.date(2024, 6, 5)


class _Source:
    name = "mod"

    def page_for(self, date):
        return f"https://mod.gov.ua/news?page=1#{date}"


def test_a_bulletin_is_late_once_the_time_has_passed_in_kyiv_and_is_alerted_once(
    receiver, monkeypatch
):
    monkeypatch.setenv("LOSSES_ALERT_URL", receiver.url())
    settings = Settings.from_env({"LOSSES_ALERT_LATE_AFTER": "10:30"})

    @run_alerts.watched("daily")
    def wait_for_today(*times):
        return [
            run_alerts.bulletin_late(settings, _Source(), TODAY, checks_left=1, now=now)
            for now in times
        ]

    before = dt.datetime(2024, 6, 5, 10, 29, tzinfo=KYIV)
    after = dt.datetime(2024, 6, 5, 10, 31, tzinfo=KYIV)
    # 07:31 UTC is 10:31 in Kyiv (UTC+3 in summer): late, whatever the machine's zone.
    utc = dt.datetime(2024, 6, 5, 7, 31, tzinfo=dt.UTC)
    assert wait_for_today(before) == [False]
    assert receiver.posts == []
    assert wait_for_today(before, after, utc, after) == [False, True, True, True]
    [late] = receiver.events()
    assert late["event"] == "late" and late["date"] == "2024-06-05" and late["source"] == "mod"
    assert late["url"] == "https://mod.gov.ua/news?page=1#2024-06-05"
    assert late["reason"] == (
        "the bulletin of 2024-06-05 is not published at 2024-06-05 10:31 Europe/Kyiv "
        "(due by 10:30, LOSSES_ALERT_LATE_AFTER); checking again every 1800 s, 1 more time(s)"
    )


def test_a_failure_the_body_alerted_on_is_not_sent_again_by_the_prefect_hook(receiver, monkeypatch):
    monkeypatch.setenv("LOSSES_ALERT_URL", receiver.url())
    monkeypatch.setattr(run_alerts, "_prefect_flow_run", lambda: ("run-1", "agate-mayfly"))
    failed = SimpleNamespace(
        is_failed=lambda: True, message="2 date(s) still missing", name="Failed"
    )

    @run_alerts.watched("backfill")
    def body(start, end, source=None):
        return failed

    assert body(dt.date(2024, 6, 1), dt.date(2024, 6, 4), source="api") is failed
    flow = SimpleNamespace(name="backfill")
    run = SimpleNamespace(id="run-1", name="agate-mayfly", parameters={"start": "2024-06-01"})
    run_alerts.on_failure(flow, run, failed)
    [sent] = receiver.events()
    assert (sent["event"], sent["source"], sent["date"]) == ("failed", "api", "2024-06-01")
    assert sent["reason"] == "2 date(s) still missing" and sent["flow_run"] == "agate-mayfly"
    # A run whose body never ran (its parameters refused): the hook is all there is.
    other = SimpleNamespace(id="run-2", name="brave-owl", parameters={"start": "2024-13-01"})
    refused = SimpleNamespace(message="Validation of flow parameters failed", name="Failed")
    run_alerts.on_failure(flow, other, refused)
    assert [e["flow_run"] for e in receiver.events("failed")] == ["agate-mayfly", "brave-owl"]
    assert receiver.events()[1]["source"] == "minfin"  # LOSSES_BACKFILL_SOURCE's default


def test_alerting_that_breaks_never_breaks_the_run(receiver, monkeypatch, caplog):
    monkeypatch.setenv("LOSSES_ALERT_URL", receiver.url())

    def broken(alert, urls=None):
        raise RuntimeError("a bug in alerting")

    monkeypatch.setattr(run_alerts, "notify", broken)

    @run_alerts.watched("daily")
    def body(today=None):
        raise ConfigError("LOSSES_BATCH_SIZE='many' is not a whole number")

    with pytest.raises(ConfigError), caplog.at_level(logging.WARNING, logger="losses.alerts"):
        body()  # the run's own error, not the alert's
    assert "alerting failed (the run goes on)" in caplog.text


def test_an_alert_points_at_the_page_where_each_source_shows_the_date():
    from flows.sources import source_for

    settings = Settings.from_env({"LOSSES_MOD_URL": "http://127.0.0.1:1/mod"})
    mod = source_for("mod", settings)
    assert mod.page_for(dt.date(2024, 6, 1)) == "http://127.0.0.1:1/mod/www.mil.gov.ua/news/?page=1"
    assert mod.page_for(dt.date(2026, 8, 8)) == "http://127.0.0.1:1/mod/news?page=1"
    assert source_for("minfin", Settings()).page_for(dt.date(2024, 6, 1)) == (
        "https://index.minfin.com.ua/ua/russian-invading/casualties/2024-06/"
    )
    assert source_for("api", Settings()).page_for(dt.date(2024, 6, 1)) == (
        "https://russianwarship.rip/api/v2/statistics/2024-06-01"
    )
