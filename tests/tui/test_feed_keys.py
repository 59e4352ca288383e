"""Every key of the feed and the pane, driven through Pilot on the demo blog."""

from __future__ import annotations

from itertools import pairwise

from textual.binding import Binding
from textual.pilot import Pilot

from liveread.tui.feed import FeedView
from liveread.tui.widgets import KeyEventsPane

from .harness import Harness, demo_entries, screen_lines

SIZE = (120, 40)


def key_positions(feed: FeedView) -> list[int]:
    ids = feed.shown_ids
    return [i for i, entry_id in enumerate(ids) if feed.entry(entry_id).is_key]  # type: ignore[union-attr]


def assert_at_top(feed: FeedView, entry_id: str) -> None:
    """The entry's first line is the view's first line."""
    assert feed.entry_at_top() == entry_id
    assert feed.entry_row(entry_id) == 0


async def start(pilot: Pilot[None]) -> FeedView:
    await pilot.pause()
    app = pilot.app
    assert isinstance(app, Harness)
    return app.feed


async def test_first_screen_shows_the_newest_entry_first() -> None:
    entries = demo_entries()
    async with Harness(entries).run_test(size=SIZE) as pilot:
        feed = await start(pilot)
        newest = max(entries, key=lambda e: (e.published, e.id))
        assert feed.shown_ids[0] == newest.id
        assert_at_top(feed, newest.id)
        assert feed.cursor == newest.id
        assert (newest.title or "") in screen_lines(feed)[1]


async def test_down_up_and_j_k_move_entry_by_entry() -> None:
    async with Harness(demo_entries()).run_test(size=SIZE) as pilot:
        feed = await start(pilot)
        ids = feed.shown_ids
        await pilot.press("j")
        assert_at_top(feed, ids[1])
        assert feed.cursor == ids[1]
        await pilot.press("down", "down")
        assert_at_top(feed, ids[3])
        await pilot.press("k")
        assert_at_top(feed, ids[2])
        await pilot.press("up", "up", "up")  # one past the top stays at the top
        assert_at_top(feed, ids[0])
        assert feed.cursor == ids[0]


async def test_page_down_space_and_page_up_move_by_a_screen() -> None:
    async with Harness(demo_entries()).run_test(size=SIZE) as pilot:
        feed = await start(pilot)
        height = feed.scrollable_content_region.height
        await pilot.press("pagedown")
        assert feed.scroll_offset.y == height
        await pilot.press("space")
        assert feed.scroll_offset.y == 2 * height
        # the cursor follows the view: it is on the entry at the top
        assert feed.cursor == feed.entry_at_top()
        await pilot.press("pageup")
        assert feed.scroll_offset.y == height


async def test_end_g_and_home_g_go_to_the_bottom_and_top() -> None:
    entries = demo_entries()
    async with Harness(entries).run_test(size=SIZE) as pilot:
        feed = await start(pilot)
        ids = feed.shown_ids
        oldest = feed.entry(ids[-1])
        await pilot.press("end")
        assert feed.scroll_offset.y == feed.max_scroll_y > 0
        assert feed.cursor == ids[-1]
        lines = screen_lines(feed)
        assert oldest is not None and oldest.title is not None
        assert any(oldest.title in line for line in lines)
        assert set(lines[-1][2:]) == {"─"}  # the oldest entry's closing rule is the last line
        await pilot.press("home")
        assert_at_top(feed, ids[0])
        await pilot.press("G")
        assert feed.scroll_offset.y == feed.max_scroll_y
        await pilot.press("g")
        assert feed.scroll_offset.y == 0 and feed.cursor == ids[0]


async def test_brackets_go_to_the_next_and_previous_key_event() -> None:
    async with Harness(demo_entries()).run_test(size=SIZE) as pilot:
        feed = await start(pilot)
        ids = feed.shown_ids
        keys = [p for p in key_positions(feed) if p > 0]
        await pilot.press("right_square_bracket")
        assert_at_top(feed, ids[keys[0]])
        assert feed.marked == ids[keys[0]]  # a jump marks the entry briefly
        await pilot.press("right_square_bracket")
        assert_at_top(feed, ids[keys[1]])
        await pilot.press("left_square_bracket")
        assert_at_top(feed, ids[keys[0]])
        # from the middle of a non-key entry, [ goes to the key event above it
        feed.jump_to(ids[keys[1] + 1], mark=False)
        await pilot.press("left_square_bracket")
        assert_at_top(feed, ids[keys[1]])


