"""A News or Sport page's stream, as pages and as the poll the BBC's own front end makes.

The stream's pages are the blog's history: page 1 the newest twenty posts,
``page.total`` the oldest (:func:`read_stream_page`). The poll asks stream
page 1 again (:func:`poll_request`) and reads it as an answer
(:func:`read_poll`): new posts, and edits (a post whose ``lastPublished``
moved and whose content changed is a new version). Two things the stream
does not say outright are read from the page 1 the follower saw last, which
the source keeps in ``source_data`` (each post's ``urn`` and first-published
time):

- **a post taken down**: one that was on page 1, is not on it now, and is
  newer than the oldest post page 1 now holds (one merely pushed onto page 2
  by newer posts is older than all of them);
- **a gap**: a page 1 that holds none of the posts page 1 held before means
  more than a page of posts arrived in between (a follower that was offline
  for a while); the poll then reads pages 2, 3… at once, until one holds a
  post seen before, at most :data:`GAP_PAGES`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from liveread import urls
from liveread.errors import LayoutChanged
from liveread.model import Entry, FollowState, Pages, Request, Snapshot, sort_newest_first
from liveread.sources._contract import Document
from liveread.sources.bbc._profile import PAGE_NUMBER
from liveread.sources.bbc._stream import is_stream, read_stream, stream_url
from liveread.urls import host

__all__ = [
    "GAP_PAGES",
    "JSON",
    "POLL_EVERY",
    "poll_request",
    "read_poll",
    "read_stream_page",
]

JSON = "application/json"
#: Seconds between two polls of the stream's page 1: simorgh's POLLING_INTERVAL.
POLL_EVERY = 15.0
#: Most stream pages one catch-up reads (twenty posts a page).
GAP_PAGES = 50
# source_data keys: page 1's posts as last seen, [[urn, epoch seconds], …]; while
# catching up, the page to ask next and the page 1 seen before the gap.
_PAGE_ONE = "page1"
_GAP = "gap"
_BEFORE = "before"


def _number(url: str) -> int:
    found = dict(parse_qsl(urlsplit(url).query)).get(PAGE_NUMBER, "1")
    return int(found) if found.isdigit() and int(found) > 0 else 1


def _page_url(url: str, number: int) -> str:
    """The stream URL *url* with its page number set to *number* (its other parameters kept)."""
    return stream_url(url, urlsplit(url).query, number)


def _seen(entries: Iterable[Entry]) -> list[list[Any]]:
    return [[e.id, int(e.published.timestamp())] for e in entries]


def _held(data: Mapping[str, Any], key: str) -> list[tuple[str, int]]:
    """Posts kept under *key* of ``source_data`` (anything malformed is left out)."""
    found = data.get(key)
    posts: list[tuple[str, int]] = []
    for item in found if isinstance(found, list) else ():
        if (
            isinstance(item, list)
            and len(item) == 2
            and isinstance(item[0], str)
            and isinstance(item[1], int)
        ):
            posts.append((item[0], item[1]))
    return posts


def read_stream_page(doc: Document, source: str) -> Snapshot:
    """Read a stream page as a page of the blog (its feed, or an older page of the walk).

    Raises:
        LayoutChanged: The answer is not a stream page.

    """
    data = doc.json
    if not is_stream(data):
        raise LayoutChanged(f"{host(doc.url)}: the BBC stream answered something else")
    page = read_stream(data, doc.blog)
    number = page.index or _number(doc.url)
    total = max(page.total or number, number)
    entries = sort_newest_first(page.entries)
    older = _page_url(doc.url, number + 1) if number < total else None
    return Snapshot(
        url=urls.blog_url(doc.blog),
        source=source,
        entries=entries,
        pages=Pages(number, total, older=older),
        feed_ids=tuple(e.id for e in entries),
        # Page 1 is where the next poll judges takedowns and gaps from.
        source_data={_PAGE_ONE: _seen(entries)} if number == 1 else None,
    )


def poll_request(state: FollowState) -> Request | None:
    """Stream page 1 (the blog's feed), or the next page of a catch-up; None without a stream."""
    feed = state.feed
    if feed is None:
        return None  # a World Service page: the page itself is re-read
    gap = state.source_data.get(_GAP)
    if isinstance(gap, int) and not isinstance(gap, bool) and 2 <= gap <= GAP_PAGES:
        return Request(_page_url(feed.url, gap), accept=JSON)
    return feed


def read_poll(doc: Document, state: FollowState, source: str) -> Snapshot:
    """Read the poll's stream page: its posts, the posts taken down, a catch-up to go on with."""
    page = read_stream_page(doc, source)
    assert page.pages is not None
    number, total = page.pages.current, page.pages.total
    ids = {e.id for e in page.entries}
    data: dict[str, Any] = {}
    removed: tuple[str, ...] = ()
    if number == 1:
        before = _held(state.source_data, _PAGE_ONE)
        caught_up = not before or total < 2 or any(i in ids for i, _ in before)
        if caught_up and page.entries:
            oldest = min(int(e.published.timestamp()) for e in page.entries)
            removed = tuple(i for i, at in before if i not in ids and at > oldest)
        data[_PAGE_ONE] = _seen(page.entries)
        if not caught_up:
            data.update({_GAP: 2, _BEFORE: _seen_pairs(before)})
    else:  # a page of a catch-up
        before = _held(state.source_data, _BEFORE)
        data[_PAGE_ONE] = _seen_pairs(_held(state.source_data, _PAGE_ONE))
        caught_up = number >= min(total, GAP_PAGES) or any(i in ids for i, _ in before)
        if not caught_up:
            data.update({_GAP: number + 1, _BEFORE: _seen_pairs(before)})
    return Snapshot(
        url=page.url,
        source=source,
        entries=page.entries,
        kind="update",
        removed_ids=removed,
        source_data=data,
        again=not caught_up,
    )


def _seen_pairs(posts: list[tuple[str, int]]) -> list[list[Any]]:
    return [[i, at] for i, at in posts]
