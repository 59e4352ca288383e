"""Following the demo blog as a BBC News page, an Al Jazeera blog and a Brightspot blog.

Each of these pages is a shell over an API of its site's own, or polls one:
the BBC's stream container (its pages the history, page 1 the poll), Al
Jazeera's GraphQL API (the shell lists every update; each is one request,
with the ``wp-site`` header), a Brightspot page's posts endpoint (asked with
``since=``). Each test plays a scripted sequence on the demo server (publish,
edit, flag, take down, end) while a :class:`~liveread.follow.Follower`
follows on a fake clock, and checks what must hold: the whole history, each
change reported once where the format shows it, key events, captions and
credits apart, the end, and for Al Jazeera the blog that continues it. The
request log of the server shows what was asked: one request per new update,
never a re-read of every update.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from liveread.cache import Cache
from liveread.demo.render.aljazeera import update_id
from liveread.demo.render.bbc import PAGE_SIZE, bbc_credit, post_urn
from liveread.demo.render.brightspot import brightspot_credit
from liveread.demo.render.brightspot import post_id as bsp_id
from liveread.demo.server import DemoServer
from liveread.demo.story import DemoBlog, Post
from liveread.follow import Ended, Follower, FollowSettings
from liveread.model import FollowState
from liveread.sources.aljazeera._source import RECHECK
from tests.demo_fixtures import Events, FakeTime, RecordingFetcher, run_until
from tests.test_follow_publishers import ended, publish_photo
from tests.test_follow_reach_amp import Script, follower, publish

MakeServer = Callable[..., DemoServer]


def edit_later(server: DemoServer, post: Post, text: str) -> None:
    """Edit *post* half a minute after the blog's present (an edit comes after the last post)."""
    server.change(lambda b: b.edit(post.id, text, at=b.now + timedelta(seconds=30)))


def asked(fetcher: RecordingFetcher, marker: str) -> list[str]:
    return [url for _, url in fetcher.calls if marker in url]


async def test_following_a_bbc_news_page(make_demo_server: MakeServer, tmp_path: Path) -> None:
    server = make_demo_server()
    url = server.url_for("bbc")
    events = Events()
    photos: list[Post] = []
    time = FakeTime(server.blog.now + timedelta(minutes=1))
    order = server.blog.posts_newest_first()
    total = len(order)
    assert total > 2 * PAGE_SIZE  # the history is several stream pages
    edited, gone = order[1], order[3]
    flagged = next(p for p in order[4:] if not p.entry.key_event)

    def take_down_and_publish() -> object:
        server.change(lambda b: b.remove(gone.id))
        return publish(server, 1)

    with Cache(tmp_path / "cache.sqlite3", now=time.clock) as cache:
        f = follower(url, cache, time, events)
        script = Script(
            [
                (lambda: None, lambda: len(events.changed("new", "backfill")) == total),
                (
                    lambda: photos.append(publish_photo(server)),
                    lambda: len(events.changed("new", "poll")) == 1,
                ),
                (
                    lambda: edit_later(server, edited, "Corrected: the bridge is shut."),
                    lambda: bool(events.changed("edited")),
                ),
                (
                    lambda: server.change(lambda b: b.set_key_event(flagged.id)),
                    lambda: bool(events.changed("reflagged")),
                ),
                (take_down_and_publish, lambda: bool(events.changed("removed"))),
                # More than a stream page at once: the poll catches up page by page.
                (
                    lambda: publish(server, PAGE_SIZE + 5),
                    lambda: len(events.changed("new", "poll")) == 2 + PAGE_SIZE + 5,
                ),
                (lambda: server.change(lambda b: b.end()), lambda: ended(events)),
            ]
        )
        time.hooks.append(script)
        await run_until(f, lambda: script.done)

        # The whole history: every stream page, every post once, by its urn.
        first = events.changed("new", "backfill")
        assert sorted(e.id for e in first) == sorted(post_urn(p) for p in order)
        # The breaking flag is a key event.
        assert {e.id for e in first if e.key_event} == {
            post_urn(p) for p in order if p.entry.key_event
        }
        assert [
            (e.id, e.text.endswith("Corrected: the bridge is shut."))
            for e in events.changed("edited")
        ] == [(post_urn(edited), True)]
        assert [(e.id, e.key_event) for e in events.changed("reflagged")] == [
            (post_urn(flagged), True)
        ]
        # Taken down from page 1: removed once; posts pushed onto page 2 never.
        assert [e.id for e in events.changed("removed")] == [post_urn(gone)]
        held = {e.id: e for e in cache.load(url).entries}
        assert [i for i, e in held.items() if e.removed] == [post_urn(gone)]
        assert len(held) == total + 2 + PAGE_SIZE + 5
        photo = photos[0]
        assert [(i.caption, i.credit) for i in held[post_urn(photo)].images] == [
            (i.caption, bbc_credit(i.credit)) for i in photo.entry.images
        ]
        summary = cache.summary(url)
        assert summary is not None and summary.source == "bbc" and summary.live is False
        assert summary.site_name == "MBC News"


