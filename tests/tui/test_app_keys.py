"""Every key of the blog screen, through Pilot, on the demo blog followed from the demo server."""

from __future__ import annotations

import os
import re
import signal
from typing import Any

from textual import events
from textual.widgets import Input
from textual.worker import WorkerState

from liveread.cache import Cache
from liveread.demo.render.guardian import SITE_NAME
from liveread.demo.server import DemoServer
from liveread.model import Block
from liveread.tui.app import LivereadApp
from liveread.tui.blog import BlogTab
from liveread.tui.screens import DiffScreen, HelpScreen, WatchDialog
from liveread.tui.widgets import KeyFooter
from liveread.urls import is_safe_link

from .app_support import (
    NARROW,
    WIDE,
    feed_text,
    follow_worker,
    make_app,
    open_blog,
    shown_blog,
    wait_for,
)
from .harness import make_entry

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def at_top(screen: BlogTab, entry_id: str) -> bool:
    return screen.feed.entry_at_top() == entry_id and screen.feed.entry_row(entry_id) == 0


async def test_first_screen_header_pane_pinned_and_feed(demo_server: DemoServer) -> None:
    app = make_app(demo_server.url)
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_blog(pilot)
        blog = demo_server.blog
        # The site by the name its pages give (the Guardian-style demo's og:site_name).
        assert screen.header.title_text == f" LIVE {blog.title} · {SITE_NAME}"
        status = screen.header.status_text
        assert "newest entry " in status and " · checked " in status and "next poll" in status
        newest = blog.entries_newest_first()[0]
        assert at_top(screen, newest.id)
        keys = [p.id for p in blog.key_events()]
        assert sorted(screen.pane.entry_ids) == sorted(keys)
        assert screen.pinned.entry is not None and screen.pinned.entry.id == blog.pinned_id
        assert screen.pane_visible  # 120 columns: beside the feed
        assert 30 <= screen.pane.size.width <= 60


async def test_number_keys_jump_to_the_nth_key_event_and_mark_it(demo_server: DemoServer) -> None:
    app = make_app(demo_server.url)
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_blog(pilot)
        ids = screen.pane.entry_ids
        for n in (1, 3, 2):
            await pilot.press(str(n))
            assert at_top(screen, ids[n - 1]) and screen.feed.marked == ids[n - 1]
            assert screen.pane.current == ids[n - 1]
        # from the pane too (its own bindings), and a number past the list says so
        screen.pane.focus()
        await pilot.press("4")
        assert at_top(screen, ids[3])
        screen.feed.focus()
        assert len(ids) < 9
        await pilot.press("9")
        assert "There is no key event 9." in app.notices


async def test_brackets_tab_and_enter_in_the_pane(demo_server: DemoServer) -> None:
    app = make_app(demo_server.url)
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_blog(pilot)
        feed = screen.feed
        ids = screen.pane.entry_ids  # newest first, as the feed
        await pilot.press("right_square_bracket")
        first = feed.entry_at_top()
        assert first in ids and feed.entry(first).is_key  # type: ignore[union-attr]
        await pilot.press("right_square_bracket")
        assert feed.entry_at_top() == ids[ids.index(first) + 1]
        await pilot.press("left_square_bracket")
        assert feed.entry_at_top() == first
        assert feed.has_focus
        await pilot.press("tab")
        assert screen.pane.has_focus
        await pilot.press("home", "down", "enter")
        assert at_top(screen, ids[1])
        await pilot.press("tab")
        assert feed.has_focus


