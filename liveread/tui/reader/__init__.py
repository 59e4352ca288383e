"""The reader: key events beside a feed, and the keys that act on the entry read.

:class:`Reader` (``_reader``) is the one component a blog's tab, the timeline
and the tests compose: the pane, the feed, the jumps and the highlight
between them, 1–9, and ``o``, ``y`` and ``d`` (``_actions``: open the link,
copy a quote, show the revisions).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from liveread._lazy import attach

if TYPE_CHECKING:
    from liveread.tui.reader._actions import (
        NONE_SELECTED,
        copy_quote,
        open_link,
        show_photo,
        show_revisions,
    )
    from liveread.tui.reader._reader import Reader

__all__ = [
    "NONE_SELECTED",
    "Reader",
    "copy_quote",
    "open_link",
    "show_photo",
    "show_revisions",
]

__getattr__ = attach(
    __name__,
    {
        "._actions": ("NONE_SELECTED", "copy_quote", "open_link", "show_photo", "show_revisions"),
        "._reader": ("Reader",),
    },
)
