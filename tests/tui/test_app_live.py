"""Following in the app: arrivals, "N new" without yanking, edits, removals, pins, the bell,
the end, a page gone, the network down, and a first page that is no live blog.

Everything goes through the real follower and the demo server: the test makes
the blog change (``advance``, ``change``, faults) and presses ``r`` to poll.
"""

from __future__ import annotations

from liveread.demo.http import Reply
from liveread.demo.server import DemoServer
from liveread.tui.diff import DiffScreen
from tests.support.faults import Fault, faults

from .app_support import WIDE, blog_screen, feed_text, follow_worker, make_app, open_blog, wait_for


def happen(server: DemoServer, kind: str) -> str:
    """Advance the story to its next happening of *kind*; return the entry concerned."""
    for _ in range(50):
        for happening in server.advance():
            if happening.kind == kind:
                assert happening.entry_id is not None
                return happening.entry_id
    raise AssertionError(f"no {kind} in the story")


async def test_new_entry_at_the_top_appears_at_once_marked_new(demo_server: DemoServer) -> None:
    app = make_app(demo_server.url)
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_blog(pilot)
        new_id = happen(demo_server, "publish")
        await pilot.press("r")
        await wait_for(pilot, lambda: screen.feed.entry(new_id) is not None, what="the arrival")
        assert screen.feed.entry_at_top() == new_id and screen.feed.entry_row(new_id) == 0
        assert "NEW" in feed_text(screen.feed).splitlines()[0]
        assert screen.feed.pending == 0 and not screen.indicator.display


async def test_scrolled_away_nothing_moves_and_n_new_is_counted(demo_server: DemoServer) -> None:
    app = make_app(demo_server.url)
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_blog(pilot)
        feed = screen.feed
        await pilot.press("j", "j", "j", "j")
        reading = feed.entry_at_top()
        before = feed_text(feed)
        first = happen(demo_server, "publish")
        await pilot.press("r")
        await wait_for(pilot, lambda: feed.pending == 1, what="one pending")
        second = happen(demo_server, "publish")
        await pilot.press("r")
        await wait_for(pilot, lambda: feed.pending == 2, what="two pending")
        # no yank: the same entry on the same row, the same lines on screen
        assert feed.entry_at_top() == reading and feed.entry_row(reading) == 0  # type: ignore[arg-type]
        assert feed_text(feed) == before
        assert screen.indicator.display
        assert "2 new entries" in str(screen.indicator.content)
        assert feed.shown_ids[:2] == [second, first]
        await pilot.press("n")
        assert feed.entry_at_top() == second and feed.pending == 0
        await pilot.pause()
        assert not screen.indicator.display


async def test_a_click_on_the_indicator_shows_the_new_ones(demo_server: DemoServer) -> None:
    app = make_app(demo_server.url)
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_blog(pilot)
        await pilot.press("pagedown")
        new_id = happen(demo_server, "publish")
        await pilot.press("r")
        await wait_for(pilot, lambda: screen.indicator.display, what="the indicator")
        await pilot.click("#new-indicator")
        await pilot.pause()
        assert screen.feed.entry_at_top() == new_id and not screen.indicator.display


async def test_edits_show_in_place_and_in_the_diff(demo_server: DemoServer) -> None:
    app = make_app(demo_server.url)
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_blog(pilot)
        feed = screen.feed
        target = feed.shown_ids[3]
        old = feed.entry(target)
        assert old is not None
        await pilot.press("j", "j")
        reading = feed.entry_at_top()
        demo_server.change(
            lambda blog: blog.edit(target, "Flood defences held overnight.\n\nMore soon.")
        )
        await pilot.press("r")
        await wait_for(pilot, lambda: len(feed.entry(target).revisions) > 1, what="the edit")  # type: ignore[union-attr]
        assert feed.entry_at_top() == reading  # the view did not move
        feed.jump_to(target)
        await pilot.pause()
        text = feed_text(feed)
        assert "edited" in text.splitlines()[0] and "Flood defences held overnight." in text
        await pilot.press("d")
        assert isinstance(app.screen, DiffScreen)
        diff = app.screen
        assert diff.heading_text.startswith("Revision 2 of 2")
        body = diff.query_one("#diff-body").content  # type: ignore[attr-defined]
        kinds = {span.style for span in body.spans}
        assert len(kinds) >= 2  # inserted and deleted words are styled apart
        assert "Flood defences held overnight." in body.plain
        assert old.text.split()[0] in body.plain  # the deleted words are still shown
        await pilot.press("left")
        assert diff.heading_text.startswith("Revision 1 of 2")
        await pilot.press("escape")


async def test_a_removal_is_dimmed_in_place(demo_server: DemoServer) -> None:
    app = make_app(demo_server.url)
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_blog(pilot)
        feed = screen.feed
        target = feed.shown_ids[2]
        demo_server.change(lambda blog: blog.remove(target))
        await pilot.press("r")
        await wait_for(pilot, lambda: feed.entry(target).removed, what="the removal")  # type: ignore[union-attr]
        assert target in feed.shown_ids  # kept, flagged
        feed.jump_to(target)
        await pilot.pause()
        assert "removed upstream" in feed_text(feed).splitlines()[0]


