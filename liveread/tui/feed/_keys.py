"""The feed's keys: what each is bound to, its id (for ``keymap``), and what the help says.

:data:`FEED_BINDINGS` is :class:`~liveread.tui.feed.FeedView`'s ``BINDINGS``:
the help, the footer, the command palette and a user's ``keymap`` all read
them from there; :func:`feed_keys_for_parent` gives a parent of the feed the
same keys (same ids and help) for when another widget has the focus.
"""

from __future__ import annotations

from dataclasses import replace

from textual.binding import Binding, BindingType

__all__ = ["FEED_BINDINGS", "feed_keys_for_parent"]

#: ] and [ share one place in the footer.
_KEY_EVENT_KEYS = Binding.Group("Key event", compact=True)

FEED_BINDINGS: list[BindingType] = [
    Binding("down,j", "cursor_down", "Next entry", show=False, id="feed.cursor_down",
            tooltip="Move to the next entry"),
    Binding("up,k", "cursor_up", "Previous entry", show=False, id="feed.cursor_up",
            tooltip="Move to the previous entry"),
    Binding("pagedown,space", "page_down", "Page down", show=False, id="feed.page_down",
            tooltip="Scroll down one screen"),
    Binding("pageup", "page_up", "Page up", show=False, id="feed.page_up",
            tooltip="Scroll up one screen"),
    Binding("home,g", "top", "Top", show=False, id="feed.top",
            tooltip="Go to the top of the feed"),
    Binding("end,G", "bottom", "Bottom", show=False, id="feed.bottom",
            tooltip="Go to the bottom of the feed"),
    Binding("right_square_bracket", "next_key_event", "Next key event", key_display="]",
            id="feed.next_key_event", group=_KEY_EVENT_KEYS,
            tooltip="Jump to the next key event below the top of the view"),
    Binding("left_square_bracket", "previous_key_event", "Prev key event", key_display="[",
            id="feed.previous_key_event", group=_KEY_EVENT_KEYS,
            tooltip="Jump to the previous key event above the top of the view"),
    Binding("s", "toggle_order", "Order", show=False, id="feed.toggle_order",
            tooltip="Newest first / oldest first"),
    Binding("n", "show_new", "Show new", id="feed.show_new",
            tooltip="Go to the newest entries and clear the new count"),
    Binding("enter", "select", "Entry to top", show=False, id="feed.select",
            tooltip="Bring the entry under the cursor to the top of the view"),
    # Not in the footer: the search bar says "Esc clears" while a search is on.
    Binding("escape", "clear_filter", "Clear search", show=False, id="feed.clear_filter",
            tooltip="Show every entry again"),
]  # fmt: skip


def feed_keys_for_parent(*ids: str) -> list[Binding]:
    """The feed's bindings *ids*, as a parent binds them for the feed: ``feed('action')``.

    Keys, id, description and tooltip are the feed's own (one keymap entry moves
    both); not shown in the footer, where the feed's own show.
    """
    by_id = {b.id: b for b in FEED_BINDINGS if isinstance(b, Binding)}
    return [replace(by_id[i], action=f"feed({by_id[i].action!r})", show=False) for i in ids]
