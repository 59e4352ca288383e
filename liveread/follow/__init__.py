"""Following a live blog: the whole history once, then polite polling, whatever the network does.

:class:`Follower` is a plain asyncio loop (no Textual): the TUI runs it in a
worker, ``liveread follow`` with :func:`asyncio.run`. It reports through a
callback with the records named here (:data:`FollowEvent`).

Inside: ``_follower`` (the loop), ``_schedule`` (settings, floors, back-off
and when each request is due), ``_events`` (what a follower reports).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from liveread._lazy import facade

if TYPE_CHECKING:
    from liveread.follow._defaults import BACKOFF_CAP as BACKOFF_CAP
    from liveread.follow._defaults import DEFAULT_INTERVAL as DEFAULT_INTERVAL
    from liveread.follow._defaults import DEFAULT_MAX_INTERVAL as DEFAULT_MAX_INTERVAL
    from liveread.follow._defaults import DEFAULT_MAX_REFRESH as DEFAULT_MAX_REFRESH
    from liveread.follow._defaults import DEFAULT_REFRESH as DEFAULT_REFRESH
    from liveread.follow._defaults import LOOPBACK_FLOOR as LOOPBACK_FLOOR
    from liveread.follow._defaults import ONCE_ATTEMPTS as ONCE_ATTEMPTS
    from liveread.follow._defaults import ONCE_GIVE_UP as ONCE_GIVE_UP
    from liveread.follow._defaults import QUIET_RATIO as QUIET_RATIO
    from liveread.follow._defaults import REMOTE_FLOORS as REMOTE_FLOORS
    from liveread.follow._events import Applied as Applied
    from liveread.follow._events import BackfillProgress as BackfillProgress
    from liveread.follow._events import Ended as Ended
    from liveread.follow._events import FollowEvent as FollowEvent
    from liveread.follow._events import FollowPhase as FollowPhase
    from liveread.follow._events import FollowStatus as FollowStatus
    from liveread.follow._events import StatusChanged as StatusChanged
    from liveread.follow._events import Stopped as Stopped
    from liveread.follow._follower import Follower as Follower
    from liveread.follow._schedule import FollowSettings as FollowSettings
    from liveread.follow._schedule import backoff_delay as backoff_delay

__getattr__, __all__ = facade(
    __name__,
    {
        "._events": (
            "Applied",
            "BackfillProgress",
            "Ended",
            "FollowEvent",
            "FollowPhase",
            "FollowStatus",
            "StatusChanged",
            "Stopped",
        ),
        "._follower": ("Follower",),
        "._defaults": (
            "BACKOFF_CAP",
            "DEFAULT_INTERVAL",
            "DEFAULT_MAX_INTERVAL",
            "DEFAULT_MAX_REFRESH",
            "DEFAULT_REFRESH",
            "LOOPBACK_FLOOR",
            "ONCE_ATTEMPTS",
            "ONCE_GIVE_UP",
            "QUIET_RATIO",
            "REMOTE_FLOORS",
        ),
        "._schedule": ("FollowSettings", "backoff_delay"),
    },
)
