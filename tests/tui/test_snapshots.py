"""Snapshot tests of the app's screens (pytest-textual-snapshot), on the demo blog.

Each test drives the real app against the demo server and compares an SVG of
the screen with the one stored in ``__snapshots__/test_snapshots/``. After an
intended change of the UI, regenerate them and look at every changed file::

    pytest tests/tui/test_snapshots.py --snapshot-update

The screens must be the same on every run and every machine, so nothing on
them may depend on when, where or how fast the test runs:

- one clock for the app, its cache and its follower (:class:`MovableClock`,
  the demo's 14:35, moved by hand only): the ages, "checked 14:35", the
  "edited" badge, the revisions' times and the library's "Newest entry" and
  "Checked" columns
  (the cache stamps first-seen and revision times with its own clock, so the
  app gets a cache on that clock too);
- ``TZ=UTC`` (times are shown in local time), no ``NO_COLOR``, and Textual's
  default theme named (``TEXTUAL_THEME`` could change it);
- a fixed terminal size;
- the demo server's random port never shows: the blog's title stands where its
  URL would, and the library shows the host alone. :func:`done` checks that no
  loopback address is on screen;
- the follower asks the server only on first contact and on ``r`` (the clock
  does not run), and the server's story changes only when a test says so.

``snap_compare`` runs the app itself (``App.run``, its own event loop), so these
tests are plain functions, and the Pilot work goes in ``run_before``.
"""

from __future__ import annotations

import asyncio
import os
import time
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from typing import Any

import pytest

from liveread.alerts import Watch
from liveread.cache import Cache
from liveread.demo.server import DemoServer
from liveread.follow import Follower, FollowSettings
from liveread.tui.app import LivereadApp
from liveread.tui.screens import DiffScreen, HelpScreen, LibraryScreen, WatchesScreen

from .app_support import NARROW, NOW, SETTINGS, WIDE, feed_text, open_blog, wait_for

SnapCompare = Callable[..., bool]
#: Textual's default theme, named: a TEXTUAL_THEME in the environment must not change it.
THEME = "textual-dark"
Pilot = Any


class MovableClock:
    """A clock that stands still unless a test moves it.

    Attributes:
        now: The present for the app, its cache and the follower.

    """

    def __init__(self, now: datetime = NOW) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture(autouse=True)
def utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Show times in UTC, whatever the machine's zone (put back afterwards); colours on."""
    monkeypatch.delenv("NO_COLOR", raising=False)
    before = os.environ.get("TZ")
    os.environ["TZ"] = "UTC"
    time.tzset()
    yield
    if before is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = before
    time.tzset()


@pytest.fixture
def clock() -> MovableClock:
    return MovableClock()


@pytest.fixture
def cache(clock: MovableClock) -> Iterator[Cache]:
    """The app's cache, in the test's LIVEREAD_HOME, stamping times with the test's clock."""
    with Cache(now=clock) as opened:
        yield opened


def make_app(url: str | None, cache: Cache, clock: MovableClock) -> LivereadApp:
    """The real app on the test's cache and clock (no signal handlers: pytest owns them)."""
    app = LivereadApp(url, cache=cache, clock=clock, settings=SETTINGS, handle_signals=False)
    app.theme = THEME
    return app


async def done(pilot: Pilot) -> None:
    """Let the screen settle before the picture; check that no URL with the port shows."""
    app = pilot.app
    app.clear_notifications()  # notices time out: they must not be in the picture
    await pilot.pause()
    assert "127.0.0.1:" not in app.export_screenshot(), "a URL with the server's port shows"


# -- the blog screen ----------------------------------------------------------------


def test_main_screen_wide(
    snap_compare: SnapCompare, demo_server: DemoServer, cache: Cache, clock: MovableClock
) -> None:
    """120x40: the header, the key-events pane beside the feed, the pinned strip, the footer."""

    async def run_before(pilot: Pilot) -> None:
        screen = await open_blog(pilot)
        assert screen.pane_visible
        await done(pilot)

    app = make_app(demo_server.url, cache, clock)
    assert snap_compare(app, terminal_size=WIDE, run_before=run_before)


def test_main_screen_narrow(
    snap_compare: SnapCompare, demo_server: DemoServer, cache: Cache, clock: MovableClock
) -> None:
    """80x24: the key-events pane folded away, the feed across the whole width."""

    async def run_before(pilot: Pilot) -> None:
        screen = await open_blog(pilot)
        assert not screen.pane_visible
        await done(pilot)

    app = make_app(demo_server.url, cache, clock)
    assert snap_compare(app, terminal_size=NARROW, run_before=run_before)


