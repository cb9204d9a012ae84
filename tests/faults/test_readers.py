"""Reading the warehouse while a backfill writes it: `losses status`, `sql` and
`export`, each in a process of its own, while `losses backfill` (slowed by the
mirror) is under way, each succeed at once with a consistent view, and the backfill
finishes as it would have alone."""

from __future__ import annotations

import json
import time

from tests.support.faults import MIL, assert_converged
from tests.support.processes import start_backfill, start_command
from warehouse import Warehouse, WarehouseBusy

# Consistent: every bulletin has all its figures, and every document loaded has its
# bulletin (a load is whole or absent).
TORN = (
    "SELECT (SELECT count(*) FROM bulletins b WHERE b.categories <> (SELECT count(*) "
    "FROM observations o WHERE o.source = b.source AND o.report_date = b.report_date AND "
    "o.revision = b.revision)) AS torn, (SELECT count(*) FROM documents d WHERE "
    "d.parse_status = 'loaded' AND NOT EXISTS (SELECT 1 FROM observations o WHERE "
    "o.document_id = d.document_id)) AS loaded_without_figures, (SELECT count(*) "
    "FROM bulletins) AS bulletins"
)


def _loaded_so_far(path) -> int:
    """Bulletins in the snapshot the backfill published (0: none readable yet)."""
    if not path.exists():
        return 0
    try:
        with Warehouse.open(path, read_only=True, wait_seconds=0) as wh:
            return wh.one("SELECT count(*) FROM bulletins")[0]
    except WarehouseBusy:  # the run holds the file and published nothing yet
        return 0


def test_status_sql_and_export_read_while_a_backfill_writes(mirror, clean, tmp_path):
    baseline = clean("mod")
    path = tmp_path / "losses.duckdb"
    # Day pages take 1.5 s each (within the read timeout), two a batch: the backfill
    # writes for ~10 s.
    mirror.set_faults(f"{MIL}/news/2024/*=timeout:1.5")
    backfill = start_backfill(
        mirror.url("mod"), path, LOSSES_BATCH_SIZE="2", LOSSES_READ_TIMEOUT="5"
    )
    try:
        deadline = time.monotonic() + 60
        while _loaded_so_far(path) < 2:  # a batch loaded and published
            assert backfill.poll() is None, backfill.communicate()[0]
            assert time.monotonic() < deadline, "the backfill loaded nothing in 60 s"
            time.sleep(0.1)
        out = tmp_path / "daily.csv"
        where = ["--warehouse", str(path), "--wait", "10"]
        started = time.monotonic()
        readers = {
            "status": start_command("status", "--json", *where),
            "sql": start_command("sql", "--format", "json", TORN, *where),
            "export": start_command("export", "--format", "csv", "--out", str(out), *where),
        }
        results = {name: (p.communicate(timeout=60), p.returncode) for name, p in readers.items()}
        took = time.monotonic() - started
        still_writing = backfill.poll() is None
    finally:
        if backfill.poll() is None:
            output = backfill.communicate(timeout=120)[0]
        else:
            output = backfill.communicate()[0]
    for name, ((_, stderr), code) in results.items():
        assert code == 0, f"losses {name}: {stderr}"
        assert "is writing" in stderr and "reading what it has committed" in stderr, stderr
    assert still_writing, f"the backfill ended before the readers did ({took:.1f} s)"
    assert backfill.returncode == 0, output

    # status names the run writing the file, and says it read its snapshot
    status = json.loads(results["status"][0][0])
    [running] = status["running"]
    assert (running["flow"], running["pid"], running["process_gone"]) == (
        "backfill",
        backfill.pid,
        False,
    )
    assert status["snapshot"]["run_id"] == running["run_id"]
    # sql: nothing half loaded
    [row] = json.loads(results["sql"][0][0])
    assert (row["torn"], row["loaded_without_figures"]) == (0, 0) and row["bulletins"] >= 2
    # export: some of the days, each exactly as the clean run has it
    clean_lines = baseline.exports["daily_losses.csv"].decode().splitlines()
    lines = out.read_text().splitlines()
    assert lines[0] == clean_lines[0]
    assert 1 <= len(lines) - 1 < len(clean_lines) - 1
    assert set(lines[1:]) <= set(clean_lines[1:])

    # the backfill itself: as if no one had read
    assert_converged(path, baseline, tmp_path / "export")
