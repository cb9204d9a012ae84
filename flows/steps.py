"""A step of a run (a listing crawl, a batch of documents, the check): a Prefect task
inside a Prefect flow run, a plain call otherwise.

Command-line runs without a Prefect server run the flow bodies directly
(flows/local_run.py): importing Prefect alone costs ~0.9 s and its temporary
server ~8 s, against ~0.35 s for a run with nothing new. So this module never
imports Prefect itself; the task is built the first time a Prefect flow run calls
the step. A step called outside Prefect is timed and reported to the local run's
record, which stores it as a task run where Prefect shows it."""

from __future__ import annotations

import functools
import inspect
import sys
import time
from collections.abc import Callable
from typing import Any, Protocol, TypeVar

F = TypeVar("F", bound=Callable[..., Any])


class StepObserver(Protocol):
    """Told of each step of a run recorded without Prefect's engine."""

    def started(self, name: str, at: float) -> object:
        """A step began; what is returned comes back to finished()."""

    def finished(
        self, token: object, name: str, started: float, ended: float, error: BaseException | None
    ) -> None: ...


# Set while a run is recorded without the engine (flows/local_run.py, flows/api_run.py).
_observers: list[StepObserver] = []


def in_prefect_flow_run() -> bool:
    """Inside a flow run of the Prefect engine (never true unless Prefect is imported)."""
    if "prefect.context" not in sys.modules:
        return False
    from prefect.context import FlowRunContext

    return FlowRunContext.get() is not None


def step(name: str, run_name: str | None = None) -> Callable[[F], F]:
    """Decorate a function as a step named `name`; `run_name` is a str.format
    template over its arguments, e.g. "discover {source.name} round {round}"."""

    def decorate(fn: F) -> F:
        signature = inspect.signature(fn)

        @functools.cache
        def as_task():
            from prefect import task
            from prefect.cache_policies import NO_CACHE

            return task(name=name, task_run_name=run_name, cache_policy=NO_CACHE)(fn)

        @functools.wraps(fn)
        def call(*args, **kwargs):
            if in_prefect_flow_run():
                return as_task()(*args, **kwargs)
            if not _observers:
                return fn(*args, **kwargs)
            shown = _run_name(signature, run_name, args, kwargs) or name
            started, error = time.time(), None
            tokens = [(observer, observer.started(shown, started)) for observer in _observers]
            try:
                return fn(*args, **kwargs)
            except BaseException as exc:
                error = exc
                raise
            finally:
                ended = time.time()
                for observer, token in tokens:
                    observer.finished(token, shown, started, ended, error)

        call.fn = fn  # the undecorated function, as Prefect's tasks have it
        return call  # type: ignore[return-value]

    return decorate


def _run_name(signature: inspect.Signature, template: str | None, args, kwargs) -> str | None:
    if template is None:
        return None
    try:
        bound = signature.bind(*args, **kwargs)
        bound.apply_defaults()
        return template.format(**bound.arguments)
    except (TypeError, KeyError, AttributeError, IndexError):
        return None


__all__ = ["StepObserver", "in_prefect_flow_run", "step"]