async def test_moving_through_the_feed(demo_server: DemoServer) -> None:
    app = make_app(demo_server.url)
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_blog(pilot)
        feed = screen.feed
        ids = feed.shown_ids
        await pilot.press("j", "down")
        assert at_top(screen, ids[2])
        await pilot.press("k")
        assert at_top(screen, ids[1])
        await pilot.press("up")
        assert at_top(screen, ids[0])
        height = feed.scrollable_content_region.height
        await pilot.press("pagedown")
        assert feed.scroll_offset.y == height
        await pilot.press("space")
        assert feed.scroll_offset.y == 2 * height
        await pilot.press("pageup")
        assert feed.scroll_offset.y == height
        await pilot.press("G")
        assert feed.scroll_offset.y == feed.max_scroll_y and feed.cursor == ids[-1]
        await pilot.press("g")
        assert at_top(screen, ids[0])
        await pilot.press("end")
        assert feed.cursor == ids[-1]
        await pilot.press("home")
        assert at_top(screen, ids[0])
        await pilot.press("s")
        assert feed.order == "oldest" and feed.shown_ids[0] == ids[-1]
        await pilot.press("s")
        assert feed.order == "newest"


async def test_search_filters_highlights_and_escape_clears(demo_server: DemoServer) -> None:
    app = make_app(demo_server.url)
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_blog(pilot)
        feed = screen.feed
        everything = feed.shown_ids
        await pilot.press("slash")
        assert screen.search_bar.display and screen.search_bar.input.has_focus
        await pilot.press(*"Tollbridge", "enter")
        assert feed.filter_terms == ("tollbridge",)
        shown = feed.shown_ids
        assert 0 < len(shown) < len(everything)
        for entry_id in shown:
            entry = feed.entry(entry_id)
            assert entry is not None
            assert "tollbridge" in f"{entry.title} {entry.text}".lower()
        assert feed.has_focus
        assert "Tollbridge: " in screen.search_bar.result_text
        assert f"{len(shown)} entr" in screen.search_bar.result_text
        # the match is highlighted: the word's cells have a background of their own
        base = feed.rich_style.bgcolor
        lines = [feed.render_line(y) for y in range(feed.scrollable_content_region.height)]
        marked = [
            segment.style
            for line in lines
            for segment in line
            if segment.text.lower() == "tollbridge" and segment.style is not None
        ]
        assert marked and all(style.bgcolor not in (None, base) for style in marked)
        await pilot.press("escape")
        assert feed.filter_terms == () and feed.shown_ids == everything
        assert not screen.search_bar.display
        # Esc in the bar itself clears too; a search with no match says so
        await pilot.press("slash", *"zzzqqq", "enter")
        assert feed.shown_ids == [] and "nothing matches" in screen.search_bar.result_text
        await pilot.press("slash", "escape")
        assert feed.shown_ids == everything and not screen.search_bar.display


async def test_o_opens_only_safe_links(demo_server: DemoServer) -> None:
    app = make_app(demo_server.url, env={"DISPLAY": ":0"})  # a browser can be started
    opened: list[str] = []
    app.open_url = lambda url, *, new_tab=True: opened.append(url)  # type: ignore[method-assign]
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_blog(pilot)
        entry = screen.feed.selected_entry
        assert entry is not None
        await pilot.press("o")
        assert opened == [entry.url]
        bad = make_entry("bad-link", 500, "A hostile permalink")
        bad = bad.with_changes(url="javascript:alert(1)")
        screen.feed.upsert([bad])
        screen.feed.jump_to("bad-link")
        await pilot.press("o")
        assert opened == [entry.url]  # nothing more
        assert any("not opened" in notice for notice in app.notices)


async def test_o_with_no_browser_shows_and_copies_the_link(demo_server: DemoServer) -> None:
    """Defect: over SSH (no display) o said "Opening …" and nothing opened."""
    app = make_app(demo_server.url, env={})  # no display: no browser to start
    opened: list[str] = []
    copied: list[str] = []
    app.open_url = lambda url, *, new_tab=True: opened.append(url)  # type: ignore[method-assign]
    app.copy_to_clipboard = copied.append  # type: ignore[method-assign]
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_blog(pilot)
        entry = screen.feed.selected_entry
        assert entry is not None
        await pilot.press("o")
        await wait_for(pilot, lambda: copied, what="the link copied")
        assert opened == [] and copied == [entry.url]
        assert any(n.startswith("No browser") and entry.url in n for n in app.notices)
        assert not any(n.startswith("Opening") for n in app.notices)
        assert any("Sent the link to the terminal's clipboard" in n for n in app.notices)


