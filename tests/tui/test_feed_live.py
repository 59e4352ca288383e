"""Live behaviour: arriving entries, "N new" without yanking, edits and removals in place."""

from __future__ import annotations

import re
from datetime import timedelta

from rich.style import Style

from liveread.model import Block, Revision, StoredEntry
from liveread.tui.feed import FeedView
from tests.support.hostile import MARKUP_CLICK

from .harness import NOW, Harness, demo_entries, hostile_entries, make_entry, screen_lines

SIZE = (120, 40)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def pending_counts(app: Harness) -> list[int]:
    return [m.count for m in app.messages if isinstance(m, FeedView.NewPending)]


def arrival(n: int) -> StoredEntry:
    """The *n*-th entry to arrive after the demo's "now"."""
    return make_entry(f"new-{n}", 10 + n, f"Arrival number {n}")


async def test_at_the_top_a_new_entry_appears_at_once_marked_new() -> None:
    app = Harness(demo_entries())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        feed = app.feed
        feed.upsert([arrival(1)], new=True)
        await pilot.pause()
        assert feed.entry_at_top() == "new-1" and feed.entry_row("new-1") == 0
        lines = screen_lines(feed)
        assert "NEW" in lines[0] and "Arrival number 1" in lines[1]
        assert feed.pending == 0 and pending_counts(app) == []


async def test_scrolled_away_the_view_does_not_move_and_new_ones_are_counted() -> None:
    app = Harness(demo_entries())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        feed = app.feed
        reading = feed.shown_ids[6]
        feed.jump_to(reading, mark=False)
        before = screen_lines(feed)
        feed.upsert([arrival(1)], new=True)
        feed.upsert([arrival(2), arrival(3)], new=True)
        await pilot.pause()
        # the same entry is at the same row; the screen is exactly as it was
        assert feed.entry_at_top() == reading and feed.entry_row(reading) == 0
        assert screen_lines(feed) == before
        # queued counts collapse into the latest (NewPending.can_replace)
        assert feed.pending == 3 and pending_counts(app)[-1] == 3
        assert feed.shown_ids[:3] == ["new-3", "new-2", "new-1"]  # they are there, above
        await pilot.press("n")
        await pilot.pause()
        assert feed.entry_at_top() == "new-3" and feed.entry_row("new-3") == 0
        assert feed.pending == 0 and pending_counts(app)[-1] == 0


async def test_scrolling_back_to_the_top_clears_the_count() -> None:
    app = Harness(demo_entries())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        feed = app.feed
        await pilot.press("pagedown")
        feed.upsert([arrival(1)], new=True)
        assert feed.pending == 1
        await pilot.press("home")
        await pilot.pause()
        assert feed.pending == 0 and pending_counts(app) == [1, 0]
        assert "NEW" in screen_lines(feed)[0]


async def test_oldest_first_follows_the_bottom() -> None:
    app = Harness(demo_entries())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        feed = app.feed
        await pilot.press("s", "end")
        feed.upsert([arrival(1)], new=True)
        await pilot.pause()
        assert feed.scroll_offset.y == feed.max_scroll_y
        assert any("Arrival number 1" in line for line in screen_lines(feed))
        assert feed.pending == 0
        await pilot.press("home")
        feed.upsert([arrival(2)], new=True)
        assert feed.pending == 1 and feed.entry_row(feed.shown_ids[0]) == 0


async def test_an_edit_is_redrawn_in_place_and_nothing_else_is_rendered_again() -> None:
    entries = demo_entries()
    app = Harness(entries)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        feed = app.feed
        ids = feed.shown_ids
        reading = ids[4]
        feed.jump_to(ids[2], mark=False)
        feed.jump_to(reading, mark=False)
        renders = feed.render_counts.copy()
        assert renders[ids[2]] == 1
        # an entry above the view grows by several lines: the view must not move
        old = feed.entry(ids[2])
        assert old is not None
        seen = NOW - timedelta(minutes=1)
        longer = old.with_changes(
            title="Edited: a much longer story",
            body=(*old.body, *(Block("paragraph", f"Added paragraph {i}.") for i in range(5))),
            revisions=(Revision(seen, old.text, old.title), Revision(NOW, "new", "Edited")),
        )
        feed.upsert([longer])
        await pilot.pause()
        assert feed.entry_at_top() == reading and feed.entry_row(reading) == 0
        after = feed.render_counts
        assert after[ids[2]] == renders[ids[2]] + 1
        assert {k: v for k, v in after.items() if k != ids[2]} == {
            k: v for k, v in renders.items() if k != ids[2]
        }
        feed.jump_to(ids[2], mark=False)
        lines = screen_lines(feed)
        assert "edited " in lines[0] and "Edited: a much longer story" in lines[1]
        assert any("Added paragraph 4." in line for line in lines)


