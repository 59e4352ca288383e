"""What the follower asks, and how much: the update request asked once per fetch, walks bounded.

- The blog's source is asked for its update request once per request the
  follower makes, and that very request is fetched: a source that puts a
  new value in every URL (a time, here a call counter) gets each URL it
  gave fetched once, and a ``Retry-After`` holds back the URL it came with
  (retried as it was, not with a fresh one that the limit would not name).
- A history walk is bounded and paced: an "older" chain that never ends
  stops after a few pages in a row with nothing new, at its page bound, or,
  with ``--once``, at the give-up time; past the pages page 1 announced it
  goes at the pace of any other request.

The chain is served in the "plainlive" format of ``docs/sources.md`` (the
example installed as a plug-in), from the demo server's ``intercept`` hook.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime, timedelta, timezone
from itertools import pairwise
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

import liveread.follow._steps as steps_module
import liveread.sources
from liveread.cache import Cache
from liveread.demo.http import Reply, Request
from liveread.demo.server import DemoServer
from liveread.follow._defaults import WALK_REPEATS
from liveread.model import Block, Entry, FollowState
from liveread.model import Request as SourceRequest
from tests.demo_fixtures import Events, FakeTime, RecordingFetcher, follower, run_until
from tests.plugin_support import docs_example, installed
from tests.support.faults import Fault, faults
from tests.test_sources_plugin import render

CHAIN = "/chain/blog"
T0 = datetime(2031, 10, 1, 12, 0, tzinfo=timezone.utc)


@pytest.fixture
def cache(tmp_path: Path) -> Iterator[Cache]:
    with Cache(tmp_path / "cache.sqlite3") as opened:
        yield opened


# -- the update request: once per fetch ----------------------------------------------------


async def test_the_source_is_asked_once_per_fetch_and_retry_after_holds_the_url_it_gave(
    demo_server: DemoServer, cache: Cache, fake_time: FakeTime, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = liveread.sources.find("guardian")
    assert source is not None
    asked: list[str] = []
    real = source.update_request

    def counted(state: FollowState) -> SourceRequest | None:
        request = real(state)
        if request is None:
            return None
        asked.append(f"{request.url}&call={len(asked) + 1}")  # a new URL every call
        return SourceRequest(asked[-1], request.accept)

    monkeypatch.setattr(source, "update_request", counted)
    fetcher = RecordingFetcher(fake_time)
    staged: list[bool] = []

    def fault_at_the_third_poll() -> None:
        if len(fetcher.polls()) == 2 and not staged:
            staged.append(True)
            faults(demo_server).add(Fault.ERROR_503, 1, demo_server.poll_path, retry_after="30")

    fake_time.hooks.append(fault_at_the_third_poll)
    following = follower(demo_server.url, cache, fake_time, Events(), fetcher)
    await run_until(following, lambda: len(fetcher.polls()) >= 10)
    polls = fetcher.polls()
    urls = [u for _, u in polls]
    # Every URL fetched is one the source gave, and each was given for a fetch: the
    # source was asked at most once more than there were distinct polls (the last
    # one, planned when the run stopped).
    assert set(urls) <= set(asked)
    assert len(asked) <= len(set(urls)) + 1
    assert len(asked) < len(fetcher.calls)  # not one call per planning pass
    # The 503's URL came back after its Retry-After, as it was: the same URL.
    failed = next(i for i in range(1, len(polls)) if urls[i] == urls[i - 1])
    assert failed == 3  # the third poll failed, the fourth asked the same URL again
    assert (polls[failed][0] - polls[failed - 1][0]).total_seconds() >= 30.0
    assert len(set(urls)) == len(urls) - 1  # no other URL was fetched twice


# -- an endless "older" chain ----------------------------------------------------------------


@pytest.fixture
def plainlive(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    code = docs_example("PlainLiveSource")
    with installed(tmp_path / "site", monkeypatch, {"chain_source": (code, "PlainLiveSource")}):
        yield tmp_path / "site"


def entry(page: int, n: int) -> Entry:
    published = T0 - timedelta(minutes=10 * page + n)
    return Entry(f"p{page}-{n}", published, None, f"Page {page} post {n}",
                 (Block("paragraph", f"Post {n} of page {page}."),), "")  # fmt: skip


def chain(fresh: bool, asked: list[int]) -> Callable[[Request], Reply | None]:
    """Every page links an older one, for ever; its entries are new ones, or page 1's again."""

    def answer(request: Request) -> Reply | None:
        parts = urlsplit(request.target)
        if parts.path != CHAIN:
            return None
        number = int(parse_qs(parts.query).get("page", ["1"])[0])
        asked.append(number)
        entries = [entry(number if fresh else 1, n) for n in range(3)]
        head = {
            "title": "A chain",
            "live": "yes",
            "page": str(number),
            "pages": "2",  # what page 1 announces; every page has an older one
            "older": f"{CHAIN}?page={number + 1}",
        }
        return Reply(200, render(entries, head).encode(), "text/plain; charset=utf-8")

    return answer


