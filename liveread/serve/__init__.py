"""``liveread serve``: a read-only HTTP server of feeds over the cache.

An Atom and a JSON feed per cached blog (``/blog/<name>.atom``, ``.json``),
every blog in one feed (``/all.atom``, ``/all.json``), an OPML list of the
blogs' Atom feeds (``/feeds.opml``) and a page linking them all (``/``).
Conditional GET makes a reader's poll of an unchanged feed cost no read of
the cache's tables and no document built (see :mod:`liveread.serve._book`);
it never fetches anything, and several processes keep the cache current
beside it. Standard library only.

Inside: ``_routes`` (paths and blog names), ``_book`` (the documents and
when to rebuild them), ``_pages`` (the listings), ``_http`` (the server).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from liveread._lazy import facade

if TYPE_CHECKING:
    from liveread.serve._book import BlogRef as BlogRef
    from liveread.serve._book import Catalogue as Catalogue
    from liveread.serve._book import FeedBook as FeedBook
    from liveread.serve._book import Representation as Representation
    from liveread.serve._http import FeedServer as FeedServer
    from liveread.serve._http import ServeError as ServeError
    from liveread.serve._http import address_url as address_url
    from liveread.serve._routes import EXTENSIONS as EXTENSIONS
    from liveread.serve._routes import OPML_PATH as OPML_PATH
    from liveread.serve._routes import Route as Route
    from liveread.serve._routes import blog_path as blog_path
    from liveread.serve._routes import feed_name as feed_name
    from liveread.serve._routes import merged_path as merged_path
    from liveread.serve._routes import route as route

__getattr__, __all__ = facade(
    __name__,
    {
        "._book": ("BlogRef", "Catalogue", "FeedBook", "Representation"),
        "._http": ("FeedServer", "ServeError", "address_url"),
        "._routes": (
            "EXTENSIONS",
            "OPML_PATH",
            "Route",
            "blog_path",
            "feed_name",
            "merged_path",
            "route",
        ),
    },
)
