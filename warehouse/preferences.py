"""Source preference: which source daily_losses shows when several reported the
same date and category."""

from __future__ import annotations

from collections.abc import Sequence

from warehouse.transactions import transaction


def set_source_preference(con, order: Sequence[str]) -> None:
    """Rank the sources in `order`, most preferred first, replacing the ranking
    (sources not named rank after all named ones, see daily_losses_long)."""
    with transaction(con):
        con.execute("DELETE FROM source_preference")
        con.executemany(
            "INSERT INTO source_preference (source, rank) VALUES (?, ?)",
            [(source, rank) for rank, source in enumerate(order, start=1)],
        )
