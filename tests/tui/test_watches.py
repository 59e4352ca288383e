"""Watches in the TUI: highlighted apart from a search, "watched only" in a blog and across the
timeline, added with w and removed from the watches screen (config.toml kept in step), and the
alerts that a new or newly matching entry gives (never the backfill; a failing command said once).

Everything through the real app, the real follower, the demo server and the config file in the
test's own LIVEREAD_HOME.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from rich.style import Style

from liveread.alerts import NotifySettings, Watch
from liveread.config import load_settings
from liveread.demo.server import DemoServer
from liveread.tui.feed import FeedView
from liveread.tui.screens import WatchDialog, WatchesScreen, split_watch_terms
from liveread.tui.widgets import TIMELINE

from .app_support import WIDE, make_app, open_blog, published, wait_for

TOLLBRIDGE = Watch(terms=("Tollbridge",))


def styles_of(feed: FeedView, word: str) -> list[Style]:
    """The styles the word is drawn with wherever it shows in the feed's view."""
    lines = [feed.render_line(y) for y in range(feed.scrollable_content_region.height)]
    return [
        segment.style
        for line in lines
        for segment in line
        if segment.text.lower() == word.lower() and segment.style is not None
    ]


def holds(feed: FeedView, entry_id: str, words: str) -> bool:
    """The entry holds the words (in a row) in any of its fields, by the search's rules."""
    entry = feed.entry(entry_id)
    return entry is not None and Watch(terms=(words,)).matches(entry)


def test_the_dialog_splits_terms_on_commas() -> None:
    assert split_watch_terms("ferry, Tollbridge ,, flood barrier\nquay") == (
        "ferry",
        "Tollbridge",
        "flood barrier",
        "quay",
    )


async def test_a_watch_is_highlighted_apart_from_a_search(demo_server: DemoServer) -> None:
    app = make_app(demo_server.url, watches=[TOLLBRIDGE])
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_blog(pilot)
        feed = screen.feed
        target = next(i for i in feed.shown_ids if holds(feed, i, "Tollbridge"))
        feed.jump_to(target, mark=False)
        await pilot.pause()
        watched = styles_of(feed, "Tollbridge")
        base = feed.rich_style.bgcolor
        assert watched and all(s.bgcolor not in (None, base) and s.underline for s in watched)
        # A search's match is drawn otherwise, over the watch's.
        await pilot.press("slash", *"Tollbridge", "enter")
        feed.jump_to(target, mark=False)
        await pilot.pause()
        searched = styles_of(feed, "Tollbridge")
        assert searched and {s.bgcolor for s in searched}.isdisjoint({s.bgcolor for s in watched})
        # The backfill never alerts, however much of it matches.
        await pilot.pause(1.5)
        assert app.terminal.given == []


async def test_watched_only_in_a_blog_then_escape(demo_server: DemoServer) -> None:
    app = make_app(demo_server.url, watches=[TOLLBRIDGE])
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_blog(pilot)
        feed = screen.feed
        everything = feed.shown_ids
        await pilot.press("f")
        shown = feed.shown_ids
        assert feed.watched_only and 0 < len(shown) < len(everything)
        assert all(holds(feed, i, "Tollbridge") for i in shown)
        assert screen.search_bar.display
        assert screen.search_bar.result_text.startswith(f"watched only: {len(shown)} entries")
        # A search narrows it further; Esc shows every entry again.
        await pilot.press("slash", *"gauge", "enter")
        assert 0 < len(feed.shown_ids) < len(shown)
        assert "gauge (watched only)" in screen.search_bar.result_text
        await pilot.press("escape")
        assert not feed.filtered and feed.shown_ids == everything
        assert not screen.search_bar.display
        await pilot.press("f", "f")
        assert not feed.watched_only and feed.shown_ids == everything


async def test_watched_only_across_the_timeline(
    make_demo_server: Callable[..., DemoServer],
) -> None:
    first, second = make_demo_server(), make_demo_server()
    only_first = Watch(name="quay", terms=("Low Quay",), blogs=(first.url,))
    app = make_app(urls=[first.url, second.url], watches=[TOLLBRIDGE, only_first])
    async with app.run_test(size=WIDE) as pilot:
        one = await open_blog(pilot)
        await wait_for(pilot, lambda: len(app.blog_tabs()) == 2, what="two tabs")
        _, two = app.blog_tabs()
        await wait_for(pilot, lambda: two.liveness.polling and two.feed.entries, what="blog 2")
        await pilot.press("t")
        timeline = app.tabs_screen.timeline
        assert timeline is not None and app.tabs_screen.current == TIMELINE
        feed = timeline.feed
        everything = len(feed.shown_ids)
        await pilot.press("f")
        shown = feed.shown_ids
        assert feed.watched_only and 0 < len(shown) < everything
        from liveread.tui.timeline import split_id

        blogs = {split_id(i)[0] for i in shown}
        assert blogs == {one.id, two.id}
        # "Low Quay" is watched in blog 1 only: in blog 2, only Tollbridge counts.
        for item in shown:
            entry = feed.entry(item)
            assert entry is not None
            text = f"{entry.title} {entry.text}".lower()
            assert "tollbridge" in text or (split_id(item)[0] == one.id and "low quay" in text)
        heading = str(timeline.query_one("#timeline-heading").content)  # type: ignore[attr-defined]
        assert f"(watched only): {len(shown)} entries of the 2 open blogs" in heading
        # The blogs' own tabs are not filtered.
        assert not one.feed.watched_only and not two.feed.watched_only


