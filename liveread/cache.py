"""The SQLite cache: every blog followed, every entry seen, every revision of it.

:class:`Cache` is the one way in. ``apply(blog)`` merges one page or poll
answer into the cache in a single ``BEGIN IMMEDIATE`` transaction and says
what changed (:class:`Changes`); ``load(url)`` gives the whole cached blog
back; ``search`` looks through every entry's title and text. Nothing seen is
ever deleted: an edit adds a revision, an entry that vanished upstream is
flagged ``removed``; only :meth:`Cache.remove_blog` deletes, when the user asks.

The schema, migrations and the checks made when a file is opened live in
:mod:`liveread.cache_schema`; the merge rules and writes of ``apply`` in
:mod:`liveread.cache_apply`; row <-> model conversion and the search query
syntax in :mod:`liveread.cache_rows`; the result records in
:mod:`liveread.cache_types` (re-exported here).
"""

from __future__ import annotations

import json
import re
import sqlite3
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from datetime import datetime, timezone
from pathlib import Path
from types import TracebackType
from typing import Any

from liveread import paths
from liveread.cache_apply import ApplyPlan, store_metadata, write_state, write_validators
from liveread.cache_rows import (
    ENTRY_COLUMNS,
    entries_by_rowid,
    entry_from_row,
    fts_query,
    revisions_by_entry,
)
from liveread.cache_schema import connect, db_time, from_db_time
from liveread.cache_types import BlogSummary, Changes, SearchHit, SinceReport, Validators
from liveread.errors import CacheError, UnknownBlog
from liveread.model import Blog, Entry, Image, Pages, PollInfo
from liveread.urls import blog_url

__all__ = [
    "BlogSummary",
    "Cache",
    "Changes",
    "SearchHit",
    "SinceReport",
    "Validators",
    "fts_query",
]


_NOT_CACHED = "{url} is not in the cache: follow it first with `liveread follow {url}`"


def _utc_now() -> datetime:
    return datetime.now(timezone.utc)


_SQLITE_ERRORS = (
    (re.compile(r"locked|busy", re.I), "is busy (another liveread held it for 5 s): try again"),
    (re.compile(r"full", re.I), "cannot grow: the disk is full"),
    (re.compile(r"readonly", re.I), "is read-only: check its permissions"),
)


