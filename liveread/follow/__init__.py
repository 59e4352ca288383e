"""Following a live blog: the whole history once, then polite polling, whatever the network does.

:class:`Follower` is a plain asyncio loop (no Textual): the TUI runs it in a
worker, ``liveread follow`` with :func:`asyncio.run`. It reports through a
callback with the records named here (:data:`FollowEvent`).

Inside: ``_follower`` (the loop), ``_schedule`` (settings, floors, back-off
and when each request is due), ``_events`` (what a follower reports).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from liveread._lazy import attach

if TYPE_CHECKING:
    from liveread.follow._defaults import (
        BACKOFF_CAP,
        DEFAULT_INTERVAL,
        DEFAULT_MAX_INTERVAL,
        DEFAULT_MAX_REFRESH,
        DEFAULT_REFRESH,
        LOOPBACK_FLOOR,
        ONCE_ATTEMPTS,
        ONCE_GIVE_UP,
        QUIET_RATIO,
        REMOTE_FLOORS,
    )
    from liveread.follow._events import (
        Applied,
        BackfillProgress,
        Ended,
        FollowEvent,
        FollowPhase,
        FollowStatus,
        StatusChanged,
        Stopped,
    )
    from liveread.follow._follower import Follower
    from liveread.follow._schedule import FollowSettings, backoff_delay

__all__ = [
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
    "Applied",
    "BackfillProgress",
    "Ended",
    "FollowEvent",
    "FollowPhase",
    "FollowSettings",
    "FollowStatus",
    "Follower",
    "StatusChanged",
    "Stopped",
    "backoff_delay",
]

__getattr__ = attach(
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
