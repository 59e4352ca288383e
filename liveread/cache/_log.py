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

Each apply ends its rows with one more, of kind ``applied``, whose value is
the number of its first row: so the apply says which changes it made (its
range of numbers), and a reader groups them back exactly, one
:class:`Logged` per apply (:func:`applies_after`). The rows of one apply
are numbered without a gap: its transaction is the only writer. Rows of an
older liveread on the same file carry no such end; they are grouped by
origin, as they come.

The log keeps a week (:data:`KEEP`): :meth:`liveread.cache.Cache.apply`
prunes older rows (:func:`prune`) now and then; the entries and their
revisions stay, only the record of when they changed goes. Pruning takes
the oldest rows only, and each blog remembers the newest of its numbers it
took (``blogs.log_pruned``): a reader whose place in the log is behind that
(a ``follow`` on a laptop asleep for a week) is no longer told apply by
apply; :func:`applies_after` gives it one catch-up instead, built from the
entries: what is new, edited and removed since the reader last heard.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any, Literal

from liveread.cache._records import Changes
from liveread.cache._rows import changed_since, compact_json, entries_by_rowid
from liveread.cache._schema import db_time
from liveread.model import StoredEntry
from liveread.urls import BlogURL

__all__ = [
    "KEEP",
    "PRUNE_EVERY",
    "Change",
    "ChangeKind",
    "Logged",
    "Origin",
    "applies_after",
    "last_seq",
    "prune",
    "read_after",
    "write",
]

ChangeKind = Literal["new", "edited", "removed", "flagged", "title", "live"]
Origin = Literal["backfill", "page", "poll"]
#: The entry kinds, in the order one apply writes them.
ENTRY_KINDS: tuple[ChangeKind, ...] = ("new", "edited", "removed", "flagged")
#: The kind of the row that ends an apply's rows (its value: the apply's first number).
_END = "applied"
#: How long the log keeps a row: a reader further behind catches up from the entries.
KEEP = timedelta(days=7)
#: How often one cache connection that applies prunes the log, at most.
PRUNE_EVERY = timedelta(hours=1)


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


@dataclass(frozen=True)
class Logged:
    """One apply's changes of one blog, as the change log holds them.

    Attributes:
        url: The blog's URL.
        origin: How the changes came: ``backfill``, ``page`` or ``poll``.
        changes: What the apply changed (entries as the cache holds them now,
            the new title and live state, ``seqs`` its range of numbers).

    """

    url: str
    origin: Origin
    changes: Changes


_INSERT = (
    "INSERT INTO changes (blog_id, kind, entry_rowid, value, origin, at) VALUES (?, ?, ?, ?, ?, ?)"
)


def write(
    db: sqlite3.Connection,
    blog_id: int,
    groups: Sequence[Iterable[int]],
    blog_changes: Iterable[tuple[ChangeKind, Any]],
    origin: Origin,
    now: str,
) -> tuple[int, int] | None:
    """Log an apply's changes: entry row ids per kind, the blog's own changes, the apply's end.

    The kinds come in :data:`ENTRY_KINDS` order (new, edited, removed,
    flagged). Runs inside the apply's transaction, so the log and the entries
    never disagree.

    Returns:
        The numbers of the first and the last row written (the end), or None
        when the apply changed nothing.

    """
    rows: list[tuple[Any, ...]] = []
    for kind, rowids in zip(ENTRY_KINDS, groups, strict=True):
        rows.extend((blog_id, kind, rowid, None, origin, now) for rowid in rowids)
    rows.extend(
        (blog_id, kind, None, compact_json(value), origin, now) for kind, value in blog_changes
    )
    if not rows:
        return None
    # The apply's transaction is the only writer: its rows take consecutive
    # numbers, from the first one's on.
    first = db.execute(_INSERT, rows[0]).lastrowid
    db.executemany(_INSERT, rows[1:])
    end = db.execute(_INSERT, (blog_id, _END, None, str(first), origin, now)).lastrowid
    assert first is not None and end is not None
    return first, end


def last_seq(db: sqlite3.Connection, key: BlogURL | None = None) -> int:
    """The number of the newest change (of the blog at *key*, or of any blog); 0 when none."""
    if key is None:
        row = db.execute("SELECT max(seq) FROM changes").fetchone()
    else:
        row = db.execute(
            "SELECT max(c.seq) FROM changes c JOIN blogs b ON b.id = c.blog_id WHERE b.url = ?",
            (key,),
        ).fetchone()
    return int(row[0] or 0)


def _rows(
    db: sqlite3.Connection, after: int, key: BlogURL | None, limit: int, before: int | None = None
) -> list[tuple[Any, ...]]:
    """The log's rows numbered after *after* (and before *before*), oldest first."""
    sql = (
        "SELECT c.seq, b.url, c.kind, c.origin, c.entry_rowid, c.value FROM changes c"
        " JOIN blogs b ON b.id = c.blog_id WHERE c.seq > ?"
    )
    params: list[object] = [after]
    if before is not None:
        sql += " AND c.seq < ?"
        params.append(before)
    if key is not None:
        sql += " AND b.url = ?"
        params.append(key)
    sql += " ORDER BY c.seq LIMIT ?"
    params.append(limit)
    return db.execute(sql, params).fetchall()


def _changes(db: sqlite3.Connection, rows: list[tuple[Any, ...]]) -> list[Change]:
    """The changes of *rows* (ends of applies left out), entries loaded in one query."""
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
        if r[2] != _END and (r[4] is None or r[4] in entries)
    ]


def read_after(
    db: sqlite3.Connection, after: int, key: BlogURL | None = None, limit: int = 5000
) -> list[Change]:
    """The changes numbered after *after*, oldest first (of the blog at *key*, or of all).

    At most *limit* rows are read; ask again from the last one's ``seq`` for the rest.
    """
    return _changes(db, _rows(db, after, key, limit))


