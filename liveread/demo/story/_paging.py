"""Pages and poll windows of a live blog, by the Guardian's rules.

Pagination follows the Guardian's frontend (``LiveBlogCurrentPage.scala``):
pages of ``page_size`` posts, newest first, page 1 taking the remainder
(``n % page_size + page_size`` posts, so 10 to 19) and every other page exactly
full; a blog has ``max(1, n // page_size)`` pages. A page is named by the first
(newest) block on it, ``?page=with:block-<id>``, except that page 1's "oldest"
link names the blog's oldest block (the frontend asks for ``body:oldest:1``).

The poll's window follows ``LiveBlogController.scala``: the content API is
asked for ``body:around:<lastUpdate>:5`` and the part newer than the anchor is
kept, so an answer holds at most five posts, the ones right after the anchor.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import parse_qs

if TYPE_CHECKING:
    from datetime import datetime

    from liveread.demo.story._script import StoryBlock
    from liveread.model import Entry

__all__ = [
    "PageLink",
    "PageSlice",
    "Post",
    "bare_id",
    "page_for_query",
    "page_slice",
    "page_with",
    "split_pages",
    "window_after",
]


@dataclass(frozen=True)
class Post:
    """A published entry and what the renderers need beyond it.

    Attributes:
        entry: The entry as a reader of the page should see it.
        created: When it was drafted (the time in its id; before ``entry.published``).
        blocks: Its body with rendering details (inline HTML, image sizes, tweet authors).

    """

    entry: Entry
    created: datetime
    blocks: tuple[StoryBlock, ...]

    @property
    def id(self) -> str:
        """The bare 24-hex block id."""
        return self.entry.id


@dataclass(frozen=True)
class PageLink:
    """A link to another page: its number and the block id its URL names.

    Attributes:
        number: The page's number (1 = newest).
        block_id: The id in ``?page=with:block-<id>``, or None for the first page.

    """

    number: int
    block_id: str | None


@dataclass(frozen=True)
class PageSlice:
    """One page of the blog, as the pagination rule cuts it.

    Attributes:
        number: This page's number (1 = newest).
        total: How many pages the blog has.
        posts: The page's posts, newest first (page 1 still includes a pinned
            newest post here; the renderers drop it from the feed as the site does).
        newest: Link to the newest page, or None.
        newer: Link to the next newer page, or None.
        older: Link to the next older page, or None.
        oldest: Link to the oldest page, or None (page 1 names the blog's oldest block).

    """

    number: int
    total: int
    posts: tuple[Post, ...]
    newest: PageLink | None = None
    newer: PageLink | None = None
    older: PageLink | None = None
    oldest: PageLink | None = None

    @property
    def entries(self) -> tuple[Entry, ...]:
        """The page's entries, newest first."""
        return tuple(post.entry for post in self.posts)


def bare_id(block_id: str) -> str:
    """``block-<id>`` or ``<id>`` to ``<id>``."""
    return block_id[6:] if block_id.startswith("block-") else block_id


def split_pages(order: list[Post], size: int) -> list[list[Post]]:
    """Cut posts (newest first) into pages: page 1 takes the remainder, the rest are full."""
    first = len(order) % size + size
    return [order[:first]] + [order[i : i + size] for i in range(first, len(order), size)]


def page_slice(order: list[Post], n: int, size: int) -> PageSlice:
    """Page *n* (1 = newest) of posts *order* (newest first), with its navigation links.

    Raises:
        ValueError: There is no page *n*.

    """
    pages = split_pages(order, size)
    total = len(pages)
    if not 1 <= n <= total:
        raise ValueError(f"no page {n}: the blog has {total} page(s)")
    here = tuple(pages[n - 1])
    if n == 1:
        if total == 1:
            return PageSlice(1, 1, here)
        first_oldest = PageLink(total, order[-1].id)  # body:oldest:1
        return PageSlice(1, total, here, older=PageLink(2, pages[1][0].id), oldest=first_oldest)
    newer = PageLink(n - 1, None if n == 2 else pages[n - 2][0].id)
    older = PageLink(n + 1, pages[n][0].id) if n < total else None
    oldest = PageLink(total, pages[-1][0].id) if n < total else None
    return PageSlice(n, total, here, PageLink(1, None), newer, older, oldest)


def page_with(order: list[Post], block_id: str, size: int) -> int | None:
    """Return the number of the page holding *block_id*, or None when it is not there."""
    wanted = bare_id(block_id)
    for number, posts in enumerate(split_pages(order, size), start=1):
        if any(post.id == wanted for post in posts):
            return number
    return None


def page_for_query(order: list[Post], query: str, size: int) -> int | None:
    """Return the page a ``?page=with:block-<id>`` query names (1 if none; None if unknown)."""
    values = parse_qs(query.lstrip("?")).get("page")
    if not values:
        return 1
    value = values[0]
    return page_with(order, value[5:], size) if value.startswith("with:") else None


def window_after(order: list[Post], block_id: str, limit: int | None) -> tuple[Post, ...] | None:
    """Return posts newer than *block_id*, at most *limit* (the ones right after it), newest first.

    None when *block_id* is not among *order*.
    """
    wanted = bare_id(block_id)
    for index, post in enumerate(order):
        if post.id == wanted:
            newer = order[:index]
            return tuple(newer[-limit:] if limit and len(newer) > limit else newer)
    return None
