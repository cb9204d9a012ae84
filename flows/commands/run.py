"""`losses ingest`, `losses backfill`, `losses serve`: running the flows."""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import signal
import socket
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated
from urllib.parse import urlsplit

import typer

from flows.commands.common import MIRROR_WAREHOUSE, WarehouseOption, command, settings
from flows.settings import Settings, source_name
from parsers.errors import ConfigError, RunFailed
from parsers.model import FETCHABLE_SOURCES

SourceOption = Annotated[
    str | None,
    typer.Option(
        "--source",
        metavar="SOURCE",
        help=f"Which publisher to read: {', '.join(FETCHABLE_SOURCES)} (default: "
        f"LOSSES_DAILY_SOURCE, {Settings.daily_source}, for the daily job; "
        f"LOSSES_BACKFILL_SOURCE, {Settings.backfill_source}, for a backfill).",
        show_default=False,
    ),
]
BaseUrlOption = Annotated[
    str | None,
    typer.Option(
        "--base-url",
        metavar="URL",
        help="Root URL of the source, e.g. http://127.0.0.1:8765/mod for the local mirror "
        "(default: LOSSES_<SOURCE>_URL, else the real site).",
    ),
]
MirrorOption = Annotated[
    bool | None,
    typer.Option(
        "--mirror/--no-mirror",
        help="Run against the built-in local mirror, into warehouse/mirror.duckdb "
        "(default: only when the source's host does not resolve).",
    ),
]


def _check_source(source: str | None) -> str | None:
    if source is None:
        return None
    try:
        return source_name(source)
    except ConfigError as exc:
        raise typer.BadParameter(str(exc), param_hint="--source") from None


def _setup_output() -> None:
    """A progress bar on a terminal, plain log lines otherwise."""
    from flows import prefect_setup, progress

    prefect_setup.configure()
    # Prefect's console handler prints our "losses.*" loggers too (PREFECT_LOGGING_EXTRA_LOGGERS).
    logging.getLogger("losses").setLevel(logging.INFO)
    if sys.stderr.isatty():
        progress.use(progress.RichReporter())


def _host_resolves(url: str) -> bool:
    host = urlsplit(url).hostname or ""
    try:
        socket.getaddrinfo(host, None)
    except OSError:
        return False
    return True


@contextlib.contextmanager
def _mirror_if_offline(
    source: str, base_url: str | None, warehouse: Path | None, use_mirror: bool | None
) -> Iterator[tuple[str | None, Path | None, dt.date | None]]:
    """Yields (base_url, warehouse, today). Only when asked (--mirror), or when no
    network is configured (the source's host does not resolve and no URL was
    given), the job runs against the built-in local mirror, into its own warehouse
    file so that mirror data never mixes with real data."""
    configured = base_url or settings().base_url(source)
    if use_mirror is None:
        use_mirror = base_url is None and not _host_resolves(configured)
        if use_mirror:
            typer.secho(
                f"{urlsplit(configured).hostname} cannot be resolved (no network?): running "
                "against the built-in local mirror instead (--no-mirror to refuse).",
                fg=typer.colors.YELLOW,
                err=True,
            )
    if not use_mirror:
        yield base_url, warehouse, None
        return
    from mirror import start_mirror

    with start_mirror(port=0) as mirror:
        typer.secho(f"local mirror: {mirror.base_url}", err=True)
        yield mirror.url(source), warehouse or MIRROR_WAREHOUSE, mirror.until


def _run(flow: str, shown_warehouse: Path | None, **parameters) -> None:
    """Run a flow's work here, in this process, and print its summary. With a Prefect
    server configured (PREFECT_API_URL), reported to it as it goes (flows/api_run.py);
    without one, recorded in Prefect's database afterwards (flows/local_run.py: ~1 s
    for a run with nothing to do, against ~9 s for Prefect's temporary server).
    Through Prefect's engine only when neither can be done (a server that does not
    answer, a Prefect database not created yet)."""
    from flows import api_run, local_run

    api = local_run.api_url()
    if api is not None and api_run.usable(api):
        recording = api_run.reported(api, flow, parameters)
    elif local_run.engine_needed():  # an unusable server says why, through the engine
        recording = None
    else:
        recording = local_run.recorded(flow, parameters)
    if recording is None:
        result = _run_in_engine(flow, parameters)
    else:
        from flows.jobs import backfill_job, daily_job

        job = {"daily": daily_job, "backfill": backfill_job}[flow]
        with _console_log(), recording:
            result = job(**parameters)
    typer.echo(result["summary"])
    if shown_warehouse is not None:
        typer.echo(f"warehouse: {shown_warehouse}  (losses status --warehouse {shown_warehouse})")


