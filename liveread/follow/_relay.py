"""What the cache says happened to a blog, reported once each; and who may poll it.

Several processes can follow one blog on one cache. Only one of them polls
the site: the holder of the blog's lease (:meth:`liveread.cache.Cache.claim`).
Every one of them reports every change of the blog, whoever applied it,
exactly once, one report per apply (its entries, its new title and live
state): a :class:`Relay` keeps the number of the last change it reported.
Its own follower's apply says which numbers it wrote
(:attr:`~liveread.cache.Changes.seqs`), so it is reported as it is, with
the entries it already loaded; another process's applies are read from the
change log (:meth:`~liveread.cache.Cache.applies_after`, each apply whole),
before that apply and whenever ``PRAGMA data_version`` says another
connection committed (a cheap check, made a few times a second).

The log keeps a week. A relay that fell further behind (its process
stopped, a laptop asleep) gets one catch-up from the cache instead, built
from the entries changed since it last heard of the blog (it may repeat a
change of the half-minute before), and goes on from the log's newest number.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable
from datetime import datetime, timedelta

from liveread.cache import Cache, Changes, Lease, Origin
from liveread.urls import BlogURL

__all__ = ["Relay"]

#: A change is stamped when its apply begins, which may wait its turn for the
#: lock (the cache waits up to 5 s) and take a moment before it commits: one
#: stamped this much before a report began may not have been in it.
_HEARD_MARGIN = timedelta(seconds=30)


class Relay:
    """One follower's reader of the change log, and its claim on the blog's lease.

    Args:
        cache: The shared cache.
        url: The blog's URL (the cache key).
        on_changes: Called with each apply's changes and how they came.
        on_ended: Called when the log says the blog ended.
        ttl: Seconds a lease claim lasts unless renewed.

    Attributes:
        holder: This follower's token in the lease table.
        lease: The blog's lease as last seen (this follower's, or another's), or None.

    """

    def __init__(
        self,
        cache: Cache,
        url: BlogURL,
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
        self._heard = cache.now() - _HEARD_MARGIN
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

    def report(self, own: Changes | None = None, origin: Origin = "page") -> int:
        """Report every change after the last one reported; returns how many applies.

        Args:
            own: An apply this follower just made (with its ``seqs``): reported
                as it is, after whatever other processes logged before it.
            origin: How *own* came.

        """
        count = 0
        before = own.seqs[0] if own is not None and own.seqs is not None else None
        heard = self._cache.now() - _HEARD_MARGIN
        while True:
            batch = self._cache.applies_after(
                self._cursor, self._url, before=before, heard=self._heard
            )
            if not batch:
                break
            for logged in batch:
                self._deliver(logged.changes, logged.origin)
                count += 1
            seqs = batch[-1].changes.seqs
            assert seqs is not None
            self._cursor = seqs[1]
        if own is not None and own.seqs is not None and own.seqs[1] > self._cursor:
            self._deliver(own, origin)
            self._cursor = own.seqs[1]
            count += 1
        self._heard = heard
        return count

    def _deliver(self, changes: Changes, origin: Origin) -> None:
        if changes:
            self._on_changes(changes, origin)
        if changes.live is False:
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
