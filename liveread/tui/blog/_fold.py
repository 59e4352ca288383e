"""When the key-events pane stands beside the feed, and when it folds away.

From :data:`WIDE` columns up the pane stands beside the feed; below, it
folds away and the feed takes the width. The reader may show or hide it
(``e``); that choice holds until the width crosses :data:`WIDE`, where the
rule for the new width takes over again (a pane opened on a narrow terminal
must not stay open over the feed once the terminal is wide, nor one closed
on a wide terminal stay closed after a shrink and a growth). Pure: the blog
view asks it and shows the answer.
"""

from __future__ import annotations

__all__ = ["WIDE", "PaneFold"]

#: From this many columns up the key-events pane stands beside the feed.
WIDE = 100


class PaneFold:
    """The key-events pane's fold: the width's rule, unless the reader chose."""

    def __init__(self) -> None:
        self._choice: bool | None = None  # None: by width
        self._wide: bool | None = None

    @property
    def wide(self) -> bool:
        """True when the last width given was at least :data:`WIDE`."""
        return bool(self._wide)

    def visible(self, width: int) -> bool:
        """Whether the pane shows at *width* columns (a crossing forgets the choice)."""
        wide = width >= WIDE
        if wide != self._wide:
            self._wide = wide
            self._choice = None
        return self._choice if self._choice is not None else wide

    def choose(self, visible: bool) -> None:
        """The reader shows (True) or hides (False) the pane, until the next crossing."""
        self._choice = visible
