"""How the flows behave as Prefect runs them outside the command line (a worker,
`losses serve`): invalid parameters and foreseen failures on one line, our INFO
logs kept. tests/deploy/test_work_pool.py sees the same through a real worker."""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import subprocess
import sys

import pytest
from prefect.exceptions import FailedRun, ParameterTypeError

from flows.backfill import backfill
from flows.daily import daily


def test_an_invalid_parameter_is_named_on_one_line():
    # Valid ones are converted as Prefect's validation converts them.
    assert daily.validate_parameters({"today": "2026-08-08", "wait_for_today": "false"}) == {
        "source": None,
        "base_url": None,
        "warehouse": None,
        "today": dt.date(2026, 8, 8),
        "wait_for_today": False,
    }
    with pytest.raises(ParameterTypeError) as raised:
        backfill.validate_parameters({"start": "2024-13-01", "end": "2024-06-04"})
    assert str(raised.value) == (
        "invalid parameter start='2024-13-01': Input should be a valid date or datetime, "
        "month value is outside expected range of 1-12"
    )


def test_every_invalid_parameter_is_named():
    with pytest.raises(ParameterTypeError) as raised:
        daily.validate_parameters({"today": "tomorrow", "wait_for_today": "perhaps"})
    message = str(raised.value)
    assert message.startswith("invalid parameters today='tomorrow': ")
    assert "; wait_for_today='perhaps': Input should be a valid boolean" in message
    assert "\n" not in message


def _logged_by_the_engine(error: BaseException) -> logging.LogRecord:
    """What Prefect's engine logs when a run process ends on `error`."""
    records: list[logging.LogRecord] = []
    handler = logging.Handler()
    handler.emit = records.append
    logger = logging.getLogger("prefect.flow_runs")
    logger.addHandler(handler)
    try:
        try:
            raise error
        except BaseException:
            logger.error("Engine execution exited with unexpected exception", exc_info=True)
    finally:
        logger.removeHandler(handler)
    [record] = records
    return record


@pytest.mark.parametrize(
    "error",
    [
        FailedRun("start 2024-06-04 is after end 2024-06-01"),
        ParameterTypeError("invalid parameter start='2024-13-01': Input should be a valid date"),
    ],
)
def test_a_foreseen_failure_is_logged_on_one_line_without_its_traceback(error):
    record = _logged_by_the_engine(error)
    assert record.getMessage() == f"run failed: {error}"
    assert record.levelno == logging.ERROR and record.exc_info is None
    # An error nobody foresaw (a bug) keeps its traceback.
    record = _logged_by_the_engine(KeyError("report_date"))
    assert record.getMessage() == "Engine execution exited with unexpected exception"
    assert record.exc_info is not None


def test_a_process_that_only_imports_the_flows_keeps_our_info_logs():
    """As a worker's flow-run process does: Prefect configures logging, then the flow
    is loaded. Neither our command line nor PREFECT_LOGGING_EXTRA_LOGGERS ran there."""
    probe = (
        "import json, logging, prefect, flows.daily\n"
        "ours = logging.getLogger('losses')\n"
        "print(json.dumps([ours.getEffectiveLevel(), [type(h).__name__ for h in ours.handlers]]))"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_LOGGING_")}
    done = subprocess.run(
        [sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True
    )
    level, handlers = json.loads(done.stdout)
    assert level == logging.INFO
    assert handlers == ["APILogHandler"]  # the run's logs on the server
