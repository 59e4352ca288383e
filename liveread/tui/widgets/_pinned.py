"""The pinned strip: the blog's pinned post, a few lines above the feed, as on the site.

:class:`PinnedStrip` draws the pinned entry with the feed's renderer
(:mod:`liveread.tui.feed._render`) and the same component classes, folded to
a few lines with a hint; :meth:`PinnedStrip.toggle` (the app binds ``p`` to
it) shows it whole. A click asks the app to jump the feed to the entry. It
hides itself when there is no pinned post.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import ClassVar

from rich.text import Text
from textual import events
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget

from liveread.model import StoredEntry
from liveread.times import LOCAL, Zone, utc_now
from liveread.tui.feed import (
    COMPONENT_CLASSES,
    EntryStyles,
    line_strip,
    render_body,
    render_header,
    styles_from,
)

__all__ = ["FOLDED_LINES", "PinnedStrip"]

#: Lines shown while folded: the header, the first lines of the body, and the hint.
FOLDED_LINES = 4


class PinnedStrip(Widget):
    """The pinned entry, folded to a few lines until :meth:`toggle` unfolds it.

    Args:
        entry: The pinned entry, or None (the strip is then hidden).
        clock: Returns "now", for the entry's age.
        name: The widget's name.
        id: The widget's DOM id.
        classes: The widget's CSS classes.

    """

    COMPONENT_CLASSES: ClassVar[set[str]] = set(COMPONENT_CLASSES.values())

    expanded: reactive[bool] = reactive(False, layout=True)
    """True when the whole entry is shown."""

    @dataclass
    class Selected(Message):
        """The reader clicked the pinned post: the feed should jump to it.

        Attributes:
            strip: The pinned strip.
            entry_id: The pinned entry.

        """

        strip: PinnedStrip
        entry_id: str

        @property
        def control(self) -> PinnedStrip:
            """The strip that posted this."""
            return self.strip

    def __init__(
        self,
        entry: StoredEntry | None = None,
        *,
        clock: Callable[[], datetime] | None = None,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._clock = clock or utc_now
        self._zone = LOCAL
        self._entry = entry
        self._lines: tuple[tuple[int, EntryStyles], list[Strip]] | None = None
        self._styles: EntryStyles | None = None
        self.display = entry is not None

    @property
    def entry(self) -> StoredEntry | None:
        """The pinned entry shown, or None."""
        return self._entry

    def set_entry(self, entry: StoredEntry | None) -> None:
        """Show *entry* as the pinned post (None: there is none; the strip hides)."""
        self._entry = entry
        self._lines = None
        self.display = entry is not None
        self.refresh(layout=True)

    def set_zone(self, zone: Zone) -> None:
        """Show the time in *zone* from now on."""
        self._zone = zone
        self._lines = None
        self.refresh()

    def toggle(self) -> None:
        """Unfold the whole entry, or fold it back to a few lines."""
        self.expanded = not self.expanded

    def _entry_lines(self, width: int) -> list[Strip]:
        """Header and body at *width*, cached until the entry, width or styles change."""
        if self._entry is None or width <= 0:
            return []
        styles = self._entry_styles()
        if self._lines is None or self._lines[0] != (width, styles):
            console = self.app.console
            now = self._clock()
            lines = [render_header(self._entry, width, styles, console, now=now, zone=self._zone)]
            lines += render_body(self._entry, width, styles, console)
            self._lines = ((width, styles), lines)
        return self._lines[1]

    def _entry_styles(self) -> EntryStyles:
        if self._styles is None:
            self._styles = styles_from(self)
        return self._styles

    def _shown(self, width: int) -> list[Strip]:
        """What is drawn: everything when expanded, else the first lines and a hint."""
        lines = self._entry_lines(width)
        if self.expanded or len(lines) <= FOLDED_LINES:
            return lines
        styles = self._entry_styles()
        more = len(lines) - (FOLDED_LINES - 1)
        hint = Text(f"… {more} more lines (p shows the pinned post)", style=styles.age, end="")
        hint.truncate(width, overflow="ellipsis")
        strip = line_strip(hint, width, self.app.console, styles.base)
        return [*lines[: FOLDED_LINES - 1], strip]

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """As many lines as are shown (the CSS caps it)."""
        return len(self._shown(width))

    def render_line(self, y: int) -> Strip:
        """Draw line *y* of the strip."""
        width = self.content_region.width
        lines = self._shown(width)
        if y < len(lines):
            return lines[y]
        return Strip.blank(width, self.rich_style)

    def notify_style_update(self) -> None:
        """Redraw with the new styles."""
        super().notify_style_update()
        self._styles = None

    def on_click(self, event: events.Click) -> None:
        """A click asks for the pinned entry in the feed."""
        if self._entry is not None:
            self.post_message(self.Selected(self, self._entry.id))
