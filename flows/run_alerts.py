"""Which alerts a run raises (flows/alerts.py sends them), each at most once per run.

Plain code sees nearly everything, with or without the Prefect engine:

- the flow body (`_daily`, `_backfill`) is `@watched`: what it returns or raises
  is the run's outcome: a Failed state or a LossesError is `failed`, any other
  exception `crashed`;
- the run frame reports each frame's end (`frame_finished`): its new check
  failures, and a crash inside it, with the document and date they are about;
- the daily wait asks `bulletin_late` at each check for today's bulletin.

A watched body decides at its end, so a daily run that waits through several
frames alerts on how the run ended, not on each check. The Prefect hooks
(`on_failure`, `on_crashed` on the flows) are for what the body never sees: its
parameters refused, the engine's Crashed state, a runner's crash of a process.
Both record what they sent under the Prefect flow run's id, so a failure seen by
the body is not sent again by the hook. Nothing here ever fails a run: an error
in alerting is a warning."""

from __future__ import annotations

import contextvars
import datetime as dt
import functools
import inspect
import logging
import re
import sys
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from flows.alerts import Alert, notify
from parsers.errors import LossesError

if TYPE_CHECKING:
    from flows.report import RunSummary
    from flows.settings import Settings
    from flows.sources import Source

log = logging.getLogger("losses.alerts")

# Each flow's default source, by the setting that names it.
DEFAULT_SOURCE = {"daily": "daily_source", "backfill": "backfill_source"}
MAX_LISTED = 20  # check findings listed in one alert; the rest are counted
_URL = re.compile(r"https?://[^\s)]+")
_REPORT_DATE = re.compile(r"\(report date (\d{4}-\d{2}-\d{2})\)")


@dataclass
class FrameReport:
    """What one run frame ended with, fixed when it ended (the flow changes its
    summary afterwards)."""

    source: str
    parameters: dict[str, str]
    date: dt.date | None  # the first date its failure is about, else the run's
    url: str | None
    failure: str | None  # why it failed (None: it did not)
    crash: str | None  # the frame's crash (None: none)
    check_failures: list[dict] = field(default_factory=list)


@dataclass
class _Watch:
    """One watched run: what it is, what its frames reported, what was sent."""

    flow: str
    parameters: dict[str, str]
    source: str | None
    date: dt.date | None
    flow_run: str | None = None
    flow_run_id: str | None = None
    frames: list[FrameReport] = field(default_factory=list)
    sent: set[str] = field(default_factory=set)

    def send(self, alert: Alert) -> None:
        if alert.kind in self.sent:
            return
        self.sent.add(alert.kind)
        if self.flow_run_id:
            _remember(self.flow_run_id, alert.kind)
        notify(alert)

    def alert(self, kind: str, reason: str, frame: FrameReport | None = None, **about) -> Alert:
        parameters = frame.parameters if frame else self.parameters
        return Alert(
            kind,
            self.flow,
            about.get("source", frame.source if frame else self.source),
            about.get("date", frame.date if frame else self.date),
            about.get("url", frame.url if frame else _page(self.source, self.date)),
            reason,
            parameters,
            self.flow_run,
        )

    def ended(self, result: Any = None, error: BaseException | None = None) -> None:
        """Send what the run's outcome calls for."""
        last = self.frames[-1] if self.frames else None
        crash = next((frame for frame in self.frames if frame.crash), None)
        if crash is not None:
            self.send(self.alert("crashed", crash.crash, crash))
        elif error is not None and not isinstance(error, LossesError):
            self.send(self.alert("crashed", _crash_reason(error), last))
        elif isinstance(error, LossesError):
            about = {k: v for k, v in (("url", error.url), ("date", error.date)) if v is not None}
            self.send(self.alert("failed", str(error), last, **about))
        elif _is_failed(result):
            self.send(self.alert("failed", result.message or "the run failed", last))
        rows = _unique(row for frame in self.frames for row in frame.check_failures)
        if rows:
            first = min(rows, key=lambda row: row["report_date"])
            date = dt.date.fromisoformat(str(first["report_date"]))
            source = first.get("source") or self.source
            url = first.get("url") or _page(source, date)
            self.send(
                self.alert(
                    "check_failures", _findings(rows), last, source=source, date=date, url=url
                )
            )


_current: contextvars.ContextVar[_Watch | None] = contextvars.ContextVar(
    "losses_run_alerts", default=None
)


