"""An entry's photo on demand (``i``): its view; the download is :mod:`liveread.photos`'s."""

from __future__ import annotations

from typing import TYPE_CHECKING

from liveread._lazy import attach

if TYPE_CHECKING:
    from liveread.tui.photo._view import (
        NEED_EXTRA,
        PhotoScreen,
        graphics_terminal,
        photos_available,
        prepare,
    )

__all__ = ["NEED_EXTRA", "PhotoScreen", "graphics_terminal", "photos_available", "prepare"]

__getattr__ = attach(
    __name__,
    {"._view": ("NEED_EXTRA", "PhotoScreen", "graphics_terminal", "photos_available", "prepare")},
)
