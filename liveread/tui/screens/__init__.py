"""The screens: the library, the tabs, and the dialogs over them.

- :class:`LibraryScreen` (``_library``): every cached blog (bare ``liveread``).
- :class:`TabsScreen` (``_tabs``): a tab per open blog, and the timeline.
- :class:`HelpScreen` (``_help``): every key, from the bindings themselves.
- :class:`DiffScreen` (``_diff``): an entry's revisions as a word diff.
- :class:`BlogSwitcher` (``_switcher``): ``b``, then the number of a blog.
- :class:`UrlScreen`, :class:`ConfirmScreen` (``_dialogs``): a URL to follow,
  a removal to confirm.
- :class:`WatchDialog`, :class:`WatchesScreen` (``_watches``): the watches.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from liveread._lazy import attach

if TYPE_CHECKING:
    from liveread.tui.screens._dialogs import ConfirmScreen, UrlScreen
    from liveread.tui.screens._diff import DiffBody, DiffScreen, word_diff
    from liveread.tui.screens._help import HelpScreen, KeyHelp, collect_keys, help_content
    from liveread.tui.screens._library import (
        EMPTY_HINT,
        WHOLE_HISTORY,
        LibraryScreen,
        checked_label,
        detail_line,
        library_row,
    )
    from liveread.tui.screens._switcher import BlogSwitcher
    from liveread.tui.screens._tabs import OPTION_DIGITS, TabsScreen
    from liveread.tui.screens._watches import (
        WatchDialog,
        WatchesScreen,
        split_watch_terms,
        watch_line,
    )

__all__ = [
    "EMPTY_HINT",
    "OPTION_DIGITS",
    "WHOLE_HISTORY",
    "BlogSwitcher",
    "ConfirmScreen",
    "DiffBody",
    "DiffScreen",
    "HelpScreen",
    "KeyHelp",
    "LibraryScreen",
    "TabsScreen",
    "UrlScreen",
    "WatchDialog",
    "WatchesScreen",
    "checked_label",
    "collect_keys",
    "detail_line",
    "help_content",
    "library_row",
    "split_watch_terms",
    "watch_line",
    "word_diff",
]

__getattr__ = attach(
    __name__,
    {
        "._dialogs": ("ConfirmScreen", "UrlScreen"),
        "._diff": ("DiffBody", "DiffScreen", "word_diff"),
        "._help": ("HelpScreen", "KeyHelp", "collect_keys", "help_content"),
        "._library": (
            "EMPTY_HINT",
            "WHOLE_HISTORY",
            "LibraryScreen",
            "checked_label",
            "detail_line",
            "library_row",
        ),
        "._switcher": ("BlogSwitcher",),
        "._tabs": ("OPTION_DIGITS", "TabsScreen"),
        "._watches": ("WatchDialog", "WatchesScreen", "split_watch_terms", "watch_line"),
    },
)
