"""What the feed tells the app: small typed messages, one per kind of event.

They are defined here and exposed on the widget (``FeedView.TopEntryChanged``
and so on), in the ``feed_view`` namespace, so a handler is named
``on_feed_view_top_entry_changed`` whichever way the class is reached. Floods
collapse: a queued position or count is replaced by a newer one
(``can_replace``), as Toolong does with its status messages.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from liveread.tui.feed._view import FeedView

__all__ = ["EntrySelected", "FilterChanged", "NewPending", "TopEntryChanged"]


@dataclass
class TopEntryChanged(Message, namespace="feed_view"):
    """The entry at the top of the view changed.

    Attributes:
        feed: The feed.
        entry_id: The entry now at the top, or None when the feed is empty.
        key_event_id: The key event the reader is at: the first key event or
            summary in view, else the latest one published before the top
            entry; None when there is none. The app highlights it in the
            key-events pane.

    """

    feed: FeedView
    entry_id: str | None
    key_event_id: str | None

    @property
    def control(self) -> FeedView:
        """The feed that posted this."""
        return self.feed

    def can_replace(self, message: Message) -> bool:
        """A newer position supersedes an older one still queued."""
        return isinstance(message, TopEntryChanged) and message.feed is self.feed


@dataclass
class NewPending(Message, namespace="feed_view"):
    """How many new entries arrived out of view (0: none; the indicator goes).

    Attributes:
        feed: The feed.
        count: New entries not yet shown because the reader scrolled away.

    """

    feed: FeedView
    count: int

    @property
    def control(self) -> FeedView:
        """The feed that posted this."""
        return self.feed

    def can_replace(self, message: Message) -> bool:
        """A newer count supersedes an older one still queued."""
        return isinstance(message, NewPending) and message.feed is self.feed


@dataclass
class EntrySelected(Message, namespace="feed_view"):
    """The reader chose an entry (Enter, or a click).

    Attributes:
        feed: The feed.
        entry_id: The chosen entry.

    """

    feed: FeedView
    entry_id: str

    @property
    def control(self) -> FeedView:
        """The feed that posted this."""
        return self.feed


@dataclass
class FilterChanged(Message, namespace="feed_view"):
    """The feed was filtered (a search, "watched only"), or shows every entry again.

    Attributes:
        feed: The feed.
        terms: The search terms now applied (empty: no search).
        count: How many entries are shown.
        watched_only: Only the entries a watch matches are shown.

    """

    feed: FeedView
    terms: tuple[str, ...]
    count: int
    watched_only: bool = False

    @property
    def control(self) -> FeedView:
        """The feed that posted this."""
        return self.feed
