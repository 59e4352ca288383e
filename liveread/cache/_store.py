"""The :class:`Cache` class: one connection, its lock and transactions, and every operation.

Each method takes the lock (and one transaction, so that several queries see
one snapshot) and calls the part of the package that knows the SQL: the merge
rules in ``_apply``, the read queries in ``_read``, the schema and the safe
opening of a file in ``_schema``.
"""

from __future__ import annotations

import re
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager, suppress
from datetime import datetime, timedelta
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from liveread import paths
from liveread.cache import _read as cache_read
from liveread.cache._rows import entries_by_rowid
from liveread.cache._schema import CacheCheck, connect, db_time, from_db_time
from liveread.cache._types import BlogSummary, SinceReport
from liveread.errors import CacheError
from liveread.model import Blog, StoredEntry
from liveread.times import utc_now
from liveread.urls import BlogURL, blog_url

if TYPE_CHECKING:
    from liveread.cache._lease import Lease
    from liveread.cache._log import Change, Logged, Origin
    from liveread.cache._records import Changes, SearchHit, Validators
    from liveread.model import FollowState, Snapshot

# Writing (the merge rules, the change log), leases and search are imported by the
# methods that use them: a reader opening a blog (the TUI's first screen) reads only.

__all__ = ["Cache"]


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
        checked: CacheCheck | None = None,
    ) -> None:
        """Open the cache at *path* (default :func:`liveread.paths.cache_path`).

        Args:
            path: The database file; created with mode 0600 when missing.
            now: The clock (returns an aware datetime); injectable for tests.
            checked: The check of *path* started earlier (:class:`CacheCheck`);
                None checks it now.

        Raises:
            CacheError: the file is from a newer liveread, or cannot be opened.

        """
        self.path = Path(path) if path is not None else paths.cache_path()
        self._now = now or utc_now
        self._pruned: datetime | None = None  # when this connection last pruned the log
        self._lock = threading.RLock()
        self._db: sqlite3.Connection | None = None
        self._db, self.recovered_from = connect(self.path, self._now, checked)

    # -- plumbing ---------------------------------------------------------------

    def now(self) -> datetime:
        """The cache's clock: the time it stamps what it writes with."""
        return self._now()

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

    def _blog_id(self, db: sqlite3.Connection, url: BlogURL, create: bool = False) -> int | None:
        found = cache_read.find_blog_id(db, url)
        if found is not None or not create:
            return found
        cur = db.execute(
            "INSERT INTO blogs (url, added_at) VALUES (?, ?)", (url, db_time(self._now()))
        )
        return cur.lastrowid

    # -- writing ----------------------------------------------------------------

    def apply(
        self,
        snapshot: Snapshot,
        *,
        state: FollowState | None = None,
        validators: Mapping[str, Validators] | None = None,
        origin: Origin = "page",
    ) -> Changes:
        """Merge what one response said into the cache, in one transaction.

        Entries are looked up one by one by id (cost follows what arrived, not
        what is cached). A change of an entry's content hash is an edit (a new
        revision); flags follow the latest page; an entry missing from a blog's
        first page is flagged removed when it is newer than the oldest entry
        of that page's own feed (older ones rolled onto page 2). Metadata the
        snapshot does not carry (an update's empty title) never blanks the
        stored values. The blog's last success time is set to now. An
        arriving entry is present upstream, so one flagged removed is un-removed.
        Every change is written to the change log in the same transaction
        (see :meth:`changes_after`), and at most once an hour
        (:data:`~liveread.cache._log.PRUNE_EVERY`) the log's rows older than a
        week (:data:`~liveread.cache._log.KEEP`) go; the first apply of a blog
        also ends its "wanted" record.

        Args:
            snapshot: What a source read (a whole page, or an update).
            state: The blog's follow state to store in the same transaction.
            validators: Validators per fetched URL to store in the same transaction.
            origin: How the changes came, for the change log ("backfill",
                "page" or "poll").

        Returns:
            What changed (entries, title, live state) and the numbers of the
            change-log rows it wrote; empty when the snapshot brought nothing new.

        """
        from liveread.cache import _log as change_log
        from liveread.cache._apply import ApplyPlan, store_metadata, write_state, write_validators
        from liveread.cache._records import Changes

        url = blog_url(snapshot.url)
        moment = self._now()
        now = db_time(moment)
        with self._transaction() as db:
            if self._pruned is None or moment - self._pruned >= change_log.PRUNE_EVERY:
                change_log.prune(db, db_time(moment - change_log.KEEP))
                self._pruned = moment
            blog_id = self._blog_id(db, url, create=True)
            assert blog_id is not None
            plan = ApplyPlan(db, blog_id, snapshot, now)
            plan.run()
            blog_changes = store_metadata(db, blog_id, snapshot, now, bool(plan))
            groups = plan.groups()
            seqs = change_log.write(db, blog_id, groups, blog_changes, origin, now)
            db.execute("DELETE FROM wanted WHERE url = ?", (url,))
            if state is not None:
                write_state(db, blog_id, state)
            for fetch_url, found in (validators or {}).items():
                write_validators(db, blog_id, fetch_url, found, now)
            by_rowid = entries_by_rowid(db, plan.all_rowids())
            new, edited, removed, reflagged = (tuple(by_rowid[r] for r in g) for g in groups)
            said = dict(blog_changes)
            return Changes(
                new,
                edited,
                removed,
                reflagged,
                title=said.get("title"),
                live=said.get("live"),
                seqs=seqs,
            )

    def set_follow_state(self, url: str, state: FollowState) -> None:
        """Store a blog's follow state in its own transaction (nothing for an unknown blog)."""
        from liveread.cache._apply import write_state

        with self._transaction() as db:
            blog_id = self._blog_id(db, blog_url(url))
            if blog_id is not None:
                write_state(db, blog_id, state)

    def record_fetch(self, url: str, *, ok: bool, error: str | None = None) -> None:
        """Record the outcome of a fetch of a blog: last success, or last error time and message.

        A URL the cache holds no blog for is not made one: only a URL the user
        asked for (:meth:`want`) keeps its last error, to show why it is not
        reached yet.
        """
        now = db_time(self._now())
        key = blog_url(url)
        with self._transaction() as db:
            blog_id = self._blog_id(db, key)
            if blog_id is None:
                if not ok:
                    db.execute(
                        "UPDATE wanted SET last_error_at = ?, last_error = ? WHERE url = ?",
                        (now, error or "fetch failed", key),
                    )
            elif ok:
                db.execute("UPDATE blogs SET last_success = ? WHERE id = ?", (now, blog_id))
            else:
                db.execute(
                    "UPDATE blogs SET last_error_at = ?, last_error = ? WHERE id = ?",
                    (now, error or "fetch failed", blog_id),
                )

    def want(self, url: str) -> None:
        """Remember that the user asked to follow *url* (the library lists it until reached).

        Nothing happens for a URL that is already a blog.
        """
        key = blog_url(url)
        with self._transaction() as db:
            if self._blog_id(db, key) is None:
                db.execute(
                    "INSERT OR IGNORE INTO wanted (url, added_at) VALUES (?, ?)",
                    (key, db_time(self._now())),
                )

    def prune_changes(self, older_than: datetime) -> int:
        """Forget change-log rows written before *older_than* (entries and revisions stay).

        :meth:`apply` does it on its own (a week's rows are kept); this is for
        a caller that wants it now.
        """
        from liveread.cache import _log as change_log

        with self._transaction() as db:
            return change_log.prune(db, db_time(older_than))

    def claim(self, url: str, holder: str, ttl: float) -> Lease:
        """Take or renew the lease of a blog for *holder*, for *ttl* seconds, unless held.

        Returns the lease as it stands: *holder*'s, or the live holder's that
        kept it (see :mod:`liveread.cache._lease`).
        """
        from liveread.cache import _lease as leases

        now = self._now()
        with self._transaction() as db:
            return leases.claim(db, blog_url(url), holder, now, now + timedelta(seconds=ttl))

    def release(self, url: str, holder: str) -> None:
        """Give up *holder*'s lease of a blog."""
        from liveread.cache import _lease as leases

        with self._transaction() as db:
            leases.release(db, blog_url(url), holder)

    def mark_read(self, url: str, at: datetime | None = None) -> None:
        """Remember that the user read a blog up to *at* (default now).

        Raises:
            UnknownBlog: the blog is not in the cache.

        """
        moment = db_time(at or self._now())
        with self._transaction() as db:
            blog_id = cache_read.known_blog_id(db, blog_url(url))
            db.execute("UPDATE blogs SET last_read = ? WHERE id = ?", (moment, blog_id))

    def remove_blog(self, url: str) -> bool:
        """Delete a blog with all its entries, revisions, state and validators.

        The only deletion liveread makes, when the user asks for it.

        Returns:
            True when the blog was in the cache.

        """
        key = blog_url(url)
        with self._transaction() as db:
            wanted = db.execute("DELETE FROM wanted WHERE url = ?", (key,)).rowcount
            return db.execute("DELETE FROM blogs WHERE url = ?", (key,)).rowcount + wanted > 0

    # -- reading ----------------------------------------------------------------
    # The SQL and the records built from its rows are in liveread.cache._read;
    # each method here takes the lock (and, for several queries, one read
    # transaction, so that they see one snapshot) and calls it.

    def has(self, url: str) -> bool:
        """Return True when the cache knows the blog."""
        with self._guard() as db:
            return self._blog_id(db, blog_url(url)) is not None

    def load(self, url: str, *, newest: int | None = None) -> Blog:
        """Return the cached blog: every entry ever seen (removed ones flagged), newest first.

        Three queries (the blog, its entries, their revisions), whatever its size.

        Args:
            url: The blog's URL.
            newest: Load only the newest *newest* entries, plus the newest
                *newest* key events and summaries and every pinned entry (so
                the first screenful of a key-events list is there): what a
                reader sees first, for a screen that shows it before loading
                the rest.

        Raises:
            UnknownBlog: the blog is not in the cache.

        """
        key = blog_url(url)
        with self._transaction(immediate=False) as db:
            return cache_read.load_blog(db, key, newest)

    def entry(self, url: str, entry_id: str) -> StoredEntry | None:
        """Return one cached entry of a blog (with its revisions), or None."""
        with self._transaction(immediate=False) as db:
            return cache_read.load_entry(db, blog_url(url), entry_id)

    def held(self, url: str, entry_ids: Iterable[str]) -> dict[str, datetime | None]:
        """Which of *entry_ids* the cache holds for a blog, each with its stored ``updated`` time.

        One indexed lookup per 500 ids; nothing is loaded but the times.
        """
        wanted = list(dict.fromkeys(entry_ids))
        found: dict[str, datetime | None] = {}
        with self._transaction(immediate=False) as db:
            blog_id = self._blog_id(db, blog_url(url))
            if blog_id is None:
                return found
            for start in range(0, len(wanted), 500):
                chunk = wanted[start : start + 500]
                marks = ",".join("?" * len(chunk))
                for entry_id, updated in db.execute(
                    f"SELECT entry_id, updated FROM entries"
                    f" WHERE blog_id = ? AND entry_id IN ({marks})",
                    (blog_id, *chunk),
                ):
                    found[entry_id] = from_db_time(updated)
        return found

    def blogs(self) -> list[BlogSummary]:
        """List every cached blog, newest activity first (see :class:`BlogSummary`)."""
        with self._transaction(immediate=False) as db:
            return cache_read.blog_summaries(db)

    def summary(self, url: str) -> BlogSummary | None:
        """The library's line about one blog (as :meth:`blogs` gives it), or None."""
        with self._transaction(immediate=False) as db:
            found = cache_read.blog_summaries(db, blog_url(url))
        return found[0] if found else None

    def search(self, query: str, url: str | None = None, limit: int = 200) -> list[SearchHit]:
        """Find entries that hold every word of *query*, newest first.

        The rules are :mod:`liveread.matching`'s, the TUI's too: words (not
        substrings), ``word*`` a prefix, case and Latin accents ignored
        (``cafe`` finds "Café"), over titles, texts, captions, credits and
        authors; any input is safe. Hits are ordered by published time, newest
        first, like the feed (not by rank): in a live blog the latest mention
        is the one a reader wants.

        Args:
            query: What the user typed.
            url: Search this blog only (None: every blog).
            limit: At most this many hits.

        """
        from liveread.matching import Query

        parsed = Query.parse(query)
        if parsed is None or limit <= 0:
            return []
        key = None if url is None else blog_url(url)
        with self._transaction(immediate=False) as db:
            return cache_read.search_entries(db, parsed, key, limit)

    def last_change(self, url: str | None = None) -> int:
        """The number of the newest change in the change log (of one blog, or of all); 0: none."""
        from liveread.cache import _log as change_log

        with self._guard() as db:
            return change_log.last_seq(db, None if url is None else blog_url(url))

    def changes_after(self, seq: int, url: str | None = None, *, limit: int = 5000) -> list[Change]:
        """The changes numbered after *seq*, oldest first, whoever applied them.

        A reader keeps the last ``seq`` it reported and asks again from there:
        it then reports every change exactly once. Entries are as the cache
        holds them now.

        Args:
            seq: The last change already reported (0: from the start of the log).
            url: Only this blog's changes (None: every blog's).
            limit: At most this many; ask again from the last for the rest.

        """
        from liveread.cache import _log as change_log

        with self._transaction(immediate=False) as db:
            return change_log.read_after(db, seq, None if url is None else blog_url(url), limit)

    def applies_after(
        self,
        seq: int,
        url: str,
        *,
        before: int | None = None,
        heard: datetime | None = None,
    ) -> list[Logged]:
        """The applies of a blog logged after *seq* (and before *before*), oldest first, each whole.

        What a reader of one blog reports: each apply's changes as one
        :class:`Changes` (its entries as the cache holds them now, the new
        title and live state), grouped exactly by the range of numbers the
        apply wrote; whoever applied them. Ask again from the last one's
        ``changes.seqs[1]`` for more. A reader so far behind that the log was
        pruned past its place gets one catch-up instead, from the entries
        changed after *heard* (when it last heard of the blog; None: ever).
        """
        from liveread.cache import _log as change_log

        with self._transaction(immediate=False) as db:
            return change_log.applies_after(db, seq, blog_url(url), before=before, heard=heard)

    def data_version(self) -> int:
        """A number that changes when another connection commits to the file.

        Cheap (no read of any table): a reader asks it often and reads the
        change log only when it moved. This connection's own commits do not
        move it.
        """
        with self._guard() as db:
            return int(db.execute("PRAGMA data_version").fetchone()[0])

    def follow_state(self, url: str) -> FollowState:
        """Return the follow state stored for a blog (an empty one when none or unknown)."""
        with self._guard() as db:
            return cache_read.follow_state(db, blog_url(url))

    def validators(self, fetch_url: str) -> Validators | None:
        """Return the validators stored for a fetched URL (exactly as given), or None."""
        with self._guard() as db:
            return cache_read.fetch_validators(db, fetch_url)

    def since(self, url: str, moment: datetime) -> SinceReport:
        """Report what happened to a blog after *moment*: entries new, edited, removed.

        Raises:
            UnknownBlog: the blog is not in the cache.

        """
        with self._transaction(immediate=False) as db:
            return cache_read.since_report(db, blog_url(url), moment)
