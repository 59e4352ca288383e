"""A :class:`~liveread.feeds.Feed` as an Atom document (RFC 4287), deletions as RFC 6721 tombstones.

Written as text, every value escaped on its way in (:mod:`liveread.feeds._text`):
building an element tree for 5,000 entries costs several times more and
escapes no better. The document is what RFC 4287 requires: the feed's id,
title, updated and author (entries without an author of their own inherit
it), and per entry its id, title, updated, an alternate link and its
content as escaped HTML. A removed entry is an ``at:deleted-entry`` with the
entry's id as ``ref`` and when liveread saw it gone as ``when`` (RFC 6721),
in the place the entry had.
"""

from __future__ import annotations

from liveread._version import __version__
from liveread.feeds._items import CATEGORIES, Feed, FeedItem, FeedSource
from liveread.feeds._jsonfeed import JSON_FEED_TYPE
from liveread.feeds._text import attr, escape
from liveread.times import format_time

__all__ = ["ATOM_TYPE", "to_atom"]

#: The media type of an Atom feed.
ATOM_TYPE = "application/atom+xml"
_ATOM_NS = "http://www.w3.org/2005/Atom"
_TOMBSTONE_NS = "http://purl.org/atompub/tombstones/1.0"
_REMOVED_NOTE = "Removed by the publisher."


def _link(href: str | None, rel: str, kind: str | None = None) -> str:
    if not href:
        return ""
    kind_attr = f' type="{attr(kind)}"' if kind else ""
    return f'<link rel="{rel}"{kind_attr} href="{attr(href)}"/>'


def _source(source: FeedSource, indent: str) -> str:
    """An item's blog, as ``atom:source`` (in a merged feed)."""
    return (
        f"{indent}<source><id>{escape(source.id)}</id>"
        f'<title type="text">{escape(source.title)}</title>'
        f"{_link(source.home, 'alternate', 'text/html')}</source>\n"
    )


def _entry(item: FeedItem, merged: bool) -> str:
    parts = [
        "  <entry>\n",
        f"    <id>{escape(item.id)}</id>\n",
        f'    <title type="text">{escape(item.title)}</title>\n',
        f"    <published>{format_time(item.published)}</published>\n",
        f"    <updated>{format_time(item.updated)}</updated>\n",
    ]
    parts.extend(f"    <author><name>{escape(name)}</name></author>\n" for name in item.authors)
    if item.link:
        parts.append(f"    {_link(item.link, 'alternate', 'text/html')}\n")
    parts.extend(
        f'    <category term="{term}" label="{attr(CATEGORIES[term])}"/>\n'
        for term in item.categories
    )
    parts.append(f'    <content type="html">{escape(item.html)}</content>\n')
    if merged:
        parts.append(_source(item.source, "    "))
    parts.append("  </entry>\n")
    return "".join(parts)


def _deleted(item: FeedItem) -> str:
    # RFC 6721 allows atom:link and atom:source here too, but a parser that does
    # not know tombstones (feedparser among them) takes a link found outside an
    # entry for the feed's own: the ref alone names the entry.
    assert item.removed_at is not None
    return (
        f'  <at:deleted-entry ref="{attr(item.id)}" when="{format_time(item.removed_at)}">'
        f'<at:comment type="text">{_REMOVED_NOTE}</at:comment></at:deleted-entry>\n'
    )


def to_atom(feed: Feed, *, self_url: str | None = None, json_url: str | None = None) -> str:
    """Return *feed* as an Atom document.

    Args:
        feed: The feed.
        self_url: Where the document is served (its ``rel="self"`` link), or None.
        json_url: Where the same feed is served as JSON Feed, or None.

    """
    source = feed.source
    head = [
        '<?xml version="1.0" encoding="utf-8"?>\n',
        f'<feed xmlns="{_ATOM_NS}" xmlns:at="{_TOMBSTONE_NS}">\n',
        f"  <id>{escape(source.id)}</id>\n",
        f'  <title type="text">{escape(source.title)}</title>\n',
    ]
    if source.subtitle:
        head.append(f'  <subtitle type="text">{escape(source.subtitle)}</subtitle>\n')
    head.append(f"  <updated>{format_time(feed.updated)}</updated>\n")
    head.append(f"  <author><name>{escape(source.author or source.title)}</name></author>\n")
    for href, rel, kind in (
        (source.home, "alternate", "text/html"),
        (self_url, "self", ATOM_TYPE),
        (json_url, "alternate", JSON_FEED_TYPE),
    ):
        if href:
            head.append(f"  {_link(href, rel, kind)}\n")
    head.append(f'  <generator version="{__version__}">liveread</generator>\n')
    body = [_deleted(item) if item.removed_at else _entry(item, feed.merged) for item in feed.items]
    return "".join(head) + "".join(body) + "</feed>\n"