def watched(flow: str) -> Callable:
    """Decorate a flow's body: its outcome raises the run's alerts (see the module)."""

    def decorate(body: Callable) -> Callable:
        signature = inspect.signature(body)

        @functools.wraps(body)
        def run(*args, **kwargs):
            watch = _guarded(_start, flow, signature, args, kwargs)
            token = _current.set(watch)
            try:
                result = body(*args, **kwargs)
            except BaseException as exc:
                if watch is not None:
                    _guarded(watch.ended, error=exc)
                raise
            finally:
                _current.reset(token)
            if watch is not None:
                _guarded(watch.ended, result=result)
            return result

        return run

    return decorate


def frame_finished(
    run, summary: RunSummary | None, error: str | None, parameters: dict[str, object]
) -> None:
    """A run frame ended (flows/run_frame.py): its report goes to the watched run,
    or, outside one, its alerts are sent now."""
    _guarded(_frame_finished, run, summary, error, parameters)


def _frame_finished(run, summary, error, parameters) -> None:
    frame = _report(run.source, summary, error, parameters)
    watch = _current.get()
    if watch is not None:
        watch.frames.append(frame)
        return
    alone = _Watch(run.flow, frame.parameters, frame.source, frame.date)
    alone.flow_run_id, alone.flow_run = _prefect_flow_run()
    alone.frames.append(frame)
    if frame.failure and not frame.crash:
        alone.send(alone.alert("failed", frame.failure, frame))
    alone.ended()


def bulletin_late(
    settings: Settings,
    source: Source,
    today: dt.date,
    *,
    checks_left: int,
    now: dt.datetime | None = None,
) -> bool:
    """Today's bulletin is still missing: alert once when LOSSES_ALERT_LATE_AFTER
    has passed on `today` (in LOSSES_TIMEZONE). Whether it has."""
    zone = ZoneInfo(settings.timezone)
    due = dt.datetime.combine(today, settings.alert_late_after, tzinfo=zone)
    now = now or dt.datetime.now(zone)
    if now < due:
        return False
    if checks_left:
        then = (
            f"checking again every {settings.publish_wait_seconds:.0f} s, "
            f"{checks_left} more time(s)"
        )
    else:
        then = "no more checks"
    reason = (
        f"the bulletin of {today} is not published at {now:%Y-%m-%d %H:%M} {settings.timezone} "
        f"(due by {due:%H:%M}, LOSSES_ALERT_LATE_AFTER); {then}"
    )
    _guarded(_send_late, source, today, reason)
    return True


def _send_late(source: Source, today: dt.date, reason: str) -> None:
    watch = _current.get() or _Watch("daily", {"source": source.name}, source.name, today)
    url = _guarded(source.page_for, today)
    last = watch.frames[-1] if watch.frames else None  # the check that found it missing
    watch.send(watch.alert("late", reason, last, source=source.name, date=today, url=url))


# ----------------------------------------------------------- the Prefect hooks


def on_failure(flow, flow_run, state) -> None:
    """Flow hook: a Failed run the watched body did not alert on (refused parameters)."""
    _guarded(_hooked, "failed", flow, flow_run, state)


def on_crashed(flow, flow_run, state) -> None:
    """Flow hook: a Crashed run (the engine's, a runner's) the body did not alert on."""
    _guarded(_hooked, "crashed", flow, flow_run, state)


def _hooked(kind: str, flow, flow_run, state) -> None:
    sent = _forget(str(flow_run.id))
    if "crashed" in sent or (kind == "failed" and "failed" in sent):
        return
    parameters = {k: str(v) for k, v in (flow_run.parameters or {}).items() if v is not None}
    source = parameters.get("source") or _default_source(flow.name)
    date = _date(parameters.get("today") or parameters.get("start"))
    alert = Alert(
        kind,
        flow.name,
        source,
        date,
        _page(source, date),
        state.message or f"the run ended {state.name}",
        parameters,
        flow_run.name,
    )
    notify(alert)


# Kinds sent per Prefect flow run id, for the hooks; a few runs' worth is enough.
_SENT: OrderedDict[str, set[str]] = OrderedDict()
_SENT_LOCK = threading.Lock()
_SENT_KEPT = 64


def _remember(flow_run_id: str, kind: str) -> None:
    with _SENT_LOCK:
        _SENT.setdefault(flow_run_id, set()).add(kind)
        _SENT.move_to_end(flow_run_id)
        while len(_SENT) > _SENT_KEPT:
            _SENT.popitem(last=False)


def _forget(flow_run_id: str) -> set[str]:
    with _SENT_LOCK:
        return _SENT.pop(flow_run_id, set())


