"""Entries named without their content: one request per entry the cache lacks, a few at a time.

Some sites answer the list of every post of a blog (its id, when it last
changed) and serve each post at its own address. A source says so with
``Snapshot.elsewhere``; the follower reads the entries the cache does not
hold (or holds with another ``updated`` time), at most ``FOLLOW_UPS`` after
one request, and the rest at the next read of the list. "listlive" here is
such a format, made up: page 1 is a shell naming the list as its feed; the
update request asks the same list.

What it shows: a first contact with 45 posts reads each post exactly once, 20
at a time, with ``--once``; following live, two new posts cost two requests
(never a re-read of every post); an edited post (a new time in the list) is
read again; a post gone from the list is a removal on the next page re-read.
"""

from __future__ import annotations

import asyncio
import random
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import ClassVar
from urllib.parse import urljoin, urlsplit

import pytest

import liveread.sources._registry as registry
from liveread.cache import Cache
from liveread.demo import DemoBlog
from liveread.demo.http import Reply, Request
from liveread.demo.server import DemoServer
from liveread.follow import Follower, FollowSettings, StatusChanged
from liveread.follow._defaults import FOLLOW_UPS
from liveread.model import Block, Entry, EntryRef, FollowState, Pages, Snapshot
from liveread.model import Request as SourceRequest
from liveread.sources import Document, Source
from liveread.times import format_time, parse_time
from tests.demo_fixtures import Events, FakeTime, RecordingFetcher, run_until

PAGE, IDS, ENTRY = "/list/blog", "/list/ids", "/list/entry/"


class ListLive(Source):
    """A made-up format: a shell, the list of every post, each post at its own URL."""

    name: ClassVar[str] = "listlive"
    label: ClassVar[str] = "a listlive page"

    def detect(self, doc: Document) -> bool:
        return doc.text.startswith("#listlive")

    def _listed(self, doc: Document) -> tuple[tuple[str, ...], tuple[EntryRef, ...]]:
        refs = []
        for line in doc.text.splitlines()[1:]:
            post_id, changed = line.split()
            request = SourceRequest(urljoin(doc.url, ENTRY + post_id))
            refs.append(EntryRef(post_id, request, parse_time(changed)))
        return tuple(r.id for r in refs), tuple(refs)

    def parse(self, doc: Document) -> Snapshot:
        if doc.text.startswith("#listlive-ids"):  # the feed: every post, each read on its own
            ids, refs = self._listed(doc)
            return Snapshot(
                doc.blog, self.name, (), pages=Pages(1, 1), feed_ids=ids, elsewhere=refs
            )
        feed = SourceRequest(urljoin(doc.url, IDS))
        return Snapshot(doc.blog, self.name, (), title="A list", live=True, feed=feed,
                        source_data={"ids": feed.url})  # fmt: skip

    def update_request(self, state: FollowState) -> SourceRequest | None:
        return SourceRequest(f"{state.source_data['ids']}?poll")

    def read_update(self, doc: Document, state: FollowState) -> Snapshot:
        if doc.text.startswith("#listlive-ids"):
            ids, refs = self._listed(doc)
            return Snapshot(doc.blog, self.name, (), kind="update", feed_ids=ids, elsewhere=refs)
        _, post_id, published, updated, title, text = doc.text.split("\n", 5)
        entry = Entry(post_id, parse_time(published), parse_time(updated), title,  # type: ignore[arg-type]
                      (Block("paragraph", text),), f"{doc.blog}#{post_id}")  # fmt: skip
        return Snapshot(doc.blog, self.name, (entry,), kind="update", feed_ids=(post_id,))


def answer(server: DemoServer) -> Callable[[Request], Reply | None]:
    def reply(request: Request) -> Reply | None:
        path = urlsplit(request.target).path
        entries = {e.id: e for e in server.blog.entries_newest_first()}
        if path == PAGE:
            body = "#listlive page\n"
        elif path == IDS:
            body = "#listlive-ids\n" + "".join(
                f"{e.id} {format_time(e.updated or e.published)}\n" for e in entries.values()
            )
        elif path.startswith(ENTRY) and path[len(ENTRY) :] in entries:
            e = entries[path[len(ENTRY) :]]
            stamp = format_time(e.updated or e.published)
            body = (
                f"#listlive-entry\n{e.id}\n{format_time(e.published)}\n{stamp}\n{e.title}\n{e.text}"
            )
        else:
            return None
        return Reply(200, body.encode(), "text/plain; charset=utf-8")

    return reply


@pytest.fixture
def server(
    make_demo_server: Callable[..., DemoServer], monkeypatch: pytest.MonkeyPatch
) -> DemoServer:
    monkeypatch.setattr(registry, "registered", lambda: (ListLive(),))
    made = make_demo_server(blog_factory=lambda url: DemoBlog.synthetic(45, base_url=url))
    made.intercept = answer(made)
    return made