def test_after_a_key_event_jump(
    snap_compare: SnapCompare, demo_server: DemoServer, cache: Cache, clock: MovableClock
) -> None:
    """Straight after 3: the third key event's entry at the top of the feed, marked,
    and highlighted in the pane."""

    async def run_before(pilot: Pilot) -> None:
        screen = await open_blog(pilot)
        third = screen.pane.entry_ids[2]
        await done(pilot)
        await pilot.press("3")  # the mark fades after 1.5 s: the picture comes at once
        assert screen.feed.entry_at_top() == third and screen.feed.marked == third

    app = make_app(demo_server.url, cache, clock)
    assert snap_compare(app, terminal_size=WIDE, run_before=run_before)


@pytest.mark.parametrize(
    ("kind", "site"),
    [("reach", "Marlhaven Live"), ("amp", "Marlhaven Today")],
    ids=["reach", "amp"],
)
def test_key_events_and_captions_on_other_sites(
    snap_compare: SnapCompare,
    demo_server: DemoServer,
    cache: Cache,
    clock: MovableClock,
    kind: str,
    site: str,
) -> None:
    """The demo as a Reach-platform page and as an AMP live list: the key events (from
    the entries' markers and the key-events box) in the pane, a photo's caption and
    credit inline, the site's own name in the header, and from when liveread has a
    blog its site shows only a window of."""

    async def run_before(pilot: Pilot) -> None:
        screen = await open_blog(pilot)
        assert screen.pane.entry_ids and screen.pane_visible
        assert screen.header.site_text == site and screen.header.history
        assert "Photo " in feed_text(screen.feed)
        await done(pilot)

    url = demo_server.reach_url if kind == "reach" else demo_server.amp_url
    app = make_app(url, cache, clock)
    assert snap_compare(app, terminal_size=WIDE, run_before=run_before)


def test_search_results(
    snap_compare: SnapCompare, demo_server: DemoServer, cache: Cache, clock: MovableClock
) -> None:
    """/ Tollbridge Enter: only the entries holding the word, the word highlighted, and
    the search bar saying how many."""

    async def run_before(pilot: Pilot) -> None:
        screen = await open_blog(pilot)
        everything = len(screen.feed.shown_ids)
        await pilot.press("slash", *"Tollbridge", "enter")
        assert 0 < len(screen.feed.shown_ids) < everything
        await done(pilot)

    app = make_app(demo_server.url, cache, clock)
    assert snap_compare(app, terminal_size=WIDE, run_before=run_before)


def test_revisions_diff(
    snap_compare: SnapCompare, demo_server: DemoServer, cache: Cache, clock: MovableClock
) -> None:
    """d on an entry the blog edited: its second revision as a word diff against the first
    (first seen 14:35, the edit seen 14:37)."""

    async def run_before(pilot: Pilot) -> None:
        screen = await open_blog(pilot)
        # The story's next happenings: two new entries, then the 14:35 edit of a post.
        happenings = demo_server.advance(3)
        edit = happenings[-1]
        assert edit.kind == "edit" and edit.entry_id is not None, happenings
        edited = edit.entry_id
        clock.now = NOW + timedelta(minutes=2)
        await pilot.press("r")

        def arrived() -> bool:
            entry = screen.feed.entry(edited)
            new = all(screen.feed.entry(h.entry_id or "") for h in happenings[:2])
            # The header's "checked 14:37" too: the follower reports the poll's success
            # (StatusChanged) after its changes (Applied), so the entries alone can be
            # in while the header still says "checked 14:35, 2 min ago".
            status = screen.liveness.status
            checked = status is not None and status.last_success == clock.now
            return new and checked and entry is not None and len(entry.revisions) == 2

        await wait_for(pilot, arrived, what="the edit and the new entries")
        # Unmarked: the mark behind the dialog would fade 1.5 s later, racing the picture.
        assert screen.feed.jump_to(edited, mark=False)
        await pilot.press("d")
        assert isinstance(pilot.app.screen, DiffScreen)
        assert pilot.app.screen.heading_text.startswith("Revision 2 of 2, seen 14:37")
        await done(pilot)

    app = make_app(demo_server.url, cache, clock)
    assert snap_compare(app, terminal_size=WIDE, run_before=run_before)


