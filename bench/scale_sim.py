"""Many blogs followed in one process, on one simulated clock, against real demo servers.

The followers run in a child process of their own (started with ``spawn``,
so it holds nothing of the parent's), as ``liveread follow URL1 … URL50``
would: one :class:`~liveread.follow.Follower` per blog, one shared
:class:`~liveread.fetch.Fetcher`, one cache. Its peak resident memory and
its CPU time are then liveread's alone; the demo servers (one per blog, each
its own port, as 50 sites would be) run in the parent.

Time is simulated by a :class:`VirtualClock` shared by every follower: a
follower's sleep registers its wake-up time, and only when *every* follower
is asleep does the clock jump to the earliest wake-up (the discrete-event
way), so fifty schedules interleave exactly as they would in real time while
an hour passes in seconds. Requests and their answers are real, over
loopback. In a busy period the servers' story clocks read the simulated time
through shared memory, so each blog unfolds at its scripted pace.

The measured period starts when every follower has reported itself live
(first contact and backfill done) and lasts the simulated *seconds*.
"""

from __future__ import annotations

import asyncio
import heapq
import itertools
import multiprocessing
import resource
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import httpx

from liveread.demo.server import DemoServer, StoryClock
from liveread.demo.story import DEFAULT_START

__all__ = ["ScaleRun", "VirtualClock", "run_scale"]


class VirtualClock:
    """One simulated clock for many sleepers: it moves only when all of them sleep.

    Args:
        start: The simulated present at the start.

    Attributes:
        now: The simulated present.
        running: How many sleepers (followers) are still running.
        end: When the measured period ends (None: not started).
        on_end: Called once, when the next wake-up falls at or past ``end``.
        on_move: Called with the simulated seconds since ``begin`` whenever time moves.

    """

    def __init__(self, start: datetime = DEFAULT_START) -> None:
        self.now = start
        self.running = 0
        self.start: datetime | None = None
        self.end: datetime | None = None
        self.on_end: Callable[[], object] | None = None
        self.on_move: Callable[[float], object] | None = None
        self._heap: list[tuple[datetime, int, asyncio.Future[None]]] = []
        self._asleep: set[asyncio.Future[None]] = set()
        self._seq = itertools.count()
        self._ended = False

    def clock(self) -> datetime:
        """The simulated present (each follower's ``clock``)."""
        return self.now

    def begin(self, seconds: float) -> None:
        """Start the measured period now; it lasts *seconds*."""
        self.start = self.now
        self.end = self.now + timedelta(seconds=seconds)

    async def sleep(self, seconds: float) -> None:
        """Sleep *seconds* of simulated time (each follower's ``sleep``)."""
        loop = asyncio.get_running_loop()
        future: asyncio.Future[None] = loop.create_future()
        wake = self.now + timedelta(seconds=max(seconds, 0.0))
        heapq.heappush(self._heap, (wake, next(self._seq), future))
        self._asleep.add(future)
        loop.call_soon(self.advance)
        try:
            await future
        finally:
            self._asleep.discard(future)  # cancelled (woken early): awake again

    def advance(self) -> None:
        """If every follower sleeps, move to the earliest wake-up and wake who is due."""
        if self.running == 0 or len(self._asleep) < self.running:
            return
        while self._heap and self._heap[0][2].done():
            heapq.heappop(self._heap)
        if not self._heap:
            return
        wake = self._heap[0][0]
        if self.end is not None and wake >= self.end:
            self.now = self.end
            if not self._ended and self.on_end is not None:
                self._ended = True
                self.on_end()
            return
        self.now = max(self.now, wake)
        if self.start is not None and self.on_move is not None:
            self.on_move((self.now - self.start).total_seconds())
        while self._heap and self._heap[0][0] <= self.now:
            _, _, future = heapq.heappop(self._heap)
            self._asleep.discard(future)  # counted awake from now, before its task runs
            if not future.done():
                future.set_result(None)


class CountingTransport(httpx.AsyncBaseTransport):
    """The real network, counting requests per port (per demo site) while ``counting``."""

    def __init__(self) -> None:
        self.inner = httpx.AsyncHTTPTransport()
        self.counting = False
        self.requests: Counter[int] = Counter()

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        """Count the request (when counting), then send it."""
        if self.counting:
            self.requests[request.url.port or 0] += 1
        return await self.inner.handle_async_request(request)

    async def aclose(self) -> None:
        """Close the pooled connections."""
        await self.inner.aclose()


@dataclass(frozen=True)
class ScaleRun:
    """What one process following *blogs* blogs for a simulated period cost.

    Attributes:
        blogs: How many blogs were followed.
        seconds: The simulated period.
        busy: The stories unfolded during the period.
        peak_rss: The follower process's peak resident memory, bytes.
        cpu: Its CPU time (user + system) during the period, seconds.
        requests: Requests made during the period, all blogs.
        per_blog: Requests made during the period, per blog (min, max).
        wall: Real seconds the period took.

    """

    blogs: int
    seconds: float
    busy: bool
    peak_rss: int
    cpu: float
    requests: int
    per_blog: tuple[int, int]
    wall: float

    @property
    def cpu_per_request(self) -> float:
        """CPU seconds per request (per poll, when idle)."""
        return self.cpu / self.requests if self.requests else 0.0

    @property
    def requests_per_blog(self) -> float:
        """Mean requests per blog."""
        return self.requests / self.blogs


