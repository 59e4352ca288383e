"""The feed's view kept still: which lines are on screen, and the anchor that holds them.

An *anchor* is an entry and the screen row its first line is on. Before
anything in view is painted, :meth:`Viewport.settle` renders every entry the
view touches that was only estimated; if that changes heights above the
anchor, the scroll position is moved by as much, so what the reader sees does
not jump. The same anchor keeps the view still when entries are inserted
above it, edited, re-laid out at a new width, or the order is flipped.

:class:`Viewport` is a plain object the feed (:class:`~liveread.tui.feed.FeedView`)
owns: it reads and moves the feed's scroll position and asks the feed's
:class:`~liveread.tui.feed._layout.FeedLayout` where the entries stand. What
the feed does after a move (the cursor, the "N new" count, the report to the
app) stays the feed's: the viewport calls it back (*moved*) once the view
has settled after a move of its own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from textual.geometry import Size
from textual.scroll_view import ScrollView

from liveread.tui.feed._layout import Anchor, FeedLayout
from liveread.tui.feed._lines import GUTTER

__all__ = ["DEFAULT_WIDTH", "Viewport"]

#: Width to estimate at before the widget has a size.
DEFAULT_WIDTH = 78


class Viewport:
    """The feed's scroll position, kept still by an anchor as entries are measured.

    Args:
        view: The feed whose scroll position this reads and moves.
        layout: Where the feed's entries stand, in lines.
        styled: Called before an entry is rendered (the feed takes its styles
            from the CSS then).
        moved: Called once the view has settled after a move (the feed's cursor,
            count and report).

    """

    def __init__(
        self,
        view: ScrollView,
        layout: FeedLayout,
        styled: Callable[[], None],
        moved: Callable[[], None],
    ) -> None:
        self._view = view
        self._layout = layout
        self._styled = styled
        self._moved = moved
        #: True while the view is being moved on purpose (the scroll watcher keeps out).
        self.settling = False
        #: The width the layout was built for (0: not yet).
        self.laid_out_at = 0
        self._relayout_due = False

    # -- where the view is -------------------------------------------------------------

    @property
    def top(self) -> int:
        """The virtual line at the top of the view."""
        return self._view.scroll_offset.y

    @property
    def height(self) -> int:
        """How many lines the view shows."""
        return self._view.scrollable_content_region.height

    @property
    def body_width(self) -> int:
        """The width an entry's body is rendered at (the view's, less the gutter)."""
        width = self._view.scrollable_content_region.width
        return max(width - GUTTER, 8) if width else DEFAULT_WIDTH

    def visible(self) -> range:
        """The positions of the entries the view touches."""
        return self._layout.visible(self.top, self.height)

    def anchor(self) -> Anchor | None:
        """The entry at the top of the view and the row its first line is on."""
        return self._layout.anchor_at(self.top)

    def row_of(self, entry_id: str) -> int | None:
        """The screen row of the entry's first line (negative: above the view), or None."""
        index = self._layout.index
        position = index.position(entry_id)
        return None if position is None else index.start(position) - self.top

    def at_live_edge(self, *, newest_first: bool) -> bool:
        """True when the newest entries are in view (the top, or the bottom when oldest first)."""
        return self.top <= 0 if newest_first else self.top >= self._view.max_scroll_y

    def at_oldest_end(self, *, newest_first: bool) -> bool:
        """True when the view is at the far end from the news: the oldest entries."""
        bottom = self._view.max_scroll_y
        if newest_first:
            return bottom > 0 and self.top >= bottom
        return self.top <= 0 < bottom

    def reference(self, cursor: str | None, *, cursor_in_view: bool = False) -> int | None:
        """Where "next" and "previous" count from: the top entry, or the cursor when it is lower.

        The cursor counts when it is in view and either asked for (↑/↓) or the
        view is at the bottom, where a jump cannot bring an entry to the top.
        """
        at_bottom = self.top >= self._view.max_scroll_y
        return self._layout.reference(
            self.visible(), cursor, use_cursor=cursor_in_view or at_bottom
        )

    def step(self, cursor: str | None, step: int) -> str | None:
        """The entry *step* entries on from the reference (↓ +1, ↑ -1), or None when empty.

        Back from an entry whose start is above the view goes to its start first.
        """
        reference = self.reference(cursor, cursor_in_view=True)
        if reference is None:
            return None
        index = self._layout.index
        if step < 0 and index.start(reference) < self.top:
            return index.id_at(reference)
        return index.id_at(min(max(reference + step, 0), len(index) - 1))

    def next_key_event(self, cursor: str | None) -> str | None:
        """The next key event or summary below the reference, or None."""
        reference = self.reference(cursor)
        return None if reference is None else self._layout.next_key_event(reference)

    def previous_key_event(self, cursor: str | None) -> str | None:
        """The previous key event or summary above the top of the view, or None."""
        reference = self.reference(cursor)
        if reference is None:
            return None
        return self._layout.previous_key_event(reference, self.top)

    # -- laying out --------------------------------------------------------------------

    def measure(self, position: int, *, render: bool) -> None:
        """Bring the height of the entry at *position* up to date (rendering it if asked)."""
        if render:
            self._styled()
        self._layout.measure(position, self.body_width, render=render)

    def rebuild(self, ids: Iterable[str]) -> None:
        """Lay *ids* out anew, in this order, at the view's width (estimated until seen)."""
        self.laid_out_at = self._view.scrollable_content_region.width
        # The width is read once: it is not cheap, and the layout asks it per entry.
        self._layout.reset(ids, self.body_width if self.laid_out_at else None)
        if self.laid_out_at:
            self.update_virtual_size()

    def update_virtual_size(self) -> None:
        """Make the scrollable size the layout's (a line per line of every entry)."""
        view = self._view
        size = Size(view.scrollable_content_region.width, self._layout.index.total)
        if size != view.virtual_size:
            view.virtual_size = size

    # -- moving ------------------------------------------------------------------------

    def set_top(self, line: int) -> None:
        """Scroll (at once) so that virtual *line* is the top of the view.

        The caller lays the view out and reports the move itself (with its own
        anchor), so the scroll watcher is kept from doing it first with a guess.
        """
        view = self._view
        if not view.is_mounted:  # nothing to scroll yet: the first layout starts at the top
            return
        settling, self.settling = self.settling, True
        try:
            # force: right after the feed grew (a search cleared, entries loaded) the
            # scrollbar is not there yet, and Textual would refuse to scroll without it.
            view.scroll_to(y=max(0, line), animate=False, immediate=True, force=True)
        finally:
            self.settling = settling

    def settle(self, anchor: Anchor | None = None, *, pin_end: bool = False) -> None:
        """Render every estimated entry in view, keeping *anchor* (or the bottom) still.

        Args:
            anchor: What must not move; by default the first entry in view
                that was already drawn (what the reader is looking at).
            pin_end: Keep the view at the bottom instead (End).

        """
        self.update_virtual_size()
        index = self._layout.index
        height = self.height
        if self.settling or not index or height <= 0:
            return
        self.settling = True
        try:
            for _ in range(32):  # two or three passes settle it; the bound is a guard
                top = self.top
                first = index.index_at(top)
                if anchor is None:
                    anchor = self._layout.pick_anchor(first, top, top + height)
                rendered = False
                position = first
                while position < len(index) and index.start(position) < top + height:
                    if not index.is_exact(position):
                        self.measure(position, render=True)
                        rendered = True
                    position += 1
                self.update_virtual_size()
                if pin_end:
                    target = self._view.max_scroll_y
                else:
                    target = self._layout.anchor_line(anchor, self.top)
                if target != top:
                    self.set_top(target)
                    if self.top != top:
                        continue
                if not rendered:
                    break
        finally:
            self.settling = False
        self._view.refresh()

    def scrolled(self) -> None:
        """The reader scrolled: render what came into view before it is painted."""
        if not self.settling:
            self.settle()
            self._moved()

    def estimated_in_view(self) -> None:
        """An entry was painted from its estimate: lay the view out again after this frame."""
        if not self._relayout_due:
            self._relayout_due = True
            self._view.call_after_refresh(self._relayout)

    def _relayout(self) -> None:
        self._relayout_due = False
        self.settle()
        self._moved()

    def restore(self, anchor: Anchor | None) -> None:
        """Put *anchor* back where it was (or go to the top when it is gone)."""
        if anchor is None or anchor[0] not in self._layout.index:
            self.set_top(0)
            self.settle()
        else:
            self.set_top(self._layout.anchor_line(anchor, self.top))
            self.settle(anchor)
        self._moved()

    def go_live_edge(self, *, newest_first: bool) -> None:
        """Show the newest entries."""
        index = self._layout.index
        if newest_first:
            self.set_top(0)
            self.settle((index.id_at(0), 0) if index else None)
        else:
            self.set_top(self._view.max_scroll_y)
            self.settle(pin_end=True)
        self._moved()

    def show_at_top(self, entry_id: str) -> bool:
        """Put the entry's first line at the top of the view (or as high as it goes).

        Returns:
            False when the layout does not hold the entry.

        """
        index = self._layout.index
        position = index.position(entry_id)
        if position is None:
            return False
        self.set_top(index.start(position))
        self.settle((entry_id, 0))
        return True

    def go_bottom(self) -> None:
        """Show the last lines of the feed."""
        self.set_top(self._view.max_scroll_y)
        self.settle(pin_end=True)
        self._moved()
