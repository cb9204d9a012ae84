"""Typos of the kinds public collections of these figures carry, made on demand for
the property tests: a digit changed, two adjacent digits transposed, a digit dropped."""

from __future__ import annotations

KINDS = ("change", "transpose", "drop")


def mistype(value: int, kind: str, position: int) -> int | None:
    """`value` with one typo of `kind` near digit `position` (taken modulo its length);
    None when that typo leaves it unchanged (two equal digits transposed, ...)."""
    text = str(value)
    i = position % len(text)
    if kind == "change":
        text = text[:i] + str((int(text[i]) + 1 + position % 8) % 10) + text[i + 1 :]
    elif kind == "transpose":
        i = min(i, len(text) - 2)
        text = text[:i] + text[i + 1] + text[i] + text[i + 2 :]
    else:
        text = text[:i] + text[i + 1 :]
    typo = int(text.lstrip("0") or "0")
    return typo if typo != value else None