def _group(changes: list[Change], seqs: tuple[int, int]) -> Changes:
    """One apply's changes as a :class:`Changes` (the blog's last title and live state)."""
    by_kind: dict[str, list[StoredEntry]] = {kind: [] for kind in ENTRY_KINDS}
    title: str | None = None
    live: bool | None = None
    for change in changes:
        if change.entry is not None and change.kind in by_kind:
            by_kind[change.kind].append(change.entry)
        elif change.kind == "title" and isinstance(change.value, str):
            title = change.value
        elif change.kind == "live" and isinstance(change.value, bool):
            live = change.value
    return Changes(
        new=tuple(by_kind["new"]),
        edited=tuple(by_kind["edited"]),
        removed=tuple(by_kind["removed"]),
        reflagged=tuple(by_kind["flagged"]),
        title=title,
        live=live,
        seqs=seqs,
    )


def applies_after(
    db: sqlite3.Connection,
    after: int,
    key: BlogURL,
    *,
    before: int | None = None,
    limit: int = 5000,
    heard: datetime | None = None,
) -> list[Logged]:
    """The applies of the blog at *key* logged after *after* (and before *before*), oldest first.

    Every apply is whole: rows of an apply the *limit* cut are left for the
    next call, which starts from the last apply returned (``changes.seqs[1]``);
    only an apply larger than *limit* comes in parts. Rows without an end (an
    older liveread wrote them) are grouped by origin.

    When the log no longer holds every change after *after* (pruned), the
    answer is one catch-up instead (:func:`caught_up`): what changed since
    *heard* (when the reader last heard; None: ever), to the blog's newest
    number.
    """
    blog = db.execute("SELECT id, log_pruned FROM blogs WHERE url = ?", (key,)).fetchone()
    if blog is not None and after < blog[1]:
        return [caught_up(db, blog[0], key, after, heard)]
    rows = _rows(db, after, key, limit, before)
    changes = {c.seq: c for c in _changes(db, rows)}
    found: list[Logged] = []

    def emit(part: list[tuple[Any, ...]]) -> None:
        for origin, same in _by_origin(part):
            logged = [changes[r[0]] for r in same if r[0] in changes]
            seqs = (same[0][0], same[-1][0])
            found.append(Logged(key, origin, _group(logged, seqs)))

    pending: list[tuple[Any, ...]] = []
    for row in rows:
        if row[2] != _END:
            pending.append(row)
            continue
        first = int(row[5]) if str(row[5]).isdigit() else row[0]
        emit([r for r in pending if r[0] < first])  # an older liveread's rows
        own = [r for r in pending if r[0] >= first]
        found.append(
            Logged(
                key,
                row[3],
                _group(
                    [changes[r[0]] for r in own if r[0] in changes],
                    (own[0][0] if own else row[0], row[0]),
                ),
            )
        )
        pending = []
    if pending and (len(rows) < limit or not found):
        emit(pending)  # an older liveread's rows, or an apply larger than the limit
    return found


def _by_origin(rows: list[tuple[Any, ...]]) -> list[tuple[Origin, list[tuple[Any, ...]]]]:
    """Consecutive *rows* of one origin together."""
    runs: list[tuple[Origin, list[tuple[Any, ...]]]] = []
    for row in rows:
        if runs and runs[-1][0] == row[3]:
            runs[-1][1].append(row)
        else:
            runs.append((row[3], [row]))
    return runs


def caught_up(
    db: sqlite3.Connection, blog_id: int, key: BlogURL, after: int, heard: datetime | None
) -> Logged:
    """What a reader whose changes after *after* were pruned has missed, from the entries.

    Entries first seen after *heard* (new), with a revision seen after it
    (edited), removed after it (removed), as the cache holds them now, oldest
    published first; the blog's title, and ``live=False`` if it ended. Its
    ``seqs`` run to the blog's newest number: the reader goes on from there.
    """
    at = db_time(heard) if heard is not None else ""
    groups = changed_since(db, blog_id, at)
    entries = entries_by_rowid(db, [r[0] for group in groups for r in group])
    new, edited, removed = (tuple(entries[r[0]] for r in group) for group in groups)
    title, live = db.execute("SELECT title, live FROM blogs WHERE id = ?", (blog_id,)).fetchone()
    last = max(last_seq(db, key), after + 1)
    changes = Changes(new, edited, removed, title=title or None, live=False if live == 0 else None)
    return Logged(key, "page", replace(changes, seqs=(after + 1, last)))


def prune(db: sqlite3.Connection, before: str) -> int:
    """Delete the log's rows written before *before* (a db_time text); returns how many.

    Only the oldest rows go: every row up to the newest one written before
    *before*, so the log keeps no gap a reader could fall into unawares. Each
    blog whose rows went keeps the newest of their numbers
    (``blogs.log_pruned``): a reader behind it is given a catch-up
    (:func:`applies_after`). The numbering goes on from the largest number
    ever used, rows or not (``AUTOINCREMENT`` keeps it).
    """
    found = db.execute("SELECT max(seq) FROM changes WHERE at < ?", (before,)).fetchone()
    horizon = found[0] if found else None
    if horizon is None:
        return 0
    db.execute(
        "UPDATE blogs SET log_pruned = (SELECT max(seq) FROM changes c"
        " WHERE c.blog_id = blogs.id AND c.seq <= ?)"
        " WHERE id IN (SELECT blog_id FROM changes WHERE seq <= ?)",
        (horizon, horizon),
    )
    return db.execute("DELETE FROM changes WHERE seq <= ?", (horizon,)).rowcount
