"""``Snapshot.removed_ids``: deletions an update endpoint reports, on a real SQLite file.

An update answer that says "entry X was deleted" flags X removed (kept in the
archive, reported once in ``Changes.removed``), whatever the snapshot's kind
and however old X is; ids the cache never held change nothing.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

from liveread.cache import Cache
from liveread.model import Block, Entry, Pages, Snapshot

URL = "https://news.example.org/2031/03/04/harbour-strike-live/"
T0 = datetime(2031, 3, 4, 9, 0, tzinfo=timezone.utc)


def entry(n: int, text: str = "") -> Entry:
    return Entry(
        id=str(n),
        published=T0 + timedelta(minutes=n),
        updated=None,
        title=None,
        body=(Block("paragraph", text or f"Update {n}."),),
        url=f"{URL}#{n}",
    )


def update(*entries: Entry, removed: tuple[str, ...] = ()) -> Snapshot:
    return Snapshot(
        url=URL,
        source="test",
        entries=entries,
        feed_ids=tuple(e.id for e in entries),
        kind="update",
        removed_ids=removed,
    )


def test_listed_deletions_are_flagged_removed_once_and_kept(tmp_path: Path) -> None:
    with Cache(tmp_path / "c.sqlite3") as cache:
        first = [entry(n) for n in range(1, 8)]
        cache.apply(
            Snapshot(
                url=URL,
                source="test",
                entries=tuple(reversed(first)),
                feed_ids=tuple(e.id for e in reversed(first)),
                pages=Pages(1, 1),
            )
        )
        # The oldest entry: a page could never tell its deletion from a roll-over.
        changes = cache.apply(update(entry(8), removed=("1", "999")))
        assert [e.id for e in changes.new] == ["8"]
        assert [e.id for e in changes.removed] == ["1"]
        blog = cache.load(URL)
        gone = {e.id for e in blog.entries if e.removed}
        assert gone == {"1"} and len(blog.entries) == 8  # kept, flagged; 999 never existed
        again = cache.apply(update(removed=("1",)))
        assert not again  # already flagged: nothing new to report


def test_a_deletion_wins_over_an_entry_of_the_same_id(tmp_path: Path) -> None:
    with Cache(tmp_path / "c.sqlite3") as cache:
        cache.apply(update(entry(1), entry(2)))
        changes = cache.apply(update(entry(2, "Changed."), removed=("2",)))
        assert [e.id for e in changes.removed] == ["2"] and not changes.edited
        kept = next(e for e in cache.load(URL).entries if e.id == "2")
        assert kept.removed and kept.text == "Update 2."


def test_a_later_arrival_un_removes_it(tmp_path: Path) -> None:
    with Cache(tmp_path / "c.sqlite3") as cache:
        cache.apply(update(entry(1), entry(2)))
        cache.apply(update(removed=("2",)))
        changes = cache.apply(update(entry(2)))
        assert [e.id for e in changes.reflagged] == ["2"]
        assert not any(e.removed for e in cache.load(URL).entries)
