"""Photos on demand: an entry's photo fetched when the reader asks, bounded, kept beside the cache.

No Textual: the TUI's photo view (:mod:`liveread.tui.photo`) shows what
:class:`PhotoStore` gives it. Inside: ``_store`` (the download, its caps, the
check of the bytes, the files).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from liveread._lazy import facade

if TYPE_CHECKING:
    from liveread.photos._store import ACCEPT as ACCEPT
    from liveread.photos._store import DEADLINE as DEADLINE
    from liveread.photos._store import MAX_BYTES as MAX_BYTES
    from liveread.photos._store import PhotoError as PhotoError
    from liveread.photos._store import PhotoStore as PhotoStore
    from liveread.photos._store import image_type as image_type

__getattr__, __all__ = facade(
    __name__,
    {"._store": ("ACCEPT", "DEADLINE", "MAX_BYTES", "PhotoError", "PhotoStore", "image_type")},
)
