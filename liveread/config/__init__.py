"""The user's settings file: ``config.toml`` in liveread's state directory, read and changed.

The one reader and writer of the file. Sections::

    follow = ["https://…", …]        # what `liveread follow` with no URL follows

    [keys]                           # the TUI's keys, by binding id
    "blog.poll" = "f5"

    [[watch]]                        # words or phrases to watch for
    name = "ferry"
    terms = ["ferry", "Tollbridge"]
    case_sensitive = false
    blogs = []

    [notify]                         # how alerts are given
    key_events = true
    command = ["notify-send", "{blog}", "{title}: {text}"]

:func:`load_settings` reads them all (:class:`Settings`); a missing file is
the defaults, a broken one raises :class:`ConfigError` (one line), and the
caller uses ``Settings()``. :func:`add_follow`, :func:`add_watch` and
:func:`remove_watch` change the file, keeping the rest of it as written.

Inside: ``_read`` (parsing and validation, with the standard library's
``tomllib``), ``_edit`` (the edits, with tomlkit, which keeps the file's
comments and layout).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from liveread._lazy import facade

if TYPE_CHECKING:
    from liveread.alerts import NotifySettings as NotifySettings
    from liveread.alerts import Watch as Watch
    from liveread.config._edit import add_follow as add_follow
    from liveread.config._edit import add_watch as add_watch
    from liveread.config._edit import remove_watch as remove_watch
    from liveread.config._read import ConfigError as ConfigError
    from liveread.config._read import Settings as Settings
    from liveread.config._read import follow_key as follow_key
    from liveread.config._read import load_settings as load_settings

__getattr__, __all__ = facade(
    __name__,
    {
        "._edit": ("add_follow", "add_watch", "remove_watch"),
        "._read": ("ConfigError", "Settings", "follow_key", "load_settings"),
        "liveread.alerts": ("NotifySettings", "Watch"),
    },
)
