"""What the cache answers the follower and a search with: small frozen records, no behaviour.

:class:`Changes` (what one apply changed), :class:`Validators` (what to send
with the next conditional GET of a URL) and :class:`SearchHit` (one entry a
search found). Apart from ``_types`` (what a blog's opening reads): a reader
opening a blog creates none of these. :mod:`liveread.cache` re-exports them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from liveread.model import StoredEntry

__all__ = ["Changes", "SearchHit", "Validators"]


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