async def test_brackets_keep_going_near_the_bottom() -> None:
    """Near the end no jump can bring an entry to the top; ] must still move on."""
    async with Harness(demo_entries()).run_test(size=SIZE) as pilot:
        feed = await start(pilot)
        ids = feed.shown_ids
        keys = key_positions(feed)
        for _ in range(len(keys) + 2):
            await pilot.press("right_square_bracket")
        assert feed.cursor == ids[keys[-1]]
        assert (feed.entry_row(ids[keys[-1]]) or 0) >= 0  # visible, as high as it scrolls


async def test_jump_puts_the_first_line_at_the_top_or_as_high_as_possible() -> None:
    async with Harness(demo_entries()).run_test(size=SIZE) as pilot:
        feed = await start(pilot)
        ids = feed.shown_ids
        assert feed.jump_to(ids[20])
        assert_at_top(feed, ids[20])
        assert feed.jump_to(ids[-1])
        row = feed.entry_row(ids[-1])
        assert row is not None and 0 < row < feed.scrollable_content_region.height
        assert feed.scroll_offset.y == feed.max_scroll_y
        assert not feed.jump_to("no-such-entry")


async def test_s_flips_the_order_keeping_the_top_entry() -> None:
    async with Harness(demo_entries()).run_test(size=SIZE) as pilot:
        feed = await start(pilot)
        ids = feed.shown_ids
        feed.jump_to(ids[10], mark=False)
        await pilot.press("s")
        assert feed.order == "oldest"
        assert feed.shown_ids == ids[::-1]
        assert_at_top(feed, ids[10])
        await pilot.press("home")
        assert_at_top(feed, ids[-1])  # oldest first: the blog's first entry on top
        await pilot.press("right_square_bracket")  # ] follows the current order
        first_key = next(i for i in reversed(range(len(ids) - 1)) if feed.entry(ids[i]).is_key)  # type: ignore[union-attr]
        assert_at_top(feed, ids[first_key])
        await pilot.press("s")
        assert feed.order == "newest" and feed.shown_ids == ids


async def test_search_filters_highlights_and_escape_clears() -> None:
    async with Harness(demo_entries()).run_test(size=SIZE) as pilot:
        feed = await start(pilot)
        everything = feed.shown_ids
        count = feed.filter(["Bridge"])
        await pilot.pause()
        assert 0 < count < len(everything)
        assert len(feed.shown_ids) == count
        for entry_id in feed.shown_ids:
            entry = feed.entry(entry_id)
            assert entry is not None
            haystack = " ".join([entry.title or "", entry.text, *(i.caption for i in entry.images)])
            assert "bridge" in haystack.lower()
        assert_at_top(feed, feed.shown_ids[0])
        match_bg = feed.get_visual_style("feed--match").rich_style.bgcolor
        highlighted = [
            seg.text
            for y in range(feed.scrollable_content_region.height)
            for seg in feed.render_line(y)
            if seg.style and seg.style.bgcolor == match_bg
        ]
        assert highlighted and all(text.lower() == "bridge" for text in highlighted)
        # two terms: both must be there
        assert feed.filter(["bridge", "heron"]) <= count
        selected = feed.shown_ids[0]
        await pilot.press("escape")
        assert feed.filter_terms == () and feed.shown_ids == everything
        assert_at_top(feed, selected)  # the entry found stays in view after clearing


async def test_enter_and_click_select_an_entry() -> None:
    async with Harness(demo_entries()).run_test(size=SIZE) as pilot:
        feed = await start(pilot)
        app = pilot.app
        assert isinstance(app, Harness)
        ids = feed.shown_ids
        await pilot.press("enter")
        await pilot.pause()
        selected = [m for m in app.messages if isinstance(m, FeedView.EntrySelected)]
        assert [m.entry_id for m in selected] == [ids[0]]
        row = feed.entry_row(ids[1])
        assert row is not None
        top = feed.content_region.y - feed.region.y
        await pilot.click(FeedView, offset=(10, top + row + 1))
        await pilot.pause()
        assert feed.cursor == ids[1]
        assert feed.selected_entry is not None and feed.selected_entry.id == ids[1]
        assert [m.entry_id for m in app.messages if isinstance(m, FeedView.EntrySelected)][
            -1
        ] == ids[1]


