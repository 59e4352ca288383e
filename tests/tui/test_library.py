"""The library (bare ``liveread``): listing, opening, adding and removing blogs."""

from __future__ import annotations

import socket
from collections.abc import Callable
from pathlib import Path

from textual.widgets import Input
from textual.worker import WorkerState

from liveread.cache import Cache
from liveread.config import load_settings
from liveread.demo.server import DemoServer
from liveread.times import LOCAL
from liveread.tui.screens import (
    EMPTY_HINT,
    WHOLE_HISTORY,
    ConfirmScreen,
    HelpScreen,
    LibraryScreen,
    UrlScreen,
)

from .app_support import (
    NARROW,
    NOW,
    WIDE,
    cache_blog,
    follow_worker,
    make_app,
    open_blog,
    shown_blog,
    wait_for,
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def library(app: object) -> LibraryScreen:
    screen = app.screen  # type: ignore[attr-defined]
    assert isinstance(screen, LibraryScreen), screen
    return screen


def row_text(screen: LibraryScreen, row: int) -> list[str]:
    return [str(cell) for cell in screen.table.get_row_at(row)]


async def test_an_empty_library_says_how_to_start() -> None:
    app = make_app()
    async with app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        screen = library(app)
        hint = screen.query_one("#library-empty")
        assert hint.display and not screen.table.display
        assert str(hint.content) == EMPTY_HINT  # type: ignore[attr-defined]
        assert "liveread demo" in EMPTY_HINT and "Press a" in EMPTY_HINT


async def test_lists_every_cached_blog_newest_activity_first(demo_server: DemoServer) -> None:
    guardian = await cache_blog(demo_server)
    cached = len(demo_server.blog)
    demo_server.advance(3)  # the JSON-LD copy, read later, has newer entries
    jsonld_server = demo_server.jsonld_url
    from liveread.follow import Follower, FollowSettings

    with Cache() as cache:
        settings = FollowSettings.for_url(jsonld_server, once=True)
        await Follower(jsonld_server, cache, settings=settings, on_event=lambda _e: None).run()
        order = [s.url for s in cache.blogs()]
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        screen = library(app)
        assert [s.url for s in screen.summaries] == order and len(order) == 2
        assert order[1] == guardian
        first = row_text(screen, 0)
        title, site, entries, keys, newest, checked, state, new = first
        assert title.startswith("Storm Wrenna")
        summary = screen.summaries[0]
        # The site's own name (the JSON-LD copy's publisher), and how much of it there is.
        assert site == summary.site_name and site not in ("", "127.0.0.1")
        detail = str(screen.query_one("#library-detail").content)  # type: ignore[attr-defined]
        assert detail.startswith("history from ") and f"latest {summary.window}" in detail
        await pilot.press("j")
        detail = str(screen.query_one("#library-detail").content)  # type: ignore[attr-defined]
        assert detail == WHOLE_HISTORY and row_text(screen, 1)[1] == "The Marlhaven Herald"
        assert int(entries) == summary.entries and int(keys) == summary.key_events
        assert state == "LIVE"
        # The newest entry's time and the last check, apart (the fixed clock is "today").
        assert newest == LOCAL.clock(summary.newest, NOW) and checked == "just now"
        # j and k move as the arrows do.
        await pilot.press("k")
        assert screen.table.cursor_row == 0
        await pilot.press("j")
        assert screen.table.cursor_row == 1
        assert int(new) == int(entries)  # never read: all new
        assert row_text(screen, 1)[2] == str(cached)
        assert int(row_text(screen, 1)[3]) > 0  # the Guardian copy knows its key events
        assert screen.table.has_focus


async def test_enter_opens_and_follows_esc_comes_back(demo_server: DemoServer) -> None:
    url = await cache_blog(demo_server)
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        screen = await open_blog(pilot)  # live: it is followed
        worker = follow_worker(screen)
        assert screen.from_library and screen.url == url and worker is not None
        # Esc goes back to the library; the blog keeps its tab and is still followed.
        await pilot.press("escape")
        assert isinstance(app.screen, LibraryScreen)
        assert worker.state == WorkerState.RUNNING and screen.liveness.polling
        # Enter on it again shows the same tab: no second follower.
        await pilot.press("enter")
        assert await open_blog(pilot) is screen and app.blog_tabs() == [screen]
        # a search is cleared before Esc goes back
        await pilot.press("slash", *"river", "enter", "escape")
        assert shown_blog(app) is screen and not screen.feed.filter_terms
        await pilot.press("escape")
        assert isinstance(app.screen, LibraryScreen)
        await pilot.press("escape")  # and back to the tabs
        assert shown_blog(app) is screen
        # Ctrl+W closes the tab: the follower returned by itself (not cancelled), the
        # blog is marked read, and with no tab left the library shows.
        before = demo_server.stats.requests
        await pilot.press("ctrl+w")
        assert isinstance(app.screen, LibraryScreen) and app.blog_tabs() == []
        assert worker.state == WorkerState.SUCCESS and not screen.liveness.polling
        assert row_text(library(app), 0)[-1] == ""  # nothing new since it was read
        assert demo_server.stats.requests == before  # no more following
        with Cache() as cache:
            assert cache.blogs()[0].last_read is not None


async def test_an_unreachable_blog_opens_readable_from_the_cache(demo_server: DemoServer) -> None:
    await cache_blog(demo_server)
    demo_server.stop()
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await wait_for(pilot, lambda: shown_blog(app) is not None)
        screen = shown_blog(app)
        assert screen is not None
        await wait_for(pilot, lambda: screen.header.title_text.startswith(" OFFLINE"))
        assert len(screen.feed.shown_ids) == len(demo_server.blog)


CONFIG = """\
# my blogs (this comment stays)
follow = ["https://example.org/live/older"]

[keys]
"blog.poll" = "f5"  # kept too
"""


async def test_a_adds_a_url_refusing_a_bad_one(
    demo_server: DemoServer, isolated_home: Path
) -> None:
    """Defect: the library's a never added the blog to config.toml's follow list."""
    config = isolated_home / "config.toml"
    config.write_text(CONFIG, encoding="utf-8")
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("a")
        assert isinstance(app.screen, UrlScreen)
        await pilot.press(*"ftp://example.org/x", "enter")
        assert isinstance(app.screen, UrlScreen)  # still asking
        assert "unsupported URL scheme" in app.notices[-1]
        error = app.screen.query_one("#url-error")
        assert "unsupported URL scheme" in str(error.content)  # type: ignore[attr-defined]
        await pilot.press("escape")
        assert isinstance(app.screen, LibraryScreen)
        await pilot.press("a")
        # (pasted rather than typed key by key: the URL is long)
        app.screen.query_one("#url-input", Input).value = demo_server.url
        await pilot.press("enter")
        screen = await open_blog(pilot)
        assert screen.url == demo_server.url and screen.from_library
        await pilot.press("escape")
        await pilot.pause()
        assert [s.url for s in library(app).summaries] == [demo_server.url]
    # In the follow list after the one there, every comment and table as it was.
    text = config.read_text(encoding="utf-8")
    assert load_settings(config).follow == ("https://example.org/live/older", demo_server.url)
    for kept in ("# my blogs (this comment stays)", '"blog.poll" = "f5"  # kept too'):
        assert kept in text, kept
    assert any("follow list" in notice for notice in app.notices)


async def test_a_url_typed_in_one_burst_after_a_goes_to_the_dialog(
    demo_server: DemoServer,
) -> None:
    """Keys typed right after a belong to the dialog's input, however fast they come."""
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("a", *"example.org/live/x")  # one burst: no pause after a
        await pilot.pause()
        assert isinstance(app.screen, UrlScreen)
        assert app.screen.query_one("#url-input", Input).value == "example.org/live/x"


async def test_x_removes_after_a_confirmation(demo_server: DemoServer) -> None:
    url = await cache_blog(demo_server)
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("x")
        assert isinstance(app.screen, ConfirmScreen)
        assert "Storm Wrenna" in app.screen.question
        await pilot.press("n")
        assert [s.url for s in library(app).summaries] == [url]
        await pilot.press("x", "escape")
        assert [s.url for s in library(app).summaries] == [url]
        await pilot.press("x", "y")
        await pilot.pause()
        assert library(app).summaries == []
        assert library(app).query_one("#library-empty").display
    with Cache() as cache:
        assert not cache.has(url)


async def test_help_and_palette_on_the_library(demo_server: DemoServer) -> None:
    await cache_blog(demo_server)
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        titles = {c.title for c in app.get_system_commands(app.screen)}
        assert {"Open", "Add URL", "Remove", "Help"} <= titles
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        for words in ("Open", "Add URL", "Remove", "Quit", "Help"):
            assert words in app.screen.text
        await pilot.press("escape", "q")
    assert app.return_code == 0


async def test_offline_library_opens_without_following(demo_server: DemoServer) -> None:
    await cache_blog(demo_server)
    before = demo_server.stats.requests
    app = make_app(follow=False)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("a")
        assert not isinstance(app.screen, UrlScreen) and "--offline" in app.notices[-1]
        await pilot.press("enter")
        screen = await open_blog(pilot, live=False)
        assert not screen.liveness.following and follow_worker(screen) is None
    assert demo_server.stats.requests == before


async def test_a_url_never_reached_is_listed_as_not_reached_until_first_contact(
    make_demo_server: Callable[..., DemoServer],
) -> None:
    port = free_port()
    url = f"http://127.0.0.1:{port}/news/live/2026/nov/27/storm-wrenna-marlhaven-flooding-live"
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("a")
        app.screen.query_one("#url-input", Input).value = url
        await pilot.press("enter")
        await wait_for(
            pilot,
            lambda: any(s.last_error for s in Cache().blogs() if s.url == url),
            what="the first failed attempt",
        )
        await pilot.press("ctrl+w")  # close its tab: stop following it
        await pilot.pause()
        (summary,) = library(app).summaries
        assert summary.url == url and not summary.reached
        title = row_text(library(app), 0)[0]
        assert "not reached yet: could not connect" in title
    # First contact later makes it a normal blog: a server comes up on that port.
    server = make_demo_server(port=port)
    await cache_blog(server)
    with Cache() as cache:
        (summary,) = cache.blogs()
        assert summary.reached and summary.entries > 0 and summary.title.startswith("Storm")


def failed_once(url: str) -> bool:
    with Cache() as cache:
        return any(s.last_error for s in cache.blogs() if s.url == url)


async def test_x_forgets_a_url_never_reached() -> None:
    with Cache() as cache:
        cache.want("http://127.0.0.1:9/never/reached")
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        assert "not reached yet" in row_text(library(app), 0)[0]
        await pilot.press("x", "y")
        await pilot.pause()
        assert library(app).summaries == []
    with Cache() as cache:
        assert cache.blogs() == []