async def test_y_copies_a_quote_of_the_entry(demo_server: DemoServer) -> None:
    app = make_app(demo_server.url)
    copied: list[str] = []
    app.copy_to_clipboard = copied.append  # type: ignore[method-assign]
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_blog(pilot)
        await pilot.press("3")
        entry = screen.feed.selected_entry
        assert entry is not None and entry.title
        await pilot.press("y")
        assert len(copied) == 1
        quote = copied[0]
        assert quote.startswith(entry.title)
        assert entry.text.split("\n")[0] in quote
        assert demo_server.blog.title in quote
        assert entry.published.astimezone().strftime("%H:%M") in quote
        assert quote.rstrip().endswith(entry.url)


async def test_d_on_an_entry_never_edited_says_so_without_a_dialog(
    demo_server: DemoServer,
) -> None:
    """Defect: d opened a full-screen dialog just to say "Nothing to compare"."""
    app = make_app(demo_server.url)
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_blog(pilot)
        await pilot.press("d")
        assert not isinstance(app.screen, DiffScreen)
        assert app.screen is app.tabs_screen and shown_blog(app) is screen
        assert app.notices[-1] == "Not edited since liveread first saw it: nothing to compare."


async def test_p_expands_the_pinned_strip(demo_server: DemoServer) -> None:
    app = make_app(demo_server.url)
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_blog(pilot)
        folded = screen.pinned.size.height
        await pilot.press("p")
        await pilot.pause()
        assert screen.pinned.expanded and screen.pinned.size.height > folded
        await pilot.press("p")
        await pilot.pause()
        assert not screen.pinned.expanded and screen.pinned.size.height == folded
        # a click on the strip jumps the feed to the pinned entry
        await pilot.click("#pinned")
        assert screen.feed.entry_at_top() == screen.pinned.entry.id  # type: ignore[union-attr]


async def test_e_wide_and_narrow_layouts(demo_server: DemoServer) -> None:
    app = make_app(demo_server.url)
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_blog(pilot)
        assert screen.pane_visible and screen.pane.outer_size.width == 40  # a third of 120
        await pilot.press("e")
        assert not screen.pane_visible
        await pilot.press("e")
        assert screen.pane_visible
        await pilot.resize_terminal(200, 40)
        await pilot.pause()
        assert screen.pane.outer_size.width == 60  # at most 60 columns
        await pilot.resize_terminal(*NARROW)
        await pilot.pause()
        assert not screen.pane_visible  # folded away below 100 columns
        await pilot.press("e")
        assert screen.pane_visible and screen.pane.has_focus
        ids = screen.pane.entry_ids
        await pilot.press("home", "down", "down", "enter")
        assert screen.feed.entry_at_top() == ids[2]
        assert not screen.pane_visible and screen.feed.has_focus  # folded for reading


async def test_narrow_80x24_reads(demo_server: DemoServer) -> None:
    app = make_app(demo_server.url)
    async with app.run_test(size=NARROW) as pilot:
        screen = await open_blog(pilot)
        assert not screen.pane_visible
        newest = demo_server.blog.entries_newest_first()[0]
        assert (newest.title or "") in feed_text(screen.feed)
        assert screen.feed.outer_size.width == 80
        assert screen.feed.size.height >= 10


