"""Following a blog over real loopback sockets against the demo server.

The history (backfill, resume, catch-up), the Guardian poll (order, batches of
five, edits, removals, pins, the anchor vanishing, an ended blog) and the cost
of idle polling. Time is faked (``FakeTime``): the follower asks to sleep and
the clock jumps, so minutes of following take milliseconds.
"""

from __future__ import annotations

import asyncio
import itertools
import random
from collections import Counter
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest

import liveread.sources
from liveread.cache import Cache
from liveread.demo import DemoBlog
from liveread.demo.http import Reply, Request
from liveread.demo.server import BLOG_PATH, DemoServer
from liveread.follow import (
    BackfillProgress,
    Ended,
    Follower,
    FollowSettings,
    Stopped,
    backoff_delay,
)
from liveread.sources import page_url
from liveread.sources.guardian import poll_url
from tests.demo_fixtures import Events, FakeTime, RecordingFetcher, follower, run_until
from tests.support.faults import Fault, faults

MakeServer = Callable[..., DemoServer]


def count_reads(monkeypatch: pytest.MonkeyPatch, parsed: list[str]) -> None:
    """Note the URL of every body the sources are asked to read (pages and update answers)."""
    real_read = liveread.sources.read

    def read(content: bytes, url: str, **kw: Any) -> Any:
        parsed.append(url)
        return real_read(content, url, **kw)

    monkeypatch.setattr(liveread.sources, "read", read)


@pytest.fixture
def cache(tmp_path) -> Cache:
    with Cache(tmp_path / "cache.sqlite3") as c:
        yield c


def live_ids(server: DemoServer) -> list[str]:
    return sorted(e.id for e in server.blog.entries_newest_first())


def cached_ids(cache: Cache, url: str, *, removed: bool = False) -> list[str]:
    return sorted(e.id for e in cache.load(url).entries if removed or not e.removed)


def publish(server: DemoServer, n: int, minutes: float = 1.0) -> list[str]:
    """Publish *n* plain entries, a minute apart after the blog's present."""

    def act(blog: DemoBlog) -> list[str]:
        ids = []
        for i in range(n):
            at = blog.now + timedelta(minutes=minutes)
            entry = blog.new_entry(f"Extra {len(blog)} ({i})", f"Body of extra {i}.", at=at)
            ids.append(blog.publish(entry).id)
        return ids

    return server.change(act)


# -- the whole history -------------------------------------------------------------------


async def test_backfill_of_a_multi_page_blog_equals_the_whole_blog(
    make_demo_server: MakeServer, cache: Cache, fake_time: FakeTime
) -> None:
    server = make_demo_server(blog_factory=lambda url: DemoBlog.synthetic(137, base_url=url))
    events = Events()
    f = follower(server.url, cache, fake_time, events, once=True)
    await f.run()
    assert cached_ids(cache, f.url) == live_ids(server)
    progress = events.of(BackfillProgress)
    total = server.blog.total_pages
    assert total >= 10
    assert [p.pages_done for p in progress] == list(range(1, total + 1))
    assert {p.pages_total for p in progress} == {total}
    new = events.changed("new")
    assert sorted(e.id for e in new) == live_ids(server)  # each reported once, as new
    assert all(a.origin == "backfill" for a in events.applied())
    assert cache.follow_state(f.url).walk_done and cache.follow_state(f.url).walk_next is None
    assert f.status.state == "stopped" and f.status.pages_done == total


async def test_a_cached_blog_resumes_without_walking_again(
    demo_server: DemoServer, cache: Cache, fake_time: FakeTime
) -> None:
    await follower(demo_server.url, cache, fake_time, Events(), once=True).run()
    demo_server.stats.reset()
    events = Events()
    await follower(demo_server.url, cache, fake_time, events, once=True).run()
    log = demo_server.stats.log
    assert len(log) == 1 and log[0].target == BLOG_PATH  # page 1 only
    assert log[0].status == 304 and log[0].if_none_match
    assert not events.applied()


