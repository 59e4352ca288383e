"""What the reader does with the entry under the cursor: open its link, quote it, see its edits.

Shared by a blog's tab and the timeline, which each bind ``o``, ``y`` and
``d`` (the same binding ids: one keymap entry moves both) to these. Each
says in a notice when there is nothing to act on; a link is opened only when
it is a plain web address (:func:`~liveread.urls.is_safe_link`), and the
quote is built from the entry as plain text.
"""

from __future__ import annotations

from textual.widget import Widget

from liveread.model import StoredEntry
from liveread.tui.reader._quote import entry_quote
from liveread.tui.screens import DiffScreen
from liveread.urls import is_safe_link

__all__ = ["copy_quote", "open_link", "show_revisions"]

_NONE = "No entry is selected."


def open_link(node: Widget, entry: StoredEntry | None) -> None:
    """Open *entry*'s permalink in the browser, if it is a safe web address."""
    if entry is None:
        node.notify(_NONE, timeout=2)
    elif not is_safe_link(entry.url):
        node.notify(
            "This entry's link is not a plain http(s) address; it was not opened.",
            severity="warning",
        )
    else:
        node.app.open_url(entry.url)
        node.notify(f"Opening {entry.url}", markup=False)


def copy_quote(node: Widget, entry: StoredEntry | None, blog_title: str) -> None:
    """Copy a quote of *entry* (of the blog titled *blog_title*) to the clipboard."""
    if entry is None:
        node.notify(_NONE, timeout=2)
    else:
        node.app.copy_to_clipboard(entry_quote(entry, blog_title))
        node.notify("Copied a quote of the entry to the clipboard.")


def show_revisions(node: Widget, entry: StoredEntry | None) -> None:
    """Show *entry*'s revisions as a word diff."""
    if entry is None:
        node.notify(_NONE, timeout=2)
    else:
        node.app.push_screen(DiffScreen(entry))
