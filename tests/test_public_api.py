"""Each package's public names are exactly its `__all__` (as httpx tests its own):
nothing exported by accident, nothing listed that is not there."""

from __future__ import annotations

import importlib
from types import ModuleType

import pytest

PACKAGES = [
    "flows",
    "flows.commands",
    "flows.sources",
    "mirror",
    "parsers",
    "warehouse",
    "warehouse.migrations",
    "warehouse.queries",
]
# Names every module has that are not part of an API.
NOT_API = {"annotations", "TYPE_CHECKING"}


@pytest.mark.parametrize("name", PACKAGES)
def test_public_names_are_exactly_all(name):
    package = importlib.import_module(name)
    exported = package.__all__
    for attribute in exported:  # also loads what a package imports lazily
        getattr(package, attribute)
    public = {
        attribute
        for attribute, value in vars(package).items()
        if not attribute.startswith("_")
        and attribute not in NOT_API
        and not isinstance(value, ModuleType)
    }
    assert public == set(exported)
