"""The state of a live blog: published posts, the pinned post, key events, live or not.

:class:`BlogState` is what a live blog's server holds, with the operations its
editors perform (publish, edit, remove, pin, flag a key event, end) and the
views the renderers need (posts newest first, pages, the poll's window). It
never reads a clock: every change happens at a time it is given, or at the
time of the latest change. :class:`~liveread.demo.story.DemoBlog` drives it
from the story.

Ids are shaped like MongoDB ObjectIds, as the Guardian's are: the creation
(drafting) time in seconds, five "machine" bytes, a counter. Posts are
drafted before they are published, so ids are not always in publication order.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from datetime import datetime, timedelta, timezone
from types import EllipsisType
from urllib.parse import urlsplit, urlunsplit

from liveread.demo.story._convert import model_block, story_block
from liveread.demo.story._paging import (
    PageSlice,
    Post,
    bare_id,
    page_for_query,
    page_slice,
    page_with,
    split_pages,
    window_after,
)
from liveread.demo.story._script import TEAM, Story, StoryBlock
from liveread.model import Entry

__all__ = ["BlogState", "Change"]


@dataclass(frozen=True)
class Change:
    """One change to the blog, as a site that logs its changes records it.

    Attributes:
        at: When it happened.
        kind: "publish", "edit" (a new text or title, or a key-event flag set
            or cleared) or "remove".
        entry_id: The entry concerned.
        published: When that entry was first published.

    """

    at: datetime
    kind: str
    entry_id: str
    published: datetime


class BlogState:
    """A live blog's posts and flags, changed only by explicit operations.

    Args:
        base_url: The blog's page URL (query and fragment are dropped).
        start: The initial "now" (naive means UTC).
        story: The blog's headline, standfirst and main image (its entries are not published here).
        page_size: Entries per page (10; the Guardian uses 30 for sport).
        seed: Varies the ids between otherwise equal blogs.

    """

    def __init__(
        self, base_url: str, start: datetime, story: Story, *, page_size: int = 10, seed: int = 0
    ) -> None:
        parts = urlsplit(base_url)
        self.url = urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))
        self.origin = f"{parts.scheme}://{parts.netloc}"
        self.page_id = parts.path.lstrip("/")
        self.page_size = page_size
        self.start = start.replace(tzinfo=timezone.utc) if start.tzinfo is None else start
        self.story = story
        self.seed = seed
        # From the path, not the whole URL: the same blog served on another port
        # (a test's server, a restarted demo) keeps its entries' ids.
        digest = hashlib.blake2b(f"{parts.path}|{seed}".encode(), digest_size=8).digest()
        self._machine = digest[:5].hex()
        self._counter = int.from_bytes(digest[5:], "big")
        self._posts: dict[str, Post] = {}
        # Posts taken down, and when: formats that keep a tombstone (AMP) render them.
        self._removed: dict[str, tuple[Post, datetime]] = {}
        self._order: list[Post] | None = None
        # Cached, as _order is: every page renders it once per key event (the carousels),
        # and recomputing it over every post made one page of a 5,000-entry blog take 0.2 s.
        self._last_modified: datetime | None = None
        self._pinned: str | None = None
        self._live = True
        self._ended_at: datetime | None = None
        self._now = self.start
        # Every publish, edit and removal in order: what a site's own change
        # log would hold (the WordPress plugin answers its polls from one).
        self._journal: list[Change] = []

    # -- building ------------------------------------------------------------

    def _mint(self, created: datetime) -> str:
        """Return a MongoDB-ObjectId-shaped id: creation seconds, machine bytes, counter."""
        self._counter = (self._counter + 1) & 0xFFFFFF
        return f"{int(created.timestamp()) & 0xFFFFFFFF:08x}{self._machine}{self._counter:06x}"

    def _permalink(self, entry_id: str) -> str:
        return f"{self.url}?page=with:block-{entry_id}#block-{entry_id}"

    def new_entry(
        self,
        title: str | None,
        text: str,
        *,
        at: datetime | None = None,
        authors: tuple[str, ...] = ("Maren Holt",),
        key_event: bool = False,
        summary: bool = False,
    ) -> Entry:
        """Make (not publish) an entry with a fresh id: paragraphs split on blank lines."""
        when = at or self._now
        entry_id = self._mint(when - timedelta(minutes=2))
        paragraphs = [p.strip() for p in text.split("\n\n") if p.strip()]
        return Entry(
            id=entry_id,
            published=when,
            updated=when,
            title=title,
            body=tuple(model_block(StoryBlock("paragraph", p)) for p in paragraphs),
            url=self._permalink(entry_id),
            authors=authors,
            key_event=key_event,
            summary=summary,
        )

    # -- changes ---------------------------------------------------------------

    def _changed(self, at: datetime | None) -> datetime:
        """Note that the state changed at *at* (default: now); return that time."""
        self._order = None
        self._last_modified = None
        when = at or self._now
        self._now = max(self._now, when)
        return when

    def publish(
        self,
        entry: Entry,
        *,
        created: datetime | None = None,
        blocks: tuple[StoryBlock, ...] | None = None,
    ) -> Entry:
        """Publish *entry* (its ``published`` time is when); returns it as stored.

        Raises:
            ValueError: An entry with that id is already published.

        """
        if entry.id in self._posts:
            raise ValueError(f"entry {entry.id} is already published")
        self._changed(entry.published)
        stored = entry.with_changes(pinned=False, url=entry.url or self._permalink(entry.id))
        body = blocks if blocks is not None else tuple(story_block(b) for b in entry.body)
        self._posts[entry.id] = Post(stored, created or entry.published, body)
        self._journal.append(Change(entry.published, "publish", entry.id, entry.published))
        return stored

    def _update(self, entry_id: str, **changes: object) -> Entry:
        post = self._posts[bare_id(entry_id)]
        blocks = changes.pop("blocks", post.blocks)
        entry = post.entry.with_changes(**changes)
        self._posts[entry.id] = replace(post, entry=entry, blocks=blocks)  # type: ignore[arg-type]
        self._order = None
        self._last_modified = None
        return entry

    def edit(
        self,
        entry_id: str,
        text: str,
        *,
        title: str | EllipsisType | None = ...,
        at: datetime | None = None,
    ) -> Entry:
        """Replace an entry's text (paragraphs split on blank lines); photos and embeds stay.

        Args:
            entry_id: The entry's id (bare or ``block-<id>``).
            text: The new text.
            title: A new title (None removes it); left as it is by default.
            at: When the edit happens (default: now); it becomes the entry's ``updated``.

        """
        post = self._posts[bare_id(entry_id)]
        media = tuple(b for b in post.blocks if b.kind in ("image", "tweet", "video", "link"))
        paragraphs = tuple(
            StoryBlock("paragraph", p.strip()) for p in text.split("\n\n") if p.strip()
        )
        new_title = post.entry.title if isinstance(title, EllipsisType) else title
        return self._replace(post.id, new_title, paragraphs + media, at)

    def _replace(
        self, entry_id: str, title: str | None, blocks: tuple[StoryBlock, ...], at: datetime | None
    ) -> Entry:
        when = self._changed(at)
        body = tuple(model_block(b) for b in blocks)
        entry = self._update(entry_id, title=title, body=body, blocks=blocks, updated=when)
        self._journal.append(Change(when, "edit", entry.id, entry.published))
        return entry

    def remove(self, entry_id: str, *, at: datetime | None = None) -> Entry:
        """Take an entry down (unpinning it if pinned); returns what was removed."""
        when = self._changed(at)
        post = self._posts.pop(bare_id(entry_id))
        self._removed[post.id] = (post, when)
        if self._pinned == post.id:
            self._pinned = None
        self._journal.append(Change(when, "remove", post.id, post.entry.published))
        return post.entry

    def pin(self, entry_id: str | None, *, at: datetime | None = None) -> None:
        """Make *entry_id* the pinned post (None: no pinned post); KeyError if unpublished."""
        target = bare_id(entry_id) if entry_id else None
        if target is not None and target not in self._posts:
            raise KeyError(entry_id)
        self._changed(at)
        if self._pinned in self._posts:
            self._update(self._pinned, pinned=False)
        self._pinned = target
        if self._pinned is not None:
            self._update(self._pinned, pinned=True)

    def set_key_event(
        self, entry_id: str, flag: bool = True, *, at: datetime | None = None
    ) -> Entry:
        """Flag or unflag an entry as a key event."""
        when = self._changed(at)
        entry = self._update(entry_id, key_event=flag)
        self._journal.append(Change(when, "edit", entry.id, entry.published))
        return entry

    def end(self, *, at: datetime | None = None) -> None:
        """End the blog: it stops being live ("as it happened"); nothing more happens."""
        self._ended_at = self._changed(at)
        self._live = False

    # -- reading ---------------------------------------------------------------

    @property
    def now(self) -> datetime:
        """The time of the latest change (the demo's present)."""
        return self._now

    @property
    def live(self) -> bool:
        """True until :meth:`end`."""
        return self._live

    @property
    def ended_at(self) -> datetime | None:
        """When the blog ended, or None."""
        return self._ended_at

    @property
    def title(self) -> str:
        """The headline ("– live" while live, "– as it happened" once ended)."""
        return self.story.title if self._live else self.story.ended_title

    @property
    def journal(self) -> tuple[Change, ...]:
        """Every publish, edit and removal so far, in the order they happened."""
        return tuple(self._journal)

    @property
    def pinned_id(self) -> str | None:
        """The pinned post's id, or None."""
        return self._pinned

    def post(self, entry_id: str) -> Post:
        """Return the published post with this id (bare or ``block-<id>``); KeyError if none."""
        return self._posts[bare_id(entry_id)]

    def __contains__(self, entry_id: object) -> bool:
        return isinstance(entry_id, str) and bare_id(entry_id) in self._posts

    def __len__(self) -> int:
        return len(self._posts)

    def posts_newest_first(self) -> list[Post]:
        """Every published post, newest first by publication time (id breaks ties)."""
        if self._order is None:
            self._order = sorted(
                self._posts.values(), key=lambda p: (p.entry.published, p.id), reverse=True
            )
        return self._order

    def entries_newest_first(self) -> tuple[Entry, ...]:
        """Every published entry, newest first by publication time."""
        return tuple(post.entry for post in self.posts_newest_first())

    def removed_posts(self) -> list[tuple[Post, datetime]]:
        """Every post taken down, with when, newest published first."""
        return sorted(
            self._removed.values(),
            key=lambda pair: (pair[0].entry.published, pair[0].id),
            reverse=True,
        )

    def key_events(self) -> tuple[Post, ...]:
        """Every key event and summary of the whole blog, newest first."""
        return tuple(p for p in self.posts_newest_first() if p.entry.key_event or p.entry.summary)

    @property
    def pinned_post(self) -> Post | None:
        """The pinned post, or None."""
        return self._posts.get(self._pinned) if self._pinned else None

    @property
    def most_recent_id(self) -> str | None:
        """The newest post's id, or None for an empty blog."""
        order = self.posts_newest_first()
        return order[0].id if order else None

    @property
    def first_published(self) -> datetime:
        """When the oldest post was published (the blog's start), or the demo start."""
        order = self.posts_newest_first()
        return order[-1].entry.published if order else self.start

    @property
    def last_modified(self) -> datetime:
        """The latest publication or update time."""
        if self._last_modified is None:
            times = [p.entry.updated or p.entry.published for p in self._posts.values()]
            ended = [self._ended_at] if self._ended_at else []
            self._last_modified = max([self.first_published, *times, *ended])
        return self._last_modified

    def authors(self) -> tuple[str, ...]:
        """Return the blog's byline: contributors in order of their first post."""
        seen: dict[str, None] = {}
        for post in reversed(self.posts_newest_first()):
            seen.update(dict.fromkeys(post.entry.authors))
        return tuple(seen)

    def avatar_url(self, name: str) -> str | None:
        """Return a contributor's picture URL on the demo server, or None for strangers."""
        file = TEAM.get(name)
        return f"{self.origin}/media/contributors/{file}" if file else None

    # -- pages (rules in liveread.demo.story._paging) -------------------------------------

    def count_pages(self, page_size: int | None = None) -> int:
        """How many pages the blog has: ``max(1, n // page_size)``."""
        return len(split_pages(self.posts_newest_first(), page_size or self.page_size))

    @property
    def total_pages(self) -> int:
        """How many pages the blog has at its own page size."""
        return self.count_pages()

    def page(self, n: int, page_size: int | None = None) -> PageSlice:
        """Page *n* (1 = newest) with its navigation links; ValueError if there is none."""
        return page_slice(self.posts_newest_first(), n, page_size or self.page_size)

    def page_with(self, block_id: str, page_size: int | None = None) -> int | None:
        """Return the number of the page holding *block_id*, or None when it is not published."""
        return page_with(self.posts_newest_first(), block_id, page_size or self.page_size)

    def page_for_query(self, query: str) -> int | None:
        """Return the page a ``?page=with:block-<id>`` query names (1 if none; None if unknown)."""
        return page_for_query(self.posts_newest_first(), query, self.page_size)

    def blocks_after(self, block_id: str, limit: int | None = 5) -> tuple[Post, ...] | None:
        """Return posts published after *block_id*, newest first: what the poll answers with.

        At most *limit* (the ones right after the anchor, like the frontend's
        ``body:around:<id>:5``), so asking again from the newest one returned
        gets the next batch. None when *block_id* is not (or no longer) published.
        """
        return window_after(self.posts_newest_first(), block_id, limit)
