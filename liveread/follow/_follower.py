"""Following a live blog: the whole history once, then polite polling, whatever the network does.

:class:`Follower` is a plain asyncio loop (no Textual): the TUI runs it in a
worker, ``liveread follow`` with :func:`asyncio.run`. It reports through a
callback with the records of :mod:`liveread.follow._events`.

It knows no site: the blog's source (:mod:`liveread.sources`) reads every
answer and names the request for updates. What it does (the requests
themselves are in :mod:`liveread.follow._steps`):

1. Page 1 (the user's URL). On first contact it then walks the "older" links
   to the last page, so the cache holds the whole blog; the walk's position is
   stored with each page, so an interrupted walk resumes where it stopped. A
   blog already cached is not walked again; if more entries arrived while it
   was not followed than page 1 holds, older pages are read until one holds
   an entry already cached.
2. A blog that has ended is read once (with its history) and not polled;
   :class:`~liveread.follow.Ended` says so once, and :meth:`Follower.run`
   returns (also when another liveread on the cache saw the end).
3. A blog whose source has an update endpoint is asked there every
   ``interval`` seconds, at once again while an answer says so (a full
   batch), and page 1 is re-read conditionally every ``refresh`` seconds to
   catch what an endpoint does not report (edits, removals, pins, key events,
   the end). Any other blog gets a conditional GET of page 1 every ``interval``.

Timing, as well-kept feed readers do it: the next request to a URL waits
max(interval, Retry-After, max-age), capped at 24 h. After n consecutive
failures the next try waits a random time between half and all of
min(15 min, interval × 2^n), and everything returns to normal at the first
answer. 404/410 on page 1, a first page that is no live blog and a bot wall
(the site turning liveread away with a challenge page) stop following for
good; nothing else does. One request is in flight at a time.
"""

from __future__ import annotations

import asyncio
import contextlib
import random
from collections.abc import Awaitable, Callable
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

from liveread.cache import Cache, Changes, Origin
from liveread.errors import CacheError, LayoutChanged, NotALiveBlog
from liveread.fetch import (
    BotWall,
    Fetcher,
    FetchError,
    FetchResult,
    HTTPError,
    NetworkError,
    ValidatorsLike,
)
from liveread.follow._events import (
    Applied,
    BackfillProgress,
    Ended,
    FollowEvent,
    FollowPhase,
    FollowStatus,
    StatusChanged,
    Stopped,
)
from liveread.follow._relay import Relay
from liveread.follow._schedule import FollowSettings, Schedule, backoff_delay, quiet_seconds
from liveread.follow._steps import Outcome, Role, Steps, Track, next_step
from liveread.model import Request
from liveread.sources import blog_key, page_url
from liveread.times import human_seconds, utc_now
from liveread.urls import host, is_loopback, user_url

# FollowSettings and backoff_delay live in follow_schedule; importable from here too.
__all__ = ["FollowSettings", "Follower", "backoff_delay"]

#: Polls in a row that may skip the interval while answers are full batches.
_IMMEDIATE_LIMIT = 100
#: Pause between pages of the walk for remote hosts (a reader clicking "older").
_WALK_GAP_REMOTE = 0.5
#: Least time between two "last success" writes when nothing changed.
_RECORD_EVERY = 60.0
#: How long a claim on a blog's lease lasts unless renewed (seconds), and how
#: often the holder renews it: a holder that died on another machine is
#: replaced within this; on this machine as soon as its process is gone.
LEASE_TTL = 30.0
_RENEW_EVERY = LEASE_TTL / 3
#: How often (real seconds) a follower looks for what other processes
#: committed, and a follower that does not poll tries to take the lease over.
WATCH_EVERY = 0.5
_CLAIM_EVERY = 1.0


class _Stopping(Exception):
    """stop() was called while a request was in flight."""