async def test_an_interrupted_walk_resumes_where_it_stopped(
    make_demo_server: MakeServer, cache: Cache, fake_time: FakeTime
) -> None:
    server = make_demo_server(blog_factory=lambda url: DemoBlog.synthetic(80, base_url=url))
    events = Events()
    first = follower(server.url, cache, fake_time, events)
    await run_until(first, lambda: len(events.of(BackfillProgress)) >= 3)
    stored = cache.follow_state(first.url)
    assert stored.walk_mode == "full" and "page=with:block-" in (stored.walk_next or "")
    done = first.status.pages_done
    assert 3 <= done < server.blog.total_pages
    server.stats.reset()
    await follower(server.url, cache, fake_time, Events(), once=True).run()
    again = [r.target for r in server.stats.log if "page=" in r.target]
    # Page 1 again (conditional), then exactly the pages not yet stored, from walk_next on.
    assert (stored.walk_next or "").endswith(again[0])
    assert len(again) == server.blog.total_pages - done
    assert cached_ids(cache, first.url) == live_ids(server)
    assert cache.follow_state(first.url).walk_done


async def test_a_long_absence_is_caught_up_through_older_pages(
    demo_server: DemoServer, cache: Cache, fake_time: FakeTime
) -> None:
    await follower(demo_server.url, cache, fake_time, Events(), once=True).run()
    added = publish(demo_server, 35)  # more than page 1 can hold
    events = Events()
    await follower(demo_server.url, cache, fake_time, events, once=True).run()
    assert cached_ids(cache, demo_server.url) == live_ids(demo_server)
    assert sorted(e.id for e in events.changed("new")) == sorted(added)
    assert any("page=" in r.target for r in demo_server.stats.log[-3:])


# -- the update poll -----------------------------------------------------------------------


async def test_new_entries_arrive_in_order_once_each_even_more_than_five_at_once(
    demo_server: DemoServer, cache: Cache, fake_time: FakeTime
) -> None:
    events = Events()
    fetcher = RecordingFetcher(fake_time)
    f = follower(demo_server.url, cache, fake_time, events, fetcher=fetcher)
    added: list[str] = []
    fake_time.once(lambda: added.extend(publish(demo_server, 3)))
    fake_time.hooks.append(lambda: len(added) == 3 and added.extend(publish(demo_server, 12)))
    # Until the poll after the third full batch is made too (pages are parsed in a
    # worker thread, so the 15th entry can be seen before that poll is asked).
    await run_until(
        f, lambda: len(events.changed("new", "poll")) >= 15 and len(fetcher.polls()) >= 5
    )
    got = [e.id for e in events.changed("new", "poll")]
    assert got == added  # oldest first, each once, nothing from a page read
    # 15 new at once: three full batches and the rest asked for at the same instant.
    instants = Counter(t for t, _ in fetcher.polls())
    assert max(instants.values()) >= 4
    assert cached_ids(cache, f.url) == live_ids(demo_server)


async def test_an_edit_shows_as_edited_with_new_text_and_a_revision(
    demo_server: DemoServer, cache: Cache, fake_time: FakeTime
) -> None:
    events = Events()
    f = follower(demo_server.url, cache, fake_time, events, refresh=5)
    target = demo_server.blog.entries_newest_first()[2]
    fake_time.once(lambda: demo_server.change(lambda b: b.edit(target.id, "Corrected: all clear.")))
    await run_until(f, lambda: bool(events.changed("edited", "page")))
    [edited] = events.changed("edited", "page")
    assert edited.id == target.id and edited.text.startswith("Corrected: all clear.")
    assert len(edited.revisions) == 2 and edited.revisions[-1].text == edited.text
    assert edited.revisions[0].text != edited.text


async def test_a_removal_shows_as_removed(
    demo_server: DemoServer, cache: Cache, fake_time: FakeTime
) -> None:
    events = Events()
    f = follower(demo_server.url, cache, fake_time, events, refresh=5)
    target = demo_server.blog.entries_newest_first()[1]
    fake_time.once(lambda: demo_server.change(lambda b: b.remove(target.id)))
    await run_until(f, lambda: bool(events.changed("removed")))
    assert [e.id for e in events.changed("removed")] == [target.id]
    assert cache.entry(f.url, target.id).removed  # kept, flagged