def follower(
    url: str, cache: Cache, time: FakeTime, events: Events, fetcher: RecordingFetcher, once: bool
) -> Follower:
    return Follower(
        url,
        cache,
        settings=FollowSettings.for_url(url, 1.0, 5.0, once),
        on_event=events,
        fetcher=fetcher,
        clock=time.clock,
        sleep=time.sleep,
        rng=random.Random(2),
    )


def entry_calls(fetcher: RecordingFetcher) -> list[str]:
    return [u.rpartition("/")[2] for _, u in fetcher.calls if ENTRY in u]


def test_a_first_contact_reads_each_entry_once_a_bounded_few_at_a_time(
    server: DemoServer, tmp_path: Path
) -> None:
    url = server.origin + PAGE
    time, events = FakeTime(server.blog.now), Events()
    fetcher = RecordingFetcher(time)
    with Cache(tmp_path / "cache.sqlite3") as cache:
        asyncio.run(follower(url, cache, time, events, fetcher, once=True).run())
        held = {e.id for e in cache.load(url).entries}
    every = {e.id for e in server.blog.entries_newest_first()}
    assert held == every and sorted(entry_calls(fetcher)) == sorted(every)  # each once
    lists = [u for _, u in fetcher.calls if u.endswith(IDS)]
    assert FOLLOW_UPS == 20 and len(lists) == 3  # 20, 20, then 5: the list read three times
    assert len(events.changed("new")) == 45
    # All of it is the blog's history, read at first contact in three goes: backfill,
    # never news (no NEW marks, no alerts), and the blog is not live until it is read.
    assert len(events.changed("new", "backfill")) == 45
    live = [
        n for n, e in enumerate(events) if isinstance(e, StatusChanged) and e.status.state == "live"
    ]
    last_history = max(n for n, e in enumerate(events) if e in events.applied("backfill"))
    assert not live or live[0] > last_history


def test_following_reads_only_what_is_new_or_changed_and_the_feed_judges_removals(
    server: DemoServer, tmp_path: Path
) -> None:
    url = server.origin + PAGE
    time, events = FakeTime(server.blog.now), Events()
    fetcher = RecordingFetcher(time)
    happened: dict[str, object] = {}

    def story() -> None:
        if not any(s.state == "live" for s in events.statuses()) or len(entry_calls(fetcher)) < 45:
            return
        if "new" not in happened:
            happened["calls"] = len(entry_calls(fetcher))

            def two(blog: DemoBlog) -> list[str]:
                at = blog.now + timedelta(minutes=1)
                return [blog.publish(blog.new_entry(f"New {n}", "Text.", at=at)).id for n in (1, 2)]

            happened["new"] = server.change(two)
        elif "edit" not in happened and len(events.changed("new", "poll")) == 2:
            edited = server.blog.entries_newest_first()[10].id
            server.change(lambda blog: blog.edit(edited, "Corrected.", at=blog.now))
            happened["edit"] = edited
        elif "gone" not in happened and events.changed("edited"):
            gone = server.blog.entries_newest_first()[5].id
            server.change(lambda blog: blog.remove(gone))
            happened["gone"] = gone

    time.hooks.append(story)
    with Cache(tmp_path / "cache.sqlite3") as cache:
        live = follower(url, cache, time, events, fetcher, once=False)
        asyncio.run(run_until(live, lambda: bool(events.changed("removed"))))
    calls = entry_calls(fetcher)
    new_ids = happened["new"]
    assert isinstance(new_ids, list) and isinstance(happened["calls"], int)
    # After the history: the two new posts, the edited one, and nothing else.
    assert sorted(calls[happened["calls"] :]) == sorted([*new_ids, happened["edit"]])
    assert sorted(e.id for e in events.changed("new", "poll")) == sorted(new_ids)
    assert [e.id for e in events.changed("edited", "poll")] == [happened["edit"]]
    assert [e.id for e in events.changed("removed", "page")] == [happened["gone"]]


def test_an_entry_that_cannot_be_read_is_left_out_and_said_the_others_are_stored(
    server: DemoServer, tmp_path: Path
) -> None:
    broken = server.blog.entries_newest_first()[7].id
    routes = server.intercept
    assert routes is not None

    def reply(request: Request) -> Reply | None:
        if request.path == ENTRY + broken:
            return Reply(200, b"#listlive-entry\nnot an entry", "text/plain")
        return routes(request)

    server.intercept = reply
    url = server.origin + PAGE
    time, events = FakeTime(server.blog.now), Events()
    fetcher = RecordingFetcher(time)
    with Cache(tmp_path / "cache.sqlite3") as cache:
        asyncio.run(follower(url, cache, time, events, fetcher, once=True).run())
        held = {e.id for e in cache.load(url).entries}
    assert held == {e.id for e in server.blog.entries_newest_first()} - {broken}
    assert entry_calls(fetcher).count(broken) == 1  # not asked again in this run
    said = [s.last_error for s in events.statuses() if s.last_error and not s.failures]
    assert any("that entry is left out until the next run" in n for n in said)