@contextlib.contextmanager
def _console_log() -> Iterator[None]:
    """Our log lines on stderr, as Prefect's console handler shows them in its runs."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(
        logging.Formatter(
            "%(asctime)s.%(msecs)03d | %(levelname)-7s | %(name)s - %(message)s", "%H:%M:%S"
        )
    )
    logger = logging.getLogger("losses")
    logger.addHandler(handler)
    try:
        yield
    finally:
        logger.removeHandler(handler)


def _run_in_engine(flow: str, parameters: dict) -> dict:
    from flows.prefect_setup import in_process_run

    if flow == "daily":
        from flows.daily import daily as run
    else:
        from flows.backfill import backfill as run
    with in_process_run():
        state = run(**parameters, return_state=True)
    if state.is_failed() or state.is_crashed():
        raise RunFailed(f"run failed: {state.message}")
    return state.result()


def ingest(
    source: SourceOption = None,
    base_url: BaseUrlOption = None,
    warehouse: WarehouseOption = None,
    today: Annotated[
        dt.datetime | None,
        typer.Option(
            formats=["%Y-%m-%d"],
            metavar="DATE",
            help="Report date to catch up to (default: today, Kyiv).",
        ),
    ] = None,
    wait: Annotated[
        bool,
        typer.Option(
            "--wait-for-bulletin/--no-wait-for-bulletin",
            help="Wait for today's bulletin if it is not out yet (LOSSES_PUBLISH_WAIT_*).",
        ),
    ] = True,
    mirror: MirrorOption = None,
) -> None:
    """Run the daily job once: the newest bulletin plus every day missed since the last one.

    Loads the bulletins into the warehouse, then runs the delta check on them.

    Examples:
      losses ingest               # mod.gov.ua into warehouse/losses.duckdb
      losses ingest --source api  # from the russianwarship.rip API
      losses ingest --mirror      # offline demo against the local mirror
    """
    source = _check_source(source) or settings().daily_source
    _setup_output()
    with _mirror_if_offline(source, base_url, warehouse, mirror) as (url, path, mirror_today):
        _run(
            "daily",
            path,
            source=source,
            base_url=url,
            warehouse=str(path) if path else None,
            today=today.date() if today else mirror_today,
            wait_for_today=wait and mirror_today is None,
        )


def backfill(
    start: Annotated[
        dt.datetime,
        typer.Option(formats=["%Y-%m-%d"], metavar="DATE", help="First report date (YYYY-MM-DD)."),
    ],
    end: Annotated[
        dt.datetime,
        typer.Option(formats=["%Y-%m-%d"], metavar="DATE", help="Last report date (YYYY-MM-DD)."),
    ],
    source: SourceOption = None,
    base_url: BaseUrlOption = None,
    refetch: Annotated[
        bool, typer.Option(help="Fetch again dates already loaded (changes become revisions).")
    ] = False,
    warehouse: WarehouseOption = None,
    mirror: MirrorOption = None,
) -> None:
    """Load every bulletin dated START..END of one source (a manual backfill).

    Stored documents are reused, so a re-run fetches only what is missing and an
    interrupted run resumes where it stopped.

    Examples:
      losses backfill --start 2022-02-24 --end 2022-12-31   # the aggregator
      losses backfill --start 2024-06-01 --end 2024-06-30 --source mod
      losses backfill --start 2024-06-01 --end 2024-06-30 --refetch
      losses backfill --start 2024-06-01 --end 2024-06-30 --base-url URL

    URL as printed by `losses mirror --port 8765`, plus /mod, /minfin or /api.
    """
    if start > end:  # said before anything starts (a Prefect server takes seconds)
        raise typer.BadParameter(
            f"--start {start:%Y-%m-%d} is after --end {end:%Y-%m-%d}", param_hint="--start"
        )
    source = _check_source(source) or settings().backfill_source
    _setup_output()
    with _mirror_if_offline(source, base_url, warehouse, mirror) as (url, path, mirror_until):
        # The mirror serves its history up to a date: later ones are not asked for.
        _run(
            "backfill",
            path,
            start=start.date(),
            end=min(end.date(), mirror_until) if mirror_until else end.date(),
            source=source,
            refetch=refetch,
            base_url=url,
            warehouse=str(path) if path else None,
        )


def serve(
    cron: Annotated[
        str | None,
        typer.Option(
            metavar="CRON", help="Cron of the daily run (default: LOSSES_DAILY_CRON, 30 9 * * *)."
        ),
    ] = None,
    timezone: Annotated[
        str | None,
        typer.Option(metavar="ZONE", help="Time zone of the cron (default: Europe/Kyiv)."),
    ] = None,
    source: SourceOption = None,
    base_url: BaseUrlOption = None,
    warehouse: WarehouseOption = None,
) -> None:
    """Serve the deployments: daily/daily on a cron, backfill/backfill on demand.

    The daily run catches up any missed days. Needs a Prefect server
    (PREFECT_API_URL); runs until stopped.

    Examples:
      PREFECT_API_URL=http://127.0.0.1:4200/api losses serve
      losses serve --cron "0 10 * * *" --source api

    Start a backfill from anywhere:
      prefect deployment run 'backfill/backfill' -p start=2022-02-24 -p end=2022-12-31
    """
    _check_source(source)
    if base_url and not source:
        raise typer.BadParameter(
            "--base-url names the root of one source: give --source too", param_hint="--base-url"
        )
    # SIGTERM (a service manager stopping it) ends it with exit 0 and no traceback, also
    # while it starts: Prefect's runner takes SIGTERM over only once it is serving.
    signal.signal(signal.SIGTERM, _exit_quietly)
    configured = settings()
    _setup_output()
    from flows.prefect_api import require_server

    require_server("losses serve")
    from flows.serve import serve_deployments

    serve_deployments(
        cron=cron or configured.daily_cron,
        timezone=timezone or configured.timezone,
        source=source,
        base_url=base_url,
        warehouse=str(warehouse) if warehouse else None,
    )


def _exit_quietly(signum, frame) -> None:
    raise SystemExit(0)


def register(app: typer.Typer) -> None:
    app.command()(command(ingest))
    app.command()(command(backfill))
    app.command()(command(serve))
