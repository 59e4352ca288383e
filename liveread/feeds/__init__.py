"""Feeds of cached blogs: Atom (with RFC 6721 deletions), JSON Feed 1.1, and OPML lists.

:func:`blog_feed` turns a cached :class:`~liveread.model.Blog` into a
:class:`Feed` (one :class:`FeedItem` per entry, the rules of ids, times and
removals in one place); :func:`to_atom` and :func:`to_json_feed` write it;
:func:`merged_feed` joins several; :func:`to_opml` lists feeds for a reader
to import. Text from pages is treated as hostile again here (escaped, XML-safe,
http(s) links only). No network, no disk, no Textual.

Inside: ``_items`` (the model and its rules), ``_html`` (blocks to safe HTML),
``_text`` (escaping and links), ``_atom``, ``_jsonfeed``, ``_opml``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from liveread._lazy import attach

if TYPE_CHECKING:
    from liveread.feeds._atom import ATOM_TYPE, to_atom
    from liveread.feeds._export import FeedFormat, export_feed
    from liveread.feeds._html import body_html
    from liveread.feeds._items import (
        CATEGORIES,
        MERGED_LIMIT,
        Feed,
        FeedItem,
        FeedSource,
        blog_feed,
        blog_source,
        item_id,
        merged_feed,
    )
    from liveread.feeds._jsonfeed import (
        JSON_FEED_TYPE,
        JSON_FEED_VERSION,
        REMOVED_TITLE,
        to_json_feed,
    )
    from liveread.feeds._opml import OPML_TYPE, Subscription, to_opml
    from liveread.feeds._text import public_link

__all__ = [
    "ATOM_TYPE",
    "CATEGORIES",
    "JSON_FEED_TYPE",
    "JSON_FEED_VERSION",
    "MERGED_LIMIT",
    "OPML_TYPE",
    "REMOVED_TITLE",
    "Feed",
    "FeedFormat",
    "FeedItem",
    "FeedSource",
    "Subscription",
    "blog_feed",
    "blog_source",
    "body_html",
    "export_feed",
    "item_id",
    "merged_feed",
    "public_link",
    "to_atom",
    "to_json_feed",
    "to_opml",
]

__getattr__ = attach(
    __name__,
    {
        "._atom": ("ATOM_TYPE", "to_atom"),
        "._export": ("FeedFormat", "export_feed"),
        "._html": ("body_html",),
        "._items": (
            "CATEGORIES",
            "MERGED_LIMIT",
            "Feed",
            "FeedItem",
            "FeedSource",
            "blog_feed",
            "blog_source",
            "item_id",
            "merged_feed",
        ),
        "._jsonfeed": ("JSON_FEED_TYPE", "JSON_FEED_VERSION", "REMOVED_TITLE", "to_json_feed"),
        "._opml": ("OPML_TYPE", "Subscription", "to_opml"),
        "._text": ("public_link",),
    },
)
