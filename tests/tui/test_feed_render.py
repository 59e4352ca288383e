"""Entry rendering without an app: layout, captions, embeds, wide characters, hostile text."""

from __future__ import annotations

import re
from datetime import timedelta

from rich.console import Console
from rich.style import Style

from liveread.model import Block, Image, Revision
from liveread.tui.entry_render import (
    EntryStyles,
    age_label,
    estimate_height,
    render_body,
    render_header,
)
from liveread.tui.feed_store import FeedStore
from tests.support.hostile import HOSTILE_STRINGS, MARKUP_CLICK, MARKUP_CLOSE

from .harness import NOW, hostile_entries, make_entry, synthetic_entries

CONSOLE = Console(width=200, color_system="truecolor")
STYLES = EntryStyles()
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def body_text(entry, width: int = 60, **kw) -> list[str]:
    return [strip.text.rstrip() for strip in render_body(entry, width, STYLES, CONSOLE, **kw)]


def test_every_line_is_exactly_the_width() -> None:
    for entry in synthetic_entries(60):
        for width in (20, 57, 100):
            strips = render_body(entry, width, STYLES, CONSOLE)
            assert {strip.cell_length for strip in strips} == {width}
            header = render_header(entry, width, STYLES, CONSOLE, now=NOW, new=True)
            assert header.cell_length == width


def test_layout_of_blocks_title_authors_and_rule() -> None:
    entry = make_entry(
        "e1",
        0,
        "A title",
        Block("paragraph", "First paragraph."),
        Block("heading", "A heading"),
        Block("list_item", "one " * 20),
        Block("list_item", "two"),
        Block("quote", "Quoted words\nsecond line"),
    )
    lines = body_text(entry, 40)
    assert lines[:4] == ["A title", "by Maren Holt", "", "First paragraph."]
    assert "A heading" in lines
    bullets = [i for i, line in enumerate(lines) if line.startswith("• ")]
    assert len(bullets) == 2 and bullets[1] > bullets[0] + 1
    # a long list item hangs under its text, and consecutive items have no blank between
    assert lines[bullets[0] + 1].startswith("  one")
    assert lines[bullets[1] - 1].startswith("  one")
    assert [line for line in lines if line.startswith("▎ ")] == [
        "▎ Quoted words",
        "▎ second line",
    ]
    assert set(lines[-1]) == {"─"}


def test_photo_caption_stands_where_the_photo_is_with_its_credit() -> None:
    image = Image("Sandbags on Fenny Street", "Photograph: Ines Calloway/Skelt Valley Press")
    entry = make_entry(
        "p1",
        0,
        None,
        Block("paragraph", "Before the photo."),
        Block("image", image=image),
        Block("paragraph", "After the photo."),
    )
    lines = body_text(entry, 50)
    before = lines.index("Before the photo.")
    after = lines.index("After the photo.")
    photo = [i for i, line in enumerate(lines) if line.startswith("Photo  ")]
    assert len(photo) == 1 and before < photo[0] < after
    caption = " ".join(" ".join(lines[photo[0] : after - 1]).split())
    assert caption == (
        "Photo Sandbags on Fenny Street Photograph: Ines Calloway/Skelt Valley Press"
    )
    # the credit is drawn in its own style, apart from the caption's
    strips = render_body(entry, 50, EntryStyles(caption=Style(italic=True)), CONSOLE)
    styles = {
        seg.text.strip(): seg.style or Style()
        for strip in strips
        for seg in strip
        if seg.text.strip()
    }
    assert styles["Sandbags on Fenny Street"].italic
    assert not any(s.italic for t, s in styles.items() if "Calloway" in t)


def test_embeds_are_marked_with_their_text_indented() -> None:
    entry = make_entry(
        "t1",
        0,
        "Tweet",
        Block("embed", text="Water at the door.\nStay safe.", embed="tweet", title="@marlhaven"),
        Block("embed", embed="video", title="The mayor speaks", url="https://v.example/1"),
    )
    lines = body_text(entry, 50)
    assert "▍Tweet  @marlhaven" in lines
    assert "    Water at the door." in lines and "    Stay safe." in lines
    assert "▍Video  The mayor speaks" in lines