async def test_a_pin_change_shows_as_a_pin(
    demo_server: DemoServer, cache: Cache, fake_time: FakeTime
) -> None:
    events = Events()
    f = follower(demo_server.url, cache, fake_time, events, refresh=5)
    old = demo_server.blog.pinned_id
    target = demo_server.blog.entries_newest_first()[4]
    assert old and target.id != old
    fake_time.once(lambda: demo_server.change(lambda b: b.pin(target.id)))
    await run_until(f, lambda: bool(events.changed("reflagged")))
    flags = {e.id: e.pinned for e in events.changed("reflagged")}
    assert flags == {target.id: True, old: False}


async def test_the_blog_ending_while_followed_stops_polling(
    demo_server: DemoServer, cache: Cache, fake_time: FakeTime
) -> None:
    events = Events()
    f = follower(demo_server.url, cache, fake_time, events, refresh=5)
    fake_time.once(lambda: demo_server.change(lambda b: b.end()))
    await asyncio.wait_for(f.run(), timeout=20)  # returns by itself
    assert events.of(Ended) and f.status.state == "ended"
    assert cache.load(f.url).live is False


async def test_an_ended_blog_is_read_once_and_not_polled(
    make_demo_server: MakeServer, cache: Cache, fake_time: FakeTime
) -> None:
    server = make_demo_server()
    server.change(lambda b: b.end())
    events = Events()
    await follower(server.url, cache, fake_time, events).run()  # returns by itself
    assert events.of(Ended) and not events.of(Stopped)
    assert cached_ids(cache, server.url) == live_ids(server)  # with its whole history
    assert not [r for r in server.stats.log if "lastUpdate" in r.target]
    assert fake_time.sleeps == []


async def test_a_vanished_anchor_is_caught_by_the_page_refresh(
    demo_server: DemoServer, cache: Cache, fake_time: FakeTime
) -> None:
    events = Events()
    f = follower(demo_server.url, cache, fake_time, events, interval=1, refresh=10)
    newest = demo_server.blog.most_recent_id
    added: list[str] = []

    def vanish_then_publish() -> None:
        demo_server.change(lambda b: b.remove(newest))
        added.extend(publish(demo_server, 2))

    fake_time.once(vanish_then_publish)
    await run_until(f, lambda: bool(added) and {e.id for e in events.changed("new")} >= set(added))
    assert cached_ids(cache, f.url) == live_ids(demo_server)
    # The polls from the vanished anchor saw nothing; the page-1 refresh brought them.
    assert {e.id for e in events.changed("new", "page")} == set(added)
    assert cache.follow_state(f.url).cursor == added[-1]


async def test_idle_polling_parses_nothing_and_costs_a_few_bytes(
    demo_server: DemoServer, cache: Cache, fake_time: FakeTime, monkeypatch: pytest.MonkeyPatch
) -> None:
    events = Events()
    f = follower(demo_server.url, cache, fake_time, events, interval=1, refresh=5)
    await run_until(f, lambda: len(fake_time.sleeps) >= 3)  # live and polled once
    parsed: list[str] = []
    count_reads(monkeypatch, parsed)
    demo_server.stats.reset()
    stop_at = len(fake_time.sleeps) + 40
    f2 = follower(demo_server.url, cache, fake_time, Events(), interval=1, refresh=5)
    await run_until(f2, lambda: len(fake_time.sleeps) >= stop_at)
    log = [r for r in demo_server.stats.log if r.status]  # not the one cut short by stop()
    polls = [r for r in log if "lastUpdate" in r.target]
    pages = [r for r in log if "lastUpdate" not in r.target]
    assert len(polls) >= 20 and len(pages) >= 3
    assert parsed == []  # 304s only: nothing re-parsed
    assert {r.status for r in log} == {304}
    per_poll = sum(r.bytes for r in polls) / len(polls)
    full_page = _full_page_bytes(demo_server)
    assert per_poll < 300, per_poll
    assert per_poll * 50 < full_page


def _full_page_bytes(server: DemoServer) -> int:
    import httpx

    return len(httpx.get(server.url, headers={"Accept-Encoding": "gzip"}).content)


