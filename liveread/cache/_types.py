"""What the cache answers a reader with: small frozen records, no behaviour.

:class:`BlogSummary` (a blog's line in the library) and :class:`SinceReport`
(what changed since the reader last looked): what a blog's opening reads.
What it answers the follower and a search with (:class:`Changes`,
:class:`Validators`, :class:`SearchHit`) is in ``_records``, so that opening a
blog creates none of those frozen dataclasses. Kept apart from
:mod:`liveread.cache` so that the TUI and the CLI can name these types without
pulling in the database code; :mod:`liveread.cache` re-exports them all.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

__all__ = ["BlogSummary", "SinceReport"]


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
