"""Several blogs in one TUI: a tab each, switching, unread counts, closing, the command line.

Two demo servers serve two blogs (one Guardian-shaped, one its JSON-LD copy,
so that their short names must be told apart). Each blog keeps its own
follower, place, search and "N new"; a blog's tab counts what arrived while
another was shown.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.worker import WorkerState

from liveread.cli.args import build_parser, normalise_argv
from liveread.demo.server import DemoServer
from liveread.naming import BlogName, short_names, short_title
from liveread.tui.screens import LibraryScreen

from .app_support import (
    WIDE,
    cache_blog,
    follow_worker,
    make_app,
    open_blog,
    published,
    shown_blog,
    wait_for,
)


def test_short_names_name_blogs_by_outlet_and_tell_them_apart() -> None:
    """Tabs are named by outlet, never by the parser that read the blog (defect: "jsonld")."""
    assert short_title("Storm Wrenna: Marlhaven evacuates riverside streets") == "Storm Wrenna…"
    assert short_title("Budget 2026") == "Budget 2026"
    assert short_title("Supercalifragilisticexpialidocious") == "Supercalifragilis…"
    storm = "Storm Wrenna: Marlhaven evacuates"
    assert short_names(
        [
            BlogName("https://www.theguardian.com/a", storm, "The Guardian"),
            BlogName("https://example.org/b", storm, "Marlhaven Courier"),
            BlogName("https://www.mirror.co.uk/news/live-ferry", ""),
        ]
    ) == ["The Guardian", "Marlhaven Courier", "mirror.co.uk"]
    # One outlet twice: the title tells them apart (the URL's last segment until known).
    same = [
        BlogName("https://h.example/a/storm-live", storm, "Herald"),
        BlogName("https://h.example/b/budget-live", "Budget 2026", "Herald"),
        BlogName("https://h.example/c/ferry-strike-live", "", "Herald"),
    ]
    assert short_names(same) == [
        "Herald · Storm Wrenna…",
        "Herald · Budget 2026",
        "Herald · ferry strike live",
    ]
    twins = [BlogName("http://h/a", storm, "X"), BlogName("http://h/b", storm, "X")]
    assert short_names(twins) == ["X · Storm Wrenna…", "X · Storm Wrenna… 2"]
    assert all(name not in ("guardian", "jsonld", "reach", "amp") for name in short_names(same))


def test_the_command_line_takes_several_urls() -> None:
    parser = build_parser()
    args = parser.parse_args(normalise_argv(["https://a.test/live", "b.test/live", "--offline"]))
    assert args.urls == ["https://a.test/live", "b.test/live"] and args.offline
    assert parser.parse_args(normalise_argv(["c.test/live"])).urls == ["c.test/live"]


async def test_two_blogs_in_tabs_switching_and_unread_counts(
    make_demo_server: Callable[..., DemoServer],
) -> None:
    first, second = make_demo_server(), make_demo_server()
    app = make_app(urls=[first.url, second.jsonld_url])
    async with app.run_test(size=WIDE) as pilot:
        one = await open_blog(pilot)
        await wait_for(pilot, lambda: len(app.blog_tabs()) == 2, what="two tabs")
        _, two = app.blog_tabs()
        assert two.id != one.id
        colours = {tab.key: tab.colour for tab in app.tabs_screen.tabs}
        assert colours[one.id or ""] != colours[two.id or ""]
        await wait_for(pilot, lambda: two.blog_title and two.liveness.polling, what="blog 2")
        bar = app.tabs_screen.tab_bar
        assert bar.display
        # Named by outlet (the Guardian-style demo and its JSON-LD copy have their own).
        assert "1 The Marlhaven Herald" in bar.text and "2 The Marlhaven Courier" in bar.text

        # An entry arrives in blog 2 while blog 1 is shown: its tab counts it.
        new_id = published(second)
        two.action_poll_now()
        await wait_for(pilot, lambda: two.unread == 1, what="one unread in blog 2")
        await pilot.pause()
        assert "Courier  1 " in bar.text and one.unread == 0
        # Blog 1 keeps its place while blog 2 is read.
        await pilot.press("j", "j", "j")
        reading = one.feed.entry_at_top()
        await pilot.press("alt+2")
        assert shown_blog(app) is two and two.unread == 0 and "jsonld  1 " not in bar.text
        top = two.feed.entry_at_top()  # the JSON-LD copy's ids are its permalinks
        assert top is not None and top.endswith(new_id) and top in two.feed.new_ids
        # A search in blog 2 is blog 2's.
        await pilot.press("slash", *"Tollbridge", "enter")
        assert two.feed.filter_terms == ("tollbridge",)
        await pilot.press("ctrl+left")
        assert shown_blog(app) is one and one.feed.entry_at_top() == reading
        assert not one.feed.filter_terms and one.feed.has_focus
        await pilot.press("ctrl+right")
        assert shown_blog(app) is two and two.feed.filter_terms == ("tollbridge",)
        await pilot.press("alt+1")
        assert shown_blog(app) is one
        await pilot.press("alt+3")
        assert shown_blog(app) is one and "There is no blog 3." in app.notices
        # A click on a tab shows it.
        await pilot.click("#tab-bar", offset=(bar.text.index("2 The Marlhaven") + 2, 0))
        assert shown_blog(app) is two
        # Defect: ESC then a digit (Alt+2 in tmux and xterm) reached the app as "™" and
        # did nothing; it, and the Mac's Option+digit characters, go to the blog.
        await pilot.press("inverted_exclamation_mark")  # ESC 1 / Option+1
        assert shown_blog(app) is one
        await pilot.press("trade_mark_sign")  # ESC 2 / Option+2
        assert shown_blog(app) is two
        # From any keyboard: b, then the number (pressed together, as one burst).
        await pilot.press("b", "1")
        await pilot.pause()
        assert shown_blog(app) is one and app.screen is app.tabs_screen
        await pilot.press("b")
        await pilot.pause()
        await pilot.press("escape")  # the list closes; the tab stays
        assert shown_blog(app) is one and app.screen is app.tabs_screen


async def test_closing_a_tab_stops_its_follower_and_the_last_one_ends(
    make_demo_server: Callable[..., DemoServer],
) -> None:
    first, second = make_demo_server(), make_demo_server()
    app = make_app(urls=[first.url, second.url])
    async with app.run_test(size=WIDE) as pilot:
        one = await open_blog(pilot)
        await wait_for(pilot, lambda: len(app.blog_tabs()) == 2, what="two tabs")
        _, two = app.blog_tabs()
        worker = follow_worker(one)
        assert worker is not None
        await pilot.press("ctrl+w")
        # The follower returned by itself; the other blog is shown, alone: no tab bar.
        assert worker.state == WorkerState.SUCCESS and not one.liveness.polling
        assert app.blog_tabs() == [two] and shown_blog(app) is two
        assert not app.tabs_screen.tab_bar.display
        before = first.stats.requests
        await pilot.pause(0.6)
        assert first.stats.requests == before
        await pilot.press("ctrl+w")  # started on blogs, the library never shown: quit
    assert app.return_code == 0


async def test_opening_from_the_library_adds_a_tab(
    make_demo_server: Callable[..., DemoServer],
) -> None:
    first, second = make_demo_server(), make_demo_server()
    await cache_blog(first)
    await cache_blog(second)
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        one = await open_blog(pilot)
        await pilot.press("escape")
        assert isinstance(app.screen, LibraryScreen)
        await pilot.press("down", "enter")
        two = await open_blog(pilot)
        assert two is not one and app.blog_tabs() == [one, two]
        await pilot.press("escape", "up", "enter")  # open already: its tab is shown
        assert await open_blog(pilot) is one and len(app.blog_tabs()) == 2
        await pilot.press("ctrl+w", "ctrl+w")  # the last tab closed: the library
        assert isinstance(app.screen, LibraryScreen) and app.blog_tabs() == []


async def test_a_blog_that_ends_says_so_once_in_its_tab_and_header_and_stops(
    make_demo_server: Callable[..., DemoServer],
) -> None:
    first, second = make_demo_server(), make_demo_server()
    app = make_app(urls=[first.url, second.jsonld_url])
    async with app.run_test(size=WIDE) as pilot:
        one = await open_blog(pilot)
        await wait_for(pilot, lambda: len(app.blog_tabs()) == 2, what="two tabs")
        _, two = app.blog_tabs()
        await wait_for(pilot, lambda: two.liveness.polling, what="blog 2 followed")
        second.change(lambda blog: blog.end())
        two.action_poll_now()  # blog 2 ends while blog 1 is read
        await wait_for(pilot, lambda: follow_worker(two) is None, what="its follower's end")
        await pilot.pause()
        bar = app.tabs_screen.tab_bar.text
        assert "Courier ENDED" in bar and bar.count("ENDED") == 1
        assert two.liveness.ended and not two.liveness.polling
        assert two.header.title_text.startswith(" ENDED")
        assert one.liveness.polling and not one.liveness.ended  # the other goes on
        said = [n for n in app.notices if "has ended" in n]
        assert len(said) == 1
        requests = second.stats.requests
        one.action_poll_now()
        await pilot.pause(0.6)
        assert second.stats.requests == requests  # no more polling of the ended blog
        await pilot.press("alt+2")
        assert len([n for n in app.notices if "has ended" in n]) == 1  # said once