async def test_poll_max_age_is_respected(
    make_demo_server: MakeServer, cache: Cache, fake_time: FakeTime
) -> None:
    server = make_demo_server(poll_max_age=7)
    fetcher = RecordingFetcher(fake_time)
    f = follower(server.url, cache, fake_time, Events(), interval=1, fetcher=fetcher)
    await run_until(f, lambda: len(fetcher.polls()) >= 4)
    times = [t for t, _ in fetcher.polls()]
    gaps = [(b - a).total_seconds() for a, b in itertools.pairwise(times)]
    assert gaps and min(gaps) >= 7


async def test_schemaorg_page_is_polled_conditionally_and_diffed(
    demo_server: DemoServer, cache: Cache, fake_time: FakeTime
) -> None:
    url = demo_server.jsonld_url
    events = Events()
    f = follower(url, cache, fake_time, events, interval=2)
    added: list[str] = []
    fake_time.once(lambda: added.extend(publish(demo_server, 2)))
    await run_until(
        f, lambda: len(events.changed("new", "page")) >= 2 and len(fake_time.sleeps) > 3
    )
    assert [e.id.rsplit("update-", 1)[-1] for e in events.changed("new", "page")] == added
    log = demo_server.stats.log
    assert all("jsonld" in r.path for r in log)
    assert 304 in {r.status for r in log}


async def test_not_a_live_blog_on_first_contact_stops(
    demo_server: DemoServer, cache: Cache, fake_time: FakeTime
) -> None:
    events = Events()
    await follower(demo_server.origin + "/", cache, fake_time, events).run()
    [stopped] = events.of(Stopped)
    assert "no live blog" in stopped.reason and f"{stopped.url}".endswith("/")


async def test_poll_now_skips_the_wait(
    demo_server: DemoServer, cache: Cache, fake_time: FakeTime
) -> None:
    fetcher = RecordingFetcher()
    settings = FollowSettings.for_url(demo_server.url, 600, 600)
    f = Follower(demo_server.url, cache, settings=settings, on_event=Events(), fetcher=fetcher)
    task = asyncio.ensure_future(f.run())
    for _ in range(400):
        await asyncio.sleep(0.005)
        later = datetime.now(timezone.utc) + timedelta(seconds=60)
        if f.status.next_poll and f.status.next_poll > later:
            break  # waiting for the next poll, ten minutes away
    assert len(fetcher.polls()) == 1  # the first poll, then a 10-minute wait...
    f.poll_now()
    for _ in range(400):
        await asyncio.sleep(0.005)
        if len(fetcher.polls()) == 2:
            break
    f.stop()
    await asyncio.wait_for(task, 5)
    assert len(fetcher.polls()) == 2  # ...cut short


# -- settings and arithmetic -------------------------------------------------------------


def test_settings_floors_and_defaults() -> None:
    remote = "https://www.theguardian.com/world/live/x"
    assert FollowSettings.for_url(remote) == FollowSettings(10.0, 120.0)
    low = FollowSettings.for_url(remote, interval=2, refresh=5)
    assert (low.interval, low.refresh) == (10.0, 60.0) and "floor" in (low.warning or "")
    fast = FollowSettings.for_url("http://127.0.0.1:9/x", interval=0.1, refresh=0.7)
    assert (fast.interval, fast.refresh) == (0.5, 0.7) and fast.warning
    assert FollowSettings.for_url("http://localhost:9/x", 0.5, 0.5).warning is None


def test_backoff_is_jittered_exponential_and_capped() -> None:
    rng = random.Random(1)
    for n in range(1, 15):
        full = min(900.0, 30 * 2**n)
        for _ in range(20):
            assert full / 2 <= backoff_delay(n, 30, rng) <= full


def test_poll_url_is_built_from_the_page_data() -> None:
    got = poll_url("https://api.nextgen.guardianapps.co.uk", "world/live/2024/x", "abc123")
    assert got == (
        "https://api.nextgen.guardianapps.co.uk/world/live/2024/x.json"
        "?lastUpdate=block-abc123&isLivePage=true&dcr=true"
    )
    assert poll_url("http://127.0.0.1:5/api/", "/a/b", "1").startswith(
        "http://127.0.0.1:5/api/a/b.json?"
    )