async def test_help_lists_every_key(demo_server: DemoServer) -> None:
    app = make_app(demo_server.url, keymap={"blog.poll": "f5"})
    async with app.run_test(size=WIDE) as pilot:
        await open_blog(pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = app.screen.text
        for words in (
            "Next entry", "Page down", "Top", "Bottom", "Next key event", "Prev key event",
            "Order", "Show new", "Clear search", "Key event 1–9", "Search",
            "Open", "Copy", "Diff", "Poll", "Pinned", "Pane", "Other pane",
            "Quit", "Help", "Jump to key event", "palette",
        ):  # fmt: skip
            assert words in text, words
        assert "f5" in text  # the remapped key
        # Defect: 1–9 were listed twice (the pane's and the blog's); now once, one row.
        assert text.count("Key event 1–9") == 1 and "Key event 2" not in text
        await pilot.press("escape")
        assert app.screen is app.tabs_screen
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("question_mark")
        assert app.screen is app.tabs_screen


async def test_the_footer_shows_the_keys_in_force_and_a_click_presses_one(
    demo_server: DemoServer,
) -> None:
    app = make_app(demo_server.url)
    async with app.run_test(size=WIDE) as pilot:
        await open_blog(pilot)
        footer = app.screen.query_one(KeyFooter)
        shown = [(tuple(k for k, _ in item.keys), item.description) for item in footer.keys]
        # The pane's ] and [ together under their group's words; each action once.
        assert shown[0] == (("right_square_bracket", "left_square_bracket"), "Key event")
        assert shown[-1] == (("question_mark",), "Help")
        assert len({d for _, d in shown}) == len(shown)
        line = footer.render_line(0).text
        assert line.startswith(" ][ Key event n Show new") and line.rstrip().endswith("? Help")
        # A click on "? Help" presses ?.
        await pilot.click(KeyFooter, offset=(line.index("? Help"), 0))
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen), what="the help")


async def test_keymap_remaps_by_binding_id(demo_server: DemoServer) -> None:
    app = make_app(demo_server.url, keymap={"blog.poll": "f5", "key_events.jump_1": "f2"})
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_blog(pilot)
        await pilot.press("f2")
        assert screen.feed.entry_at_top() == screen.pane.entry_ids[0]
        before = demo_server.stats.requests
        await pilot.press("f5")
        await wait_for(pilot, lambda: demo_server.stats.requests > before, what="a poll")


async def test_command_palette_holds_the_commands(demo_server: DemoServer) -> None:
    app = make_app(demo_server.url)
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_blog(pilot)
        commands = {c.title: c for c in app.get_system_commands(app.screen)}
        for title in (
            "Search", "Open", "Copy", "Diff", "Poll", "Pinned", "Pane", "Help",
            "Next key event", "Show new", "Order", "Key event 1", "Quit",
        ):  # fmt: skip
            assert title in commands, title
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Pane")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await wait_for(pilot, lambda: not screen.pane_visible, what="the pane to fold")


async def test_q_quits_marks_read_and_returns_0(demo_server: DemoServer) -> None:
    app = make_app(demo_server.url)
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_blog(pilot)
        url = screen.url
        await pilot.press("q")
    assert app.return_code == 0
    with Cache() as cache:
        summary = next(s for s in cache.blogs() if s.url == url)
    assert summary.last_read is not None


async def test_ctrl_c_quits(demo_server: DemoServer) -> None:
    app = make_app(demo_server.url)
    async with app.run_test(size=WIDE) as pilot:
        await open_blog(pilot)
        await pilot.press("slash")  # even from the search input
        await pilot.press("ctrl+c")
        await pilot.pause()
    assert app.return_code == 0


async def test_sigterm_quits_cleanly(demo_server: DemoServer) -> None:
    app = make_app(demo_server.url)
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_blog(pilot)
        worker = follow_worker(screen)
        assert worker is not None and worker.is_running
        os.kill(os.getpid(), signal.SIGTERM)
        await wait_for(pilot, lambda: app._exit, what="the app to exit")
    assert app.return_code == 0
    assert worker.state == WorkerState.SUCCESS  # the follower returned cleanly
    # the handlers are gone with the app
    assert signal.getsignal(signal.SIGTERM) in (signal.SIG_DFL, None)


