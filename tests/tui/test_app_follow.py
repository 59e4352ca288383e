"""The follow seam in the app: one message carrying each follow event, one liveness owned by
the screen driving the header, ``r`` and the indicator, and a clean stop on leaving.

The real app, the real follower and the demo server, with a fixed clock.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from typing import Any

from textual.message import Message
from textual.worker import Worker, WorkerState

from liveread.cache import Cache, Changes
from liveread.demo.server import DemoServer
from liveread.follow import Applied, BackfillProgress, Ended, FollowStatus, StatusChanged
from liveread.tui.blog_screen import BlogView
from liveread.tui.library import LibraryScreen
from liveread.tui.liveness import Liveness
from liveread.tui.messages import Followed
from tests.support.faults import Fault, faults

from .app_support import (
    NOW,
    WIDE,
    cache_blog,
    follow_worker,
    make_app,
    open_blog,
    published,
    wait_for,
)


def watch_leaving(screen: BlogView, worker: Worker[None], monkeypatch: Any) -> list[object]:
    """The follow worker's state at the moment the screen's ``leave()`` returns."""
    states: list[object] = []
    leave = screen.leave

    async def leave_and_look() -> None:
        await leave()
        states.append(worker.state)

    monkeypatch.setattr(screen, "leave", leave_and_look)
    return states


async def test_follow_events_reach_the_screen_as_they_are_in_one_message(
    demo_server: DemoServer,
) -> None:
    seen: list[Followed] = []

    def hook(message: Message) -> None:
        if isinstance(message, Followed):
            seen.append(message)

    app = make_app(demo_server.url)
    async with app.run_test(size=WIDE, message_hook=hook) as pilot:
        screen = await open_blog(pilot)
        demo_server.change(lambda blog: blog.end())
        await pilot.press("r")
        await wait_for(pilot, lambda: screen.liveness.ended, what="the end")
    assert {m.url for m in seen} == {screen.url}
    kinds = {type(m.event) for m in seen}
    assert {StatusChanged, Applied, BackfillProgress, Ended} <= kinds
    states = [m.event.status.state for m in seen if isinstance(m.event, StatusChanged)]
    assert states[0] == "connecting" and "live" in states and states[-1] == "ended"


async def test_the_screens_liveness_drives_the_header_and_r(demo_server: DemoServer) -> None:
    app = make_app(demo_server.url)
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_blog(pilot)
        header = screen.header
        assert header.liveness == screen.liveness and header.title_text.startswith(" LIVE")
        # (With the fixed clock the follower says nothing more until r: these values stay.)
        since = NOW - timedelta(minutes=3)
        offline = FollowStatus("offline", offline_since=since, last_error="HTTP 503 from demo")
        screen.liveness = replace(screen.liveness, status=offline)
        await pilot.pause()
        assert header.title_text.startswith(" OFFLINE")
        assert header.status_text.endswith("— HTTP 503 from demo")
        told = [n for n in app.notices if n.startswith("Offline: HTTP 503 from demo")]
        screen.liveness = replace(screen.liveness, status=replace(offline, failures=2))
        await pilot.pause()
        assert len(told) == 1 and app.notices.count(told[0]) == 1  # said once per outage
        screen.liveness = replace(screen.liveness, status=FollowStatus("ended"))
        await pilot.pause()
        assert header.title_text.startswith(" ENDED")
        await pilot.press("r")  # decided from the screen's value, not from the follower
        assert app.notices[-1].startswith("The blog has ended")
        screen.liveness = Liveness(stopped="HTTP 410 Gone")
        await pilot.pause()
        assert header.title_text.startswith(" STOPPED") and "410" in header.status_text
        await pilot.press("r")
        assert app.notices[-1] == "Not following this blog any more."


async def test_the_screens_count_drives_the_indicator(demo_server: DemoServer) -> None:
    app = make_app(demo_server.url)
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_blog(pilot)
        indicator = screen.indicator
        assert screen.new_count == 0 and not indicator.display
        await pilot.press("pagedown")  # away from the top: arrivals are counted
        new_id = published(demo_server)
        await pilot.press("r")
        await wait_for(pilot, lambda: screen.new_count == 1, what="the count")
        assert indicator.count == 1 and indicator.display
        assert "1 new entry" in str(indicator.content)
        await pilot.press("n")
        await pilot.pause()
        assert screen.new_count == 0 and not indicator.display
        assert screen.feed.entry_at_top() == new_id


async def test_changes_from_anywhere_go_the_one_way_in(demo_server: DemoServer) -> None:
    """What the follower applies and what another writer of the cache applies look alike."""
    app = make_app(demo_server.url)
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_blog(pilot)
        await pilot.press("pagedown")
        entry = screen.feed.entry(screen.feed.shown_ids[0])
        assert entry is not None
        arrival = entry.with_changes(id="elsewhere", published=entry.published + timedelta(1))
        screen.apply_changes(Changes(new=(arrival,)))
        await pilot.pause()
        assert screen.feed.entry("elsewhere") is not None and screen.new_count == 1


async def test_leaving_lets_the_write_in_progress_finish(
    demo_server: DemoServer, monkeypatch: Any
) -> None:
    url = await cache_blog(demo_server)
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        screen = await open_blog(pilot)
        worker = follow_worker(screen)
        assert worker is not None
        new_id = published(demo_server)
        writes: list[Changes] = []
        apply = app.cache.apply

        def apply_and_leave(*args: Any, **kwargs: Any) -> Changes:
            # The reader closes the tab (Ctrl+W) while the poll's answer is being written.
            app.reader.call_later(app.reader.action_close_tab)
            changes = apply(*args, **kwargs)
            writes.append(changes)
            return changes

        monkeypatch.setattr(app.cache, "apply", apply_and_leave)
        left = watch_leaving(screen, worker, monkeypatch)
        await pilot.press("r")
        await wait_for(pilot, lambda: isinstance(app.screen, LibraryScreen), what="Ctrl+W")
        # Closing waited for the follower to return by itself: not cancelled in its write.
        assert left == [WorkerState.SUCCESS]
        assert any(new_id in {e.id for e in changes.new} for changes in writes)
        requests = demo_server.stats.requests
        await pilot.pause(0.8)  # more than the polling interval
        assert demo_server.stats.requests == requests  # no more following
    with Cache() as cache:
        assert cache.entry(url, new_id) is not None  # the write is in the cache, whole


async def test_leaving_abandons_a_request_in_flight(
    demo_server: DemoServer, monkeypatch: Any
) -> None:
    url = await cache_blog(demo_server)
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        screen = await open_blog(pilot)
        worker = follow_worker(screen)
        assert worker is not None
        new_id = published(demo_server)
        faults(demo_server).add(Fault.SLOW, times=None, delay=5.0)
        left = watch_leaving(screen, worker, monkeypatch)
        requests = demo_server.stats.requests
        await pilot.press("r")
        await wait_for(pilot, lambda: demo_server.stats.requests > requests, what="the request")
        await pilot.press("ctrl+w")
        # Back at once (well before the 5 s answer): nothing was being written.
        assert isinstance(app.screen, LibraryScreen)
        assert left == [WorkerState.SUCCESS]
    with Cache() as cache:
        assert cache.entry(url, new_id) is None


async def test_a_follower_that_crashes_is_handled_in_one_place(
    demo_server: DemoServer, monkeypatch: Any
) -> None:
    app = make_app(demo_server.url)
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_blog(pilot)
        shown = screen.feed.shown_ids

        def broken(*args: Any, **kwargs: Any) -> Changes:
            raise RuntimeError("a bug")

        monkeypatch.setattr(app.cache, "apply", broken)
        published(demo_server)
        await pilot.press("r")
        await wait_for(pilot, lambda: screen.liveness.stopped, what="the failure")
        assert screen.liveness.stopped == "following failed: RuntimeError: a bug"
        assert screen.header.title_text.startswith(" STOPPED")
        assert app.notices[-1] == screen.liveness.stopped
        assert screen.feed.shown_ids == shown  # still readable
        await pilot.press("r")
        assert app.notices[-1] == "Not following this blog any more."
