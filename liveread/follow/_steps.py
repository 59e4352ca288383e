"""The three requests a follower makes, each fetch → read → one cache transaction.

- :meth:`Steps.page`: read page 1 (the user's URL), and, when page 1 is a
  shell over an API, the feed it names (``Snapshot.feed``, remembered in
  the follow state so it is read even when page 1 is unchanged). On first
  contact this starts the walk of older pages; later it is the conditional
  re-read that catches edits, removals, pins, key events and the blog's end.
- :meth:`Steps.walk`: read the next older page of the walk (the ``older``
  link of the page before), within the walk's bounds.
- :meth:`Steps.update`: make the request the blog's source names for what is
  new (:meth:`~liveread.sources.Source.update_request`, asked once per
  request and carried to the fetch) and store its answer.

Any of them may name entries it does not carry (``Snapshot.elsewhere``): the
step then reads those the cache lacks, at most :data:`FOLLOW_UPS`, paced,
and stores them with the response in the same transaction; the rest are
named again by the next read of that response (its validators are not kept
meanwhile).

What a follower must remember between runs is a
:class:`~liveread.model.FollowState` (:attr:`Track.state`), written to the
cache *in the same apply* as the page it came from, so that a crash or
``kill -9`` leaves a state that matches the entries stored. Nothing here knows
a site: the sources read every answer and say where to ask next.

The fetch and read of one request, and the snapshot a step's reads make
together, are in :mod:`liveread.follow._reads`. No timing here and no
events: :class:`~liveread.follow.Follower` decides when to call what (and
how to pause between follow-ups), and reports.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Literal

from liveread import sources
from liveread.cache import Cache, Changes, Validators
from liveread.errors import LayoutChanged, LivereadError
from liveread.fetch import FetchResult, HTTPError
from liveread.follow._defaults import FOLLOW_UPS, WALK_MAX_PAGES, WALK_REPEATS
from liveread.follow._reads import Found, Getter, combine, ending, read_url
from liveread.model import Entry, FollowState, Request, Snapshot, WalkMode
from liveread.sources import Asked, Source
from liveread.urls import host, is_loopback

__all__ = ["Outcome", "Role", "Steps", "Track", "next_step"]

#: The three kinds of request: page 1, the next older page, the update endpoint.
Role = Literal["page", "walk", "poll"]


@dataclass
class Track:
    """What a follower knows about its blog: the stored follow state and this run's own.

    Attributes:
        url: The blog's URL (the cache key).
        page_url: Page 1's URL (moves on a permanent redirect).
        state: The follow state, as last stored.
        rewalk: Start a full walk again from page 1 (an older page vanished mid-walk).
        walk_seen: Pages read by this run's walk (a loop guard).
        pages_done: Pages of the walk read so far (page 1 counts).
        walk_repeats: Pages in a row of this walk that brought nothing new.
        walk_stopped: Why this run's walk was cut short (its bounds), or None.
        updates_broken: The update endpoint answered 404/410, or the source could
            not name it: read page 1 instead.
        note: Something the follower should say once (then it sets it to None).
        more: The role whose last answer named more entries than one request
            reads (``Snapshot.elsewhere``): asked again at once, or None.
        more_history: The entries still to read belong to the history being
            read (first contact, a catch-up): what they bring is backfill, not news.
        skipped: Ids of entries whose own request failed for good in this run
            (gone, unreadable): not asked again until the next run.

    """

    url: str
    page_url: str
    state: FollowState = field(default_factory=FollowState)
    rewalk: bool = False
    walk_seen: set[str] = field(default_factory=set)
    pages_done: int = 0
    walk_repeats: int = 0
    walk_stopped: str | None = None
    updates_broken: bool = False
    note: str | None = None
    more: Role | None = None
    more_history: bool = False
    skipped: set[str] = field(default_factory=set)
    _asked: tuple[FollowState, Request | None] | None = field(default=None, repr=False)

    @property
    def walking(self) -> bool:
        """True while older pages remain to be read."""
        return self.state.walking

    def update_request(self) -> Request | None:
        """The source's request for what is new, or None (page 1 is re-read instead).

        Asked of the source once for a follow state, and carried until it is
        fetched (:meth:`asked_for`): the URL the schedule checks is the URL
        fetched, even when the source puts the time in it.
        """
        if self.updates_broken or not self.state.known:
            return None
        if self._asked is None or self._asked[0] is not self.state:
            try:
                request = sources.update_request(self.state, self.url)
            except LivereadError as exc:
                # The source cannot say (a bug, a broken rule): page 1 is re-read
                # instead, and the follower says why, once.
                self.updates_broken, self.note = True, f"{exc}; reading page 1 instead"
                return None
            self._asked = (self.state, request)
        return self._asked[1]

    def least_wait(self) -> float:
        """The least seconds between polls its source asks (``Source.min_interval``); 0 on loopback.

        The cadence of the site's own front end, when it is slower than the
        follower's interval; tests and the demo (loopback hosts) are exempt,
        as from every floor.
        """
        source = sources.find(self.state.source)
        if source is None or is_loopback(self.url):
            return 0.0
        return max(float(source.min_interval), 0.0)

    def asked_for(self) -> None:
        """The update request was fetched: the next one is asked of the source afresh."""
        self._asked = None


def next_step(
    track: Track, *, started: bool, once: bool, when: Callable[[Role], datetime]
) -> Role | Literal["ended"] | None:
    """What to ask next: page 1 first, then the history walk, then updates.

    Args:
        track: What the follower knows of the blog.
        started: Page 1 has been read (or found unchanged) in this run.
        once: Read the blog once (with its history), then stop.
        when: When each kind of request may next run (the schedule).

    Returns:
        The request to make; ``"ended"`` when the blog has ended and its
        history is read (nothing more to ask); None when ``once`` is done.
        A blog with an update endpoint is asked there and re-reads page 1
        now and then, whichever is due first; one without re-reads page 1.
        A response that named more entries than one request reads is asked
        again first.

    """
    if not started:
        return "page"
    if track.walking or track.rewalk:
        return "walk" if track.walking else "page"
    if track.more is not None:
        return track.more
    if track.state.live is False:
        return "ended"
    if once:
        return None
    request = track.update_request()
    if request is not None:
        # A poll of the feed itself gives way to page 1's re-read, which reads the feed too.
        feed = request == track.state.feed
        polls: tuple[Role, Role] = ("page", "poll") if feed else ("poll", "page")
        return min(polls, key=when)
    return "page"


@dataclass(frozen=True)
class Outcome:
    """What one step did.

    Attributes:
        fetch: The fetch result (for timing: Retry-After, max-age).
        changes: What the apply changed; None when nothing was parsed.
        origin: How to label the changes in an :class:`~liveread.follow.Applied`.
        immediate: Ask for updates again at once (the answer was a full batch).
        progress: A page of the walk (or page 1 of a first contact) was stored.
        more: The response named more entries than this step read: ask again soon.

    """

    fetch: FetchResult
    changes: Changes | None
    origin: Literal["backfill", "page", "poll"]
    immediate: bool = False
    progress: bool = False
    more: bool = False


class Steps:
    """The follower's requests over one blog; each ends in at most one cache transaction.

    Args:
        cache: The cache.
        track: The follower's knowledge of the blog (updated in place).
        get: The fetch function.
        pause: Awaited between the requests of one step (follow-ups): the pace.

    """

    def __init__(
        self,
        cache: Cache,
        track: Track,
        get: Getter,
        pause: Callable[[], Awaitable[None]] | None = None,
    ) -> None:
        self.cache = cache
        self.track = track
        self._get = get
        self._pause = pause

    def _own(self, snapshot: Snapshot) -> Snapshot:
        """Key what was read under the followed blog's URL, whatever page it came from."""
        return snapshot if snapshot.url == self.track.url else replace(snapshot, url=self.track.url)

    def _knows_any(self, snapshot: Snapshot) -> bool:
        """True when the cache already holds one of the page's feed entries."""
        return bool(self.cache.held(self.track.url, snapshot.feed_ids))

    def _asked(self, part: sources.Part, state: FollowState, entry: str | None = None) -> Asked:
        return Asked(part, state, self.track.page_url, entry)

    @staticmethod
    def _page_says(state: FollowState, source: Source, snapshot: Snapshot) -> FollowState:
        """What page 1 says about the blog: its source, liveness, feed and where updates start."""
        same = source.name == state.source
        cursor = snapshot.cursor or (state.cursor if same else None)
        data = snapshot.source_data
        if data is None:
            data = state.source_data if same else {}
        return replace(
            state,
            source=source.name,
            live=snapshot.live,
            cursor=cursor,
            source_data=data,
            feed=snapshot.feed,
        )

    @staticmethod
    def _feed_says(state: FollowState, feed: Snapshot, shell: Snapshot | None) -> FollowState:
        """What the feed page 1 names says: its live state (when page 1 gives none), its cursor."""
        live = state.live
        if feed.live is not None and (shell is None or shell.live is None):
            live = feed.live
        cursor = feed.cursor or state.cursor
        data = state.source_data if feed.source_data is None else feed.source_data
        return replace(state, live=live, cursor=cursor, source_data=data)

    async def _follow_ups(self, snapshot: Snapshot, state: FollowState) -> Found:
        """Read the entries *snapshot* names elsewhere that the cache lacks, at most FOLLOW_UPS.

        Each is read with *state*, what the blog's follow state is with this
        response. An entry whose request is gone (404/410) or unreadable is
        skipped for this run; any other failure fails the step (retried).
        """
        t = self.track
        if not snapshot.elsewhere:
            return Found()
        held = self.cache.held(t.url, (ref.id for ref in snapshot.elsewhere))
        wanted = [
            ref
            for ref in snapshot.elsewhere
            if ref.id not in t.skipped
            and (ref.id not in held or (ref.updated is not None and held[ref.id] != ref.updated))
        ]
        found: list[Entry] = []
        continues: str | None = None
        for number, ref in enumerate(wanted[:FOLLOW_UPS]):
            if number and self._pause is not None:
                await self._pause()
            asked = self._asked("entry", state, ref.id)
            try:
                read = await read_url(
                    self._get, self.cache, ref.request, conditional=False, asked=asked
                )
            except HTTPError as exc:
                if not exc.gone:
                    raise
                t.skipped.add(ref.id)
                continue
            except LayoutChanged as exc:
                t.skipped.add(ref.id)  # one unreadable entry must not hold the others back
                t.note = t.note or f"{exc}; that entry is left out until the next run"
                continue
            assert read.snapshot is not None  # unconditional: always read
            found.extend(e for e in read.snapshot.entries if e.id == ref.id)
            continues = continues or read.snapshot.continues_at
        return Found(tuple(found), len(wanted) > FOLLOW_UPS, continues)

    async def page(self) -> Outcome:
        """Read page 1 (and its feed); start a walk on first contact, or catch up after a gap.

        Conditional unless a full read is needed (first contact, a re-walk, or
        nothing known to fall back on when the server says 304).
        """
        t = self.track
        first = t.state.first_contact or t.rewalk
        full = first or not t.state.known or t.more == "page"
        read = await read_url(self._get, self.cache, Request(t.page_url), conditional=not full)
        if read.fetch.permanent_url:
            t.page_url = sources.page_url(read.fetch.permanent_url)
        state = t.state
        shell = None
        if read.snapshot is not None and read.source is not None:
            shell = self._own(read.snapshot)
            if shell.kind != "page":
                raise LayoutChanged(
                    f"{host(t.page_url)}: page 1 held bare entries, not a blog page"
                )
            state = self._page_says(state, read.source, shell)
        validators = {t.page_url: read.validators}
        feed = None
        if state.feed is not None and state.known:
            fed = await read_url(
                self._get,
                self.cache,
                state.feed,
                conditional=not full,
                asked=self._asked("feed", state),
            )
            validators[state.feed.url] = fed.validators
            if fed.snapshot is not None:
                feed = self._own(fed.snapshot)
                state = self._feed_says(state, feed, shell)
        if shell is None and feed is None:
            t.more = None
            return Outcome(read.fetch, None, "page")
        main = feed or shell
        assert main is not None
        extra = await self._follow_ups(combine(shell, feed), state)
        left = extra.left
        snapshot = combine(shell, feed, extra)
        state = ending(state, snapshot)
        older = main.pages.older if main.pages else None
        if main.feed is None:  # (a changed shell whose feed is not: the feed's count stays)
            state = replace(state, pages_total=main.pages.total if main.pages else 1)
        # The rest of a history whose first part the last read of page 1 brought.
        origin: Literal["backfill", "page"] = "backfill" if t.more_history else "page"
        if first:
            t.walk_seen = {t.page_url}
            t.walk_repeats = 0
            t.walk_stopped = None
            mode: WalkMode | None = "full" if older else None
            state = replace(state, walk_next=older, walk_mode=mode, walk_done=older is None)
            origin = "backfill"
        elif older and main.feed_ids and not self._knows_any(main):
            # Back after a long absence: more entries arrived than page 1 holds.
            # Catch up until a page holds a known entry; an interrupted full
            # walk starts again from here (its old position skips the gap).
            mode = "full" if t.walking and state.walk_mode == "full" else "gap"
            t.walk_seen = {t.page_url}
            t.walk_repeats = 0
            state = replace(state, walk_next=older, walk_mode=mode)
            origin = "backfill"
        if left:
            # Read in full next time, so that it names the entries still to read.
            validators = {url: Validators() for url in validators}
        changes = self.cache.apply(snapshot, state=state, validators=validators, origin=origin)
        t.state = state
        t.more = "page" if left else None
        t.more_history = bool(left) and origin == "backfill"
        progress = origin == "backfill"
        if progress:
            t.pages_done = 1
        t.rewalk = False
        return Outcome(read.fetch, changes, origin, progress=progress, more=left)

    def _walk_bound(self, snapshot: Snapshot, new: bool) -> str | None:
        """Why the walk must stop at *snapshot* (its bounds), or None to go on."""
        t = self.track
        t.walk_repeats = 0 if new else t.walk_repeats + 1
        if t.walk_repeats >= WALK_REPEATS:
            return (
                f"the history walk stopped: {WALK_REPEATS} older pages in a row brought nothing new"
            )
        current = snapshot.pages.current if snapshot.pages else t.pages_done + 1
        if max(current, t.pages_done + 1) >= WALK_MAX_PAGES:
            return f"the history walk stopped at its bound of {WALK_MAX_PAGES} pages"
        return None

    async def walk(self) -> Outcome:
        """Read the next older page of the walk and store it with the walk's new position.

        The walk ends at the oldest page, at a page it has read before, at a
        known entry (a catch-up), or at its bounds: :data:`WALK_MAX_PAGES`
        pages, or :data:`WALK_REPEATS` pages in a row with nothing new.
        """
        t = self.track
        url = t.state.walk_next
        assert url is not None
        read = await read_url(
            self._get,
            self.cache,
            Request(url),
            conditional=False,
            asked=self._asked("older", t.state),
        )
        assert read.snapshot is not None  # unconditional: always read
        snapshot = self._own(read.snapshot)
        extra = await self._follow_ups(snapshot, t.state)
        left = extra.left
        if extra.entries:
            snapshot = combine(None, snapshot, Found(extra.entries))
        t.walk_seen.add(url)
        older = snapshot.pages.older if snapshot.pages else None
        if older in t.walk_seen:
            older = None  # a site whose "older" links go round in circles: stop
        mode = t.state.walk_mode
        held = self.cache.held(t.url, snapshot.feed_ids) if snapshot.feed_ids else {}
        if mode == "gap" and held:
            older = None  # caught up with what the cache holds
        new = any(i not in held for i in snapshot.feed_ids) or bool(extra.entries)
        stopped = self._walk_bound(snapshot, new) if older else None
        if stopped:
            t.walk_stopped = stopped
            older = None
        if left:
            older = url  # the same page again: it names the entries still to read
        total = t.state.pages_total
        if snapshot.pages is not None and (total is None or snapshot.pages.total > total):
            # Some sites' first page cannot count the pages (it names only the
            # next one): a later page that knows better is believed.
            total = snapshot.pages.total
        state = replace(
            t.state,
            walk_next=older,
            walk_mode=mode if older else None,
            walk_done=t.state.walk_done or (older is None and mode == "full"),
            pages_total=total,
        )
        changes = self.cache.apply(snapshot, state=state, origin="backfill")
        t.pages_done = snapshot.pages.current if snapshot.pages else t.pages_done + 1
        t.state = state
        return Outcome(read.fetch, changes, "backfill", progress=True, more=left)

    async def update(self, request: Request) -> Outcome:
        """Ask the source's update endpoint what is new (*request*) and store its answer.

        The validators of an update URL are kept while the cursor stays (so an
        idle poll is a 304) and dropped once it moves (that URL, built from
        the old cursor, is never asked again). An answer's ``live`` (False:
        the blog ended) and ``source_data`` count, as page 1's do.
        """
        t = self.track
        read = await read_url(
            self._get,
            self.cache,
            request,
            conditional=t.more != "poll",
            asked=self._asked("update", t.state),
        )
        t.asked_for()  # answered: the next is asked afresh (a failed one is asked again)
        if read.snapshot is None:
            t.more = None
            return Outcome(read.fetch, None, "poll")
        snapshot = self._own(read.snapshot)
        moved = snapshot.cursor is not None and snapshot.cursor != t.state.cursor
        state = t.state
        if moved:
            state = replace(state, cursor=snapshot.cursor)
        if snapshot.source_data is not None and snapshot.source_data != state.source_data:
            state = replace(state, source_data=snapshot.source_data)
        if snapshot.live is not None and snapshot.live != state.live:
            state = replace(state, live=snapshot.live)
        # The entries it names are read with what the answer says (the end, the newest).
        extra = await self._follow_ups(snapshot, state)
        left = extra.left
        snapshot = combine(None, snapshot, extra)
        state = ending(state, snapshot)
        kept = Validators() if moved or left else read.validators
        changes = self.cache.apply(
            snapshot,
            state=state if state is not t.state else None,
            validators={request.url: kept},
            origin="poll",
        )
        t.state = state
        t.more = "poll" if left else None
        return Outcome(read.fetch, changes, "poll", immediate=snapshot.again, more=left)