def notes(events: Events) -> list[str]:
    return [s.last_error for s in events.statuses() if s.last_error and not s.failures]


async def test_a_chain_of_pages_that_repeat_themselves_ends_the_walk(
    plainlive: Path, demo_server: DemoServer, cache: Cache, fake_time: FakeTime
) -> None:
    asked: list[int] = []
    demo_server.intercept = chain(False, asked)
    events = Events()
    url = demo_server.origin + CHAIN
    await follower(url, cache, fake_time, events, once=True, give_up_after=55.0).run()
    assert asked == list(range(1, WALK_REPEATS + 2))  # page 1, then the repeats
    assert any("brought nothing new" in n for n in notes(events))
    assert cache.follow_state(url).walk_next is None


async def test_once_gives_up_an_endless_walk_at_its_time_paced_past_the_announced_pages(
    plainlive: Path, demo_server: DemoServer, cache: Cache, fake_time: FakeTime
) -> None:
    asked: list[int] = []
    demo_server.intercept = chain(True, asked)
    events = Events()
    url = demo_server.origin + CHAIN
    fetcher = RecordingFetcher(fake_time)
    await follower(url, cache, fake_time, events, fetcher, once=True, give_up_after=20.0).run()
    times = [t for t, _ in fetcher.calls]
    spent = (times[-1] - times[0]).total_seconds()
    assert spent <= 21.0 and 10 <= len(asked) <= 25  # ended by the give-up time
    # Past page 2 (what page 1 announced) each page waits the interval, like any request.
    gaps = [(b - a).total_seconds() for a, b in pairwise(times[2:])]
    assert gaps and min(gaps) >= 1.0
    said = notes(events)
    assert any(n.startswith("gave up after 20 s: the history is read up to page") for n in said)
    # What was read is kept, and the next run goes on from there.
    state = cache.follow_state(url)
    assert state.walk_next is not None and state.walk_next.endswith(f"page={asked[-1] + 1}")
    assert len(cache.load(url).entries) == 3 * len(asked)


async def test_an_endless_walk_stops_at_its_page_bound_and_following_goes_on(
    plainlive: Path,
    demo_server: DemoServer,
    cache: Cache,
    fake_time: FakeTime,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(steps_module, "WALK_MAX_PAGES", 12)
    asked: list[int] = []
    demo_server.intercept = chain(True, asked)
    events = Events()
    url = demo_server.origin + CHAIN
    following = follower(url, cache, fake_time, events)
    await run_until(following, lambda: any(s.state == "live" for s in events.statuses()))
    assert max(asked) == 12 and sorted(set(asked)) == list(range(1, 13))
    assert any("at its bound of 12 pages" in n for n in notes(events))


def test_the_readme_states_the_walk_bounds_as_they_are() -> None:
    from liveread.follow._defaults import WALK_MAX_PAGES

    readme = " ".join((Path(__file__).resolve().parent.parent / "README.md").read_text().split())
    assert (
        f"it stops after {WALK_MAX_PAGES:,} pages, after {WALK_REPEATS} older pages in a row"
        in readme
    )
