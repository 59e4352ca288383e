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

from typing import TYPE_CHECKING

from liveread._lazy import attach
from liveread._version import __version__

if TYPE_CHECKING:
    from liveread.cache import Cache, Changes
    from liveread.errors import LivereadError, NotALiveBlog
    from liveread.model import Block, Blog, Entry, Image
    from liveread.sources import parse

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

__getattr__ = attach(
    __name__,
    {
        "liveread.cache": ("Cache", "Changes"),
        "liveread.errors": ("LivereadError", "NotALiveBlog"),
        "liveread.model": ("Block", "Blog", "Entry", "Image"),
        "liveread.sources": ("parse",),
    },
)
