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

from liveread._lazy import facade

if TYPE_CHECKING:
    from liveread.feeds._atom import ATOM_TYPE as ATOM_TYPE
    from liveread.feeds._atom import to_atom as to_atom
    from liveread.feeds._export import FeedFormat as FeedFormat
    from liveread.feeds._export import export_feed as export_feed
    from liveread.feeds._html import body_html as body_html
    from liveread.feeds._items import CATEGORIES as CATEGORIES
    from liveread.feeds._items import MERGED_LIMIT as MERGED_LIMIT
    from liveread.feeds._items import Feed as Feed
    from liveread.feeds._items import FeedItem as FeedItem
    from liveread.feeds._items import FeedSource as FeedSource
    from liveread.feeds._items import blog_feed as blog_feed
    from liveread.feeds._items import blog_source as blog_source
    from liveread.feeds._items import item_id as item_id
    from liveread.feeds._items import merged_feed as merged_feed
    from liveread.feeds._jsonfeed import JSON_FEED_TYPE as JSON_FEED_TYPE
    from liveread.feeds._jsonfeed import JSON_FEED_VERSION as JSON_FEED_VERSION
    from liveread.feeds._jsonfeed import REMOVED_TITLE as REMOVED_TITLE
    from liveread.feeds._jsonfeed import to_json_feed as to_json_feed
    from liveread.feeds._opml import OPML_TYPE as OPML_TYPE
    from liveread.feeds._opml import Subscription as Subscription
    from liveread.feeds._opml import to_opml as to_opml
    from liveread.feeds._text import public_link as public_link

__getattr__, __all__ = facade(
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
