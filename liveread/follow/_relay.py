"""What the cache says happened to a blog, reported once each; and who may poll it.

Several processes can follow one blog on one cache. Only one of them polls
the site: the holder of the blog's lease (:meth:`liveread.cache.Cache.claim`).
Every one of them reports the changes the cache's change log holds, whoever
applied them, each exactly once: a :class:`Relay` keeps the number of the last
change it reported and reads those after it, at once after its own follower
applied something, and otherwise whenever ``PRAGMA data_version`` says another
connection committed (a cheap check, made a few times a second).
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterable
from datetime import datetime

from liveread.cache import Cache, Change, Changes, Lease, Origin

__all__ = ["Relay", "group_changes"]

_KIND_ORDER = {"new": 0, "edited": 1, "removed": 2, "flagged": 3}


def group_changes(changes: Iterable[Change]) -> list[tuple[Changes, Origin]]:
    """Entry changes as :class:`Changes` groups, in log order, one per apply as far as it shows.

    One apply logs its new, edited, removed and flagged entries in that
    order; a group ends where the kinds go back in that order or the origin
    changes. Two applies that read as one group print the same lines in the
    same order, which is all a consumer sees.
    """
    groups: list[tuple[Changes, Origin]] = []
    current: dict[str, list[object]] = {}
    origin: Origin | None = None
    last = -1

    def close() -> None:
        if origin is not None and any(current.values()):
            groups.append(
                (
                    Changes(
                        new=tuple(current.get("new", ())),  # type: ignore[arg-type]
                        edited=tuple(current.get("edited", ())),  # type: ignore[arg-type]
                        removed=tuple(current.get("removed", ())),  # type: ignore[arg-type]
                        reflagged=tuple(current.get("flagged", ())),  # type: ignore[arg-type]
                    ),
                    origin,
                )
            )

    for change in changes:
        order = _KIND_ORDER.get(change.kind)
        if order is None or change.entry is None:
            continue
        if change.origin != origin or order < last:
            close()
            current, origin = {}, change.origin
        current.setdefault(change.kind, []).append(change.entry)
        last = order
    close()
    return groups


class Relay:
    """One follower's reader of the change log, and its claim on the blog's lease.

    Args:
        cache: The shared cache.
        url: The blog's URL (the cache key).
        on_changes: Called with each group of entry changes and how they came.
        on_ended: Called when the log says the blog ended.
        ttl: Seconds a lease claim lasts unless renewed.

    Attributes:
        holder: This follower's token in the lease table.
        lease: The blog's lease as last seen (this follower's, or another's), or None.

    """

    def __init__(
        self,
        cache: Cache,
        url: str,
        *,
        on_changes: Callable[[Changes, Origin], object],
        on_ended: Callable[[], object],
        ttl: float,
    ) -> None:
        self._cache = cache
        self._url = url
        self._on_changes = on_changes
        self._on_ended = on_ended
        self._ttl = ttl
        self.holder = f"{os.getpid()}-{uuid.uuid4().hex[:12]}"
        self.lease: Lease | None = None
        # From the moment it starts: what the log held before is not news.
        self._cursor = cache.last_change(url)
        self._version = cache.data_version()

    @property
    def leading(self) -> bool:
        """True while this follower holds the blog's lease (it polls the site)."""
        return self.lease is not None and self.lease.holder == self.holder

    @property
    def leader_pid(self) -> int | None:
        """The process id of the liveread that polls the blog, when it is another one."""
        if self.lease is None or self.leading:
            return None
        return self.lease.pid

    def claim(self) -> bool:
        """Take or renew the lease; True when this follower holds it now."""
        self.lease = self._cache.claim(self._url, self.holder, self._ttl)
        return self.leading

    def release(self) -> None:
        """Give the lease up (when stopping), so another follower takes over at once."""
        if self.leading:
            self._cache.release(self._url, self.holder)
        self.lease = None

    def report(self) -> int:
        """Report every change logged after the last one reported; returns how many."""
        count = 0
        while True:
            batch = self._cache.changes_after(self._cursor, self._url)
            if not batch:
                return count
            self._cursor = batch[-1].seq
            count += len(batch)
            for changes, origin in group_changes(batch):
                self._on_changes(changes, origin)
            if any(c.kind == "live" and c.value is False for c in batch):
                self._on_ended()

    def check(self) -> int:
        """Report what other processes committed since the last look (cheap when nothing did)."""
        version = self._cache.data_version()
        if version == self._version:
            return 0
        self._version = version
        return self.report()

    def expires(self) -> datetime | None:
        """When the lease as last seen runs out, or None."""
        return self.lease.expires if self.lease is not None else None
