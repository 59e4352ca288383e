"""The reader: the key-events pane beside a feed, wired, with the keys that act on both.

One component, composed by a blog's tab, by the timeline and by the tests:
:class:`Reader` lays the pane out on the left and a column on the right
holding the feed (with whatever its composer puts above and below it: the
pinned strip, the search bar), and wires them:

- a key event chosen in the pane (Enter, a click, 1–9 from anywhere in the
  reader) makes the feed jump to it (:meth:`Reader.jump`: clearing a filter
  that hides it, fetching it through the composer's *load* when the feed
  does not hold it);
- the key event the reader is at (the feed's top entry's) is highlighted in the pane;
- ``o``, ``y``, ``d`` and ``i`` act on the entry under the feed's cursor
  (:mod:`liveread.tui.reader._actions`: its link, a quote naming the blog the
  composer says the entry belongs to (*blog_of*), its revisions, its photo).

Tab and Shift+Tab move between the pane and the feed (Textual's focus chain).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widget import Widget

from liveread.model import StoredEntry
from liveread.naming import BlogName
from liveread.tui.feed import FeedView, feed_keys_for_parent
from liveread.tui.reader._actions import copy_quote, open_link, show_photo, show_revisions
from liveread.tui.widgets import KeyEventsPane, jump_bindings

__all__ = ["Reader"]


class _ReaderColumn(Vertical):
    """The feed's column beside the pane: what stands above the feed, the feed, what is below.

    The feed (``1fr``) fills what the others leave, so the column itself never
    shows: Textual's ``BLANK`` skips drawing its 40-odd lines of background,
    which every full frame (the first one too) otherwise did for nothing.
    """

    BLANK = True


class Reader(Horizontal):
    """Key events beside a feed, and the keys that work on them.

    Args:
        pane: The key-events pane (left).
        feed: The feed (right).
        blog_of: The blog an entry (by the feed's id) belongs to, for quotes.
        above: Widgets over the feed in its column.
        below: Widgets under the feed in its column.
        load: Fetch an entry the feed does not hold (None: a jump to it fails).
        id: The reader's DOM id.

    """

    BINDING_GROUP_TITLE = "Reader"
    # Always covered by the pane and the column (Textual's BLANK: not drawn line by line).
    BLANK = True
    BINDINGS: ClassVar[list[BindingType]] = [
        # 1-9 reach the pane wherever the focus is in the reader (the pane's own ids).
        *jump_bindings("jump_key_event"),
        Binding("o", "open_link", "Open", show=False, id="blog.open",
                tooltip="Open the entry's permalink in the browser (no browser: show the link)"),
        Binding("y", "copy_quote", "Copy", show=False, id="blog.copy",
                tooltip="Copy a quote of the entry: text, writer, outlet, zoned time, link"),
        Binding("d", "revisions", "Diff", id="blog.revisions",
                tooltip="Show the entry's revisions as a word diff"),
        Binding("i", "photo", "Photo", show=False, id="blog.photo",
                tooltip="Show the entry's photo with its caption and credit (fetched on asking)"),
        # The feed's own keys (its ids: one keymap entry moves both), for when the
        # key-events pane has the focus: the feed binds them itself when it has it.
        *feed_keys_for_parent("feed.show_new", "feed.page_down", "feed.page_up"),
    ]  # fmt: skip

    @dataclass
    class Jumped(Message):
        """The feed jumped to a key event chosen in the pane.

        (Posted by the reader itself: what the feed posts while the reader handles a
        message stops at the reader, Textual's rule for a parent that is the sender.)

        Attributes:
            reader: The reader.
            entry_id: The entry jumped to.
            cleared: A filter hid it and was cleared (the composer's search bar closes).
            from_pane: The choice was made in the pane (Enter, a click), not by 1–9.

        """

        reader: Reader
        entry_id: str
        cleared: bool
        from_pane: bool

        @property
        def control(self) -> Reader:
            """The reader that posted this."""
            return self.reader

    def __init__(
        self,
        pane: KeyEventsPane,
        feed: FeedView,
        *,
        blog_of: Callable[[str], BlogName],
        above: Iterable[Widget] = (),
        below: Iterable[Widget] = (),
        load: Callable[[str], StoredEntry | None] | None = None,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.pane = pane
        self.feed = feed
        self._blog_of = blog_of
        self._above = list(above)
        self._below = list(below)
        self._load = load

    def compose(self) -> ComposeResult:
        """The pane; the column of the feed and what stands above and below it."""
        yield self.pane
        with _ReaderColumn(classes="reader-column"):
            yield from self._above
            yield self.feed
            yield from self._below

    @property
    def column(self) -> Widget:
        """The feed's column (what the "N new" indicator is placed in)."""
        return self.query_one(".reader-column")

    # -- jumps ---------------------------------------------------------------------------

    def jump(self, entry_id: str, *, from_pane: bool = False) -> bool:
        """Jump the feed to an entry: clearing a filter that hides it, loading it if needed.

        Posts :class:`Reader.Jumped` when it did.

        Returns:
            False when the entry is nowhere to be found.

        """
        feed = self.feed
        cleared = False
        found = feed.jump_to(entry_id)
        if not found and feed.filtered:
            feed.clear_filter()
            cleared = True
            found = feed.jump_to(entry_id)
        if not found and feed.entry(entry_id) is None and self._load is not None:
            entry = self._load(entry_id)
            if entry is not None:
                feed.upsert([entry])
                found = feed.jump_to(entry_id)
        if found:
            self.post_message(self.Jumped(self, entry_id, cleared, from_pane))
        return found

    @on(KeyEventsPane.Jump)
    def _pane_jump(self, message: KeyEventsPane.Jump) -> None:
        self.jump(message.entry_id, from_pane=message.pane.has_focus)

    @on(FeedView.TopEntryChanged)
    def _top_changed(self, message: FeedView.TopEntryChanged) -> None:
        self.pane.highlight(message.key_event_id)

    # -- keys ------------------------------------------------------------------------------

    async def action_feed(self, action: str) -> None:
        """Run one of the feed's own keys (from the key-events pane)."""
        await self.feed.run_action(action)

    def action_jump_key_event(self, n: int) -> None:
        """Jump to the n-th key event of the pane (top = 1)."""
        if self.pane.jump_nth(n) is None:
            self.notify(f"There is no key event {n}.", timeout=2)

    def _selected(self) -> tuple[StoredEntry | None, BlogName]:
        cursor = self.feed.cursor
        return self.feed.selected_entry, self._blog_of(cursor or "")

    def action_open_link(self) -> None:
        """Open the selected entry's permalink (or show and copy it: no browser here)."""
        open_link(self, self.feed.selected_entry)

    def action_copy_quote(self) -> None:
        """Copy a quote of the selected entry (of its own blog)."""
        entry, blog = self._selected()
        copy_quote(self, entry, blog)

    def action_revisions(self) -> None:
        """Show the selected entry's revisions as a word diff."""
        show_revisions(self, self.feed.selected_entry)

    def action_photo(self) -> None:
        """Show the selected entry's photo (fetched now if it never was)."""
        show_photo(self, self.feed.selected_entry)
