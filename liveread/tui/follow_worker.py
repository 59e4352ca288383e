"""Following a blog inside the app: a Follower whose events become Textual messages.

:class:`FollowBridge` owns one :class:`~liveread.follow.Follower` and runs it
in the screen's long-lived worker (``@work(exclusive=True, group="follow")``,
see :class:`~liveread.tui.blog_screen.BlogScreen`). The follower calls back
synchronously from the app's own event loop, so posting a message from the
callback is safe and cheap; the screen handles the messages in order.
:meth:`FollowBridge.stop` lets the follower finish the write in progress and
return, so the cache is never left half-written when the reader leaves.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from datetime import datetime

from textual.message import Message
from textual.message_pump import MessagePump

from liveread.cache import Cache
from liveread.follow import (
    Applied,
    BackfillProgress,
    Ended,
    Follower,
    FollowEvent,
    FollowSettings,
    StatusChanged,
    Stopped,
)
from liveread.tui.messages import (
    FollowApplied,
    FollowEnded,
    FollowProgress,
    FollowStatusChanged,
    FollowStopped,
)

__all__ = ["FollowBridge", "to_message"]

#: How long leaving a blog waits for the follower to finish its write, in seconds.
STOP_WAIT = 3.0


def to_message(url: str, event: FollowEvent) -> Message:
    """The Textual message for one follow event."""
    if isinstance(event, Applied):
        return FollowApplied(event.url, event.changes, event.origin)
    if isinstance(event, StatusChanged):
        return FollowStatusChanged(url, event.status)
    if isinstance(event, BackfillProgress):
        return FollowProgress(event.url, event.pages_done, event.pages_total)
    if isinstance(event, Ended):
        return FollowEnded(event.url)
    if isinstance(event, Stopped):
        return FollowStopped(event.url, event.reason)
    raise TypeError(f"unknown follow event {event!r}")  # pragma: no cover - exhaustive


class FollowBridge:
    """One follower, posting its events as messages to *target*.

    Args:
        url: The blog's URL as the user gave it (normalised by the follower).
        cache: The app's cache (used from the app's event loop only).
        settings: Polling intervals.
        target: Where messages go (the blog screen).
        clock: The app's clock, so that status times agree with what is shown.

    Attributes:
        follower: The follower; created with the bridge, run by :meth:`run`.

    """

    def __init__(
        self,
        url: str,
        cache: Cache,
        settings: FollowSettings,
        target: MessagePump,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        self._target = target
        self.follower = Follower(
            url, cache, settings=settings, on_event=self._on_event, clock=clock
        )
        self._done = asyncio.Event()
        self._started = False

    @property
    def url(self) -> str:
        """The blog's URL (the cache key)."""
        return self.follower.url

    def _on_event(self, event: FollowEvent) -> None:
        self._target.post_message(to_message(self.follower.url, event))

    async def run(self) -> None:
        """Follow until stopped, the blog ends, or it is gone."""
        self._started = True
        try:
            await self.follower.run()
        finally:
            self._done.set()

    def poll_now(self) -> None:
        """Ask at once (the ``r`` key)."""
        self.follower.poll_now()

    @property
    def running(self) -> bool:
        """True while :meth:`run` is running."""
        return self._started and not self._done.is_set()

    async def stop(self, wait: float = STOP_WAIT) -> None:
        """Stop following and wait (a little) for the follower to return cleanly."""
        self.follower.stop()
        if not self.running:
            return
        with contextlib.suppress(asyncio.TimeoutError):
            await asyncio.wait_for(self._done.wait(), timeout=wait)
