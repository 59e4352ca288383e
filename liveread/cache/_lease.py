"""Leases: one poller per blog per machine, whoever else reads the cache.

A follower that wants to poll a blog claims its lease: a row naming the
holder (a token of the follower's own, its process id and host), when it
last said it was alive (``heartbeat``) and when its claim runs out
(``expires``). Another follower of the same blog finds the lease held and
does not poll: it reads the change log instead, and claims again now and
then. A holder renews its claim well before it expires and releases it when
it stops; one that died (``kill -9``) is replaced as soon as its process is
seen to be gone (same host) or its claim has run out (any host).

Leases are keyed by the blog's URL, not its row, so that two followers of a
blog never reached yet agree on who makes first contact.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from datetime import datetime

from liveread.cache._schema import db_time, from_db_time
from liveread.urls import BlogURL

__all__ = ["Lease", "claim", "host_name", "release"]


@dataclass(frozen=True)
class Lease:
    """Who holds the right to poll a blog.

    Attributes:
        url: The blog's URL.
        holder: The holding follower's token.
        pid: Its process id.
        host: The machine it runs on.
        heartbeat: When it last renewed the claim.
        expires: When the claim runs out unless renewed.

    """

    url: str
    holder: str
    pid: int
    host: str
    heartbeat: datetime
    expires: datetime


def host_name() -> str:
    """This machine's name, as leases record it."""
    import socket  # here: only a follower claiming a lease asks, not every reader of the cache

    return socket.gethostname()


def _gone(pid: int, host: str) -> bool:
    """True when the process *pid* on this machine no longer runs (False when unsure)."""
    if host != host_name():
        return False  # another machine's process: only its expiry can tell
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:  # it runs, as another user
        return False
    return False


def _row_lease(url: str, row: tuple[str, int, str, str, str]) -> Lease:
    heartbeat, expires = from_db_time(row[3]), from_db_time(row[4])
    assert heartbeat is not None and expires is not None  # NOT NULL columns
    return Lease(url, row[0], row[1], row[2], heartbeat, expires)


def claim(
    db: sqlite3.Connection, url: BlogURL, holder: str, now: datetime, expires: datetime
) -> Lease:
    """Take or renew the lease of *url* for *holder*, unless another live holder has it.

    Runs inside the caller's write transaction. Returns the lease as it now
    stands: *holder*'s when taken or renewed, the other holder's otherwise.
    """
    row = db.execute(
        "SELECT holder, pid, host, heartbeat, expires FROM leases WHERE url = ?", (url,)
    ).fetchone()
    if row is not None and row[0] != holder:
        other = _row_lease(url, row)
        if other.expires > now and not _gone(other.pid, other.host):
            return other
    pid, host = os.getpid(), host_name()
    db.execute(
        "INSERT OR REPLACE INTO leases (url, holder, pid, host, heartbeat, expires)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        (url, holder, pid, host, db_time(now), db_time(expires)),
    )
    return Lease(url, holder, pid, host, now, expires)


def release(db: sqlite3.Connection, url: BlogURL, holder: str) -> None:
    """Give up *holder*'s lease of *url* (nothing when another holds it)."""
    db.execute("DELETE FROM leases WHERE url = ? AND holder = ?", (url, holder))
