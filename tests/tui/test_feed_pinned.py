"""The pinned strip above the feed: folded, unfolded with p, a click jumps to the entry."""

from __future__ import annotations

from liveread.tui.widgets import FOLDED_LINES, PinnedStrip

from .harness import Harness, demo_entries, screen_lines

SIZE = (120, 40)


def strip_lines(strip: PinnedStrip) -> list[str]:
    return [strip.render_line(y).text for y in range(strip.content_region.height)]


async def test_the_pinned_post_sits_folded_above_the_feed_and_p_unfolds_it() -> None:
    entries = demo_entries()
    pinned = next(e for e in entries if e.pinned)
    app = Harness(entries)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        strip = app.pinned
        assert strip.display and strip.region.y < app.feed.region.y
        folded = strip_lines(strip)
        assert len(folded) == FOLDED_LINES
        assert "PINNED" in folded[0] and (pinned.title or "") in folded[1]
        assert "more lines" in folded[-1] and "p shows" in folded[-1]
        await pilot.press("p")
        await pilot.pause()
        unfolded = strip_lines(strip)
        assert len(unfolded) > FOLDED_LINES and set(unfolded[-1].strip()) == {"─"}
        assert not any("more lines" in line for line in unfolded)
        await pilot.press("p")
        await pilot.pause()
        assert strip_lines(strip) == folded


async def test_clicking_the_pinned_post_jumps_the_feed_to_it() -> None:
    entries = demo_entries()
    pinned = next(e for e in entries if e.pinned)
    app = Harness(entries)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.click(PinnedStrip, offset=(5, 1))
        await pilot.pause()
        assert app.feed.entry_at_top() == pinned.id and app.feed.entry_row(pinned.id) == 0
        assert "PINNED" in screen_lines(app.feed)[0]


async def test_no_pinned_post_no_strip() -> None:
    entries = [e.with_changes(pinned=False) for e in demo_entries()]
    app = Harness(entries)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert not app.pinned.display and app.pinned.entry is None
        app.pinned.set_entry(entries[3].with_changes(pinned=True))
        await pilot.pause()
        assert app.pinned.display and "PINNED" in strip_lines(app.pinned)[0]
        app.pinned.set_entry(None)
        await pilot.pause()
        assert not app.pinned.display
