"""A 5,000-entry blog: set_entries, the first screen and End, measured (not tightly asserted).

Run with ``-s`` to see the figures. The bounds are sanity checks only (a slow
CI machine must not fail them); the numbers that matter are printed.
"""

from __future__ import annotations

import time

import pytest

from liveread.tui.feed import _lines as feed_lines  # where the feed estimates heights

from .harness import Harness, screen_lines, synthetic_entries

SIZE = (120, 40)
SANITY_SECONDS = 10.0


async def test_five_thousand_entries_open_and_end_shows_the_oldest() -> None:
    entries = synthetic_entries(5000)
    app = Harness([])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        feed = app.feed

        started = time.perf_counter()
        feed.set_entries(entries)
        set_entries = time.perf_counter() - started
        await pilot.pause()
        first_screen = time.perf_counter() - started
        newest = max(entries, key=lambda e: (e.published, e.id))
        assert feed.entry_at_top() == newest.id
        assert newest.text.split()[0] in "\n".join(screen_lines(feed))
        rendered_at_open = len(feed.render_counts)

        started = time.perf_counter()
        await pilot.press("end")
        end = time.perf_counter() - started
        oldest = min(entries, key=lambda e: (e.published, e.id))
        assert feed.cursor == oldest.id
        assert feed.scroll_offset.y == feed.max_scroll_y
        lines = screen_lines(feed)
        assert set(lines[-1][2:]) == {"─"}
        assert oldest.text.split(".")[0][:40] in " ".join(" ".join(lines).split())

        started = time.perf_counter()
        feed.jump_to(entries[2500].id)
        await pilot.pause()
        jump = time.perf_counter() - started
        assert feed.entry_row(entries[2500].id) == 0

        print(
            f"\n5,000 entries: set_entries {set_entries * 1000:.0f} ms, first screen"
            f" {first_screen * 1000:.0f} ms ({rendered_at_open} entries rendered),"
            f" End {end * 1000:.0f} ms, jump to the middle {jump * 1000:.0f} ms;"
            f" {len(feed.render_counts)} of 5,000 entries rendered in all"
        )
        assert rendered_at_open < 20  # only what is in view was laid out
        assert max(first_screen, end, jump) < SANITY_SECONDS


@pytest.mark.parametrize("guess", [None, 3, 40], ids=["real-estimates", "too-low", "too-high"])
async def test_scrolling_up_into_estimated_entries_never_jumps(
    guess: int | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Line by line upwards: what was on screen moves down by exactly one line each time.

    Also with estimates made badly wrong on purpose, so that the anchoring is what
    keeps the view still, not the estimates being right.
    """
    if guess is not None:
        monkeypatch.setattr(feed_lines, "estimate_height", lambda entry, width: guess)
    entries = synthetic_entries(400)
    app = Harness(entries)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        feed = app.feed
        feed.jump_to(feed.shown_ids[200], mark=False)
        for _ in range(60):  # every entry above was only estimated until it came into view
            reference = feed.entry_at_top()
            assert reference is not None
            row = feed.entry_row(reference)
            assert row is not None
            before = [line[2:] for line in screen_lines(feed)]  # text, not the cursor bar
            feed.scroll_to(y=feed.scroll_offset.y - 1, animate=False)
            await pilot.pause()
            assert feed.entry_row(reference) == row + 1
            assert [line[2:] for line in screen_lines(feed)][1:] == before[:-1]
        # and every height the index calls exact is the rendered one
        index = feed._index  # the invariant, checked on the private index
        for position in range(len(index)):
            if index.is_exact(position):
                width = feed.scrollable_content_region.width
                body = feed._lines.body(index.id_at(position), width - 2)  # the gutter's 2
                assert index.height(position) == 1 + len(body)


@pytest.mark.parametrize("guess", [3, 40])
async def test_end_and_jumps_are_exact_even_with_wrong_estimates(
    guess: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(feed_lines, "estimate_height", lambda entry, width: guess)
    entries = synthetic_entries(500)
    app = Harness(entries)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        feed = app.feed
        ids = feed.shown_ids
        await pilot.press("end")
        assert feed.scroll_offset.y == feed.max_scroll_y
        assert feed.cursor == ids[-1] and set(screen_lines(feed)[-1][2:]) == {"─"}
        for target in (ids[250], ids[3], ids[499 - 30]):
            feed.jump_to(target)
            await pilot.pause()
            assert feed.entry_at_top() == target and feed.entry_row(target) == 0
