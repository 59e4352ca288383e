"""What a feed holds, whatever its format: one item per entry, and the feed around them.

:func:`blog_feed` turns a cached :class:`~liveread.model.Blog` into a
:class:`Feed`; :func:`merged_feed` puts several blogs' items into one. The
rules a feed reader relies on live here, once, for Atom and JSON Feed alike:

- an item's id is the entry's permalink, which never changes, so an edit
  replaces the item instead of adding one (:func:`item_id`);
- ``updated`` is the latest of the entry's published time, the site's own
  updated time and the time liveread saw its newest revision (an edit moves
  it; the first sighting of an old entry does not);
- a removed entry is a deletion: its id and when liveread saw it gone, no
  text (the publisher took it back);
- the feed's ``updated`` is its newest change.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from urllib.parse import quote, urlsplit

from liveread.feeds._html import body_html
from liveread.feeds._text import one_line, plain, public_link
from liveread.model import Blog, StoredEntry
from liveread.urls import site

__all__ = [
    "CATEGORIES",
    "MERGED_LIMIT",
    "Feed",
    "FeedItem",
    "FeedSource",
    "blog_feed",
    "blog_source",
    "item_id",
    "merged_feed",
]

#: Category term → label, for the entries a live blog marks (key events, summaries).
CATEGORIES: dict[str, str] = {"key-event": "Key event", "summary": "Summary"}
#: The merged feed holds this many of the newest entries of all blogs together.
MERGED_LIMIT = 1000
#: A feed with nothing in it still needs an updated time (Atom requires one).
_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
_TITLE_WORDS = 80


@dataclass(frozen=True)
class FeedSource:
    """What a feed says about itself (and, in a merged feed, what each item came from).

    Attributes:
        id: A permanent, absolute IRI naming the feed (a blog's page URL).
        title: Its title, one line.
        subtitle: A description (a blog's standfirst), or "".
        home: The web page it is the feed of, or None.
        author: Who writes it (the site's name), for readers that need an author.
        ended: The blog has ended (it will not grow again).

    """

    id: str
    title: str
    subtitle: str = ""
    home: str | None = None
    author: str = ""
    ended: bool = False


@dataclass(frozen=True)
class FeedItem:
    """One entry as a feed carries it.

    Attributes:
        id: Its permanent id (the permalink; see :func:`item_id`).
        link: The permalink to open, or None.
        title: One line (the entry's title, else the start of its text).
        published: When it was first published.
        updated: When it last changed (see the module's rules).
        html: The body as safe HTML.
        text: The body as plain text.
        authors: Contributors' names.
        categories: Terms of :data:`CATEGORIES` that apply.
        image: The URL of its first photo, or None.
        removed_at: For a removed entry, when liveread saw it gone; else None.
        source: The blog it belongs to.

    """

    id: str
    link: str | None
    title: str
    published: datetime
    updated: datetime
    html: str
    text: str
    authors: tuple[str, ...]
    categories: tuple[str, ...]
    image: str | None
    removed_at: datetime | None
    source: FeedSource

    @property
    def changed(self) -> datetime:
        """The item's newest change: its update, or its removal."""
        return max(self.updated, self.removed_at) if self.removed_at else self.updated


@dataclass(frozen=True)
class Feed:
    """A feed: what it is, its items newest first, and its newest change.

    Attributes:
        source: What the feed says about itself.
        items: Items newest first (by first-published time); removed entries among them.
        updated: The newest change of any item (or, with none, when following began).
        merged: Items come from several blogs (each names its own in ``source``).

    """

    source: FeedSource
    items: tuple[FeedItem, ...]
    updated: datetime
    merged: bool = False


def _page_id(url: str) -> str:
    """The permanent id of a blog: its page URL, or a UUID of it when that is no public link."""
    return public_link(url) or f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, url)}"


def item_id(entry: StoredEntry, blog_url: str) -> str:
    """The entry's permanent id: its permalink, when the permalink names the entry alone.

    Some sites give an entry the blog's own address as its link; two entries
    would then share an id and a reader would merge them, so such an entry
    is named by the blog's id and the site's entry id instead.
    """
    return _item_id(entry.id, public_link(entry.url), blog_url, _page_id(blog_url))


def _item_id(entry_id: str, link: str | None, blog_url: str, page: str) -> str:
    """:func:`item_id` with the entry's public link and the blog's id already worked out."""
    if link:
        parts = urlsplit(link)
        if parts.fragment or parts.query or link.rstrip("/") != page.rstrip("/"):
            return link
    if page.startswith("urn:"):
        return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'{blog_url}#{entry_id}')}"
    return f"{page}#liveread-entry-{quote(entry_id, safe='')}"


def _title(entry: StoredEntry) -> str:
    """The entry's title, else the start of its text cut at a word, else a plain label."""
    title = one_line(entry.title)
    if title:
        return title
    text = one_line(entry.text)
    if len(text) <= _TITLE_WORDS:
        return text or "Untitled entry"
    cut = text[:_TITLE_WORDS].rsplit(" ", 1)[0].rstrip(",.;:—–-")
    return cut + "…"


def _updated(entry: StoredEntry) -> datetime:
    """The entry's last change (see the module's rules)."""
    moments = [entry.published]
    if entry.updated is not None:
        moments.append(entry.updated)
    if len(entry.revisions) > 1:  # the first revision is the first sighting, not an edit
        moments.append(entry.revisions[-1].seen)
    return max(moments)


def _item(entry: StoredEntry, blog_url: str, source: FeedSource) -> FeedItem:
    """One entry of a blog as a feed item."""
    updated = _updated(entry)
    removed_at = (entry.removed_at or updated) if entry.removed else None
    images = (public_link(image.url) for image in entry.images)
    link = public_link(entry.url)
    return FeedItem(
        id=_item_id(entry.id, link, blog_url, source.id),
        link=link or source.home,
        title=_title(entry),
        published=entry.published,
        updated=updated,
        html=body_html(entry.body),
        text=plain(entry.text),
        authors=tuple(name for name in map(one_line, entry.authors) if name),
        categories=tuple(
            term
            for term, flag in (("key-event", entry.key_event), ("summary", entry.summary))
            if flag
        ),
        image=next((url for url in images if url), None),
        removed_at=removed_at,
        source=source,
    )


def blog_source(blog: Blog) -> FeedSource:
    """What a blog's feed says about itself."""
    return FeedSource(
        id=_page_id(blog.url),
        title=one_line(blog.title) or site(blog.url),
        subtitle=plain(blog.standfirst).strip(),
        home=public_link(blog.url),
        author=one_line(blog.site_name) or site(blog.url),
        ended=blog.live is False,
    )


def _newest(items: Iterable[FeedItem], fallback: datetime | None) -> datetime:
    return max((item.changed for item in items), default=fallback or _EPOCH)


def blog_feed(blog: Blog) -> Feed:
    """The feed of one cached blog: every entry, newest first, removed ones as deletions."""
    source = blog_source(blog)
    items = tuple(_item(entry, blog.url, source) for entry in blog.entries)
    return Feed(source, items, _newest(items, blog.following_since))


def merged_feed(feeds: Sequence[Feed], source: FeedSource, limit: int = MERGED_LIMIT) -> Feed:
    """One feed of several: the newest *limit* items of them all, newest first.

    Each item keeps its blog in ``source`` (Atom writes it as ``atom:source``).
    """
    every = [item for feed in feeds for item in feed.items]
    every.sort(key=lambda item: (item.published, item.id), reverse=True)
    items = tuple(every[:limit])
    newest = max((feed.updated for feed in feeds), default=_EPOCH)
    return Feed(source, items, newest, merged=True)
