"""Merging one arriving snapshot into the cached entries: the rules of ``Cache.apply``.

Also the other writes of an apply (blog metadata, follow state, validators),
which :class:`~liveread.cache.Cache` runs in the same transaction.

Runs inside the caller's transaction and touches only rows it can reach by
index: the arriving entries (one lookup each by (blog, entry id)), the few
pinned or key-flagged entries (partial indexes), and on a first page the
entries newer than that page's oldest feed entry (index on (blog,
published)). Its cost follows what arrived, never the size of the blog.

The rules, and why (live blogs publish blocks out of id order, roll old ones
onto page 2, and stamp edits unreliably):

- A change of :attr:`Entry.content_hash` is an edit: the previous revision
  keeps the old body, a new revision is added, the entry's body replaced.
  Timestamps, url and authors are updated silently.
- A text that returns to an earlier version is that version again: the
  earlier revision moves to the end (seen now) instead of a copy being added,
  so an entry that flips between two texts at every request keeps two. An
  entry keeps at most :data:`MAX_REVISIONS`: the first seen and the newest;
  those in between go first.
- "Authoritative" = a whole page (``kind == "page"``) that is the blog's
  first page (:attr:`Snapshot.authoritative`). Only it moves the pin
  (entries it does not show pinned are unpinned) and only it flags
  removals: an entry it lacks that is newer than
  the oldest entry of its own feed (``feed_ids``) was deleted upstream; an
  older one merely rolled onto page 2. An entry its feed names without
  carrying it (``Snapshot.elsewhere``) is there, not removed.
  That rule is also what keeps a window honest: a source that only ever shows
  the newest N entries (:attr:`Snapshot.window`) makes every entry that
  scrolls out of it older than the window's oldest, so it is never flagged.
- Key-event and summary flags follow every apply for the entries it carries;
  with ``key_events_complete`` the flagged entries it lacks lose their flags.
- An entry in ``partial_ids`` (the page shows it only in its structured data,
  a thinner view than the rendering another read gave) is stored when new;
  when cached, it only un-removes it and may raise its key-event or summary
  flag, never replace its content or clear a flag.
- An arriving entry is present upstream: one flagged removed is un-removed.
- Ids the snapshot lists in ``removed_ids`` were deleted upstream, whatever
  the snapshot's kind: those held are flagged removed (and kept). Such an id
  wins over an arriving entry of the same id.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Container
from typing import TYPE_CHECKING, Any

from liveread.cache._log import ChangeKind
from liveread.cache._rows import compact_json
from liveread.cache._schema import db_time
from liveread.matching import entry_fields

if TYPE_CHECKING:
    from liveread.cache._records import Validators
    from liveread.model import Entry, FollowState, Snapshot

__all__ = ["MAX_REVISIONS", "ApplyPlan", "store_metadata", "write_state", "write_validators"]

#: The most revisions an entry keeps: the first seen and the newest.
MAX_REVISIONS = 50

_LOOKUP = (
    "SELECT id, content_hash, key_event, summary, pinned, removed,"
    " published, updated, url, authors FROM entries WHERE blog_id = ? AND entry_id = ?"
)
_INSERT = (
    "INSERT INTO entries (blog_id, entry_id, published, updated, title, text, body, url,"
    " authors, content_hash, key_event, summary, pinned, removed, removed_at, first_seen,"
    " search_extra) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
_INSERT_REVISION = (
    "INSERT INTO revisions (entry_rowid, blog_id, seen, title, text) VALUES (?, ?, ?, ?, ?)"
)
# The current revision's body is NULL (it is the entry's own); before the
# entry is overwritten, the superseded revision gets its body to keep.
_KEEP_OLD_BODY = (
    "UPDATE revisions SET body = (SELECT body FROM entries WHERE id = ?1)"
    " WHERE entry_rowid = ?1 AND body IS NULL"
)
# An arriving entry is there upstream: never (or no longer) removed.
_EDIT = (
    "UPDATE entries SET removed = 0, removed_at = NULL, published = ?, updated = ?, title = ?,"
    " text = ?, body = ?, url = ?, authors = ?, content_hash = ?, key_event = ?, summary = ?,"
    " pinned = ?, search_extra = ? WHERE id = ?"
)
_REFRESH = (
    "UPDATE entries SET removed = 0, removed_at = NULL, published = ?, updated = ?, url = ?,"
    " authors = ?, key_event = ?, summary = ?, pinned = ?, search_extra = ? WHERE id = ?"
)
_REFLAG = (
    "UPDATE entries SET removed = 0, removed_at = NULL, key_event = ?, summary = ?, pinned = ?"
    " WHERE id = ?"
)
_FLAG_REMOVED = "UPDATE entries SET removed = 1, removed_at = ? WHERE id = ?"
# An earlier version of the same content (superseded revisions hold their body).
_EARLIER = (
    "SELECT id FROM revisions WHERE entry_rowid = ? AND body IS NOT NULL"
    " AND title IS ? AND text = ? AND body = ? LIMIT 1"
)
# Past the bound, the oldest revisions after the first one go.
_TRIM = (
    "DELETE FROM revisions WHERE id IN (SELECT id FROM revisions WHERE entry_rowid = ?1"
    " AND id > (SELECT MIN(id) FROM revisions WHERE entry_rowid = ?1) ORDER BY id LIMIT ?2)"
)


class ApplyPlan:
    """One apply's merge of a snapshot into a blog's cached entries.

    Attributes:
        authoritative: The blog is a whole first page (it moves the pin and
            flags removals).

    """

    def __init__(self, db: sqlite3.Connection, blog_id: int, blog: Snapshot, now: str) -> None:
        """Prepare to merge *blog* into blog row *blog_id*; *now* is a db_time text."""
        self._db = db
        self._blog_id = blog_id
        self._blog = blog
        self._now = now
        self.authoritative = blog.authoritative
        # rowid -> (published, entry id): ordering of each group, oldest first.
        self._order: dict[int, tuple[str, str]] = {}
        self._new: set[int] = set()
        self._edited: set[int] = set()
        self._removed: set[int] = set()
        self._reflagged: set[int] = set()
        self._partial = frozenset(blog.partial_ids)

    def __bool__(self) -> bool:
        """Return True when anything changed."""
        return bool(self._new or self._edited or self._removed or self._reflagged)

    def run(self) -> None:
        """Merge every arriving entry, then move the pin, key flags and removals."""
        deleted = frozenset(self._blog.removed_ids)
        entries = self._blog.entries
        if deleted:
            entries = tuple(e for e in entries if e.id not in deleted)
        arriving = _merge_duplicates(entries)
        for entry in arriving.values():
            self._merge(entry)
        present = arriving.keys()
        if self.authoritative:
            self._clear_absent("pinned = 1", "pinned = 0", present)
        if self._blog.key_events_complete:
            self._clear_absent(
                "(key_event = 1 OR summary = 1)", "key_event = 0, summary = 0", present
            )
        if self.authoritative:
            self._flag_removed(arriving)
        if deleted:
            self._flag_deleted(deleted)

    def groups(self) -> tuple[list[int], list[int], list[int], list[int]]:
        """Return the row ids of (new, edited, removed, reflagged) entries, each oldest first.

        The groups are disjoint: new, edited or removed wins over reflagged.
        """
        reflagged = self._reflagged - self._new - self._edited - self._removed

        def oldest_first(group: set[int]) -> list[int]:
            return sorted(group, key=self._order.__getitem__)

        return (
            oldest_first(self._new),
            oldest_first(self._edited),
            oldest_first(self._removed),
            oldest_first(reflagged),
        )

    def all_rowids(self) -> set[int]:
        """Return every row id that changed."""
        return self._new | self._edited | self._removed | self._reflagged

    # -- steps ------------------------------------------------------------------

    def _merge(self, entry: Entry) -> None:
        db = self._db
        published = db_time(entry.published)
        updated = db_time(entry.updated) if entry.updated else None
        authors = compact_json(list(entry.authors))
        text = entry.text
        row = db.execute(_LOOKUP, (self._blog_id, entry.id)).fetchone()
        if row is None:
            cur = db.execute(
                _INSERT,
                (
                    self._blog_id,
                    entry.id,
                    published,
                    updated,
                    entry.title,
                    text,
                    compact_json([b.to_dict() for b in entry.body]),
                    entry.url,
                    authors,
                    entry.content_hash,
                    int(entry.key_event),
                    int(entry.summary),
                    int(entry.pinned and self.authoritative),
                    0,
                    None,
                    self._now,
                    entry_fields(entry)[2],
                ),
            )
            rowid = cur.lastrowid
            assert rowid is not None
            db.execute(_INSERT_REVISION, (rowid, self._blog_id, self._now, entry.title, text))
            self._note(self._new, rowid, published, entry.id)
            return
        rowid, old_hash, *old_flags = row[:6]
        pinned = int(entry.pinned) if self.authoritative else old_flags[2]
        flags = [int(entry.key_event), int(entry.summary), pinned, 0]
        if entry.id in self._partial:
            # A thinner view of an entry the cache holds: its content and
            # metadata stay as they are; it is there, and may be a key event.
            flags[:2] = [flags[0] | old_flags[0], flags[1] | old_flags[1]]
            if flags != list(old_flags):
                db.execute(_REFLAG, (*flags[:3], rowid))
                self._note(self._reflagged, rowid, published, entry.id)
            return
        if old_hash != entry.content_hash:
            body = compact_json([b.to_dict() for b in entry.body])
            db.execute(_KEEP_OLD_BODY, (rowid,))
            earlier = db.execute(_EARLIER, (rowid, entry.title, text, body)).fetchone()
            if earlier is not None:  # back to a version seen before: that one, seen again
                db.execute("DELETE FROM revisions WHERE id = ?", (earlier[0],))
            db.execute(
                _EDIT,
                (
                    published,
                    updated,
                    entry.title,
                    text,
                    body,
                    entry.url,
                    authors,
                    entry.content_hash,
                    *flags[:3],
                    entry_fields(entry)[2],
                    rowid,
                ),
            )
            db.execute(_INSERT_REVISION, (rowid, self._blog_id, self._now, entry.title, text))
            (kept,) = db.execute(
                "SELECT COUNT(*) FROM revisions WHERE entry_rowid = ?", (rowid,)
            ).fetchone()
            if kept > MAX_REVISIONS:
                db.execute(_TRIM, (rowid, kept - MAX_REVISIONS))
            self._note(self._edited, rowid, published, entry.id)
            return
        flags_changed = flags != list(old_flags)
        if flags_changed or (published, updated, entry.url, authors) != tuple(row[6:10]):
            extra = entry_fields(entry)[2]  # the authors are searched
            db.execute(_REFRESH, (published, updated, entry.url, authors, *flags[:3], extra, rowid))
        if flags_changed:
            self._note(self._reflagged, rowid, published, entry.id)

    def _clear_absent(self, flagged: str, clear: str, present: Container[str]) -> None:
        """Clear a flag on every entry carrying it that did not arrive.

        *flagged* must match a partial index's WHERE clause word for word, so
        that the lookup reads only the flagged rows.
        """
        rows = self._db.execute(
            f"SELECT id, entry_id, published FROM entries WHERE blog_id = ? AND {flagged}",
            (self._blog_id,),
        ).fetchall()
        for rowid, entry_id, published in rows:
            if entry_id not in present:
                self._db.execute(f"UPDATE entries SET {clear} WHERE id = ?", (rowid,))
                self._note(self._reflagged, rowid, published, entry_id)

    def _flag_removed(self, arriving: dict[str, Entry]) -> None:
        feed = set(self._blog.feed_ids)
        times = [db_time(e.published) for e in arriving.values() if e.id in feed]
        # Entries the feed names without carrying them (Snapshot.elsewhere) are
        # there upstream too: their stored times count for the feed's oldest.
        times.extend(self._stored_times(sorted(feed - arriving.keys())))
        if not times:
            return  # no feed to measure against: cannot tell a removal from a roll-over
        rows = self._db.execute(
            "SELECT id, entry_id, published FROM entries"
            " WHERE blog_id = ? AND published > ? AND removed = 0",
            (self._blog_id, min(times)),
        ).fetchall()
        for rowid, entry_id, published in rows:
            if entry_id not in arriving and entry_id not in feed:
                self._db.execute(_FLAG_REMOVED, (self._now, rowid))
                self._note(self._removed, rowid, published, entry_id)

    def _stored_times(self, ids: list[str]) -> list[str]:
        """The stored published times of the entries of *ids* the cache holds (by index)."""
        found: list[str] = []
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            found.extend(
                row[0]
                for row in self._db.execute(
                    f"SELECT published FROM entries WHERE blog_id = ? AND entry_id IN ({marks})",
                    (self._blog_id, *chunk),
                )
            )
        return found

    def _flag_deleted(self, deleted: frozenset[str]) -> None:
        """Flag removed the entries the response says were deleted (one lookup each)."""
        for entry_id in sorted(deleted):
            row = self._db.execute(
                "SELECT id, published, removed FROM entries WHERE blog_id = ? AND entry_id = ?",
                (self._blog_id, entry_id),
            ).fetchone()
            if row is None or row[2] or row[0] in self._removed:
                continue  # never seen (nothing to keep), or flagged already
            self._db.execute(_FLAG_REMOVED, (self._now, row[0]))
            self._note(self._removed, row[0], row[1], entry_id)

    def _note(self, group: set[int], rowid: int, published: str, entry_id: str) -> None:
        group.add(rowid)
        self._order[rowid] = (published, entry_id)


def _merge_duplicates(entries: tuple[Entry, ...]) -> dict[str, Entry]:
    """Index entries by id, each once.

    A repeated id (a pinned copy) keeps the first version and gathers the
    flags of every copy.
    """
    merged: dict[str, Entry] = {}
    for entry in entries:
        seen = merged.get(entry.id)
        if seen is None:
            merged[entry.id] = entry
        elif (entry.pinned, entry.key_event, entry.summary) != (
            seen.pinned,
            seen.key_event,
            seen.summary,
        ):
            merged[entry.id] = seen.with_changes(
                pinned=seen.pinned or entry.pinned,
                key_event=seen.key_event or entry.key_event,
                summary=seen.summary or entry.summary,
            )
    return merged


def store_metadata(
    db: sqlite3.Connection, blog_id: int, blog: Snapshot, now: str, changed: bool
) -> list[tuple[ChangeKind, Any]]:
    """Update what the snapshot carries; keep what it does not (NULL = keep).

    The title, standfirst, site name and main image are what the blog's
    first page says, the live state what a first page or an update answer
    says; the window size is what the blog's first page says (a page read
    whole says "no window"); an update answer leaves it as it is. Returns the
    changes of the blog itself, for the change log: its new title, its new
    live state (``("live", False)``: it ended).
    """
    old_title, old_live = db.execute(
        "SELECT title, live FROM blogs WHERE id = ?", (blog_id,)
    ).fetchone()
    # The snapshot rules: the blog's metadata is what its first page says; its
    # live state, what a first page or an update answer says (an older page
    # says nothing of either).
    first = blog.first_page
    title = blog.title if first else ""
    live = blog.live if first or blog.kind == "update" else None
    found: list[tuple[ChangeKind, Any]] = []
    if title and title != old_title:
        found.append(("title", title))
    if live is not None and (old_live is None or bool(old_live) != live):
        found.append(("live", live))
    first_page = blog.pages is not None and blog.pages.current == 1
    db.execute(
        """
        UPDATE blogs SET
            title = COALESCE(?, title),
            standfirst = COALESCE(?, standfirst),
            site_name = COALESCE(?, site_name),
            source = COALESCE(?, source),
            live = COALESCE(?, live),
            main_image = COALESCE(?, main_image),
            pages = COALESCE(?, pages),
            window_size = CASE WHEN ? THEN ? ELSE window_size END,
            last_success = ?,
            last_change = CASE WHEN ? THEN ? ELSE last_change END
        WHERE id = ?
        """,
        (
            title or None,
            (blog.standfirst if first else "") or None,
            (blog.site_name if first else "") or None,
            blog.source or None,
            None if live is None else int(live),
            compact_json(blog.main_image.to_dict()) if blog.main_image and first else None,
            compact_json(blog.pages.to_dict()) if blog.pages and first_page else None,
            blog.authoritative,
            blog.window,
            now,
            changed,
            now,
            blog_id,
        ),
    )
    return found


def write_state(db: sqlite3.Connection, blog_id: int, state: FollowState) -> None:
    """Store a blog's follow state (one JSON value, replacing the one held)."""
    db.execute(
        "INSERT OR REPLACE INTO follow_state (blog_id, value) VALUES (?, ?)",
        (blog_id, state.to_json()),
    )


def write_validators(
    db: sqlite3.Connection, blog_id: int, fetch_url: str, found: Validators, now: str
) -> None:
    """Store the validators of one fetched URL (all None deletes them)."""
    if found.etag is None and found.last_modified is None and found.body_hash is None:
        db.execute("DELETE FROM validators WHERE fetch_url = ?", (fetch_url,))
        return
    db.execute(
        "INSERT OR REPLACE INTO validators"
        " (fetch_url, blog_id, etag, last_modified, body_hash, stored_at)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        (fetch_url, blog_id, found.etag, found.last_modified, found.body_hash, now),
    )
