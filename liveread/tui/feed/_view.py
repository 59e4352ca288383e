"""The feed: a blog's entries as one scrolling view, drawn line by line.

:class:`FeedView` is one widget (a Line API
:class:`~textual.scroll_view.ScrollView`): no widget per entry, so a
5,000-entry blog opens and scrolls like a 10-entry one. It holds the entries
in a :class:`~liveread.tui.feed._store.FeedStore`, knows which entry holds
which line through a :class:`~liveread.tui.feed._index.LineIndex`, and has
what it draws rendered and kept by an
:class:`~liveread.tui.feed._lines.EntryLines`.

How the view stays still (an *anchor*: an entry and the screen row its first
line is on, kept there as entries are measured, inserted, edited, re-laid out
or the order flipped) is its :class:`~liveread.tui.feed._viewport.Viewport`'s;
its keys are :data:`~liveread.tui.feed._keys.FEED_BINDINGS`.

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
from textual.binding import BindingType
from textual.geometry import Region
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.timer import Timer

from liveread.model import StoredEntry
from liveread.times import LOCAL, Zone, utc_now
from liveread.tui.feed import _messages
from liveread.tui.feed._keys import FEED_BINDINGS
from liveread.tui.feed._layout import Anchor, FeedLayout
from liveread.tui.feed._lines import GUTTER, EntryLines, Label
from liveread.tui.feed._render import COMPONENT_CLASSES, styles_from
from liveread.tui.feed._store import FeedStore, WatchMarks, normalise_terms
from liveread.tui.feed._viewport import Viewport

__all__ = ["GUTTER", "Anchor", "FeedView", "Order"]

Order = Literal["newest", "oldest"]
#: How long a jumped-to entry stays marked, in seconds.
MARK_SECONDS = 1.5
#: How often ages ("12 min ago") are redrawn, in seconds.
AGE_REFRESH_SECONDS = 30.0


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

    BINDINGS: ClassVar[list[BindingType]] = FEED_BINDINGS

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
        self._viewport = Viewport(self, self._layout, self._style_lines, self._after_move)
        self._styled = False  # the lines' styles are the CSS's (False after a CSS change)
        self._cursor: str | None = None
        self._mark: str | None = None
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
        anchor = self._viewport.anchor()
        return anchor[0] if anchor else None

    def entry_row(self, entry_id: str) -> int | None:
        """The screen row of the entry's first line (negative: above the view), or None."""
        return self._viewport.row_of(entry_id)

    def at_oldest_end(self) -> bool:
        """True when the view is at the far end from the news: the oldest entries."""
        return self._viewport.at_oldest_end(newest_first=self.order == "newest")

    # -- what the app calls ----------------------------------------------------------

    def set_entries(self, entries: Iterable[StoredEntry], *, new_ids: Iterable[str] = ()) -> None:
        """Show *entries* (any order) instead of what was there.

        Args:
            entries: Every entry of the blog.
            new_ids: Entries to mark NEW (e.g. what arrived since the reader last looked).

        """
        anchor = self._viewport.anchor()
        self._store.reset(entries)
        self._store.new_ids = {i for i in new_ids if i in self._store}
        self._rebuild_index()
        self._set_pending(0)
        self._viewport.restore(anchor)

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
        anchor = self._viewport.anchor()
        arrived = self._layout.take(
            entries,
            new=new,
            newest_first=self.order == "newest",
            measure=lambda position, render: self._viewport.measure(position, render=render),
        )
        if following:
            self._viewport.go_live_edge(newest_first=self.order == "newest")
            if cursor_on_edge:
                self._cursor = self._edge_id()
        else:
            self._viewport.restore(anchor)
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
        self._viewport.go_live_edge(newest_first=self.order == "newest")
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
            self._viewport.restore(None)
        self._say_filter()

    def jump_to(self, entry_id: str, *, mark: bool = True) -> bool:
        """Put the entry's first line at the top of the view (or as high as it goes).

        Args:
            entry_id: The entry to show.
            mark: Mark it briefly, so the eye finds it.

        Returns:
            False when the entry is not in the feed (or hidden by a search).

        """
        if not self._viewport.show_at_top(entry_id):
            return False
        self._cursor = entry_id
        if mark:
            self._set_mark(entry_id)
        self._after_move()
        self.refresh()
        return True

    def next_key_event(self) -> str | None:
        """Jump to the next key event or summary below the top of the view; returns its id."""
        found = self._viewport.next_key_event(self._cursor)
        if found is not None:
            self.jump_to(found)
        return found

    def previous_key_event(self) -> str | None:
        """Jump to the previous key event or summary above the top of the view; returns its id."""
        found = self._viewport.previous_key_event(self._cursor)
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
        self._viewport.go_bottom()

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

    def _style_lines(self) -> None:
        """Take the entries' styles from the CSS (after a CSS change: lines drawn again)."""
        if not self._styled:
            cursor = self.get_visual_style("feed--cursor").rich_style
            mark = Style(bgcolor=self.get_visual_style("feed--mark").rich_style.bgcolor)
            self._lines.set_styles(styles_from(self), cursor=cursor, mark=mark)
            self._styled = True

    def _rebuild_index(self) -> None:
        """Lay the entries out again for the current order, search and width."""
        self._viewport.rebuild(self._store.display_ids(newest_first=self.order == "newest"))

    def _edge_id(self) -> str | None:
        """The entry at the live edge: the newest, wherever the order puts it."""
        return self._layout.edge(newest_first=self.order == "newest")

    # -- drawing -----------------------------------------------------------------------

    def render_lines(self, crop: Region) -> list[Strip]:
        """Lay out at the real width first if the widget got its size since the last layout."""
        if self._viewport.laid_out_at != self.scrollable_content_region.width:
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
            self._viewport.measure(position, render=True)
            self._viewport.estimated_in_view()
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

    def notify_style_update(self) -> None:
        """Fetch the styles again after a CSS change (lines are redrawn only if they differ)."""
        super().notify_style_update()
        self._styled = False

    # -- the view ----------------------------------------------------------------------

    def _at_live_edge(self) -> bool:
        """True when the newest entries are in view (the top, or the bottom when oldest first)."""
        return self._viewport.at_live_edge(newest_first=self.order == "newest")

    def _relayout_width(self) -> None:
        anchor = self._viewport.anchor()
        self._rebuild_index()
        self._viewport.restore(anchor)

    # -- filtering, moving and reporting -----------------------------------------------

    def _filtered(self) -> int:
        """Lay the feed out again after its filter changed: the results from the top."""
        self._rebuild_index()
        self._cursor = None
        self.refresh_bindings()
        self._viewport.restore(None)
        self._say_filter()
        return len(self._index)

    def _say_filter(self) -> None:
        store = self._store
        self.post_message(
            self.FilterChanged(self, store.terms, len(self._index), store.watched_only)
        )

    def _step(self, step: int) -> None:
        target = self._viewport.step(self._cursor, step)
        if target is not None:
            self.jump_to(target, mark=False)

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
        visible = self._viewport.visible()
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
        self._viewport.scrolled()

    def watch_order(self, old: Order, new: Order) -> None:
        """Flip the order, keeping the entry at the top of the view at the top.

        Oldest first is said on the feed's top edge: nothing else on screen tells.
        """
        self.border_title = "oldest first · s: newest first" if new == "oldest" else None
        anchor = self._viewport.anchor()
        self._rebuild_index()
        self._viewport.restore(anchor)

    def on_resize(self) -> None:
        """Lay the feed out again at the new size, keeping the top entry in place."""
        width = self.scrollable_content_region.width
        if width and width == self._viewport.laid_out_at:
            # Only the height changed, or the first paint already laid the feed out at
            # this width (it comes before the first Resize): the index stands, and
            # rebuilding it would go over every entry again (5,000 on a big blog).
            self._viewport.restore(self._viewport.anchor())
            return
        self._relayout_width()