# ----------------------------------------------------------------- helpers


def _start(flow: str, signature: inspect.Signature, args, kwargs) -> _Watch:
    bound = signature.bind(*args, **kwargs)
    bound.apply_defaults()
    arguments = {name: value for name, value in bound.arguments.items() if value is not None}
    source = arguments.get("source") or _default_source(flow)
    date = arguments.get("today") or arguments.get("start") or _today()
    watch = _Watch(
        flow,
        {name: str(value) for name, value in arguments.items()},
        str(source) if source else None,
        date if isinstance(date, dt.date) else None,
    )
    watch.flow_run_id, watch.flow_run = _prefect_flow_run()
    return watch


def _report(source, summary, error, parameters) -> FrameReport:
    shown = {name: str(value) for name, value in parameters.items()}
    run_date = parameters.get("today") or parameters.get("start")
    failure_lines = summary.tally.failures if summary is not None else []
    date = None
    if summary is not None and summary.missing:
        date = min(summary.missing)
    elif failure_lines and (found := _REPORT_DATE.search(failure_lines[0])):
        date = dt.date.fromisoformat(found[1])
    elif isinstance(run_date, dt.date):
        date = run_date
    url = None
    if failure_lines and (found := _URL.search(failure_lines[0])):
        url = found[0].rstrip(":;,.")  # "URL: reason"
    elif date is not None:
        url = _guarded(source.page_for, date)
    failed = summary is not None and summary.failed
    return FrameReport(
        source.name,
        shown,
        date,
        url,
        summary.failure_message() if failed else None,
        error,
        list(summary.check_failures) if summary is not None else [],
    )


def _findings(rows: list[dict]) -> str:
    from flows.report import finding_line

    lines = [f"{len(rows)} new check failure(s):"]
    lines += [f"- {finding_line(row)}" for row in rows[:MAX_LISTED]]
    if len(rows) > MAX_LISTED:
        lines.append(f"... and {len(rows) - MAX_LISTED} more (losses check)")
    return "\n".join(lines)


def _unique(rows) -> list[dict]:
    seen: dict[tuple, dict] = {}
    for row in rows:
        key = (row.get("source"), str(row.get("report_date")), row.get("category"), row["status"])
        seen.setdefault(key, row)
    return list(seen.values())


def _crash_reason(error: BaseException) -> str:
    if not isinstance(error, Exception):  # KeyboardInterrupt, SystemExit, a signal
        return f"interrupted ({type(error).__name__}) before it finished"
    return f"{type(error).__name__}: {error}"


def _is_failed(result: Any) -> bool:
    is_failed = getattr(result, "is_failed", None)  # a Prefect State, duck-typed
    return callable(is_failed) and bool(is_failed())


def _page(source: str | None, date: dt.date | None) -> str | None:
    """The source's page for `date`, when the settings allow building its adapter."""
    if source is None or date is None:
        return None
    from flows.settings import Settings
    from flows.sources import source_for

    try:
        return source_for(source, Settings.from_env()).page_for(date)
    except Exception:
        return None


def _default_source(flow: str) -> str | None:
    from flows.settings import Settings

    name = DEFAULT_SOURCE.get(flow)
    try:
        return str(getattr(Settings.only(name), name)) if name else None
    except LossesError:
        return None


def _today() -> dt.date | None:
    """Today in LOSSES_TIMEZONE: the date of a daily run not given one."""
    from flows.settings import Settings

    try:
        return dt.datetime.now(ZoneInfo(Settings.only("timezone").timezone)).date()
    except Exception:  # an unknown zone: the run fails on it, the alert says so
        return None


def _date(text: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text[:10]) if text else None
    except ValueError:
        return None


def _prefect_flow_run() -> tuple[str | None, str | None]:
    """(id, name) of the Prefect flow run this runs in; (None, None) without the engine."""
    context_module = sys.modules.get("prefect.context")  # not loaded: no engine, and no cost
    if context_module is None:
        return None, None
    context = context_module.FlowRunContext.get()
    if context is None or context.flow_run is None:
        return None, None
    return str(context.flow_run.id), context.flow_run.name


def _guarded(call: Callable, *args, **kwargs):
    """`call`, or None and a warning if it fails: alerting never fails a run."""
    try:
        return call(*args, **kwargs)
    except Exception:
        log.warning("alerting failed (the run goes on)", exc_info=True)
        return None


__all__ = ["bulletin_late", "frame_finished", "on_crashed", "on_failure", "watched"]
