"""What the feed draws of each entry, rendered once and kept: bodies, header lines, heights.

:class:`EntryLines` is a plain object the feed owns (no widget): given the
feed's :class:`~liveread.tui.feed._store.FeedStore`, it renders an entry's
body and header with :mod:`liveread.tui.feed._render` and keeps them, keyed on
what they depend on (the width, the entry's version, the search terms, the
watches), and it knows every entry's height: exact once rendered, a cheap
estimate before. The feed asks it for lines and heights; when the styles
change (a new theme), what was drawn with the old ones is dropped.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import datetime

from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from textual.cache import LRUCache
from textual.strip import Strip

from liveread.times import LOCAL, Zone
from liveread.tui.feed._render import (
    EntryStyles,
    age_label,
    estimate_height,
    render_body,
    render_header,
    time_label,
)
from liveread.tui.feed._store import FeedStore

__all__ = ["CACHE_ENTRIES", "CURSOR_BAR", "GUTTER", "EntryLines", "Label"]

#: Entries whose rendered lines are kept; heights outlive this (a re-render gives the same).
CACHE_ENTRIES = 2000
#: Cells left of every line, for the cursor bar.
GUTTER = 2
#: The cursor bar, drawn in the gutter along the entry under the cursor.
CURSOR_BAR = "▌ "
#: What stands first on an entry's header line (the timeline's blog name) and its style.
Label = tuple[str, Style]

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


class EntryLines:
    """Rendered entries of one feed, and their heights.

    Args:
        store: The feed's entries.
        console: Returns the Rich console to render with (the app's).

    Attributes:
        render_counts: How many times each entry's body was rendered (a
            diagnostic: an arriving or edited entry re-renders only itself).

    """

    def __init__(self, store: FeedStore, console: Callable[[], Console]) -> None:
        self._store = store
        self._console = console
        self._styles = EntryStyles()
        self._cursor = Style()
        self._mark = Style()
        self.zone: Zone = LOCAL
        # Keyed on the watches' version too: they change the highlights, never a height.
        self._bodies: LRUCache[tuple[str, _HeightKey, int], list[Strip]] = LRUCache(CACHE_ENTRIES)
        self._heads: LRUCache[tuple[object, ...], Strip] = LRUCache(256)
        self._heights: dict[str, tuple[_HeightKey, int]] = {}
        self._estimates: dict[str, tuple[_HeightKey, int]] = {}
        self.render_counts: Counter[str] = Counter()

    @property
    def styles(self) -> EntryStyles:
        """The styles the lines are drawn with."""
        return self._styles

    def set_styles(self, styles: EntryStyles, *, cursor: Style, mark: Style) -> None:
        """Draw with *styles* from now on; what was drawn with others is dropped.

        Args:
            styles: The parts of an entry.
            cursor: The cursor bar.
            mark: The tint of an entry marked after a jump (a background).

        """
        self._cursor = cursor
        self._mark = mark
        if styles != self._styles:
            self._bodies.clear()
            self._heads.clear()
            self._styles = styles

    def _key(self, entry_id: str, width: int) -> _HeightKey:
        """What an entry's rendering depends on: width, version and search terms."""
        return (width, self._store.version(entry_id), self._store.terms)

    def body(self, entry_id: str, width: int) -> list[Strip]:
        """The entry's lines under its header at *width* (rendered now if not kept)."""
        key = self._key(entry_id, width)
        store = self._store
        cache_key = (entry_id, key, store.marks_version)
        strips = self._bodies.get(cache_key)
        if strips is None:
            marks = store.marks
            strips = render_body(
                store[entry_id],
                width,
                self._styles,
                self._console(),
                terms=store.terms,
                watch_spans=marks.spans_for(entry_id) if marks is not None else None,
            )
            self.render_counts[entry_id] += 1
            self._bodies[cache_key] = strips
        self._heights[entry_id] = (key, 1 + len(strips))  # also on a hit: the search may differ
        return strips

    def height(self, entry_id: str, width: int) -> tuple[int, bool]:
        """The entry's height at *width* and whether it is exact, without rendering it."""
        key = self._key(entry_id, width)
        known = self._heights.get(entry_id)
        if known is not None and known[0] == key:
            return known[1], True
        guess = self._estimates.get(entry_id)
        if guess is None or guess[0] != key:
            guess = (key, estimate_height(self._store[entry_id], width))
            self._estimates[entry_id] = guess
        return guess[1], False

    def header(self, entry_id: str, width: int, now: datetime, label: Label | None) -> Strip:
        """The entry's header line, drawn again when its age, badges or label change."""
        entry = self._store[entry_id]
        new = entry_id in self._store.new_ids
        zone = self.zone
        labels = (time_label(entry.published, now, zone), age_label(entry.published, now))
        key = (entry_id, width, self._store.version(entry_id), new, labels, label, zone)
        strip = self._heads.get(key)
        if strip is None:
            strip = render_header(
                entry,
                width,
                self._styles,
                self._console(),
                now=now,
                new=new,
                label=label,
                zone=zone,
            )
            self._heads[key] = strip
        return strip

    def line(
        self,
        entry_id: str,
        row: int,
        width: int,
        *,
        now: datetime,
        label: Label | None,
        cursor: bool,
        mark: bool,
    ) -> Strip:
        """Line *row* of the entry (0: its header) at *width*, the gutter included.

        Args:
            entry_id: The entry.
            row: Which of its lines.
            width: The whole line's width; the entry is laid out :data:`GUTTER` cells narrower.
            now: For the header's age.
            label: What stands first on the header line (the timeline's blog name).
            cursor: The cursor is on this entry: the bar in the gutter.
            mark: The entry is marked after a jump: tinted.

        """
        base = self._styles.base
        body_width = max(width - GUTTER, 8)
        if row == 0:
            body = self.header(entry_id, body_width, now, label)
        else:
            strips = self.body(entry_id, body_width)
            body = strips[row - 1] if row - 1 < len(strips) else Strip.blank(width, base)
        gutter = Segment(CURSOR_BAR, self._cursor) if cursor else Segment(" " * GUTTER, base)
        strip = Strip([gutter, *body], GUTTER + body.cell_length)
        if mark and self._mark:
            strip = _tint(strip, base, self._mark)
        return strip.adjust_cell_length(width, base)
