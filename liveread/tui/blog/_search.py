"""``/`` on a blog's tab: the search bar and the feed it filters, kept in step.

:class:`FeedSearch` is a plain object the tab composes and owns, given the
search bar, the feed and the key-events pane (as :class:`LiveUpdates` is
given the widgets it updates). The tab hands it the bar's and the feed's
messages; it filters the feed, says the result in the bar, and puts the
focus back on the feed (not when the reader is in the pane).
"""

from __future__ import annotations

from liveread.tui.feed import FeedView
from liveread.tui.widgets import KeyEventsPane, SearchBar

__all__ = ["FeedSearch"]


class FeedSearch:
    """The search of one blog's feed.

    Args:
        bar: The search bar (under the feed).
        feed: The feed it filters.
        pane: The key-events pane (the focus stays there when it is there).

    """

    def __init__(self, bar: SearchBar, feed: FeedView, pane: KeyEventsPane) -> None:
        self.bar = bar
        self._feed = feed
        self._pane = pane

    @property
    def typing(self) -> bool:
        """True while the search's input has the focus (a "/" there is a character)."""
        return self.bar.typing

    @property
    def shown(self) -> bool:
        """True while the feed is filtered or the bar is open (Esc clears them first)."""
        return self._feed.filtered or bool(self.bar.display)

    def open(self) -> None:
        """Open the bar, its input focused before the next key is read."""
        self.bar.open()

    def submitted(self, terms: tuple[str, ...]) -> None:
        """Enter in the bar: filter by *terms* (none: clear the search)."""
        if not terms:
            self.clear()
            return
        count = self._feed.filter(terms)
        self.bar.show_result(terms, count, self._feed.watched_only)
        self._feed.focus()

    def cleared(self) -> None:
        """Esc in the bar: every entry again."""
        self._feed.clear_filter()
        self._feed.focus()

    def filter_changed(self, message: FeedView.FilterChanged) -> None:
        """The feed's filter changed (a search, "watched only"): the bar says so, or closes."""
        if message.terms or message.watched_only:  # "watched only" is said in the bar too
            typed = self.bar.terms if message.terms else ()  # as typed, not normalised
            self.bar.show_result(typed, message.count, message.watched_only)
        else:
            self.bar.close()

    def clear(self) -> None:
        """Show every entry again and close the bar."""
        self.bar.close()
        self._feed.clear_filter()
        if not self._pane.has_focus:
            self._feed.focus()
