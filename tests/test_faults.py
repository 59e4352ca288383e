"""Every network fault a polite reader must survive, through the follower, over real sockets.

Each scenario follows the demo blog until it is live, then (at the follower's
next sleep) makes the server misbehave and publishes one entry. The follower
must survive, say what happened (``status.last_error``), lose nothing (the
cache ends equal to the server's blog), resume when the server recovers, and
wait as long as Retry-After says. Time is faked, so Retry-After values of
minutes cost nothing. Only DNS failure and connect timeout, which a loopback
server cannot produce, are staged in the client's transport.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import re
import socket
import tracemalloc
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from typing import Any

import httpx
import pytest

from liveread.cache import Cache
from liveread.demo import DemoBlog, render_page
from liveread.demo.http import Reply, Request
from liveread.demo.server import BLOG_PATH, DemoServer
from liveread.follow import Follower, Stopped
from tests.demo_fixtures import (
    Events,
    FakeTime,
    FlakyTransport,
    RecordingFetcher,
    follower,
    run_until,
)
from tests.support.faults import Fault, faults

MakeServer = Callable[..., DemoServer]
QUICK = {"timeout": 0.5, "deadline": 1.0}  # fetcher limits that keep stalls short


@pytest.fixture
def cache(tmp_path) -> Cache:
    with Cache(tmp_path / "cache.sqlite3") as c:
        yield c


def publish_one(server: DemoServer) -> str:
    def act(blog: DemoBlog) -> str:
        entry = blog.new_entry(
            "After the fault", "Plain ASCII text.", at=blog.now + timedelta(minutes=1)
        )
        return blog.publish(entry).id

    return server.change(act)


class Scenario:
    """Follow until live; at the next sleep, ``stage`` a fault and publish one entry."""

    def __init__(self, server: DemoServer, cache: Cache, **fetcher_kw: Any) -> None:
        self.server = server
        self.cache = cache
        self.time = FakeTime()
        self.events = Events()
        self.fetcher = RecordingFetcher(self.time, **{**QUICK, **fetcher_kw})
        self.added: list[str] = []

    async def run(self, stage: Callable[[], object], *, after: int = 0, **kw: Any) -> Follower:
        """Run the scenario; with *after*, keep following that many sleeps past the arrival."""
        f = follower(
            self.server.url,
            self.cache,
            self.time,
            self.events,
            self.fetcher,
            **kw,
            max_interval=1.0,
        )

        def act() -> None:
            stage()
            self.added.append(publish_one(self.server))

        self.time.once(act)
        mark: list[int] = []

        def done() -> bool:
            if not mark and self.arrived():
                mark.append(len(self.time.sleeps))
            return bool(mark) and len(self.time.sleeps) >= mark[0] + after

        await run_until(f, done)
        return f

    def arrived(self) -> bool:
        return bool(self.added) and self.added[0] in {e.id for e in self.events.changed("new")}

    def check(self, f: Follower, *words: str) -> None:
        """Survived, said what happened, lost nothing, and recovered."""
        errors = self.events.errors()
        assert errors, "the failure was not reported"
        for word in words:
            assert any(word in e for e in errors), (word, errors)
        assert all("\n" not in e and "Traceback" not in e for e in errors)
        cached = sorted(e.id for e in self.cache.load(f.url).entries if not e.removed)
        assert cached == sorted(e.id for e in self.server.blog.entries_newest_first())
        assert f.status.failures == 0 and f.status.offline_since is None

    def poll_gaps(self) -> list[float]:
        times = [t for t, _ in self.fetcher.polls()]
        return [(b - a).total_seconds() for a, b in itertools.pairwise(times)]


def poll_fault(server: DemoServer, fault: Fault, times: int = 1, **kw: Any) -> Callable[[], object]:
    return lambda: faults(server).add(fault, times, server.poll_path, **kw)


FAULTS = [
    (Fault.ERROR_500, {}, ("HTTP 500",)),
    (Fault.ERROR_503, {"retry_after": None}, ("HTTP 503",)),
    (Fault.TRUNCATED, {}, ("closed the connection",)),
    (Fault.RESET, {}, ("127.0.0.1",)),
    (Fault.GARBAGE, {}, ("binary",)),
    (Fault.GZIP_BOMB, {}, ("larger than 8 MiB",)),
    (Fault.HUGE, {}, ("larger than 8 MiB",)),
    (Fault.HUGE_UNSIZED, {}, ("larger than 8 MiB",)),
    (Fault.TRICKLE, {"delay": 0.05}, ("longer than 1 s",)),
    (Fault.STALL, {}, ("stopped sending",)),
    (Fault.REDIRECT_FILE, {}, ("file: URL refused",)),
    (Fault.REDIRECT_LOOP, {}, ("redirect loop",)),
    (Fault.REDIRECT_CHAIN, {}, ("more than 5 redirects",)),
    (Fault.EMPTY, {}, ("empty page",)),
]


SIZE_FAULTS = frozenset({Fault.GZIP_BOMB, Fault.HUGE, Fault.HUGE_UNSIZED})


@pytest.mark.parametrize(("fault", "kw", "words"), FAULTS, ids=[f[0].value for f in FAULTS])
async def test_poll_fault_is_survived_reported_and_recovered(
    demo_server: DemoServer, cache: Cache, fault: Fault, kw: dict[str, Any], words: tuple[str, ...]
) -> None:
    # The size caps are about bytes, not time: inflating a bomb on a busy
    # machine may pause longer than the quick read timeout the others use.
    roomy = {"timeout": 5.0, "deadline": 10.0} if fault in SIZE_FAULTS else {}
    s = Scenario(demo_server, cache, **roomy)
    f = await s.run(poll_fault(demo_server, fault, 2, **kw))
    s.check(f, *words)
    states = [st.state for st in s.events.statuses()]
    assert "offline" in states and states[-2:] == ["live", "stopped"]


@pytest.mark.parametrize("fault", [Fault.WRONG_CHARSET, Fault.WRONG_CHARSET_REVERSE, Fault.SLOW])
async def test_odd_but_readable_answers_are_read(
    demo_server: DemoServer, cache: Cache, fault: Fault
) -> None:
    s = Scenario(demo_server, cache)
    await s.run(poll_fault(demo_server, fault, 1, delay=0.2))
    assert s.arrived() and not s.events.errors()


@pytest.mark.parametrize(
    ("fault", "retry_after", "least"),
    [
        (Fault.TOO_MANY_429, "120", 120),
        (Fault.ERROR_503, "600", 600),
        (Fault.TOO_MANY_429, "date", 85),
        (Fault.ERROR_503, "date", 85),
    ],
)
async def test_retry_after_is_waited_for(
    demo_server: DemoServer, cache: Cache, fault: Fault, retry_after: str, least: float
) -> None:
    value: Any = retry_after
    if retry_after == "date":
        value = datetime.now(timezone.utc) + timedelta(seconds=90)
    s = Scenario(demo_server, cache)
    f = await s.run(poll_fault(demo_server, fault, 1, retry_after=value))
    s.check(f, f"HTTP {fault.value}", "retry in")
    assert max(s.poll_gaps()) >= least
    assert max(s.poll_gaps()) <= least + 30


async def test_garbage_retry_after_is_ignored(demo_server: DemoServer, cache: Cache) -> None:
    s = Scenario(demo_server, cache)
    f = await s.run(poll_fault(demo_server, Fault.TOO_MANY_429, 1, retry_after="soon-ish, maybe"))
    s.check(f, "HTTP 429")
    assert max(s.poll_gaps()) <= 2.0  # the first back-off step: half to all of 2 × interval


async def test_backoff_grows_with_each_failure_and_recovers_at_once(
    demo_server: DemoServer, cache: Cache
) -> None:
    s = Scenario(demo_server, cache)
    f = await s.run(poll_fault(demo_server, Fault.ERROR_503, 5, retry_after=None), after=2)
    s.check(f, "HTTP 503")
    gaps = s.poll_gaps()
    # Five failures: waits drawn from [1, 2], [2, 4], [4, 8], [8, 16], [16, 32].
    failed = [g for g in gaps if g > 1.0 + 1e-9][:5]
    for n, gap in enumerate(failed, start=1):
        assert 2 ** (n - 1) <= gap <= 2**n, (n, gaps)
    assert len(failed) == 5
    assert gaps[-1] == pytest.approx(1.0)  # back to the interval once the server answered


async def test_page_refresh_that_yields_nothing_is_a_fault_not_an_end(
    demo_server: DemoServer, cache: Cache
) -> None:
    s = Scenario(demo_server, cache)
    broken = {"page": 2, "poll": 2}

    def layout_changed(request: Request) -> Reply | None:
        if request.path == BLOG_PATH and broken["page"] > 0:  # the page, its entries gone
            broken["page"] -= 1
            page = render_page(demo_server.blog, 1, ajax_url=demo_server.origin)
            kept = re.sub(r"<article[^>]*>.*?</article>", "", page, flags=re.S)
            return Reply(body=kept.encode())
        if request.path == demo_server.poll_path:
            # Two answers whose markup yields nothing, then only "nothing new": the
            # new entry must come through page 1 once it reads again.
            broken["poll"] -= 1
            html = "<p>x</p>" if broken["poll"] >= 0 else ""
            answer = {"numNewBlocks": 2 if html else 0, "html": html}
            return Reply(body=json.dumps(answer).encode(), content_type="application/json")
        return None

    f = await s.run(lambda: setattr(demo_server, "intercept", layout_changed), refresh=2)
    s.check(f, "(update poll) announced 2 new blocks", "has live-blog islands", "trying again")
    assert not s.events.of(Stopped)
    assert s.events.changed("new", "page")[-1].id == s.added[0]


async def test_poll_endpoint_gone_falls_back_to_page_reads(
    demo_server: DemoServer, cache: Cache
) -> None:
    s = Scenario(demo_server, cache)
    f = await s.run(poll_fault(demo_server, Fault.NOT_FOUND_404, None))
    notes = [st.last_error for st in s.events.statuses() if st.last_error]
    assert any("HTTP 404" in n and "page 1" in n for n in notes)
    assert s.events.changed("new", "page")[-1].id == s.added[0]
    assert not s.events.of(Stopped) and f.status.failures == 0


@pytest.mark.parametrize("fault", [Fault.NOT_FOUND_404, Fault.GONE_410])
async def test_page_gone_stops_following(
    demo_server: DemoServer, cache: Cache, fault: Fault
) -> None:
    s = Scenario(demo_server, cache)
    f = follower(demo_server.url, cache, s.time, s.events, s.fetcher, refresh=2, max_interval=1.0)
    s.time.once(lambda: faults(demo_server).add(fault, None, BLOG_PATH))
    await asyncio.wait_for(f.run(), 20)  # returns by itself
    [stopped] = s.events.of(Stopped)
    assert f"HTTP {fault.value}" in stopped.reason and "stops following" in stopped.reason
    assert f.status.state == "stopped"
    assert cache.load(f.url).entries  # what was read is kept


async def test_first_contact_survives_faults_and_a_304_nobody_asked_for(
    demo_server: DemoServer, cache: Cache
) -> None:
    faults(demo_server).add(Fault.NOT_MODIFIED_NO_VALIDATORS, 1, BLOG_PATH)
    faults(demo_server).add(Fault.ERROR_500, 1, BLOG_PATH)
    s = Scenario(demo_server, cache)
    f = follower(demo_server.url, cache, s.time, s.events, s.fetcher, once=True, max_interval=1.0)
    await asyncio.wait_for(f.run(), 20)
    s.added.append(demo_server.blog.most_recent_id or "")
    s.check(f, "304 Not Modified to an unconditional request", "HTTP 500")


async def test_a_fault_in_the_middle_of_the_history_walk_loses_nothing(
    make_demo_server: MakeServer, cache: Cache
) -> None:
    server = make_demo_server(blog_factory=lambda url: DemoBlog.synthetic(60, base_url=url))
    s = Scenario(server, cache)
    pages = {"n": 0}

    def on_event(event: Any) -> None:
        s.events(event)
        if type(event).__name__ == "BackfillProgress" and event.pages_done == 2:
            faults(server).add(Fault.RESET, 1, BLOG_PATH)
            faults(server).add(Fault.ERROR_503, 1, BLOG_PATH, retry_after="30")
            pages["n"] += 1

    f = follower(server.url, cache, s.time, on_event, s.fetcher, once=True, max_interval=1.0)
    await asyncio.wait_for(f.run(), 20)
    assert pages["n"] == 1
    s.added.append(server.blog.most_recent_id or "")
    s.check(f, "HTTP 503")


async def test_refused_while_the_server_is_down_then_recovers(
    make_demo_server: MakeServer, cache: Cache
) -> None:
    server = make_demo_server()
    blog, port = server.blog, server.http.port
    s = Scenario(server, cache)
    revived: list[DemoServer] = []

    def revive_after_three_failures() -> None:
        if not revived and len(s.events.errors()) >= 3:
            again = DemoServer(port=port, blog_factory=lambda _url: blog, poll_max_age=None)
            again.start()
            revived.append(again)

    s.time.hooks.append(revive_after_three_failures)
    try:
        f = await s.run(server.stop)
    finally:
        for again in revived:
            again.stop()
    s.check(f, "connection refused")


@pytest.mark.parametrize(
    ("error", "words"),
    [
        (
            httpx.ConnectError("[Errno -2] Name or service not known"),
            "DNS lookup failed",
        ),
        (httpx.ConnectTimeout("timed out"), "no answer within"),
    ],
    ids=["dns", "connect-timeout"],
)
async def test_failures_before_any_server_answers(
    demo_server: DemoServer, cache: Cache, error: Exception, words: str
) -> None:
    transport = FlakyTransport()
    if "Name or service" in str(error):
        error.__cause__ = socket.gaierror(-2, "Name or service not known")
    s = Scenario(demo_server, cache, transport=transport)
    f = await s.run(lambda: transport.failures.extend([error, error]))
    s.check(f, words)


async def test_gzip_bomb_through_the_follower_stays_under_100_mb(
    demo_server: DemoServer, cache: Cache
) -> None:
    s = Scenario(demo_server, cache, timeout=5.0, deadline=10.0)  # bytes, not time (see above)
    tracemalloc.start()
    try:
        baseline, _ = tracemalloc.get_traced_memory()
        tracemalloc.reset_peak()
        f = await s.run(poll_fault(demo_server, Fault.GZIP_BOMB, 2, size=1 << 30))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    s.check(f, "larger than 8 MiB after decompression")
    assert peak - baseline < 100 * 1024 * 1024, (peak - baseline) / 2**20
