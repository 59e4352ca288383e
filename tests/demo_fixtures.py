"""Pytest plugin: the demo server on a free loopback port, and tools to drive a Follower.

Registered from ``tests/conftest.py`` (``pytest_plugins``). Fixtures:

- ``make_demo_server(**kwargs)``: start a :class:`~liveread.demo.server.DemoServer`
  (story clock stopped unless ``speed`` is given; the poll sends no max-age
  unless asked), stopped after the test.
- ``demo_server``: one such server with the default demo blog.
- ``fake_time``: a :class:`FakeTime` (an injectable clock and sleep that
  never really waits).

Helpers: :class:`Events` (an ``on_event`` that records), :class:`RecordingFetcher`
(a Fetcher that notes when it was asked what) and :func:`run_until`.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator, Sequence
from datetime import datetime, timedelta, timezone
from typing import Any

import httpx
import pytest

from liveread.demo.server import DemoServer
from liveread.demo.story import DEFAULT_START
from liveread.fetch import Fetcher, FetchResult, ValidatorsLike
from liveread.follow import Applied, Follower, FollowEvent, StatusChanged
from liveread.model import Entry
from tests.support.hostile import hostile_blog

#: Arguments that keep ``liveread follow``'s polls at the interval given, never slower: a
#: demo story is dated at DEFAULT_START, so on the real clock its quiet spell (counted from
#: its newest entry's own time) is days long and polls would wait the longest.
STEADY = ("--max-interval", "0.5")


class FakeTime:
    """A clock that moves only when the follower sleeps; sleeping costs no real time.

    Attributes:
        now: The fake present.
        sleeps: Every delay asked of :meth:`sleep`.
        hooks: Called (no arguments) at each sleep: tests change the server there.

    """

    def __init__(self, start: datetime | None = None) -> None:
        self.now = start or datetime.now(timezone.utc)
        self.sleeps: list[float] = []
        self.hooks: list[Callable[[], object]] = []

    def clock(self) -> datetime:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += timedelta(seconds=seconds)
        for hook in list(self.hooks):
            hook()
        await asyncio.sleep(0.001)  # let the event loop breathe; no real wait

    def once(self, action: Callable[[], object]) -> None:
        """Run *action* at the next sleep only."""

        def hook() -> None:
            self.hooks.remove(hook)
            action()

        self.hooks.append(hook)


class Events(list):  # type: ignore[type-arg]
    """An ``on_event`` callback that keeps every event."""

    def __call__(self, event: FollowEvent) -> None:
        self.append(event)

    def applied(self, origin: str | None = None) -> list[Applied]:
        return [e for e in self if isinstance(e, Applied) and origin in (None, e.origin)]

    def changed(self, kind: str, origin: str | None = None) -> list[Entry]:
        """Every entry reported in one group ("new", "edited", "removed", "reflagged")."""
        return [x for e in self.applied(origin) for x in getattr(e.changes, kind)]

    def of(self, kind: type) -> list[Any]:
        return [e for e in self if isinstance(e, kind)]

    def statuses(self) -> list[Any]:
        return [e.status for e in self if isinstance(e, StatusChanged)]

    def errors(self) -> list[str]:
        return [s.last_error for s in self.statuses() if s.failures and s.last_error]


class RecordingFetcher(Fetcher):
    """A Fetcher that records (fake time, URL) of every request it is asked to make."""

    def __init__(self, time: FakeTime | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.time = time
        self.calls: list[tuple[datetime, str]] = []

    async def get(
        self,
        url: str,
        validators: ValidatorsLike | None = None,
        *,
        accept: str | None = None,
        headers: Sequence[tuple[str, str]] = (),
    ) -> FetchResult:
        when = self.time.now if self.time else datetime.now(timezone.utc)
        self.calls.append((when, url))
        return await super().get(url, validators, accept=accept, headers=headers)

    def polls(self) -> list[tuple[datetime, str]]:
        return [(t, u) for t, u in self.calls if "lastUpdate=" in u]


class FlakyTransport(httpx.AsyncBaseTransport):
    """The real network, except for the exceptions staged in :attr:`failures` (raised first)."""

    def __init__(self) -> None:
        self.inner = httpx.AsyncHTTPTransport()
        self.failures: list[Exception] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if self.failures:
            raise self.failures.pop(0)
        return await self.inner.handle_async_request(request)

    async def aclose(self) -> None:
        await self.inner.aclose()


async def run_until(
    follower: Follower, done: Callable[[], bool], timeout: float = 20.0
) -> asyncio.Task[None]:
    """Run *follower* until *done()* is true (checked every few ms), then stop it.

    Returns the finished run task; fails the test if *done* never came.
    """
    task = asyncio.ensure_future(follower.run())
    loop = asyncio.get_running_loop()
    end = loop.time() + timeout
    while not done() and not task.done():
        if loop.time() > end:
            follower.stop()
            await task
            pytest.fail(f"condition not reached within {timeout} s; status {follower.status}")
        await asyncio.sleep(0.005)
    follower.stop()
    await asyncio.wait_for(task, timeout=10)
    return task


@pytest.fixture
def make_demo_server() -> Iterator[Callable[..., DemoServer]]:
    servers: list[DemoServer] = []

    def make(*, hostile: bool = False, **kwargs: Any) -> DemoServer:
        """A started demo server (with *hostile*: telling the hostile story)."""
        kwargs.setdefault("poll_max_age", None)
        if "blog_factory" not in kwargs:
            kwargs.setdefault("start", DEFAULT_START)
        if hostile:
            start, ends = kwargs.pop("start"), kwargs.pop("ends", False)
            kwargs["blog_factory"] = lambda url: hostile_blog(url, start, ends=ends)
        server = DemoServer(**kwargs)
        server.start()
        servers.append(server)
        return server

    yield make
    for server in servers:
        server.stop()


@pytest.fixture
def demo_server(make_demo_server: Callable[..., DemoServer]) -> DemoServer:
    return make_demo_server()


@pytest.fixture
def fake_time() -> FakeTime:
    return FakeTime()
