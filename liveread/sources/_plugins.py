"""Finding the sources other packages register, without importing ``importlib.metadata``.

A plug-in declares its source in the ``liveread.sources`` entry-point group;
pip writes that to ``entry_points.txt`` in the package's ``.dist-info`` (or
``.egg-info``) directory on ``sys.path``. Reading those files directly costs a
directory listing per path entry; ``importlib.metadata`` would first import
the email package and parse every distribution's metadata, which is most of
``liveread parse``'s start-up. Where ``sys.path`` holds something other than
directories (a zip file, an import hook), ``importlib.metadata`` is asked
instead, as it knows those.

The rules are importlib.metadata's: a distribution found earlier on
``sys.path`` hides a later one of the same name.
"""

from __future__ import annotations

import functools
import os
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import import_module

__all__ = ["EntryPoint", "entry_points"]

_META_DIR = re.compile(r"^([A-Za-z0-9_.\-]+?)(?:-[^-]*)?\.(?:dist|egg)-info$")


@dataclass(frozen=True)
class EntryPoint:
    """One declared entry point.

    Attributes:
        name: Its name in the group.
        value: ``module:attribute``.

    """

    name: str
    value: str

    def load(self) -> object:
        """Import the module and return the attribute."""
        module, _, attr = self.value.partition(":")
        found: object = import_module(module.strip())
        for part in attr.strip().split(".") if attr.strip() else ():
            found = getattr(found, part)
        return found


def _group(text: str, group: str) -> Iterator[EntryPoint]:
    """The entries of *group* in an ``entry_points.txt`` (INI: ``[group]``, ``name = value``)."""
    inside = False
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("[") and line.endswith("]"):
            inside = line[1:-1].strip() == group
            continue
        if inside and "=" in line:
            name, _, value = line.partition("=")
            yield EntryPoint(name.strip(), value.strip())


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def entry_points(group: str) -> list[EntryPoint]:
    """Every entry point of *group* declared by the distributions on ``sys.path``.

    Looked for once per ``sys.path`` (a URL's blog is looked up often): a
    distribution installed while liveread runs is found by the next one.
    """
    return list(_declared(group, tuple(sys.path)))


@functools.lru_cache(maxsize=16)
def _declared(group: str, search: tuple[str, ...]) -> tuple[EntryPoint, ...]:
    """:func:`entry_points` for the path entries *search*."""
    if any(path and not os.path.isdir(path) and os.path.exists(path) for path in search):
        from importlib.metadata import entry_points as metadata_entry_points

        return tuple(EntryPoint(p.name, p.value) for p in metadata_entry_points(group=group))
    seen: set[str] = set()
    found: list[EntryPoint] = []
    for path in search:
        try:
            names = sorted(os.listdir(path or "."))
        except OSError:
            continue
        for name in names:
            match = _META_DIR.match(name)
            if match is None:
                continue
            dist = _normal(match.group(1))
            if dist in seen:
                continue
            seen.add(dist)
            declared = os.path.join(path or ".", name, "entry_points.txt")
            try:
                with open(declared, encoding="utf-8") as file:
                    text = file.read()
            except OSError:
                continue
            found.extend(_group(text, group))
    return tuple(found)
