"""Offline mode, reopening a blog ("3 new, 1 edited since 13:40"), jumps to entries not loaded,
and the command line's checks before the app starts."""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys
from typing import Any

import pytest
from textual.widget import Widget

from liveread.cache import Cache
from liveread.cli import main
from liveread.demo.server import DemoServer
from liveread.demo.story import DemoBlog
from liveread.model import Entry, Snapshot
from liveread.tui import collection_paused, resume_collection
from liveread.tui.blog import FIRST_WINDOW
from liveread.tui.screens import TabsScreen
from liveread.tui.widgets import PinnedStrip

from .app_support import (
    WIDE,
    blog_screen,
    cache_blog,
    feed_text,
    follow_worker,
    make_app,
    open_blog,
    shown_blog,
    wait_for,
)


async def test_offline_reads_the_cache_and_never_asks_the_server(demo_server: DemoServer) -> None:
    url = await cache_blog(demo_server)
    before = demo_server.stats.requests
    app = make_app(demo_server.url, follow=False)
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_blog(pilot, live=False)
        assert not screen.liveness.following and follow_worker(screen) is None
        assert screen.header.title_text.startswith(" OFFLINE")
        assert "cache only" in screen.header.status_text
        assert len(screen.feed.shown_ids) == len(demo_server.blog)
        await pilot.press("r")
        assert "nothing is fetched" in app.notices[-1]
        await pilot.press("1", "j", "slash", *"barrier", "enter", "escape")
        await pilot.pause(0.3)
        await pilot.press("q")
    assert app.return_code == 0
    assert demo_server.stats.requests == before
    with Cache() as cache:
        assert next(s for s in cache.blogs() if s.url == url).last_read is not None


async def test_reopening_says_what_happened_since_and_marks_it(demo_server: DemoServer) -> None:
    url = await cache_blog(demo_server)
    with Cache() as cache:
        cache.mark_read(url)
        newest_before = cache.load(url).entries[0].id
    # while the reader is away: two new entries, an edit, a removal
    new = [h.entry_id for h in demo_server.advance(2)]
    edited = newest_before
    removed = demo_server.blog.entries_newest_first()[5].id
    demo_server.change(lambda blog: blog.edit(edited, "Rewritten.\n\nEntirely."))
    demo_server.change(lambda blog: blog.remove(removed))
    await cache_blog(demo_server)
    app = make_app(demo_server.url, follow=False)
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_blog(pilot, live=False)
        note = screen.header.note
        assert note is not None and note.startswith("2 new, 1 edited, 1 removed since ")
        assert any(n.startswith("2 new, 1 edited, 1 removed since ") for n in app.notices)
        # the new ones are marked NEW, the edited one badged, the removed one flagged
        top = feed_text(screen.feed).splitlines()
        assert screen.feed.shown_ids[:2] == new[::-1] and "NEW" in top[0]
        screen.feed.jump_to(edited)
        await pilot.pause()
        assert "edited" in feed_text(screen.feed).splitlines()[0]
        assert screen.feed.entry(removed).removed  # type: ignore[union-attr]


async def test_a_key_event_not_in_the_feed_is_loaded_from_the_cache(
    demo_server: DemoServer,
) -> None:
    await cache_blog(demo_server)
    app = make_app(demo_server.url, follow=False)
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_blog(pilot, live=False)
        feed = screen.feed
        target = screen.pane.entry_ids[-1]  # the oldest key event
        entries = [feed.entry(i) for i in feed.shown_ids if i != target]
        feed.set_entries([e for e in entries if e is not None])
        assert feed.entry(target) is None
        await pilot.press(str(len(screen.pane.entry_ids)))
        # the oldest: as high as the feed can scroll it, marked and under the cursor
        assert feed.marked == target and feed.cursor == target
        # and a key event hidden by a search: the search is cleared for the jump
        await pilot.press("slash", *"zzzqqq", "enter")
        assert feed.shown_ids == []
        await pilot.press("1")
        await pilot.pause()
        assert feed.filter_terms == () and feed.entry_at_top() == screen.pane.entry_ids[0]
        assert not screen.search_bar.display