def test_help(
    snap_compare: SnapCompare, demo_server: DemoServer, cache: Cache, clock: MovableClock
) -> None:
    """?: every key of the blog screen, by section."""

    async def run_before(pilot: Pilot) -> None:
        await open_blog(pilot)
        await pilot.press("question_mark")
        assert isinstance(pilot.app.screen, HelpScreen)
        await done(pilot)

    app = make_app(demo_server.url, cache, clock)
    assert snap_compare(app, terminal_size=WIDE, run_before=run_before)


# -- the library ---------------------------------------------------------------------


async def follow_once(url: str, cache: Cache, clock: MovableClock) -> None:
    """Read a blog into the cache once (``liveread follow --once``), on the test's clock."""
    settings = FollowSettings.for_url(url, once=True)
    follower = Follower(url, cache, settings=settings, on_event=lambda _e: None, clock=clock)
    await asyncio.wait_for(follower.run(), timeout=20)


def test_library(
    snap_compare: SnapCompare, demo_server: DemoServer, cache: Cache, clock: MovableClock
) -> None:
    """Bare liveread: the demo blog (read at 14:36, two entries since) and its JSON-LD copy
    (never opened), newest activity first."""

    async def fill() -> None:
        await follow_once(demo_server.url, cache, clock)
        cache.mark_read(demo_server.url, at=NOW + timedelta(minutes=1))
        demo_server.advance(2)
        clock.now = NOW + timedelta(minutes=3)
        await follow_once(demo_server.url, cache, clock)
        clock.now = NOW + timedelta(minutes=4)
        await follow_once(demo_server.jsonld_url, cache, clock)
        clock.now = NOW + timedelta(minutes=10)

    asyncio.run(fill())

    async def run_before(pilot: Pilot) -> None:
        app = pilot.app
        await wait_for(pilot, lambda: isinstance(app.screen, LibraryScreen), what="the library")
        assert len(app.screen.summaries) == 2  # type: ignore[attr-defined]
        await done(pilot)

    app = make_app(None, cache, clock)
    assert snap_compare(app, terminal_size=WIDE, run_before=run_before)


# -- several blogs: tabs, the timeline, watches ----------------------------------------------

WATCHES = (
    Watch(name="crossings", terms=("Tollbridge", "Heron Bridge")),
    Watch(name="boats", terms=("ferry", "boat*")),
)


def make_tabs_app(urls: list[str], cache: Cache, clock: MovableClock) -> LivereadApp:
    """The real app on two blogs, with two watches, on the test's cache and clock."""
    app = LivereadApp(
        urls=urls,
        cache=cache,
        clock=clock,
        settings=SETTINGS,
        watches=WATCHES,
        handle_signals=False,
    )
    app.theme = THEME
    return app


async def open_two(pilot: Pilot, server: DemoServer) -> LivereadApp:
    """Both blogs read and followed; two entries arrived in blog 2 while blog 1 was shown."""
    app: LivereadApp = pilot.app
    await open_blog(pilot)

    def both() -> bool:
        views = app.blog_tabs()
        return len(views) == 2 and all(v.liveness.polling and v.blog_title for v in views)

    await wait_for(pilot, both, what="two blogs followed")
    two = app.blog_tabs()[1]
    arrived = [h.entry_id for h in server.advance(2) if h.kind == "publish"]
    two.action_poll_now()
    await wait_for(pilot, lambda: two.unread == len(arrived), what="blog 2's arrivals")
    return app


def test_two_blogs_in_tabs(
    snap_compare: SnapCompare, demo_server: DemoServer, cache: Cache, clock: MovableClock
) -> None:
    """Two blogs (the demo and its JSON-LD copy): a tab each, named apart, blog 2 with two
    unread entries; blog 1 shown, the watches' matches underlined in its feed."""

    async def run_before(pilot: Pilot) -> None:
        app = await open_two(pilot, demo_server)
        assert "2 new" not in app.tabs_screen.tab_bar.text
        await done(pilot)

    app = make_tabs_app([demo_server.url, demo_server.jsonld_url], cache, clock)
    assert snap_compare(app, terminal_size=WIDE, run_before=run_before)


def test_the_timeline(
    snap_compare: SnapCompare, demo_server: DemoServer, cache: Cache, clock: MovableClock
) -> None:
    """t: both blogs' entries newest first, each named in its blog's colour; both blogs'
    key events beside them, named the same."""

    async def run_before(pilot: Pilot) -> None:
        app = await open_two(pilot, demo_server)
        await pilot.press("t")
        assert app.tabs_screen.timeline is not None and app.tabs_screen.timeline.feed.shown_ids
        await done(pilot)

    app = make_tabs_app([demo_server.url, demo_server.jsonld_url], cache, clock)
    assert snap_compare(app, terminal_size=WIDE, run_before=run_before)