async def test_page_text_is_never_markup(demo_server: DemoServer) -> None:
    """A title with markup in it shows as typed, and the pane and header survive it."""
    app = make_app(demo_server.url)
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_blog(pilot)
        evil = make_entry(
            "evil", 600, "[@click=app.quit]Click[/] [b]bold[/b] [/", Block("paragraph", "[/x]")
        ).with_changes(key_event=True)
        screen.feed.upsert([evil], new=True)
        screen.pane.upsert([evil])
        screen.blog_title = "[b]not bold[/b] [/"
        await pilot.pause()
        assert "[@click=app.quit]Click[/]" in feed_text(screen.feed)
        assert "[b]not bold[/b] [/" in screen.header.title_text
        await pilot.click("#feed")
        await pilot.pause()
        assert app.is_running


async def test_the_hostile_blog_through_every_key(make_demo_server: Any) -> None:
    """Escape sequences, markup and bad links from pages: shown as text, acting on nothing."""
    server = make_demo_server(hostile=True)
    app = make_app(server.url)
    opened: list[str] = []
    copied: list[str] = []
    app.open_url = lambda url, *, new_tab=True: opened.append(url)  # type: ignore[method-assign]
    app.copy_to_clipboard = copied.append  # type: ignore[method-assign]
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_blog(pilot)
        for keys in (("1",), ("right_square_bracket",), ("d", "escape"), ("y",), ("o",), ("p",)):
            await pilot.press(*keys)
        await pilot.press("slash", *"click", "enter", "escape", "question_mark", "escape")
        server.advance(3)
        await pilot.press("r")
        await pilot.pause(0.3)
        await pilot.click("#feed")
        shown = [screen.header.title_text, screen.header.status_text, feed_text(screen.feed)]
        shown += [str(o.prompt) for o in screen.pane.options]
        for text in shown + copied:
            assert not _CONTROL.search(text), repr(text)
        assert all(is_safe_link(url) for url in opened)
        assert app.is_running and app.return_code is None


async def test_enter_brings_the_entry_under_the_cursor_to_the_top(demo_server: DemoServer) -> None:
    app = make_app(demo_server.url)
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_blog(pilot)
        feed = screen.feed
        await pilot.press("j", "j", "enter")
        chosen = feed.cursor
        assert chosen == feed.shown_ids[2]
        assert feed.marked == chosen and at_top(screen, chosen)


def burst(app: LivereadApp, text: str) -> None:
    """Keys as a terminal delivers a paste or fast typing over SSH: all queued at once,
    before the app has handled the first (Pilot's press waits between keys)."""
    for character in text:
        key = "slash" if character == "/" else character
        app.post_message(events.Key(key, character))


async def test_a_query_in_the_same_burst_as_slash_goes_to_the_search(
    demo_server: DemoServer,
) -> None:
    """Defect: after / the letters of a fast query ran as keys (e hid the pane, y copied,
    s flipped the order, o opened the browser, r polled) and the search box stayed empty."""
    app = make_app(demo_server.url)
    copied: list[str] = []
    app.copy_to_clipboard = copied.append  # type: ignore[method-assign]
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_blog(pilot)
        burst(app, "/ferry")
        await pilot.pause()
        assert screen.search_bar.input.value == "ferry"
        assert screen.pane_visible and screen.feed.order == "newest" and copied == []
        await pilot.press("enter")
        assert screen.feed.filter_terms == ("ferry",) and screen.feed.shown_ids
        assert not any("Polling" in notice for notice in app.notices)
        # A "/" typed in the search box is a character, not a new search.
        await pilot.press("slash")
        burst(app, "/a/b")
        await pilot.pause()
        assert screen.search_bar.input.value.endswith("/a/b")


async def test_keys_typed_right_after_w_go_to_the_watch_dialog(demo_server: DemoServer) -> None:
    app = make_app(demo_server.url)
    async with app.run_test(size=WIDE) as pilot:
        await open_blog(pilot)
        burst(app, "wferry")
        await pilot.pause()
        assert isinstance(app.screen, WatchDialog)
        assert app.screen.query_one("#watch-terms", Input).value == "ferry"