async def test_a_fixed_clock_makes_the_header_fixed(demo_server: DemoServer) -> None:
    app = make_app(demo_server.url)
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_blog(pilot)
        first = screen.header.status_text
        assert "updated 14:35, just now" in first or "just now" in first
        await pilot.pause(1.2)
        await wait_for(pilot, lambda: screen.header.status_text == first)


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "liveread", *args],
        capture_output=True,
        text=True,
        timeout=30,
        env={**os.environ, "TERM": "dumb"},
        stdin=subprocess.DEVNULL,
    )


def test_offline_with_a_blog_not_cached_is_one_line_and_exit_1() -> None:
    done = run_cli("example.org/news/live/not-cached", "--offline")
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("liveread: https://example.org/")
    assert "not in the cache" in lines[0]
    assert done.stdout == ""


def test_a_bad_url_is_one_line_and_exit_2() -> None:
    done = run_cli("open", "ftp://example.org/blog")
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "unsupported URL scheme" in lines[0]


def cache_long_blog(*, pinned: bool = True) -> tuple[str, tuple[Entry, ...]]:
    """Cache a blog three first-windows long; its URL and entries, newest first.

    *pinned*: False unpins the demo's one pinned entry (most blogs pin none).
    """
    demo = DemoBlog.synthetic(FIRST_WINDOW * 3)
    entries = demo.entries_newest_first()
    if not pinned:
        entries = tuple(e.with_changes(pinned=False) for e in entries)
    blog = Snapshot(
        demo.url,
        "guardian",
        entries,
        title="A long blog",
        live=True,
        feed_ids=tuple(e.id for e in entries),
    )
    with Cache() as cache:
        cache.apply(blog)
    return blog.url, entries


async def test_a_long_blog_opens_with_its_newest_entries_then_loads_the_rest() -> None:
    url, entries = cache_long_blog()
    app = make_app(url, follow=False)
    async with app.run_test(size=WIDE) as pilot:
        feed = blog_screen(app).feed
        await wait_for(pilot, lambda: len(feed.shown_ids) == len(entries), what="every entry")
        assert feed.entry_at_top() == entries[0].id, "the reader's place is kept"
        feed.focus()
        await pilot.press("end")
        await pilot.pause()
        row = feed.entry_row(entries[-1].id)
        assert row is not None and 0 <= row < feed.size.height, "End shows the oldest entry"


async def test_end_before_the_rest_is_loaded_still_ends_at_the_oldest_entry() -> None:
    url, entries = cache_long_blog()
    with Cache() as cache:
        window = cache.load(url, newest=FIRST_WINDOW).entries
    app = make_app(url, follow=False)
    async with app.run_test(size=WIDE) as pilot:
        screen = blog_screen(app)
        feed = screen.feed
        # As if End came between the first screen and the rest: show the window's end,
        # then load the rest.
        feed.set_entries(window)
        feed.action_bottom()
        await pilot.pause()
        screen._load_rest(())
        await pilot.pause()
        assert len(feed.shown_ids) == len(entries)
        row = feed.entry_row(entries[-1].id)
        assert row is not None and 0 <= row < feed.size.height


