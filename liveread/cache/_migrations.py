"""The cache's tables, version by version: one list of migrations.

``MIGRATIONS[n]`` takes a database from version n to n + 1, in one
transaction (:func:`liveread.cache._schema.connect` runs them);
:data:`SCHEMA_VERSION` is the version this code writes.

Schema v1:

- ``blogs``: one row per blog URL (metadata, page-1 pagination and poll info as
  JSON, fetch outcome times, ``last_read``, ``last_change``).
- ``entries``: one row per (blog, entry id), the current version (body as
  compact JSON, ``text`` for search), flags, ``removed``/``removed_at``,
  ``first_seen``; indexed on (blog, published) and (blog, first_seen), with
  partial indexes on the few pinned and key/summary entries.
- ``revisions``: every version seen (seen, title, text); ``body`` holds the
  JSON of a superseded version and is NULL on the current one (which is the
  entry's own body), so an unedited entry costs one small row.
- ``entries_fts``: FTS5 over entries' title and text (external content, kept in
  sync by triggers).
- ``state`` (free-form follow state per blog) and ``validators`` (ETag,
  Last-Modified, body hash per fetched URL).

Schema v2: the follow state becomes one typed JSON value per blog
(``follow_state``, read and written as :class:`~liveread.model.FollowState`);
v1's key/value ``state`` rows are converted and the table dropped. ``blogs.poll``
(the Guardian's endpoint, now part of the follow state) is emptied and no
longer used.

Schema v3: ``entries.search_extra`` holds what a search looks through beyond
the title and text (photo captions and credits, authors), and ``entries_fts``
indexes all three.

Schema v4: ``changes`` numbers every change an apply makes (the change log
that every reader of the cache follows), ``leases`` names the one follower
per blog that polls it, and ``wanted`` keeps the URLs a user asked to follow
that were never reached (a URL is a blog only once a page of it was read);
v3's rows of never-reached URLs move there.

Schema v5: ``blogs.site_name`` (the site's name as its pages give it) and
``blogs.window_size`` (how many of its newest entries a site that only ever
shows a window of them shows; NULL for blogs whose older pages reach the
whole history), so the library can say from when liveread has such a blog.

Schema v6: a blog read by the schema.org source names it ``schemaorg``
(as ``docs/sources.md`` lists it), not the form its data came in
(``jsonld``, ``microdata``, as v5 and older stored it); and
``blogs.log_pruned`` keeps the number of the blog's newest change the
change log has pruned (0: none), so that a reader behind it knows (see
:func:`liveread.cache._log.prune`).

Schema v7: a partial index on the removed entries of each blog (by
``removed_at``): what was removed since a moment, and how many a blog has
not removed, were walks over all its entries (a tab opening asks both
before its first screen).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Sequence
from datetime import datetime, timezone

__all__ = ["MIGRATIONS", "SCHEMA_VERSION", "Step"]

_V1: tuple[str, ...] = (
    """
    CREATE TABLE blogs (
        id            INTEGER PRIMARY KEY,
        url           TEXT NOT NULL UNIQUE,
        title         TEXT NOT NULL DEFAULT '',
        standfirst    TEXT NOT NULL DEFAULT '',
        source        TEXT NOT NULL DEFAULT '',
        live          INTEGER,
        main_image    TEXT,
        pages         TEXT,
        poll          TEXT,
        added_at      TEXT NOT NULL,
        last_change   TEXT,
        last_success  TEXT,
        last_error_at TEXT,
        last_error    TEXT,
        last_read     TEXT
    )
    """,
    """
    CREATE TABLE entries (
        id           INTEGER PRIMARY KEY,
        blog_id      INTEGER NOT NULL REFERENCES blogs(id) ON DELETE CASCADE,
        entry_id     TEXT NOT NULL,
        published    TEXT NOT NULL,
        updated      TEXT,
        title        TEXT,
        text         TEXT NOT NULL,
        body         TEXT NOT NULL,
        url          TEXT NOT NULL,
        authors      TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        key_event    INTEGER NOT NULL DEFAULT 0,
        summary      INTEGER NOT NULL DEFAULT 0,
        pinned       INTEGER NOT NULL DEFAULT 0,
        removed      INTEGER NOT NULL DEFAULT 0,
        removed_at   TEXT,
        first_seen   TEXT NOT NULL,
        UNIQUE (blog_id, entry_id)
    )
    """,
    "CREATE INDEX entries_published ON entries(blog_id, published, entry_id)",
    "CREATE INDEX entries_first_seen ON entries(blog_id, first_seen)",
    # Partial indexes: moving the pin or clearing key-event flags touches the
    # handful of flagged entries, never a scan of the blog.
    "CREATE INDEX entries_pinned ON entries(blog_id) WHERE pinned = 1",
    "CREATE INDEX entries_key ON entries(blog_id) WHERE key_event = 1 OR summary = 1",
    """
    CREATE TABLE revisions (
        id         INTEGER PRIMARY KEY,
        entry_rowid INTEGER NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
        blog_id    INTEGER NOT NULL,
        seen       TEXT NOT NULL,
        title      TEXT,
        text       TEXT NOT NULL,
        body       TEXT
    )
    """,
    "CREATE INDEX revisions_entry ON revisions(entry_rowid)",
    # blog_id is denormalised so load() reads a blog's revisions in id order
    # (= seen order) straight off this index, with no join and no sort.
    "CREATE INDEX revisions_blog ON revisions(blog_id)",
    """
    CREATE TABLE state (
        blog_id INTEGER NOT NULL REFERENCES blogs(id) ON DELETE CASCADE,
        key     TEXT NOT NULL,
        value   TEXT NOT NULL,
        PRIMARY KEY (blog_id, key)
    ) WITHOUT ROWID
    """,
    """
    CREATE TABLE validators (
        fetch_url     TEXT PRIMARY KEY,
        blog_id       INTEGER NOT NULL REFERENCES blogs(id) ON DELETE CASCADE,
        etag          TEXT,
        last_modified TEXT,
        body_hash     TEXT,
        stored_at     TEXT NOT NULL
    )
    """,
    "CREATE INDEX validators_blog ON validators(blog_id)",
    """
    CREATE VIRTUAL TABLE entries_fts USING fts5(
        title, text,
        content='entries', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2'
    )
    """,
    """
    CREATE TRIGGER entries_fts_insert AFTER INSERT ON entries BEGIN
        INSERT INTO entries_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
    END
    """,
    """
    CREATE TRIGGER entries_fts_delete AFTER DELETE ON entries BEGIN
        INSERT INTO entries_fts(entries_fts, rowid, title, text)
        VALUES ('delete', old.id, old.title, old.text);
    END
    """,
    # Only a change of the indexed columns touches the index: flag updates
    # (pin, key event, removed) cost nothing here.
    """
    CREATE TRIGGER entries_fts_update AFTER UPDATE OF title, text ON entries BEGIN
        INSERT INTO entries_fts(entries_fts, rowid, title, text)
        VALUES ('delete', old.id, old.title, old.text);
        INSERT INTO entries_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
    END
    """,
)

#: What caches before v6 stored as the source of a blog the schema.org source read:
#: the form of its data, not the source's name.
_SCHEMAORG_FORMATS = ("jsonld", "microdata")


def _v2_follow_state(db: sqlite3.Connection) -> None:
    """Turn v1's key/value follow state of each blog into one FollowState JSON value.

    v1 kept strings: ``live`` "1"/"0", ``walk_done`` "1", ``pages_total``,
    ``walk_next``/``walk_mode``, and the Guardian's ``poll_ajax``,
    ``poll_page`` and ``anchor``, which become the source's data and cursor.
    A blog whose page 1 was read (``live`` present) names its source.
    """
    db.execute(
        "CREATE TABLE follow_state ("
        " blog_id INTEGER PRIMARY KEY REFERENCES blogs(id) ON DELETE CASCADE,"
        " value TEXT NOT NULL)"
    )
    rows: dict[int, dict[str, str]] = {}
    for blog_id, key, value in db.execute("SELECT blog_id, key, value FROM state"):
        rows.setdefault(blog_id, {})[key] = value
    from liveread.model import FollowState  # only when a cache this old is opened

    sources = dict(db.execute("SELECT id, source FROM blogs").fetchall())
    for blog_id, old in rows.items():
        source = sources.get(blog_id) or None
        if source in _SCHEMAORG_FORMATS:
            source = "schemaorg"
        total = old.get("pages_total", "")
        mode = old.get("walk_mode") or ("full" if old.get("walk_next") else None)
        poll = {"ajax_url": old.get("poll_ajax"), "page_id": old.get("poll_page")}
        state = FollowState(
            source=source if "live" in old else None,
            live={"1": True, "0": False}.get(old.get("live", "")),
            walk_next=old.get("walk_next") or None,
            walk_mode=mode if mode in ("full", "gap") else None,  # type: ignore[arg-type]
            walk_done=old.get("walk_done") == "1",
            pages_total=int(total) if total.isdigit() else None,
            cursor=old.get("anchor") or None,
            source_data={k: v for k, v in poll.items() if v} if all(poll.values()) else {},
        )
        db.execute(
            "INSERT INTO follow_state (blog_id, value) VALUES (?, ?)", (blog_id, state.to_json())
        )
    db.execute("DROP TABLE state")
    db.execute("UPDATE blogs SET poll = NULL")


def _v3_fill_search_extra(db: sqlite3.Connection) -> None:
    """Fill the new ``search_extra`` column of every entry (captions, credits, authors)."""
    from liveread.matching import entry_fields
    from liveread.model import Block, Entry

    rows = db.execute("SELECT id, body, authors FROM entries").fetchall()
    for rowid, body, authors in rows:
        shell = Entry(
            id="",
            published=datetime.min.replace(tzinfo=timezone.utc),
            updated=None,
            title=None,
            body=tuple(Block.from_dict(b) for b in json.loads(body)),
            url="",
            authors=tuple(json.loads(authors)),
        )
        db.execute(
            "UPDATE entries SET search_extra = ? WHERE id = ?", (entry_fields(shell)[2], rowid)
        )


#: The full-text index over what a search looks through (see liveread.matching).
_FTS_V3: tuple[str, ...] = (
    """
    CREATE VIRTUAL TABLE entries_fts USING fts5(
        title, text, search_extra,
        content='entries', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2'
    )
    """,
    """
    CREATE TRIGGER entries_fts_insert AFTER INSERT ON entries BEGIN
        INSERT INTO entries_fts(rowid, title, text, search_extra)
        VALUES (new.id, new.title, new.text, new.search_extra);
    END
    """,
    """
    CREATE TRIGGER entries_fts_delete AFTER DELETE ON entries BEGIN
        INSERT INTO entries_fts(entries_fts, rowid, title, text, search_extra)
        VALUES ('delete', old.id, old.title, old.text, old.search_extra);
    END
    """,
    """
    CREATE TRIGGER entries_fts_update AFTER UPDATE OF title, text, search_extra ON entries BEGIN
        INSERT INTO entries_fts(entries_fts, rowid, title, text, search_extra)
        VALUES ('delete', old.id, old.title, old.text, old.search_extra);
        INSERT INTO entries_fts(rowid, title, text, search_extra)
        VALUES (new.id, new.title, new.text, new.search_extra);
    END
    """,
)


def _v4_ghosts(db: sqlite3.Connection) -> None:
    """Move the blogs that were never reached out of the library, into ``wanted``.

    v1 kept a row for every URL ever tried, with its last error; one that
    never answered (no entries, no success) is no blog. It is kept as a URL
    the user asked for, which the library lists as "not reached yet".
    """
    ghosts = db.execute(
        "SELECT id, url, added_at, last_error, last_error_at FROM blogs"
        " WHERE last_success IS NULL AND NOT EXISTS"
        " (SELECT 1 FROM entries e WHERE e.blog_id = blogs.id)"
    ).fetchall()
    for blog_id, url, added_at, error, error_at in ghosts:
        db.execute(
            "INSERT OR REPLACE INTO wanted (url, added_at, last_error, last_error_at)"
            " VALUES (?, ?, ?, ?)",
            (url, added_at, error, error_at),
        )
        db.execute("DELETE FROM blogs WHERE id = ?", (blog_id,))


#: One step of a migration: an SQL statement, or a function of the connection.
Step = str | Callable[[sqlite3.Connection], None]
_V2: tuple[Step, ...] = (_v2_follow_state,)
# v3: search looks through captions, credits and authors too, as the TUI always did.
_V3: tuple[Step, ...] = (
    "ALTER TABLE entries ADD COLUMN search_extra TEXT NOT NULL DEFAULT ''",
    _v3_fill_search_extra,
    "DROP TRIGGER entries_fts_insert",
    "DROP TRIGGER entries_fts_delete",
    "DROP TRIGGER entries_fts_update",
    "DROP TABLE entries_fts",
    *_FTS_V3,
    "INSERT INTO entries_fts(entries_fts) VALUES ('rebuild')",
)
# v4: several processes on one cache (a change log, leases), and no ghost blogs.
_V4: tuple[Step, ...] = (
    """
    CREATE TABLE changes (
        seq         INTEGER PRIMARY KEY AUTOINCREMENT,
        blog_id     INTEGER NOT NULL REFERENCES blogs(id) ON DELETE CASCADE,
        kind        TEXT NOT NULL,
        entry_rowid INTEGER REFERENCES entries(id) ON DELETE CASCADE,
        value       TEXT,
        origin      TEXT NOT NULL,
        at          TEXT NOT NULL
    )
    """,
    "CREATE INDEX changes_blog ON changes(blog_id, seq)",
    "CREATE INDEX changes_at ON changes(at)",
    # Foreign-key checks when an entry row changes or goes look up its log rows by it.
    "CREATE INDEX changes_entry ON changes(entry_rowid)",
    """
    CREATE TABLE leases (
        url       TEXT PRIMARY KEY,
        holder    TEXT NOT NULL,
        pid       INTEGER NOT NULL,
        host      TEXT NOT NULL,
        heartbeat TEXT NOT NULL,
        expires   TEXT NOT NULL
    ) WITHOUT ROWID
    """,
    """
    CREATE TABLE wanted (
        url           TEXT PRIMARY KEY,
        added_at      TEXT NOT NULL,
        last_error    TEXT,
        last_error_at TEXT
    ) WITHOUT ROWID
    """,
    _v4_ghosts,
)
# v5: the site's name, and the window of a site that only ever shows its newest entries.
_V5: tuple[Step, ...] = (
    "ALTER TABLE blogs ADD COLUMN site_name TEXT NOT NULL DEFAULT ''",
    # (not "window": a keyword of SQLite's window functions)
    "ALTER TABLE blogs ADD COLUMN window_size INTEGER",
)


def _v6_source_names(db: sqlite3.Connection) -> None:
    """Name a blog's source as ``docs/sources.md`` does: "schemaorg", not "jsonld"/"microdata"."""
    db.executemany(
        "UPDATE blogs SET source = 'schemaorg' WHERE source = ?",
        [(form,) for form in _SCHEMAORG_FORMATS],
    )


# v6: every blog names its source by the source's name; the change log is pruned.
_V6: tuple[Step, ...] = (
    _v6_source_names,
    "ALTER TABLE blogs ADD COLUMN log_pruned INTEGER NOT NULL DEFAULT 0",
)

# v7: the few removed entries of a blog found by an index, not by walking all of them.
_V7: tuple[Step, ...] = (
    "CREATE INDEX entries_removed ON entries(blog_id, removed_at) WHERE removed = 1",
)

#: Migrations in order: ``MIGRATIONS[n]`` takes a database from version n to
#: n + 1, in one transaction. Append new versions here; never edit a published step.
MIGRATIONS: tuple[Sequence[Step], ...] = (_V1, _V2, _V3, _V4, _V5, _V6, _V7)
#: The schema version this code writes.
SCHEMA_VERSION = len(MIGRATIONS)