def test_page_one_url_drops_page_and_filters() -> None:
    url = "https://x.org/live/a?page=with:block-1&filterKeyEvents=true&id=7#block-1"
    assert page_url(url) == "https://x.org/live/a?id=7"
    assert page_url("https://x.org/live/a.json?dcr=true") == "https://x.org/live/a"
    assert page_url("https://x.org/live/b?id=7#top") == "https://x.org/live/b?id=7"


async def test_an_unchanged_body_without_validators_is_not_parsed_again(
    demo_server: DemoServer, cache: Cache, fake_time: FakeTime, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_validators(request: Request) -> Reply | None:
        demo_server.intercept = None
        try:
            reply = demo_server._route(request)
        finally:
            demo_server.intercept = no_validators
        reply.etag, reply.last_modified, reply.auto_etag = None, None, False
        return reply

    demo_server.intercept = no_validators
    parsed: list[str] = []
    count_reads(monkeypatch, parsed)
    f = follower(demo_server.url, cache, fake_time, Events(), interval=1, refresh=2)
    await run_until(f, lambda: len(fake_time.sleeps) >= 12)
    answered = [r for r in demo_server.stats.log if r.status]
    assert {r.status for r in answered} == {200} and not any(r.if_none_match for r in answered)
    pages = demo_server.blog.total_pages
    # The history once, then one poll answer ("nothing new"); every later copy is skipped.
    assert len(parsed) == pages + 1 and len(answered) > pages + 8


async def test_status_goes_connecting_backfilling_live_stopped(
    demo_server: DemoServer, cache: Cache, fake_time: FakeTime
) -> None:
    events = Events()
    f = follower(demo_server.url, cache, fake_time, events)
    await run_until(f, lambda: len(fake_time.sleeps) >= 2)
    states = [s.state for s in events.statuses()]
    assert [k for k, _ in itertools.groupby(states)] == [
        "connecting",
        "backfilling",
        "live",
        "stopped",
    ]
    final = events.statuses()[-1]
    assert final.last_success and final.pages_done == final.pages_total == 4
    assert final.last_error is None and final.failures == 0


async def test_an_interrupted_walk_after_a_long_absence_misses_nothing(
    make_demo_server: MakeServer, cache: Cache, fake_time: FakeTime
) -> None:
    server = make_demo_server(blog_factory=lambda url: DemoBlog.synthetic(80, base_url=url))
    events = Events()
    first = follower(server.url, cache, fake_time, events)
    await run_until(first, lambda: len(events.of(BackfillProgress)) >= 2)
    publish(server, 40)  # more than page 1 holds, while the walk was interrupted
    await follower(server.url, cache, fake_time, Events(), once=True).run()
    assert cached_ids(cache, first.url) == live_ids(server)


# --- adaptive polling ---------------------------------------------------------------


def poll_gaps(fetcher: RecordingFetcher) -> list[float]:
    times = [t for t, _ in fetcher.polls()]
    return [(b - a).total_seconds() for a, b in itertools.pairwise(times)]


def publish_now(server: DemoServer, fake_time: FakeTime) -> None:
    """Publish one entry dated the fake present (news, by its own time)."""

    def act(blog: DemoBlog) -> None:
        blog.publish(blog.new_entry(f"Extra {len(blog)}", "Body of the extra.", at=fake_time.now))

    server.change(act)


async def test_polls_slow_in_silence_and_return_to_the_shortest_on_news(
    make_demo_server: MakeServer, cache: Cache, fake_time: FakeTime
) -> None:
    # An entry of the fake present's: a blog in full flow at first.
    demo_server = make_demo_server(start=fake_time.now)
    publish_now(demo_server, fake_time)
    events = Events()
    fetcher = RecordingFetcher(fake_time)
    settings = FollowSettings.for_url(demo_server.url, 1.0, 5.0, max_interval=20.0)
    f = Follower(demo_server.url, cache, settings=settings, on_event=events, fetcher=fetcher,
                 clock=fake_time.clock, sleep=fake_time.sleep, rng=random.Random(7))  # fmt: skip
    published: list[datetime] = []  # the fake time the news came out

    def after_an_hour_of_silence() -> None:
        if not published and fake_time.now - start >= timedelta(hours=1):
            publish_now(demo_server, fake_time)
            published.append(fake_time.now)

    def after(moment: datetime) -> list[datetime]:
        return [t for t, _ in fetcher.polls() if t >= moment]

    start = fake_time.now
    fake_time.hooks.append(after_an_hour_of_silence)
    # Counted on the fake clock, not when this check happens to run: the follower
    # may have polled again by then.
    await run_until(f, lambda: bool(published) and len(after(published[0])) >= 3)
    gaps = poll_gaps(fetcher)
    came = len(fetcher.polls()) - len(after(published[0]))  # the poll that saw the news
    quiet = gaps[:came]
    assert events.changed("new")  # the news was read
    assert quiet[0] == pytest.approx(1.0)  # busy at first: the shortest wait
    assert max(quiet) == pytest.approx(20.0)  # an hour of silence: the longest
    assert quiet[-1] >= 10  # the entry came while polls were spaced out
    growing = [g for g in quiet if g > 1.0]
    assert growing == sorted(growing)  # step by step
    assert gaps[came] == pytest.approx(1.0)  # news: the shortest wait again, at once


async def test_a_blog_whose_newest_entry_is_years_old_is_polled_slowly_from_the_start(
    make_demo_server: MakeServer, cache: Cache, fake_time: FakeTime
) -> None:
    """Defect: quiet time was counted from first sight, so a years-old blog was polled
    at the shortest interval; it is counted from the newest entry's own time."""
    server = make_demo_server(start=fake_time.now - timedelta(days=3 * 365))
    fetcher = RecordingFetcher(fake_time)
    settings = FollowSettings.for_url(server.url, 1.0, 5.0, max_interval=20.0)
    f = Follower(server.url, cache, settings=settings, on_event=Events(), fetcher=fetcher,
                 clock=fake_time.clock, sleep=fake_time.sleep, rng=random.Random(7))  # fmt: skip
    news: list[int] = []  # how many polls there were when the news came out

    def news_after_three_polls() -> None:
        if not news and len(fetcher.polls()) >= 3:
            publish_now(server, fake_time)
            news.append(len(fetcher.polls()))

    fake_time.hooks.append(news_after_three_polls)
    await run_until(f, lambda: bool(news) and len(fetcher.polls()) >= news[0] + 3)
    gaps = poll_gaps(fetcher)
    assert gaps[:2] == [pytest.approx(20.0)] * 2  # the longest wait from the first poll on
    assert gaps[-1] == pytest.approx(1.0)  # an entry dated now: the shortest again


async def test_a_longer_max_age_holds_the_poll_url_beyond_the_wait(
    make_demo_server: MakeServer, cache: Cache, fake_time: FakeTime
) -> None:
    server = make_demo_server(poll_max_age=7)
    fetcher = RecordingFetcher(fake_time)
    f = follower(server.url, cache, fake_time, Events(), interval=1, fetcher=fetcher)
    await run_until(f, lambda: len(fetcher.polls()) >= 5)
    assert min(poll_gaps(fetcher)) >= 7.0  # the server's max-age wins over the 1 s wait


async def test_retry_after_wins_over_the_shortest_wait(
    demo_server: DemoServer, cache: Cache, fake_time: FakeTime
) -> None:
    fetcher = RecordingFetcher(fake_time)
    f = follower(demo_server.url, cache, fake_time, Events(), interval=1, fetcher=fetcher)

    staged: list[bool] = []

    def fault_after_two_polls() -> None:
        if len(fetcher.polls()) == 2 and not staged:
            staged.append(True)
            faults(demo_server).add(Fault.ERROR_503, 1, demo_server.poll_path, retry_after="90")

    fake_time.hooks.append(fault_after_two_polls)
    await run_until(f, lambda: len(fetcher.polls()) >= 5)
    assert max(poll_gaps(fetcher)) >= 90.0
