"""The three requests a follower makes, each one fetch → read → one cache transaction.

- :meth:`Steps.page`: read page 1 (the user's URL). On first contact this
  starts the walk of older pages; later it is the conditional re-read that
  catches edits, removals, pins, key events and the blog's end.
- :meth:`Steps.walk`: read the next older page of the walk (the ``older``
  link of the page before).
- :meth:`Steps.update`: make the request the blog's source names for what is
  new (:meth:`~liveread.sources.Source.update_request`) and store its answer.

What a follower must remember between runs is a
:class:`~liveread.model.FollowState` (:attr:`Track.state`), written to the
cache *in the same apply* as the page it came from, so that a crash or
``kill -9`` leaves a state that matches the entries stored. Nothing here knows
a site: the sources read every answer and say where to ask next.

No timing here and no events: :class:`~liveread.follow.Follower` decides when
to call what, and reports.
"""

from __future__ import annotations

import asyncio
import hashlib
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Literal

from liveread import sources
from liveread.cache import Cache, Changes, Validators
from liveread.errors import LayoutChanged
from liveread.fetch import BadContent, FetchResult, ValidatorsLike
from liveread.model import FollowState, Snapshot, WalkMode
from liveread.sources import Request, Source
from liveread.urls import host

__all__ = [
    "Getter",
    "Outcome",
    "Read",
    "Role",
    "Steps",
    "Track",
    "body_hash",
    "next_step",
    "read_url",
]

#: The three kinds of request: page 1, the next older page, the update endpoint.
Role = Literal["page", "walk", "poll"]

Getter = Callable[[str, ValidatorsLike | None, str | None], Awaitable[FetchResult]]
"""``get(url, validators, accept)``: one fetch (the follower wraps ``Fetcher.get``)."""


def body_hash(content: bytes) -> str:
    """A short hash of a response body, to skip parsing a body already parsed."""
    return hashlib.blake2b(content, digest_size=16).hexdigest()


@dataclass(frozen=True)
class Read:
    """One fetch and what it said.

    Attributes:
        fetch: The fetch result.
        snapshot: What the body held; None when unchanged (304, or the same
            body as the last one read), so nothing was parsed.
        source: The source that read a page (None for an update answer, or unchanged).
        validators: What to store for the URL with the apply of ``snapshot``.

    """

    fetch: FetchResult
    snapshot: Snapshot | None
    source: Source | None
    validators: Validators


async def read_url(
    get: Getter,
    cache: Cache,
    fetch_url: str,
    *,
    conditional: bool,
    accept: str | None = None,
    update: tuple[str, FollowState] | None = None,
) -> Read:
    """Fetch *fetch_url* (conditionally from stored validators if asked) and read it.

    A page is read by whichever source recognises it; with *update* (the
    blog's URL and follow state) the body is an update answer, read by the
    source that asked for it.

    Raises:
        FetchError: The fetch failed, or the body was empty.
        NotALiveBlog: The body is no live blog.
        LayoutChanged: A known site's markers, but nothing readable.

    """
    stored = cache.validators(fetch_url) if conditional else None
    result = await get(fetch_url, stored, accept)
    if result.not_modified:
        found = stored or Validators(result.etag, result.last_modified)
        return Read(result, None, None, found)
    if not result.content.strip():
        # A 200 with nothing in it is a server hiccup, not a verdict on the page.
        raise BadContent(f"{host(fetch_url)} sent an empty page", transient=True)
    digest = body_hash(result.content)
    found = Validators(result.etag, result.last_modified, digest)
    if stored is not None and stored.body_hash == digest:
        return Read(result, None, None, found)
    # Parsed in a worker thread: a page that takes its time never holds the event loop
    # (the TUI's keys, other blogs' followers); the HTML parser lets the GIL go.
    if update is not None:
        blog, state = update
        snapshot = await asyncio.to_thread(
            sources.read_update, result.content, blog, state, charset=result.charset
        )
        return Read(result, snapshot, None, found)
    source, snapshot = await asyncio.to_thread(
        sources.read, result.content, fetch_url, charset=result.charset
    )
    return Read(result, snapshot, source, found)


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
        updates_broken: The update endpoint answered 404/410: read page 1 instead.

    """

    url: str
    page_url: str
    state: FollowState = field(default_factory=FollowState)
    rewalk: bool = False
    walk_seen: set[str] = field(default_factory=set)
    pages_done: int = 0
    updates_broken: bool = False

    @property
    def walking(self) -> bool:
        """True while older pages remain to be read."""
        return self.state.walking

    def update_request(self) -> Request | None:
        """The source's request for what is new, or None (page 1 is re-read instead)."""
        if self.updates_broken or not self.state.known:
            return None
        return sources.update_request(self.state, self.url)


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

    """
    if not started:
        return "page"
    if track.walking or track.rewalk:
        return "walk" if track.walking else "page"
    if track.state.live is False:
        return "ended"
    if once:
        return None
    if track.update_request() is not None:
        polls: tuple[Role, Role] = ("poll", "page")
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

    """

    fetch: FetchResult
    changes: Changes | None
    origin: Literal["backfill", "page", "poll"]
    immediate: bool = False
    progress: bool = False


