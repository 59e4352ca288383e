"""A blog tab's own keys: what each is bound to, its id (for ``keymap``), and what the help says.

:data:`BLOG_BINDINGS` is :class:`~liveread.tui.blog.BlogTab`'s ``BINDINGS``
(the feed's and the reader's keys are theirs); the help, the footer, the
command palette and a user's ``keymap`` read them from there.
"""

from __future__ import annotations

from textual.binding import Binding, BindingType

__all__ = ["BLOG_BINDINGS"]

BLOG_BINDINGS: list[BindingType] = [
    # Priority: taken as the key arrives, so the input has the focus for the next one.
    Binding("slash", "search", "Search", key_display="/", id="blog.search", priority=True,
            tooltip="Show only the entries holding some words"),
    Binding("r", "poll_now", "Poll", id="blog.poll", tooltip="Ask the site now"),
    Binding("c", "open_continuation", "Next blog", show=False, id="blog.continues",
            tooltip="Open the blog that continues this ended one, in a new tab"),
    Binding("p", "toggle_pinned", "Pinned", show=False, id="blog.pinned",
            tooltip="Show the whole pinned post, or fold it"),
    Binding("e", "toggle_key_events", "Pane", id="blog.key_events",
            tooltip="Show or hide the key-events pane"),
    Binding("tab", "app.focus_next", "Other pane", show=False, id="blog.focus_next",
            tooltip="Move between the key-events pane and the feed"),
    Binding("shift+tab", "app.focus_previous", "Other pane", show=False,
            id="blog.focus_previous", tooltip="Move between the panes, backwards"),
    Binding("escape", "back", "Back", id="blog.back",
            tooltip="Back to the library (or clear the search first)"),
]  # fmt: skip
