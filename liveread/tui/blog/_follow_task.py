"""A blog view's follower, and the worker it runs in: started, asked, stopped.

The tab (:class:`~liveread.tui.blog.BlogTab`) handles what the
follower says (its events arrive as :class:`~liveread.tui.blog.Followed`
messages, posted to the tab from here) and what its worker's failure means
(:meth:`FollowTask.crashed` names it); this module owns the rest of the
follower's life: it is built and imported only when the view starts
following (the follow engine, with httpx and the page parsers, costs about
40 ms to import, which a cached blog opened offline need not pay), runs in one
long-lived worker of the view's (group ``follow``), and is stopped after the
write it is in, waiting a bounded time.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from textual.dom import DOMNode
from textual.worker import Worker, WorkerError, WorkerState

from liveread.tui.blog._messages import Followed

if TYPE_CHECKING:
    from liveread.cache import Cache
    from liveread.follow import Follower, FollowSettings

__all__ = ["GROUP", "STOP_WAIT", "FollowTask"]

#: The worker group a view's follower runs in (one per view: ``exclusive``).
GROUP = "follow"
#: How long leaving a blog waits for its follower to finish its write, in seconds.
STOP_WAIT = 3.0


async def _returned(worker: Worker[None]) -> None:
    """Wait for *worker* to finish, however it ends (its failure is handled elsewhere)."""
    # A worker not started yet cannot be waited for (WorkerError): its follower
    # sees the stop before anything else and writes nothing.
    with contextlib.suppress(WorkerError):
        await worker.wait()


class FollowTask:
    """The follower of one blog, once started, and its worker.

    Args:
        node: The view whose worker runs the follower (its failure is the view's).

    """

    def __init__(self, node: DOMNode) -> None:
        self._node = node
        self._follower: Follower | None = None
        self._worker: Worker[None] | None = None

    def start(
        self,
        url: str,
        key: str,
        cache: Cache,
        *,
        settings: FollowSettings,
        clock: Callable[[], datetime] | None,
    ) -> None:
        """Follow *url* (the blog *key* in the cache) until stopped, the blog ends, or it is gone.

        Each of its events is posted to the view as a :class:`Followed` message.
        """
        from liveread.follow import Follower  # here: see the module's docstring

        node = self._node
        follower = Follower(
            url,
            cache,
            settings=settings,
            # Called by the follower from the app's own loop: posting is safe and cheap.
            on_event=lambda event: node.post_message(Followed(key, event)),
            clock=clock,
        )
        self._follower = follower
        self._worker = self._node.run_worker(
            follower.run(), name="follow", group=GROUP, exclusive=True, exit_on_error=False
        )

    @staticmethod
    def crashed(event: Worker.StateChanged) -> str | None:
        """Why following failed, when *event* is a follow worker's failure (a bug); else None."""
        if event.worker.group != GROUP or event.state != WorkerState.ERROR:
            return None
        error = event.worker.error
        return f"following failed: {type(error).__name__}: {error}"

    def poll_now(self) -> bool:
        """Ask the site now; False when not started yet (it asks as it starts)."""
        if self._follower is None:
            return False
        self._follower.poll_now()
        return True

    def stop_soon(self) -> None:
        """Tell the follower to stop after its write in progress, without waiting."""
        if self._follower is not None:
            self._follower.stop()

    async def stop(self, wait: float = STOP_WAIT) -> None:
        """Stop the follower after its write in progress (waits up to *wait* seconds)."""
        if self._follower is None:
            return
        self._follower.stop()
        worker = self._worker
        if worker is not None and not worker.is_finished:
            # asyncio.wait neither raises nor cancels what it waits for: giving up
            # the wait must not cancel the follower in its write.
            await asyncio.wait({asyncio.ensure_future(_returned(worker))}, timeout=wait)
