"""The adapter of each fetchable source, by its name (parsers.model.SourceName)."""

from __future__ import annotations

from flows.settings import Settings, source_name
from flows.sources.api import ApiSource
from flows.sources.base import Source
from flows.sources.datasets import DaycsvSource, PetroivaniukPersonnelSource, PetroivaniukSource
from flows.sources.minfin import MinfinSource
from flows.sources.mod import ModSource
from parsers.model import SourceName

ADAPTERS: dict[SourceName, type] = {
    SourceName.MOD: ModSource,
    SourceName.MINFIN: MinfinSource,
    SourceName.API: ApiSource,
    SourceName.PETROIVANIUK: PetroivaniukSource,
    SourceName.PETROIVANIUK_PERSONNEL: PetroivaniukPersonnelSource,
    SourceName.DAYCSV: DaycsvSource,
}


def source_for(name: str, settings: Settings) -> Source:
    """The adapter of the fetchable source `name`, configured by `settings`
    (ConfigError naming the choices for any other name)."""
    return ADAPTERS[source_name(name)](settings)
