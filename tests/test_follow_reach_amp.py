"""Following the demo blog as a Reach-platform page and as an AMP live list, over real sockets.

Each test plays a scripted sequence on the demo server (publish, edit,
remove, flag a key event, publish enough to push entries out of the page's
window) while a :class:`~liveread.follow.Follower` follows, on a fake clock;
each step waits until the follower reported what it did. What must hold: the
history that is there at first contact, each change reported once and where
the format reports it, and an entry that merely scrolled out of the window
never taken for a removal, nor (on Reach, where only the newest entries are
rendered) for an edit.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta

from liveread.cache import Cache
from liveread.demo import DemoBlog
from liveread.demo.render.amp import MAX_ITEMS, item_id
from liveread.demo.render.reach import JSONLD_UPDATES, RENDERED, SITE_NAME
from liveread.demo.server import DemoServer
from liveread.model import history_note
from liveread.sources.amp import POLL_PARAM
from tests.demo_fixtures import Events, FakeTime, RecordingFetcher, follower, run_until

MakeServer = Callable[..., DemoServer]


@dataclass
class Script:
    """Steps run one at a time on the fake clock: each acts once, then waits for its effect."""

    steps: list[tuple[Callable[[], object], Callable[[], bool]]]
    index: int = 0
    acted: bool = False
    results: list[object] = field(default_factory=list)

    def __call__(self) -> None:
        if self.done:
            return
        action, seen = self.steps[self.index]
        if not self.acted:
            self.results.append(action())
            self.acted = True
        elif seen():
            self.index += 1
            self.acted = False

    @property
    def done(self) -> bool:
        return self.index >= len(self.steps)


def publish(server: DemoServer, n: int) -> list[str]:
    """Publish *n* plain entries, a minute apart after the blog's present."""

    def act(blog: DemoBlog) -> list[str]:
        ids = []
        for i in range(n):
            at = blog.now + timedelta(minutes=1)
            ids.append(blog.publish(blog.new_entry(f"Extra {len(blog)}", f"Extra {i}.", at=at)).id)
        return ids

    return server.change(act)


def ids_of(entries: list) -> list[str]:  # type: ignore[type-arg]
    return [e.id for e in entries]


async def test_following_a_reach_page(make_demo_server: MakeServer, tmp_path) -> None:  # type: ignore[no-untyped-def]
    server = make_demo_server()
    url = server.reach_url
    events = Events()
    time = FakeTime(server.blog.now + timedelta(minutes=1))
    order = server.blog.posts_newest_first()
    window = [p.id for p in order[:JSONLD_UPDATES]]
    edited, removed, flagged = order[1].id, order[4].id, order[2].id
    assert not server.blog.post(flagged).entry.key_event

    def key(entry_id: str) -> str:
        return f"{url}#{entry_id}"

    with Cache(tmp_path / "cache.sqlite3", now=time.clock) as cache:
        f = follower(url, cache, time, events)

        def first_contact() -> bool:
            return len(events.changed("new", "backfill")) == len(window)

        script = Script(
            [
                (lambda: None, first_contact),
                (lambda: publish(server, 3), lambda: len(events.changed("new", "page")) == 3),
                (
                    lambda: server.change(lambda b: b.edit(edited, "Corrected: the road is open.")),
                    lambda: bool(events.changed("edited")),
                ),
                (
                    lambda: server.change(lambda b: b.remove(removed)),
                    lambda: bool(events.changed("removed")),
                ),
                (
                    lambda: server.change(lambda b: b.set_key_event(flagged)),
                    lambda: bool(events.changed("reflagged")),
                ),
                # Enough new entries to push the edited and flagged ones out of the
                # rendered entries (still in the JSON-LD) and old ones out of the window.
                (
                    lambda: publish(server, RENDERED),
                    lambda: len(events.changed("new", "page")) == 3 + RENDERED,
                ),
            ]
        )
        time.hooks.append(script)
        await run_until(f, lambda: script.done)

        # The history that was there: the JSON-LD window, as new, once each.
        assert sorted(ids_of(events.changed("new", "backfill"))) == sorted(key(i) for i in window)
        assert [e.text for e in events.changed("edited")] == ["Corrected: the road is open."]
        assert ids_of(events.changed("removed")) == [key(removed)]
        assert [(e.id, e.key_event) for e in events.changed("reflagged")] == [(key(flagged), True)]
        assert len(events.changed("edited")) == 1  # leaving the rendered entries is no edit
        blog = cache.load(url)
        held = {e.id: e for e in blog.entries}
        # Out of the rendered entries, kept as they were read: flag, photos, writer.
        assert held[key(flagged)].key_event and held[key(edited)].text.startswith("Corrected")
        truth = server.blog.post(flagged).entry
        assert [i.caption for i in held[key(flagged)].images] == [i.caption for i in truth.images]
        # Scrolled out of the window: kept, never flagged removed.
        shown = {p.id for p in server.blog.posts_newest_first()[:JSONLD_UPDATES]}
        gone = set(window) - shown - {removed}
        assert len(gone) == 3 + RENDERED - 1  # (the removal let one more stay in)
        assert not any(held[key(i)].removed for i in gone)
        assert [e.id for e in blog.entries if e.removed] == [key(removed)]
        # What the library says about it.
        summary = cache.summary(url)
        assert summary is not None and summary.site_name == SITE_NAME
        assert summary.window == JSONLD_UPDATES
        assert summary.history_from == server.blog.post(window[-1]).entry.published
        note = history_note(summary.window, summary.history_from, summary.following_since)
        assert note is not None and f"latest {JSONLD_UPDATES}" in note