async def test_a_removal_keeps_the_entry_dimmed_and_flagged() -> None:
    app = Harness(demo_entries())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        feed = app.feed
        ids = feed.shown_ids
        renders = feed.render_counts.copy()
        feed.mark_removed([ids[1]])
        await pilot.pause()
        assert ids[1] in feed.shown_ids
        assert feed.entry(ids[1]).removed  # type: ignore[union-attr]
        start = feed.entry_row(ids[1])
        assert start is not None
        line = feed.render_line(start)
        assert "removed upstream" in line.text
        # the whole entry wears the removed style (colour of .feed--removed)
        removed = feed.get_visual_style("feed--removed").rich_style
        body = feed.render_line(start + 1)
        painted = [seg for seg in list(body)[1:] if seg.text.strip()]
        assert painted and all(seg.style and seg.style.color == removed.color for seg in painted)
        assert feed.render_counts - renders == {ids[1]: 1}


async def test_pinned_entry_is_flagged() -> None:
    entries = demo_entries()
    pinned = next(e for e in entries if e.pinned)
    app = Harness(entries)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.feed.jump_to(pinned.id)
        assert "PINNED" in screen_lines(app.feed)[0]


async def test_set_entries_marks_what_is_new_since_last_time() -> None:
    entries = demo_entries()
    app = Harness([])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        feed = app.feed
        assert feed.entry_at_top() is None and screen_lines(feed)[0].strip() == ""
        newest = max(entries, key=lambda e: (e.published, e.id)).id
        feed.set_entries(entries, new_ids=[newest])
        await pilot.pause()
        assert feed.entry_at_top() == newest and "NEW" in screen_lines(feed)[0]
        feed.clear_new_marks()
        assert "NEW" not in screen_lines(feed)[0]


async def test_hostile_text_is_plain_on_screen_and_clicking_it_does_nothing() -> None:
    entries = hostile_entries()
    app = Harness(entries)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        feed = app.feed
        target = next(e.id for e in entries if e.title and MARKUP_CLICK in e.title)
        feed.jump_to(target, mark=False)
        await pilot.pause()
        lines = screen_lines(feed)
        title_row = (feed.entry_row(target) or 0) + 1
        assert MARKUP_CLICK in lines[title_row]
        for y in range(feed.scrollable_content_region.height):
            for segment in feed.render_line(y):
                assert not _CONTROL.search(segment.text)
                style = segment.style or Style()
                assert not style.meta and not style.link
        # click right on the would-be link: nothing runs, the app keeps going
        column = lines[title_row].index("[@click") + 1
        border = feed.content_region.offset - feed.region.offset
        await pilot.click(FeedView, offset=(border.x + column, border.y + title_row))
        await pilot.pause()
        assert app.is_running and app.return_code is None
        assert feed.cursor == target
        # every line of every entry: nothing escapes
        for entry_id in feed.shown_ids:
            feed.jump_to(entry_id, mark=False)
            for y in range(feed.scrollable_content_region.height):
                assert not _CONTROL.search(feed.render_line(y).text)


async def test_setting_the_same_entries_again_renders_nothing_again() -> None:
    entries = demo_entries()
    app = Harness(entries)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        feed = app.feed
        renders = feed.render_counts.copy()
        changed = entries[0].with_changes(title="Changed on reload")
        feed.set_entries([changed, *entries[1:]])
        await pilot.pause()
        assert feed.render_counts - renders == {changed.id: 1}
        assert "Changed on reload" in screen_lines(feed)[1]


async def test_cursor_on_the_newest_entry_follows_arrivals() -> None:
    """At the live edge, a cursor left on the newest entry moves to what arrives."""
    app = Harness(demo_entries())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        feed = app.feed
        top = feed.entry_at_top()
        assert feed.cursor == top
        feed.upsert([arrival(1)], new=True)
        await pilot.pause()
        assert feed.cursor == "new-1"
        feed.action_cursor_down()
        await pilot.pause()
        moved = feed.cursor
        assert moved == top
        feed.upsert([arrival(2)], new=True)
        await pilot.pause()
        assert feed.cursor == moved, "a cursor the reader moved stays put"
