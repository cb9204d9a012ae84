"""Our flows as Prefect runs them, wherever it runs them (a worker's flow-run
process, `losses serve`, the command line): the run's logs keep our INFO lines,
and a failure we foresaw (the data failed, or a parameter is invalid) is one line
in the run's state and logs, never a traceback.

A worker's flow-run process never runs our command line: it imports Prefect
(which configures logging), then loads the flow from its file. So what must hold
there is set here, when the flows are imported, and `@losses_flow` is the
decorator of every flow."""

from __future__ import annotations

import logging
import typing
from collections.abc import Callable
from typing import Any

from prefect import Flow
from prefect.exceptions import FailedRun, ParameterTypeError
from pydantic import TypeAdapter, ValidationError

OUR_LOGGER = "losses"


class LossesFlow(Flow):
    """A Prefect flow whose invalid parameters are named on one line.

    Prefect validates a run's parameters before the flow body runs (a deployment run
    triggered with `-p start=2024-13-01`); its error spans lines and it logs pydantic's
    raw error list first. Ours says which value is wrong and why, then Prefect's own
    validation does the conversion as before."""

    def validate_parameters(self, parameters: dict[str, Any]) -> dict[str, Any]:
        hints = typing.get_type_hints(self.fn)
        problems = []
        for name, value in parameters.items():
            if name not in hints or name == "return":
                continue
            try:
                TypeAdapter(hints[name]).validate_python(value)
            except ValidationError as error:
                problems.append(f"{name}={value!r}: {error.errors()[0]['msg']}")
        if problems:
            plural = "s" if len(problems) > 1 else ""
            raise ParameterTypeError(f"invalid parameter{plural} " + "; ".join(problems))
        return super().validate_parameters(parameters)


def losses_flow(name: str, **options: Any) -> Callable[[Callable[..., Any]], LossesFlow]:
    """`@losses_flow("daily", on_failure=[...])`: the flow `name`, its prints logged;
    `options` are Prefect's Flow options."""

    def decorate(function: Callable[..., Any]) -> LossesFlow:
        return LossesFlow(function, name=name, log_prints=True, **options)

    return decorate


class _ForeseenFailureOnOneLine(logging.Filter):
    """Prefect's engine ends a run process by raising the run's final state: a failed
    run is logged as "Engine execution exited with unexpected exception" with a
    traceback, which says the code broke. For the failures we foresaw, a Failed
    state a flow returned (FailedRun) and parameters that did not validate, the
    record becomes one line with the reason. Anything else keeps its traceback."""

    def filter(self, record: logging.LogRecord) -> bool:
        error = record.exc_info[1] if record.exc_info else None
        if isinstance(error, FailedRun | ParameterTypeError):
            record.msg, record.args = "run failed: %s", (error,)
            record.exc_info = record.exc_text = None
        return True


def _configure_logging() -> None:
    # Our INFO lines ("looking for …", progress, the summary) are the run's story;
    # a process that never ran our command line has the root's WARNING.
    ours = logging.getLogger(OUR_LOGGER)
    if ours.getEffectiveLevel() > logging.INFO:
        ours.setLevel(logging.INFO)
    # To the run's logs in the API, as PREFECT_LOGGING_EXTRA_LOGGERS=losses would do
    # (Prefect reads that setting once, at its import, before our code is loaded).
    for handler in logging.getLogger("prefect.extra").handlers:
        if handler not in ours.handlers:
            ours.addHandler(handler)
    runs = logging.getLogger("prefect.flow_runs")
    if not any(isinstance(f, _ForeseenFailureOnOneLine) for f in runs.filters):
        runs.addFilter(_ForeseenFailureOnOneLine())


_configure_logging()
