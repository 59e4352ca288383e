"""Where following one blog stands, as one value: what the header says and ``r`` decides from.

:class:`Liveness` is the blog tab's one record of the blog's follow state:
whether it is followed at all (not in ``--offline`` mode), whether the blog is
still being written, the follower's last :class:`~liveread.follow.FollowStatus`,
why following stopped for good, and when the blog was last fetched. The
screen keeps it in a reactive and binds it into the header; everything the
reader is told about liveness (the LIVE/ENDED/OFFLINE badge, the status line,
what ``r`` does) is derived from it, never read back out of a widget.

It changes only by replacement: :meth:`Liveness.after` gives the value after
one follow event (pure, so it is tested without a terminal).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from liveread.follow import FollowEvent, FollowStatus

__all__ = ["Liveness"]


@dataclass(frozen=True)
class Liveness:
    """Where following one blog stands.

    Attributes:
        following: A follower is meant to run (False in ``--offline`` mode).
        live: True while the blog is written, False once it ended, None if unknown
            (from the cache until the follower says it ended).
        status: The follower's last status, or None before the first.
        stopped: Why following stopped for good (the page is gone, it is no live
            blog, the follower failed), or None.
        last_success: When the blog was last fetched successfully, as the cache
            said at opening (the follower's status supersedes it).
        continues: The blog that continues this one, once it ended naming one.

    """

    following: bool = True
    live: bool | None = None
    status: FollowStatus | None = None
    stopped: str | None = None
    last_success: datetime | None = None
    continues: str | None = None

    def after(self, event: FollowEvent) -> Liveness:
        """The liveness once *event* has happened (itself when the event changes none of it)."""
        # Here, not at the top: an offline reader (and the first frame) never loads them.
        from liveread.follow import Ended, StatusChanged, Stopped

        if isinstance(event, StatusChanged):
            return replace(self, status=event.status)
        if isinstance(event, Ended):
            return replace(self, live=False, continues=event.continues or self.continues)
        if isinstance(event, Stopped):
            return replace(self, stopped=event.reason)
        return self

    @property
    def polling(self) -> bool:
        """True while a follower runs that ``r`` can wake (started, or about to)."""
        if not self.following or self.stopped is not None:
            return False
        return self.status is None or self.status.state not in ("ended", "stopped")

    @property
    def ended(self) -> bool:
        """True once the blog is known to have ended."""
        return self.live is False or (self.status is not None and self.status.state == "ended")

    def poll_refused(self) -> str | None:
        """Why ``r`` cannot ask the site now, in words; None when it can (the follower polls)."""
        if not self.following:
            return "--offline: reading the cache only; nothing is fetched."
        if self.polling:
            return None
        if self.ended:
            return "The blog has ended; there is nothing more to poll."
        return "Not following this blog any more."

    @property
    def offline(self) -> bool:
        """True while the site does not answer (the follower keeps trying)."""
        return self.status is not None and self.status.state == "offline"

    @property
    def reading_history(self) -> bool:
        """True while the follower reads the blog's older pages."""
        return self.status is not None and self.status.state == "backfilling"

    @property
    def updated(self) -> datetime | None:
        """When the blog was last fetched successfully, as far as anyone knows."""
        return (self.status.last_success if self.status else None) or self.last_success
