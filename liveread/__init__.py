"""liveread: follow live blogs from the terminal.

The public Python API, importable without a terminal:

- :func:`parse` turns a page (bytes or str) and its URL into a
  :class:`Snapshot`: what that one page says (the source is chosen by content);
- :class:`Cache` stores blogs in SQLite, keeping every revision
  (``apply(snapshot)`` returns what changed, ``load(url)`` the cached
  :class:`Blog`, every entry ever seen);
- :class:`Snapshot`, :class:`Blog`, :class:`Entry`, :class:`Block`,
  :class:`Image` are the data model.

Names are imported lazily so that ``import liveread`` stays cheap for the
headless commands (no parser, no database, no Textual until used).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from liveread._lazy import facade
from liveread._version import __version__ as __version__

if TYPE_CHECKING:
    from liveread.cache import Cache as Cache
    from liveread.cache import Changes as Changes
    from liveread.errors import LivereadError as LivereadError
    from liveread.errors import NotALiveBlog as NotALiveBlog
    from liveread.model import Block as Block
    from liveread.model import Blog as Blog
    from liveread.model import Entry as Entry
    from liveread.model import Image as Image
    from liveread.model import Snapshot as Snapshot
    from liveread.sources import parse as parse

__getattr__, __all__ = facade(
    __name__,
    {
        "liveread.cache": ("Cache", "Changes"),
        "liveread.errors": ("LivereadError", "NotALiveBlog"),
        "liveread.model": ("Block", "Blog", "Entry", "Image", "Snapshot"),
        "liveread.sources": ("parse",),
    },
    eager=("__version__",),
)