async def test_a_bbc_world_service_page_is_read_whole_with_its_summary(
    make_demo_server: MakeServer, tmp_path: Path
) -> None:
    server = make_demo_server()
    url = server.bbc_ws_url
    events = Events()
    time = FakeTime(server.blog.now + timedelta(minutes=1))
    order = server.blog.posts_newest_first()
    with Cache(tmp_path / "cache.sqlite3", now=time.clock) as cache:
        f = follower(url, cache, time, events)
        script = Script(
            [
                (lambda: None, lambda: len(events.changed("new", "backfill")) == len(order) + 1),
                (lambda: publish(server, 2), lambda: len(events.changed("new", "page")) == 2),
                (lambda: server.change(lambda b: b.end()), lambda: ended(events)),
            ]
        )
        time.hooks.append(script)
        await run_until(f, lambda: script.done)
        first = events.changed("new", "backfill")
        summaries = [e for e in first if e.summary]
        assert [e.id for e in summaries] == [url + "#summary"]
        assert {e.id for e in first if not e.summary} == {post_urn(p) for p in order}
        summary = cache.summary(url)
        assert summary is not None and summary.live is False and summary.source == "bbc"


async def test_following_an_al_jazeera_blog(make_demo_server: MakeServer, tmp_path: Path) -> None:
    server = make_demo_server(continues=True)
    url = server.url_for("aljazeera")
    events = Events()
    photos: list[Post] = []
    time = FakeTime(server.blog.now + timedelta(minutes=1))
    blog = server.blog
    order = blog.posts_newest_first()
    total = len(order)
    edited, gone = order[0], order[2]

    def key(post: Post, on: DemoBlog = blog) -> str:
        return str(update_id(on, post))

    with Cache(tmp_path / "cache.sqlite3", now=time.clock) as cache:
        f = follower(url, cache, time, events)
        fetcher = f._fetcher
        assert isinstance(fetcher, RecordingFetcher)
        script = Script(
            [
                (lambda: None, lambda: len(events.changed("new")) == total + 1),
                (
                    lambda: photos.append(publish_photo(server)),
                    lambda: len(events.changed("new")) == total + 2,
                ),
                (
                    lambda: edit_later(server, edited, "Corrected: the ferry is running."),
                    lambda: bool(events.changed("edited")),
                ),
                (
                    lambda: server.change(lambda b: b.remove(gone.id)),
                    lambda: bool(events.changed("removed")),
                ),
                (lambda: server.change(lambda b: b.end()), lambda: ended(events)),
            ]
        )
        time.hooks.append(script)
        await run_until(f, lambda: script.done)

        news = events.changed("new")
        # The whole history: every update the shell lists, and its summary bullets.
        assert {e.id for e in news[: total + 1]} == {key(p) for p in order} | {url + "#summary"}
        assert [e.summary for e in news if e.id == url + "#summary"] == [True]
        assert [
            (e.id, e.text.endswith("Corrected: the ferry is running."))
            for e in events.changed("edited")
        ] == [(key(edited), True)]
        assert [e.id for e in events.changed("removed")] == [key(gone)]
        held = {e.id: e for e in cache.load(url).entries}
        photo = photos[0]
        # The WordPress caption's bracketed end is the credit, apart again.
        assert [(i.caption, i.credit) for i in held[key(photo)].images] == [
            (i.caption, i.credit.removeprefix("Photograph:").strip()) for i in photo.entry.images
        ]
        # Each update asked once (the photo's and the closing one besides the history's),
        # but the newest few read again once after the edit; polls ask the shell only.
        updates = asked(fetcher, "LiveBlogUpdateQuery")
        closing = blog.posts_newest_first()[0]
        assert len(set(updates)) == total + 2
        assert len(updates) == total + 2 + RECHECK
        shells = asked(fetcher, "ArchipelagoSingleLiveBlogQuery")
        assert len(shells) == len(asked(fetcher, "operationName=")) - len(updates)
        # The end, and the blog that continues it, on the same site, in the same format.
        assert server.next_blog is not None
        successor = server.url_for("aljazeera", server.next_blog)
        assert [e.continues for e in events.of(Ended)] == [successor]
        assert cache.follow_state(url).continues == successor
        assert key(closing) in held
        summary = cache.summary(url)
        assert summary is not None and summary.source == "aljazeera" and summary.live is False


