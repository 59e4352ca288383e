"""When a follower's next request is due, and how long it waits after an answer.

:class:`~liveread.follow.Follower` decides *what* to ask (page 1, the walk,
the update request: :func:`~liveread.follow._steps.next_step`) and reports
what happened; :class:`Cadence` keeps the timing it asks by:

- the :class:`~liveread.follow._schedule.Schedule` (each role's due time,
  each URL's Retry-After and max-age, the back-off);
- quiet time, counted from the newest entry's own publication or from the
  last news in this run, whichever is later (a blog whose newest entry is
  years old is not polled at the shortest interval);
- the site's own cadence (``Source.min_interval``), never outpaced, and the
  feed a shell's page 1 reads, never read again sooner than that after a
  poll read it;
- full batches asked again at once (a bounded number in a row), the walk's
  pause between older pages (a reader clicking "older"; none on loopback).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from liveread.follow._schedule import FollowSettings, Schedule, quiet_seconds
from liveread.follow._steps import Outcome, Track
from liveread.urls import is_loopback

__all__ = ["Cadence"]

#: Polls in a row that may skip the interval while answers are full batches.
_IMMEDIATE_LIMIT = 100
#: Pause between pages of the walk for remote hosts (a reader clicking "older").
_WALK_GAP_REMOTE = 0.5


class Cadence:
    """The timing of one blog's requests.

    Args:
        schedule: When each role and URL may run (shared with the follower,
            which books failures and "poll now" on it).
        settings: The follow settings (intervals, quiet-time waits).
        track: Returns the follower's track of the blog (it is replaced when
            the follower takes a blog's lease over, so it is asked each time).
        clock: Returns the current aware datetime.
        newest: When the newest entry cached was published (None: none).

    """

    def __init__(
        self,
        schedule: Schedule,
        settings: FollowSettings,
        track: Callable[[], Track],
        clock: Callable[[], datetime],
        newest: datetime | None,
    ) -> None:
        self._schedule = schedule
        self._settings = settings
        self._track = track
        self._clock = clock
        self._newest = newest  # the newest entry's publication: quiet since
        self._news_at: datetime | None = None  # new entries after the first read: quiet since
        self._feed_read_at: datetime | None = None  # the feed last read (a poll, or page 1's)
        self._immediate = 0  # polls in a row asked at once (full batches)

    def url_of(self, role: str) -> str:
        """The URL *role*'s next request asks (what its server's limits apply to)."""
        t = self._track()
        if role == "walk" and t.state.walk_next:
            return t.state.walk_next
        if role == "poll":
            request = t.update_request()
            if request is not None:
                return request.url
        return t.page_url

    def when(self, role: str) -> datetime:
        """When *role* may run: the schedule, its URL's limits, the site's own pace."""
        t = self._track()
        due = self._schedule.when(role, self.url_of(role))
        if role == "page" and self._feed_read_at is not None and t.state.feed:
            # Page 1's re-read reads its feed too, which may be the very URL the poll
            # asks: never sooner after the last read of it than the site's own pace.
            due = max(due, self._feed_read_at + timedelta(seconds=t.least_wait()))
        return due

    def walk_gap(self, url: str, quiet: float = 0.0) -> float:
        """The pause before the next page of a walk (or the next follow-ups).

        A reader clicking "older" on a remote site; nothing on loopback. Past
        the pages page 1 announced, a walk is paced like any other request.
        """
        t = self._track()
        if t.state.pages_total is not None and t.pages_done > t.state.pages_total:
            return self._settings.poll_wait(quiet)
        return 0.0 if is_loopback(url) else _WALK_GAP_REMOTE

    def booked(self, role: str, url: str, outcome: Outcome, *, started: bool) -> None:
        """Book an answer of *role* to *url*: when each role is next due.

        *started* says whether page 1 had been read in this run before this
        answer: new entries after that are news (the shortest waits at once),
        before it the first read.
        """
        now = self._clock()
        t = self._track()
        fetch = outcome.fetch
        if outcome.changes is not None and outcome.changes.new:
            published = max(entry.published for entry in outcome.changes.new)
            self._newest = max(published, self._newest or published)
            if started and role != "walk":
                self._news_at = now
        quiet = quiet_seconds(now, self._newest, self._news_at)
        least = t.least_wait()  # the site's own cadence, when slower
        feed = t.state.feed
        if feed is not None and (role == "page" or url == feed.url):
            self._feed_read_at = now  # page 1's re-read reads its feed; a poll may ask it too
        settings = self._settings
        if role == "page":
            then = self._page_then(quiet, least)
        elif role == "walk":
            then = self.walk_gap(fetch.url, quiet)
            if not t.walking:  # the walk is done: page 1 and the poll planned now
                self._schedule.due_within("page", self._page_then(quiet, least))
        else:
            immediate = outcome.immediate and self._immediate < _IMMEDIATE_LIMIT
            self._immediate = self._immediate + 1 if immediate else 0
            then = 0.0 if immediate else max(settings.poll_wait(quiet), least)
        if outcome.more:  # the answer named more entries than one request reads
            then = min(then, self.walk_gap(fetch.url))
        self._schedule.succeeded(
            role, url, then=then, retry_after=fetch.retry_after, max_age=fetch.max_age
        )

    def _page_then(self, quiet: float, least: float) -> float:
        """Seconds from now until page 1's re-read; the poll of a feed page 1 just read, too.

        A blog with updates to poll re-reads page 1 at the longer refresh wait, one
        without at the poll's. The source is not asked while a walk is pending (the
        walk moves the state, and the source is asked once per state): until the
        walk is done, the longer wait holds, and the walk's end plans again.
        """
        settings = self._settings
        t = self._track()
        if t.walking:
            return max(settings.refresh_wait(quiet), least)
        poll = t.update_request()
        then = max(settings.refresh_wait(quiet) if poll else settings.poll_wait(quiet), least)
        if poll is not None and poll == t.state.feed:  # it read the poll's URL
            wait = max(settings.poll_wait(quiet), least)
            self._schedule.succeeded("poll", poll.url, then=wait, retry_after=0, max_age=0)
        return then
