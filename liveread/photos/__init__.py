"""Photos on demand: an entry's photo fetched when the reader asks, bounded, kept beside the cache.

No Textual: the TUI's photo view (:mod:`liveread.tui.photo`) shows what
:class:`PhotoStore` gives it. Inside: ``_store`` (the download, its caps, the
check of the bytes, the files).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from liveread._lazy import attach

if TYPE_CHECKING:
    from liveread.photos._store import (
        ACCEPT,
        DEADLINE,
        MAX_BYTES,
        PhotoError,
        PhotoStore,
        image_type,
    )

__all__ = ["ACCEPT", "DEADLINE", "MAX_BYTES", "PhotoError", "PhotoStore", "image_type"]

__getattr__ = attach(
    __name__,
    {"._store": ("ACCEPT", "DEADLINE", "MAX_BYTES", "PhotoError", "PhotoStore", "image_type")},
)
