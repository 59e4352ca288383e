"""Where every entry of the feed stands, in lines, and how the view is anchored to them.

:class:`FeedLayout` is a plain object the feed owns (no widget, no Textual
scrolling): the entries shown in display order with their heights (a
:class:`~liveread.tui.feed._index.LineIndex`, exact heights from
:class:`~liveread.tui.feed._lines.EntryLines`, estimates before), and the
arithmetic the feed moves by: which entries a view from line *top* touches,
the *anchor* that keeps what the reader sees still (an entry and the screen
row its first line is on), where "next" and "previous" count from, and the
key events around a place. The feed scrolls; this says where to.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from liveread.model import StoredEntry
from liveread.tui.feed._index import LineIndex
from liveread.tui.feed._lines import EntryLines
from liveread.tui.feed._store import FeedStore

__all__ = ["Anchor", "FeedLayout"]

#: An entry id and the screen row its first line is on (negative: above the view).
Anchor = tuple[str, int]


class FeedLayout:
    """The entries shown, in display order, each with its height and first line.

    Args:
        store: The feed's entries.
        lines: What is rendered of them (exact heights).

    Attributes:
        index: The line index (ids in display order, heights, first lines).

    """

    def __init__(self, store: FeedStore, lines: EntryLines) -> None:
        self._store = store
        self._lines = lines
        self.index = LineIndex()

    def reset(self, ids: Iterable[str], width: int | None) -> None:
        """Lay out *ids* in this order at *width* (None: no size yet, one line each)."""
        if width is None:
            # Placeholders (ids are what the API needs); the first paint or resize
            # estimates every entry once, at the real width.
            self.index.reset((entry_id, 1, False) for entry_id in ids)
            return
        height = self._lines.height
        self.index.reset((entry_id, *height(entry_id, width)) for entry_id in ids)

    def measure(self, position: int, width: int, *, render: bool) -> None:
        """Bring the height of the entry at *position* up to date (rendering it if asked)."""
        entry_id = self.index.id_at(position)
        if render:
            self._lines.body(entry_id, width)
        height, exact = self._lines.height(entry_id, width)
        self.index.set_height(position, height, exact=exact)

    def take(
        self,
        entries: Iterable[StoredEntry],
        *,
        new: bool,
        newest_first: bool,
        measure: Callable[[int, bool], None],
    ) -> int:
        """Put arriving or changed entries in the store and in place; returns how many are new.

        Args:
            entries: New or changed entries (one already held is replaced in place).
            new: They arrived while following: marked NEW, and counted.
            newest_first: The display order.
            measure: Brings the height at a position up to date, rendering the
                entry when told (True).

        Only these are measured: rendered now what was drawn before or just
        arrived; anything else (a backfill of older pages, say) is estimated,
        and rendered when it comes into view. An entry a search hides is held,
        not shown.
        """
        store, index = self._store, self.index
        arrived = 0
        for entry in entries:
            old = store.get(entry.id)
            added = store.put(entry)
            if added and new:
                store.new_ids.add(entry.id)
            if old is not None and old.published != entry.published:
                index.remove(entry.id)  # re-dated: it moves
            position = index.position(entry.id)
            render = (added and new) or (position is not None and index.is_exact(position))
            if position is None:
                if not store.matches(entry.id):
                    continue  # held, but hidden by the search
                position = self.insertion_point(entry.id, newest_first=newest_first)
                index.insert(position, entry.id, 1, exact=False)
                arrived += added and new
            measure(position, render)
        return arrived

    def insertion_point(self, entry_id: str, *, newest_first: bool) -> int:
        """Where *entry_id* belongs in the display order (by publication)."""
        store = self._store
        return self.index.insertion_point(store.key(entry_id), store.key, descending=newest_first)

    def edge(self, *, newest_first: bool) -> str | None:
        """The entry at the live edge: the newest, wherever the order puts it."""
        if not self.index:
            return None
        return self.index.id_at(0 if newest_first else -1)

    # -- the view over it -----------------------------------------------------------

    def visible(self, top: int, height: int) -> range:
        """The positions of the entries a view of *height* lines from line *top* touches."""
        if not self.index:
            return range(0)
        first = self.index.index_at(top)
        last = self.index.index_at(top + max(height, 1) - 1)
        return range(first, last + 1)

    def anchor_at(self, top: int) -> Anchor | None:
        """The entry holding line *top* and the row its first line is on (None: empty)."""
        if not self.index:
            return None
        position = self.index.index_at(top)
        return (self.index.id_at(position), self.index.start(position) - top)

    def anchor_line(self, anchor: Anchor, top: int) -> int:
        """The top line that puts *anchor* back on its row (*top* when it is gone)."""
        position = self.index.position(anchor[0])
        if position is None:
            return top
        # An anchor that shrank (an edit) keeps at least its last line at the top.
        inside = min(-anchor[1], self.index.height(position) - 1)
        return max(0, self.index.start(position) + inside)

    def pick_anchor(self, first: int, top: int, bottom: int) -> Anchor:
        """The first entry in view already drawn (it must not move), else the top one."""
        index = self.index
        position = first
        while position < len(index) and index.start(position) < bottom:
            if index.is_exact(position):
                return (index.id_at(position), index.start(position) - top)
            position += 1
        return (index.id_at(first), index.start(first) - top)

    def reference(self, visible: range, cursor: str | None, *, use_cursor: bool) -> int | None:
        """Where "next" and "previous" count from: the top entry, or the cursor (*use_cursor*).

        The cursor counts only when it is in view.
        """
        if not self.index:
            return None
        position = self.index.position(cursor) if cursor else None
        if position is None or position not in visible:
            return visible.start
        return max(visible.start, position) if use_cursor else visible.start

    # -- key events ---------------------------------------------------------------------

    def _is_key(self, position: int) -> bool:
        return self._store[self.index.id_at(position)].is_key

    def key_event_in(self, positions: range) -> str | None:
        """The first key event or summary among *positions*, else the latest one before them."""
        index = self.index
        found = next((index.id_at(p) for p in positions if self._is_key(p)), None)
        return found or self._store.key_event_before(index.id_at(positions.start))

    def next_key_event(self, reference: int) -> str | None:
        """The first key event or summary after *reference*, or None."""
        found = next((p for p in range(reference + 1, len(self.index)) if self._is_key(p)), None)
        return None if found is None else self.index.id_at(found)

    def previous_key_event(self, reference: int, top: int) -> str | None:
        """The key event before *reference* (itself, when its first line is above *top*)."""
        if self._is_key(reference) and self.index.start(reference) < top:
            return self.index.id_at(reference)  # its first line is above the view: back to it
        found = next((p for p in range(reference - 1, -1, -1) if self._is_key(p)), None)
        return None if found is None else self.index.id_at(found)