class Steps:
    """The follower's requests over one blog; each ends in at most one cache transaction.

    Args:
        cache: The cache.
        track: The follower's knowledge of the blog (updated in place).
        get: The fetch function.

    """

    def __init__(self, cache: Cache, track: Track, get: Getter) -> None:
        self.cache = cache
        self.track = track
        self._get = get

    def _own(self, snapshot: Snapshot) -> Snapshot:
        """Key what was read under the followed blog's URL, whatever page it came from."""
        return snapshot if snapshot.url == self.track.url else replace(snapshot, url=self.track.url)

    def _knows_any(self, snapshot: Snapshot) -> bool:
        """True when the cache already holds one of the page's feed entries."""
        return any(self.cache.entry(self.track.url, i) is not None for i in snapshot.feed_ids)

    @staticmethod
    def _page_says(state: FollowState, source: Source, snapshot: Snapshot) -> FollowState:
        """What page 1 says about the blog: its source, liveness and where updates start."""
        same = source.name == state.source
        cursor = snapshot.cursor or (state.cursor if same else None)
        data = snapshot.source_data
        if data is None:
            data = state.source_data if same else {}
        return replace(
            state, source=source.name, live=snapshot.live, cursor=cursor, source_data=data
        )

    async def page(self) -> Outcome:
        """Read page 1; start a walk on first contact, or a catch-up walk after a gap.

        Conditional unless a full read is needed (first contact, a re-walk, or
        nothing known to fall back on when the server says 304).
        """
        t = self.track
        first = t.state.first_contact or t.rewalk
        full = first or not t.state.known
        read = await read_url(self._get, self.cache, t.page_url, conditional=not full)
        if read.fetch.permanent_url:
            t.page_url = sources.page_url(read.fetch.permanent_url)
        if read.snapshot is None or read.source is None:
            return Outcome(read.fetch, None, "page")
        snapshot = self._own(read.snapshot)
        if snapshot.kind != "page":
            raise LayoutChanged(f"{host(t.page_url)}: page 1 held bare entries, not a blog page")
        older = snapshot.pages.older if snapshot.pages else None
        total = snapshot.pages.total if snapshot.pages else 1
        state = replace(t.state, pages_total=total)
        origin: Literal["backfill", "page"] = "page"
        if first:
            t.walk_seen = {t.page_url}
            mode: WalkMode | None = "full" if older else None
            state = replace(state, walk_next=older, walk_mode=mode, walk_done=older is None)
            origin = "backfill"
        elif older and snapshot.feed_ids and not self._knows_any(snapshot):
            # Back after a long absence: more entries arrived than page 1 holds.
            # Catch up until a page holds a known entry; an interrupted full
            # walk starts again from here (its old position skips the gap).
            mode = "full" if t.walking and state.walk_mode == "full" else "gap"
            t.walk_seen = {t.page_url}
            state = replace(state, walk_next=older, walk_mode=mode)
            origin = "backfill"
        state = self._page_says(state, read.source, snapshot)
        changes = self.cache.apply(
            snapshot, state=state, validators={t.page_url: read.validators}, origin=origin
        )
        t.state = state
        progress = origin == "backfill"
        if progress:
            t.pages_done = 1
        t.rewalk = False
        return Outcome(read.fetch, changes, origin, progress=progress)

    async def walk(self) -> Outcome:
        """Read the next older page of the walk and store it with the walk's new position."""
        t = self.track
        url = t.state.walk_next
        assert url is not None
        read = await read_url(self._get, self.cache, url, conditional=False)
        assert read.snapshot is not None  # unconditional: always read
        snapshot = self._own(read.snapshot)
        t.walk_seen.add(url)
        older = snapshot.pages.older if snapshot.pages else None
        if older in t.walk_seen:
            older = None  # a site whose "older" links go round in circles: stop
        mode = t.state.walk_mode
        if mode == "gap" and self._knows_any(snapshot):
            older = None  # caught up with what the cache holds
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
        return Outcome(read.fetch, changes, "backfill", progress=True)

    async def update(self) -> Outcome:
        """Ask the source's update endpoint what is new and store its answer.

        The validators of an update URL are kept while the cursor stays (so an
        idle poll is a 304) and dropped once it moves (that URL, built from
        the old cursor, is never asked again).
        """
        t = self.track
        request = t.update_request()
        assert request is not None
        read = await read_url(
            self._get,
            self.cache,
            request.url,
            conditional=True,
            accept=request.accept,
            update=(t.url, t.state),
        )
        if read.snapshot is None:
            return Outcome(read.fetch, None, "poll")
        snapshot = self._own(read.snapshot)
        if snapshot.kind != "update":
            raise LayoutChanged(f"{host(request.url)}: the update endpoint answered a whole page")
        moved = snapshot.cursor is not None and snapshot.cursor != t.state.cursor
        state = replace(t.state, cursor=snapshot.cursor) if moved else None
        changes = self.cache.apply(
            snapshot,
            state=state,
            validators={request.url: Validators() if moved else read.validators},
            origin="poll",
        )
        if state is not None:
            t.state = state
        return Outcome(read.fetch, changes, "poll", immediate=snapshot.again)
