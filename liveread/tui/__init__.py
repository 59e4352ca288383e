"""The terminal UI: the only part of liveread that imports Textual, laid out by component.

- :func:`collection_paused` (``_startup``): the garbage collector paused while a
  command starts the app, until its first frame.
- :mod:`liveread.tui.app`: :class:`~liveread.tui.app.LivereadApp`, the one
  :class:`~liveread.tui.host.Host` (what the screens and widgets may ask of
  the app: :mod:`liveread.tui.host`); :mod:`liveread.tui.terminal` is what it
  writes to its terminal besides frames (alerts, the clipboard).
- :mod:`liveread.tui.screens`: the library, the tabs, help, the diff, dialogs.
- :mod:`liveread.tui.blog`: one blog's tab (header, following, live updates).
- :mod:`liveread.tui.timeline`: every open blog's entries in one tab.
- :mod:`liveread.tui.reader`: the reader, key events beside a feed, and its keys.
- :mod:`liveread.tui.feed`: the feed, one Line API view of a blog's entries.
- :mod:`liveread.tui.photo`: an entry's photo on demand (the optional images
  extra; the download is the core's :mod:`liveread.photos`).
- :mod:`liveread.tui.widgets`: the small widgets they share.

Their CSS is beside this file: ``liveread.tcss`` (the app's, read at start) and
``screens.tcss`` (the library's and the dialogs', read when first shown): see
:mod:`liveread.tui._css`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from liveread._lazy import attach

if TYPE_CHECKING:
    from liveread.tui._startup import collection_paused, resume_collection
    from liveread.tui.app import LivereadApp

__all__ = ["LivereadApp", "collection_paused", "resume_collection"]

__getattr__ = attach(
    __name__,
    {".app": ("LivereadApp",), "._startup": ("collection_paused", "resume_collection")},
)
