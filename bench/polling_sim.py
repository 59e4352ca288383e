"""Simulated hours of following against the demo server, over real loopback sockets.

Time is simulated, bytes are not. A :class:`SimClock` is injected into the
:class:`~liveread.follow.Follower` as its clock and its ``sleep``: sleeping
moves the clock and returns at once, so an hour of polling at 30 s takes a
fraction of a second, while every request still goes through liveread's real
:class:`~liveread.fetch.Fetcher` to a real :class:`~liveread.demo.server.DemoServer`,
which counts what it sends (status lines, headers and bodies, as sent: gzipped
when gzipped). A counting transport under each client adds up the request
heads, so both directions are known.

The window: the follower first reads page 1 and walks the older pages (first
contact and backfill); the moment it reports itself ``live``, the server's
counters are reset and the simulated period starts; the follower is stopped
when its next wake-up would fall at or past the period's end.

In a busy period the server's story clock is driven by the simulated clock
(at speed 1, on a blog at its scripted pace), so the blog changes between
requests exactly as it would in that much real time: the same happenings,
at the same moments, for liveread and for the naive poller.
"""

from __future__ import annotations

import asyncio
import math
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Literal

import httpx

from liveread.cache import Cache
from liveread.demo.http import RequestRecord
from liveread.demo.server import BLOG_PATH, DemoServer, StoryClock
from liveread.demo.story import DEFAULT_START
from liveread.fetch import Fetcher
from liveread.follow import Follower, FollowEvent, FollowSettings, StatusChanged

__all__ = [
    "CountingTransport",
    "Format",
    "KindTally",
    "SimClock",
    "Tally",
    "demo_server",
    "drive_story",
    "follow",
    "follow_simulated",
    "kind_of",
    "naive",
]

Format = Literal["guardian", "jsonld"]


def kind_of(record: RequestRecord) -> str:
    """Name what a request was for: "poll", "page" (page 1), "walk" (an older page) or "other"."""
    if "lastUpdate=" in record.target:
        return "poll"
    if "page=" in record.target:
        return "walk"
    if record.path.endswith(BLOG_PATH):  # also /jsonld<blog path>
        return "page"
    return "other"


@dataclass(frozen=True)
class KindTally:
    """Requests of one kind and what the server sent for them.

    Attributes:
        requests: How many.
        bytes: Response bytes sent (heads + bodies).
        statuses: Count per HTTP status.
        status_bytes: Response bytes per HTTP status.

    """

    requests: int
    bytes: int
    statuses: dict[int, int]
    status_bytes: dict[int, int]

    def mean(self, status: int | None = None) -> float:
        """Mean response bytes per request (of one *status* if given; 0 when none)."""
        if status is None:
            return self.bytes / self.requests if self.requests else 0.0
        count = self.statuses.get(status, 0)
        return self.status_bytes.get(status, 0) / count if count else 0.0


@dataclass(frozen=True)
class Tally:
    """What one simulated period cost on the wire.

    Attributes:
        requests: Requests the server received.
        response_bytes: What the server sent: status lines, headers, bodies as sent.
        body_bytes: The bodies alone (compressed size when gzipped).
        request_bytes: Request lines and headers the client sent (reconstructed as
            HTTP/1.1 puts them on the wire; GETs carry no body).
        kinds: Per kind of request (see :func:`kind_of`).
        happenings: Changes the blog went through during the period.
        seconds: The simulated period.

    """

    requests: int
    response_bytes: int
    body_bytes: int
    request_bytes: int
    kinds: dict[str, KindTally]
    happenings: int
    seconds: float

    @classmethod
    def of(
        cls, records: Iterable[RequestRecord], request_bytes: int, happenings: int, seconds: float
    ) -> Tally:
        """Sum the server's records of one period."""
        done = [r for r in records if r.status]  # a request cut short by stop() sent nothing
        kinds: dict[str, KindTally] = {}
        for kind in sorted({kind_of(r) for r in done}):
            mine = [r for r in done if kind_of(r) == kind]
            statuses = dict(sorted(Counter(r.status for r in mine).items()))
            sizes = {s: sum(r.bytes for r in mine if r.status == s) for s in statuses}
            kinds[kind] = KindTally(len(mine), sum(r.bytes for r in mine), statuses, sizes)
        return cls(
            requests=len(done),
            response_bytes=sum(r.bytes for r in done),
            body_bytes=sum(r.body_bytes for r in done),
            request_bytes=request_bytes,
            kinds=kinds,
            happenings=happenings,
            seconds=seconds,
        )

    @property
    def both_ways(self) -> int:
        """Request plus response bytes."""
        return self.request_bytes + self.response_bytes

    def kind(self, name: str) -> KindTally:
        """The tally of one kind (empty when there was none)."""
        return self.kinds.get(name) or KindTally(0, 0, {}, {})


