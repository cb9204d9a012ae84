"""`daily`: the scheduled run. Loads the newest bulletin of the source and every
day missing since the warehouse's last date (catch-up after missed runs). If
today's bulletin is not out yet, it checks again later instead of failing."""

from __future__ import annotations

import datetime as dt

from prefect.states import Failed, State

from flows import run_alerts
from flows.flow_runs import losses_flow
from flows.jobs import daily_job
from parsers.errors import LossesError


@losses_flow("daily", on_failure=[run_alerts.on_failure], on_crashed=[run_alerts.on_crashed])
def daily(
    source: str | None = None,
    base_url: str | None = None,
    warehouse: str | None = None,
    today: dt.date | None = None,
    wait_for_today: bool = True,
) -> dict | State:
    """Catch up `source` (default: LOSSES_DAILY_SOURCE, mod) to `today` (default:
    today in Europe/Kyiv).

    wait_for_today: when today's bulletin is not published yet, check again
    every LOSSES_PUBLISH_WAIT_SECONDS, up to LOSSES_PUBLISH_WAIT_ATTEMPTS times,
    and fail if it never appears. (An edition that lags, the MoD's English one,
    is not waited for: its missing days are reported.)"""
    try:
        return daily_job(source, base_url, warehouse, today, wait_for_today)
    except LossesError as error:
        # Foreseen (the data failed, settings, a warehouse busy or unusable): the run
        # fails with one line, not a traceback.
        return Failed(message=str(error))