def _peak_rss() -> int:
    """This process's peak resident memory, in bytes.

    ``VmHWM`` where Linux has it: ``ru_maxrss`` survives ``execve``, so a
    process spawned by a big parent reports the parent's peak (both the 50-blog
    and the 1-blog child read 184.5 MiB in a full run, the benchmark's own size).
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # KiB on Linux


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


async def _follow(urls: list[str], seconds: float, db: Path, elapsed: Any) -> dict[str, Any]:
    from liveread.cache import Cache
    from liveread.fetch import Fetcher
    from liveread.follow import Follower, FollowEvent, FollowSettings, StatusChanged

    sim = VirtualClock()
    transport = CountingTransport()
    live: set[str] = set()
    errors: list[str] = []
    mark: dict[str, float] = {}

    def move(seconds_in: float) -> None:
        elapsed.value = seconds_in  # the servers' story clocks read it

    sim.on_move = move

    def on_event_for(url: str) -> Callable[[FollowEvent], None]:
        def on_event(event: FollowEvent) -> None:
            if not isinstance(event, StatusChanged):
                return
            if event.status.failures and event.status.last_error:
                errors.append(event.status.last_error)
            if event.status.state == "live" and url not in live:
                live.add(url)
                if len(live) == len(urls):  # every backfill done: the period starts
                    sim.begin(seconds)
                    transport.counting = True
                    mark["cpu"], mark["wall"] = _cpu(), time.perf_counter()

        return on_event

    with Cache(db) as cache:
        async with Fetcher(transport=transport, keepalive=max(20, len(urls))) as fetcher:
            followers = [
                Follower(
                    url,
                    cache,
                    settings=FollowSettings(),
                    on_event=on_event_for(url),
                    fetcher=fetcher,
                    clock=sim.clock,
                    sleep=sim.sleep,
                    watch_every=5.0,  # real seconds: the period takes only a few
                )
                for url in urls
            ]

            def stop_all() -> None:
                mark["cpu_end"], mark["wall_end"] = _cpu(), time.perf_counter()
                transport.counting = False
                for follower in followers:
                    follower.stop()

            sim.on_end = stop_all
            sim.running = len(followers)

            async def run(follower: Follower) -> None:
                try:
                    await follower.run()
                finally:
                    sim.running -= 1
                    sim.advance()

            await asyncio.wait_for(asyncio.gather(*(run(f) for f in followers)), timeout=600)
    if "cpu_end" not in mark or errors:
        raise RuntimeError(f"following the demo blogs went wrong: {errors[:3] or 'no period'}")
    counts = [transport.requests.get(int(url.split(":")[2].split("/")[0]), 0) for url in urls]
    return {
        "peak_rss": _peak_rss(),
        "cpu": mark["cpu_end"] - mark["cpu"],
        "requests": sum(counts),
        "per_blog": (min(counts), max(counts)),
        "wall": mark["wall_end"] - mark["wall"],
    }


def _child(urls: list[str], seconds: float, db: str, elapsed: Any, out: Any) -> None:
    """The follower process: follow, then send back what it cost (or the error)."""
    try:
        out.send(("ok", asyncio.run(_follow(urls, seconds, Path(db), elapsed))))
    except BaseException as exc:
        out.send(("error", f"{type(exc).__name__}: {exc}"))
    finally:
        out.close()


def run_scale(blogs: int, seconds: float, workdir: Path, *, busy: bool = False) -> ScaleRun:
    """Follow *blogs* demo blogs in one fresh process for *seconds* of simulated time.

    Args:
        blogs: How many blogs (one demo server each).
        seconds: The simulated period, after every backfill.
        workdir: Where the cache file goes (a fresh one per run).
        busy: Let every story unfold at its scripted pace during the period.

    """
    ctx = multiprocessing.get_context("spawn")
    elapsed = ctx.Value("d", 0.0, lock=False)
    servers = [DemoServer(start=DEFAULT_START, speed=0.0, pace=1.0) for _ in range(blogs)]
    if busy:
        for server in servers:
            server.clock = StoryClock(server.blog, 1.0, wall=lambda: float(elapsed.value))
    for server in servers:
        server.start()
    try:
        receive, send = ctx.Pipe(duplex=False)
        db = workdir / f"scale-{blogs}-{'busy' if busy else 'idle'}-{time.monotonic_ns()}.sqlite3"
        proc = ctx.Process(
            target=_child, args=([s.url for s in servers], seconds, str(db), elapsed, send)
        )
        proc.start()
        send.close()
        if not receive.poll(900):
            proc.kill()
            raise RuntimeError("the follower process did not finish in 15 min")
        status, result = receive.recv()
        proc.join(timeout=60)
    finally:
        for server in servers:
            server.stop()
    if status != "ok":
        raise RuntimeError(f"the follower process failed: {result}")
    return ScaleRun(blogs, seconds, busy, **result)