async def test_w_adds_a_watch_and_the_watches_screen_removes_it(demo_server: DemoServer) -> None:
    app = make_app(demo_server.url)
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_blog(pilot)
        feed = screen.feed
        # With a search in force, w offers its words.
        await pilot.press("slash", *"ferry", "enter")
        await pilot.press("escape")  # the search cleared; a dialog on a clean feed
        await pilot.press("f")
        assert "No watches yet" in app.notices[-1] and not feed.watched_only
        await pilot.press("w")
        dialog = app.screen
        assert isinstance(dialog, WatchDialog)
        await pilot.press(*"ferry, Heron Bridge", "tab", *"boats", "enter")
        assert [(w.name, w.terms) for w in app.watches] == [("boats", ("ferry", "Heron Bridge"))]
        assert [w.terms for w in load_settings().watches] == [("ferry", "Heron Bridge")]
        target = next(i for i in feed.shown_ids if holds(feed, i, "ferry"))
        feed.jump_to(target, mark=False)
        await pilot.pause()
        assert any(s.underline for s in styles_of(feed, "ferry"))  # highlighted at once
        await pilot.press("f")
        assert feed.watched_only and all(
            holds(feed, i, "ferry") or holds(feed, i, "Heron Bridge") for i in feed.shown_ids
        )
        # A watch that holds no word is refused, in the dialog.
        await pilot.press("w")
        assert isinstance(app.screen, WatchDialog)
        app.screen.query_one("#watch-terms").value = " ,, "  # type: ignore[attr-defined]
        await pilot.press("enter")
        assert isinstance(app.screen, WatchDialog)
        assert "term" in str(app.screen.query_one("#watch-error").content)  # type: ignore[attr-defined]
        await pilot.press("escape")
        # W lists them; x removes the one highlighted.
        await pilot.press("W")
        listing = app.screen
        assert isinstance(listing, WatchesScreen) and listing.names == ["boats"]
        await pilot.press("x")
        assert listing.names == [] and load_settings().watches == ()
        assert listing.query_one("#watches-empty").display
        await pilot.press("escape")
        # No watch left: "watched only" now shows nothing, and says so.
        assert feed.watched_only and feed.shown_ids == []


async def test_alerts_for_a_new_match_and_an_edit_that_brings_one(demo_server: DemoServer) -> None:
    app = make_app(demo_server.url, notify=NotifySettings(bell=False))
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_blog(pilot)
        feed = screen.feed
        new_id = published(demo_server)
        word = demo_server.blog.post(new_id).entry.text.split()[0]
        app.add_watch(Watch(name="next", terms=(word,)))
        await pilot.press("r")
        await wait_for(pilot, lambda: app.terminal.given, what="the alert for the new entry")
        (alert,) = app.terminal.given
        assert alert.entry.id == new_id and alert.why == "next" and alert.blog_title
        # An edit that brings a match the entry did not have alerts; one that does not, not.
        target = next(i for i in feed.shown_ids[3:] if not holds(feed, i, "Zanzibar"))
        app.add_watch(Watch(name="zanzibar", terms=("Zanzibar",)))
        demo_server.change(lambda blog: blog.edit(target, "Ferries to Zanzibar are cancelled."))
        await pilot.press("r")
        await wait_for(pilot, lambda: len(app.terminal.given) == 2, what="the edit's alert")
        last = app.terminal.given[-1]
        assert last.entry.id == target and last.why == "zanzibar"
        demo_server.change(lambda blog: blog.edit(target, "Ferries to Zanzibar: cancelled."))
        await pilot.press("r")
        await wait_for(pilot, lambda: len(feed.entry(target).revisions) == 3, what="the re-edit")  # type: ignore[union-attr]
        await pilot.pause(1.5)
        assert len(app.terminal.given) == 2  # the match was there before


@pytest.mark.system  # the app runs the notify command
async def test_a_failing_notify_command_is_said_once(
    demo_server: DemoServer, tmp_path: Path
) -> None:
    failing = tmp_path / "fails.py"
    failing.write_text("import sys\nsys.exit(3)\n")
    notify = NotifySettings(bell=False, command=(sys.executable, str(failing)))
    every = Watch(name="every", terms=("the", "a"))  # every new entry of the story
    app = make_app(demo_server.url, watches=[every], notify=notify)
    async with app.run_test(size=WIDE) as pilot:
        await open_blog(pilot)
        for given in (1, 2):
            published(demo_server)
            await pilot.press("r")
            await wait_for(pilot, lambda n=given: len(app.terminal.given) >= n, what="an alert")
        await wait_for(
            pilot, lambda: any("exited with status 3" in n for n in app.notices), what="the notice"
        )
        await pilot.pause(0.5)  # the second command has failed too by now
        assert len([n for n in app.notices if "notify command" in n]) == 1, app.notices
