"""A lost or damaged body is noticed (`losses status`, `losses verify`) and fetching
its document again restores it (it used to be deduplicated away)."""

from __future__ import annotations

import datetime as dt

from typer.testing import CliRunner

from flows.cli import app
from tests.support.warehouse import PARSER, bulletin, document
from warehouse import Warehouse
from warehouse.paths import bodies_dir

D = dt.date(2024, 6, 4)


def pages(n: int, start: int = 0):
    return [
        document(f"http://m/mod/news/{k}", f"<html>page {k} " + "x" * 2000 + "</html>")
        for k in range(start, start + n)
    ]


def stored_twice(path):
    """Two batches, so two packs; each document's bulletin loaded."""
    with Warehouse.open(path) as wh:
        for batch, start in ((pages(3), 0), (pages(3, 3), 3)):
            ids = wh.store_documents(batch)
            wh.load_documents(
                [
                    (
                        i,
                        [bulletin(D + dt.timedelta(days=start + k), {"tanks": (7000 + k, 1)})],
                        PARSER,
                    )
                    for k, i in enumerate(ids)
                ]
            )
    with Warehouse.open(path, read_only=True) as wh:
        packs = wh.rows(
            "SELECT DISTINCT b.pack, d.document_id <= 3 FROM document_bodies b "
            "JOIN documents d USING (sha256) ORDER BY 2 DESC"
        )
    return [bodies_dir(path) / "packs" / pack for pack, _ in packs]  # batch 1's, batch 2's


def test_a_deleted_pack_is_reported_verified_and_restored_by_fetching_again(tmp_path):
    path = tmp_path / "w.duckdb"
    first, second = stored_twice(path)
    first.unlink()
    second.write_bytes(second.read_bytes()[:-3])  # damaged: its last body cut short
    with Warehouse.open(path, read_only=True) as wh:
        assert wh.status()["missing_packs"] == {first.name: 3}
        checked, problems = wh.verify_bodies()
    assert checked == 6
    assert sorted(p.problem for p in problems) == ["damaged", "missing", "missing", "missing"]
    assert {p.url for p in problems if p.problem == "missing"} == {
        f"http://m/mod/news/{k}" for k in range(3)
    }

    runner = CliRunner()
    verify = runner.invoke(app, ["verify", "--warehouse", str(path)])
    assert verify.exit_code == 1, verify.output
    assert "4 missing or damaged" in verify.output
    assert "restore: losses backfill --refetch --source mod --start 2024-06-04" in verify.output
    status = runner.invoke(app, ["status", "--warehouse", str(path)])
    assert "1 pack(s) missing from the body store" in status.output

    with Warehouse.open(path) as wh:  # what --refetch does: the same answers, stored again
        wh.store_documents(pages(3))
        assert wh.status()["missing_packs"] == {}
        _, problems = wh.verify_bodies()
        assert [p.problem for p in problems] == ["damaged"]  # the cut one: not refetched yet
        assert wh.document_body(1).startswith(b"<html>page 0 ")
    assert runner.invoke(app, ["verify", "--warehouse", str(path)]).exit_code == 1


def test_an_intact_store_verifies_clean(tmp_path):
    path = tmp_path / "w.duckdb"
    stored_twice(path)
    result = CliRunner().invoke(app, ["verify", "--warehouse", str(path)])
    assert (
        result.exit_code == 0 and "6 bodies checked: every one is there and intact" in result.output
    )