class CountingTransport(httpx.AsyncBaseTransport):
    """The real network, adding up the size of each request head as HTTP/1.1 sends it."""

    def __init__(self) -> None:
        self.inner = httpx.AsyncHTTPTransport()
        self.request_bytes = 0

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        """Count the request's head, then send it."""
        # "GET /path?query HTTP/1.1\r\n", each "Name: value\r\n", then "\r\n".
        head = len(request.method) + 1 + len(request.url.raw_path) + len(" HTTP/1.1\r\n") + 2
        head += sum(len(k) + 2 + len(v) + 2 for k, v in request.headers.raw)
        self.request_bytes += head
        return await self.inner.handle_async_request(request)

    async def aclose(self) -> None:
        """Close the pooled connections."""
        await self.inner.aclose()


@dataclass
class SimClock:
    """A clock that moves only when slept on; sleeping costs no real time.

    Attributes:
        now: The simulated present.
        start: When the measured period began (None: not yet).
        end: When it ends (None: not yet started).
        on_end: Called once, when a sleep reaches ``end``.

    """

    now: datetime = DEFAULT_START
    start: datetime | None = None
    end: datetime | None = None
    on_end: Callable[[], object] | None = None
    _ended: bool = field(default=False, repr=False)

    def clock(self) -> datetime:
        """The simulated present (the follower's ``clock``)."""
        return self.now

    def elapsed(self) -> float:
        """Simulated seconds since the period began (0 before); drives the story clock."""
        return (self.now - self.start).total_seconds() if self.start else 0.0

    def begin(self, seconds: float) -> None:
        """Start the measured period now; it lasts *seconds*."""
        self.start = self.now
        self.end = self.now + timedelta(seconds=seconds)

    async def sleep(self, seconds: float) -> None:
        """Jump *seconds* ahead, or to the end of the period and stop there."""
        target = self.now + timedelta(seconds=max(seconds, 0.0))
        if self.end is not None and target >= self.end:
            # Anything due at or after the end belongs to the next hour: stop.
            self.now = self.end
            if not self._ended and self.on_end is not None:
                self._ended = True
                self.on_end()
        else:
            self.now = target
        await asyncio.sleep(0)  # let the follower's wake-up task run; no real wait


def demo_server(on_happening: Callable[[object], object]) -> DemoServer:
    """A demo server with the default blog at its scripted pace, its story clock stopped."""
    return DemoServer(start=DEFAULT_START, speed=0.0, pace=1.0, on_happening=on_happening)


def drive_story(server: DemoServer, sim: SimClock) -> None:
    """From now on, let the blog unfold in simulated time (speed 1, the script's own pace)."""
    with server.lock:
        server.clock = StoryClock(server.blog, 1.0, wall=sim.elapsed)


