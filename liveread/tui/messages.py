"""What following a blog tells the screen: one small typed message per follow event.

A :class:`~liveread.follow.Follower` reports through a plain callback
(:mod:`liveread.follow._events`, no Textual); the follow worker
(:mod:`liveread.tui.follow_worker`) turns each event into one of these and
posts it to the blog screen, which updates the feed, the key-events pane, the
pinned strip and the header in its own handlers. Status floods collapse: a
queued status or progress is replaced by a newer one (``can_replace``), as
Toolong does with its own status messages.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from textual.message import Message

from liveread.cache import Changes
from liveread.follow import FollowStatus

__all__ = [
    "FollowApplied",
    "FollowEnded",
    "FollowProgress",
    "FollowStatusChanged",
    "FollowStopped",
]


@dataclass
class FollowApplied(Message):
    """Something fetched changed the cache: entries arrived, changed or vanished.

    Attributes:
        url: The blog's URL.
        changes: What changed (entries as the cache now holds them).
        origin: ``"backfill"`` (first contact and older pages), ``"page"`` or ``"poll"``.

    """

    url: str
    changes: Changes
    origin: Literal["backfill", "page", "poll"]


@dataclass
class FollowStatusChanged(Message):
    """The follower's status changed (state, last success, next poll, last error).

    Attributes:
        url: The blog's URL.
        status: The new status.

    """

    url: str
    status: FollowStatus

    def can_replace(self, message: Message) -> bool:
        """A newer status supersedes an older one still queued."""
        return isinstance(message, FollowStatusChanged) and message.url == self.url


@dataclass
class FollowProgress(Message):
    """One more page of the blog's history was read.

    Attributes:
        url: The blog's URL.
        pages_done: Pages read so far.
        pages_total: How many pages the blog has, when known.

    """

    url: str
    pages_done: int
    pages_total: int | None

    def can_replace(self, message: Message) -> bool:
        """Newer progress supersedes older progress still queued."""
        return isinstance(message, FollowProgress) and message.url == self.url


@dataclass
class FollowEnded(Message):
    """The blog has ended: it was read once more and is no longer polled.

    Attributes:
        url: The blog's URL.

    """

    url: str


@dataclass
class FollowStopped(Message):
    """Following stopped for good (404/410, or a first page that is not a live blog).

    Attributes:
        url: The blog's URL.
        reason: Why, in one line of plain words.

    """

    url: str
    reason: str