class Follower:
    """Follow one live blog into the cache, reporting what happens.

    Args:
        url: The blog's address as the user gave it.
        cache: The cache to write to (used from the loop's thread only).
        settings: Intervals and floors (see :meth:`FollowSettings.for_url`).
        on_event: Called synchronously with each :data:`FollowEvent`.
        fetcher: The HTTP client (default: a new one, closed when :meth:`run` returns).
        clock: Returns the current aware datetime (tests inject one).
        rng: Randomness for the back-off jitter.
        sleep: ``await sleep(seconds)`` (tests inject one that does not really wait).
        watch_every: Real seconds between looks at what other processes committed.

    Attributes:
        url: The blog's URL, normalised (the cache key).
        status: The current status.

    Only the holder of the blog's lease polls the site; another follower of
    the same blog (another process on the same cache) reports the changes
    the holder applies, says so in its status (``leader``), and takes over
    when the holder stops or dies. Every follower reports changes from the
    cache's change log, whoever applied them, each exactly once.

    """

    def __init__(
        self,
        url: str,
        cache: Cache,
        *,
        settings: FollowSettings,
        on_event: Callable[[FollowEvent], object],
        fetcher: Fetcher | None = None,
        clock: Callable[[], datetime] | None = None,
        rng: random.Random | None = None,
        sleep: Callable[[float], Awaitable[None]] | None = None,
        watch_every: float = WATCH_EVERY,
    ) -> None:
        given = page_url(user_url(url))
        self.url = blog_key(given)
        self.cache = cache
        self.settings = settings
        self.status = FollowStatus("connecting")
        self._on_event = on_event
        self._fetcher = fetcher
        self._own_fetcher = fetcher is None
        self._clock = clock or utc_now
        self._rng = rng or random.Random()
        self._sleep = sleep or asyncio.sleep
        self._track = Track(self.url, given)
        self._wake = asyncio.Event()
        self._stopping = False
        self._inflight: asyncio.Future[FetchResult] | None = None
        self._done = False
        self._ended = False
        self._started = False  # page 1 has been read (or found unchanged) in this run
        self._schedule = Schedule(self._clock, self._rng, settings.interval)
        self._immediate = 0  # polls in a row asked at once (full batches)
        self._last_record: datetime | None = None
        self._rewalked = False
        self._watch_every = watch_every
        self._relay: Relay | None = None
        self._end_announced = False
        self._began: datetime | None = None
        self._newest: datetime | None = None  # the newest entry's publication: quiet since
        self._news_at: datetime | None = None  # new entries after the first read: quiet since
        self._feed_read_at: datetime | None = None  # the feed last read (a poll, or page 1's)

    # -- public -----------------------------------------------------------------------

    def poll_now(self) -> None:
        """Poll (and re-read page 1) at once, skipping the interval and any back-off.

        A server's Retry-After is still honoured. Call from the loop's thread.
        """
        self._schedule.due_now("page", "poll")
        self._wake.set()

    def stop(self) -> None:
        """Make :meth:`run` return after the write in progress, if any (loop's thread only)."""
        self._stopping = True
        self._wake.set()
        if self._inflight is not None and not self._inflight.done():
            self._inflight.cancel()

    async def run(self) -> None:
        """Read the blog (history included), then keep it current until told to stop.

        Returns on :meth:`stop`, when the blog ends or is gone, or after one
        read with ``once``. Network and server trouble never raise: it is
        reported in :attr:`status` and retried.
        """
        watcher: asyncio.Task[None] | None = None
        try:
            if self._fetcher is None:
                self._fetcher = Fetcher()
            self._began = self._clock()
            self._newest = self._newest_cached()
            self._relay = Relay(
                self.cache,
                self.url,
                on_changes=self._changes_logged,
                on_ended=self._ended_elsewhere,
                ttl=LEASE_TTL,
            )
            self._lead()
            self._schedule = Schedule(self._clock, self._rng, self.settings.interval)
            self._emit_status()
            watcher = asyncio.ensure_future(self._watch())
            await self._loop()
        finally:
            if watcher is not None:
                watcher.cancel()
                await asyncio.gather(watcher, return_exceptions=True)
            if self._relay is not None:
                with contextlib.suppress(CacheError):
                    self._relay.report()  # what arrived while stopping
                    self._relay.release()
            if self._own_fetcher and self._fetcher is not None:
                with contextlib.suppress(Exception):
                    await self._fetcher.aclose()
                self._fetcher = None
            self._set_status(state="ended" if self._ended else "stopped", next_poll=None)

    def _newest_cached(self) -> datetime | None:
        """When the newest entry the cache holds of the blog was published (None: none)."""
        try:
            summary = self.cache.summary(self.url)
        except CacheError:
            return None
        return summary.newest if summary is not None else None

    def _lead(self) -> bool:
        """Claim the blog's lease; on taking it over, start from what the cache holds.

        A follower that becomes the holder reads the stored follow state (the
        walk resumes from its stored position, once) and page 1 again.
        """
        assert self._relay is not None
        was = self._relay.leading
        try:
            leading = self._relay.claim()
        except CacheError as exc:
            self._note(str(exc))
            return was
        if leading and not was:
            self._track = Track(self.url, self._track.page_url, self.cache.follow_state(self.url))
            self._started = False
        self._set_status(leader=self._relay.leader_pid)
        return leading

    async def _watch(self) -> None:
        """In real time: report what other processes commit; keep or take over the lease."""
        loop = asyncio.get_running_loop()
        renew_at = loop.time() + _RENEW_EVERY
        while True:
            await asyncio.sleep(self._watch_every)
            assert self._relay is not None
            with contextlib.suppress(CacheError):
                self._relay.check()
            leading = self._relay.leading
            if loop.time() >= renew_at or not leading:
                renew_at = loop.time() + (_RENEW_EVERY if leading else _CLAIM_EVERY)
                if self._lead() != leading:
                    self._wake.set()  # took over (or lost) the polling: re-plan now

    def _changes_logged(self, changes: Changes, origin: Origin) -> None:
        """New changes of the blog (this follower's apply, or another's from the change log)."""
        self._emit(Applied(self.url, changes, origin))

    def _ended_elsewhere(self) -> None:
        """The log says the blog ended; a follower that polls says so itself, when done.

        One that follows through another liveread says so now, and stops: the
        blog is no longer polled by anyone, so there is nothing more to wait for.
        """
        if self._relay is not None and not self._relay.leading:
            with contextlib.suppress(CacheError):  # what the polling liveread stored
                self._track.state = self.cache.follow_state(self.url)
            self._announce_end()
            self._ended = self._done = True
            self._wake.set()

    # -- the loop ---------------------------------------------------------------------

    async def _loop(self) -> None:
        while not self._stopping and not self._done:
            self._wake.clear()
            assert self._relay is not None
            if not self._relay.leading:
                if self.settings.once:
                    return  # another liveread keeps the cache current: nothing to do here
                await self._follow_elsewhere()
                continue
            steps = Steps(self.cache, self._track, self._get, self._pace)
            role = self._next_role()
            if role is None:
                return
            if self._out_of_time():
                return
            url = self._url_of(role)
            due = self._when(role)
            self._set_status(state=self._state(), next_poll=due)
            delay = (due - self._clock()).total_seconds()
            if delay > 0:
                await self._wait(delay)
                continue  # re-plan: a wake-up may have changed what is due
            try:
                outcome = await self._attempt(role, url, steps)
            except _Stopping:
                return
            if outcome is not None:
                self._after(role, url, outcome)

    async def _follow_elsewhere(self) -> None:
        """Another liveread polls the blog: wait, reporting its changes, until it stops."""
        phase: FollowPhase = "ended" if self._track.state.live is False else "live"
        self._set_status(state=phase, next_poll=None)
        with contextlib.suppress(asyncio.TimeoutError):
            await asyncio.wait_for(self._wake.wait(), timeout=_CLAIM_EVERY)

    def _url_of(self, role: str) -> str:
        """The URL *role*'s next request asks (what its server's limits apply to)."""
        t = self._track
        if role == "walk" and t.state.walk_next:
            return t.state.walk_next
        if role == "poll":
            request = t.update_request()
            if request is not None:
                return request.url
        return t.page_url

    def _when(self, role: str) -> datetime:
        due = self._schedule.when(role, self._url_of(role))
        if role == "page" and self._feed_read_at is not None and self._track.state.feed:
            # Page 1's re-read reads its feed too, which may be the very URL the poll
            # asks: never sooner after the last read of it than the site's own pace.
            due = max(due, self._feed_read_at + timedelta(seconds=self._track.least_wait()))
        return due

    def _page_then(self, quiet: float, least: float) -> float:
        """Seconds from now until page 1's re-read; the poll of a feed page 1 just read, too.

        A blog with updates to poll re-reads page 1 at the longer refresh wait, one
        without at the poll's. The source is not asked while a walk is pending (the
        walk moves the state, and the source is asked once per state): until the
        walk is done, the longer wait holds, and the walk's end plans again.
        """
        settings = self.settings
        if self._track.walking:
            return max(settings.refresh_wait(quiet), least)
        poll = self._track.update_request()
        then = max(settings.refresh_wait(quiet) if poll else settings.poll_wait(quiet), least)
        if poll is not None and poll == self._track.state.feed:  # it read the poll's URL
            wait = max(settings.poll_wait(quiet), least)
            self._schedule.succeeded("poll", poll.url, then=wait, retry_after=0, max_age=0)
        return then

    def _next_role(self) -> Role | None:
        """Pick what to ask next (see :func:`next_step`); an ended blog is said so once."""
        step = next_step(
            self._track, started=self._started, once=self.settings.once, when=self._when
        )
        if self._track.note is not None:  # the source could not name its update request
            self._note(self._track.note)
            self._track.note = None
        if step == "ended":
            self._finish_ended()
            return None
        return step

    async def _wait(self, seconds: float) -> None:
        """Sleep up to *seconds*; return early on :meth:`poll_now` or :meth:`stop`."""
        sleeper = asyncio.ensure_future(self._sleep(seconds))
        waker = asyncio.ensure_future(self._wake.wait())
        try:
            await asyncio.wait({sleeper, waker}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for task in (sleeper, waker):
                task.cancel()
            await asyncio.gather(sleeper, waker, return_exceptions=True)

    async def _get(self, request: Request, validators: ValidatorsLike | None) -> FetchResult:
        """One fetch, cancelled by :meth:`stop`."""
        assert self._fetcher is not None
        url = request.url
        self._inflight = asyncio.ensure_future(
            self._fetcher.get(url, validators, accept=request.accept, headers=request.headers)
        )
        left = self._time_left()
        try:
            if left is not None:  # once: a slow server must not hold the try past its time
                return await asyncio.wait_for(self._inflight, timeout=max(left, 1.0))
            return await self._inflight
        except asyncio.TimeoutError:
            raise NetworkError(
                f"{host(url)} did not answer within the {self.settings.give_up_after:g} s "
                "allowed to --once",
                reason="deadline",
            ) from None
        except asyncio.CancelledError:
            if self._stopping:
                raise _Stopping from None
            raise
        finally:
            self._inflight = None

    async def _attempt(self, role: Role, url: str, steps: Steps) -> Outcome | None:
        """Run one step; turn every failure into status, back-off, or the end."""
        t = self._track
        first_contact = t.state.first_contact
        try:
            if role == "poll":
                request = t.update_request()  # the one asked of the source for this fetch
                assert request is not None
                return await steps.update(request)
            if role == "walk":
                return await steps.walk()
            return await steps.page()
        except HTTPError as exc:
            if (exc.gone and role == "page") or isinstance(exc, BotWall):
                self._stop_for_good(str(exc))  # a bot wall is said once, never retried
            elif exc.gone and role == "walk":
                self._walk_gone(exc)
            elif exc.gone and role == "poll":
                t.updates_broken = True
                self._schedule.due_within("page", self.settings.interval)
                self._note(f"{exc}; reading page 1 every {self.settings.interval:g} s instead")
            else:
                self._failed(role, url, str(exc), exc.retry_after)
        except FetchError as exc:
            self._failed(role, url, str(exc), exc.retry_after)
        except (NotALiveBlog, LayoutChanged) as exc:
            if role == "page" and first_contact:
                self._stop_for_good(str(exc))
            else:
                self._failed(role, url, f"{exc}; the site may be changing", None)
        except CacheError as exc:
            # Nothing of the answer was stored (one transaction): the next
            # request asks again from the same validators and cursor.
            self._failed(role, url, str(exc), None)
        return None

    def _after(self, role: Role, url: str, outcome: Outcome) -> None:
        """Book a success: status, events, the next time each role is due."""
        now = self._clock()
        fetch = outcome.fetch
        if outcome.changes is not None and outcome.changes.new:
            published = max(entry.published for entry in outcome.changes.new)
            self._newest = max(published, self._newest or published)
            if self._started and role != "walk":
                self._news_at = now  # news, not the first read: the shortest waits at once
        quiet = quiet_seconds(now, self._newest, self._news_at)
        least = self._track.least_wait()  # the site's own cadence, when slower
        feed = self._track.state.feed
        if feed is not None and (role == "page" or url == feed.url):
            self._feed_read_at = now  # page 1's re-read reads its feed; a poll may ask it too
        if role == "page":
            self._started = True
            then = self._page_then(quiet, least)
        elif role == "walk":
            then = self._walk_gap(fetch.url, quiet)
            if not self._track.walking:  # the walk is done: page 1 and the poll planned now
                self._schedule.due_within("page", self._page_then(quiet, least))
        else:
            immediate = outcome.immediate and self._immediate < _IMMEDIATE_LIMIT
            self._immediate = self._immediate + 1 if immediate else 0
            then = 0.0 if immediate else max(self.settings.poll_wait(quiet), least)
        if outcome.more:  # the answer named more entries than one request reads
            then = min(then, self._walk_gap(fetch.url, 0.0))
        self._schedule.succeeded(
            role, url, then=then, retry_after=fetch.retry_after, max_age=fetch.max_age
        )
        if outcome.changes:
            assert self._relay is not None
            # Its own apply as it is, any other process's since from the change log.
            self._relay.report(outcome.changes, outcome.origin)
        elif outcome.changes is None:
            self._record_success(now)
        if self._track.walk_stopped:
            self._note(self._track.walk_stopped)
            self._track.walk_stopped = None
        if self._track.note is not None:  # an entry read on its own could not be read
            self._note(self._track.note)
            self._track.note = None
        if outcome.progress:
            t = self._track
            self._emit(BackfillProgress(self.url, t.pages_done, t.state.pages_total))
        self._set_status(
            state=self._state(),
            last_success=now,
            last_error=None,
            offline_since=None,
            failures=0,
            pages_done=self._track.pages_done,
            pages_total=self._track.state.pages_total,
        )

    # -- failures and endings --------------------------------------------------------

    def _failed(self, role: str, url: str, message: str, retry_after: float | None) -> None:
        """Book a failure: back off, remember the server's Retry-After, say what happened.

        With ``once``, a few tries in a row (or a minute of trying) end it:
        one line says what failed, and the next run starts from what was stored.
        """
        now = self._clock()
        left = self._time_left()
        # With once, each wait takes at most half the time left, so the tries fit in it.
        delay = self._schedule.failed(
            role, url, retry_after, cap=None if left is None else left / 2
        )
        with contextlib.suppress(CacheError):
            self.cache.record_fetch(self.url, ok=False, error=message)
        if left is not None and (
            self._schedule.failures >= self.settings.attempts or delay >= left
        ):
            tries = self._schedule.failures  # the verdict is the one line about this last try
            self._stop_for_good(f"gave up after {tries} attempt{'s' * (tries != 1)}: {message}")
            return
        self._set_status(
            state="offline",
            last_error=f"{message}; trying again in {human_seconds(delay)}",
            offline_since=self.status.offline_since or now,
            failures=self._schedule.failures,
            next_poll=self._schedule.when(role, url),
        )

    def _walk_gap(self, url: str, quiet: float) -> float:
        """The pause before the next page of a walk (or the next follow-ups).

        A reader clicking "older" on a remote site; nothing on loopback. Past
        the pages page 1 announced, a walk is paced like any other request.
        """
        t = self._track
        if t.state.pages_total is not None and t.pages_done > t.state.pages_total:
            return self.settings.poll_wait(quiet)
        return 0.0 if is_loopback(url) else _WALK_GAP_REMOTE

    async def _pace(self) -> None:
        """Between the requests of one step: the walk's pause (none on loopback)."""
        gap = self._walk_gap(self._track.page_url, 0.0)
        if gap > 0:
            await self._sleep(gap)

    def _out_of_time(self) -> bool:
        """With ``once``: the time to give up has come while history remains (say so, stop)."""
        left = self._time_left()
        t = self._track
        if left is None or left > 0 or not self._started:
            return False
        if t.walking:
            total = f" of {t.state.pages_total}" if t.state.pages_total else ""
            self._note(
                f"gave up after {self.settings.give_up_after:g} s: the history is read up to "
                f"page {t.pages_done}{total}; the next run goes on from there"
            )
        elif t.more is not None:
            self._note(
                f"gave up after {self.settings.give_up_after:g} s: some entries are still to "
                "read; the next run goes on"
            )
        else:
            return False
        return True

    def _time_left(self) -> float | None:
        """With ``once``: seconds left before it gives up trying; else None (never)."""
        if not self.settings.once:
            return None
        spent = (self._clock() - (self._began or self._clock())).total_seconds()
        return self.settings.give_up_after - spent

    def _note(self, message: str) -> None:
        """Say something went wrong that the follower works around (no back-off)."""
        self._set_status(last_error=message)

    def _walk_gone(self, exc: HTTPError) -> None:
        """An older page vanished mid-walk: walk again from page 1, once per run."""
        t = self._track
        if not t.rewalk and not self._rewalked:
            self._rewalked = True
            t.state, t.rewalk = replace(t.state, walk_next=None), True
            self._schedule.due_now("page")
            self._note(f"{exc}; reading the older pages again from page 1")
            return
        t.state = replace(t.state, walk_next=None, walk_mode=None)
        t.rewalk = False
        with contextlib.suppress(CacheError):
            self.cache.set_follow_state(self.url, t.state)
        self._note(f"{exc}; the blog's older pages could not all be read")

    def _stop_for_good(self, reason: str) -> None:
        self._done = True
        self._emit(Stopped(self.url, reason))
        self._set_status(state="stopped", last_error=reason, next_poll=None)

    def _finish_ended(self) -> None:
        self._ended = True
        self._announce_end()
        self._set_status(state="ended", next_poll=None)

    def _announce_end(self) -> None:
        """Say once that the blog has ended."""
        if not self._end_announced:
            self._end_announced = True
            self._emit(Ended(self.url, self._track.state.continues))

    def _record_success(self, now: datetime) -> None:
        """Note an answer that changed nothing (304), at most once a minute."""
        if self._last_record and (now - self._last_record).total_seconds() < _RECORD_EVERY:
            return
        self._last_record = now
        with contextlib.suppress(CacheError):
            self.cache.record_fetch(self.url, ok=True)

    # -- status and events -------------------------------------------------------------

    def _state(self) -> FollowPhase:
        t = self._track
        if self._ended or (t.state.live is False and self._started and not t.walking):
            return "ended"
        if self._schedule.failures:
            return "offline"
        if not self._started:
            return "connecting"
        if t.walking or t.rewalk or (t.more is not None and t.more_history):
            return "backfilling"
        return "live"

    def _set_status(self, **changes: Any) -> None:
        status = replace(self.status, **changes)
        if status != self.status:
            self.status = status
            self._emit(StatusChanged(status))

    def _emit_status(self) -> None:
        self._emit(StatusChanged(self.status))

    def _emit(self, event: FollowEvent) -> None:
        self._on_event(event)
