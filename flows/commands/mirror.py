"""`losses mirror`: serve the local mirror of the three sources in the foreground."""

from __future__ import annotations

import signal
from pathlib import Path
from typing import Annotated

import typer

from flows.commands.common import EXIT_UNUSABLE, command, fail, parse_date
from mirror.help import FAULTS_HELP, URL_LAYOUT


def _verbatim(text: str) -> str:
    """Help text shown as written: Typer's rich formatter keeps single newlines but
    reads [brackets] as markup."""
    return text.replace("[", r"\[")


def register(app: typer.Typer) -> None:
    @app.command(
        "mirror",
        help=(
            "Serve a local mirror of the sources on 127.0.0.1: the MoD sites era by era "
            "(www.mil.gov.ua, www.kmu.gov.ua, mod.gov.ua), the minfin aggregator and the "
            "russianwarship.rip API, rendered from the reference history 2022-02-25..--until "
            "in the layouts of mirror/SITES.md, optionally with injected faults. Prints the "
            "URL it listens on; stop with Ctrl-C."
        ),
        epilog=_verbatim(f"URL layout:\n{URL_LAYOUT}\n\n{FAULTS_HELP}"),
    )
    @command
    def mirror(
        port: Annotated[
            int,
            typer.Option(
                min=0, max=65535, metavar="PORT", help="TCP port on 127.0.0.1 (0: any free port)."
            ),
        ] = 8765,
        until: Annotated[
            str | None,
            typer.Option(
                metavar="DATE",
                help="Last date served (YYYY-MM-DD); default: the last reference date.",
            ),
        ] = None,
        faults: Annotated[
            str | None, typer.Option(metavar="SPEC", help="Faults to inject (syntax below).")
        ] = None,
        reference: Annotated[
            Path | None,
            typer.Option(
                metavar="DIR", help="Reference data directory (default: mirror/reference)."
            ),
        ] = None,
        access_log: Annotated[
            bool, typer.Option("--access-log", help="Print one line per request served.")
        ] = False,
    ) -> None:
        import sys

        from mirror.faults import FaultSpecError, parse_faults
        from mirror.server import SOURCES, start_mirror

        until_date = parse_date(until, "--until")
        try:
            plan = parse_faults(faults)
        except FaultSpecError as exc:
            raise typer.BadParameter(str(exc), param_hint="--faults") from None
        if reference is not None and not reference.is_dir():
            raise typer.BadParameter(f"{reference} is not a directory", param_hint="--reference")
        try:
            handle = start_mirror(
                port,
                until_date,
                plan,
                reference,
                access_log=sys.stdout if access_log else None,
            )
        except (ValueError, FileNotFoundError) as exc:  # the reference data
            raise fail(str(exc), EXIT_UNUSABLE) from None
        except OSError as exc:
            raise fail(f"cannot listen on 127.0.0.1:{port}: {exc}") from None

        typer.echo(f"Mirror of {handle.site.span} listening on {handle.base_url}")
        for source in SOURCES:
            typer.echo(f"  {source:<6} {handle.url(source)}")
        if plan:
            typer.echo(f"  faults {plan!r}")
        typer.echo("Ctrl-C to stop.")
        sys.stdout.flush()
        # Also for SIGINT: a shell starting us in the background ignores it otherwise.
        for signum in (signal.SIGINT, signal.SIGTERM):
            signal.signal(signum, lambda *_: handle.stop())
        try:
            handle.wait()
        finally:
            handle.stop()
        typer.echo("Mirror stopped.")
