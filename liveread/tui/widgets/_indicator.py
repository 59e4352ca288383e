"""The "N new" indicator: what arrived while the reader was scrolled away from the top.

:class:`NewIndicator` is laid over the feed's top border row, right-aligned
(``position: absolute`` in the CSS, placed by :meth:`NewIndicator.place_over`),
so that showing or hiding it moves nothing on screen: the reader's place stays
exactly where it was, as the feed itself promises. ``n`` or a click shows the
new entries (:class:`NewIndicator.Pressed`). The count is the blog tab's
(bound into :attr:`NewIndicator.count`); the indicator keeps none of its own.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import events
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Static

__all__ = ["NewIndicator"]


class NewIndicator(Static):
    """The "▲ 3 new entries · n shows them" line: arrivals while the reader was away.

    Attributes:
        count: How many arrived unseen (0 hides the indicator); bound to the blog
            screen's count.

    """

    count: reactive[int] = reactive(0, repaint=False)

    @dataclass
    class Pressed(Message):
        """The indicator was clicked: show the new entries."""

    def watch_count(self, count: int) -> None:
        """Show the count (0 hides the indicator)."""
        self.display = count > 0
        noun = "entry" if count == 1 else "entries"
        self.update(f"▲ {count} new {noun} · n shows them")

    def place_over(self, feed: Widget, container: Widget) -> None:
        """Right-align the indicator on *feed*'s top border row (no text is hidden there).

        Being out of the layout, it is placed from *container*'s top-left corner
        (the feed's parent), below whatever stands above the feed (the pinned
        strip, whose height changes).
        """
        if not self.display:
            return
        width = len(str(self.content)) + 2  # its padding
        x = max(0, feed.region.right - container.region.x - width - 2)
        self.styles.offset = (x, max(0, feed.region.y - container.region.y))

    def on_click(self, event: events.Click) -> None:
        """A click shows them."""
        event.stop()
        self.post_message(self.Pressed())
