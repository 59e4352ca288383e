"""Where the TUI's CSS is: the first screen's, and that of the screens shown over it.

Textual parses every rule of the app's CSS before the first frame, so the app's
CSS (:data:`APP_CSS`) holds what a blog's first screen is made of: the tabs, a
blog's tab, the timeline and their widgets. The library's and the dialogs'
(:data:`SCREENS_CSS`) is each such screen's ``CSS_PATH``: read when the first
of them is shown, once (or at start, by an app that starts on the library).
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["APP_CSS", "SCREENS_CSS"]

#: The tabs, a blog's tab, the timeline, the widgets they share: read at start.
APP_CSS = Path(__file__).with_name("liveread.tcss")
#: The library, the dialogs, help, the diff, a photo: read when first shown.
SCREENS_CSS = Path(__file__).with_name("screens.tcss")
