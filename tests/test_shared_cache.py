"""One cache, many readers: the change log, leases, per-URL freshness, storage faults.

In-process tests with real SQLite files and the demo server on loopback; the
tests with several real processes are in ``test_shared_processes.py``.
"""

from __future__ import annotations

import asyncio
import contextlib
import sqlite3
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from liveread.cache import Cache
from liveread.demo import DemoBlog
from liveread.demo.server import DemoServer
from tests.demo_fixtures import Events, FakeTime, RecordingFetcher, follower

MakeServer = Callable[..., DemoServer]


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "cache.sqlite3"


@pytest.fixture
def cache(path: Path) -> Iterator[Cache]:
    with Cache(path) as opened:
        yield opened


def publish(server: DemoServer, title: str, size: int = 0) -> str:
    """Publish one entry now; with *size*, its text is that many characters long."""
    text = f"{title}: the text." + " More of it." * (size // 12)

    def act(blog: DemoBlog) -> str:
        return blog.publish(blog.new_entry(title, text, at=blog.now)).id

    return server.change(act)


# --- the change log ---------------------------------------------------------------------


async def test_changes_applied_by_another_cache_reach_a_follower_exactly_once(
    demo_server: DemoServer, path: Path
) -> None:
    """Two followers on one file: the one that does not poll reports what the other applied."""
    time_a, time_b = FakeTime(), FakeTime()
    events_a, events_b = Events(), Events()
    with Cache(path) as first, Cache(path) as second:
        a = follower(demo_server.url, first, time_a, events_a, watch_every=0.02)
        b = follower(demo_server.url, second, time_b, events_b, watch_every=0.02)
        task_a = asyncio.ensure_future(a.run())
        while a.status.state != "live":  # a holds the lease and has read the history
            await asyncio.sleep(0.01)
        added: list[str] = []
        time_a.once(lambda: added.append(publish(demo_server, "Seen by both")))
        task_b = asyncio.ensure_future(b.run())
        while not (added and added[0] in ids(events_b)):
            await asyncio.sleep(0.01)
        assert b.status.leader is not None  # a polls, b reads the log
        a.stop()
        await task_a
        for _ in range(500):  # a released its lease: b takes over within a second
            if b.status.leader is None:
                break
            await asyncio.sleep(0.01)
        assert b.status.leader is None
        b.stop()
        await task_b
    # b reports from the moment it started: the entry a applied since, once.
    assert [e.id for e in events_b.changed("new")] == added
    assert [e.id for e in events_a.changed("new", "poll")] == added


def ids(events: Events) -> list[str]:
    return sorted(e.id for e in events.changed("new"))


def test_the_log_numbers_every_change_and_readers_resume_from_their_cursor(cache: Cache) -> None:
    from liveread.model import Block, Entry, Pages, Snapshot
    from tests.test_cache import T0, URL

    def snap(*ns: int, title: str = "Harbour") -> Snapshot:
        entries = tuple(
            Entry(f"{n:024x}", T0 + timedelta(minutes=n), None, f"E{n}",
                  (Block("paragraph", f"text {n}"),), f"{URL}#{n}")
            for n in sorted(ns, reverse=True)
        )  # fmt: skip
        return Snapshot(URL, "test", entries, title=title, live=True, pages=Pages(1, 1),
                        feed_ids=tuple(e.id for e in entries))  # fmt: skip

    assert cache.last_change() == 0
    cache.apply(snap(1, 2), origin="backfill")
    first = cache.changes_after(0)
    assert [c.kind for c in first] == ["new", "new", "title", "live"]
    assert all(c.origin == "backfill" for c in first)
    seqs = [c.seq for c in first]
    assert seqs == sorted(seqs) and len(set(seqs)) == 4
    cursor = first[-1].seq
    assert cache.changes_after(cursor) == []
    applied = cache.apply(snap(1, 3), origin="page")  # 3 new, 2 removed
    later = cache.changes_after(cursor)
    assert [(c.kind, c.entry.title if c.entry else None) for c in later] == [
        ("new", "E3"),
        ("removed", "E2"),
    ]
    # The apply says which numbers it wrote: its changes, then the row that ends it.
    assert applied.seqs is not None and applied.seqs[0] == later[0].seq > cursor
    assert cache.last_change(URL) == applied.seqs[1] > later[-1].seq
    assert cache.changes_after(0, "https://elsewhere.example/x") == []


def test_each_apply_is_read_back_whole_as_it_was_made(cache: Cache) -> None:
    from liveread.model import Pages, Snapshot
    from tests.test_cache import URL, entry, page

    made = [
        cache.apply(page([entry(1), entry(2)]), origin="backfill"),
        cache.apply(page([entry(1), entry(2), entry(3)]), origin="page"),
        cache.apply(Snapshot(URL, "test", (), title="Renamed", pages=Pages(1, 1)), origin="page"),
        cache.apply(page([entry(3)], kind="update", current=None, title=""), origin="poll"),
        cache.apply(Snapshot(URL, "test", (), live=False, kind="update"), origin="poll"),
    ]
    logged = cache.applies_after(0, URL)
    assert [m.seqs for m in made if m] == [g.changes.seqs for g in logged]
    assert [(g.origin, g.changes) for g in logged] == [
        ("backfill", made[0]),
        ("page", made[1]),
        ("page", made[2]),
        ("poll", made[4]),
    ]
    assert logged[2].changes.title == "Renamed" and not logged[2].changes.new
    assert logged[3].changes.live is False
    after_second = cache.applies_after(made[1].seqs[1], URL)  # type: ignore[index]
    assert [g.changes.seqs for g in after_second] == [made[2].seqs, made[4].seqs]
    before = cache.applies_after(0, URL, before=made[2].seqs[0])  # type: ignore[index]
    assert [g.changes.seqs for g in before] == [made[0].seqs, made[1].seqs]


def test_pruning_keeps_the_numbering(cache: Cache) -> None:
    from tests.test_cache import entry, page

    cache.apply(page([entry(1)]))
    last = cache.last_change()
    assert cache.prune_changes(cache._now() + timedelta(days=1)) > 0
    assert cache.changes_after(0) == []
    cache.apply(page([entry(1), entry(2)]))
    assert cache.changes_after(0)[0].seq > last  # never reused
    assert len(cache.load(page([]).url).entries) == 2  # the entries stay


def test_apply_prunes_what_is_past_a_week_at_most_once_an_hour(path: Path) -> None:
    """On a real file: the log keeps a week; pruning takes only its oldest rows."""
    from liveread.cache._log import KEEP, PRUNE_EVERY
    from tests.test_cache import Clock, entry, page

    def oldest() -> int:
        with sqlite3.connect(path) as db:
            return int(db.execute("SELECT min(seq) FROM changes").fetchone()[0])

    clock = Clock()
    t0 = clock.now
    with Cache(path, now=clock) as cache:
        first = cache.apply(page([entry(1)]))
        clock.now = t0 + timedelta(hours=2, minutes=10)
        second = cache.apply(page([entry(1), entry(2)]))
        assert first.seqs and second.seqs and oldest() == first.seqs[0]
        pruned = clock.now = t0 + KEEP + timedelta(hours=2)  # the first apply's rows: a week old
        cache.apply(page([entry(1), entry(2), entry(3)]))
        assert oldest() == second.seqs[0]
        with sqlite3.connect(path) as db:
            assert db.execute("SELECT log_pruned FROM blogs").fetchone() == (first.seqs[1],)
        # Within the hour the second apply's rows are a week old too: kept until it is over.
        clock.now = pruned + PRUNE_EVERY / 2
        cache.apply(page([entry(1), entry(2), entry(3), entry(4)]))
        assert oldest() == second.seqs[0]
        clock.now = pruned + PRUNE_EVERY
        cache.apply(page([entry(n) for n in range(1, 6)]))
        assert oldest() > second.seqs[1]
        assert len(cache.load(page([]).url).entries) == 5  # the entries all stay


# --- leases -------------------------------------------------------------------------------


def test_a_lease_is_held_renewed_refused_and_released(path: Path) -> None:
    url = "https://news.example.org/live/x"
    with Cache(path) as one, Cache(path) as two:
        mine = one.claim(url, "me", ttl=30)
        assert mine.holder == "me"
        theirs = two.claim(url, "them", ttl=30)
        assert theirs.holder == "me"  # held by a live process (this one): refused
        assert one.claim(url, "me", ttl=30).holder == "me"  # renewed
        one.release(url, "me")
        assert two.claim(url, "them", ttl=30).holder == "them"


def test_an_expired_lease_or_a_dead_holder_is_taken_over(path: Path) -> None:
    url = "https://news.example.org/live/x"
    with Cache(path) as cache:
        cache.claim(url, "old", ttl=-1)  # already run out
        assert cache.claim(url, "new", ttl=30).holder == "new"
        with sqlite3.connect(path) as db:  # a holder on this machine whose process is gone
            db.execute("UPDATE leases SET holder = 'ghost', pid = 2147483646")
        assert cache.claim(url, "new", ttl=30).holder == "new"


async def test_once_while_another_liveread_polls_does_not_poll(
    demo_server: DemoServer, path: Path
) -> None:
    with Cache(path) as first, Cache(path) as second:
        holder = follower(demo_server.url, first, FakeTime(), Events(), watch_every=0.02)
        task = asyncio.ensure_future(holder.run())
        while holder.status.state != "live":
            await asyncio.sleep(0.01)
        fetcher = RecordingFetcher(FakeTime())
        events = Events()
        other = follower(
            demo_server.url,
            second,
            FakeTime(),
            events,
            once=True,
            fetcher=fetcher,
            watch_every=0.02,
        )
        await other.run()
        holder.stop()
        await task
    assert fetcher.calls == []
    assert any(s.leader is not None for s in events.statuses())


# --- per-URL freshness ----------------------------------------------------------------


async def test_a_walk_of_twenty_pages_with_max_age_is_not_held_back(
    make_demo_server: MakeServer, cache: Cache
) -> None:
    server = make_demo_server(
        blog_factory=lambda url: DemoBlog.synthetic(210, base_url=url), page_max_age=5
    )
    assert server.blog.total_pages >= 21
    time = FakeTime()
    events = Events()
    f = follower(server.url, cache, time, events, once=True, watch_every=0.02)
    await f.run()
    assert len(cache.load(f.url).entries) == 210
    # Each older page is another URL: the previous page's max-age=5 does not apply.
    assert sum(time.sleeps) < 5.0, time.sleeps


# --- storage faults ----------------------------------------------------------------------


def poke(cache: Cache, sql: str) -> None:
    """Change a setting of the cache's own connection (the fault a test cannot make otherwise)."""
    cache._conn().execute(sql)


async def storage_fault_round(
    server: DemoServer,
    cache: Cache,
    make_fault: Callable[[], object],
    clear_fault: Callable[[], object],
    word: str,
) -> None:
    """Follow until live; break the storage, publish an entry, heal after a failure; check."""
    time = FakeTime()
    events = Events()
    f = follower(server.url, cache, time, events, watch_every=0.02)
    added: list[str] = []
    healed: list[bool] = []

    def break_then_publish() -> None:
        make_fault()
        # Long enough to need new pages in the file (a full disk stops only growth).
        added.append(publish(server, "Written when the cache works again", size=20000))

    def heal_after_a_failure() -> None:
        if not healed and any(word in (s.last_error or "") for s in events.statuses()):
            clear_fault()
            healed.append(True)

    live = asyncio.ensure_future(f.run())
    while f.status.state != "live":
        await asyncio.sleep(0.01)
    before = {e.id for e in cache.load(f.url).entries}
    time.once(break_then_publish)
    time.hooks.append(heal_after_a_failure)
    for _ in range(2000):
        if added and healed and cache.entry(f.url, added[0]) is not None:
            break
        assert not live.done()
        await asyncio.sleep(0.01)
    f.stop()
    await live
    errors = [s.last_error for s in events.statuses() if s.last_error and word in s.last_error]
    assert errors, [(s.state, s.last_error) for s in events.statuses()][-4:]
    assert all("\n" not in e and "Traceback" not in e for e in errors)
    assert any(s.state == "offline" for s in events.statuses())
    after = {e.id for e in cache.load(f.url).entries}
    assert after == before | {added[0]}  # nothing lost, nothing half-written
    assert [e.id for e in events.changed("new") if e.id == added[0]] == [added[0]]
    with sqlite3.connect(cache.path) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def setting(cache: Cache, sql: str) -> Callable[[], object]:
    """Change a setting of the cache's own connection: a fault a test cannot make otherwise."""
    return lambda: cache._conn().execute(sql)


async def test_a_full_disk_is_reported_and_the_follower_catches_up(
    demo_server: DemoServer, cache: Cache
) -> None:
    # SQLite's max_page_count at the file's size, and the room left in it filled:
    # every write that needs a page fails as on a full disk (SQLITE_FULL), without
    # root or a real disk.
    db = cache._conn()

    def fill() -> None:
        pages = db.execute("PRAGMA page_count").fetchone()[0]
        db.execute("CREATE TABLE IF NOT EXISTS filler (x BLOB)")
        db.execute(f"PRAGMA max_page_count = {pages}")
        with contextlib.suppress(sqlite3.OperationalError):
            while True:
                db.execute("INSERT INTO filler VALUES (zeroblob(512))")

    def make_room() -> None:
        db.execute("PRAGMA max_page_count = 1073741823")
        db.execute("DROP TABLE filler")

    await storage_fault_round(demo_server, cache, fill, make_room, "the disk is full")


async def test_a_read_only_cache_is_reported_and_the_follower_catches_up(
    demo_server: DemoServer, cache: Cache
) -> None:
    # query_only makes every write fail as on a read-only file (SQLITE_READONLY);
    # permissions cannot, for tests that may run as root.
    await storage_fault_round(
        demo_server,
        cache,
        setting(cache, "PRAGMA query_only = ON"),
        setting(cache, "PRAGMA query_only = OFF"),
        "read-only",
    )


async def test_a_cache_locked_past_the_busy_timeout_is_reported_and_caught_up(
    demo_server: DemoServer, cache: Cache
) -> None:
    setting(cache, "PRAGMA busy_timeout = 50")()
    other = sqlite3.connect(cache.path, isolation_level=None)
    try:
        await storage_fault_round(
            demo_server,
            cache,
            lambda: other.execute("BEGIN IMMEDIATE"),  # another process holds the write lock
            lambda: other.execute("ROLLBACK"),
            "is busy",
        )
    finally:
        other.close()
