"""The daily flow reads today's bulletin in today's layout (mod.gov.ua), and catches
up every day missed since the warehouse's last date."""

from __future__ import annotations

import datetime as dt

from prefect.artifacts import Artifact

from flows.backfill import backfill
from flows.daily import daily
from mirror import start_mirror
from mirror.reference import load_reference
from warehouse import Warehouse

D = dt.date(2026, 8, 8)  # the reference's last day: mod.gov.ua's layout of 2026


def test_daily_reads_the_newest_bulletin_in_todays_layout(tmp_path):
    path = tmp_path / "losses.duckdb"
    with start_mirror(port=0, until=D) as mirror:
        state = daily(warehouse=str(path), base_url=mirror.url("mod"), today=D, return_state=True)
        assert state.is_completed(), state.message
        page = mirror.base_url + mirror.site.bulletin_path(D)
    expected = {day.date: day for day in load_reference()}[D].figures
    with Warehouse.open(path, read_only=True) as wh:
        rows = wh.rows(
            "SELECT o.category, o.total, o.reported_delta, o.qualifier, o.losses_date, d.url "
            "FROM latest_observations o JOIN documents d USING (document_id) "
            "WHERE o.report_date = ?",
            [D],
        )
    assert {c: (t, r, q) for c, t, r, q, _, _ in rows} == {
        name: (fig.total, fig.delta, fig.qualifier) for name, fig in expected.items()
    }
    assert {(losses_day, url) for *_, losses_day, url in rows} == {(D - dt.timedelta(days=1), page)}
    assert "/mod/news/boiovi-vtraty-voroha-na-8-serpnia-2026-roku" in page


def test_the_english_edition_lags_a_day_and_that_is_reported_not_fatal(tmp_path, monkeypatch):
    monkeypatch.setenv("LOSSES_MOD_LANG", "en")
    path = tmp_path / "losses.duckdb"
    with start_mirror(port=0, until=D) as mirror:
        state = daily(warehouse=str(path), base_url=mirror.url("mod"), today=D, return_state=True)
        assert mirror.site.english_missing(D)
    assert state.is_completed(), state.message
    with Warehouse.open(path, read_only=True) as wh:
        loaded = wh.loaded_dates("mod", D - dt.timedelta(days=6), D)
        [(outcome,)] = wh.rows("SELECT outcome FROM runs")
    assert outcome == "completed"
    assert D not in loaded and len(loaded) >= 5  # the week before, less any English gap
    [warning] = [w for w in state.result()["warnings"] if "skips days" in w]
    assert str(D) in warning and "not a failure" in warning


def test_daily_catches_up_missed_days_in_one_run(tmp_path):
    path = tmp_path / "losses.duckdb"
    with start_mirror(port=0, until=D - dt.timedelta(days=3)) as early:
        state = backfill(
            start=D - dt.timedelta(days=8),
            end=D - dt.timedelta(days=3),
            source="mod",
            base_url=early.url("mod"),
            warehouse=str(path),
            return_state=True,
        )
        assert state.is_completed(), state.message
    with start_mirror(port=0, until=D) as mirror:
        state = daily(base_url=mirror.url("mod"), warehouse=str(path), today=D, return_state=True)
        assert state.is_completed(), state.message
    with Warehouse.open(path, read_only=True) as wh:
        assert wh.last_report_date("mod") == D
        assert wh.loaded_dates("mod", D - dt.timedelta(days=2), D) == {
            D - dt.timedelta(days=2),
            D - dt.timedelta(days=1),
            D,
        }
        runs = wh.rows("SELECT flow, outcome FROM runs WHERE flow = 'daily' ORDER BY run_id")
    assert runs == [("daily", "completed")]  # one run brought all three days
    # its artifact: the last 14 days' sparklines (9 of them stored) and the report's command
    artifact = Artifact.get("losses-daily-mod").data
    [line] = [row for row in artifact.splitlines() if row.startswith("Personnel, daily")]
    spark = line.rsplit("`", 2)[1]
    assert len(spark) == 14 and spark[:5] == "·" * 5 and "·" not in spark[5:]
    assert f"`losses report --warehouse {path} --out report.html`" in artifact


def test_daily_waits_for_todays_bulletin_then_fails_clearly(tmp_path):
    path = tmp_path / "losses.duckdb"
    with start_mirror(port=0, until=D - dt.timedelta(days=1)) as mirror:
        state = daily(base_url=mirror.url("mod"), warehouse=str(path), today=D, return_state=True)
    assert state.is_failed()
    assert f"the bulletin of {D} was not published" in state.message
    with Warehouse.open(path, read_only=True) as wh:
        # What was out (the days before) is loaded all the same.
        assert wh.last_report_date("mod") == D - dt.timedelta(days=1)
        outcomes = wh.rows("SELECT outcome FROM runs ORDER BY run_id")
    # LOSSES_PUBLISH_WAIT_ATTEMPTS=2 (tests/conftest.py): two checks that found it not out
    # yet, then the last one, which fails the run.
    assert outcomes == [("completed",), ("completed",), ("failed",)]
    # Each check's artifact counts today's bulletin: not out yet (the first two), then
    # missing; its warning names the day as one no page was found for, every time.
    first, second, last = _artifacts_of(state)
    for early in (first, second):
        assert early.splitlines()[0].endswith(f"the bulletin of {D} not out yet")
        assert "still missing" not in early and f"no page found for {D} in" in early
    assert last.splitlines()[0].endswith("1 date(s) still missing")


def _artifacts_of(state) -> list[str]:
    """The markdown of the artifacts a flow run published, oldest first."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterFlowRunId
    from prefect.client.schemas.sorting import ArtifactSort

    run = ArtifactFilterFlowRunId(any_=[state.state_details.flow_run_id])
    with get_client(sync_client=True) as client:
        found = client.read_artifacts(
            artifact_filter=ArtifactFilter(flow_run_id=run), sort=ArtifactSort.ID_DESC
        )
    return [artifact.data for artifact in sorted(found, key=lambda a: a.created)]


def test_daily_does_not_wait_on_a_source_whose_data_ends_days_before_today(tmp_path):
    path = tmp_path / "losses.duckdb"
    ends = D - dt.timedelta(days=4)
    with start_mirror(port=0, until=ends) as mirror:
        state = daily(base_url=mirror.url("mod"), warehouse=str(path), today=D, return_state=True)
    assert state.is_failed()
    assert f"the newest bulletin it lists is of {ends}, 4 days before {D}" in state.message
    with Warehouse.open(path, read_only=True) as wh:
        assert wh.last_report_date("mod") == ends  # what it has is loaded
        outcomes = wh.rows("SELECT outcome FROM runs ORDER BY run_id")
    assert outcomes == [("failed",)]  # one check, recorded as what it was: no waiting


def test_daily_without_waiting_loads_what_is_out(tmp_path):
    path = tmp_path / "losses.duckdb"
    with start_mirror(port=0, until=D - dt.timedelta(days=1)) as mirror:
        state = daily(
            base_url=mirror.url("mod"),
            warehouse=str(path),
            today=D,
            wait_for_today=False,
            return_state=True,
        )
    assert state.is_completed(), state.message
    with Warehouse.open(path, read_only=True) as wh:
        assert wh.rows("SELECT outcome FROM runs") == [("completed",)]
