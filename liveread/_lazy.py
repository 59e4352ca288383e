"""Lazy package facades: public names imported on first use.

A package's ``__init__`` names its public API, but importing all of it at
once would make every command pay for every part (``liveread parse`` must not
import httpx, the TUI's first frame must not wait for the follow engine). So
``__init__`` lists where each name lives, once, and :func:`facade` returns
the module-level ``__getattr__`` (PEP 562) that imports it when it is first
asked for, and ``__all__``, derived from that list. Type checkers see the
same names through a ``TYPE_CHECKING`` import written ``import Name as Name``
(the explicit re-export mypy ``--strict`` reads, since ``__all__`` is
computed); ``tests/test_boundaries.py`` checks that the two lists agree in
every package::

    if TYPE_CHECKING:
        from liveread.cache._store import Cache as Cache

    __getattr__, __all__ = facade(__name__, {"._store": ("Cache",)})
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Iterable, Mapping
from typing import Any

__all__ = ["attach", "facade"]


def attach(package: str, parts: Mapping[str, Iterable[str]]) -> Callable[[str], Any]:
    """Return a ``__getattr__`` for *package* that imports names from its *parts*.

    Args:
        package: The package's ``__name__``.
        parts: Each module (relative, e.g. ``"._client"``) and the names it provides.

    """
    where = {name: module for module, names in parts.items() for name in names}

    def __getattr__(name: str) -> Any:
        module = where.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(module, package), name)
        setattr(sys.modules[package], name, value)  # next time: a plain attribute
        return value

    return __getattr__


def facade(
    package: str, parts: Mapping[str, Iterable[str]], *, eager: Iterable[str] = ()
) -> tuple[Callable[[str], Any], list[str]]:
    """Return *package*'s ``__getattr__`` (see :func:`attach`) and its ``__all__``.

    Args:
        package: The package's ``__name__``.
        parts: Each module (relative, e.g. ``"._client"``) and the names it provides.
        eager: Public names the package defines itself (``__version__``).

    """
    names = sorted({name for provided in parts.values() for name in provided} | set(eager))
    return attach(package, parts), names