async def test_pinned_strip_follows_a_new_pin(demo_server: DemoServer) -> None:
    app = make_app(demo_server.url)
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_blog(pilot)
        target = screen.feed.shown_ids[5]
        assert screen.pinned.entry is not None and screen.pinned.entry.id != target
        demo_server.change(lambda blog: blog.pin(target))
        await pilot.press("r")
        await wait_for(
            pilot, lambda: screen.pinned.entry and screen.pinned.entry.id == target, what="pin"
        )
        demo_server.change(lambda blog: blog.pin(None))
        await pilot.press("r")
        await wait_for(pilot, lambda: screen.pinned.entry is None, what="the unpin")
        assert not screen.pinned.display


async def test_bell_rings_on_new_key_events_only(demo_server: DemoServer) -> None:
    app = make_app(demo_server.url, bell=True)
    rings: list[int] = []
    app.bell = lambda: rings.append(1)  # type: ignore[method-assign]
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_blog(pilot)
        assert rings == []  # reading the history rings nothing
        key = demo_server.advance()[0]  # the story's next entry is a key event
        assert demo_server.blog.post(key.entry_id or "").entry.key_event
        await pilot.press("r")
        await wait_for(pilot, lambda: screen.feed.entry(key.entry_id or "") is not None)
        assert rings == [1]
        plain = happen(demo_server, "publish")
        await pilot.press("r")
        await wait_for(pilot, lambda: screen.feed.entry(plain) is not None)
        assert rings == [1]
        # an entry made a key event later rings too
        demo_server.change(lambda blog: blog.set_key_event(plain))
        await pilot.press("r")
        await wait_for(pilot, lambda: screen.feed.entry(plain).is_key)  # type: ignore[union-attr]
        assert rings == [1, 1]
        assert plain in screen.pane.entry_ids


async def test_no_bell_without_the_option(demo_server: DemoServer) -> None:
    app = make_app(demo_server.url)
    rings: list[int] = []
    app.bell = lambda: rings.append(1)  # type: ignore[method-assign]
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_blog(pilot)
        key = demo_server.advance()[0]
        await pilot.press("r")
        await wait_for(pilot, lambda: screen.feed.entry(key.entry_id or "") is not None)
        assert rings == []


async def test_the_end_of_the_blog(demo_server: DemoServer) -> None:
    app = make_app(demo_server.url)
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_blog(pilot)
        demo_server.change(lambda blog: blog.end())
        await pilot.press("r")
        await wait_for(pilot, lambda: screen.header.title_text.startswith(" ENDED"))
        await wait_for(pilot, lambda: follow_worker(screen) is None, what="the follower's end")
        assert not screen.liveness.polling and screen.liveness.ended
        assert "no more polling" in screen.header.status_text
        assert any("has ended" in notice for notice in app.notices)
        await pilot.press("r")
        assert app.notices[-1].startswith("The blog has ended")


async def test_a_page_gone_stops_following_but_stays_readable(demo_server: DemoServer) -> None:
    app = make_app(demo_server.url)
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_blog(pilot)
        shown = screen.feed.shown_ids
        faults(demo_server).add(Fault.GONE_410, times=None)
        await pilot.press("r")
        await wait_for(pilot, lambda: screen.header.title_text.startswith(" STOPPED"))
        assert "410" in screen.header.status_text
        assert screen.feed.shown_ids == shown and screen.failed is None
        await pilot.press("j")
        assert screen.feed.entry_at_top() == shown[1]
        await pilot.press("q")
    assert app.return_code == 0  # it was read before: not a failed start


async def test_network_down_says_offline_since_and_stays_readable(
    demo_server: DemoServer,
) -> None:
    app = make_app(demo_server.url)
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_blog(pilot)
        shown = screen.feed.shown_ids
        demo_server.stop()
        await pilot.press("r")
        await wait_for(pilot, lambda: screen.header.title_text.startswith(" OFFLINE"))
        status = screen.header.status_text
        assert status.startswith("offline since ") and " — " in status
        assert any(notice.startswith("Offline:") for notice in app.notices)
        assert screen.feed.shown_ids == shown
        await pilot.press("3", "j", "slash", *"river", "enter")
        assert screen.feed.filter_terms == ("river",)


async def test_first_contact_with_a_page_that_is_no_live_blog(demo_server: DemoServer) -> None:
    demo_server.intercept = lambda request: Reply(
        body=b"<html><head><title>Just a page</title></head><body><p>Hi</p></body></html>",
        content_type="text/html; charset=utf-8",
    )
    app = make_app(demo_server.url)
    async with app.run_test(size=WIDE) as pilot:
        screen = blog_screen(app)
        await wait_for(pilot, lambda: getattr(screen, "failed", None), what="the failure")
        blank = str(screen.query_one("#blank").content)  # type: ignore[attr-defined]
        assert blank.startswith("This page cannot be followed:") and "q quits" in blank
        assert screen.header.title_text.startswith(" STOPPED")  # type: ignore[attr-defined]
        await pilot.press("escape")  # started with this URL: Esc ends too
    assert app.return_code == 1


async def test_reading_the_blog_blank_state_while_connecting(demo_server: DemoServer) -> None:
    faults(demo_server).add(Fault.SLOW, times=1, delay=1.0)
    app = make_app(demo_server.url)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause(0.2)
        screen = blog_screen(app)
        blank = screen.query_one("#blank")
        assert blank.display and str(blank.content).startswith("Reading the blog…")  # type: ignore[attr-defined]
        assert screen.header.title_text.startswith(" CONNECTING")  # type: ignore[attr-defined]
        await open_blog(pilot)
        assert not blank.display
