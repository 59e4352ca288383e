"""The reader: key events beside a feed, and the keys that act on the entry read.

``_actions`` opens an entry's link (``o``), copies a quote of it (``y``,
built by ``_quote``) and shows its revisions (``d``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from liveread._lazy import attach

if TYPE_CHECKING:
    from liveread.tui.reader._actions import copy_quote, open_link, show_revisions
    from liveread.tui.reader._quote import entry_quote

__all__ = [
    "copy_quote",
    "entry_quote",
    "open_link",
    "show_revisions",
]

__getattr__ = attach(
    __name__,
    {
        "._actions": ("copy_quote", "open_link", "show_revisions"),
        "._quote": ("entry_quote",),
    },
)
