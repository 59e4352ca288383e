"""When a follower may ask again: settings with their floors, back-off, and the schedule.

The rules well-kept feed readers follow: the next request to a URL waits
max(interval, Retry-After, max-age), capped at 24 h; after n consecutive
failures the next try waits a random time between half and all of
min(15 min, interval × 2^n); the first answer ends the back-off at once.
:mod:`liveread.follow` re-exports :class:`FollowSettings` and
:func:`backoff_delay`.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from liveread.fetch import MAX_DELAY
from liveread.urls import is_loopback

__all__ = ["BACKOFF_CAP", "FollowSettings", "Schedule", "backoff_delay"]

#: Longest wait after failures (the cap of the exponential back-off).
BACKOFF_CAP = 15 * 60.0


@dataclass(frozen=True)
class FollowSettings:
    """How often to ask.

    Attributes:
        interval: Seconds between polls (of the source's update endpoint, or of page 1).
        refresh: Seconds between conditional re-reads of page 1 of a blog polled elsewhere.
        once: Read the blog (with its history) once and return.
        warning: Set when a value was raised to its floor; one line to show once.

    """

    interval: float = 30.0
    refresh: float = 120.0
    once: bool = False
    warning: str | None = field(default=None, compare=False)

    @classmethod
    def for_url(
        cls,
        url: str,
        interval: float | None = None,
        refresh: float | None = None,
        once: bool = False,
    ) -> FollowSettings:
        """Apply the defaults and the floors for *url*'s host.

        Remote hosts: interval at least 10 s, refresh at least 60 s. Loopback
        hosts (tests, the demo): both at least 0.5 s. A value below its floor
        is raised to it, and ``warning`` says so.
        """
        loopback = is_loopback(url)
        floors = (0.5, 0.5) if loopback else (10.0, 60.0)
        where = "" if loopback else " for remote hosts"
        notes = []
        values = []
        for name, value, default, floor in (
            ("--interval", interval, 30.0, floors[0]),
            ("--refresh", refresh, 120.0, floors[1]),
        ):
            chosen = default if value is None else float(value)
            if chosen < floor:
                notes.append(f"{name} {chosen:g} s is below the {floor:g} s floor{where}")
                chosen = floor
            values.append(chosen)
        warning = "; ".join(notes) + ("; using the floor" if notes else "")
        return cls(values[0], values[1], once, warning or None)


def backoff_delay(failures: int, interval: float, rng: random.Random) -> float:
    """Seconds to wait after *failures* consecutive failures.

    A random time between half and all of min(15 min, interval × 2^failures):
    jittered so that many clients do not come back at the same instant.
    """
    full = min(BACKOFF_CAP, interval * 2 ** min(failures, 30))
    return rng.uniform(full / 2, full)


def _after(now: datetime, seconds: float) -> datetime:
    return now + timedelta(seconds=min(max(seconds, 0.0), MAX_DELAY))


class Schedule:
    """When each kind of request ("page", "walk", "poll") may run next.

    Each role has its own due time (interval, refresh) and the earliest time
    its server allows (Retry-After, max-age: they name the URL that sent
    them); a back-off after failures holds every role.

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

    def when(self, role: str) -> datetime:
        """When *role* may run: its own schedule, its URL's limits, the back-off."""
        times = [self._due.get(role) or self._clock(), self._not_before.get(role)]
        if self._backoff_until is not None:
            times.append(self._backoff_until)
        return max(t for t in times if t is not None)

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
        *,
        then: float,
        retry_after: float | None,
        max_age: float | None,
        same_url: bool = True,
    ) -> None:
        """Book an answer: the back-off ends; *role* is next due *then* seconds from now.

        Args:
            role: The kind of request that was answered.
            then: Seconds until the role's next request (0: at once).
            retry_after: The answer's Retry-After, in seconds.
            max_age: The answer's max-age, in seconds.
            same_url: False when the role's next request is another URL
                (an update asked from a new cursor), to which max-age does not apply.

        """
        now = self._clock()
        self.failures = 0
        self._backoff_until = None
        limit = max(retry_after or 0.0, (max_age or 0.0) if same_url else 0.0)
        self._not_before[role] = _after(now, limit)
        self._due[role] = _after(now, then)

    def failed(self, role: str, retry_after: float | None) -> float:
        """Book a failure of *role*: back off; return the seconds until it may be tried again."""
        now = self._clock()
        self.failures += 1
        self._backoff_until = _after(now, backoff_delay(self.failures, self._interval, self._rng))
        if retry_after is not None:
            self._not_before[role] = _after(now, retry_after)
        return max((self.when(role) - now).total_seconds(), 0.0)
