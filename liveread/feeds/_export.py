"""A cached blog as a feed document, by format name (what ``liveread export --format`` prints)."""

from __future__ import annotations

from typing import Literal

from liveread.feeds._atom import to_atom
from liveread.feeds._items import blog_feed
from liveread.feeds._jsonfeed import to_json_feed
from liveread.model import Blog

__all__ = ["FeedFormat", "export_feed"]

FeedFormat = Literal["atom", "jsonfeed"]


def export_feed(blog: Blog, fmt: FeedFormat) -> str:
    """Return *blog* as an Atom document (``"atom"``) or a JSON Feed 1.1 one (``"jsonfeed"``).

    Nothing is served, so the document has no ``self`` link; JSON is indented for reading.
    """
    feed = blog_feed(blog)
    return to_atom(feed) if fmt == "atom" else to_json_feed(feed, indent=2)