async def test_following_an_amp_live_list(make_demo_server: MakeServer, tmp_path) -> None:  # type: ignore[no-untyped-def]
    server = make_demo_server()
    url = server.amp_url
    events = Events()
    time = FakeTime(server.blog.now + timedelta(minutes=1))
    order = server.blog.posts_newest_first()
    window = [item_id(p.id) for p in order[:MAX_ITEMS]]
    edited, removed = order[1].id, order[3].id

    with Cache(tmp_path / "cache.sqlite3", now=time.clock) as cache:
        f = follower(url, cache, time, events)
        script = Script(
            [
                (lambda: None, lambda: len(events.changed("new", "backfill")) == MAX_ITEMS),
                (lambda: publish(server, 2), lambda: len(events.changed("new", "poll")) == 2),
                (
                    lambda: server.change(lambda b: b.edit(edited, "Corrected: ferries resume.")),
                    lambda: bool(events.changed("edited", "poll")),
                ),
                (
                    lambda: server.change(lambda b: b.remove(removed)),
                    lambda: bool(events.changed("removed", "poll")),
                ),
                (
                    lambda: publish(server, MAX_ITEMS),
                    lambda: len(events.changed("new", "poll")) == 2 + MAX_ITEMS,
                ),
            ]
        )
        time.hooks.append(script)
        await run_until(f, lambda: script.done)
        fetcher = f._fetcher
        assert isinstance(fetcher, RecordingFetcher)
        targets = [u for _, u in fetcher.calls]

        assert sorted(ids_of(events.changed("new", "backfill"))) == sorted(window)
        assert [e.id for e in events.changed("edited", "poll")] == [item_id(edited)]
        # The removal is the tombstone in a poll answer: an update, not page 1.
        assert ids_of(events.changed("removed")) == [item_id(removed)]
        blog = cache.load(url)
        held = {e.id: e for e in blog.entries}
        assert held[item_id(removed)].removed and held[item_id(edited)].text.startswith("Corrected")
        assert [e.id for e in blog.entries if e.removed] == [item_id(removed)]
        # Every item that scrolled out of the list is kept, none taken for a removal.
        assert set(window) <= set(held) and len(held) == MAX_ITEMS + 2 + MAX_ITEMS
        # It polled its own page with the latest update time, and idle polls were 304s.
        polls = [u for u in targets if f"{POLL_PARAM}=" in u]
        assert polls and all(u.startswith(url + "?") for u in polls)
        assert 304 in {r.status for r in server.stats.log}
        summary = cache.summary(url)
        assert summary is not None and summary.window == MAX_ITEMS and summary.source == "amp"
