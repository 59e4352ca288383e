"""The blog that continues an ended one, in a blog's tab: what it says, and ``c`` opening it.

An ended blog that named its successor ("our coverage continues here") keeps
it in its :class:`~liveread.tui.blog.Liveness` (from the ``Ended`` event,
or the cache's follow state when the tab opens); the header's status line
says it, and ``c`` opens it in a new tab, followed (through the host). Only a blog
of the same site is opened (:func:`~liveread.urls.continues_on_site`): a
chain never leaves the site it started on.
"""

from __future__ import annotations

from textual.widget import Widget

from liveread.tui.host import host_of
from liveread.urls import continues_on_site

__all__ = ["ended_notice", "open_continuation"]


def ended_notice(continues: str | None) -> str:
    """The notice of a blog's end, naming the blog that continues it when there is one."""
    after = f" It continues at {continues}: c opens it." if continues else ""
    return f"The blog has ended; it stays in the library, no longer polled.{after}"


def open_continuation(view: Widget, blog: str, continues: str | None) -> None:
    """Open *continues*, the blog after *blog*, in a new tab (from the blog tab *view*)."""
    if not continues or not continues_on_site(continues, blog):
        view.notify("This blog names no live blog that continues it.", timeout=3)
    else:
        host_of(view).open_blog(continues, from_library=False, follow=True)
