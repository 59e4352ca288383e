"""Section 9, Politeness: requests per hour per source, idle and busy, against the sites' own pace.

Simulated hours over real loopback sockets (:mod:`bench.polling_sim`'s clock
and counting transport), counted by the demo server, one fresh server per
run. The blog is followed under a host name that is not loopback
(``politeness.test``, which the transport takes to the demo server), so the
follower keeps the floors and the cadence it keeps for a real site: the
default settings for a remote host (10 s at the shortest, page 1 re-read
every 120 s at the shortest) and the source's own ``min_interval`` (15 s for
the BBC, Al Jazeera and Brightspot). The period starts once the blog's
history is read.

- **liveread**: every request the follower makes in the hour (polls, page
  re-reads, entries read on their own).
- **the site's front end**: the requests its own page's script makes in the
  same hour on the same server, replayed at its documented cadence: the BBC's
  stream page 1 every 15 s (simorgh's POLLING_INTERVAL); Brightspot's posts
  endpoint every 15 s with ``since=`` (LiveBlog.js's CONTENT_DELTA_RANGE); Al
  Jazeera's shell every 15 s (the site's own cadence is not known: 15 s is a
  third-party poller's) and each new update once. A World Service page's own
  poll goes to a host that is not known; Sky, Le Monde and the Telegraph
  document no poll at all: those rows have no baseline.

Idle: the blog does not change. Busy: the demo story unfolds at its scripted
pace through the hour (publications, edits, a removal, a key event).
Informational rows: no target. ``--quick`` simulates 10 minutes.
"""

from __future__ import annotations

import asyncio
import math
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import httpx
from selectolax.lexbor import LexborHTMLParser

from bench.api import Context, Row
from bench.polling_sim import (
    CountingTransport,
    SimClock,
    Tally,
    demo_server,
    drive_story,
    follow_simulated,
)
from bench.stats import figure, ratio
from liveread.demo.server import DemoServer
from liveread.follow import FollowEvent, FollowSettings, StatusChanged
from liveread.sources import aljazeera, bbc, brightspot
from liveread.sources import read as read_page

__all__ = ["CADENCE", "HOST", "SOURCES", "run"]

_S = "politeness"
#: The host the blogs are followed under: not loopback, so a real site's floors hold.
HOST = "politeness.test"
#: Seconds between two polls of the sites' own front ends (documented, or the known poller's).
CADENCE = 15.0


@dataclass(frozen=True)
class Site:
    """One source as the bench follows it.

    Attributes:
        name: The row's name.
        url: The blog's URL on a demo server.
        front_end: Replays the site's own page's polling, or None when it is not known.
        cadence: How the front end's cadence is known (the note).

    """

    name: str
    url: Callable[[DemoServer], str]
    front_end: Callable[[DemoServer, httpx.AsyncClient], FrontEnd] | None
    cadence: str


class FrontEnd:
    """What a site's own page asks, tick by tick (the requests the bench replays)."""

    async def start(self) -> None:
        """Read what the page names, once, before the hour (not counted)."""

    async def tick(self, now_ms: int) -> None:
        """The requests of one poll."""


class BBCFrontEnd(FrontEnd):
    """simorgh: the newest stream page, every 15 s (on the query the page names)."""

    def __init__(self, server: DemoServer, client: httpx.AsyncClient) -> None:
        self.page, self.client, self.poll = server.url_for("bbc"), client, ""

    async def start(self) -> None:
        html = (await self.client.get(self.page)).text
        query = bbc.stream_query(html)
        assert query is not None
        self.poll = bbc.stream_url(self.page, query, 1)

    async def tick(self, now_ms: int) -> None:
        (await self.client.get(self.poll)).raise_for_status()


class AlJazeeraFrontEnd(FrontEnd):
    """The shell every 15 s (with ``wp-site``), and each update it newly lists, once."""

    def __init__(self, server: DemoServer, client: httpx.AsyncClient) -> None:
        self.page, self.client = server.url_for("aljazeera"), client
        self.known: set[str] = set()
        self.shell = ""

    async def _ids(self) -> list[str]:
        answer = await self.client.get(self.shell, headers=self._headers)
        return [i for i, _ in aljazeera.read_shell(answer.json(), self.page).updates]

    async def start(self) -> None:
        _, snapshot = read_page((await self.client.get(self.page)).content, self.page)
        assert snapshot.feed is not None
        self.shell, self._headers = snapshot.feed.url, dict(snapshot.feed.headers)
        self.known = set(await self._ids())

    async def tick(self, now_ms: int) -> None:
        for new in [i for i in await self._ids() if i not in self.known]:
            url = aljazeera.request_url(
                self.page, aljazeera.UPDATE_OP, aljazeera.update_variables(int(new))
            )
            (await self.client.get(url, headers=self._headers)).raise_for_status()
            self.known.add(new)


class BrightspotFrontEnd(FrontEnd):
    """LiveBlog.js: the posts endpoint every 15 s, ``since`` the newest post it has."""

    def __init__(self, server: DemoServer, client: httpx.AsyncClient) -> None:
        self.page, self.client = server.url_for("brightspot"), client
        self.endpoint, self.since = "", 0

    async def start(self) -> None:
        tree = LexborHTMLParser((await self.client.get(self.page)).text)
        listed = brightspot.live_list(tree, self.page)
        assert listed is not None and listed.endpoint is not None
        self.endpoint = listed.endpoint
        self.since = (
            brightspot.newest_ms(brightspot.read_page(tree, self.page, "bench").entries) or 0
        )

    async def tick(self, now_ms: int) -> None:
        answer = await self.client.get(brightspot.poll_url(self.endpoint, self.since, now_ms))
        posts = brightspot.read_answer(LexborHTMLParser(answer.text), self.page)
        self.since = max(self.since, brightspot.newest_ms(posts) or 0)


