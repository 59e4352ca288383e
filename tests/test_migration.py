"""A cache written by liveread's first release opens, migrates and follows on.

The input is ``tests/fixtures/cache-v1/cache.sqlite3`` (see its README): made
by the round-1 code, schema v1, with a history walk interrupted mid-way. The
test copies it, points its URLs at this test's demo server (the file was made
against a server on another port), opens it with today's code and follows on.
"""

from __future__ import annotations

import asyncio
import random
import shutil
import sqlite3
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path

from liveread.cache import Cache
from liveread.cache._schema import SCHEMA_VERSION
from liveread.demo.server import BLOG_PATH, DemoServer
from liveread.follow import Follower, FollowSettings
from liveread.model import FollowState
from tests.demo_fixtures import Events, FakeTime, RecordingFetcher, run_until

FIXTURE = Path(__file__).parent / "fixtures" / "cache-v1" / "cache.sqlite3"
#: Where the demo server was when the fixture was made, and the blog's start then.
OLD_ORIGIN = "http://127.0.0.1:46601"
START = datetime(2026, 11, 28, 9, 0, tzinfo=timezone.utc)
NEVER = "http://127.0.0.1:9/never/reached"


def v1_copy(tmp_path: Path, origin: str) -> Path:
    """A copy of the fixture whose URLs name *origin*, still schema v1 and otherwise untouched."""
    path = tmp_path / "cache.sqlite3"
    shutil.copyfile(FIXTURE, path)
    db = sqlite3.connect(path)
    try:
        assert db.execute("PRAGMA user_version").fetchone()[0] == 1
        for table, column in (
            ("blogs", "url"),
            ("entries", "url"),
            ("entries", "body"),
            ("state", "value"),
            ("validators", "fetch_url"),
        ):
            db.execute(
                f"UPDATE {table} SET {column} = replace({column}, ?, ?)", (OLD_ORIGIN, origin)
            )
        db.commit()
    finally:
        db.close()
    return path


def test_the_v1_state_becomes_one_follow_state_per_blog(
    make_demo_server: Callable[..., DemoServer], tmp_path: Path
) -> None:
    server = make_demo_server(start=START)
    path = v1_copy(tmp_path, server.origin)
    with Cache(path) as cache:
        guardian = cache.follow_state(server.url)
        jsonld = cache.follow_state(server.jsonld_url)
        never = cache.follow_state(NEVER)
        loaded = cache.load(server.url)
    assert guardian.source == "guardian" and guardian.live is True
    assert guardian.walk_mode == "full" and not guardian.walk_done
    assert guardian.walk_next is not None and guardian.walk_next.startswith(server.url + "?page=")
    assert guardian.pages_total == 4
    assert guardian.source_data == {"ajax_url": server.origin, "page_id": BLOG_PATH.lstrip("/")}
    assert guardian.cursor == loaded.entries[0].id  # the anchor: the newest block known
    assert jsonld == FollowState(source="schemaorg", live=True, walk_done=True, pages_total=1)
    assert never == FollowState()
    assert len(loaded.entries) == 38
    db = sqlite3.connect(path)
    try:
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        assert "state" not in tables and "follow_state" in tables
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        db.close()


def test_a_v1_cache_follows_on_where_it_stopped(
    make_demo_server: Callable[..., DemoServer], tmp_path: Path
) -> None:
    server = make_demo_server(start=START)
    path = v1_copy(tmp_path, server.origin)
    time = FakeTime(START + timedelta(hours=1))
    events = Events()
    fetcher = RecordingFetcher(time)

    async def follow() -> None:
        with Cache(path, now=time.clock) as cache:
            follower = Follower(
                server.url,
                cache,
                settings=FollowSettings.for_url(server.url, 1.0, 30.0),
                on_event=events,
                fetcher=fetcher,
                clock=time.clock,
                sleep=time.sleep,
                rng=random.Random(3),
            )
            published: list[str] = []

            def publish_once_live() -> None:
                if follower.status.state == "live" and not published:
                    entry = server.change(
                        lambda blog: blog.publish(blog.new_entry("After the upgrade", "Here."))
                    )
                    published.append(entry.id)

            time.hooks.append(publish_once_live)
            await run_until(
                follower, lambda: bool(published) and cache.entry(server.url, published[0])
            )
            blog = cache.load(server.url)
            live_ids = {e.id for e in server.blog.entries_newest_first()}
            assert {e.id for e in blog.entries} == live_ids  # whole, each entry once
            state = cache.follow_state(server.url)
            assert state.walk_done and state.walk_next is None
            assert state.cursor == published[0]
            assert [n for n in events.changed("new", "poll")] != []

    asyncio.run(follow())
    urls = [url for _, url in fetcher.calls]
    older = [n for n, url in enumerate(urls) if "page=with:block-" in url]
    polls = [n for n, url in enumerate(urls) if "lastUpdate=" in url]
    # Page 1, then only the one older page the interrupted walk had not read, then polls.
    assert urls[0] == server.url and len(older) == 1 and older[0] < polls[0]


def test_v5_adds_the_site_name_and_window_to_every_blog(
    make_demo_server: Callable[..., DemoServer], tmp_path: Path
) -> None:
    server = make_demo_server(start=START)
    path = v1_copy(tmp_path, server.origin)
    with Cache(path) as cache:
        summary = cache.summary(server.url)
    assert summary is not None and summary.entries == 38
    # Nothing known yet: the next page read says (the Guardian's pages reach the whole blog).
    assert (summary.site_name, summary.window, summary.history_from) == ("", None, None)
    db = sqlite3.connect(path)
    try:
        columns = {r[1] for r in db.execute("PRAGMA table_info(blogs)")}
        assert {"site_name", "window_size"} <= columns
    finally:
        db.close()


def test_v6_names_the_schemaorg_source_as_the_docs_list_it(
    make_demo_server: Callable[..., DemoServer], tmp_path: Path
) -> None:
    """Caches up to v5 stored the form ("jsonld", "microdata"); v6 names the source."""
    server = make_demo_server(start=START)
    path = v1_copy(tmp_path, server.origin)  # its second blog was read as "jsonld"
    with Cache(path) as cache:
        sources = {row.url: row.source for row in cache.blogs() if row.reached}
    assert sources == {server.url: "guardian", server.jsonld_url: "schemaorg"}
    # A v5 cache whose blog came from microdata: made as v5 would have left it.
    v5 = tmp_path / "v5.sqlite3"
    with Cache(v5) as cache:
        cache.want(server.microdata_url)
    db = sqlite3.connect(v5)
    try:
        db.execute(
            "INSERT INTO blogs (url, source, added_at) VALUES (?, 'microdata', '2031-01-01')",
            (server.microdata_url,),
        )
        db.execute("ALTER TABLE blogs DROP COLUMN log_pruned")  # (v6 added it)
        db.execute("DROP INDEX entries_removed")  # (v7 added it)
        db.execute("PRAGMA user_version = 5")
        db.commit()
    finally:
        db.close()
    with Cache(v5) as cache:
        assert [row.source for row in cache.blogs() if row.reached] == ["schemaorg"]
