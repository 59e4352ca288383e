"""A tiny app for tests only: the key-events pane beside the feed, wired as the app will be.

It shows what the real app must do with the widgets' messages: a pane
``Jump`` makes the feed jump; the feed's ``TopEntryChanged`` highlights the
key event in the pane; 1–9 reach the pane wherever the focus is. Every
message the widgets post is kept in ``messages`` for assertions.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message

import liveread.tui
from liveread.demo import DemoBlog, render_model
from liveread.demo.story import DEFAULT_START
from liveread.model import Entry, StoredEntry
from liveread.tui.feed import FeedView
from liveread.tui.key_events import KeyEventsPane
from liveread.tui.pinned import PinnedStrip
from tests.support.hostile import hostile_blog

CSS_PATH = Path(liveread.tui.__file__).with_name("liveread.tcss")
#: The fixed "now" of every test: five minutes after the demo's start.
NOW = DEFAULT_START + timedelta(minutes=5)


def fixed_clock() -> datetime:
    return NOW


def stored(entry: Entry, **extra: Any) -> StoredEntry:
    """*entry* as the cache would hold it (first seen when published, unless told)."""
    base = {f.name: getattr(entry, f.name) for f in dataclasses.fields(Entry)}
    extra.setdefault("first_seen", entry.published)
    return StoredEntry(**base, **extra)


def demo_entries() -> list[StoredEntry]:
    """The scripted demo blog's entries (45, 8 key events or summaries, one pinned)."""
    return [stored(e) for e in DemoBlog().entries_newest_first()]


def synthetic_entries(n: int) -> list[StoredEntry]:
    """A generated blog of *n* entries (key event every 25, summary every 100, photo every 9)."""
    return [stored(e) for e in DemoBlog.synthetic(n).entries_newest_first()]


def hostile_entries() -> list[StoredEntry]:
    """The hostile demo, every page through the real parser (so sanitized as in the app)."""
    from liveread.sources import parse

    blog = hostile_blog()
    found: dict[str, StoredEntry] = {}
    for page in range(1, blog.total_pages + 1):
        model = json.dumps(render_model(blog, page, ajax_url="http://127.0.0.1:8123"))
        for entry in parse(model, blog.url + ".json?dcr=true").entries:
            found.setdefault(entry.id, stored(entry))
    return list(found.values())


class Harness(App[None]):
    """The pane and the feed side by side."""

    CSS_PATH = CSS_PATH
    CSS = """
    Horizontal { height: 1fr; }
    KeyEventsPane { width: 40; }
    Vertical { width: 1fr; }
    FeedView { height: 1fr; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        *(Binding(str(n), f"jump_nth({n})", show=False) for n in range(1, 10)),
        Binding("p", "toggle_pinned", "Pinned", id="app.toggle_pinned"),
    ]

    def __init__(self, entries: Iterable[StoredEntry]) -> None:
        super().__init__()
        self.entries = list(entries)
        self.messages: list[Message] = []

    def compose(self) -> ComposeResult:
        pinned = next((e for e in self.entries if e.pinned), None)
        with Horizontal():
            yield KeyEventsPane(self.entries, clock=fixed_clock, id="key-events")
            with Vertical():
                yield PinnedStrip(pinned, clock=fixed_clock, id="pinned")
                yield FeedView(self.entries, clock=fixed_clock, id="feed")

    def on_mount(self) -> None:
        self.feed.focus()

    @property
    def feed(self) -> FeedView:
        return self.query_one(FeedView)

    @property
    def pane(self) -> KeyEventsPane:
        return self.query_one(KeyEventsPane)

    @property
    def pinned(self) -> PinnedStrip:
        return self.query_one(PinnedStrip)

    def action_jump_nth(self, n: int) -> None:
        self.pane.jump_nth(n)

    def action_toggle_pinned(self) -> None:
        self.pinned.toggle()

    def on_pinned_strip_selected(self, message: PinnedStrip.Selected) -> None:
        self.messages.append(message)
        self.feed.jump_to(message.entry_id)

    def on_key_events_pane_jump(self, message: KeyEventsPane.Jump) -> None:
        self.messages.append(message)
        self.feed.jump_to(message.entry_id)

    def on_feed_view_top_entry_changed(self, message: FeedView.TopEntryChanged) -> None:
        self.messages.append(message)
        self.pane.highlight(message.key_event_id)

    def on_feed_view_new_pending(self, message: FeedView.NewPending) -> None:
        self.messages.append(message)

    def on_feed_view_entry_selected(self, message: FeedView.EntrySelected) -> None:
        self.messages.append(message)


# -- helpers for the tests ---------------------------------------------------------


def screen_lines(feed: FeedView) -> list[str]:
    """The feed's visible lines as text (what the reader sees in it)."""
    return [feed.render_line(y).text for y in range(feed.scrollable_content_region.height)]


def make_entry(
    entry_id: str,
    minutes: float,
    title: str | None = "An entry",
    *blocks: object,
    **flags: object,
) -> StoredEntry:
    """A stored entry published (and first seen) *minutes* after the demo's start."""
    from liveread.model import Block

    body = tuple(b for b in blocks if isinstance(b, Block)) or (Block("paragraph", "Some text."),)
    when = DEFAULT_START + timedelta(minutes=minutes)
    flags.setdefault("first_seen", when)
    return StoredEntry(
        id=entry_id,
        published=when,
        updated=when,
        title=title,
        body=body,
        url=f"https://example.org/blog#{entry_id}",
        authors=("Maren Holt",),
        **flags,  # type: ignore[arg-type]
    )
