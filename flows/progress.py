"""Progress of long work. Flows report counts here; the command line decides how
they are shown: a rich progress bar on a terminal, plain log lines otherwise."""

from __future__ import annotations

import logging
import time
from typing import Protocol

log = logging.getLogger("losses.progress")


class Reporter(Protocol):
    def start(self, label: str, total: int) -> None: ...
    def advance(self, done: int = 1, total: int | None = None) -> None: ...
    def finish(self) -> None: ...


class LogReporter:
    """One line at most every `every` seconds, and one at the end."""

    def __init__(self, every: float = 5.0):
        self.every = every
        self.label = ""
        self.total = 0
        self.done = 0
        self._last = 0.0

    def start(self, label: str, total: int) -> None:
        self.label, self.total, self.done = label, total, 0
        self._last = time.monotonic()
        log.info("%s: %d to do", label, total)

    def advance(self, done: int = 1, total: int | None = None) -> None:
        self.done += done
        if total is not None:
            self.total = total
        now = time.monotonic()
        if now - self._last >= self.every:
            self._last = now
            log.info("%s: %d/%d", self.label, self.done, self.total)

    def finish(self) -> None:
        log.info("%s: %d/%d done", self.label, self.done, self.total)


class RichReporter:
    def __init__(self) -> None:
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        self._progress = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TimeRemainingColumn(),
            transient=False,
        )
        self._task = None

    def start(self, label: str, total: int) -> None:
        if self._task is None:
            self._progress.start()
            self._task = self._progress.add_task(label, total=total)
        else:
            self._progress.reset(self._task, description=label, total=total)

    def advance(self, done: int = 1, total: int | None = None) -> None:
        if self._task is not None:
            self._progress.update(self._task, advance=done, total=total)

    def finish(self) -> None:
        if self._task is not None:
            self._progress.stop()
            self._task = None


class _Current:
    reporter: Reporter = LogReporter()


def reporter() -> Reporter:
    return _Current.reporter


def use(new: Reporter) -> None:
    """Set how progress is shown for the rest of this process (the CLI does this)."""
    _Current.reporter = new
