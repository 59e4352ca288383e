"""``liveread serve``: the cache's blogs as feeds over HTTP, until Ctrl-C or SIGTERM.

Imports only what serving needs (the standard library's HTTP server, the
cache, the feed builder when a feed is first asked for); never Textual,
never the network client.
"""

from __future__ import annotations

import argparse
import signal
import sys
import uuid
from types import FrameType
from typing import TYPE_CHECKING

from liveread.cli.headless import open_cache
from liveread.sanitize import clean_inline

if TYPE_CHECKING:
    from liveread.serve import FeedBook, FeedServer

__all__ = ["cmd_serve"]


def _stop(_signum: int, _frame: FrameType | None) -> None:
    """SIGTERM stops the server as Ctrl-C does."""
    raise KeyboardInterrupt


def cmd_serve(args: argparse.Namespace) -> int:
    """``liveread serve [--bind ADDRESS] [--port PORT]``: serve feeds until stopped."""
    from liveread.serve import FeedBook, FeedServer
    from liveread.times import utc_now

    with open_cache() as cache:
        # The merged feed's id: the same on every run over this cache, naming no path.
        merged = uuid.uuid5(uuid.NAMESPACE_URL, cache.path.resolve().as_uri())
        book = FeedBook(cache, merged_id=f"urn:uuid:{merged}", now=utc_now)
        server = FeedServer(book, args.bind, args.port)
        previous = signal.signal(signal.SIGTERM, _stop)
        try:
            if not server.loopback:
                print(
                    f"liveread: warning: serving on {args.bind} lets anyone who can reach this "
                    "machine read every cached blog (no password, no TLS); "
                    "the default, 127.0.0.1, is this machine only",
                    file=sys.stderr,
                    flush=True,
                )
            _announce(server, book)
            server.serve_forever(poll_interval=0.5)
        except KeyboardInterrupt:
            pass
        finally:
            signal.signal(signal.SIGTERM, previous)
            server.server_close()
    return 0


def _announce(server: FeedServer, book: FeedBook) -> None:
    """Print where the feeds are: the listing, the OPML, the merged feed, each blog's."""
    from liveread.serve import OPML_PATH, blog_path, merged_path

    base = server.fallback_base
    blogs = sorted(book.catalogue().blogs.values(), key=lambda r: (r.title.casefold(), r.name))
    lines = [
        f"Serving feeds of {len(blogs)} cached blog{'s' if len(blogs) != 1 else ''} "
        f"at {base}/ (read-only; Ctrl-C stops)",
        f"  {base}{OPML_PATH}  every blog's Atom feed, to import into a reader",
        f"  {base}{merged_path('atom')}  every blog in one feed "
        f"(JSON Feed: {merged_path('jsonfeed')})",
    ]
    lines += [f"  {base}{blog_path(r.name, 'atom')}  {clean_inline(r.title)}" for r in blogs]
    print("\n".join(lines), flush=True)