async def test_a_blog_opening_is_styled_as_it_mounts_and_restyled_when_shown_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Textual restyles a screen whole as it is shown: not on the tabs screen's first
    showing (its widgets were styled a moment before, as they mounted), but when the
    reader comes back to it (from the library: the theme may have changed meanwhile)."""
    _, entries = cache_long_blog()
    restyled: list[str] = []
    original = TabsScreen.update_node_styles

    def update_node_styles(self: TabsScreen, animate: bool = False) -> None:
        restyled.append(self.id or "")
        original(self, animate)

    monkeypatch.setattr(TabsScreen, "update_node_styles", update_node_styles)
    app = make_app(follow=False)  # the library first
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("enter")  # the blog: the tabs screen's first showing
        await wait_for(pilot, lambda: shown_blog(app) is not None, what="the blog")
        feed = blog_screen(app).feed
        await wait_for(pilot, lambda: len(feed.shown_ids) == len(entries), what="every entry")
        assert restyled == [], "styled once, as the tab mounted"
        assert feed.entry_at_top() == entries[0].id
        await pilot.press("escape")  # the library
        await wait_for(pilot, lambda: shown_blog(app) is None, what="the library")
        await pilot.press("enter")  # the blog again
        await wait_for(pilot, lambda: shown_blog(app) is not None, what="the tabs again")
        assert restyled == ["tabs-screen"]
        assert blog_screen(app).feed.entry_at_top() == entries[0].id


async def test_blogs_given_at_start_are_the_first_screen_with_nothing_under_it() -> None:
    """The tabs are the app's own first screen (not pushed over a blank one); the library
    shown over them goes back down to them, never a second copy of them on the stack."""
    url, _ = cache_long_blog()
    app = make_app(url, follow=False)
    async with app.run_test(size=WIDE) as pilot:
        await wait_for(pilot, lambda: shown_blog(app) is not None, what="the blog")
        assert app.screen_stack == [app.tabs_screen]
        assert app.get_screen("tabs") is app.tabs_screen
        for _ in range(2):
            app.show_library()
            await wait_for(pilot, lambda: shown_blog(app) is None, what="the library")
            assert app.screen_stack[0] is app.tabs_screen and len(app.screen_stack) == 2
            await pilot.press("enter")  # the blog, open in its tab
            await wait_for(pilot, lambda: shown_blog(app) is not None, what="the tabs")
            assert app.screen_stack == [app.tabs_screen]
            assert len(app.tabs_screen.blog_tabs) == 1


async def test_the_collector_is_paused_while_the_app_starts_and_resumed_at_its_first_frame(
    demo_server: DemoServer,
) -> None:
    """The command that starts the app pauses the cyclic collector; the first frame resumes it."""
    await cache_blog(demo_server)
    app = make_app(demo_server.url, follow=False)
    with collection_paused():
        assert not gc.isenabled()
        async with app.run_test(size=WIDE) as pilot:
            await open_blog(pilot, live=False)
            assert gc.isenabled(), "on again once the first frame is drawn"
    assert gc.isenabled()


def test_a_command_that_ends_before_the_app_starts_turns_the_collector_back_on(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`liveread URL --offline` with a blog not cached ends before any frame: collector on."""
    assert main(["example.org/news/live/not-cached", "--offline"]) == 1
    assert "not in the cache" in capsys.readouterr().err
    assert gc.isenabled()


def test_a_collector_the_process_turned_off_stays_off() -> None:
    gc.disable()
    try:
        with collection_paused():
            resume_collection()  # the first frame
        assert not gc.isenabled(), "only what the pause turned off is turned back on"
    finally:
        gc.enable()


#: Run by the test below in a fresh interpreter: ``liveread open URL --offline`` as the
#: command runs it, headless; at the app's first frame (Ready) it prints what is loaded.
_FIRST_FRAME_PROBE = """
import gc, json, sys
import liveread.cli.tui_launch as launch
from liveread.cli import main
from liveread.tui.app import LivereadApp

def on_ready(self):
    print(json.dumps({"collector_paused": not gc.isenabled(), "modules": sorted(sys.modules)}))
    self.exit()

LivereadApp.on_ready = on_ready
launch._run = lambda app: app.run(headless=True, size=(120, 40)) or 0
sys.exit(main(["open", sys.argv[1], "--offline"]))
"""


