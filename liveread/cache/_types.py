"""What the cache answers with: small frozen records, no behaviour.

Kept apart from :mod:`liveread.cache` so that the TUI and the CLI can name
these types without pulling in the database code; :mod:`liveread.cache`
re-exports them all.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from liveread.model import StoredEntry

__all__ = ["BlogSummary", "Changes", "SearchHit", "SinceReport", "Validators"]


@dataclass(frozen=True)
class Changes:
    """What one :meth:`Cache.apply` changed.

    Every entry here is as the cache now holds it (``first_seen`` and
    ``revisions`` filled in).

    Attributes:
        new: Entries seen for the first time, oldest first.
        edited: Entries whose content (title, text, images) changed: their new
            versions, oldest first; the last revision is the new one.
        removed: Entries now flagged removed: they vanished from page 1, or the
            site said they were deleted (an update's deletion, a tombstone:
            ``Snapshot.removed_ids``).
        reflagged: Entries whose pin, key-event, summary or removed flag changed
            while their content did not (an entry that reappears unchanged).
        title: The blog's new title, when this apply changed it; else None.
        live: The blog's new live state (False: it ended), when this apply
            changed it; else None.
        seqs: The first and last numbers of the change-log rows this apply
            wrote (see :meth:`Cache.changes_after`), or None when it wrote none.

    """

    new: tuple[StoredEntry, ...] = ()
    edited: tuple[StoredEntry, ...] = ()
    removed: tuple[StoredEntry, ...] = ()
    reflagged: tuple[StoredEntry, ...] = ()
    title: str | None = None
    live: bool | None = None
    seqs: tuple[int, int] | None = field(default=None, compare=False)

    def __bool__(self) -> bool:
        """Return True when anything changed: an entry, the title or the live state."""
        return bool(
            self.new
            or self.edited
            or self.removed
            or self.reflagged
            or self.title is not None
            or self.live is not None
        )

    @property
    def total(self) -> int:
        """How many entries changed in any way."""
        return len(self.new) + len(self.edited) + len(self.removed) + len(self.reflagged)


@dataclass(frozen=True)
class BlogSummary:
    """One blog as the library lists it.

    Attributes:
        url: The blog's URL (its key in the cache).
        title: Its headline ("" until a page of it has been read).
        source: The source that read it ("guardian", "schemaorg", ...), or "".
        live: True while being written, False once ended, None if unknown.
        entries: How many entries it holds, not counting removed ones.
        key_events: How many of those are key events or summaries.
        last_update: The newest entry's published time or the last change
            seen, whichever is later; None for a blog with no entries.
        last_success: When a fetch of it last succeeded, or None.
        new_since_read: Entries first seen after ``last_read`` (all when never read).
        last_read: When the user last read it (:meth:`Cache.mark_read`), or None.
        last_error: The message of the last failed fetch, or None.
        last_error_at: When a fetch last failed, or None.
        reached: False for a URL the user asked to follow that never answered
            with a live blog yet ("not reached yet"): it has no entries, no
            title, nothing but its last error.
        site_name: The site's name as its pages give it ("The Mirror"), or "".
        window: How many of its newest entries the site shows, when it only
            ever shows a window of them (schema.org data, an AMP list); None
            for blogs whose older pages reach the whole history.
        history_from: For a windowed blog, the first-published time of the
            oldest entry held: the archive is complete from then on (while
            followed), older entries were out of the site's window when
            liveread first read it. None otherwise.
        following_since: When liveread first stored the blog, or None.
        newest: The newest entry's published time alone (``last_update`` is the
            later of it and the last change seen); None for a blog with no entries.

    """

    url: str
    title: str
    source: str
    live: bool | None
    entries: int
    key_events: int
    last_update: datetime | None
    last_success: datetime | None
    new_since_read: int
    last_read: datetime | None
    last_error: str | None = None
    last_error_at: datetime | None = None
    reached: bool = True
    site_name: str = ""
    window: int | None = None
    history_from: datetime | None = None
    following_since: datetime | None = None
    newest: datetime | None = None

    @property
    def not_reached(self) -> str | None:
        """For a URL never reached: "not reached yet: <the last error>" (every view says so)."""
        if self.reached:
            return None
        return "not reached yet" + (f": {self.last_error}" if self.last_error else "")


@dataclass(frozen=True)
class SearchHit:
    """One entry that matched a search.

    Attributes:
        url: The URL of the blog holding the entry.
        blog_title: That blog's title.
        entry: The entry, as the cache holds it.
        snippet: A plain-text excerpt around the match (no markers: the caller
            finds the terms in it to highlight them).

    """

    url: str
    blog_title: str
    entry: StoredEntry
    snippet: str


@dataclass(frozen=True)
class Validators:
    """What to send with the next conditional GET of one URL.

    Attributes:
        etag: The ETag as received, or None.
        last_modified: The Last-Modified header as received, or None.
        body_hash: A hash of the last body parsed, to skip parsing an identical one.

    """

    etag: str | None = None
    last_modified: str | None = None
    body_hash: str | None = None


@dataclass(frozen=True)
class SinceReport:
    """What happened to a blog since a moment ("12 new, 2 edited, 1 removed since 13:40").

    The three lists are disjoint entry ids, oldest published first.

    Attributes:
        since: The moment asked about.
        new: Entries first seen after it (and not removed since).
        edited: Entries seen before it with a revision seen after it.
        removed: Entries flagged removed after it.

    """

    since: datetime
    new: tuple[str, ...]
    edited: tuple[str, ...]
    removed: tuple[str, ...]
