"""The relay: every apply of a blog reported once, whole, its own as it is, others' from the log.

Two caches on one file stand for two processes. The follower's own apply is
reported with the entries ``Cache.apply`` already loaded (no second read of
them), after whatever the other process logged before it; each report is one
apply exactly (its entries, its title, its live state); the end is said once.
"""

from __future__ import annotations

from collections.abc import Iterator
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
