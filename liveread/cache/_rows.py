"""Rows of the cache database to model objects and back.

The cache stores an entry's body as compact JSON (``[block.to_dict(), ...]``)
and its times as the fixed-width UTC text of :func:`~liveread.cache._schema.db_time`;
these helpers are the one place that knows those shapes. (The FTS5 query
syntax is written in one place too: :meth:`liveread.matching.Query.fts`.)
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from typing import Any

from liveread.cache._schema import from_db_time
from liveread.model import Block, Revision, StoredEntry

__all__ = [
    "ENTRY_COLUMNS",
    "changed_since",
    "compact_json",
    "entries_by_rowid",
    "entry_from_row",
    "revisions_by_entry",
]

#: The columns :func:`entry_from_row` expects, in order.
ENTRY_COLUMNS = (
    "id, entry_id, published, updated, title, body, url, authors,"
    " key_event, summary, pinned, removed, first_seen, removed_at"
)
_REVISION_COLUMNS = "entry_rowid, seen, title, text"
# Stay well under SQLite's bound-parameter limit (999 before 3.32).
_CHUNK = 500


def compact_json(value: Any) -> str:
    """JSON without spaces, non-ASCII kept as is (smaller rows, same meaning)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def entry_from_row(row: Sequence[Any], revisions: Sequence[Revision]) -> StoredEntry:
    """Build a StoredEntry from a row of :data:`ENTRY_COLUMNS` and its revisions (oldest first)."""
    published = from_db_time(row[2])
    first_seen = from_db_time(row[12])
    assert published is not None and first_seen is not None  # NOT NULL columns
    return StoredEntry(
        id=row[1],
        published=published,
        updated=from_db_time(row[3]),
        title=row[4],
        body=tuple(Block.from_dict(b) for b in json.loads(row[5])),
        url=row[6],
        authors=tuple(json.loads(row[7])),
        key_event=bool(row[8]),
        summary=bool(row[9]),
        pinned=bool(row[10]),
        removed=bool(row[11]),
        first_seen=first_seen,
        revisions=tuple(revisions),
        removed_at=from_db_time(row[13]) if row[11] else None,
    )


def revisions_by_entry(rows: Iterable[Sequence[Any]]) -> dict[int, list[Revision]]:
    """Group rows of (entry_rowid, seen, title, text), in id order, by entry."""
    grouped: dict[int, list[Revision]] = {}
    for rowid, seen, title, text in rows:
        moment = from_db_time(seen)
        assert moment is not None
        grouped.setdefault(rowid, []).append(Revision(moment, text, title))
    return grouped


def entries_by_rowid(db: sqlite3.Connection, rowids: Iterable[int]) -> dict[int, StoredEntry]:
    """Load some entries (with revisions) by database row id: two queries per 500."""
    wanted = list(dict.fromkeys(rowids))
    found: dict[int, StoredEntry] = {}
    for start in range(0, len(wanted), _CHUNK):
        chunk = wanted[start : start + _CHUNK]
        marks = ",".join("?" * len(chunk))
        revisions = revisions_by_entry(
            db.execute(
                f"SELECT {_REVISION_COLUMNS} FROM revisions"
                f" WHERE entry_rowid IN ({marks}) ORDER BY id",
                chunk,
            )
        )
        for row in db.execute(f"SELECT {ENTRY_COLUMNS} FROM entries WHERE id IN ({marks})", chunk):
            found[row[0]] = entry_from_row(row, revisions.get(row[0], ()))
    return found


def changed_since(
    db: sqlite3.Connection, blog_id: int, at: str
) -> tuple[list[tuple[int, str]], list[tuple[int, str]], list[tuple[int, str]]]:
    """The blog's entries new, edited and removed after *at* (a db time), as (rowid, entry id).

    New: first seen after *at* and not removed. Edited: first seen by then,
    not removed, with a revision seen after it. Removed: removed after it.
    Each list oldest published first. The edited ones are looked for among
    the blog's revisions, not per entry: on a blog of thousands of entries
    that is one index range instead of a lookup per entry (a tab opening
    asks this before its first screen).
    """
    order = " ORDER BY published, entry_id"
    new = db.execute(
        "SELECT id, entry_id FROM entries WHERE blog_id = ? AND first_seen > ? AND removed = 0"
        + order,
        (blog_id, at),
    ).fetchall()
    edited = db.execute(
        "SELECT id, entry_id FROM entries WHERE id IN"
        " (SELECT entry_rowid FROM revisions WHERE blog_id = ? AND seen > ?)"
        " AND first_seen <= ? AND removed = 0" + order,
        (blog_id, at, at),
    ).fetchall()
    removed = db.execute(
        "SELECT id, entry_id FROM entries WHERE blog_id = ? AND removed = 1 AND removed_at > ?"
        + order,
        (blog_id, at),
    ).fetchall()
    return new, edited, removed
