"""The key-events pane: what it lists, how it numbers, jumps and highlights, hostile text."""

from __future__ import annotations

from rich.style import Style

from liveread.model import Block
from liveread.tui.key_events import KeyEventsPane, event_title
from tests.support.hostile import MARKUP_CLICK

from .harness import Harness, demo_entries, hostile_entries, make_entry

SIZE = (120, 40)


def pane_lines(pane: KeyEventsPane) -> list[str]:
    return [pane.render_line(y).text for y in range(pane.scrollable_content_region.height)]


async def test_lists_every_key_event_and_summary_newest_first() -> None:
    entries = demo_entries()
    app = Harness(entries)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        pane = app.pane
        keys = sorted((e for e in entries if e.is_key), key=lambda e: e.published, reverse=True)
        assert pane.entry_ids == [e.id for e in keys]
        text = "\n".join(pane_lines(pane))
        assert text.lstrip().startswith("1 ")
        assert "SUMMARY" in text
        for entry in keys[:5]:
            assert (entry.title or "")[:15] in text


def test_untitled_key_events_show_their_first_words() -> None:
    untitled = make_entry("u", 0, None, Block("paragraph", "Water " * 40))
    assert event_title(untitled).startswith("Water Water") and event_title(untitled).endswith("…")
    assert len(event_title(untitled)) <= 60
    assert event_title(make_entry("e", 0, None, Block("image"))) == "(no text)"
    assert event_title(make_entry("t", 0, "Titled")) == "Titled"


async def test_jump_nth_and_highlight() -> None:
    app = Harness(demo_entries())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        pane = app.pane
        assert pane.jump_nth(0) is None and pane.jump_nth(10) is None
        assert pane.jump_nth(2) == pane.entry_ids[1]
        await pilot.pause()
        jumps = [m for m in app.messages if isinstance(m, KeyEventsPane.Jump)]
        assert [m.entry_id for m in jumps] == [pane.entry_ids[1]]
        assert app.feed.entry_at_top() == pane.entry_ids[1]
        pane.highlight("not-a-key-event")
        assert pane.current is None and pane.highlighted is None
        pane.highlight(pane.entry_ids[3])
        assert pane.highlighted == 3


async def test_upsert_adds_renumbers_and_drops_key_events() -> None:
    entries = demo_entries()
    app = Harness(entries)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        pane = app.pane
        before = pane.entry_ids
        fresh = make_entry("fresh", 30, "Brand new key event", key_event=True)
        pane.upsert([fresh])
        await pilot.pause()
        assert pane.entry_ids == ["fresh", *before]
        assert pane_lines(pane)[0].lstrip().startswith("1 ")
        assert "Brand new key event" in pane_lines(pane)[0]
        demoted = next(e for e in entries if e.id == before[0]).with_changes(key_event=False)
        pane.upsert([demoted])
        assert before[0] not in pane.entry_ids
        removed = next(e for e in entries if e.id == before[1]).with_changes(removed=True)
        pane.upsert([removed])
        await pilot.pause()
        assert any("removed upstream" in line for line in pane_lines(pane))


async def test_hostile_titles_are_plain_text() -> None:
    app = Harness(hostile_entries())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        pane = app.pane
        prompts = [str(pane.get_option_at_index(i).prompt) for i in range(pane.option_count)]
        assert prompts and all("\x1b" not in p for p in prompts)
        later = make_entry("later", 40, f"Markup {MARKUP_CLICK} as plain text", key_event=True)
        pane.upsert([later])
        await pilot.pause()
        shown = " ".join(" ".join(pane_lines(pane)).split())
        assert f"Markup {MARKUP_CLICK} as plain text" in shown
        for y in range(pane.scrollable_content_region.height):
            for segment in pane.render_line(y):
                style = segment.style or Style()
                assert "@click" not in repr(style.meta) and not style.link
        await pilot.click(KeyEventsPane, offset=(12, 1))
        await pilot.pause()
        assert app.is_running and app.return_code is None
