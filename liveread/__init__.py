"""liveread: follow live blogs from the terminal.

The public Python API, importable without a terminal:

- :func:`parse` turns a page (bytes or str) and its URL into a :class:`Blog`;
- :class:`Cache` stores blogs in SQLite, keeping every revision
  (``apply(blog)`` returns what changed, ``load(url)`` the cached blog);
- :class:`Blog`, :class:`Entry`, :class:`Block`, :class:`Image` are the data model.

Names are imported lazily so that ``import liveread`` stays cheap for the
headless commands (no parser, no database, no Textual until used).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from liveread._version import __version__

if TYPE_CHECKING:
    from liveread.adapters.registry import parse
    from liveread.cache import Cache, Changes
    from liveread.errors import LivereadError, NotALiveBlog
    from liveread.model import Block, Blog, Entry, Image

__all__ = [
    "Block",
    "Blog",
    "Cache",
    "Changes",
    "Entry",
    "Image",
    "LivereadError",
    "NotALiveBlog",
    "__version__",
    "parse",
]

_LAZY = {
    "parse": "liveread.adapters.registry",
    "Cache": "liveread.cache",
    "Changes": "liveread.cache",
    "LivereadError": "liveread.errors",
    "NotALiveBlog": "liveread.errors",
    "Block": "liveread.model",
    "Blog": "liveread.model",
    "Entry": "liveread.model",
    "Image": "liveread.model",
}


def __getattr__(name: str) -> Any:
    """Import public names on first use."""
    module_name = _LAZY.get(name)
    if module_name is None:
        raise AttributeError(f"module 'liveread' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module_name), name)
    globals()[name] = value
    return value
