"""The feed: a blog's entries as one Line API view, live without yanking the reader's place.

:class:`FeedView` is the one widget (``_view``); what it holds and draws is
split by concept into plain objects it owns: the entries, their versions and
the search (``_store``: :class:`FeedStore`, with the watches'
:class:`WatchMarks`), the rendered lines and heights (``_lines``), the line
index and the anchoring arithmetic (``_index``, ``_layout``), and the view
kept still as entries come and change (``_viewport``); its keys are in
``_keys``. ``_render``
draws one entry as terminal lines (also for the pinned strip); ``_messages``
holds what the feed tells the app (reachable as ``FeedView.NewPending`` and
so on).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from liveread._lazy import attach

if TYPE_CHECKING:
    from liveread.tui.feed._index import LineIndex
    from liveread.tui.feed._keys import feed_keys_for_parent
    from liveread.tui.feed._lines import Label
    from liveread.tui.feed._render import (
        COMPONENT_CLASSES,
        EntryStyles,
        age_label,
        estimate_height,
        line_strip,
        render_body,
        render_header,
        styles_from,
        time_label,
    )
    from liveread.tui.feed._store import FeedStore, WatchMarks, normalise_terms
    from liveread.tui.feed._view import FeedView, Order

__all__ = [
    "COMPONENT_CLASSES",
    "EntryStyles",
    "FeedStore",
    "FeedView",
    "Label",
    "LineIndex",
    "Order",
    "WatchMarks",
    "age_label",
    "estimate_height",
    "feed_keys_for_parent",
    "line_strip",
    "normalise_terms",
    "render_body",
    "render_header",
    "styles_from",
    "time_label",
]

__getattr__ = attach(
    __name__,
    {
        "._index": ("LineIndex",),
        "._keys": ("feed_keys_for_parent",),
        "._lines": ("Label",),
        "._render": (
            "COMPONENT_CLASSES",
            "EntryStyles",
            "age_label",
            "estimate_height",
            "line_strip",
            "render_body",
            "render_header",
            "styles_from",
            "time_label",
        ),
        "._store": ("FeedStore", "WatchMarks", "normalise_terms"),
        "._view": ("FeedView", "Order"),
    },
)
