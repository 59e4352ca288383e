"""Following a WordPress Liveblog blog against the demo server: history, polls, idle cost.

Both ways the plugin's sites look: the post with its first page of entries
rendered (``/wp<blog>``, pretty permalinks) and the React app's empty
container (``/wpapp<blog>``, ``?rest_route=``). The whole history comes
through the REST pages; new entries, an edit, a deletion and a key event
through the entries-since polls; an idle blog costs tiny answers and no
stored validators. Time is faked, for the follower and for the source's
polling window alike (the demo's story time is the fake clock's).
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path

import httpx
import pytest

import liveread.sources
from liveread.cache import Cache
from liveread.demo import DemoBlog
from liveread.demo.render.wpliveblog import PER_PAGE, wp_entry_id
from liveread.demo.server import DemoServer
from liveread.follow import BackfillProgress
from liveread.model import StoredEntry
from tests.demo_fixtures import Events, FakeTime, RecordingFetcher, follower, run_until

MakeServer = Callable[..., DemoServer]


@pytest.fixture
def cache(tmp_path: Path) -> Iterator[Cache]:
    with Cache(tmp_path / "cache.sqlite3") as c:
        yield c


@pytest.fixture
def server(make_demo_server: MakeServer) -> DemoServer:
    return make_demo_server()


@pytest.fixture
def time(server: DemoServer, monkeypatch: pytest.MonkeyPatch) -> FakeTime:
    """A fake clock at the blog's present, which the source's polling window reads too."""
    fake = FakeTime(server.blog.now)
    monkeypatch.setattr(liveread.sources.find("wpliveblog"), "clock", fake.clock)
    return fake


def page(server: DemoServer, app: bool) -> str:
    return server.wp_app_url if app else server.wp_url


def wp_ids(server: DemoServer) -> list[str]:
    return sorted(str(wp_entry_id(p.id)) for p in server.blog.posts_newest_first())


def cached(cache: Cache, url: str, *, removed: bool = False) -> list[str]:
    return sorted(e.id for e in cache.load(url).entries if removed or not e.removed)


def polls(fetcher: RecordingFetcher) -> list[str]:
    return [u for _, u in fetcher.calls if "/entries/" in u]


# -- the whole history ------------------------------------------------------------------


@pytest.mark.parametrize("app", [False, True], ids=["page", "react-app"])
async def test_the_whole_history_is_read_through_the_rest_pages(
    server: DemoServer, cache: Cache, time: FakeTime, app: bool
) -> None:
    assert len(server.blog) > 3 * PER_PAGE  # far more than the page shows
    events = Events()
    fetcher = RecordingFetcher(time)
    f = follower(page(server, app), cache, time, events, fetcher=fetcher, once=True)
    await f.run()
    assert cached(cache, f.url) == wp_ids(server)
    walked = [u for _, u in fetcher.calls if "/get-entries/" in u]
    pages = -(-len(server.blog) // PER_PAGE)
    first = 1 if app else 2  # the rendered page is REST page 1 already
    assert [int(u.split("/get-entries/")[1].split("/")[0]) for u in walked] == list(
        range(first, pages + 1)
    )
    assert all(("?rest_route=/liveblog/v1/" in u) == app for u in walked)
    new = events.changed("new", "backfill")
    assert sorted(e.id for e in new) == wp_ids(server)  # each once
    assert not events.changed("removed")
    progress = events.of(BackfillProgress)
    assert progress[-1].pages_done == progress[-1].pages_total == pages
    assert all(p.pages_done <= p.pages_total for p in progress)  # never "page 5 of 2"
    blog = cache.load(f.url)
    assert blog.source == "wpliveblog" and blog.title == server.blog.title and blog.live is True
    assert cache.follow_state(f.url).walk_done


# -- the polls ---------------------------------------------------------------------------


@pytest.mark.parametrize("app", [False, True], ids=["page", "react-app"])
async def test_new_edited_deleted_and_key_entries_arrive_by_the_polls(
    server: DemoServer, cache: Cache, time: FakeTime, app: bool
) -> None:
    events = Events()
    fetcher = RecordingFetcher(time)
    f = follower(page(server, app), cache, time, events, fetcher=fetcher)
    order = [p.id for p in server.blog.posts_newest_first()]
    edited, gone, keyed = order[8], order[12], order[16]  # all beyond the page's first five
    done: dict[str, object] = {}

    def story() -> None:
        """Once live, one change at a time, each at the (fake) present, once the last arrived."""
        if not events.statuses() or events.statuses()[-1].state != "live":
            return
        now = time.now
        if "new" not in done:

            def two(blog: DemoBlog) -> list[str]:
                first = blog.publish(blog.new_entry("Pumps", "Six pumps.", at=now))
                second = blog.new_entry("Sandbags", "More.", at=now + timedelta(seconds=1))
                return [first.id, blog.publish(second).id]

            done["new"] = server.change(two)
        elif "edit" not in done and len(events.changed("new", "poll")) >= 2:
            server.change(lambda blog: blog.edit(edited, "Corrected: the barrier held.", at=now))
            done["edit"] = True
        elif "remove" not in done and events.changed("edited", "poll"):
            server.change(lambda blog: blog.remove(gone, at=now))
            done["remove"] = True
        elif "key" not in done and events.changed("removed", "poll"):
            server.change(lambda blog: blog.set_key_event(keyed, at=now))
            done["key"] = True

    time.hooks.append(story)
    await run_until(f, lambda: "key" in done and bool(events.changed("reflagged", "poll")))
    new = events.changed("new", "poll")
    assert [e.title for e in new] == ["Pumps", "Sandbags"]
    assert [e.id for e in new] == [str(wp_entry_id(i)) for i in done["new"]]  # type: ignore[attr-defined]
    (changed,) = events.changed("edited", "poll")
    assert changed.id == str(wp_entry_id(edited)) and changed.text == "Corrected: the barrier held."
    assert isinstance(changed, StoredEntry) and len(changed.revisions) == 2
    (removed,) = events.changed("removed", "poll")
    assert removed.id == str(wp_entry_id(gone))
    (flagged,) = events.changed("reflagged", "poll")
    assert flagged.id == str(wp_entry_id(keyed)) and flagged.key_event
    assert not events.changed("removed", "backfill") and not events.changed("edited", "page")
    # Kept in the archive, flagged; everything else as the site has it.
    assert cached(cache, f.url) == wp_ids(server)
    assert str(wp_entry_id(gone)) in cached(cache, f.url, removed=True)
    # Each poll asked the window after the newest comment seen, on the page's REST base.
    asked = polls(fetcher)
    assert asked and all(("?rest_route=" in u) == app for u in asked)
    starts = [int(u.rstrip("/").split("/")[-2]) for u in asked]
    assert starts == sorted(starts)


async def test_idle_polls_are_tiny_change_nothing_and_store_no_validators(
    server: DemoServer, cache: Cache, time: FakeTime, tmp_path: Path
) -> None:
    events = Events()
    fetcher = RecordingFetcher(time)
    f = follower(server.wp_url, cache, time, events, fetcher=fetcher, interval=1, refresh=5)
    await run_until(f, lambda: len(polls(fetcher)) >= 2)  # walked, live, polled
    server.stats.reset()
    asked_before = len(polls(fetcher))
    quiet = Events()
    f2 = follower(server.wp_url, cache, time, quiet, fetcher=fetcher, interval=1, refresh=5)
    await run_until(f2, lambda: len(time.sleeps) >= 60)
    log = [r for r in server.stats.log if r.status]
    answers = [r for r in log if "/entries/" in r.target]
    pages = [r for r in log if server.wp_url.endswith(r.path)]
    assert len(answers) >= 40 and len(pages) >= 8
    assert {r.status for r in pages} == {304}  # the page re-reads: conditional, never parsed
    assert {r.status for r in answers} == {200}  # the plugin's answers carry no validators
    assert max(r.body_bytes for r in answers) < 120  # {"entries":[],"latest_timestamp":null,…}
    assert not quiet.applied()
    # Every window its own, among the second follower's: the first one's last window,
    # stopped on its way, may reach the server after the reset, and was never stored,
    # so the second rightly asks it again.
    windows = polls(fetcher)[asked_before:]
    assert len(windows) >= 40 and len(set(windows)) == len(windows)
    with sqlite3.connect(tmp_path / "cache.sqlite3") as db:
        stored = [u for (u,) in db.execute("SELECT fetch_url FROM validators")]
    assert not [u for u in stored if "/entries/" in u]  # one-off URLs leave nothing behind


@pytest.mark.parametrize("app", [False, True], ids=["page", "react-app"])
async def test_after_an_absence_the_polls_catch_up_from_where_they_were(
    server: DemoServer, cache: Cache, time: FakeTime, app: bool
) -> None:
    url = page(server, app)
    fetcher = RecordingFetcher(time)
    first = follower(url, cache, time, Events(), fetcher=fetcher)
    await run_until(first, lambda: len(polls(fetcher)) >= 2)
    time.now += timedelta(hours=2)

    def twelve(blog: DemoBlog) -> list[str]:
        at = time.now - timedelta(minutes=30)
        return [
            blog.publish(blog.new_entry(f"Away {n}", "Text.", at=at + timedelta(minutes=n))).id
            for n in range(12)
        ]

    added = server.change(twelve)  # more than the page shows, while nobody followed
    events = Events()
    again = follower(url, cache, time, events, fetcher=fetcher)
    await run_until(again, lambda: len(events.changed("new")) >= 12)
    assert sorted(e.id for e in events.changed("new")) == sorted(str(wp_entry_id(i)) for i in added)
    if app:  # a shell over the REST pages: its feed and the catch-up walk read them, once each
        assert len(events.changed("new", "poll")) + len(events.changed("new", "backfill")) == 12
        assert not events.changed("new", "page")
    assert cached(cache, again.url) == wp_ids(server)


# -- liveread demo --format wpliveblog ---------------------------------------------------


def test_liveread_demo_serves_the_wordpress_blog(tmp_path: Path) -> None:
    env = {**os.environ, "LIVEREAD_HOME": str(tmp_path)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "liveread", "demo", "--serve", "--format", "wpliveblog"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        assert proc.stdout is not None
        url = proc.stdout.readline().strip()
        assert "/wp/" in url
        snapshot = liveread.sources.parse(httpx.get(url, timeout=10).content, url)
        assert snapshot.source == "wpliveblog" and snapshot.entries
        assert snapshot.pages is not None and snapshot.pages.older
        older = httpx.get(snapshot.pages.older, timeout=10)
        assert older.status_code == 200 and json.loads(older.content)["page"] == 2
        index = httpx.get(url.split("/wp/")[0] + "/", timeout=10).text
        assert url in index
    finally:
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=20) == 0
