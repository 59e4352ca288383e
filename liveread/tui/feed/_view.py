"""The feed: a blog's entries as one scrolling view, drawn line by line.

:class:`FeedView` is one widget (a Line API
:class:`~textual.scroll_view.ScrollView`): no widget per entry, so a
5,000-entry blog opens and scrolls like a 10-entry one. It holds the entries
in a :class:`~liveread.tui.feed._store.FeedStore`, knows which entry holds
which line through a :class:`~liveread.tui.feed._index.LineIndex`, and has
what it draws rendered and kept by an
:class:`~liveread.tui.feed._lines.EntryLines`.

How the view stays still: an *anchor* is an entry and the screen row its
first line is on. Before anything in view is painted, :meth:`FeedView._layout_view`
renders every entry the view touches that was only estimated; if that
changes heights above the anchor, the scroll position is moved by as much,
so what the reader sees does not jump. The same anchor keeps the view still
when entries are inserted above it, edited, re-laid out at a new width, or
the order is flipped.

Live behaviour follows Toolong's ``LogLines``: while the live edge (the top,
newest first; the bottom, oldest first) is in view, arriving entries appear at
once, marked NEW. When the reader has scrolled away the view does not move
(the entry at the top stays on the same row), a count of what arrived is kept
and announced with :class:`FeedView.NewPending`, until :meth:`FeedView.show_new`
(key ``n``) or the reader's own return to the edge clears it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import ClassVar, Literal, TypeAlias

from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.timer import Timer

from liveread.model import StoredEntry
from liveread.times import LOCAL, Zone, utc_now
from liveread.tui.feed import _messages
from liveread.tui.feed._layout import Anchor, FeedLayout
from liveread.tui.feed._lines import GUTTER, EntryLines, Label
from liveread.tui.feed._render import COMPONENT_CLASSES, styles_from
from liveread.tui.feed._store import FeedStore, WatchMarks, normalise_terms

__all__ = ["GUTTER", "Anchor", "FeedView", "Order"]

Order = Literal["newest", "oldest"]
#: Width to estimate at before the widget has a size.
DEFAULT_WIDTH = 78
#: How long a jumped-to entry stays marked, in seconds.
MARK_SECONDS = 1.5
#: How often ages ("12 min ago") are redrawn, in seconds.
AGE_REFRESH_SECONDS = 30.0
#: ] and [ share one place in the footer.
_KEY_EVENT_KEYS = Binding.Group("Key event", compact=True)


class FeedView(ScrollView, can_focus=True, inherit_bindings=False):
    """A blog's entries, newest first, drawn line by line.

    Args:
        entries: The entries to show at first (any order).
        clock: Returns "now" (an aware datetime) for the ages; injectable for tests.
        zone: Where times are shown (local time, or UTC).
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

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        *COMPONENT_CLASSES.values(),
        "feed--cursor",
        "feed--mark",
    }

    # The messages (see liveread.tui.feed._messages), reachable as FeedView.NewPending etc.
    TopEntryChanged: TypeAlias = _messages.TopEntryChanged
    NewPending: TypeAlias = _messages.NewPending
    EntrySelected: TypeAlias = _messages.EntrySelected
    FilterChanged: TypeAlias = _messages.FilterChanged

    order: reactive[Order] = reactive[Order]("newest", init=False)
    """``"newest"`` first (the default) or ``"oldest"`` first."""

    def __init__(
        self,
        entries: Iterable[StoredEntry] = (),
        *,
        clock: Callable[[], datetime] | None = None,
        zone: Zone = LOCAL,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._clock = clock or utc_now
        self._store = FeedStore()
        self._lines = EntryLines(self._store, lambda: self.app.console)
        self._lines.zone = zone
        self._layout = FeedLayout(self._store, self._lines)
        self._index = self._layout.index
        self._styled = False  # the lines' styles are the CSS's (False after a CSS change)
        self._cursor: str | None = None
        self._mark: str | None = None
        self._settling = False
        self._relayout_due = False
        self._laid_out_at = 0  # the width the index was built for (0: not yet)
        self._pending = 0
        self._mark_timer: Timer | None = None
        self._reported: tuple[str | None, str | None] | None = None
        self._store.reset(entries)
        self._rebuild_index()

    def on_mount(self) -> None:
        """Keep the ages current."""
        self.set_interval(AGE_REFRESH_SECONDS, self.refresh)

    # -- what the app reads --------------------------------------------------------

    @property
    def render_counts(self) -> Counter[str]:
        """How many times each entry's body was rendered (an arrival re-renders only itself)."""
        return self._lines.render_counts

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
    def newest(self) -> datetime | None:
        """When the newest entry (not removed upstream) was published; None when there is none."""
        return self._store.newest()

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

    def at_oldest_end(self) -> bool:
        """True when the view is at the far end from the news: the oldest entries."""
        if self.order == "newest":
            return self.max_scroll_y > 0 and self.scroll_offset.y >= self.max_scroll_y
        return self.scroll_offset.y <= 0 < self.max_scroll_y

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

    def set_zone(self, zone: Zone) -> None:
        """Show times in *zone* from now on (the headers are drawn again)."""
        self._lines.zone = zone
        self.refresh()

    def resume_at(self, entry_id: str) -> bool:
        """Back to where the reader left off: *entry_id* at the top, what is NEW above it counted.

        Returns:
            False when the feed does not show the entry (yet).

        """
        position = self._index.position(entry_id)
        if position is None or not self.jump_to(entry_id, mark=False):
            return False
        newer = range(position) if self.order == "newest" else range(position + 1, len(self._index))
        arrived = sum(1 for p in newer if self._index.id_at(p) in self._store.new_ids)
        if not self._at_live_edge():
            self._set_pending(arrived)
        return True

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
        found = None if reference is None else self._layout.next_key_event(reference)
        if found is not None:
            self.jump_to(found)
        return found

    def previous_key_event(self) -> str | None:
        """Jump to the previous key event or summary above the top of the view; returns its id."""
        reference = self._reference_position()
        if reference is None:
            return None
        found = self._layout.previous_key_event(reference, self.scroll_offset.y)
        if found is not None:
            self.jump_to(found)
        return found

    def go_oldest_end(self) -> None:
        """Show the oldest entries (End when newest first, Home when oldest first)."""
        if self.order == "newest":
            self.action_bottom()
        else:
            self.action_top()

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

    # -- measuring ---------------------------------------------------------------------

    @property
    def _body_width(self) -> int:
        width = self.scrollable_content_region.width
        return max(width - GUTTER, 8) if width else DEFAULT_WIDTH

    def _style_lines(self) -> None:
        """Take the entries' styles from the CSS (after a CSS change: lines drawn again)."""
        if not self._styled:
            cursor = self.get_visual_style("feed--cursor").rich_style
            mark = Style(bgcolor=self.get_visual_style("feed--mark").rich_style.bgcolor)
            self._lines.set_styles(styles_from(self), cursor=cursor, mark=mark)
            self._styled = True

    def _measure_slot(self, position: int, *, render: bool) -> None:
        """Bring the height of the entry at *position* up to date (rendering it if asked)."""
        if render:
            self._style_lines()
        self._layout.measure(position, self._body_width, render=render)

    def _rebuild_index(self) -> None:
        """Lay the entries out again for the current order, search and width."""
        ids = self._store.display_ids(newest_first=self.order == "newest")
        self._laid_out_at = self.scrollable_content_region.width
        # The width is read once: it is not cheap, and the layout asks it per entry.
        self._layout.reset(ids, self._body_width if self._laid_out_at else None)
        if self._laid_out_at:
            self._update_virtual_size()

    def _insertion_point(self, entry_id: str) -> int:
        """Where *entry_id* belongs in the display order (by publication)."""
        return self._layout.insertion_point(entry_id, newest_first=self.order == "newest")

    def _edge_id(self) -> str | None:
        """The entry at the live edge: the newest, wherever the order puts it."""
        return self._layout.edge(newest_first=self.order == "newest")

    # -- drawing -----------------------------------------------------------------------

    def render_lines(self, crop: Region) -> list[Strip]:
        """Lay out at the real width first if the widget got its size since the last layout."""
        if self._laid_out_at != self.scrollable_content_region.width:
            self._relayout_width()  # the first paint can come before the first Resize event
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        """Draw line *y* of the view: an entry's header or body line, with its gutter."""
        self._style_lines()
        width = self.scrollable_content_region.width
        line = self.scroll_offset.y + y
        index = self._index
        if not index or line >= index.total:
            return Strip.blank(width, self._lines.styles.base)
        position = index.index_at(line)
        entry_id = index.id_at(position)
        if not index.is_exact(position):  # painted before a layout pass: fix on the next one
            self._measure_slot(position, render=True)
            self._schedule_relayout()
        return self._lines.line(
            entry_id,
            line - index.start(position),
            width,
            now=self._clock(),
            label=self._label(entry_id),
            cursor=entry_id == self._cursor,
            mark=entry_id == self._mark,
        )

    def _label(self, entry_id: str) -> Label | None:
        """What stands first on the entry's header line (nothing here; the timeline's blog)."""
        return None

    def _schedule_relayout(self) -> None:
        if not self._relayout_due:
            self._relayout_due = True
            self.call_after_refresh(self._relayout)

    def _relayout(self) -> None:
        self._relayout_due = False
        self._layout_view()
        self._after_move()

    def notify_style_update(self) -> None:
        """Fetch the styles again after a CSS change (lines are redrawn only if they differ)."""
        super().notify_style_update()
        self._styled = False

    # -- the view ----------------------------------------------------------------------

    @property
    def _view_height(self) -> int:
        return self.scrollable_content_region.height

    def _update_virtual_size(self) -> None:
        size = Size(self.scrollable_content_region.width, self._index.total)
        if size != self.virtual_size:
            self.virtual_size = size

    def _set_top(self, line: int) -> None:
        """Scroll (at once) so that virtual *line* is the top of the view.

        The caller lays the view out and reports the move itself (with its own
        anchor), so the scroll watcher is kept from doing it first with a guess.
        """
        if not self.is_mounted:  # nothing to scroll yet: the first layout starts at the top
            return
        settling, self._settling = self._settling, True
        try:
            # force: right after the feed grew (a search cleared, entries loaded) the
            # scrollbar is not there yet, and Textual would refuse to scroll without it.
            self.scroll_to(y=max(0, line), animate=False, immediate=True, force=True)
        finally:
            self._settling = settling

    def _visible_positions(self) -> range:
        """The positions of the entries the view touches."""
        return self._layout.visible(self.scroll_offset.y, self._view_height)

    def _capture_anchor(self) -> Anchor | None:
        """The entry at the top of the view and the row its first line is on."""
        return self._layout.anchor_at(self.scroll_offset.y)

    def _anchor_line(self, anchor: Anchor) -> int:
        """The top line that puts the anchor back on its row."""
        return self._layout.anchor_line(anchor, self.scroll_offset.y)

    def _layout_view(self, anchor: Anchor | None = None, *, pin_end: bool = False) -> None:
        """Render every estimated entry in view, keeping *anchor* (or the bottom) still.

        Args:
            anchor: What must not move; by default the first entry in view
                that was already drawn (what the reader is looking at).
            pin_end: Keep the view at the bottom instead (End).

        """
        self._update_virtual_size()
        index = self._index
        height = self._view_height
        if self._settling or not index or height <= 0:
            return
        self._settling = True
        try:
            for _ in range(32):  # two or three passes settle it; the bound is a guard
                top = self.scroll_offset.y
                first = index.index_at(top)
                if anchor is None:
                    anchor = self._layout.pick_anchor(first, top, top + height)
                rendered = False
                position = first
                while position < len(index) and index.start(position) < top + height:
                    if not index.is_exact(position):
                        self._measure_slot(position, render=True)
                        rendered = True
                    position += 1
                self._update_virtual_size()
                target = self.max_scroll_y if pin_end else self._anchor_line(anchor)
                if target != top:
                    self._set_top(target)
                    if self.scroll_offset.y != top:
                        continue
                if not rendered:
                    break
        finally:
            self._settling = False
        self.refresh()

    def _restore(self, anchor: Anchor | None) -> None:
        """Put *anchor* back where it was (or go to the top when it is gone)."""
        if anchor is None or anchor[0] not in self._index:
            self._set_top(0)
            self._layout_view()
        else:
            self._set_top(self._anchor_line(anchor))
            self._layout_view(anchor)
        self._after_move()

    def _at_live_edge(self) -> bool:
        """True when the newest entries are in view (the top, or the bottom when oldest first)."""
        if self.order == "newest":
            return self.scroll_offset.y <= 0
        return self.scroll_offset.y >= self.max_scroll_y

    def _go_live_edge(self) -> None:
        """Show the newest entries."""
        if self.order == "newest":
            self._set_top(0)
            self._layout_view((self._index.id_at(0), 0) if self._index else None)
        else:
            self._set_top(self.max_scroll_y)
            self._layout_view(pin_end=True)
        self._after_move()

    def _relayout_width(self) -> None:
        anchor = self._capture_anchor()
        self._rebuild_index()
        self._restore(anchor)

    # -- filtering, moving and reporting -----------------------------------------------

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
        at_bottom = self.scroll_offset.y >= self.max_scroll_y
        return self._layout.reference(
            self._visible_positions(), self._cursor, use_cursor=cursor_in_view or at_bottom
        )

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
        self._report(self._index.id_at(visible.start), self._layout.key_event_in(visible))

    def _report(self, top_id: str | None, key_id: str | None) -> None:
        if (top_id, key_id) != self._reported:
            self._reported = (top_id, key_id)
            self.post_message(self.TopEntryChanged(self, top_id, key_id))

    # -- Textual hooks -----------------------------------------------------------------

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        """Render what came into view before it is painted, then report the move."""
        super().watch_scroll_y(old_value, new_value)
        if not self._settling:
            self._layout_view()
            self._after_move()

    def watch_order(self, old: Order, new: Order) -> None:
        """Flip the order, keeping the entry at the top of the view at the top.

        Oldest first is said on the feed's top edge: nothing else on screen tells.
        """
        self.border_title = "oldest first · s: newest first" if new == "oldest" else None
        anchor = self._capture_anchor()
        self._rebuild_index()
        self._restore(anchor)

    def on_resize(self) -> None:
        """Lay the feed out again at the new size, keeping the top entry in place."""
        width = self.scrollable_content_region.width
        if width and width == self._laid_out_at:
            # Only the height changed, or the first paint already laid the feed out at
            # this width (it comes before the first Resize): the index stands, and
            # rebuilding it would go over every entry again (5,000 on a big blog).
            self._restore(self._capture_anchor())
            return
        self._relayout_width()
