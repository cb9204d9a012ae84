"""Package attributes imported when first used (PEP 562), so that importing a light
module of a package (`parsers.errors`, `warehouse.paths`) does not load the rest."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from typing import Any


def lazy_attributes(
    package: str, homes: Mapping[str, str | tuple[str, str]], namespace: dict[str, Any]
) -> Callable[[str], object]:
    """A module `__getattr__` for `package` that imports each public name from its
    home, `module` or `(module, name there)`, and keeps it in the package's
    `namespace` (its globals()), so it is an attribute like any other from then on."""

    def __getattr__(name: str) -> object:
        home = homes.get(name)
        if home is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        module, attribute = (home, name) if isinstance(home, str) else home
        value = getattr(importlib.import_module(module), attribute)
        namespace[name] = value
        return value

    return __getattr__
