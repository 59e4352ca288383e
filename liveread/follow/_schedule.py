"""When a follower may ask again: settings with their floors, back-off, and the schedule.

The rules well-kept feed readers follow: the next request to a URL waits
max(interval, Retry-After, max-age), those two being the limits that URL's
own answers set, capped at 24 h; after consecutive failures the next try
waits as :func:`backoff_delay` says (the back-off rule is stated there, and
only there); the first answer ends the back-off at once.

A blog's quiet spell (which lengthens the wait between polls, see
:meth:`FollowSettings.poll_wait`) is counted from its newest entry's own
publication time, or from the last answer that brought new entries after the
first read, whichever is later (:func:`quiet_seconds`); never from when
liveread first saw the blog: a blog whose newest entry is years old is polled
at the longest wait from its first poll on, and a new entry brings the
shortest wait back at once.
:mod:`liveread.follow` re-exports :class:`FollowSettings` and
:func:`backoff_delay`.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from liveread.fetch import MAX_DELAY
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
from liveread.urls import is_loopback

__all__ = ["FollowSettings", "Schedule", "backoff_delay", "quiet_seconds"]


@dataclass(frozen=True)
class FollowSettings:
    """How often to ask.

    The waits are adaptive: :attr:`interval` while the blog is busy, growing
    in a quiet spell towards :attr:`max_interval` (see :meth:`poll_wait`), and
    back to the shortest at the first new entry; the re-read of page 1 follows
    the same rhythm between :attr:`refresh` and :attr:`max_refresh`. A
    server's max-age and Retry-After still hold their URL longer.

    Attributes:
        interval: The shortest wait between polls (of the source's update
            endpoint, or of page 1), in seconds.
        refresh: The shortest wait between conditional re-reads of page 1 of a
            blog polled elsewhere.
        once: Read the blog (with its history) once and return.
        warning: Set when a value was raised to its floor; one line to show once.
        attempts: With ``once``: failed tries in a row after which it gives up.
        give_up_after: With ``once``: seconds after which it gives up trying
            (the back-off is cut short to end within them).
        max_interval: The longest wait between polls (at least ``interval``).
        max_refresh: The longest wait between re-reads of page 1 (at least ``refresh``).

    """

    interval: float = DEFAULT_INTERVAL
    refresh: float = DEFAULT_REFRESH
    once: bool = False
    warning: str | None = field(default=None, compare=False)
    attempts: int = ONCE_ATTEMPTS
    give_up_after: float = ONCE_GIVE_UP
    max_interval: float = DEFAULT_MAX_INTERVAL
    max_refresh: float = DEFAULT_MAX_REFRESH

    def poll_wait(self, quiet: float) -> float:
        """Seconds until the next poll, *quiet* seconds after the last answer with news."""
        grown = max(quiet, 0.0) / QUIET_RATIO
        return min(max(self.interval, grown), max(self.max_interval, self.interval))

    def refresh_wait(self, quiet: float) -> float:
        """Seconds until the next re-read of page 1: the poll's rhythm, in the refresh's bounds."""
        factor = self.poll_wait(quiet) / self.interval if self.interval > 0 else 1.0
        return min(self.refresh * factor, max(self.max_refresh, self.refresh))

    @classmethod
    def fixed(cls, interval: float, refresh: float) -> FollowSettings:
        """Settings that never adapt: always *interval* and *refresh* (for comparisons)."""
        return cls(interval, refresh, max_interval=interval, max_refresh=refresh)

    @classmethod
    def for_url(
        cls,
        url: str,
        interval: float | None = None,
        refresh: float | None = None,
        once: bool = False,
        give_up_after: float | None = None,
        *,
        max_interval: float | None = None,
    ) -> FollowSettings:
        """Apply the defaults and the floors for *url*'s host.

        Remote hosts: :data:`REMOTE_FLOORS`; loopback hosts (tests, the demo):
        :data:`LOOPBACK_FLOOR`. A value below its floor is raised to it, and
        ``warning`` says so; so is a *max_interval* below the interval. The
        longest re-read grows with a longer *max_interval*.
        """
        loopback = is_loopback(url)
        floors = (LOOPBACK_FLOOR, LOOPBACK_FLOOR) if loopback else REMOTE_FLOORS
        where = "" if loopback else " for remote hosts"
        notes = []
        values = []
        for name, value, default, floor in (
            ("--interval", interval, DEFAULT_INTERVAL, floors[0]),
            ("--refresh", refresh, DEFAULT_REFRESH, floors[1]),
        ):
            chosen = default if value is None else float(value)
            if chosen < floor:
                notes.append(f"{name} {chosen:g} s is below the {floor:g} s floor{where}")
                chosen = floor
            values.append(chosen)
        longest = DEFAULT_MAX_INTERVAL if max_interval is None else float(max_interval)
        if longest < values[0]:
            if max_interval is not None:
                notes.append(f"--max-interval {longest:g} s is below the interval {values[0]:g} s")
            longest = values[0]
        warning = "; ".join(notes) + ("; using the floor" if notes else "")
        give_up = ONCE_GIVE_UP if give_up_after is None else max(float(give_up_after), 0.0)
        max_refresh = max(values[1], DEFAULT_MAX_REFRESH * longest / DEFAULT_MAX_INTERVAL)
        return cls(
            values[0],
            values[1],
            once,
            warning or None,
            ONCE_ATTEMPTS,
            give_up,
            max_interval=longest,
            max_refresh=max_refresh,
        )


def quiet_seconds(now: datetime, newest: datetime | None, news_at: datetime | None = None) -> float:
    """How long the blog has been quiet at *now*.

    Since its newest entry was published (*newest*), or since new entries last
    arrived after the first read (*news_at*: an entry the site dates in the
    past is news all the same), whichever is later. 0 when neither is known,
    or the newest is dated in the future (a site's clock ahead of ours): the
    shortest waits, as for a blog in full flow.
    """
    known = [moment for moment in (newest, news_at) if moment is not None]
    if not known:
        return 0.0
    return max((now - max(known)).total_seconds(), 0.0)


def backoff_delay(failures: int, interval: float, rng: random.Random) -> float:
    """Seconds to wait after *failures* consecutive failures: the back-off rule.

    A random time between half and all of min(:data:`BACKOFF_CAP`, interval ×
    2^failures), the cap being 15 min: "equal jitter", never sooner than half,
    so a struggling server gets a real pause, yet spread so that many clients
    do not come back at the same instant. The first answer ends the back-off
    (:meth:`Schedule.succeeded`). The README and the follower's docs refer here.
    """
    full = min(BACKOFF_CAP, interval * 2 ** min(failures, 30))
    return rng.uniform(full / 2, full)


def _after(now: datetime, seconds: float) -> datetime:
    return now + timedelta(seconds=min(max(seconds, 0.0), MAX_DELAY))


class Schedule:
    """When each kind of request ("page", "walk", "poll") may run next.

    Each role has its own due time (interval, refresh); each URL has the
    earliest time its server allows (Retry-After, max-age): they name the
    URL that sent them, so the next older page of a walk, or an update asked
    from a new cursor, is not held back by the page before. A back-off after
    failures holds every role: the site is in trouble, not one URL.

    Args:
        clock: Returns the current aware datetime.
        rng: Randomness for the back-off jitter.
        interval: The settings' interval (the back-off's unit).

    Attributes:
        failures: Consecutive failed requests.

    """

    def __init__(self, clock: Callable[[], datetime], rng: random.Random, interval: float) -> None:
        self._clock = clock
        self._rng = rng
        self._interval = interval
        now = clock()
        self._due: dict[str, datetime] = {"page": now, "walk": now, "poll": now}
        self._not_before: dict[str, datetime] = {}
        self._backoff_until: datetime | None = None
        self.failures = 0

    def when(self, role: str, url: str | None = None) -> datetime:
        """When *role* may run, asking *url*: its schedule, *url*'s limits, the back-off."""
        times = [self._due.get(role) or self._clock()]
        if url is not None and url in self._not_before:
            times.append(self._not_before[url])
        if self._backoff_until is not None:
            times.append(self._backoff_until)
        return max(times)

    def due_now(self, *roles: str) -> None:
        """Make *roles* due at once, ending any back-off (a server's own limits still hold)."""
        now = self._clock()
        for role in roles:
            self._due[role] = now
        self._backoff_until = None

    def due_within(self, role: str, seconds: float) -> None:
        """Make *role* due no later than *seconds* from now."""
        self._due[role] = min(self._due.get(role) or self._clock(), _after(self._clock(), seconds))

    def succeeded(
        self,
        role: str,
        url: str,
        *,
        then: float,
        retry_after: float | None,
        max_age: float | None,
    ) -> None:
        """Book an answer to *url*: the back-off ends; *role* is next due *then* seconds from now.

        Args:
            role: The kind of request that was answered.
            url: The URL that answered: its Retry-After and max-age hold it alone.
            then: Seconds until the role's next request (0: at once).
            retry_after: The answer's Retry-After, in seconds.
            max_age: The answer's max-age, in seconds.

        """
        now = self._clock()
        self.failures = 0
        self._backoff_until = None
        self._not_before[url] = _after(now, max(retry_after or 0.0, max_age or 0.0))
        self._due[role] = _after(now, then)
        self._forget_past(now)

    def failed(
        self, role: str, url: str, retry_after: float | None, *, cap: float | None = None
    ) -> float:
        """Book a failure of *role* asking *url*: back off; return the seconds until it may retry.

        *cap* shortens the back-off (not a server's Retry-After), for a try
        that must end within a time.
        """
        now = self._clock()
        self.failures += 1
        wait = backoff_delay(self.failures, self._interval, self._rng)
        self._backoff_until = _after(now, wait if cap is None else min(wait, cap))
        if retry_after is not None:
            self._not_before[url] = _after(now, retry_after)
        return max((self.when(role, url) - now).total_seconds(), 0.0)

    def _forget_past(self, now: datetime) -> None:
        """Drop the limits that have run out (a long follow asks many URLs once each)."""
        if len(self._not_before) > 64:
            self._not_before = {u: t for u, t in self._not_before.items() if t > now}
