"""Where each source keeps its bulletins: how to find the documents that cover a
set of report dates, and which further pages a fetched document points to."""

from __future__ import annotations

from flows.settings import Settings
from flows.sources.api import ApiSource
from flows.sources.base import Discovery, Source
from flows.sources.minfin import MinfinSource
from flows.sources.mod import ModSource

__all__ = ["Discovery", "Source", "source_for"]


def source_for(name: str, settings: Settings) -> Source:
    adapters = {"mod": ModSource, "minfin": MinfinSource, "api": ApiSource}
    try:
        adapter = adapters[name]
    except KeyError:
        raise ValueError(f"unknown source {name!r}; choose one of {', '.join(adapters)}") from None
    return adapter(settings)
