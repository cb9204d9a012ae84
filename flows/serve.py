"""The deployments: `daily` on a cron in Kyiv time, `backfill` on demand."""

from __future__ import annotations

from prefect import serve
from prefect.client.schemas.objects import ConcurrencyLimitConfig, ConcurrencyLimitStrategy
from prefect.deployments.runner import EntrypointType
from prefect.schedules import Cron

from flows.backfill import backfill
from flows.daily import daily

# One run per deployment at a time; a second one waits in the queue. (Runs of
# different deployments also exclude each other, through the warehouse run lock.)
ONE_AT_A_TIME = ConcurrencyLimitConfig(limit=1, collision_strategy=ConcurrencyLimitStrategy.ENQUEUE)


def build_deployments(
    *, cron: str, timezone: str, source: str, base_url: str | None, warehouse: str | None
):
    shared = {"source": source, "base_url": base_url, "warehouse": warehouse}
    return [
        daily.to_deployment(
            name="daily",
            schedules=[Cron(cron, timezone=timezone)],
            parameters=shared,
            concurrency_limit=ONE_AT_A_TIME,
            description=f"Newest bulletin plus any missed days, at '{cron}' {timezone}.",
            entrypoint_type=EntrypointType.MODULE_PATH,
        ),
        backfill.to_deployment(
            name="backfill",
            parameters=shared,
            concurrency_limit=ONE_AT_A_TIME,
            description="Load a range of report dates: -p start=YYYY-MM-DD -p end=YYYY-MM-DD",
            entrypoint_type=EntrypointType.MODULE_PATH,
        ),
    ]


def serve_deployments(**options) -> None:
    serve(*build_deployments(**options), pause_on_shutdown=False)
