"""One DuckDB transaction: committed when the block ends, rolled back on any error
(or when the block asks for it). Every transaction the warehouse opens is this one."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator


class Transaction:
    """The open transaction, as `with transaction(con) as tx` gives it."""

    def __init__(self) -> None:
        self.rolled_back = False

    def roll_back(self) -> None:
        """End the block with a rollback instead of a commit: for a block that found
        nothing to write and did scratch work (temp tables) it must not keep."""
        self.rolled_back = True


@contextlib.contextmanager
def transaction(con) -> Iterator[Transaction]:
    tx = Transaction()
    con.execute("BEGIN TRANSACTION")
    try:
        yield tx
        if tx.rolled_back:
            rollback(con)
        else:
            con.execute("COMMIT")
    except BaseException:
        rollback(con)
        raise


def rollback(con) -> None:
    """Roll back if a transaction is still open (a failed COMMIT has ended it already)."""
    import duckdb

    with contextlib.suppress(duckdb.Error):
        con.execute("ROLLBACK")
