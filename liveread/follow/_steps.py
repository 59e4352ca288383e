"""The three requests a follower makes, each one fetch → parse → one cache transaction.

- :meth:`Steps.page`: read page 1 (the user's URL). On first contact this
  starts the walk of older pages; later it is the conditional re-read that
  catches edits, removals, pins, key events and the blog's end.
- :meth:`Steps.walk`: read the next older page of the walk.
- :meth:`Steps.poll`: ask the Guardian's update endpoint for blocks newer than
  the anchor (the newest block known).

Everything a follower must remember between requests lives in :class:`Track`
and is written to the cache's follow state *in the same apply* as the page it
came from, so that a crash or ``kill -9`` leaves a state that matches the
entries stored. The state keys (all strings):

``walk_next``
    URL of the next older page to read; absent when no walk is pending.
``walk_mode``
    ``"full"`` (first contact: walk to the end) or ``"gap"`` (catch up after a
    long absence: walk until a page holds an entry already cached).
``walk_done``
    ``"1"`` once a full walk reached the oldest page.
``live``, ``poll_ajax``, ``poll_page``, ``anchor``
    What the last page 1 said (live or ended, the Liveness ``ajaxUrl`` and
    ``pageId``) and the newest block known, so that a restart whose page 1
    answers 304 can poll at once.

No timing here and no events: :class:`~liveread.follow.Follower` decides when
to call what, and reports.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field, replace
from typing import Literal
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from liveread.cache import Cache, Changes, Validators
from liveread.errors import LayoutChanged
from liveread.fetch import BadContent, FetchResult, ValidatorsLike
from liveread.model import Blog, PollInfo
from liveread.sources import parse
from liveread.urls import host

__all__ = [
    "JSON_ACCEPT",
    "Getter",
    "Outcome",
    "Read",
    "Steps",
    "Track",
    "body_hash",
    "page_one_url",
    "poll_url",
    "read_url",
]

#: The Accept header of update polls.
JSON_ACCEPT = "application/json"
#: Query parameters that pick a page or filter a Guardian blog: page 1 drops them.
_PAGE_PARAMS = frozenset({"page", "filterkeyevents", "topics"})

Getter = Callable[[str, ValidatorsLike | None, str | None], Awaitable[FetchResult]]
"""``get(url, validators, accept)``: one fetch (the follower wraps ``Fetcher.get``)."""


def body_hash(content: bytes) -> str:
    """A short hash of a response body, to skip parsing a body already parsed."""
    return hashlib.blake2b(content, digest_size=16).hexdigest()


def page_one_url(url: str) -> str:
    """The URL of a blog's first page: *url* without fragment, page and filter parameters.

    Old links carry ``?page=with:block-…`` or ``filterKeyEvents=``; following
    one must start from the newest page all the same.
    """
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)]
    kept = [(k, v) for k, v in query if k.lower() not in _PAGE_PARAMS]
    path = parts.path or "/"
    return urlunsplit((parts.scheme, parts.netloc, path, urlencode(kept), ""))


def poll_url(ajax_url: str, page_id: str, anchor: str) -> str:
    """The Guardian update poll for blocks newer than *anchor* (a bare block id).

    Built as the page's own script does, ``new URL(pageId + ".json", ajaxUrl)``,
    from the page's Liveness data: never a hard-coded host.
    """
    base = urljoin(ajax_url, page_id.lstrip("/") + ".json")
    query = urlencode(
        {"lastUpdate": f"block-{anchor}", "isLivePage": "true", "dcr": "true"}, safe=":"
    )
    return f"{base}?{query}"


@dataclass(frozen=True)
class Read:
    """One fetch and its parse.

    Attributes:
        fetch: The fetch result.
        blog: What the body held; None when unchanged (304, or the same body
            as the last one parsed), so nothing was parsed.
        validators: What to store for the URL with the apply of ``blog``.

    """

    fetch: FetchResult
    blog: Blog | None
    validators: Validators


async def read_url(
    get: Getter,
    cache: Cache,
    fetch_url: str,
    parse_url: str,
    *,
    conditional: bool,
    accept: str | None = None,
) -> Read:
    """Fetch *fetch_url* (conditionally from stored validators if asked) and parse it.

    Raises:
        FetchError: The fetch failed, or the body was empty.
        NotALiveBlog: The body is no live blog.
        LayoutChanged: A known site's markers, but nothing readable.

    """
    stored = cache.validators(fetch_url) if conditional else None
    result = await get(fetch_url, stored, accept)
    if result.not_modified:
        return Read(result, None, stored or Validators(result.etag, result.last_modified))
    if not result.content.strip():
        # A 200 with nothing in it is a server hiccup, not a verdict on the page.
        raise BadContent(f"{host(fetch_url)} sent an empty page", transient=True)
    digest = body_hash(result.content)
    found = Validators(result.etag, result.last_modified, digest)
    if stored is not None and stored.body_hash == digest:
        return Read(result, None, found)
    return Read(result, parse(result.content, parse_url, charset=result.charset), found)


@dataclass
class Track:
    """What a follower knows about its blog between requests (mirrors the follow state).

    Attributes:
        url: The blog's URL (the cache key).
        page_url: Page 1's URL (moves on a permanent redirect).
        first_contact: No full walk was ever started: page 1 starts one.
        rewalk: Start a full walk again from page 1 (an older page vanished mid-walk).
        walk_next: The next older page to read, or None.
        walk_mode: "full" or "gap" while a walk is pending.
        walk_seen: Pages read by this run's walk (a loop guard).
        pages_done: Pages of the walk read so far (page 1 counts).
        pages_total: How many pages page 1 said the blog has.
        live: What the last page 1 said: True, False (ended) or None (unknown).
        ajax_url: The Guardian update endpoint's base, when the blog has one.
        page_id: The Guardian page id, when the blog has one.
        anchor: The newest block known (bare id): the poll's ``lastUpdate``.
        poll_broken: The update endpoint answered 404/410: read page 1 instead.
        meta_known: live/poll details are known (from the state or a page read).

    """

    url: str
    page_url: str
    first_contact: bool = True
    rewalk: bool = False
    walk_next: str | None = None
    walk_mode: str | None = None
    walk_seen: set[str] = field(default_factory=set)
    pages_done: int = 0
    pages_total: int | None = None
    live: bool | None = None
    ajax_url: str | None = None
    page_id: str | None = None
    anchor: str | None = None
    poll_broken: bool = False
    meta_known: bool = False

    @classmethod
    def from_cache(cls, cache: Cache, url: str, page_url: str) -> Track:
        """Restore what the cache's follow state says about *url*."""
        state = cache.state(url)
        live = {"1": True, "0": False}.get(state.get("live", ""))
        total = state.get("pages_total", "")
        return cls(
            url=url,
            page_url=page_url,
            first_contact=not (state.get("walk_done") or state.get("walk_next")),
            walk_next=state.get("walk_next"),
            walk_mode=state.get("walk_mode") or ("full" if state.get("walk_next") else None),
            pages_total=int(total) if total.isdigit() else None,
            live=live,
            ajax_url=state.get("poll_ajax"),
            page_id=state.get("poll_page"),
            anchor=state.get("anchor"),
            meta_known="live" in state,
        )

    @property
    def can_poll(self) -> bool:
        """True when the Guardian update poll can be used."""
        return bool(self.ajax_url and self.page_id and self.anchor) and not self.poll_broken

    @property
    def walking(self) -> bool:
        """True while older pages remain to be read."""
        return self.walk_next is not None


