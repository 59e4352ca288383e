"""The headless commands that need no network: parse, export, list, search.

None of them imports Textual; each prints to stdout and reports problems as
one line on stderr through :class:`~liveread.errors.LivereadError`.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from liveread import paths
from liveread.errors import LivereadError, UnknownBlog
from liveread.model import LiveState, history_note
from liveread.times import format_time, local_time

if TYPE_CHECKING:
    from liveread.cache import CacheCheck
    from liveread.config import Settings

__all__ = [
    "cached_url",
    "cmd_export",
    "cmd_list",
    "cmd_parse",
    "cmd_search",
    "load_user_settings",
    "open_cache",
]

_MAX_INPUT = 64 * 1024 * 1024  # a saved page is a few MB; refuse anything absurd


def _read_input(name: str) -> bytes:
    """Read a file (or stdin for ``-``) as bytes, with a one-line error on failure."""
    try:
        if name == "-":
            data = sys.stdin.buffer.read(_MAX_INPUT + 1)
        else:
            path = Path(name)
            if path.is_dir():
                raise LivereadError(f"{name} is a directory, not a saved page")
            with path.open("rb") as handle:
                data = handle.read(_MAX_INPUT + 1)
    except FileNotFoundError:
        raise LivereadError(f"no such file: {name}") from None
    except PermissionError:
        raise LivereadError(f"cannot read {name}: permission denied") from None
    except OSError as exc:
        raise LivereadError(f"cannot read {name}: {exc.strerror or exc}") from None
    if len(data) > _MAX_INPUT:
        raise LivereadError(f"{name} is larger than {_MAX_INPUT // (1024 * 1024)} MiB; not a page")
    return data


def _dump_json(data: Any) -> None:
    """Print JSON (UTF-8, readable) to stdout."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
    sys.stdout.write("\n")


def cmd_parse(args: argparse.Namespace) -> int:
    """``liveread parse FILE [--url URL] [--json]``: parse a saved page offline."""
    from liveread.sources import parse
    from liveread.urls import user_url

    content = _read_input(args.file)
    if args.url:
        url: str = user_url(args.url)  # (or a file's own URI: not a URL a user gave)
    elif args.file == "-":
        url = "file:///dev/stdin"
    else:
        url = Path(args.file).resolve().as_uri()
    blog = parse(content, url)
    if args.json:
        _dump_json(blog.to_dict())
    else:
        from liveread.cli.textout import blog_text  # only for this rendering

        sys.stdout.write(blog_text(blog))
    return 0


def open_cache(checked: CacheCheck | None = None) -> Any:
    """Open the user's cache, printing one line if a corrupt file was moved aside.

    *checked*: the check of the user's cache file started earlier (see
    :func:`check_cache`); None checks it now.
    """
    import warnings

    from liveread.cache import Cache

    with warnings.catch_warnings():
        # The cache warns library users when it moves a damaged file aside; the
        # command line says so itself, in one line.
        warnings.simplefilter("ignore", RuntimeWarning)
        cache = Cache(checked=checked)
    moved = getattr(cache, "recovered_from", None)
    if moved:
        print(
            f"liveread: the cache was damaged; it was moved to {moved} and a new one started",
            file=sys.stderr,
        )
    return cache


def check_cache() -> CacheCheck:
    """Start checking the user's cache file in a thread (for :func:`open_cache`)."""
    from liveread.cache import CacheCheck

    return CacheCheck(paths.cache_path())


def load_user_settings() -> Settings:
    """The user's ``config.toml``; a broken file is said in one line and the defaults used."""
    from liveread.config import ConfigError, load_settings
    from liveread.config import Settings as Defaults

    try:
        return load_settings()
    except ConfigError as exc:
        print(f"liveread: {exc}; using the default settings", file=sys.stderr, flush=True)
        return Defaults()


def cached_url(cache: Any, url: str) -> str:
    """Resolve what the user typed to a cached blog's URL, or raise UnknownBlog."""
    from liveread.sources import blog_key
    from liveread.urls import user_url

    wanted = blog_key(user_url(url))
    if cache.has(wanted):
        return wanted
    pending = cache.summary(wanted)
    if pending is not None and pending.not_reached:
        raise UnknownBlog(f"{wanted} has no entries yet: {pending.not_reached}")
    raise UnknownBlog.not_cached(wanted)


def cmd_export(args: argparse.Namespace) -> int:
    """``liveread export URL [--format json|markdown|atom|jsonfeed]``: the blog, newest first."""
    with open_cache() as cache:
        blog = cache.load(cached_url(cache, args.url))
    if args.format in ("atom", "jsonfeed"):
        from liveread.feeds import export_feed  # only for this rendering

        sys.stdout.write(export_feed(blog, args.format))
    elif args.format == "markdown":
        from liveread.cli.textout import blog_markdown  # only for this rendering

        sys.stdout.write(blog_markdown(blog))
    else:
        _dump_json(blog.to_dict())
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    """``liveread list``: cached blogs, newest activity first."""
    with open_cache() as cache:
        rows = cache.blogs()
    if args.json:
        for row in rows:
            print(
                json.dumps(
                    {
                        "url": row.url,
                        "title": row.title,
                        "site_name": row.site_name,
                        "source": row.source,
                        "live": row.live,
                        "entries": row.entries,
                        "key_events": row.key_events,
                        "last_update": row.last_update.isoformat() if row.last_update else None,
                        "reached": row.reached,
                        "last_error": row.last_error,
                        "window": row.window,
                        "history_from": format_time(row.history_from),
                        "following_since": format_time(row.following_since),
                    },
                    ensure_ascii=False,
                )
            )
        return 0
    if not rows:
        print("No blogs cached yet. Try `liveread demo`, or `liveread follow URL`.")
        return 0
    header = f"{'ENTRIES':>7} {'KEY':>4}  {'UPDATED':<16}  {'STATE':<5}  TITLE / URL"
    print(header)
    for row in rows:
        title = row.not_reached or row.title or "(untitled)"
        print(
            f"{row.entries:>7} {row.key_events:>4}  {local_time(row.last_update):<16}  "
            f"{LiveState.of(row.live).cell:<5}  {title}"
        )
        site = f"{row.site_name} · " if row.site_name else ""
        print(f"{'':>7} {'':>4}  {'':<16}  {'':<5}  {site}{row.url}")
        note = history_note(row.window, row.history_from, row.following_since)
        if note:
            print(f"{'':>7} {'':>4}  {'':<16}  {'':<5}  {note}")
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    """``liveread search QUERY [--url URL]``: full-text search of cached entries."""
    with open_cache() as cache:
        url = cached_url(cache, args.url) if args.url else None
        hits = cache.search(args.query, url=url)
    if args.json:
        for hit in hits:
            print(json.dumps({"blog": hit.url, "entry": hit.entry.to_dict()}, ensure_ascii=False))
        return 0
    if not hits:
        print(f"No cached entry matches {args.query!r}.", file=sys.stderr)
        return 1
    for hit in hits:
        title = hit.entry.title or ""
        print(f"{local_time(hit.entry.published)}  {hit.blog_title}")
        print(f"    {title}" + (" — " if title and hit.snippet else "") + hit.snippet)
        print(f"    {hit.entry.url}")
    return 0
