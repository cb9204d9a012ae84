"""Figures as the prose reader states them, built in a test from the words of a text."""

from __future__ import annotations

from parsers.prose import StatedFigure


def stated(
    text: str,
    words: str,
    category: str,
    value: int,
    kind: str | None = None,
    bound: str | None = None,
    *,
    occurrence: int = 0,
    rounded: bool = False,
) -> StatedFigure:
    """The figure `words` (its `occurrence`-th time in `text`) states."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(words, start + 1)
    return StatedFigure(
        category=category,
        value=value,
        kind=kind,
        bound=bound,
        rounded=rounded,
        quote=words,
        span=(start, start + len(words)),
    )