#: The sources measured, in the order of the table.
SOURCES: tuple[Site, ...] = (
    Site("bbc", lambda s: s.url_for("bbc"), BBCFrontEnd, "simorgh polls every 15 s"),
    Site(
        "bbc world service",
        lambda s: s.bbc_ws_url,
        None,
        "its page polls every 15 s, from a host not known: no baseline",
    ),
    Site(
        "aljazeera",
        lambda s: s.url_for("aljazeera"),
        AlJazeeraFrontEnd,
        "the site's cadence is not known: 15 s, a third-party poller's, plus each new update",
    ),
    Site(
        "brightspot",
        lambda s: s.url_for("brightspot"),
        BrightspotFrontEnd,
        "LiveBlog.js polls every 15 s",
    ),
    Site("sky", lambda s: s.url_for("sky"), None, "no poll documented: no baseline"),
    Site("lemonde", lambda s: s.url_for("lemonde"), None, "no poll documented: no baseline"),
    Site("telegraph", lambda s: s.url_for("telegraph"), None, "no poll documented: no baseline"),
)


class ToDemo(CountingTransport):
    """The counting transport, taking :data:`HOST` to the demo server on this machine."""

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        """Send a request for HOST to 127.0.0.1 (same port); count it as it goes."""
        if request.url.host == HOST:
            request.url = request.url.copy_with(host="127.0.0.1")
        return await super().handle_async_request(request)


async def _follow(site: Site, seconds: float, busy: bool, db: Path) -> Tally:
    happenings: list[object] = []
    with demo_server(happenings.append) as server:
        url = site.url(server).replace("127.0.0.1", HOST, 1)
        settings = FollowSettings.for_url(url)  # a remote host's defaults and floors
        transport, sim = ToDemo(), SimClock()
        errors: list[str] = []

        def on_event(event: FollowEvent) -> None:
            if not isinstance(event, StatusChanged):
                return
            status = event.status
            if status.failures and status.last_error:
                errors.append(status.last_error)
            settled = status.next_poll is not None and status.next_poll - sim.now > timedelta(
                seconds=settings.interval / 2
            )
            if status.state == "live" and settled and sim.start is None:
                # The history is read (no more entries to read at once): the hour starts.
                sim.begin(seconds)
                server.stats.reset()
                transport.request_bytes = 0
                if busy:
                    drive_story(server, sim)

        follower = await follow_simulated(url, db, transport, settings, on_event, sim, timeout=300)
        if sim.start is None or errors:
            raise RuntimeError(f"following {site.name} went wrong: {errors or follower.status}")
        return Tally.of(server.stats.log, transport.request_bytes, len(happenings), seconds)


async def _front_end(site: Site, seconds: float, busy: bool) -> Tally:
    assert site.front_end is not None
    happenings: list[object] = []
    with demo_server(happenings.append) as server:
        transport, sim = CountingTransport(), SimClock()
        async with httpx.AsyncClient(transport=transport) as client:
            poller = site.front_end(server, client)
            await poller.start()
            server.stats.reset()
            transport.request_bytes = 0
            sim.begin(seconds)
            if busy:
                drive_story(server, sim)
            start = sim.now
            for k in range(math.ceil(seconds / CADENCE)):
                sim.now = start + timedelta(seconds=k * CADENCE)
                await poller.tick(int(sim.now.timestamp() * 1000))
        return Tally.of(server.stats.log, transport.request_bytes, len(happenings), seconds)


def _runs(make: Callable[[], Awaitable[Tally]], repeats: int) -> list[Tally]:
    return [asyncio.run(make()) for _ in range(repeats)]


def run(ctx: Context) -> list[Row]:
    """Follow each source's demo blog for a simulated hour, idle and busy; count the requests."""
    seconds = 600.0 if ctx.quick else 3600.0
    repeats = ctx.repeats(2, 1)
    per_hour = 3600.0 / seconds
    rows: list[Row] = []
    made = 0
    for site in SOURCES:
        for busy in (False, True):
            state = "busy" if busy else "idle"
            ctx.log(f"politeness: {site.name}, {state}")
            ours = []
            for _ in range(repeats):
                made += 1
                db = ctx.workdir / f"cache-{made}.sqlite3"
                ours.append(asyncio.run(_follow(site, seconds, busy, db)))
            theirs = (
                _runs(lambda s=site, b=busy: _front_end(s, seconds, b), repeats)
                if (site.front_end is not None)
                else []
            )
            value = figure([t.requests * per_hour for t in ours], "count")
            baseline = figure([t.requests * per_hour for t in theirs], "count") if theirs else None
            against = "÷ the site's own front end" if baseline else "(no baseline)"
            rows.append(
                Row(
                    _S,
                    f"{site.name}: requests per hour, {state} blog, liveread {against}",
                    value,
                    baseline,
                    ratio(value, baseline) if baseline else None,
                    note=site.cadence,
                    details={
                        "seconds": seconds,
                        "requests": [t.requests for t in ours],
                        "front_end_requests": [t.requests for t in theirs],
                        "happenings": ours[0].happenings,
                        "statuses": {kind: tally.statuses for kind, tally in ours[0].kinds.items()},
                    },
                )
            )
    return rows
