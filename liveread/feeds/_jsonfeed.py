"""A :class:`~liveread.feeds.Feed` as JSON Feed 1.1.

JSON Feed has no way to say an item was deleted. liveread keeps the item,
with the same id, so that a reader which updates items it has seen replaces
the text it showed: the title says it was removed, the content says when,
``date_modified`` is that moment, and the extension object ``_liveread``
(JSON Feed's rule for extensions: a key starting with an underscore, which
readers that do not know it ignore) says ``"deleted": true`` and
``"deleted_at"``. The removed text itself is not sent again. In a merged
feed ``_liveread`` also names each item's blog.
"""

from __future__ import annotations

import json
from typing import Any

from liveread.feeds._items import Feed, FeedItem
from liveread.times import format_time

__all__ = ["JSON_FEED_TYPE", "JSON_FEED_VERSION", "REMOVED_TITLE", "to_json_feed"]

#: The media type of a JSON Feed (from version 1.1).
JSON_FEED_TYPE = "application/feed+json"
#: The version URL a JSON Feed 1.1 document starts with.
JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"
#: The title of a removed entry's item.
REMOVED_TITLE = "Removed by the publisher"


def _removed(item: FeedItem) -> dict[str, Any]:
    """A removed entry's item: its id and link, when it went, none of its text."""
    when = format_time(item.removed_at)
    note = f"The publisher removed this entry; liveread saw it gone at {when}."
    data: dict[str, Any] = {"id": item.id}
    if item.link:
        data["url"] = item.link
    data.update(
        title=REMOVED_TITLE,
        content_html=f"<p>{note}</p>",
        content_text=note,
        date_published=format_time(item.published),
        date_modified=when,
        _liveread={"deleted": True, "deleted_at": when},
    )
    return data


def _item(item: FeedItem, merged: bool) -> dict[str, Any]:
    if item.removed_at is not None:
        data = _removed(item)
    else:
        data = {"id": item.id}
        if item.link:
            data["url"] = item.link
        data.update(
            title=item.title,
            content_html=item.html,
            content_text=item.text,
            date_published=format_time(item.published),
            date_modified=format_time(item.updated),
        )
        if item.image:
            data["image"] = item.image
        if item.authors:
            data["authors"] = [{"name": name} for name in item.authors]
        if item.categories:
            data["tags"] = list(item.categories)
    if merged:
        extra = data.setdefault("_liveread", {})
        extra.update(blog=item.source.id, blog_title=item.source.title)
    return data


def to_json_feed(feed: Feed, *, self_url: str | None = None, indent: int | None = None) -> str:
    """Return *feed* as a JSON Feed 1.1 document.

    Args:
        feed: The feed.
        self_url: Where the document is served (its ``feed_url``), or None.
        indent: Pretty-print with this indent (None: compact, as served).

    """
    source = feed.source
    data: dict[str, Any] = {"version": JSON_FEED_VERSION, "title": source.title}
    if source.home:
        data["home_page_url"] = source.home
    if self_url:
        data["feed_url"] = self_url
    if source.subtitle:
        data["description"] = source.subtitle
    data["authors"] = [{"name": source.author or source.title}]
    if source.ended:
        data["expired"] = True
    data["items"] = [_item(item, feed.merged) for item in feed.items]
    data["_liveread"] = {"id": source.id, "updated": format_time(feed.updated)}
    separators = None if indent else (",", ":")
    return json.dumps(data, ensure_ascii=False, indent=indent, separators=separators) + "\n"
