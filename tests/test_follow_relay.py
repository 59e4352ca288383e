"""The relay: every apply of a blog reported once, whole, its own as it is, others' from the log.

Two caches on one file stand for two processes. The follower's own apply is
reported with the entries ``Cache.apply`` already loaded (no second read of
them), after whatever the other process logged before it; each report is one
apply exactly (its entries, its title, its live state); the end is said once.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from liveread.cache import Cache, Changes, Origin
from liveread.follow._relay import Relay
from liveread.model import Snapshot
from tests.test_cache import URL, entry, page


@pytest.fixture
def path(tmp_path: Path) -> Iterator[Path]:
    yield tmp_path / "cache.sqlite3"


def test_own_applies_as_they_are_others_from_the_log_each_once_and_whole(path: Path) -> None:
    with Cache(path) as mine, Cache(path) as other:
        mine.apply(page([entry(1)]), origin="backfill")  # before the relay: not news
        got: list[tuple[Changes, Origin]] = []
        ended: list[bool] = []
        relay = Relay(
            mine,
            URL,
            on_changes=lambda c, o: got.append((c, o)),
            on_ended=lambda: ended.append(True),
            ttl=30,
        )
        theirs = other.apply(page([entry(1), entry(2)], title="Renamed"), origin="poll")
        own = mine.apply(page([entry(1), entry(2), entry(3)]), origin="page")
        assert mine._db is not None
        statements: list[str] = []
        mine._db.set_trace_callback(statements.append)
        assert relay.report(own, "page") == 2
        mine._db.set_trace_callback(None)
        assert got == [(theirs, "poll"), (own, "page")]
        assert got[1][0] is own  # reported as the apply returned it
        assert got[0][0].title == "Renamed" and [e.id for e in got[0][0].new] == [entry(2).id]
        # Entries were read once: the other process's apply, one query; none for its own.
        assert len([s for s in statements if "FROM entries WHERE id IN" in s]) == 1
        assert relay.report() == 0 and relay.check() == 0  # nothing twice
        other.apply(Snapshot(URL, "guardian", (), live=False, kind="update"), origin="poll")
        assert relay.check() == 1 and got[-1][0].live is False and ended == [True]
        assert relay.report() == 0 and ended == [True]


def test_a_reader_a_week_behind_catches_up_from_the_entries_once(path: Path) -> None:
    """The log is pruned past a stopped reader's place: it is told once, from the entries."""
    from tests.test_cache import Clock

    clock = Clock()
    t0 = clock.now
    with Cache(path, now=clock) as writer, Cache(path, now=clock) as reader:
        writer.apply(page([entry(1), entry(2)]), origin="backfill")
        clock.now = t0 + timedelta(minutes=1)  # the readers start: the history is not news
        got: list[Changes] = []

        def relay_of(cache: Cache) -> Relay:
            return Relay(cache, URL, on_changes=lambda c, _o: got.append(c), on_ended=list, ttl=30)

        asleep, awake = relay_of(reader), relay_of(writer)
        # While the reader sleeps: a new entry, an edit, a removal, an hour apart.
        for hours, snapshot in (
            (1, page([entry(1), entry(2), entry(3)])),
            (2, page([entry(1, "Dockers return."), entry(2), entry(3)])),
            (3, page([entry(1, "Dockers return."), entry(3)])),
        ):
            clock.now = t0 + timedelta(hours=hours)
            writer.apply(snapshot)
        assert awake.report() == 3 and len(got) == 3
        # A week on, the next apply prunes the log past the reader's place.
        clock.now = t0 + timedelta(days=8)
        latest = writer.apply(page([entry(1, "Dockers return."), entry(3), entry(4)]))
        with sqlite3.connect(path) as db:
            kept = db.execute("SELECT count(*) FROM changes").fetchone()[0]
            assert kept == (latest.seqs[1] - latest.seqs[0] + 1)  # type: ignore[index]
        got.clear()
        assert awake.report(latest, "page") == 1 and got == [latest]  # awake: as usual
        got.clear()
        assert asleep.report() == 1
        (caught,) = got
        assert [e.id for e in caught.new] == [entry(3).id, entry(4).id]
        assert [e.id for e in caught.edited] == [entry(1).id]
        assert [e.id for e in caught.removed] == [entry(2).id]
        assert caught.seqs == (caught.seqs[0], latest.seqs[1])  # type: ignore[index]
        # Then it reads the log again, from there: each later apply once.
        clock.now += timedelta(minutes=5)
        fifth = writer.apply(page([entry(1, "Dockers return."), entry(3), entry(4), entry(5)]))
        got.clear()
        assert asleep.report() == 1 and [e.id for e in got[0].new] == [entry(5).id]
        assert got[0].seqs == fifth.seqs and asleep.report() == 0


def test_the_readme_says_how_long_the_log_keeps() -> None:
    from liveread.cache._log import KEEP

    readme = " ".join((Path(__file__).resolve().parent.parent / "README.md").read_text().split())
    assert KEEP.days == 7 and "The log keeps a week" in readme