def test_the_watches_screen(
    snap_compare: SnapCompare, demo_server: DemoServer, cache: Cache, clock: MovableClock
) -> None:
    """W: the watches in force, one highlighted (x removes it)."""

    async def run_before(pilot: Pilot) -> None:
        await open_blog(pilot)
        await pilot.press("W")
        assert isinstance(pilot.app.screen, WatchesScreen)
        await done(pilot)

    app = make_tabs_app([demo_server.url], cache, clock)
    assert snap_compare(app, terminal_size=WIDE, run_before=run_before)


# -- honest times, the small traps, photos --------------------------------------------------


def make_offline_app(url: str, cache: Cache, clock: MovableClock) -> LivereadApp:
    """The real app on one cached blog, ``--offline``."""
    app = LivereadApp(
        url, cache=cache, clock=clock, settings=SETTINGS, follow=False, handle_signals=False
    )
    app.theme = THEME
    return app


def test_the_header_of_an_old_blog(
    snap_compare: SnapCompare,
    make_demo_server: Callable[..., DemoServer],
    cache: Cache,
    clock: MovableClock,
) -> None:
    """A blog whose newest entry is 853 days old, checked yesterday: the header says the
    newest entry's date with its year and the last check apart (it read "updated 14:35,
    just now"), the entries' dates carry their year, and one blog has no tab bar."""
    server = make_demo_server(start=NOW - timedelta(days=853))
    clock.now = NOW - timedelta(days=1)
    asyncio.run(follow_once(server.url, cache, clock))
    clock.now = NOW

    async def run_before(pilot: Pilot) -> None:
        screen = await open_blog(pilot, live=False)
        status = screen.header.status_text
        assert "newest entry " in status and "2024" in status and "checked " in status
        assert "just now" not in status
        assert pilot.app.tabs_screen.tab_bar is None  # one blog: no tab bar mounted
        await done(pilot)

    app = make_offline_app(server.url, cache, clock)
    assert snap_compare(app, terminal_size=WIDE, run_before=run_before)


def test_an_empty_key_events_pane_says_why(
    snap_compare: SnapCompare, demo_server: DemoServer, cache: Cache, clock: MovableClock
) -> None:
    """The JSON-LD copy (schema.org data marks no key events): the pane says so, and why."""

    async def run_before(pilot: Pilot) -> None:
        screen = await open_blog(pilot)
        assert not screen.pane.entry_ids
        await wait_for(pilot, lambda: screen.pane.option_count == 1, what="the explanation")
        assert "No key events" in str(screen.pane.get_option_at_index(0).prompt)
        await done(pilot)

    app = make_app(demo_server.jsonld_url, cache, clock)
    assert snap_compare(app, terminal_size=WIDE, run_before=run_before)


def test_oldest_first_is_said_on_the_feed(
    snap_compare: SnapCompare, demo_server: DemoServer, cache: Cache, clock: MovableClock
) -> None:
    """s: the feed oldest first, and its top edge says so (nothing did)."""

    async def run_before(pilot: Pilot) -> None:
        screen = await open_blog(pilot)
        await pilot.press("s")
        assert screen.feed.order == "oldest" and "oldest first" in str(screen.feed.border_title)
        await done(pilot)

    app = make_app(demo_server.url, cache, clock)
    assert snap_compare(app, terminal_size=WIDE, run_before=run_before)


def test_the_photo_view(
    snap_compare: SnapCompare, demo_server: DemoServer, cache: Cache, clock: MovableClock
) -> None:
    """i on an entry with a photo: the demo's own photo (drawn by the demo, never a
    publisher's), fetched on asking, in half-blocks, its caption and credit under it."""
    pytest.importorskip("textual_image", reason="the photo view needs liveread[images]")
    from liveread.tui.photo import PhotoScreen

    async def run_before(pilot: Pilot) -> None:
        screen = await open_blog(pilot)
        photo = next(
            e.id
            for e in sorted(screen.feed.entries, key=lambda e: e.published, reverse=True)
            if any(b.kind == "image" and b.image and b.image.url for b in e.body)
        )
        assert screen.feed.jump_to(photo, mark=False)
        await pilot.press("i")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, PhotoScreen), what="photo")
        assert pilot.app.screen.caption_text  # type: ignore[attr-defined]
        await done(pilot)

    app = make_app(demo_server.url, cache, clock)
    assert snap_compare(app, terminal_size=WIDE, run_before=run_before)
