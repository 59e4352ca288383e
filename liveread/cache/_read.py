"""The cache's read queries: SQL that reads, and the records built from its rows.

Plain functions of an open :class:`sqlite3.Connection`, one per question
:class:`~liveread.cache.Cache` answers (a blog, one entry, the library list,
a search, what changed since a moment, follow state, validators). They take
no lock and open no transaction: the ``Cache`` method calling each one does
that, so that its queries share one snapshot. URLs passed in are already
normalised by :func:`~liveread.urls.blog_url`.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from liveread.cache._rows import (
    ENTRY_COLUMNS,
    changed_since,
    entries_by_rowid,
    entry_from_row,
    revisions_by_entry,
)
from liveread.cache._schema import db_time, from_db_time
from liveread.cache._types import BlogSummary, SinceReport
from liveread.errors import UnknownBlog
from liveread.model import Blog, Image, Pages, StoredEntry
from liveread.urls import BlogURL

if TYPE_CHECKING:
    from liveread.cache._records import SearchHit, Validators
    from liveread.matching import Query
    from liveread.model import FollowState

__all__ = [
    "blog_summaries",
    "fetch_validators",
    "find_blog_id",
    "follow_state",
    "known_blog_id",
    "load_blog",
    "load_entry",
    "search_entries",
    "since_report",
]


def find_blog_id(db: sqlite3.Connection, key: BlogURL) -> int | None:
    """Return the database id of the blog at *key*, or None when it is not cached."""
    row = db.execute("SELECT id FROM blogs WHERE url = ?", (key,)).fetchone()
    return row[0] if row else None


def known_blog_id(db: sqlite3.Connection, key: BlogURL) -> int:
    """Return the database id of the blog at *key*.

    Raises:
        UnknownBlog: the blog is not in the cache.

    """
    found = find_blog_id(db, key)
    if found is None:
        raise UnknownBlog.not_cached(key)
    return found


def load_blog(db: sqlite3.Connection, key: BlogURL, newest: int | None) -> Blog:
    """Return the cached blog at *key*: see :meth:`~liveread.cache.Cache.load`.

    Three queries (the blog, its entries, their revisions), whatever its size;
    with *newest*, index lookups of the newest entries, key events and pinned ones.

    Raises:
        UnknownBlog: the blog is not in the cache.

    """
    row = db.execute(
        "SELECT id, title, standfirst, source, live, main_image, pages, site_name, window_size,"
        # From when a windowed blog's archive is complete: see _blog_from_row.
        " added_at, (SELECT min(published) FROM entries e WHERE e.blog_id = b.id"
        " AND b.window_size IS NOT NULL) FROM blogs b WHERE url = ?",
        (key,),
    ).fetchone()
    if row is None:
        raise UnknownBlog.not_cached(key)
    blog_id = row[0]
    if newest is not None:
        return _blog_from_row(key, row, _load_window(db, blog_id, newest))
    revisions = revisions_by_entry(
        db.execute(
            "SELECT entry_rowid, seen, title, text FROM revisions WHERE blog_id = ? ORDER BY id",
            (blog_id,),
        )
    )
    entries = tuple(
        entry_from_row(r, revisions.get(r[0], ()))
        for r in db.execute(
            f"SELECT {ENTRY_COLUMNS} FROM entries WHERE blog_id = ?"
            " ORDER BY published DESC, entry_id DESC",
            (blog_id,),
        )
    )
    return _blog_from_row(key, row, entries)


def _load_window(db: sqlite3.Connection, blog_id: int, newest: int) -> tuple[StoredEntry, ...]:
    """The newest *newest* entries, key events or summaries, and every pinned one, newest first.

    Index lookups: one SELECT per index (with the flags OR-ed in one WHERE,
    SQLite walked all the blog's entries).
    """
    limit = max(newest, 0)
    rowids = [
        r[0]
        for r in db.execute(
            "SELECT id FROM (SELECT id FROM entries WHERE blog_id = ?"
            " ORDER BY published DESC, entry_id DESC LIMIT ?)"
            " UNION SELECT id FROM (SELECT id FROM entries WHERE blog_id = ?"
            " AND (key_event = 1 OR summary = 1) ORDER BY published DESC, entry_id DESC LIMIT ?)"
            " UNION SELECT id FROM entries WHERE blog_id = ? AND pinned = 1",
            (blog_id, limit, blog_id, limit, blog_id),
        )
    ]
    found = entries_by_rowid(db, rowids)
    return tuple(sorted(found.values(), key=lambda e: (e.published, e.id), reverse=True))


def _blog_from_row(key: BlogURL, row: Sequence[Any], entries: tuple[StoredEntry, ...]) -> Blog:
    """A Blog from its ``blogs`` row (id, title, standfirst, source, live, ...) and entries.

    A blog whose site only ever shows a window of its newest entries has its
    history from the oldest entry held (the row's last column, an index
    lookup): liveread never sees older ones, so that is the oldest of the
    first window it read.
    """
    return Blog(
        url=key,
        title=row[1],
        standfirst=row[2],
        source=row[3],
        live=None if row[4] is None else bool(row[4]),
        main_image=Image.from_dict(json.loads(row[5])) if row[5] else None,
        pages=Pages.from_dict(json.loads(row[6])) if row[6] else None,
        entries=entries,
        site_name=row[7],
        window=row[8],
        history_from=from_db_time(row[10]),
        following_since=from_db_time(row[9]),
    )


def load_entry(db: sqlite3.Connection, key: BlogURL, entry_id: str) -> StoredEntry | None:
    """Return one cached entry of the blog at *key* (with its revisions), or None."""
    row = db.execute(
        "SELECT e.id FROM entries e JOIN blogs b ON b.id = e.blog_id"
        " WHERE b.url = ? AND e.entry_id = ?",
        (key, entry_id),
    ).fetchone()
    if row is None:
        return None
    return entries_by_rowid(db, [row[0]])[row[0]]


def blog_summaries(db: sqlite3.Connection, key: BlogURL | None = None) -> list[BlogSummary]:
    """List every cached blog (or only the one at *key*), newest activity first.

    See :class:`BlogSummary`. The counts are per blog, so asking for one blog
    costs that blog's counts only. URLs the user asked to follow that were
    never reached are listed too, with ``reached`` False.
    """
    rows = db.execute(
        """
        SELECT b.url, b.title, b.source, b.live, b.last_change, b.last_success,
               b.last_read, b.last_error, b.last_error_at, b.site_name, b.window_size, b.added_at,
               (SELECT min(published) FROM entries e
                 WHERE e.blog_id = b.id AND b.window_size IS NOT NULL),
               -- All of them (an index count) less the removed (a partial index).
               (SELECT count(*) FROM entries e WHERE e.blog_id = b.id)
                 - (SELECT count(*) FROM entries e WHERE e.blog_id = b.id AND e.removed = 1),
               (SELECT count(*) FROM entries e WHERE e.blog_id = b.id
                 AND (e.key_event = 1 OR e.summary = 1) AND e.removed = 0),
               (SELECT max(published) FROM entries e WHERE e.blog_id = b.id),
               (SELECT count(*) FROM entries e WHERE e.blog_id = b.id
                 AND e.first_seen > coalesce(b.last_read, '') AND e.removed = 0)
        FROM blogs b
        WHERE ? IS NULL OR b.url = ?
        """,
        (key, key),
    ).fetchall()
    summaries = []
    for r in rows:
        latest = max((t for t in (r[4], r[15]) if t), default=None)
        summaries.append(
            BlogSummary(
                url=r[0],
                title=r[1],
                source=r[2],
                live=None if r[3] is None else bool(r[3]),
                entries=r[13],
                key_events=r[14],
                last_update=from_db_time(latest),
                last_success=from_db_time(r[5]),
                new_since_read=r[16],
                last_read=from_db_time(r[6]),
                last_error=r[7],
                last_error_at=from_db_time(r[8]),
                site_name=r[9],
                window=r[10],
                history_from=from_db_time(r[12]),
                following_since=from_db_time(r[11]),
                newest=from_db_time(r[15]),
            )
        )
    for url, added_at, error, error_at in db.execute(
        "SELECT url, added_at, last_error, last_error_at FROM wanted WHERE ? IS NULL OR url = ?",
        (key, key),
    ):
        summaries.append(
            BlogSummary(
                url=url,
                title="",
                source="",
                live=None,
                entries=0,
                key_events=0,
                last_update=from_db_time(error_at or added_at),
                last_success=None,
                new_since_read=0,
                last_read=None,
                last_error=error,
                last_error_at=from_db_time(error_at),
                reached=False,
            )
        )
    summaries.sort(key=lambda s: s.url)
    summaries.sort(key=lambda s: (s.last_update is not None, s.last_update), reverse=True)
    return summaries


def search_entries(
    db: sqlite3.Connection, query: Query, key: BlogURL | None, limit: int
) -> list[SearchHit]:
    """Find entries matching *query*, newest first: see :meth:`~liveread.cache.Cache.search`.

    FTS5 finds the candidates (its tokenizer folds at least as much as the
    query's rules do); each is then checked by :meth:`Query.matches`, so the
    hits are exactly what the TUI's search shows for the same words.

    Args:
        db: The cache connection.
        query: The parsed query.
        key: Search this blog only (None: every blog).
        limit: At most this many hits.

    """
    sql = (
        "SELECT e.id, b.url, b.title, e.title, e.text, e.search_extra,"
        " snippet(entries_fts, -1, '', '', '…', 16)"
        " FROM entries_fts JOIN entries e ON e.id = entries_fts.rowid"
        " JOIN blogs b ON b.id = e.blog_id WHERE entries_fts MATCH ?"
    )
    params: list[object] = [query.fts()]
    if key is not None:
        sql += " AND b.url = ?"
        params.append(key)
    sql += " ORDER BY e.published DESC, e.entry_id DESC"
    rows = []
    for row in db.execute(sql, params):
        if query.matches(row[3:6]):
            rows.append(row)
            if len(rows) >= limit:
                break
    entries = entries_by_rowid(db, [r[0] for r in rows])
    from liveread.cache._records import SearchHit

    return [SearchHit(r[1], r[2], entries[r[0]], r[6]) for r in rows]


def follow_state(db: sqlite3.Connection, key: BlogURL) -> FollowState:
    """Return the follow state stored for the blog at *key* (empty when none or unknown)."""
    row = db.execute(
        "SELECT f.value FROM follow_state f JOIN blogs b ON b.id = f.blog_id WHERE b.url = ?",
        (key,),
    ).fetchone()
    from liveread.model import FollowState  # a follower's: not for a reader opening the cache

    return FollowState.from_json(row[0] if row else None)


def fetch_validators(db: sqlite3.Connection, fetch_url: str) -> Validators | None:
    """Return the validators stored for a fetched URL (exactly as given), or None."""
    row = db.execute(
        "SELECT etag, last_modified, body_hash FROM validators WHERE fetch_url = ?",
        (fetch_url,),
    ).fetchone()
    from liveread.cache._records import Validators  # a fetch's: not for a reader

    return Validators(*row) if row else None


def since_report(db: sqlite3.Connection, key: BlogURL, moment: datetime) -> SinceReport:
    """Report what happened to the blog at *key* after *moment*: entries new, edited, removed.

    Raises:
        UnknownBlog: the blog is not in the cache.

    """
    new, edited, removed = changed_since(db, known_blog_id(db, key), db_time(moment))
    return SinceReport(
        moment,
        tuple(r[1] for r in new),
        tuple(r[1] for r in edited),
        tuple(r[1] for r in removed),
    )