@dataclass(frozen=True)
class Outcome:
    """What one step did.

    Attributes:
        fetch: The fetch result (for timing: Retry-After, max-age).
        changes: What the apply changed; None when nothing was parsed.
        origin: How to label the changes in an :class:`~liveread.follow._events.Applied`.
        immediate: Poll again at once (the poll answered a full batch).
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

    def _own(self, blog: Blog) -> Blog:
        """Key what was parsed under the followed blog's URL, whatever page it came from."""
        return blog if blog.url == self.track.url else replace(blog, url=self.track.url)

    def _knows_any(self, blog: Blog) -> bool:
        """True when the cache already holds one of the page's feed entries."""
        return any(self.cache.entry(self.track.url, i) is not None for i in blog.feed_ids)

    def _meta(self, blog: Blog) -> dict[str, str | None]:
        """Remember what page 1 says about liveness and polling; return it as state."""
        t = self.track
        t.live = blog.live
        t.meta_known = True
        if blog.poll is not None and blog.live is not False:
            t.ajax_url, t.page_id = blog.poll.ajax_url, blog.poll.page_id
            newest = blog.feed_ids[0] if blog.feed_ids else None
            t.anchor = blog.poll.most_recent_block_id or newest or t.anchor
        else:
            t.ajax_url = t.page_id = None
        return {
            "live": None if blog.live is None else str(int(blog.live)),
            "poll_ajax": t.ajax_url,
            "poll_page": t.page_id,
            "anchor": t.anchor,
        }

    async def page(self) -> Outcome:
        """Read page 1; start a walk on first contact, or a catch-up walk after a gap.

        Conditional unless a full read is needed (first contact, a re-walk, or
        nothing known to fall back on when the server says 304).
        """
        t = self.track
        full = t.first_contact or t.rewalk or not t.meta_known
        read = await read_url(self._get, self.cache, t.page_url, t.page_url, conditional=not full)
        if read.fetch.permanent_url:
            t.page_url = page_one_url(read.fetch.permanent_url)
        if read.blog is None:
            return Outcome(read.fetch, None, "page")
        blog = self._own(read.blog)
        if blog.kind != "page":
            raise LayoutChanged(f"{host(t.page_url)}: page 1 held bare entries, not a blog page")
        older = blog.pages.older if blog.pages else None
        total = blog.pages.total if blog.pages else 1
        state: dict[str, str | None] = {"pages_total": str(total)}
        origin: Literal["backfill", "page"] = "page"
        if t.first_contact or t.rewalk:
            t.walk_seen = {t.page_url}
            t.walk_next, t.walk_mode = (older, "full") if older else (None, None)
            state.update(walk_next=older, walk_mode=t.walk_mode, walk_done=None if older else "1")
            origin = "backfill"
        elif older and blog.feed_ids and not self._knows_any(blog):
            # Back after a long absence: more entries arrived than page 1 holds.
            # Catch up until a page holds a known entry; an interrupted full
            # walk starts again from here (its old position skips the gap).
            mode = "full" if t.walking and t.walk_mode == "full" else "gap"
            t.walk_seen = {t.page_url}
            t.walk_next, t.walk_mode = older, mode
            state.update(walk_next=older, walk_mode=mode)
            origin = "backfill"
        state.update(self._meta(blog))
        changes = self.cache.apply(blog, state=state, validators={t.page_url: read.validators})
        progress = origin == "backfill"
        if progress:
            t.pages_done, t.pages_total = 1, total
        t.first_contact = t.rewalk = False
        return Outcome(read.fetch, changes, origin, progress=progress)

    async def walk(self) -> Outcome:
        """Read the next older page of the walk and store it with the walk's new position."""
        t = self.track
        url = t.walk_next
        assert url is not None
        read = await read_url(self._get, self.cache, url, url, conditional=False)
        assert read.blog is not None
        blog = self._own(read.blog)
        t.walk_seen.add(url)
        older = blog.pages.older if blog.pages else None
        if older in t.walk_seen:
            older = None  # a site whose "older" links go round in circles: stop
        if t.walk_mode == "gap" and self._knows_any(blog):
            older = None  # caught up with what the cache holds
        state: dict[str, str | None] = {
            "walk_next": older,
            "walk_mode": t.walk_mode if older else None,
        }
        if older is None and t.walk_mode == "full":
            state["walk_done"] = "1"
        changes = self.cache.apply(blog, state=state)
        t.pages_done = blog.pages.current if blog.pages else t.pages_done + 1
        t.walk_next = older
        t.walk_mode = t.walk_mode if older else None
        return Outcome(read.fetch, changes, "backfill", progress=True)

    async def poll(self) -> Outcome:
        """Ask the update endpoint for blocks newer than the anchor and store them.

        The validators of a poll URL are kept while the anchor stays (so an
        idle poll is a 304) and dropped once it moves (that URL is never
        asked again).
        """
        t = self.track
        assert t.ajax_url and t.page_id and t.anchor
        url = poll_url(t.ajax_url, t.page_id, t.anchor)
        read = await read_url(
            self._get, self.cache, url, t.url, conditional=True, accept=JSON_ACCEPT
        )
        if read.blog is None:
            return Outcome(read.fetch, None, "poll")
        blog = self._own(read.blog)
        if blog.kind != "update":
            raise LayoutChanged(f"{host(url)}: the update endpoint answered with a whole page")
        recent = blog.poll.most_recent_block_id if blog.poll else None
        moved = recent is not None and recent != t.anchor
        # An update's PollInfo carries only the newest id: keep the page's
        # endpoint details in the cache instead of blanking them.
        poll = PollInfo(t.ajax_url, t.page_id, recent) if moved else None
        changes = self.cache.apply(
            replace(blog, poll=poll),
            state={"anchor": recent} if moved else None,
            validators={url: Validators() if moved else read.validators},
        )
        full_batch = max(len(blog.feed_ids), _announced(read.fetch.content)) >= 5
        if moved:
            t.anchor = recent
        return Outcome(read.fetch, changes, "poll", immediate=moved and full_batch)


def _announced(content: bytes) -> int:
    """The poll answer's ``numNewBlocks`` (0 when absent or unreadable)."""
    try:
        value = json.loads(content).get("numNewBlocks")
    except (ValueError, AttributeError):
        return 0
    return value if isinstance(value, int) else 0
