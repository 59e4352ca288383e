"""What following a blog tells the screen: one message that carries the follow event.

A :class:`~liveread.follow.Follower` reports through a plain callback
(:data:`~liveread.follow.FollowEvent` records, no Textual). The blog screen's
follow worker posts each event to the screen as it is, inside one
:class:`Followed` message; the screen's one handler updates its
:class:`~liveread.tui.liveness.Liveness` and the widgets. No field is copied:
a new kind of event needs no new message. Status floods collapse: a queued
status or progress is replaced by a newer one of the same blog
(``can_replace``), as Toolong does with its own status messages.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from liveread.follow import BackfillProgress, FollowEvent, StatusChanged

__all__ = ["Followed"]

#: The events of which only the newest matters: a newer one supersedes one still queued.
_SUPERSEDED = (StatusChanged, BackfillProgress)


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
        return (
            isinstance(message, Followed)
            and message.url == self.url
            and isinstance(self.event, _SUPERSEDED)
            and type(message.event) is type(self.event)
        )
