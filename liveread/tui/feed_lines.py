"""The engine under the feed: entries drawn line by line, the view kept still.

:class:`FeedLines` is a Line API :class:`~textual.scroll_view.ScrollView`
over a :class:`~liveread.tui.feed_store.FeedStore` and a
:class:`~liveread.tui.feed_index.LineIndex`. It knows how to draw line *y*
(header, body, cursor bar, jump mark) and how to move the view without the
reader losing their place; :class:`~liveread.tui.feed.FeedView` builds the
public widget (keys, messages, live behaviour) on it.

How the view stays still: an *anchor* is an entry and the screen row its
first line is on. Before anything in view is painted, :meth:`_layout_view`
renders every entry the view touches that was only estimated; if that
changes heights above the anchor, the scroll position is moved by as much,
so what the reader sees does not jump. The same anchor keeps the view still
when entries are inserted above it, edited, re-laid out at a new width, or
the order is flipped.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import ClassVar, Literal

from rich.segment import Segment
from rich.style import Style
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from liveread.model import StoredEntry
from liveread.tui.entry_render import (
    COMPONENT_CLASSES,
    EntryStyles,
    age_label,
    estimate_height,
    render_body,
    render_header,
    styles_from,
    time_label,
)
from liveread.tui.feed_index import LineIndex
from liveread.tui.feed_store import FeedStore

__all__ = ["GUTTER", "Anchor", "FeedLines", "Order"]

Order = Literal["newest", "oldest"]
#: An entry id and the screen row its first line is on (negative: above the view).
Anchor = tuple[str, int]
#: Cells left of every line, for the cursor bar.
GUTTER = 2
#: The cursor bar, drawn in the gutter along the entry under the cursor.
CURSOR_BAR = "▌ "
#: Entries whose rendered lines are kept; heights outlive this (a re-render gives the same).
CACHE_ENTRIES = 2000
#: Width to estimate at before the widget has a size.
DEFAULT_WIDTH = 78

_HeightKey = tuple[int, int, tuple[str, ...]]  # (width, version, search terms)


def _tint(strip: Strip, base: Style, tint: Style) -> Strip:
    """Lay *tint* over the plain background of *strip* (badges and matches keep theirs)."""
    segments = [
        Segment(text, style + tint)
        if style is not None and style.bgcolor == base.bgcolor
        else Segment(text, style, control)
        for text, style, control in strip
    ]
    return Strip(segments, strip.cell_length)


class FeedLines(ScrollView, can_focus=True, inherit_bindings=False):
    """Entries drawn line by line, with anchored scrolling (the base of the feed widget).

    Args:
        entries: The entries to show at first (any order).
        clock: Returns "now" (an aware datetime), for the entries' ages.
        name: The widget's name.
        id: The widget's DOM id.
        classes: The widget's CSS classes.

    Attributes:
        render_counts: How many times each entry's body was rendered (a
            diagnostic: an arriving or edited entry re-renders only itself).

    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        *COMPONENT_CLASSES.values(),
        "feed--cursor",
        "feed--mark",
    }

    order: reactive[Order] = reactive[Order]("newest", init=False)
    """``"newest"`` first (the default) or ``"oldest"`` first."""

    def __init__(
        self,
        entries: Iterable[StoredEntry],
        *,
        clock: Callable[[], datetime],
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._clock = clock
        self._store = FeedStore()
        self._index = LineIndex()
        # Keyed on the watches' version too: they change the highlights, never a height.
        self._bodies: LRUCache[tuple[str, _HeightKey, int], list[Strip]] = LRUCache(CACHE_ENTRIES)
        self._heads: LRUCache[tuple[object, ...], Strip] = LRUCache(256)
        self._heights: dict[str, tuple[_HeightKey, int]] = {}
        self._estimates: dict[str, tuple[_HeightKey, int]] = {}
        self._styles: EntryStyles | None = None
        self._drawn_with: EntryStyles | None = None
        self._cursor_style = Style()
        self._mark_style = Style()
        self._cursor: str | None = None
        self._mark: str | None = None
        self._settling = False
        self._relayout_due = False
        self._laid_out_at = 0  # the width the index was built for (0: not yet)
        self.render_counts: Counter[str] = Counter()
        self._store.reset(entries)
        self._rebuild_index()

    # -- measuring and rendering entries ------------------------------------------

    @property
    def _body_width(self) -> int:
        width = self.scrollable_content_region.width
        return max(width - GUTTER, 8) if width else DEFAULT_WIDTH

    def _entry_styles(self) -> EntryStyles:
        """The styles from the CSS; rendered lines are dropped only when these change."""
        if self._styles is None:
            styles = styles_from(self)
            if styles != self._drawn_with:
                self._bodies.clear()
                self._heads.clear()
                self._drawn_with = styles
            self._styles = styles
            self._cursor_style = self.get_visual_style("feed--cursor").rich_style
            self._mark_style = Style(bgcolor=self.get_visual_style("feed--mark").rich_style.bgcolor)
        return self._styles

    def _height_key(self, entry_id: str, width: int | None = None) -> _HeightKey:
        """What an entry's rendering depends on: width, version and search terms."""
        width = self._body_width if width is None else width
        return (width, self._store.version(entry_id), self._store.terms)

    def _body(self, entry_id: str) -> list[Strip]:
        """The entry's rendered lines under its header (rendered now if not cached)."""
        key = self._height_key(entry_id)
        store = self._store
        cache_key = (entry_id, key, store.marks_version)
        strips = self._bodies.get(cache_key)
        if strips is None:
            marks = store.marks
            strips = render_body(
                store[entry_id],
                key[0],
                self._entry_styles(),
                self.app.console,
                terms=store.terms,
                watch_spans=marks.spans_for(entry_id) if marks is not None else None,
            )
            self.render_counts[entry_id] += 1
            self._bodies[cache_key] = strips
        self._heights[entry_id] = (key, 1 + len(strips))  # also on a hit: the search may differ
        return strips

    def _known_height(self, entry_id: str, width: int | None = None) -> tuple[int, bool]:
        """The entry's height and whether it is exact, without rendering it."""
        key = self._height_key(entry_id, width)
        known = self._heights.get(entry_id)
        if known is not None and known[0] == key:
            return known[1], True
        guess = self._estimates.get(entry_id)
        if guess is None or guess[0] != key:
            guess = (key, estimate_height(self._store[entry_id], key[0]))
            self._estimates[entry_id] = guess
        return guess[1], False

    def _measure_slot(self, position: int, *, render: bool) -> None:
        """Bring the height of the entry at *position* up to date (rendering it if asked)."""
        entry_id = self._index.id_at(position)
        if render:
            self._body(entry_id)
        height, exact = self._known_height(entry_id)
        self._index.set_height(position, height, exact=exact)

    def _rebuild_index(self) -> None:
        """Rebuild the index for the current order, search and width."""
        ids = self._store.display_ids(newest_first=self.order == "newest")
        self._laid_out_at = self.scrollable_content_region.width
        if not self._laid_out_at:
            # No size yet: placeholders (ids are what the API needs); the first paint
            # or resize estimates every entry once, at the real width.
            self._index.reset((entry_id, 1, False) for entry_id in ids)
            return
        width = self._body_width  # read once: it is not cheap, and this runs per entry
        self._index.reset((entry_id, *self._known_height(entry_id, width)) for entry_id in ids)
        self._update_virtual_size()

    def _insertion_point(self, entry_id: str) -> int:
        """Where *entry_id* belongs in the display order (by publication)."""
        return self._index.insertion_point(
            self._store.key(entry_id), self._store.key, descending=self.order == "newest"
        )

    # -- drawing -----------------------------------------------------------------

    def render_lines(self, crop: Region) -> list[Strip]:
        """Lay out at the real width first if the widget got its size since the last layout."""
        if self._laid_out_at != self.scrollable_content_region.width:
            self._relayout_width()  # the first paint can come before the first Resize event
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        """Draw line *y* of the view: an entry's header or body line, with its gutter."""
        styles = self._entry_styles()
        width = self.scrollable_content_region.width
        line = self.scroll_offset.y + y
        index = self._index
        if not index or line >= index.total:
            return Strip.blank(width, styles.base)
        position = index.index_at(line)
        entry_id = index.id_at(position)
        if not index.is_exact(position):  # painted before a layout pass: fix on the next one
            self._measure_slot(position, render=True)
            self._schedule_relayout()
        row = line - index.start(position)
        if row == 0:
            body = self._header(entry_id)
        else:
            strips = self._body(entry_id)
            body = strips[row - 1] if row - 1 < len(strips) else Strip.blank(width, styles.base)
        if entry_id == self._cursor:
            gutter = Segment(CURSOR_BAR, self._cursor_style)
        else:
            gutter = Segment(" " * GUTTER, styles.base)
        strip = Strip([gutter, *body], GUTTER + body.cell_length)
        if entry_id == self._mark and self._mark_style:
            strip = _tint(strip, styles.base, self._mark_style)
        return strip.adjust_cell_length(width, styles.base)

    def _header(self, entry_id: str) -> Strip:
        """The entry's header line, redrawn when its age label or marks change."""
        entry = self._store[entry_id]
        now = self._clock()
        new = entry_id in self._store.new_ids
        labels = (time_label(entry.published, now), age_label(entry.published, now))
        label = self._label(entry_id)
        key = (entry_id, self._body_width, self._store.version(entry_id), new, labels, label)
        strip = self._heads.get(key)
        if strip is None:
            styles = self._entry_styles()
            strip = render_header(
                entry, self._body_width, styles, self.app.console, now=now, new=new, label=label
            )
            self._heads[key] = strip
        return strip

    def _label(self, entry_id: str) -> tuple[str, Style] | None:
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
        self._styles = None

    # -- the view ----------------------------------------------------------------

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
        if not self._index:
            return range(0)
        top = self.scroll_offset.y
        first = self._index.index_at(top)
        last = self._index.index_at(top + max(self._view_height, 1) - 1)
        return range(first, last + 1)

    def _capture_anchor(self) -> Anchor | None:
        """The entry at the top of the view and the row its first line is on."""
        if not self._index:
            return None
        top = self.scroll_offset.y
        position = self._index.index_at(top)
        return (self._index.id_at(position), self._index.start(position) - top)

    def _anchor_line(self, anchor: Anchor) -> int:
        """The top line that puts the anchor back on its row."""
        position = self._index.position(anchor[0])
        if position is None:
            return self.scroll_offset.y
        # An anchor that shrank (an edit) keeps at least its last line at the top.
        inside = min(-anchor[1], self._index.height(position) - 1)
        return max(0, self._index.start(position) + inside)

    def _pick_anchor(self, first: int, top: int, bottom: int) -> Anchor:
        """The first entry in view already drawn (it must not move), else the top one."""
        index = self._index
        position = first
        while position < len(index) and index.start(position) < bottom:
            if index.is_exact(position):
                return (index.id_at(position), index.start(position) - top)
            position += 1
        return (index.id_at(first), index.start(first) - top)

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
                    anchor = self._pick_anchor(first, top, top + height)
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

    def _after_move(self) -> None:
        """Called after the view may have moved (the feed reports it; nothing here)."""

    # -- Textual hooks -----------------------------------------------------------

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        """Render what came into view before it is painted, then report the move."""
        super().watch_scroll_y(old_value, new_value)
        if not self._settling:
            self._layout_view()
            self._after_move()

    def watch_order(self, old: Order, new: Order) -> None:
        """Flip the order, keeping the entry at the top of the view at the top."""
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

    def _relayout_width(self) -> None:
        anchor = self._capture_anchor()
        self._rebuild_index()
        self._restore(anchor)
