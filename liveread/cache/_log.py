"""The change log: every change an apply makes, numbered, for every reader of the cache.

Several processes share one cache (the TUI in one pane, ``liveread follow
--jsonl`` in another, a cron job): whichever of them applies a page, the
others must see what changed. So each apply writes, in its own transaction,
one row per change to the ``changes`` table, numbered by a sequence that only
grows (SQLite ``AUTOINCREMENT``: a number is never reused, and a rolled-back
transaction takes its numbers with it, so a crash leaves no gap). A reader
keeps the number of the last change it reported and asks for those after it.

Kinds: ``new``, ``edited``, ``removed`` and ``flagged`` (pin, key-event or
summary flags changed, or an entry came back) name an entry; ``title`` and
``live`` name the blog and carry the new value. Each row also says how the
change came (``backfill``, ``page``, ``poll``), as the follower labels it.

Old rows may be pruned (:func:`prune`): the entries and their revisions stay,
only the record of when they changed goes.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from liveread.cache._rows import compact_json, entries_by_rowid
from liveread.model import StoredEntry

__all__ = ["Change", "ChangeKind", "Origin", "last_seq", "prune", "read_after", "write"]

ChangeKind = Literal["new", "edited", "removed", "flagged", "title", "live"]
Origin = Literal["backfill", "page", "poll"]
#: The entry kinds, in the order one apply writes them.
ENTRY_KINDS: tuple[ChangeKind, ...] = ("new", "edited", "removed", "flagged")


@dataclass(frozen=True)
class Change:
    """One numbered change of one blog.

    Attributes:
        seq: Its number in the log (grows with every change, in every blog).
        url: The blog's URL.
        kind: What happened (see the module's docstring).
        origin: How the change came: ``backfill``, ``page`` or ``poll``.
        entry: The entry as the cache holds it now (entry kinds), else None.
        value: The blog's new title or live state (``title``, ``live``), else None.

    """

    seq: int
    url: str
    kind: ChangeKind
    origin: Origin
    entry: StoredEntry | None = None
    value: Any = None


def write(
    db: sqlite3.Connection,
    blog_id: int,
    groups: Sequence[Iterable[int]],
    blog_changes: Iterable[tuple[ChangeKind, Any]],
    origin: Origin,
    now: str,
) -> None:
    """Log an apply's changes: entry row ids per kind, then the blog's own changes.

    The kinds come in :data:`ENTRY_KINDS` order (new, edited, removed,
    flagged). Runs inside the apply's transaction, so the log and the entries
    never disagree.
    """
    rows: list[tuple[Any, ...]] = []
    for kind, rowids in zip(ENTRY_KINDS, groups, strict=True):
        rows.extend((blog_id, kind, rowid, None, origin, now) for rowid in rowids)
    rows.extend(
        (blog_id, kind, None, compact_json(value), origin, now) for kind, value in blog_changes
    )
    db.executemany(
        "INSERT INTO changes (blog_id, kind, entry_rowid, value, origin, at)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        rows,
    )


def last_seq(db: sqlite3.Connection, key: str | None = None) -> int:
    """The number of the newest change (of the blog at *key*, or of any blog); 0 when none."""
    if key is None:
        row = db.execute("SELECT max(seq) FROM changes").fetchone()
    else:
        row = db.execute(
            "SELECT max(c.seq) FROM changes c JOIN blogs b ON b.id = c.blog_id WHERE b.url = ?",
            (key,),
        ).fetchone()
    return int(row[0] or 0)


def read_after(
    db: sqlite3.Connection, after: int, key: str | None = None, limit: int = 5000
) -> list[Change]:
    """The changes numbered after *after*, oldest first (of the blog at *key*, or of all).

    At most *limit*; ask again from the last one's ``seq`` for the rest.
    """
    sql = (
        "SELECT c.seq, b.url, c.kind, c.origin, c.entry_rowid, c.value FROM changes c"
        " JOIN blogs b ON b.id = c.blog_id WHERE c.seq > ?"
    )
    params: list[object] = [after]
    if key is not None:
        sql += " AND b.url = ?"
        params.append(key)
    sql += " ORDER BY c.seq LIMIT ?"
    params.append(limit)
    rows = db.execute(sql, params).fetchall()
    entries = entries_by_rowid(db, [r[4] for r in rows if r[4] is not None])
    return [
        Change(
            seq=r[0],
            url=r[1],
            kind=r[2],
            origin=r[3],
            entry=entries.get(r[4]) if r[4] is not None else None,
            value=json.loads(r[5]) if r[5] is not None else None,
        )
        for r in rows
        # An entry deleted since (the user removed the blog) has nothing left to report.
        if r[4] is None or r[4] in entries
    ]


def prune(db: sqlite3.Connection, before: str) -> int:
    """Delete log rows written before *before* (a db_time text); returns how many.

    The numbering goes on from the largest number ever used, rows or not
    (``AUTOINCREMENT`` keeps it), so a reader's cursor stays valid.
    """
    return db.execute("DELETE FROM changes WHERE at < ?", (before,)).rowcount
