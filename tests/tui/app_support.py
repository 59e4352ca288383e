"""Helpers for the app's Pilot tests: start the app on the demo server, wait for things.

The app runs with a fixed clock (:data:`NOW`, as a snapshot would), so the
follower reads the blog on first contact and then asks again only on ``r``:
every poll in these tests is one the test asked for, and what arrives is
exactly what the test made the demo server do (``server.advance()``).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from datetime import datetime
from typing import Any

from textual.worker import Worker

from liveread.cache import Cache
from liveread.demo.server import DemoServer
from liveread.follow import Follower, FollowSettings
from liveread.tui.app import LivereadApp
from liveread.tui.blog import BlogTab
from liveread.tui.feed import FeedView

from .harness import NOW, fixed_clock, screen_lines

__all__ = [
    "NOW",
    "SETTINGS",
    "blog_screen",
    "cache_blog",
    "feed_text",
    "fixed_clock",
    "follow_worker",
    "make_app",
    "open_blog",
    "published",
    "shown_blog",
    "wait_for",
]

#: Quick polling on loopback (with the fixed clock only r polls after first contact).
SETTINGS = FollowSettings(interval=0.5, refresh=0.5)
WIDE = (120, 40)
NARROW = (80, 24)


def make_app(url: str | None = None, **kwargs: Any) -> LivereadApp:
    """The app with a fixed clock and quick settings (override with kwargs)."""
    kwargs.setdefault("clock", fixed_clock)
    kwargs.setdefault("settings", SETTINGS)
    return LivereadApp(url, **kwargs)


async def wait_for(
    pilot: Any, condition: Callable[[], object], timeout: float = 10.0, what: str = ""
) -> None:
    """Let the app run until *condition()* is true; fail after *timeout* seconds."""
    end = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > end:
            raise AssertionError(f"timed out waiting for {what or condition}")
        await pilot.pause(0.02)
    await pilot.pause()


def shown_blog(app: LivereadApp) -> BlogTab | None:
    """The blog whose tab is shown on the reader screen in front, or None."""
    if app.screen is not app.tabs_screen:
        return None
    return app.tabs_screen.blog_tab


def blog_screen(app: LivereadApp) -> BlogTab:
    """The blog shown (its tab, on the reader screen in front)."""
    view = shown_blog(app)
    assert view is not None, app.screen
    return view


async def open_blog(pilot: Any, *, live: bool = True) -> BlogTab:
    """Wait until the blog shown is read (history read, following live)."""
    app = pilot.app

    def ready() -> bool:
        screen = shown_blog(app)
        if screen is None or not screen.feed.is_mounted or not screen.feed.shown_ids:
            return False
        status = screen.liveness.status
        return not live or (status is not None and status.state == "live")

    await wait_for(pilot, ready, what="the blog to be read")
    return blog_screen(app)


def follow_worker(screen: BlogTab) -> Worker[None] | None:
    """The screen's follow worker while it runs (Textual forgets finished workers)."""
    return next((w for w in screen.app.workers if w.node is screen and w.group == "follow"), None)


def feed_text(feed: FeedView) -> str:
    """The feed's visible lines as one string."""
    return "\n".join(screen_lines(feed))


async def cache_blog(server: DemoServer, cache_path: Any = None) -> str:
    """Read the demo blog into the cache once (headless), as ``liveread follow --once``."""
    settings = FollowSettings.for_url(server.url, once=True)
    with Cache(cache_path) as cache:
        follower = Follower(server.url, cache, settings=settings, on_event=lambda _e: None)
        await asyncio.wait_for(follower.run(), timeout=20)
        return follower.url


def now() -> datetime:
    """The tests' fixed "now"."""
    return NOW


def published(server: DemoServer) -> str:
    """Advance the story to its next new entry; return its id."""
    for _ in range(50):
        for happening in server.advance():
            if happening.kind == "publish" and happening.entry_id:
                return happening.entry_id
    raise AssertionError("nothing published")
