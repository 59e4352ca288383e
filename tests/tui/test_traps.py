"""The small traps of a day's reading (issue "The reader you keep open all day", item 8), and
where the reader left off (item 10), on the real app against the demo server.

Each test names the defect it pins.
"""

from __future__ import annotations

from textual.command import CommandPalette

from liveread.cache import Cache, Changes
from liveread.demo.http import Reply
from liveread.demo.server import DemoServer
from liveread.model import StoredEntry
from liveread.naming import BlogName
from liveread.tui.screens import LibraryScreen, UrlScreen
from liveread.tui.widgets import TIMELINE

from .app_support import WIDE, cache_blog, make_app, open_blog, published, wait_for


async def test_n_and_pgdn_act_on_the_feed_from_the_key_events_pane(
    demo_server: DemoServer,
) -> None:
    """Defect: with the focus in the key-events pane, n and PgDn did nothing."""
    app = make_app(demo_server.url)
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_blog(pilot)
        screen.pane.focus()
        await pilot.pause()
        assert screen.pane.has_focus
        await pilot.press("pagedown")
        assert screen.feed.scroll_offset.y > 0 and screen.pane.has_focus
        demo_server_entry = published(demo_server)
        await pilot.press("r")
        await wait_for(pilot, lambda: screen.feed.pending == 1, what="one new, out of view")
        await pilot.press("n")
        assert screen.feed.scroll_offset.y == 0 and screen.feed.pending == 0
        assert screen.feed.entry_at_top() == demo_server_entry


async def test_the_palette_offers_only_what_acts_here(demo_server: DemoServer) -> None:
    """Defect: the palette offered "Back to the library" and "Blog 1…9" where they did nothing."""
    app = make_app(demo_server.url)  # started on a URL: no library to go back to; one blog
    async with app.run_test(size=WIDE) as pilot:
        await open_blog(pilot)
        names = [command.title for command in app.get_system_commands(app.screen)]
        assert "Blog 1" in names and "Blog 2" not in names and "Blog 9" not in names
        assert "Back" not in names
        assert "Search" in names and "Photo" in names
        await pilot.press("ctrl+p")
        assert isinstance(app.screen, CommandPalette)


async def test_a_url_that_is_no_live_blog_is_said_once_and_leaves_no_tab(
    demo_server: DemoServer,
) -> None:
    """Defect: from the library, a page that is no live blog said a 400-character reason
    three times and left a stale tab."""
    long_page = "<p>" + "Not a live blog at all. " * 40 + "</p>"
    demo_server.intercept = lambda request: Reply(
        body=f"<html><head><title>A page</title></head><body>{long_page}</body></html>".encode(),
        content_type="text/html; charset=utf-8",
    )
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("a")
        assert isinstance(app.screen, UrlScreen)
        app.screen.query_one("#url-input").value = demo_server.url  # type: ignore[attr-defined]
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, LibraryScreen), what="the library")
        await pilot.pause()
        assert app.blog_tabs() == []  # no stale tab
        said = [n for n in app.notices if n.startswith("Not followed: ")]
        assert len(said) == 1 and len(said[0]) <= len("Not followed: ") + 160


async def test_reopening_returns_to_where_the_reader_left_off(demo_server: DemoServer) -> None:
    """Defect: reopening a blog always showed its top; the place is kept, what arrived
    since is marked NEW above it and counted."""
    url = await cache_blog(demo_server)
    app = make_app(url, follow=False)
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_blog(pilot, live=False)
        place = screen.feed.shown_ids[12]
        screen.feed.jump_to(place, mark=False)
        await pilot.pause()
        await pilot.press("q")
    arrived = [published(demo_server), published(demo_server)]
    await cache_blog(demo_server)
    app = make_app(url, follow=False)
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_blog(pilot, live=False)
        await pilot.pause()
        assert screen.feed.entry_at_top() == place
        assert set(arrived) <= screen.feed.new_ids and screen.feed.pending == 2
        assert screen.new_count == 2  # "▲ 2 new entries · n shows them"


async def test_a_catch_up_walk_alerts_in_the_tui_as_in_the_cli(demo_server: DemoServer) -> None:
    """Defect: the TUI passed "history" to the alerts, so a catch-up walk (more new entries
    than page 1 holds, read while live) never alerted; the core's one rule now decides."""
    from liveread.alerts import Watch

    app = make_app(demo_server.url, watches=[Watch(name="ferry", terms=("ferry",))])
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_blog(pilot)  # live: the history is read
        assert screen.alert_rule.live
        entry = screen.feed.entries[0]
        walked = StoredEntry(
            id="walked-1",
            published=entry.published,
            updated=None,
            title="Ferry back in service",
            body=entry.body,
            url=entry.url,
            first_seen=entry.published,
        )
        alerts = screen.apply_changes(Changes(new=(walked,)), origin="backfill")
        assert [a.entry.id for a in alerts] == ["walked-1"]
        assert alerts[0].blog == BlogName(screen.url, screen.blog_title, screen.site_name).full
        await wait_for(pilot, lambda: app.terminal.given, what="the alert given")


async def test_one_blog_offline_has_no_tab_bar(demo_server: DemoServer) -> None:
    """Defect: one blog opened --offline showed a tab bar; it is mounted with a second blog."""
    url = await cache_blog(demo_server)
    app = make_app(url, follow=False)
    async with app.run_test(size=WIDE) as pilot:
        await open_blog(pilot, live=False)
        assert app.tabs_screen.tab_bar is None
        await pilot.press("t")
        await pilot.pause()
        bar = app.tabs_screen.tab_bar
        assert bar is not None and bar.display and app.tabs_screen.current == TIMELINE
    with Cache() as cache:
        assert cache.has(url)