async def test_following_a_brightspot_blog(make_demo_server: MakeServer, tmp_path: Path) -> None:
    server = make_demo_server()
    url = server.url_for("brightspot")
    events = Events()
    photos: list[Post] = []
    time = FakeTime(server.blog.now + timedelta(minutes=1))
    order = server.blog.posts_newest_first()
    total = len(order)
    edited, gone = order[1], order[3]

    def key(post: Post) -> str:
        return bsp_id(post)

    with Cache(tmp_path / "cache.sqlite3", now=time.clock) as cache:
        f = follower(url, cache, time, events, refresh=30.0)
        fetcher = f._fetcher
        assert isinstance(fetcher, RecordingFetcher)
        script = Script(
            [
                (lambda: None, lambda: len(events.changed("new", "backfill")) == total),
                (
                    lambda: (publish(server, 2), photos.append(publish_photo(server))),
                    lambda: len(events.changed("new", "poll")) == 3,
                ),
                (
                    lambda: edit_later(server, edited, "Corrected: the pier is closed."),
                    lambda: bool(events.changed("edited")),
                ),
                (
                    lambda: server.change(lambda b: b.remove(gone.id)),
                    lambda: bool(events.changed("removed")),
                ),
                (lambda: server.change(lambda b: b.end()), lambda: ended(events)),
            ]
        )
        time.hooks.append(script)
        await run_until(f, lambda: script.done)

        first = events.changed("new", "backfill")
        assert sorted(e.id for e in first) == sorted(key(p) for p in order)
        assert [
            (e.id, e.text.endswith("Corrected: the pier is closed."))
            for e in events.changed("edited")
        ] == [(key(edited), True)]
        assert [e.id for e in events.changed("removed")] == [key(gone)]
        held = {e.id: e for e in cache.load(url).entries}
        photo = photos[0]
        assert [(i.caption, i.credit) for i in held[key(photo)].images] == [
            (i.caption, brightspot_credit(i.credit).strip("()")) for i in photo.entry.images
        ]
        # The posts endpoint, asked as the page's script asks it: since the newest post.
        polls = asked(fetcher, "/posts?")
        assert polls and all("since=" in p and "&_=" in p for p in polls)
        summary = cache.summary(url)
        assert summary is not None and summary.source == "brightspot" and summary.live is False
        assert summary.window is not None


def test_a_stored_request_keeps_its_headers_and_drops_forbidden_ones() -> None:
    state = FollowState.from_json(
        '{"source": "aljazeera", "feed": {"url": "http://x.test/graphql", "accept": null,'
        ' "headers": [["wp-site", "aje"], ["User-Agent", "Mozilla/5.0"], ["Cookie", "a=b"]]}}'
    )
    assert state.feed is not None and state.feed.headers == (("wp-site", "aje"),)
    assert FollowState.from_json(state.to_json()).feed == state.feed


async def test_a_remote_bbc_blog_is_polled_no_faster_than_its_page_polls(
    make_demo_server: MakeServer, tmp_path: Path
) -> None:
    from bench.politeness_bench import HOST, ToDemo
    from liveread.sources.bbc import BBCSource

    server = make_demo_server()
    events = Events()
    time = FakeTime(server.blog.now + timedelta(minutes=1))
    remote = server.url_for("bbc").replace("127.0.0.1", HOST, 1)
    with Cache(tmp_path / "cache.sqlite3", now=time.clock) as cache:
        fetcher = RecordingFetcher(time, transport=ToDemo())
        f = Follower(
            remote,
            cache,
            settings=FollowSettings.for_url(remote, 10.0, 120.0),  # the remote defaults
            on_event=events,
            fetcher=fetcher,
            clock=time.clock,
            sleep=time.sleep,
        )
        started = time.now
        await run_until(f, lambda: time.now - started > timedelta(minutes=10))
    # (the first read is the feed's, at first contact; the polls follow it)
    polls = [t for t, u in fetcher.calls if "pageNumber=1&" in u][1:]
    gaps = [(b - a).total_seconds() for a, b in itertools.pairwise(polls)]
    assert len(gaps) > 10 and min(gaps) >= BBCSource.min_interval == 15.0
