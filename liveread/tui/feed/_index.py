"""The feed's line index: which entry holds which line, without rendering them all.

A 5,000-entry blog cannot be laid out in full every time it opens, so the
feed keeps, per entry in display order, a height that is either exact (the
entry was rendered at the current width) or estimated (see
:func:`liveread.tui.feed._render.estimate_height`), and the line each entry
starts on as a running sum. Rendering an entry swaps its estimate for the
truth; the sums after it are rebuilt lazily, from the first that changed.

Plain Python, no Textual: what it answers is arithmetic, tested as such.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable
from itertools import accumulate
from typing import Any

__all__ = ["LineIndex"]


class LineIndex:
    """Entry ids in display order, each with a height and the line it starts on."""

    def __init__(self) -> None:
        self._ids: list[str] = []
        self._heights: list[int] = []
        self._exact: list[bool] = []
        self._starts: list[int] = [0]  # one more than entries: the last is the total
        self._dirty_from: int | None = None
        self._positions: dict[str, int] | None = {}

    def reset(self, rows: Iterable[tuple[str, int, bool]]) -> None:
        """Replace everything with *rows* of (id, height, exact), in display order."""
        self._ids, self._heights, self._exact = [], [], []
        for entry_id, height, exact in rows:
            self._ids.append(entry_id)
            self._heights.append(max(1, height))
            self._exact.append(exact)
        self._positions = None
        self._starts = [0]
        self._dirty_from = 0

    def __len__(self) -> int:
        return len(self._ids)

    def __bool__(self) -> bool:
        return bool(self._ids)

    def __contains__(self, entry_id: object) -> bool:
        return entry_id in self._position_map()

    @property
    def ids(self) -> list[str]:
        """The ids in display order (do not modify)."""
        return self._ids

    def id_at(self, index: int) -> str:
        """The id of the entry at *index* in display order."""
        return self._ids[index]

    def is_exact(self, index: int) -> bool:
        """True when the entry at *index* has its rendered height, not an estimate."""
        return self._exact[index]

    def height(self, index: int) -> int:
        """The height of the entry at *index* in lines."""
        return self._heights[index]

    def position(self, entry_id: str) -> int | None:
        """The index of *entry_id* in display order, or None when it is not shown."""
        return self._position_map().get(entry_id)

    def _position_map(self) -> dict[str, int]:
        if self._positions is None:  # rebuilt only after an insert or reset
            self._positions = {entry_id: i for i, entry_id in enumerate(self._ids)}
        return self._positions

    def _sums(self) -> list[int]:
        """The start line of every entry, plus the total at the end, brought up to date."""
        if self._dirty_from is not None:
            begin = self._dirty_from
            head = self._starts[: begin + 1] if begin < len(self._starts) else [0]
            if len(head) < begin + 1:  # entries were inserted before the old end
                head, begin = [0], 0
            tail = accumulate(self._heights[begin:], initial=head[-1])
            self._starts = head[:-1] + list(tail)
            self._dirty_from = None
        return self._starts

    def _touch(self, index: int) -> None:
        self._dirty_from = index if self._dirty_from is None else min(self._dirty_from, index)

    @property
    def total(self) -> int:
        """How many lines all entries take."""
        return self._sums()[-1]

    def start(self, index: int) -> int:
        """The line the entry at *index* starts on."""
        return self._sums()[index]

    def end(self, index: int) -> int:
        """The line after the last line of the entry at *index*."""
        return self._sums()[index + 1]

    def index_at(self, line: int) -> int:
        """The index of the entry holding *line* (clamped to the first or last entry)."""
        if not self._ids:
            raise IndexError("the index is empty")
        index = bisect_right(self._sums(), line) - 1
        return min(max(index, 0), len(self._ids) - 1)

    def insertion_point(
        self, key: Any, key_of: Callable[[str], Any], *, descending: bool = False
    ) -> int:
        """Where an entry whose sort key is *key* belongs (the ids are sorted by *key_of*)."""
        low, high = 0, len(self._ids)
        while low < high:
            middle = (low + high) // 2
            other = key_of(self._ids[middle])
            if (other > key) if descending else (other < key):
                low = middle + 1
            else:
                high = middle
        return low

    def set_height(self, index: int, height: int, *, exact: bool = True) -> int:
        """Set the height of the entry at *index*; returns the change in lines."""
        height = max(1, height)
        delta = height - self._heights[index]
        self._exact[index] = exact
        if delta:
            self._heights[index] = height
            self._touch(index)
        return delta

    def insert(self, index: int, entry_id: str, height: int, *, exact: bool) -> None:
        """Insert *entry_id* at *index* in display order."""
        self._ids.insert(index, entry_id)
        self._heights.insert(index, max(1, height))
        self._exact.insert(index, exact)
        # The new entry starts where the one it displaces did; the rebuild fixes the rest.
        self._starts.insert(index, self._starts[index] if index < len(self._starts) else 0)
        self._positions = None
        self._touch(index)

    def remove(self, entry_id: str) -> None:
        """Take *entry_id* out of the display order (no-op when absent)."""
        index = self.position(entry_id)
        if index is None:
            return
        # The start of the entry that takes its place is the removed one's: drop the next.
        del self._ids[index], self._heights[index], self._exact[index]
        if index + 1 < len(self._starts):
            del self._starts[index + 1]
        self._positions = None
        self._touch(index)
