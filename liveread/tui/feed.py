"""The feed: a blog's entries as one scrolling view, rendered line by line.

:class:`FeedView` is the widget the app mounts: its keys, its messages, and
what it does when entries arrive, change or vanish. Drawing and anchored
scrolling are in :class:`~liveread.tui.feed_lines.FeedLines` (no widget per
entry: a 5,000-entry blog opens and scrolls like a 10-entry one).

Live behaviour follows Toolong's ``LogLines``: while the live edge (the top,
newest first; the bottom, oldest first) is in view, arriving entries appear at
once, marked NEW. When the reader has scrolled away the view does not move
(the entry at the top stays on the same row), a count of what arrived is kept
and announced with :class:`FeedView.NewPending`, until :meth:`FeedView.show_new`
(key ``n``) or the reader's own return to the edge clears it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from typing import ClassVar, TypeAlias

from textual import events
from textual.binding import Binding, BindingType
from textual.timer import Timer

from liveread.model import StoredEntry
from liveread.times import utc_now
from liveread.tui import feed_messages
from liveread.tui.feed_lines import FeedLines
from liveread.tui.feed_store import WatchMarks, normalise_terms

__all__ = ["FeedView"]

#: How long a jumped-to entry stays marked, in seconds.
MARK_SECONDS = 1.5
#: How often ages ("12 min ago") are redrawn, in seconds.
AGE_REFRESH_SECONDS = 30.0
#: ] and [ share one place in the footer.
_KEY_EVENT_KEYS = Binding.Group("Key event", compact=True)


class FeedView(FeedLines):
    """A blog's entries, newest first, rendered line by line.

    Args:
        entries: The entries to show at first (any order).
        clock: Returns "now" (an aware datetime) for the ages; injectable for tests.
        name: The widget's name.
        id: The widget's DOM id.
        classes: The widget's CSS classes.

    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "cursor_down", "Next entry", show=False, id="feed.cursor_down",
                tooltip="Move to the next entry"),
        Binding("up,k", "cursor_up", "Previous entry", show=False, id="feed.cursor_up",
                tooltip="Move to the previous entry"),
        Binding("pagedown,space", "page_down", "Page down", show=False, id="feed.page_down",
                tooltip="Scroll down one screen"),
        Binding("pageup", "page_up", "Page up", show=False, id="feed.page_up",
                tooltip="Scroll up one screen"),
        Binding("home,g", "top", "Top", show=False, id="feed.top",
                tooltip="Go to the top of the feed"),
        Binding("end,G", "bottom", "Bottom", show=False, id="feed.bottom",
                tooltip="Go to the bottom of the feed"),
        Binding("right_square_bracket", "next_key_event", "Next key event", key_display="]",
                id="feed.next_key_event", group=_KEY_EVENT_KEYS,
                tooltip="Jump to the next key event below the top of the view"),
        Binding("left_square_bracket", "previous_key_event", "Prev key event", key_display="[",
                id="feed.previous_key_event", group=_KEY_EVENT_KEYS,
                tooltip="Jump to the previous key event above the top of the view"),
        Binding("s", "toggle_order", "Order", show=False, id="feed.toggle_order",
                tooltip="Newest first / oldest first"),
        Binding("n", "show_new", "Show new", id="feed.show_new",
                tooltip="Go to the newest entries and clear the new count"),
        Binding("enter", "select", "Entry to top", show=False, id="feed.select",
                tooltip="Bring the entry under the cursor to the top of the view"),
        # Not in the footer: the search bar says "Esc clears" while a search is on.
        Binding("escape", "clear_filter", "Clear search", show=False, id="feed.clear_filter",
                tooltip="Show every entry again"),
    ]  # fmt: skip

    # The messages (see liveread.tui.feed_messages), reachable as FeedView.NewPending etc.
    TopEntryChanged: TypeAlias = feed_messages.TopEntryChanged
    NewPending: TypeAlias = feed_messages.NewPending
    EntrySelected: TypeAlias = feed_messages.EntrySelected
    FilterChanged: TypeAlias = feed_messages.FilterChanged

    def __init__(
        self,
        entries: Iterable[StoredEntry] = (),
        *,
        clock: Callable[[], datetime] | None = None,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(entries, clock=clock or utc_now, name=name, id=id, classes=classes)
        self._pending = 0
        self._mark_timer: Timer | None = None
        self._reported: tuple[str | None, str | None] | None = None

    def on_mount(self) -> None:
        """Keep the ages current."""
        self.set_interval(AGE_REFRESH_SECONDS, self.refresh)

    # -- what the app reads --------------------------------------------------------

    @property
    def pending(self) -> int:
        """How many new entries arrived while the reader was away from the live edge."""
        return self._pending

    @property
    def cursor(self) -> str | None:
        """The id of the entry under the cursor (↑/↓, j/k), or None when the feed is empty."""
        return self._cursor

    @property
    def selected_entry(self) -> StoredEntry | None:
        """The entry under the cursor, for the app's open (o), copy (y) and revisions (d)."""
        return self._store.get(self._cursor) if self._cursor else None

    @property
    def filter_terms(self) -> tuple[str, ...]:
        """The search terms the feed is filtered by (empty when it is not)."""
        return self._store.terms

    @property
    def filtered(self) -> bool:
        """True while some entries are hidden: a search, or "watched only"."""
        return bool(self._store.terms or self._store.watched_only)

    @property
    def watched_only(self) -> bool:
        """True while only the entries a watch matches are shown."""
        return self._store.watched_only

    @property
    def marked(self) -> str | None:
        """The entry briefly marked after a jump, or None."""
        return self._mark

    @property
    def new_ids(self) -> frozenset[str]:
        """The entries marked NEW."""
        return frozenset(self._store.new_ids)

    @property
    def shown_ids(self) -> list[str]:
        """The ids shown, in display order (a copy)."""
        return list(self._index.ids)

    def entry(self, entry_id: str) -> StoredEntry | None:
        """The entry with this id as the feed holds it, or None."""
        return self._store.get(entry_id)

    @property
    def entries(self) -> list[StoredEntry]:
        """Every entry the feed holds, shown or hidden by a search (any order; a copy)."""
        return self._store.entries()

    def entry_at_top(self) -> str | None:
        """The id of the entry holding the top line of the view, or None when empty."""
        anchor = self._capture_anchor()
        return anchor[0] if anchor else None

    def entry_row(self, entry_id: str) -> int | None:
        """The screen row of the entry's first line (negative: above the view), or None."""
        position = self._index.position(entry_id)
        if position is None:
            return None
        return self._index.start(position) - self.scroll_offset.y

    # -- what the app calls ----------------------------------------------------------

    def set_entries(self, entries: Iterable[StoredEntry], *, new_ids: Iterable[str] = ()) -> None:
        """Show *entries* (any order) instead of what was there.

        Args:
            entries: Every entry of the blog.
            new_ids: Entries to mark NEW (e.g. what arrived since the reader last looked).

        """
        anchor = self._capture_anchor()
        self._store.reset(entries)
        self._store.new_ids = {i for i in new_ids if i in self._store}
        self._rebuild_index()
        self._set_pending(0)
        self._restore(anchor)

    def upsert(self, entries: Iterable[StoredEntry], *, new: bool = False) -> None:
        """Add arriving entries or replace changed ones; only those are re-rendered.

        Args:
            entries: New or changed entries (an entry already held is replaced in place).
            new: They arrived while following: mark them NEW and, while the reader
                is away from the live edge, count them (see :class:`NewPending`).

        """
        following = self._at_live_edge()
        # A cursor resting on the newest entry at the live edge follows the news;
        # one the reader moved elsewhere stays where they put it.
        cursor_on_edge = following and self._cursor is not None and self._cursor == self._edge_id()
        anchor = self._capture_anchor()
        arrived = 0
        for entry in entries:
            old = self._store.get(entry.id)
            added = self._store.put(entry)
            if added and new:
                self._store.new_ids.add(entry.id)
            if old is not None and old.published != entry.published:
                self._index.remove(entry.id)  # re-dated: it moves
            position = self._index.position(entry.id)
            # Render now what was drawn before or just arrived; anything else (a backfill of
            # older pages, say) is estimated and rendered when it comes into view.
            render = (added and new) or (position is not None and self._index.is_exact(position))
            if position is None:
                if not self._store.matches(entry.id):
                    continue  # held, but hidden by the search
                position = self._insertion_point(entry.id)
                self._index.insert(position, entry.id, 1, exact=False)
                arrived += added and new
            self._measure_slot(position, render=render)
        if following:
            self._go_live_edge()
            if cursor_on_edge:
                self._cursor = self._edge_id()
        else:
            self._restore(anchor)
            if arrived:
                self._set_pending(self._pending + arrived)

    def _edge_id(self) -> str | None:
        """The entry at the live edge: the newest, wherever the order puts it."""
        if not self._index:
            return None
        return self._index.id_at(0 if self.order == "newest" else -1)

    def mark_removed(self, ids: Iterable[str]) -> None:
        """Flag entries as removed upstream: they stay, dimmed, with a badge."""
        entries = (self._store.get(entry_id) for entry_id in ids)
        self.upsert([e.with_changes(removed=True) for e in entries if e and not e.removed])

    def clear_new_marks(self) -> None:
        """Drop every NEW mark (the app decides when entries stop being new)."""
        self._store.new_ids.clear()
        self.refresh()

    def show_new(self) -> None:
        """Go to the live edge (the newest entries) and clear the new count."""
        self._go_live_edge()
        if self._index:
            self._cursor = self._edge_id()
        self._set_pending(0)
        self.refresh()

    def filter(self, terms: Iterable[str]) -> int:
        """Show only the entries holding every term (any case), matches highlighted.

        (Within the watched ones, in "watched only".)

        Returns:
            How many entries match.

        """
        self._store.terms = normalise_terms(terms)
        return self._filtered()

    def set_watched_only(self, on: bool) -> int:
        """Show only the entries a watch matches (or every entry again), highlights kept.

        Returns:
            How many entries are shown.

        """
        self._store.watched_only = on
        return self._filtered()

    def _filtered(self) -> int:
        """Lay the feed out again after its filter changed: the results from the top."""
        self._rebuild_index()
        self._cursor = None
        self.refresh_bindings()
        self._restore(None)
        self._say_filter()
        return len(self._index)

    def _say_filter(self) -> None:
        store = self._store
        self.post_message(
            self.FilterChanged(self, store.terms, len(self._index), store.watched_only)
        )

    def set_watch_marks(self, marks: WatchMarks | None) -> None:
        """Ask *marks* about the entries: the watches' highlights, and "watched only"."""
        self._store.set_marks(marks)
        if self._store.watched_only:
            self._relayout_width()  # which entries match changed
            self._say_filter()
        self.refresh()

    def clear_filter(self) -> None:
        """Show every entry again (no search, not only watched), the cursor's entry at the top."""
        if not self._store.terms and not self._store.watched_only:
            return
        keep = self._cursor
        self._store.terms = ()
        self._store.watched_only = False
        self._rebuild_index()
        self.refresh_bindings()
        if keep is None or not self.jump_to(keep, mark=False):
            self._restore(None)
        self._say_filter()

    def jump_to(self, entry_id: str, *, mark: bool = True) -> bool:
        """Put the entry's first line at the top of the view (or as high as it goes).

        Args:
            entry_id: The entry to show.
            mark: Mark it briefly, so the eye finds it.

        Returns:
            False when the entry is not in the feed (or hidden by a search).

        """
        position = self._index.position(entry_id)
        if position is None:
            return False
        self._cursor = entry_id
        self._set_top(self._index.start(position))
        self._layout_view((entry_id, 0))
        if mark:
            self._set_mark(entry_id)
        self._after_move()
        self.refresh()
        return True

    def next_key_event(self) -> str | None:
        """Jump to the next key event or summary below the top of the view; returns its id."""
        reference = self._reference_position()
        if reference is None:
            return None
        for position in range(reference + 1, len(self._index)):
            if self._store[self._index.id_at(position)].is_key:
                self.jump_to(self._index.id_at(position))
                return self._index.id_at(position)
        return None

    def previous_key_event(self) -> str | None:
        """Jump to the previous key event or summary above the top of the view; returns its id."""
        reference = self._reference_position()
        if reference is None:
            return None
        top_id = self._index.id_at(reference)
        if self._store[top_id].is_key and self._index.start(reference) < self.scroll_offset.y:
            self.jump_to(top_id)  # its first line is above the view: back to it
            return top_id
        for position in range(reference - 1, -1, -1):
            if self._store[self._index.id_at(position)].is_key:
                self.jump_to(self._index.id_at(position))
                return self._index.id_at(position)
        return None

    # -- actions (the keys) ------------------------------------------------------------

    def action_cursor_down(self) -> None:
        """Move to the next entry, its first line at the top."""
        self._step(+1)

    def action_cursor_up(self) -> None:
        """Move to the previous entry (or the start of a half-hidden one)."""
        self._step(-1)

    def action_page_down(self) -> None:
        """Scroll down one screen."""
        self.scroll_page_down(animate=False)

    def action_page_up(self) -> None:
        """Scroll up one screen."""
        self.scroll_page_up(animate=False)

    def at_oldest_end(self) -> bool:
        """True when the view is at the far end from the news: the oldest entries."""
        if self.order == "newest":
            return self.max_scroll_y > 0 and self.scroll_offset.y >= self.max_scroll_y
        return self.scroll_offset.y <= 0 < self.max_scroll_y

    def go_oldest_end(self) -> None:
        """Show the oldest entries (End when newest first, Home when oldest first)."""
        if self.order == "newest":
            self.action_bottom()
        else:
            self.action_top()

    def action_top(self) -> None:
        """Go to the top of the feed."""
        if self._index:
            self.jump_to(self._index.id_at(0), mark=False)

    def action_bottom(self) -> None:
        """Go to the bottom of the feed."""
        if not self._index:
            return
        self._cursor = self._index.id_at(len(self._index) - 1)
        self._set_top(self.max_scroll_y)
        self._layout_view(pin_end=True)
        self._after_move()

    def action_next_key_event(self) -> None:
        """Jump to the next key event below the top of the view."""
        self.next_key_event()

    def action_previous_key_event(self) -> None:
        """Jump to the previous key event above the top of the view."""
        self.previous_key_event()

    def action_toggle_order(self) -> None:
        """Flip between newest first and oldest first."""
        self.order = "oldest" if self.order == "newest" else "newest"

    def action_show_new(self) -> None:
        """Show the new entries and clear the count."""
        self.show_new()

    def action_select(self) -> None:
        """Bring the entry under the cursor to the top (marked), and tell the app it was chosen."""
        if self._cursor is not None:
            entry_id = self._cursor
            self.jump_to(entry_id)
            self.post_message(self.EntrySelected(self, entry_id))

    def action_clear_filter(self) -> None:
        """Clear the search."""
        self.clear_filter()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Esc belongs to the feed only while it is filtered (else it goes to the app)."""
        if action == "clear_filter":
            return bool(self._store.terms or self._store.watched_only)
        return True

    def on_click(self, event: events.Click) -> None:
        """A click puts the cursor on the entry clicked and selects it."""
        offset = event.get_content_offset(self)
        if offset is None or not self._index:
            return
        line = self.scroll_offset.y + offset.y
        if line >= self._index.total:
            return
        self._cursor = self._index.id_at(self._index.index_at(line))
        self.refresh()
        self.post_message(self.EntrySelected(self, self._cursor))

    # -- internals ---------------------------------------------------------------------

    def _step(self, step: int) -> None:
        reference = self._reference_position(cursor_in_view=True)
        if reference is None:
            return
        if step < 0 and self._index.start(reference) < self.scroll_offset.y:
            target = reference  # the entry's start is above the view: go back to it first
        else:
            target = min(max(reference + step, 0), len(self._index) - 1)
        self.jump_to(self._index.id_at(target), mark=False)

    def _reference_position(self, *, cursor_in_view: bool = False) -> int | None:
        """Where "next" and "previous" count from: the top entry, or the cursor when it is lower.

        The cursor counts when it is in view and either asked for (↑/↓) or the
        view is at the bottom, where a jump cannot bring an entry to the top.
        """
        if not self._index:
            return None
        visible = self._visible_positions()
        cursor = self._index.position(self._cursor) if self._cursor else None
        if cursor is None or cursor not in visible:
            return visible.start
        if cursor_in_view:
            return cursor
        at_bottom = self.scroll_offset.y >= self.max_scroll_y
        return max(visible.start, cursor) if at_bottom else visible.start

    def _set_pending(self, count: int) -> None:
        if count != self._pending:
            self._pending = count
            self.post_message(self.NewPending(self, count))

    def _set_mark(self, entry_id: str) -> None:
        self._mark = entry_id
        if not self.is_mounted:
            return
        if self._mark_timer is not None:
            self._mark_timer.stop()
        self._mark_timer = self.set_timer(MARK_SECONDS, self._clear_mark)

    def _clear_mark(self) -> None:
        self._mark = None
        self._mark_timer = None
        self.refresh()

    def _after_move(self) -> None:
        """Keep the cursor in view, clear the count at the live edge, report the top entry."""
        if not self._index:
            self._cursor = None
            self._report(None, None)
            return
        visible = self._visible_positions()
        cursor = self._index.position(self._cursor) if self._cursor else None
        if cursor is None or cursor not in visible:
            self._cursor = self._index.id_at(visible.start)
            self.refresh()
        if self._pending and self._at_live_edge():
            self._set_pending(0)
        top_id = self._index.id_at(visible.start)
        key_id = next(
            (self._index.id_at(p) for p in visible if self._store[self._index.id_at(p)].is_key),
            None,
        )
        self._report(top_id, key_id or self._store.key_event_before(top_id))

    def _report(self, top_id: str | None, key_id: str | None) -> None:
        if (top_id, key_id) != self._reported:
            self._reported = (top_id, key_id)
            self.post_message(self.TopEntryChanged(self, top_id, key_id))
