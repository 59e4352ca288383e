"""The commands that open the TUI: ``liveread URL`` (``open URL``), bare ``liveread``, the demo.

The only CLI module that imports Textual (lazily, inside the functions, so
that even importing this module stays cheap). Everything a user can get
wrong is checked before the app starts, and said in one line on stderr
through :class:`~liveread.errors.LivereadError` (``liveread: …``): a URL that
cannot be followed (exit 2), ``--offline`` with a blog that is not cached
(exit 1). A blog given at start whose first page is not a live blog ends the
app with status 1 once the reader has seen why.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from liveread.errors import UnknownBlog
from liveread.follow import FollowSettings  # the follow engine loads when it starts
from liveread.sources import blog_key
from liveread.urls import user_url

if TYPE_CHECKING:
    from liveread.cache import Cache
    from liveread.tui.app import LivereadApp

__all__ = ["cmd_library", "cmd_open", "run_demo_tui"]


def _run(app: LivereadApp) -> int:
    """Run the app to its end; its exit status."""
    app.run()
    return int(app.return_code or 0)


def _keymap() -> dict[str, str]:
    """The user's key remapping from config.toml; a broken file is said and ignored."""
    from liveread.config import ConfigError, load_keymap

    try:
        return load_keymap()
    except ConfigError as exc:
        print(f"liveread: {exc}; using the default keys", file=sys.stderr)
        return {}


def _open_cache() -> Cache:
    from liveread.cli.headless import open_cache

    cache: Cache = open_cache()
    return cache


def cmd_open(args: argparse.Namespace) -> int:
    """``liveread URL`` / ``liveread open URL [--interval S] [--refresh S] [--offline] [--bell]``.

    Exit status: 0, or 1 when the blog could not be followed at all.
    """
    url = user_url(args.url)  # BadURL: one line, exit 2
    offline = bool(getattr(args, "offline", False))
    settings = FollowSettings.for_url(
        url, args.interval, args.refresh, max_interval=args.max_interval
    )
    cache = _open_cache()
    try:
        if offline and not cache.has(blog_key(url)):
            raise UnknownBlog.not_cached(blog_key(url))
        if settings.warning and not offline:
            print(f"liveread: {settings.warning}", file=sys.stderr, flush=True)
        if not offline:
            # Asked for in the TUI: listed ("not reached yet") until its first page is read.
            cache.want(blog_key(url))
        from liveread.tui.app import LivereadApp

        app = LivereadApp(
            url,
            cache=cache,
            follow=not offline,
            settings=settings,
            bell=bool(args.bell),
            keymap=_keymap(),
        )
        return _run(app)
    finally:
        cache.close()


def cmd_library(args: argparse.Namespace) -> int:
    """Bare ``liveread``: the library of cached blogs."""
    cache = _open_cache()
    try:
        from liveread.tui.app import LivereadApp

        app = LivereadApp(
            cache=cache,
            follow=not getattr(args, "offline", False),
            interval=getattr(args, "interval", None),
            refresh=getattr(args, "refresh", None),
            max_interval=getattr(args, "max_interval", None),
            bell=bool(getattr(args, "bell", False)),
            keymap=_keymap(),
        )
        return _run(app)
    finally:
        cache.close()


def run_demo_tui(url: str, *, settings: FollowSettings) -> int:
    """``liveread demo``: follow the demo blog in the TUI (``$LIVEREAD_HOME`` already set)."""
    cache = _open_cache()
    try:
        from liveread.tui.app import LivereadApp

        return _run(LivereadApp(url, cache=cache, settings=settings, keymap=_keymap()))
    finally:
        cache.close()