class Cache:
    """The cache database: open it, apply what arrives, read it back.

    One instance holds one connection; it may be shared between threads (calls
    are serialised). Several instances, in one process or several, may use
    the same file at once: writers take turns (busy timeout 5 s).

    Attributes:
        path: The database file.
        recovered_from: None, or where a damaged file found at ``path`` was
            moved when this instance opened it (the CLI says so in one line).

    """

    def __init__(
        self,
        path: Path | str | None = None,
        *,
        now: Callable[[], datetime] | None = None,
    ) -> None:
        """Open the cache at *path* (default :func:`liveread.paths.cache_path`).

        Args:
            path: The database file; created with mode 0600 when missing.
            now: The clock (returns an aware datetime); injectable for tests.

        Raises:
            CacheError: the file is from a newer liveread, or cannot be opened.

        """
        self.path = Path(path) if path is not None else paths.cache_path()
        self._now = now or _utc_now
        self._lock = threading.RLock()
        self._db: sqlite3.Connection | None = None
        self._db, self.recovered_from = connect(self.path, self._now)

    # -- plumbing ---------------------------------------------------------------

    def close(self) -> None:
        """Close the database (further calls raise CacheError)."""
        with self._lock:
            if self._db is not None:
                self._db.close()
                self._db = None

    def __enter__(self) -> Cache:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def _conn(self) -> sqlite3.Connection:
        if self._db is None:
            raise CacheError(f"the cache at {self.path} is closed")
        return self._db

    @contextmanager
    def _guard(self) -> Iterator[sqlite3.Connection]:
        """Serialise calls and turn SQLite errors into one-line CacheErrors."""
        with self._lock:
            try:
                yield self._conn()
            except sqlite3.Error as exc:
                for pattern, what in _SQLITE_ERRORS:
                    if pattern.search(str(exc)):
                        raise CacheError(f"the cache at {self.path} {what}") from exc
                raise CacheError(f"the cache at {self.path} failed: {exc}") from exc

    @contextmanager
    def _transaction(self, immediate: bool = True) -> Iterator[sqlite3.Connection]:
        """Run one transaction, BEGIN IMMEDIATE for writes, plain BEGIN for reads.

        Writers take the lock up front, so a second writer waits its turn
        (busy timeout) instead of failing when a read would upgrade; readers
        get one consistent snapshot across their queries.
        """
        with self._guard() as db:
            db.execute("BEGIN IMMEDIATE" if immediate else "BEGIN")
            try:
                yield db
                db.execute("COMMIT")
            except BaseException:
                # Also when COMMIT itself failed (disk full): never leave a
                # transaction open for the next call to trip over.
                if db.in_transaction:
                    with suppress(sqlite3.Error):
                        db.execute("ROLLBACK")
                raise

    def _blog_id(self, db: sqlite3.Connection, url: str, create: bool = False) -> int | None:
        row = db.execute("SELECT id FROM blogs WHERE url = ?", (url,)).fetchone()
        if row is not None or not create:
            return row[0] if row else None
        cur = db.execute(
            "INSERT INTO blogs (url, added_at) VALUES (?, ?)", (url, db_time(self._now()))
        )
        return cur.lastrowid

    def _known_blog_id(self, db: sqlite3.Connection, url: str) -> int:
        blog_id = self._blog_id(db, url)
        if blog_id is None:
            raise UnknownBlog(_NOT_CACHED.format(url=url))
        return blog_id

    # -- writing ----------------------------------------------------------------

    def apply(
        self,
        blog: Blog,
        *,
        state: Mapping[str, str | None] | None = None,
        validators: Mapping[str, Validators] | None = None,
    ) -> Changes:
        """Merge one page or poll answer of a blog into the cache, in one transaction.

        Entries are looked up one by one by id (cost follows what arrived, not
        what is cached). A change of an entry's content hash is an edit (a new
        revision); flags follow the latest page; an entry missing from a blog's
        first page is flagged removed when it is newer than the oldest entry
        of that page's own feed (older ones rolled onto page 2). Metadata the
        blog does not carry (a poll answer's empty title) never blanks the
        stored values. The blog's last success time is set to now. An
        arriving entry's ``removed`` flag is kept as given (adapters always say
        False, so an entry that reappears is un-removed; re-applying a loaded
        blog changes nothing).

        Args:
            blog: What an adapter read (a whole page, or an "update").
            state: Follow-state keys to store in the same transaction (None deletes).
            validators: Validators per fetched URL to store in the same transaction.

        Returns:
            What changed; empty when the blog brought nothing new.

        """
        url = blog_url(blog.url)
        now = db_time(self._now())
        with self._transaction() as db:
            blog_id = self._blog_id(db, url, create=True)
            assert blog_id is not None
            plan = ApplyPlan(db, blog_id, blog, now)
            plan.run()
            store_metadata(db, blog_id, blog, plan.authoritative, now, bool(plan))
            if state:
                write_state(db, blog_id, state)
            for fetch_url, found in (validators or {}).items():
                write_validators(db, blog_id, fetch_url, found, now)
            by_rowid = entries_by_rowid(db, plan.all_rowids())
            return Changes(*(tuple(by_rowid[r] for r in group) for group in plan.groups()))

    def set_state(self, url: str, values: Mapping[str, str | None]) -> None:
        """Store follow-state keys of a blog in their own transaction (None deletes a key).

        A blog not yet in the cache gets an empty row (it then shows in
        :meth:`blogs` with no title until a page of it is applied).
        """
        with self._transaction() as db:
            blog_id = self._blog_id(db, blog_url(url), create=True)
            assert blog_id is not None
            write_state(db, blog_id, values)

    def record_fetch(self, url: str, *, ok: bool, error: str | None = None) -> None:
        """Record the outcome of a fetch of a blog: last success, or last error time and message.

        A blog not yet in the cache gets an empty row, so that a follow whose
        first fetch failed shows in the library with its error.
        """
        now = db_time(self._now())
        with self._transaction() as db:
            blog_id = self._blog_id(db, blog_url(url), create=True)
            if ok:
                db.execute("UPDATE blogs SET last_success = ? WHERE id = ?", (now, blog_id))
            else:
                db.execute(
                    "UPDATE blogs SET last_error_at = ?, last_error = ? WHERE id = ?",
                    (now, error or "fetch failed", blog_id),
                )

    def mark_read(self, url: str, at: datetime | None = None) -> None:
        """Remember that the user read a blog up to *at* (default now).

        Raises:
            UnknownBlog: the blog is not in the cache.

        """
        moment = db_time(at or self._now())
        with self._transaction() as db:
            blog_id = self._known_blog_id(db, blog_url(url))
            db.execute("UPDATE blogs SET last_read = ? WHERE id = ?", (moment, blog_id))

    def remove_blog(self, url: str) -> bool:
        """Delete a blog with all its entries, revisions, state and validators.

        The only deletion liveread makes, when the user asks for it.

        Returns:
            True when the blog was in the cache.

        """
        with self._transaction() as db:
            cur = db.execute("DELETE FROM blogs WHERE url = ?", (blog_url(url),))
            return cur.rowcount > 0

    # -- reading ----------------------------------------------------------------

    def has(self, url: str) -> bool:
        """Return True when the cache knows the blog."""
        with self._guard() as db:
            return self._blog_id(db, blog_url(url)) is not None

    def load(self, url: str, *, newest: int | None = None) -> Blog:
        """Return the cached blog: every entry ever seen (removed ones flagged), newest first.

        Three queries (the blog, its entries, their revisions), whatever its size.

        Args:
            url: The blog's URL.
            newest: Load only the newest *newest* entries, plus every key event,
                summary and pinned entry of the blog (so a key-events list is
                complete): what a reader sees first, for a screen that shows it
                before loading the rest.

        Raises:
            UnknownBlog: the blog is not in the cache.

        """
        key = blog_url(url)
        with self._transaction(immediate=False) as db:
            row = db.execute(
                "SELECT id, title, standfirst, source, live, main_image, pages, poll"
                " FROM blogs WHERE url = ?",
                (key,),
            ).fetchone()
            if row is None:
                raise UnknownBlog(_NOT_CACHED.format(url=key))
            blog_id = row[0]
            if newest is not None:
                entries = self._load_window(db, blog_id, newest)
                return self._blog_from_row(key, row, entries)
            revisions = revisions_by_entry(
                db.execute(
                    "SELECT entry_rowid, seen, title, text FROM revisions"
                    " WHERE blog_id = ? ORDER BY id",
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
        return self._blog_from_row(key, row, entries)

    @staticmethod
    def _load_window(db: sqlite3.Connection, blog_id: int, newest: int) -> tuple[Entry, ...]:
        """The newest *newest* entries and every flagged one, newest first (index lookups)."""
        rowids = [
            r[0]
            for r in db.execute(
                "SELECT id FROM (SELECT id FROM entries WHERE blog_id = ?"
                " ORDER BY published DESC, entry_id DESC LIMIT ?)"
                " UNION SELECT id FROM entries WHERE blog_id = ?"
                " AND (key_event = 1 OR summary = 1 OR pinned = 1)",
                (blog_id, max(newest, 0), blog_id),
            )
        ]
        found = entries_by_rowid(db, rowids)
        return tuple(sorted(found.values(), key=lambda e: (e.published, e.id), reverse=True))

    @staticmethod
    def _blog_from_row(key: str, row: Sequence[Any], entries: tuple[Entry, ...]) -> Blog:
        """A Blog from its ``blogs`` row (id, title, standfirst, source, live, ...) and entries."""
        return Blog(
            url=key,
            title=row[1],
            standfirst=row[2],
            source=row[3],
            live=None if row[4] is None else bool(row[4]),
            main_image=Image.from_dict(json.loads(row[5])) if row[5] else None,
            pages=Pages.from_dict(json.loads(row[6])) if row[6] else None,
            entries=entries,
            feed_ids=tuple(e.id for e in entries if not e.removed),
            poll=PollInfo.from_dict(json.loads(row[7])) if row[7] else None,
        )

    def entry(self, url: str, entry_id: str) -> Entry | None:
        """Return one cached entry of a blog (with its revisions), or None."""
        with self._transaction(immediate=False) as db:
            row = db.execute(
                "SELECT e.id FROM entries e JOIN blogs b ON b.id = e.blog_id"
                " WHERE b.url = ? AND e.entry_id = ?",
                (blog_url(url), entry_id),
            ).fetchone()
            if row is None:
                return None
            return entries_by_rowid(db, [row[0]])[row[0]]

    def blogs(self) -> list[BlogSummary]:
        """List every cached blog, newest activity first (see :class:`BlogSummary`)."""
        with self._transaction(immediate=False) as db:
            rows = db.execute(
                """
                SELECT b.url, b.title, b.source, b.live, b.last_change, b.last_success,
                       b.last_read, b.last_error, b.last_error_at,
                       (SELECT count(*) FROM entries e
                         WHERE e.blog_id = b.id AND e.removed = 0),
                       (SELECT count(*) FROM entries e WHERE e.blog_id = b.id
                         AND (e.key_event = 1 OR e.summary = 1) AND e.removed = 0),
                       (SELECT max(published) FROM entries e WHERE e.blog_id = b.id),
                       (SELECT count(*) FROM entries e WHERE e.blog_id = b.id
                         AND e.first_seen > coalesce(b.last_read, '') AND e.removed = 0)
                FROM blogs b
                """
            ).fetchall()
        summaries = []
        for r in rows:
            latest = max((t for t in (r[4], r[11]) if t), default=None)
            summaries.append(
                BlogSummary(
                    url=r[0],
                    title=r[1],
                    source=r[2],
                    live=None if r[3] is None else bool(r[3]),
                    entries=r[9],
                    key_events=r[10],
                    last_update=from_db_time(latest),
                    last_success=from_db_time(r[5]),
                    new_since_read=r[12],
                    last_read=from_db_time(r[6]),
                    last_error=r[7],
                    last_error_at=from_db_time(r[8]),
                )
            )
        summaries.sort(key=lambda s: s.url)
        summaries.sort(key=lambda s: (s.last_update is not None, s.last_update), reverse=True)
        return summaries

    def search(self, query: str, url: str | None = None, limit: int = 200) -> list[SearchHit]:
        """Find entries whose title or text hold every term of *query*, newest first.

        Terms are matched as words, case and diacritics ignored (``cafe`` finds
        "Café"); any input is safe (see :func:`fts_query`). Hits are ordered by
        published time, newest first, like the feed (not by rank): in a live
        blog the latest mention is the one a reader wants.

        Args:
            query: What the user typed.
            url: Search this blog only (None: every blog).
            limit: At most this many hits.

        """
        match = fts_query(query)
        if match is None or limit <= 0:
            return []
        sql = (
            "SELECT e.id, b.url, b.title, snippet(entries_fts, -1, '', '', '…', 16)"
            " FROM entries_fts JOIN entries e ON e.id = entries_fts.rowid"
            " JOIN blogs b ON b.id = e.blog_id WHERE entries_fts MATCH ?"
        )
        params: list[object] = [match]
        if url is not None:
            sql += " AND b.url = ?"
            params.append(blog_url(url))
        sql += " ORDER BY e.published DESC, e.entry_id DESC LIMIT ?"
        params.append(limit)
        with self._transaction(immediate=False) as db:
            rows = db.execute(sql, params).fetchall()
            entries = entries_by_rowid(db, [r[0] for r in rows])
        return [SearchHit(r[1], r[2], entries[r[0]], r[3]) for r in rows]

    def state(self, url: str) -> dict[str, str]:
        """Return the follow state stored for a blog ({} when none or unknown)."""
        with self._guard() as db:
            rows = db.execute(
                "SELECT s.key, s.value FROM state s JOIN blogs b ON b.id = s.blog_id"
                " WHERE b.url = ?",
                (blog_url(url),),
            ).fetchall()
        return dict(rows)

    def validators(self, fetch_url: str) -> Validators | None:
        """Return the validators stored for a fetched URL (exactly as given), or None."""
        with self._guard() as db:
            row = db.execute(
                "SELECT etag, last_modified, body_hash FROM validators WHERE fetch_url = ?",
                (fetch_url,),
            ).fetchone()
        return Validators(*row) if row else None

    def since(self, url: str, moment: datetime) -> SinceReport:
        """Report what happened to a blog after *moment*: entries new, edited, removed.

        Raises:
            UnknownBlog: the blog is not in the cache.

        """
        at = db_time(moment)
        with self._transaction(immediate=False) as db:
            blog_id = self._known_blog_id(db, blog_url(url))
            new = db.execute(
                "SELECT entry_id FROM entries WHERE blog_id = ? AND first_seen > ?"
                " AND removed = 0 ORDER BY published, entry_id",
                (blog_id, at),
            ).fetchall()
            edited = db.execute(
                "SELECT e.entry_id FROM entries e WHERE e.blog_id = ? AND e.first_seen <= ?"
                " AND e.removed = 0 AND EXISTS (SELECT 1 FROM revisions r"
                " WHERE r.entry_rowid = e.id AND r.seen > ?) ORDER BY e.published, e.entry_id",
                (blog_id, at, at),
            ).fetchall()
            removed = db.execute(
                "SELECT entry_id FROM entries WHERE blog_id = ? AND removed = 1"
                " AND removed_at > ? ORDER BY published, entry_id",
                (blog_id, at),
            ).fetchall()
        return SinceReport(
            moment,
            tuple(r[0] for r in new),
            tuple(r[0] for r in edited),
            tuple(r[0] for r in removed),
        )
