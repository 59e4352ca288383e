"""The commands that open the TUI: ``liveread URL ...``, bare ``liveread``, the demo.

The only CLI module that imports Textual (lazily, inside the functions, so
that even importing this module stays cheap). Everything a user can get
wrong is checked before the app starts, and said in one line on stderr
through :class:`~liveread.errors.LivereadError` (``liveread: …``): a URL that
cannot be followed (exit 2), ``--offline`` with a blog that is not cached
(exit 1); with several URLs, the first such one is said. A blog given at
start whose first page is not a live blog ends the app with status 1 once the
reader has seen why.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from liveread.errors import UnknownBlog
from liveread.sources import blog_key
from liveread.tui import collection_paused
from liveread.urls import UserURL, user_url

if TYPE_CHECKING:
    from liveread.cache import Cache
    from liveread.follow import FollowSettings
    from liveread.tui.app import LivereadApp

__all__ = ["cmd_library", "cmd_open", "run_demo_tui"]


def _run(app: LivereadApp) -> int:
    """Run the app to its end; its exit status."""
    app.run()
    return int(app.return_code or 0)


def _settings(config_path: Path | None = None) -> dict[str, Any]:
    """What config.toml says the app needs: keys, watches, alerts; a broken file is said."""
    from liveread.config import ConfigError, Settings, load_settings

    try:
        settings = load_settings(config_path)
    except ConfigError as exc:
        print(f"liveread: {exc}; using the default settings", file=sys.stderr)
        settings = Settings()
    return {
        "keymap": settings.keys,
        "watches": settings.watches,
        "notify": settings.notify,
        "config_path": config_path,
    }


def _open_cache_and_app() -> tuple[Cache, type[LivereadApp]]:
    """Open the user's cache, its file checked in a thread while the app's modules load.

    The check reads the whole file (``PRAGMA quick_check``, milliseconds per
    megabyte) and the imports are Textual, the screens and their widgets: on two
    cores, one waits for neither. Whatever the check finds is said and done as
    at any opening.
    """
    from liveread.cli.headless import check_cache, open_cache

    checked = check_cache()
    from liveread.tui.app import LivereadApp

    cache: Cache = open_cache(checked)
    return cache, LivereadApp


def cmd_open(args: argparse.Namespace) -> int:
    """``liveread URL ...`` / ``liveread open URL ... [--interval S] [--refresh S] [--offline]``.

    Each URL opens in a tab of its own, the first one shown.
    Exit status: 0, or 1 when a blog could not be followed at all.
    """
    urls = list(dict.fromkeys(user_url(url) for url in args.urls))  # BadURL: one line, exit 2
    offline = bool(getattr(args, "offline", False))
    with collection_paused():
        return _open(args, urls, offline=offline)


def _open(args: argparse.Namespace, urls: list[UserURL], *, offline: bool) -> int:
    """The app on the blogs at *urls*, known good (none: the library first)."""
    cache, app_class = _open_cache_and_app()
    try:
        for url in urls:
            if offline:
                if not cache.has(blog_key(url)):
                    raise UnknownBlog.not_cached(blog_key(url))
                continue
            from liveread.follow import FollowSettings  # not for an offline reader

            settings = FollowSettings.for_url(
                url, args.interval, args.refresh, max_interval=args.max_interval
            )
            if settings.warning:
                print(f"liveread: {settings.warning}", file=sys.stderr, flush=True)
            # Asked for in the TUI: listed ("not reached yet") until its first page is read.
            cache.want(blog_key(url))
        app = app_class(
            urls=urls,
            cache=cache,
            follow=not offline,
            # Per URL (floors differ by host), as the app does when given none.
            interval=args.interval,
            refresh=args.refresh,
            max_interval=args.max_interval,
            bell=bool(args.bell),
            **_settings(),
        )
        return _run(app)
    finally:
        cache.close()


def cmd_library(args: argparse.Namespace) -> int:
    """Bare ``liveread``: the library of cached blogs (the bare command takes the TUI's options)."""
    with collection_paused():
        return _open(args, [], offline=bool(args.offline))


def run_demo_tui(url: str, *, settings: FollowSettings, home: Path) -> int:
    """``liveread demo``: follow the demo blog in the TUI, its state in the throwaway *home*.

    The cache and the config are *home*'s, given to the app as paths: nothing
    of the process's own environment changes.
    """
    from liveread.cache import Cache

    with collection_paused():
        cache = Cache(home / "cache.sqlite3")
        try:
            from liveread.tui.app import LivereadApp

            app = LivereadApp(
                url, cache=cache, settings=settings, **_settings(home / "config.toml")
            )
            return _run(app)
        finally:
            cache.close()