async def test_number_keys_jump_to_the_nth_key_event_of_the_pane() -> None:
    async with Harness(demo_entries()).run_test(size=SIZE) as pilot:
        feed = await start(pilot)
        pane = pilot.app.query_one(KeyEventsPane)
        events = pane.entry_ids
        await pilot.press("1")
        await pilot.pause()
        assert_at_top(feed, events[0])
        await pilot.press("3")
        await pilot.pause()
        assert_at_top(feed, events[2])
        assert pane.highlighted == 2  # the pane follows what is in view
        pane.focus()
        await pilot.press("5")  # the pane's own bindings when it has the focus
        await pilot.pause()
        assert_at_top(feed, events[4])


async def test_enter_on_a_key_event_jumps_to_it() -> None:
    async with Harness(demo_entries()).run_test(size=SIZE) as pilot:
        feed = await start(pilot)
        pane = pilot.app.query_one(KeyEventsPane)
        pane.focus()
        await pilot.pause()
        pane.highlighted = 0
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        assert_at_top(feed, pane.entry_ids[2])
        jumps = [m for m in pilot.app.messages if isinstance(m, KeyEventsPane.Jump)]  # type: ignore[attr-defined]
        assert jumps[-1].entry_id == pane.entry_ids[2]


async def test_scrolling_reports_the_key_event_in_view() -> None:
    async with Harness(demo_entries()).run_test(size=SIZE) as pilot:
        feed = await start(pilot)
        app = pilot.app
        assert isinstance(app, Harness)
        pane = app.pane
        ids = feed.shown_ids
        keys = key_positions(feed)

        def last_report() -> FeedView.TopEntryChanged:
            return [m for m in app.messages if isinstance(m, FeedView.TopEntryChanged)][-1]

        feed.jump_to(ids[keys[1]], mark=False)
        await pilot.pause()
        assert last_report().entry_id == ids[keys[1]]
        assert last_report().key_event_id == ids[keys[1]] == pane.current
        # no key event in view: the one the reader is after in time (the next one down,
        # newest first), whichever the order

        height = feed.scrollable_content_region.height
        for here, below in pairwise(keys):
            feed.jump_to(ids[here + 1], mark=False)
            row = feed.entry_row(ids[below])
            if here + 1 < below and row is not None and row >= height:
                break
        else:
            raise AssertionError("no key event is followed by a screen of other entries")
        await pilot.pause()
        assert last_report().entry_id == ids[here + 1]
        assert last_report().key_event_id == ids[below] == pane.current
        assert pane.highlighted == pane.entry_ids.index(ids[below])


async def test_bindings_can_be_remapped_by_id() -> None:
    app = Harness(demo_entries())
    async with app.run_test(size=SIZE) as pilot:
        feed = await start(pilot)
        ids = feed.shown_ids
        app.set_keymap({"feed.next_key_event": "x", "feed.cursor_down": "ctrl+n"})
        await pilot.press("x")
        first_key = ids[next(p for p in key_positions(feed) if p > 0)]
        assert_at_top(feed, first_key)
        await pilot.press("ctrl+n")
        assert_at_top(feed, ids[ids.index(first_key) + 1])
        assert {b.id for b in FeedView.BINDINGS if isinstance(b, Binding)} >= {
            "feed.cursor_down",
            "feed.cursor_up",
            "feed.page_down",
            "feed.page_up",
            "feed.top",
            "feed.bottom",
            "feed.next_key_event",
            "feed.previous_key_event",
            "feed.toggle_order",
            "feed.show_new",
            "feed.select",
            "feed.clear_filter",
        }


async def test_a_resize_keeps_the_top_entry_in_place() -> None:
    async with Harness(demo_entries()).run_test(size=SIZE) as pilot:
        feed = await start(pilot)
        ids = feed.shown_ids
        feed.jump_to(ids[12], mark=False)
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert_at_top(feed, ids[12])
        assert {len(line) for line in screen_lines(feed)} == {feed.scrollable_content_region.width}
        await pilot.resize_terminal(*SIZE)
        await pilot.pause()
        assert_at_top(feed, ids[12])