async def follow_simulated(
    url: str,
    db: Path,
    transport: httpx.AsyncBaseTransport,
    settings: FollowSettings,
    on_event: Callable[[FollowEvent], object],
    sim: SimClock,
    *,
    timeout: float,
) -> Follower:
    """Follow *url* into a cache at *db* on the simulated clock until the simulated time ends.

    The follower asks through *transport*, sleeps and reads the time on *sim*,
    and is stopped when *sim* reaches its end; *timeout* (real seconds) bounds
    a run that never gets there. Returns the follower, for its status.
    """
    with Cache(db) as cache:
        async with Fetcher(transport=transport) as fetcher:
            follower = Follower(
                url,
                cache,
                settings=settings,
                on_event=on_event,
                fetcher=fetcher,
                clock=sim.clock,
                sleep=sim.sleep,
            )
            sim.on_end = follower.stop
            await asyncio.wait_for(follower.run(), timeout=timeout)
    return follower


def _blog_url(server: DemoServer, fmt: Format) -> str:
    return server.url if fmt == "guardian" else server.jsonld_url


async def _follow(
    fmt: Format, seconds: float, busy: bool, settings: FollowSettings, db: Path
) -> Tally:
    happenings: list[object] = []
    errors: list[str] = []
    with demo_server(happenings.append) as server:
        transport = CountingTransport()
        sim = SimClock()

        def on_event(event: FollowEvent) -> None:
            if not isinstance(event, StatusChanged):
                return
            if event.status.failures and event.status.last_error:
                errors.append(event.status.last_error)
            if event.status.state == "live" and sim.start is None:
                # First contact and backfill are done: following starts; count from zero.
                sim.begin(seconds)
                server.stats.reset()
                transport.request_bytes = 0
                if busy:
                    drive_story(server, sim)

        follower = await follow_simulated(
            _blog_url(server, fmt), db, transport, settings, on_event, sim, timeout=120
        )
        if sim.start is None or errors:
            # A figure from a run that failed would be no figure at all.
            raise RuntimeError(f"following the demo went wrong: {errors or follower.status}")
        return Tally.of(server.stats.log, transport.request_bytes, len(happenings), seconds)


def follow(
    fmt: Format,
    seconds: float,
    db: Path,
    *,
    busy: bool = False,
    interval: float = 30.0,
    refresh: float = 120.0,
) -> Tally:
    """Follow the demo blog for *seconds* of simulated time after its backfill; return the tally.

    Args:
        fmt: "guardian" (update polls + page-1 refreshes) or "jsonld"
            (a conditional GET of the page every interval).
        seconds: The simulated period.
        db: Where to put the cache (a fresh file).
        busy: Let the story unfold during the period (otherwise the blog stays still).
        interval: The follower's interval (liveread's default: 30 s).
        refresh: The follower's page-1 refresh (liveread's default: 120 s).

    """
    settings = FollowSettings(interval=interval, refresh=refresh)
    return asyncio.run(_follow(fmt, seconds, busy, settings, db))


async def _naive(fmt: Format, seconds: float, interval: float, gzip: bool, busy: bool) -> Tally:
    happenings: list[object] = []
    with demo_server(happenings.append) as server:
        url = _blog_url(server, fmt)
        sim = SimClock()
        sim.begin(seconds)
        start = sim.now
        if busy:
            drive_story(server, sim)
        transport = CountingTransport()
        # httpx's own defaults (Accept-Encoding: gzip, deflate), as `httpx.get(url)` sends them;
        # "identity" for a client that does not decompress (urllib's urlopen, for one).
        headers = None if gzip else {"Accept-Encoding": "identity"}
        async with httpx.AsyncClient(transport=transport, headers=headers) as client:
            for k in range(math.ceil(seconds / interval)):
                sim.now = start + timedelta(seconds=k * interval)
                response = await client.get(url)  # no If-None-Match: the whole page each time
                response.raise_for_status()
        return Tally.of(server.stats.log, transport.request_bytes, len(happenings), seconds)


def naive(
    fmt: Format, seconds: float, *, gzip: bool, busy: bool = False, interval: float = 30.0
) -> Tally:
    """GET the whole page 1 every *interval* for *seconds* of simulated time; return the tally.

    Unconditional (no validators are ever sent), one GET at 0, interval, 2 × interval ...
    strictly before *seconds*: 120 in an hour at 30 s.
    """
    return asyncio.run(_naive(fmt, seconds, interval, gzip, busy))
