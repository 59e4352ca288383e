"""The follower's timing and its choice of the next request, as logic: a fake clock, no HTTP.

``Schedule`` decides when each kind of request may run (its own interval, the
limits its server set, the back-off after failures); ``next_step`` decides
which request comes next from what the follower knows of the blog. Neither
touches the network, so they are tested here on their own.
"""

from __future__ import annotations

import itertools
import random
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from liveread.follow import BACKOFF_CAP, FollowSettings, backoff_delay
from liveread.follow._schedule import Schedule
from liveread.follow._steps import Track, next_step
from liveread.model import FollowState

T0 = datetime(2026, 11, 28, 9, 0, tzinfo=timezone.utc)
REMOTE = "https://www.example.org/live/blog"
LOCAL = "http://127.0.0.1:8123/live/blog"


class Clock:
    """A clock that moves only when told."""

    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now

    def tick(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


PAGE = "https://www.example.org/live/blog"
POLL_A = "https://api.example.org/live/blog.json?lastUpdate=block-a"
POLL_B = "https://api.example.org/live/blog.json?lastUpdate=block-b"


def seconds_until(schedule: Schedule, role: str, clock: Clock, url: str = PAGE) -> float:
    return (schedule.when(role, url) - clock()).total_seconds()


# --- settings and their floors ---------------------------------------------------------


def test_defaults_and_floors_for_remote_and_loopback_hosts() -> None:
    assert FollowSettings.for_url(REMOTE) == FollowSettings(10.0, 120.0)
    assert FollowSettings.for_url(REMOTE).max_interval == 120.0
    low = FollowSettings.for_url(REMOTE, interval=2, refresh=5)
    assert (low.interval, low.refresh) == (10.0, 60.0)
    assert low.warning is not None and "below the 10 s floor for remote hosts" in low.warning
    local = FollowSettings.for_url(LOCAL, interval=0.1, refresh=0.2)
    assert (local.interval, local.refresh) == (0.5, 0.5) and local.warning
    assert FollowSettings.for_url(LOCAL, interval=1, refresh=2).warning is None


def test_backoff_is_equal_jitter_capped_at_fifteen_minutes() -> None:
    rng = random.Random(4)
    for failures in range(1, 20):
        full = min(BACKOFF_CAP, 30.0 * 2**failures)
        delays = [backoff_delay(failures, 30.0, rng) for _ in range(50)]
        assert all(full / 2 <= d <= full for d in delays)
    assert max(backoff_delay(40, 30.0, rng) for _ in range(50)) <= BACKOFF_CAP


# --- the schedule ---------------------------------------------------------------------


def test_everything_is_due_at_first_and_an_answer_books_the_next_time() -> None:
    clock = Clock()
    schedule = Schedule(clock, random.Random(1), 30.0)
    assert all(seconds_until(schedule, role, clock) == 0 for role in ("page", "walk", "poll"))
    schedule.succeeded("poll", POLL_A, then=30.0, retry_after=None, max_age=None)
    assert seconds_until(schedule, "poll", clock) == 30
    assert seconds_until(schedule, "page", clock) == 0  # each role has its own time
    clock.tick(31)
    assert seconds_until(schedule, "poll", clock) <= 0  # overdue: runs at once


def test_max_age_holds_the_url_that_sent_it_and_no_other() -> None:
    clock = Clock()
    schedule = Schedule(clock, random.Random(1), 1.0)
    schedule.succeeded("poll", POLL_A, then=1.0, retry_after=None, max_age=5.0)
    assert seconds_until(schedule, "poll", clock, POLL_A) == 5  # max(interval, max-age)
    assert seconds_until(schedule, "poll", clock, POLL_B) == 1  # another cursor: the interval
    schedule.succeeded("poll", POLL_A, then=0.0, retry_after=None, max_age=5.0)
    assert seconds_until(schedule, "poll", clock, POLL_B) == 0  # asked again at once


def test_a_walk_is_paced_by_its_own_pause_not_the_previous_pages_max_age() -> None:
    clock = Clock()
    schedule = Schedule(clock, random.Random(1), 30.0)
    pages = [f"{PAGE}?page=with:block-{n}" for n in range(20)]
    for this, following in itertools.pairwise(pages):
        schedule.succeeded("walk", this, then=0.5, retry_after=None, max_age=5.0)
        assert seconds_until(schedule, "walk", clock, following) == 0.5
        assert seconds_until(schedule, "walk", clock, this) == 5  # that page itself is held
        clock.tick(0.5)


def test_retry_after_wins_over_the_interval_and_survives_poll_now() -> None:
    clock = Clock()
    schedule = Schedule(clock, random.Random(1), 10.0)
    schedule.succeeded("page", PAGE, then=10.0, retry_after=120.0, max_age=None)
    assert seconds_until(schedule, "page", clock) == 120
    schedule.due_now("page")
    assert seconds_until(schedule, "page", clock) == 120  # the server's limit still holds


def test_failures_back_off_every_role_and_the_first_answer_ends_it() -> None:
    clock = Clock()
    schedule = Schedule(clock, random.Random(2), 30.0)
    first = schedule.failed("poll", POLL_A, None)
    assert 30 <= first <= 60 and schedule.failures == 1
    assert seconds_until(schedule, "page", clock) == pytest.approx(first)  # it holds every role
    second = schedule.failed("poll", POLL_A, None)
    assert 60 <= second <= 120 and schedule.failures == 2
    schedule.succeeded("poll", POLL_A, then=30.0, retry_after=None, max_age=None)
    assert schedule.failures == 0 and seconds_until(schedule, "page", clock) == 0


def test_a_failure_with_retry_after_waits_at_least_that_long() -> None:
    clock = Clock()
    schedule = Schedule(clock, random.Random(2), 1.0)
    delay = schedule.failed("page", PAGE, 600.0)
    assert delay == 600 and seconds_until(schedule, "page", clock) == 600
    schedule.due_now("page")  # ends the back-off, not the server's Retry-After
    assert seconds_until(schedule, "page", clock) == 600
    assert seconds_until(schedule, "walk", clock, PAGE + "?page=2") == 0  # another URL


def test_a_capped_back_off_ends_within_its_time() -> None:
    clock = Clock()
    schedule = Schedule(clock, random.Random(2), 30.0)
    for _ in range(5):
        assert schedule.failed("page", PAGE, None, cap=7.0) <= 7.0
    assert schedule.failed("page", PAGE, 60.0, cap=7.0) == 60  # a server's Retry-After is not cut


def test_due_within_brings_a_role_forward_only() -> None:
    clock = Clock()
    schedule = Schedule(clock, random.Random(1), 30.0)
    schedule.succeeded("page", PAGE, then=120.0, retry_after=None, max_age=None)
    schedule.due_within("page", 30.0)
    assert seconds_until(schedule, "page", clock) == 30
    schedule.due_within("page", 90.0)
    assert seconds_until(schedule, "page", clock) == 30


def test_delays_are_capped_at_a_day() -> None:
    clock = Clock()
    schedule = Schedule(clock, random.Random(1), 30.0)
    schedule.succeeded("page", PAGE, then=10.0, retry_after=10 * 86400.0, max_age=None)
    assert seconds_until(schedule, "page", clock) == 86400


# --- which request comes next -----------------------------------------------------------

POLLED = FollowState(
    source="guardian",
    live=True,
    walk_done=True,
    cursor="65f1a4000000000000000a20",
    source_data={"ajax_url": "https://api.example.org", "page_id": "live/blog"},
)


def track(state: FollowState, **run: object) -> Track:
    return Track(REMOTE, REMOTE, state, **run)  # type: ignore[arg-type]


def never(role: str) -> datetime:
    raise AssertionError("the schedule is not asked here")


def test_page_one_comes_first_then_the_walk() -> None:
    walking = FollowState(source="guardian", live=True, walk_next=REMOTE + "?page=2")
    assert next_step(track(walking), started=False, once=False, when=never) == "page"
    assert next_step(track(walking), started=True, once=False, when=never) == "walk"
    rewalk = track(POLLED, rewalk=True)
    assert next_step(rewalk, started=True, once=False, when=never) == "page"


def test_an_ended_blog_asks_nothing_more_and_once_stops_after_the_history() -> None:
    ended = FollowState(source="guardian", live=False, walk_done=True)
    assert next_step(track(ended), started=True, once=False, when=never) == "ended"
    assert next_step(track(POLLED), started=True, once=True, when=never) is None


def test_a_blog_with_an_update_endpoint_asks_whichever_is_due_first() -> None:
    due = {"poll": T0 + timedelta(seconds=5), "page": T0 + timedelta(seconds=60)}
    assert next_step(track(POLLED), started=True, once=False, when=due.__getitem__) == "poll"
    due = {"poll": T0 + timedelta(seconds=5), "page": T0}
    assert next_step(track(POLLED), started=True, once=False, when=due.__getitem__) == "page"


def test_without_an_endpoint_page_one_is_re_read() -> None:
    schemaorg = FollowState(source="schemaorg", live=True, walk_done=True)
    assert next_step(track(schemaorg), started=True, once=False, when=never) == "page"
    broken = track(POLLED, updates_broken=True)  # the endpoint answered 404
    assert next_step(broken, started=True, once=False, when=never) == "page"
    no_anchor = FollowState(**{**POLLED.__dict__, "cursor": None})
    assert next_step(track(no_anchor), started=True, once=False, when=never) == "page"


# --- adaptive waits -------------------------------------------------------------------


def test_the_wait_grows_in_a_quiet_spell_up_to_the_longest_and_never_below_the_shortest() -> None:
    settings = FollowSettings.for_url(REMOTE)
    waits = [settings.poll_wait(quiet) for quiet in range(0, 4 * 3600, 60)]
    assert waits[0] == settings.interval == 10
    assert waits == sorted(waits)  # step by step, never shorter while it stays quiet
    assert max(waits) == settings.max_interval == 120
    assert settings.poll_wait(10 * 60) == 10  # ten quiet minutes: still the shortest
    assert settings.poll_wait(30 * 60) == 30


def test_the_refresh_follows_the_same_rhythm_within_its_own_bounds() -> None:
    settings = FollowSettings.for_url(REMOTE)
    assert settings.refresh_wait(0) == settings.refresh == 120
    assert settings.refresh_wait(30 * 60) == 3 * settings.refresh  # the poll's 30 s is 3 x 10 s
    assert settings.refresh_wait(10 * 3600) == settings.max_refresh == 600


def test_max_interval_below_the_interval_is_raised_and_said() -> None:
    settings = FollowSettings.for_url(REMOTE, interval=30, max_interval=20)
    assert settings.max_interval == 30 and "below the interval" in (settings.warning or "")
    fixed = FollowSettings.fixed(10, 120)
    assert fixed.poll_wait(10**6) == 10 and fixed.refresh_wait(10**6) == 120


def test_the_back_off_is_stated_once_and_the_readme_names_its_cap() -> None:
    """The rule lives in backoff_delay's docstring; the README and the follower point there."""
    from liveread.follow import _follower, _schedule

    readme = " ".join((Path(__file__).resolve().parent.parent / "README.md").read_text().split())
    assert f"up to {BACKOFF_CAP / 60:g} minutes" in readme
    assert "docstring of `liveread.follow.backoff_delay`" in readme
    assert "2^failures" in (backoff_delay.__doc__ or "")
    for text in (readme, _schedule.__doc__ or "", _follower.__doc__ or ""):
        assert "2^n" not in text and "2ⁿ" not in text and "backoff_delay" in text
