"""What following a blog tells the screen, and what a blog's tab tells the tabs screen.

A :class:`~liveread.follow.Follower` reports through a plain callback
(:data:`~liveread.follow.FollowEvent` records, no Textual). The blog tab's
follow worker posts each event to the screen as it is, inside one
:class:`Followed` message; the screen's one handler updates its
:class:`~liveread.tui.blog.Liveness` and the widgets. No field is copied:
a new kind of event needs no new message. Status floods collapse: a queued
status or progress is replaced by a newer one of the same blog
(``can_replace``), as Toolong does with its own status messages.

Once a blog's tab has applied what changed, it says so to the tabs screen
in one :class:`BlogChanged`, for what looks across blogs (the timeline).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from liveread.cache import Changes
    from liveread.follow import FollowEvent
    from liveread.tui.blog._tab import BlogTab

__all__ = ["BlogChanged", "Followed"]


@dataclass
class Followed(Message):
    """One follow event of one blog.

    Attributes:
        url: The blog's URL (the cache key); not every event names it.
        event: The event, as the follower reported it.

    """

    url: str
    event: FollowEvent

    def can_replace(self, message: Message) -> bool:
        """A newer status (or progress) of the same blog supersedes one still queued."""
        # Imported with the first event, not with the tab: the first frame (and an
        # offline reader) never needs the follower's records.
        from liveread.follow import BackfillProgress, StatusChanged

        return (
            isinstance(message, Followed)
            and message.url == self.url
            and isinstance(self.event, (StatusChanged, BackfillProgress))
            and type(message.event) is type(self.event)
        )


@dataclass
class BlogChanged(Message):
    """What one blog's tab just showed changing, for what looks across blogs.

    Posted by :meth:`~liveread.tui.blog.BlogTab.apply_changes` after
    the tab applied the changes itself; the tabs screen hands it to the
    timeline. It carries what only the tab knows: which
    arrivals are news.

    Attributes:
        tab: The blog's tab.
        changes: What changed, entries as the cache now holds them.
        fresh: The arrivals the tab marked NEW (the rest is history).
        history: The changes come from reading the blog's history (the backfill),
            which never alerts.

    """

    tab: BlogTab
    changes: Changes
    fresh: frozenset[str]
    history: bool
