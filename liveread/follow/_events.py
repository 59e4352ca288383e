"""What a :class:`~liveread.follow.Follower` reports while it follows a blog.

Small frozen records, no behaviour and no Textual: the TUI turns them into
messages, ``liveread follow`` into lines. A follower calls its ``on_event``
callback with one of the :data:`FollowEvent` types, synchronously, from the
loop that runs it.

The order a consumer sees for a first contact: ``StatusChanged(connecting)``,
``StatusChanged(backfilling)``, then per page read ``Applied(origin="backfill")``
and ``BackfillProgress``, then ``StatusChanged(live)`` and ``Applied`` events
with origin ``"poll"`` (an answer of the source's update endpoint) or ``"page"`` (a re-read of
page 1, or a schema.org page) as changes arrive. A followed blog that ends
gives ``Ended``; one that is gone (404/410) or was never a live blog gives
``Stopped``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from liveread.cache import Changes

__all__ = [
    "Applied",
    "BackfillProgress",
    "Ended",
    "FollowEvent",
    "FollowPhase",
    "FollowStatus",
    "StatusChanged",
    "Stopped",
]

FollowPhase = Literal["connecting", "backfilling", "live", "ended", "offline", "stopped"]


@dataclass(frozen=True)
class FollowStatus:
    """Where a follower stands, for a status line.

    Attributes:
        state: ``"connecting"`` (no answer yet), ``"backfilling"`` (reading
            older pages), ``"live"`` (polling), ``"ended"`` (the blog ended; no
            more polling), ``"offline"`` (the last request failed; retrying
            with back-off) or ``"stopped"`` (the follower has returned).
        last_success: When the server last answered usefully (200 or 304), or None.
        next_poll: When the next request is due, or None when none is planned.
        last_error: The last failure in plain words ("HTTP 503 from host
            (Service Unavailable; retry in 40 s)"), or None once a request succeeds.
        offline_since: When the current run of failures began, or None.
        failures: Consecutive failed requests (0 after a success).
        pages_done: Pages read so far by the backfill of older pages.
        pages_total: How many pages the blog has, when known.
        leader: The process id of another liveread that polls the blog for
            this one (it holds the blog's lease), or None when this one polls.

    """

    state: FollowPhase
    last_success: datetime | None = None
    next_poll: datetime | None = None
    last_error: str | None = None
    offline_since: datetime | None = None
    failures: int = 0
    pages_done: int = 0
    pages_total: int | None = None
    leader: int | None = None


@dataclass(frozen=True)
class BackfillProgress:
    """One more page of the blog's history is in the cache.

    Attributes:
        url: The blog's URL.
        pages_done: Pages read so far (page 1 counts).
        pages_total: How many pages the blog has, when known.

    """

    url: str
    pages_done: int
    pages_total: int | None


@dataclass(frozen=True)
class Applied:
    """Something fetched was written to the cache and changed it.

    Sent only when ``changes`` is not empty.

    Attributes:
        url: The blog's URL.
        changes: What the cache's ``apply`` reported (entries as now cached).
        origin: ``"backfill"`` (first contact and older pages), ``"page"``
            (a read of page 1), ``"poll"`` (an answer of the source's update
            endpoint).

    """

    url: str
    changes: Changes
    origin: Literal["backfill", "page", "poll"]


@dataclass(frozen=True)
class StatusChanged:
    """The follower's status changed (sent on every change, including the next poll time).

    Attributes:
        status: The new status.

    """

    status: FollowStatus


@dataclass(frozen=True)
class Ended:
    """The blog has ended ("as it happened"): it was read once more and is no longer polled.

    Attributes:
        url: The blog's URL.
        continues: The live blog of the same site that continues it, when
            the blog named one ("our coverage continues here"), else None.

    """

    url: str
    continues: str | None = None


@dataclass(frozen=True)
class Stopped:
    """Following ended for good: the page is gone (404/410) or is not a live blog.

    Attributes:
        url: The blog's URL.
        reason: Why, in plain words (one line).

    """

    url: str
    reason: str


FollowEvent = BackfillProgress | Applied | StatusChanged | Ended | Stopped
"""Anything a follower reports."""
