"""One blog's tab: header, key events beside the feed, following the blog.

:class:`BlogTab` (``_tab``) composes the header (``_header``), the reader
and the search (``_search``), with its own keys (``_keys``); it follows the
blog through a :class:`FollowTask` (``_follow_task``), whose events arrive in
one :class:`Followed` message (``_messages``, with :class:`BlogChanged` for
what looks across blogs), keeps where following stands in one
:class:`Liveness` (``_liveness``) and shows what changes through
:class:`LiveUpdates` (``_updates``), having read what it opens with from the
cache in one :class:`Opening` (``_opening``, with the reader's place); an
ended blog's successor opens with ``c`` (``_continues``); the key-events
pane folds by width (``_fold``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from liveread._lazy import attach

if TYPE_CHECKING:
    from liveread.tui.blog._fold import WIDE, PaneFold
    from liveread.tui.blog._follow_task import GROUP, STOP_WAIT, FollowTask
    from liveread.tui.blog._header import BlogHeader, badge, status_parts
    from liveread.tui.blog._liveness import Liveness
    from liveread.tui.blog._messages import BlogChanged, Followed
    from liveread.tui.blog._opening import FIRST_WINDOW, Opening, loading_for_good, read_opening
    from liveread.tui.blog._tab import BlogTab
    from liveread.tui.blog._updates import LiveUpdates, Outcome, blank_text, since_text

__all__ = [
    "FIRST_WINDOW",
    "GROUP",
    "STOP_WAIT",
    "WIDE",
    "BlogChanged",
    "BlogHeader",
    "BlogTab",
    "FollowTask",
    "Followed",
    "LiveUpdates",
    "Liveness",
    "Opening",
    "Outcome",
    "PaneFold",
    "badge",
    "blank_text",
    "loading_for_good",
    "read_opening",
    "since_text",
    "status_parts",
]

__getattr__ = attach(
    __name__,
    {
        "._fold": ("WIDE", "PaneFold"),
        "._follow_task": ("GROUP", "STOP_WAIT", "FollowTask"),
        "._header": ("BlogHeader", "badge", "status_parts"),
        "._liveness": ("Liveness",),
        "._messages": ("BlogChanged", "Followed"),
        "._opening": ("FIRST_WINDOW", "Opening", "loading_for_good", "read_opening"),
        "._tab": ("BlogTab",),
        "._updates": ("LiveUpdates", "Outcome", "blank_text", "since_text"),
    },
)