def test_the_first_frame_of_a_cached_blog_waits_for_nothing_it_does_not_show() -> None:
    """Offline, at the first frame: no follower (its records or its schedule), no TOML
    parser (no config file), no notify-command checker, no HTML parser, no hashing (a
    cache stores its hashes), no tab bar (one blog); and the collector still paused (the
    first frame resumes it)."""
    url, _ = cache_long_blog()
    done = subprocess.run(
        [sys.executable, "-c", _FIRST_FRAME_PROBE, url],
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["collector_paused"]
    loaded = set(seen["modules"])
    assert "liveread.tui.blog._tab" in loaded  # the probe did reach the blog's first frame
    not_needed = {
        "liveread.follow._events",
        "liveread.follow._schedule",
        "liveread.follow._follower",
        "liveread.alerts._command",
        "liveread.tui.widgets._tab_bar",
        # What a response says (Snapshot, FollowState, Request): a reader of the
        # cache builds none of those frozen dataclasses, nor loads the seam's rules.
        "liveread.model._snapshot",
        "liveread.sources._seam",
        # The cache's writing (merge rules, change log), leases and their records.
        "liveread.cache._apply",
        "liveread.cache._log",
        "liveread.cache._lease",
        "liveread.cache._records",
        "tomllib",
        "hashlib",
        "selectolax",
        "httpx",
    }
    assert not_needed & loaded == set()


async def test_a_blog_opening_gives_the_feed_the_focus_and_never_the_pane_first(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Textual's auto focus would give the key-events pane the focus as the tabs screen is
    shown, for the tab to move it to the feed a moment later (restyling the pane before
    the first frame); the tab's own choice is the only one made."""
    url, _ = cache_long_blog()
    focused: list[str] = []
    original = TabsScreen.set_focus

    def set_focus(self: TabsScreen, widget: Widget | None, *args: Any, **kwargs: Any) -> None:
        focused.append(type(widget).__name__)
        original(self, widget, *args, **kwargs)

    monkeypatch.setattr(TabsScreen, "set_focus", set_focus)
    app = make_app(url, follow=False)
    async with app.run_test(size=WIDE) as pilot:
        await wait_for(pilot, lambda: shown_blog(app) is not None, what="the blog")
        feed = blog_screen(app).feed
        await wait_for(pilot, lambda: feed.has_focus, what="the feed's focus")
        assert focused == ["FeedView"]


async def test_a_blog_with_no_pinned_post_mounts_no_pinned_strip() -> None:
    """The strip is mounted over the feed once there is a pinned post to show, not before."""
    url, _ = cache_long_blog(pinned=False)
    app = make_app(url, follow=False)
    async with app.run_test(size=WIDE) as pilot:
        await wait_for(pilot, lambda: shown_blog(app) is not None, what="the blog")
        screen = blog_screen(app)
        await pilot.pause()
        assert screen.pinned.entry is None and not screen.pinned.is_mounted
        assert not screen.query(PinnedStrip)
    url, entries = cache_long_blog()  # the demo's pinned entry
    app = make_app(url, follow=False)
    async with app.run_test(size=WIDE) as pilot:
        await wait_for(pilot, lambda: shown_blog(app) is not None, what="the blog")
        screen = blog_screen(app)
        await wait_for(pilot, lambda: screen.pinned.is_mounted, what="the pinned strip")
        pinned = next(e for e in entries if e.pinned)
        assert screen.pinned.entry is not None and screen.pinned.entry.id == pinned.id
        column = screen.reader.column
        assert column.children[0] is screen.pinned, "over everything else in the feed's column"


async def test_the_search_bar_mounts_its_input_at_the_first_slash_and_takes_the_burst() -> None:
    """The bar's input is mounted when / is first pressed; keys sent with it are the query."""
    url, entries = cache_long_blog()
    app = make_app(url, follow=False)
    async with app.run_test(size=WIDE) as pilot:
        await wait_for(pilot, lambda: shown_blog(app) is not None, what="the blog")
        screen = blog_screen(app)
        bar = screen.search_bar
        assert not bar.children and not bar.typing, "nothing mounted before the first /"
        word = next(w for w in entries[0].text.split() if w.isalpha())
        await pilot.press("slash", *word)  # one burst: the input is mounted between keys
        assert bar.typing and bar.input.value == word
        await pilot.press("enter")
        await wait_for(pilot, lambda: screen.feed.filtered, what="the search")
        assert word in bar.result_text
