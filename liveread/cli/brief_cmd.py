"""``liveread brief URL``: the state of play of a cached blog, in a form to paste.

What a reader who just arrived needs: the blog's title and outlet, its latest
summary entry, the key events since that summary (or since ``--since``), and
the newest few entries, each with its local time (the zone named once, at the
top), its writer where known and its permalink. Read from the
cache only, so it works offline; a blog that is not cached is one line and
exit 1. The renderings are in :mod:`liveread.cli.textout`.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from datetime import datetime

from liveread.cli.textout import brief_markdown, brief_text
from liveread.errors import UsageError
from liveread.model import Blog, StoredEntry
from liveread.naming import BlogName
from liveread.times import parse_since, utc_now

__all__ = ["NEWEST", "Brief", "brief_of", "cmd_brief"]

#: How many of the newest entries a brief shows.
NEWEST = 5


@dataclass(frozen=True)
class Brief:
    """What a brief says about one blog.

    Attributes:
        title: The blog's title ("" when unknown).
        url: The blog's URL.
        outlet: Who publishes it (the site's own name, else its host).
        live: True while being written, False once ended, None if unknown.
        summary: The latest summary entry, or None.
        since: The moment the key events are counted from (None: all of them).
        key_events: Key events published after ``since``, oldest first.
        newest: The newest entries, newest first.

    """

    title: str
    url: str
    outlet: str
    live: bool | None
    summary: StoredEntry | None
    since: datetime | None
    key_events: tuple[StoredEntry, ...]
    newest: tuple[StoredEntry, ...]


def brief_of(blog: Blog, since: datetime | None = None, newest: int = NEWEST) -> Brief:
    """Pick what a brief of *blog* shows (entries removed upstream left out).

    Args:
        blog: The cached blog.
        since: Key events after this; None: after the latest summary (all
            key events when there is none).
        newest: How many of the newest entries.

    """
    entries = [e for e in blog.entries if not e.removed]  # newest first
    summary = next((e for e in entries if e.summary), None)
    start = since if since is not None else (summary.published if summary else None)
    keys = [
        e
        for e in entries
        if e.key_event and e is not summary and (start is None or e.published > start)
    ]
    return Brief(
        title=blog.title,
        url=blog.url,
        outlet=BlogName(blog.url, blog.title, blog.site_name).outlet,
        live=blog.live,
        summary=summary,
        since=start,
        key_events=tuple(reversed(keys)),
        newest=tuple(entries[:newest]),
    )


def cmd_brief(args: argparse.Namespace) -> int:
    """``liveread brief URL [--since HH:MM|DURATION] [--format text|markdown]``."""
    from liveread.cli.headless import cached_url, open_cache

    since = None
    if args.since is not None:
        try:
            since = parse_since(args.since, utc_now())
        except ValueError as exc:
            raise UsageError(f"--since: {exc}") from None
    with open_cache() as cache:
        blog = cache.load(cached_url(cache, args.url))
    brief = brief_of(blog, since)
    render = brief_markdown if args.format == "markdown" else brief_text
    sys.stdout.write(render(brief))
    return 0
