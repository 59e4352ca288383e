"""Following the demo blog as a Sky, a Le Monde and a Telegraph page, over real sockets.

Each test plays a scripted sequence on the demo server (publish, edit, flag a
key event, take a post down, end the blog) while a
:class:`~liveread.follow.Follower` follows on a fake clock; each step waits
until the follower reported what it did. What must hold: the whole history
the format shows at first contact, each change reported once where the
format shows it, captions and credits apart, the end. Each page shows a
window of the newest posts (Le Monde's is not known to hold them all): a post
taken down from within it is a removal, reported once and kept flagged; a post
that merely scrolled out of it is kept as it was, never flagged.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from liveread.cache import Cache
from liveread.demo.render.lemonde import lemonde_credit
from liveread.demo.render.lemonde import post_id as lemonde_id
from liveread.demo.render.sky import KEY_POINTS, WINDOW, sky_credit, sky_post_id
from liveread.demo.render.telegraph import WINDOW as TELEGRAPH_WINDOW
from liveread.demo.render.telegraph import post_anchor, telegraph_credit
from liveread.demo.server import DemoServer
from liveread.demo.story import DemoBlog, Post
from liveread.model import Block, Image
from tests.demo_fixtures import Events, FakeTime, run_until
from tests.test_follow_reach_amp import Script, follower, publish

MakeServer = Callable[..., DemoServer]


def ended(events: Events) -> bool:
    return any(s.state == "ended" for s in events.statuses())


def publish_photo(server: DemoServer) -> Post:
    """Publish a titled entry with a captioned, credited photo, a minute after the present."""

    def act(blog: DemoBlog) -> Post:
        at = blog.now + timedelta(minutes=1)
        entry = blog.new_entry("Boats on Fenny Street", "Boats are out on Fenny Street.", at=at)
        photo = Image(
            "A boat on Fenny Street.",
            "Photograph: Ada Quill/Harbour Wire",
            f"{blog.origin}/media/wrenna/fenny-boat.jpg",
        )
        stored = blog.publish(entry.with_changes(body=(*entry.body, Block("image", image=photo))))
        return blog.post(stored.id)

    result: Post = server.change(act)
    return result


def publish_three(server: DemoServer, photos: list[Post]) -> None:
    """Two plain entries and one with a photo (kept in *photos*)."""
    publish(server, 2)
    photos.append(publish_photo(server))


async def test_following_a_sky_page(make_demo_server: MakeServer, tmp_path: Path) -> None:
    server = make_demo_server()
    url = server.url_for("sky")
    events = Events()
    photos: list[Post] = []
    time = FakeTime(server.blog.now + timedelta(minutes=1))
    order = server.blog.posts_newest_first()
    window = order[:WINDOW]
    titled = [p for p in window if p.entry.title]
    # A key event in the window from the start, to be named in the key-points box.
    server.change(lambda b: b.set_key_event(titled[-1].id))
    shown = {p.id for p in window}
    keyed = [p for p in server.blog.key_events()[:KEY_POINTS] if p.id in shown]
    edited, flagged = titled[1], next(p for p in titled[2:] if not p.entry.key_event)
    gone = titled[0]

    def key(post: Post) -> str:
        return f"{url}#{sky_post_id(post)}"

    def take_down_and_publish() -> object:
        server.change(lambda b: b.remove(gone.id))
        return publish(server, 1)

    with Cache(tmp_path / "cache.sqlite3", now=time.clock) as cache:
        f = follower(url, cache, time, events)
        script = Script(
            [
                (lambda: None, lambda: len(events.changed("new", "backfill")) == WINDOW),
                (
                    lambda: (
                        publish(server, WINDOW // 2 - 1),
                        photos.append(publish_photo(server)),
                    ),
                    lambda: len(events.changed("new")) == WINDOW + WINDOW // 2,
                ),
                (
                    lambda: server.change(
                        lambda b: b.edit(edited.id, "Corrected: ferries resume.")
                    ),
                    lambda: bool(events.changed("edited")),
                ),
                (
                    lambda: server.change(lambda b: b.set_key_event(flagged.id)),
                    lambda: bool(events.changed("reflagged")),
                ),
                (take_down_and_publish, lambda: bool(events.changed("removed"))),
                (lambda: server.change(lambda b: b.end()), lambda: ended(events)),
            ]
        )
        time.hooks.append(script)
        await run_until(f, lambda: script.done)

        # The whole history the page shows: its JSON-LD window, once each.
        first = events.changed("new", "backfill")
        assert sorted(e.id for e in first) == sorted(map(key, window))
        # Key events: the posts of this blog its key-points box names (by postid).
        boxed = {key(p) for p in keyed}
        assert boxed and {e.id for e in first if e.key_event} == boxed
        assert [(e.id, e.text) for e in events.changed("edited")] == [
            (key(edited), "Corrected: ferries resume.")
        ]
        assert [(e.id, e.key_event) for e in events.changed("reflagged")] == [(key(flagged), True)]
        assert [e.id for e in events.changed("removed")] == [key(gone)]
        held = {e.id: e for e in cache.load(url).entries}
        # Half the first window scrolled out of it: kept as it was, never taken for a removal.
        assert [e.id for e in held.values() if e.removed] == [key(gone)]
        assert set(map(key, window)) <= set(held)
        photo = photos[0]
        assert [(i.caption, i.credit) for i in held[key(photo)].images] == [
            (i.caption, sky_credit(i.credit)) for i in photo.entry.images
        ]
        summary = cache.summary(url)
        assert summary is not None and summary.source == "sky" and summary.live is False
        assert summary.window == WINDOW


async def test_following_a_lemonde_page(make_demo_server: MakeServer, tmp_path: Path) -> None:
    server = make_demo_server()
    url = server.url_for("lemonde")
    events = Events()
    photos: list[Post] = []
    time = FakeTime(server.blog.now + timedelta(minutes=1))
    order = server.blog.posts_newest_first()
    total = len(order)
    edited = order[1]
    flagged = next(p for p in order[2:] if not (p.entry.key_event or p.entry.summary))
    gone = order[5]
    messages = next(p for p in order if p.entry.title == "Your messages")

    def take_down_and_publish() -> object:
        server.change(lambda b: b.remove(gone.id))
        return publish(server, 1)

    with Cache(tmp_path / "cache.sqlite3", now=time.clock) as cache:
        f = follower(url, cache, time, events)
        script = Script(
            [
                (lambda: None, lambda: len(events.changed("new", "backfill")) == total),
                (
                    lambda: publish_three(server, photos),
                    lambda: len(events.changed("new")) == total + 3,
                ),
                (
                    lambda: server.change(
                        lambda b: b.edit(edited.id, "Corrigé : la route est ouverte.")
                    ),
                    lambda: bool(events.changed("edited")),
                ),
                (
                    lambda: server.change(lambda b: b.set_key_event(flagged.id)),
                    lambda: bool(events.changed("reflagged")),
                ),
                (take_down_and_publish, lambda: bool(events.changed("removed"))),
                (lambda: server.change(lambda b: b.end()), lambda: ended(events)),
            ]
        )
        time.hooks.append(script)
        await run_until(f, lambda: script.done)

        # Every post the page shows (all of them), once each; the essential ones key events.
        first = events.changed("new", "backfill")
        assert sorted(e.id for e in first) == sorted(lemonde_id(p) for p in order)
        assert {e.id for e in first if e.key_event} == {
            lemonde_id(p) for p in server.blog.key_events() if p.id != flagged.id
        }
        assert [(e.id, e.text) for e in events.changed("edited")] == [
            (lemonde_id(edited), "Corrigé : la route est ouverte.")
        ]
        # An essential post ("L'Essentiel") is a key event.
        assert [(e.id, e.key_event) for e in events.changed("reflagged")] == [
            (lemonde_id(flagged), True)
        ]
        assert [e.id for e in events.changed("removed")] == [lemonde_id(gone)]
        held = {e.id: e for e in cache.load(url).entries}
        assert [i for i, e in held.items() if e.removed] == [lemonde_id(gone)]
        assert len(held) == total + 4
        # Readers' words, quoted with who wrote them; a picture's caption and credit apart.
        quotes = [b.text for b in held[lemonde_id(messages)].body if b.kind == "quote"]
        assert quotes and all("\n— " in q for q in quotes)
        photo = photos[0]
        assert [(i.caption, i.credit) for i in held[lemonde_id(photo)].images] == [
            (i.caption, lemonde_credit(i.credit)) for i in photo.entry.images
        ]
        # Times to the minute, on the Paris clock of the live's day.
        assert held[lemonde_id(order[0])].published == order[0].entry.published.replace(second=0)
        summary = cache.summary(url)
        assert summary is not None and summary.source == "lemonde" and summary.live is False


async def test_following_a_telegraph_page(make_demo_server: MakeServer, tmp_path: Path) -> None:
    server = make_demo_server()
    url = server.url_for("telegraph")
    events = Events()
    photos: list[Post] = []
    time = FakeTime(server.blog.now + timedelta(minutes=1))
    order = server.blog.posts_newest_first()
    window = order[:TELEGRAPH_WINDOW]
    edited, gone = order[1], order[2]

    def key(post: Post) -> str:
        return f"{url}#{post_anchor(post)}"

    def take_down_and_publish() -> object:
        server.change(lambda b: b.remove(gone.id))
        return publish(server, 1)

    with Cache(tmp_path / "cache.sqlite3", now=time.clock) as cache:
        f = follower(url, cache, time, events)
        script = Script(
            [
                (
                    lambda: None,
                    lambda: len(events.changed("new", "backfill")) == TELEGRAPH_WINDOW,
                ),
                (
                    lambda: publish_three(server, photos),
                    lambda: len(events.changed("new")) == TELEGRAPH_WINDOW + 3,
                ),
                (
                    lambda: server.change(lambda b: b.edit(edited.id, "Corrected: trains run.")),
                    lambda: bool(events.changed("edited")),
                ),
                (take_down_and_publish, lambda: bool(events.changed("removed"))),
                (lambda: server.change(lambda b: b.end()), lambda: ended(events)),
            ]
        )
        time.hooks.append(script)
        await run_until(f, lambda: script.done)

        assert sorted(e.url for e in events.changed("new", "backfill")) == sorted(map(key, window))
        assert [e.text for e in events.changed("edited")] == ["Corrected: trains run."]
        assert [e.url for e in events.changed("removed")] == [key(gone)]
        held = {e.url: e for e in cache.load(url).entries}
        assert [u for u, e in held.items() if e.removed] == [key(gone)]
        assert set(map(key, window)) <= set(held)
        photo = photos[0]
        assert [(i.caption, i.credit) for i in held[key(photo)].images] == [
            (i.caption, telegraph_credit(i.credit)) for i in photo.entry.images
        ]
        summary = cache.summary(url)
        assert summary is not None and summary.source == "telegraph" and summary.live is False