def test_wide_characters_wrap_by_cells_and_lose_nothing() -> None:
    text = "洪水が町を襲った。" * 6 + " ok"
    entry = make_entry("w1", 0, "東京の洪水 📷", Block("paragraph", text))
    strips = render_body(entry, 21, STYLES, CONSOLE)
    assert {strip.cell_length for strip in strips} == {21}
    joined = "".join(strip.text.replace(" ", "") for strip in strips)
    assert text.replace(" ", "") in joined and "東京の洪水📷" in joined


def test_header_time_age_and_badges() -> None:
    seen = NOW - timedelta(minutes=3)
    entry = make_entry(
        "h1", -12, "T", key_event=True, summary=True, pinned=True, removed=True
    ).with_changes(revisions=(Revision(seen, "a", None), Revision(seen, "b", None)))
    header = render_header(entry, 120, STYLES, CONSOLE, now=NOW, new=True).text
    assert "17 min ago" in header
    for badge in ("KEY EVENT", "SUMMARY", "PINNED", "NEW", "edited ", "removed upstream"):
        assert badge in header
    assert header.index("KEY EVENT") < header.index("NEW") < header.index("removed upstream")
    narrow = render_header(entry, 30, STYLES, CONSOLE, now=NOW).text
    assert len(narrow) == 30 and narrow.rstrip().endswith("…")


def test_ages() -> None:
    assert age_label(NOW, NOW) == "just now"
    assert age_label(NOW + timedelta(minutes=5), NOW) == "just now"  # a fast site clock
    assert age_label(NOW - timedelta(minutes=12), NOW) == "12 min ago"
    assert age_label(NOW - timedelta(hours=3, minutes=5), NOW) == "3 h ago"
    assert age_label(NOW - timedelta(days=4), NOW) == "4 days ago"


def test_search_terms_are_highlighted_case_insensitively() -> None:
    entry = make_entry("s1", 0, "Bridge closed", Block("paragraph", "The BRIDGE is shut."))
    match = Style(bgcolor="yellow")
    strips = render_body(entry, 40, EntryStyles(match=match), CONSOLE, terms=["bridge"])
    hits = [seg.text for strip in strips for seg in strip if seg.style and seg.style.bgcolor]
    assert hits == ["Bridge", "BRIDGE"]


def test_hostile_text_renders_literally_with_no_escapes_or_actions() -> None:
    entries = hostile_entries()
    seen: list[str] = []
    for entry in entries:
        strips = [render_header(entry, 70, STYLES, CONSOLE, now=NOW)]
        strips += render_body(entry, 70, STYLES, CONSOLE, terms=["click"])
        for strip in strips:
            for segment in strip:
                assert not _CONTROL.search(segment.text), repr(segment.text)
                style = segment.style or Style()
                assert not style.meta and not style.link, style
            seen.append(strip.text)
    text = " ".join(" ".join(seen).split())
    assert MARKUP_CLICK in text
    assert MARKUP_CLOSE in text
    assert "[bold]not bold[/bold]" in text
    assert "\x1b" not in text and not any(h in text for h in HOSTILE_STRINGS[:6])


def test_estimates_are_close_to_the_rendered_height() -> None:
    entries = synthetic_entries(300)
    for width in (40, 76, 120):
        exact = [1 + len(render_body(e, width, STYLES, CONSOLE)) for e in entries]
        guess = [estimate_height(e, width) for e in entries]
        assert abs(sum(exact) - sum(guess)) <= 0.05 * sum(exact)


def test_store_orders_versions_and_searches() -> None:
    store = FeedStore()
    older, newer = make_entry("a", -5, "Old bridge"), make_entry("b", 0, "New")
    store.reset([newer, older])
    assert store.display_ids(newest_first=True) == ["b", "a"]
    version = store.version("a")
    assert store.put(older.with_changes(title="Old bridge, edited")) is False
    assert store.version("a") != version
    assert store.put(make_entry("c", -10, "Oldest")) is True
    assert store.display_ids(newest_first=False) == ["c", "a", "b"]
    store.terms = ("bridge", "edited")
    assert store.display_ids(newest_first=True) == ["a"]
