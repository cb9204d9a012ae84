"""Where each source keeps its bulletins: how to find the documents that cover a
set of report dates, and which further pages a fetched document points to. One
adapter per source (api, minfin, mod with its sites and indexes, the datasets), `source_for`
to get one by name."""

from __future__ import annotations

from flows.sources.api import ApiSource
from flows.sources.base import Discovery, Source
from flows.sources.datasets import DaycsvSource, PetroivaniukPersonnelSource, PetroivaniukSource
from flows.sources.minfin import MinfinSource
from flows.sources.mod import ModSource
from flows.sources.registry import source_for

__all__ = [
    "ApiSource",
    "DaycsvSource",
    "Discovery",
    "MinfinSource",
    "ModSource",
    "PetroivaniukPersonnelSource",
    "PetroivaniukSource",
    "Source",
    "source_for",
]
