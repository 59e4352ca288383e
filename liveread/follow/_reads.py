"""One fetch and what it read, and how the reads of one step become one snapshot.

:func:`read_url` fetches a request (conditionally when asked) and hands the
body to the sources, the one call into them; :func:`combine` puts page 1 (a
shell), its feed and the entries read on their own (:class:`Found`) into
the one snapshot a step stores; :func:`ending` keeps the blog that continues
an ended one in the follow state. :mod:`liveread.follow._steps` makes the
requests.
"""

from __future__ import annotations

import asyncio
import hashlib
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace

from liveread import sources
from liveread.cache import Cache, Validators
from liveread.fetch import BadContent, FetchResult, ValidatorsLike
from liveread.model import Entry, FollowState, Request, Snapshot, sort_newest_first
from liveread.sources import Asked, Source
from liveread.urls import host

__all__ = ["Found", "Getter", "Read", "body_hash", "combine", "ending", "read_url"]

Getter = Callable[[Request, ValidatorsLike | None], Awaitable[FetchResult]]
"""``get(request, validators)``: one fetch (the follower wraps ``Fetcher.get``)."""


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
        source: The source that read it (None when unchanged).
        validators: What to store for the URL with the apply of ``snapshot``.

    """

    fetch: FetchResult
    snapshot: Snapshot | None
    source: Source | None
    validators: Validators


async def read_url(
    get: Getter,
    cache: Cache,
    request: Request,
    *,
    conditional: bool,
    asked: Asked | None = None,
) -> Read:
    """Fetch *request* (conditionally from stored validators if asked) and read it.

    With *asked* None the body is a page read by whichever source recognises
    it (page 1); else it is what the follower asked for on the blog's behalf,
    read by the blog's source as the part of the blog it is. The body is
    read in one place, the single call into the sources below.

    Raises:
        FetchError: The fetch failed, or the body was empty.
        NotALiveBlog: The body is no live blog.
        LayoutChanged: A known site's markers, but nothing readable (or a
            source broke a snapshot rule).

    """
    stored = cache.validators(request.url) if conditional else None
    result = await get(request, stored)
    if result.not_modified:
        found = stored or Validators(result.etag, result.last_modified)
        return Read(result, None, None, found)
    if not result.content.strip():
        # A 200 with nothing in it is a server hiccup, not a verdict on the page.
        raise BadContent(f"{host(request.url)} sent an empty page", transient=True)
    digest = body_hash(result.content)
    found = Validators(result.etag, result.last_modified, digest)
    if stored is not None and stored.body_hash == digest:
        return Read(result, None, None, found)
    # Parsed in a worker thread: a page that takes its time never holds the event loop
    # (the TUI's keys, other blogs' followers); the HTML parser lets the GIL go.
    source, snapshot = await asyncio.to_thread(
        sources.read, result.content, request.url, charset=result.charset, asked=asked
    )
    return Read(result, snapshot, source, found)


def combine(shell: Snapshot | None, feed: Snapshot | None, more: Found | None = None) -> Snapshot:
    """One snapshot of what one step read: page 1 (a shell), its feed, entries read elsewhere.

    The feed's entries, pages and feed ids are the blog's page 1 (removals
    are judged on them); the shell's metadata (title, live, standfirst,
    image, site name) and its own entries (key points, a pinned post) come
    with them. Entries read from their own requests join the entries (and
    the blog that continues, when the closing one names it).
    """
    base = feed or shell
    assert base is not None
    if shell is not None and feed is not None:
        extra = tuple(e for e in shell.entries if e.id not in {f.id for f in feed.entries})
        base = replace(
            feed,
            entries=feed.entries + extra,
            title=shell.title or feed.title,
            standfirst=shell.standfirst or feed.standfirst,
            live=shell.live if shell.live is not None else feed.live,
            main_image=shell.main_image or feed.main_image,
            site_name=shell.site_name or feed.site_name,
            key_events_complete=shell.key_events_complete or feed.key_events_complete,
            removed_ids=tuple(dict.fromkeys(shell.removed_ids + feed.removed_ids)),
            elsewhere=feed.elsewhere + shell.elsewhere,
            continues_at=shell.continues_at or feed.continues_at,
        )
    if more is not None and more.entries:
        base = replace(base, entries=sort_newest_first(base.entries + more.entries))
    elif shell is not None and feed is not None:
        base = replace(base, entries=sort_newest_first(base.entries))
    if more is not None and more.continues_at and not base.continues_at:
        base = replace(base, continues_at=more.continues_at)
    return base


@dataclass(frozen=True)
class Found:
    """What the entries a response named elsewhere gave, read one request each.

    Attributes:
        entries: The entries read.
        left: Some were left for the next read (more than ``FOLLOW_UPS``).
        continues_at: The blog that continues this one, when an entry's answer named it.

    """

    entries: tuple[Entry, ...] = ()
    left: bool = False
    continues_at: str | None = None


def ending(state: FollowState, snapshot: Snapshot) -> FollowState:
    """*state* with the blog that continues it, once it has ended and a response names one."""
    if state.live is False and snapshot.continues_at and snapshot.continues_at != state.continues:
        return replace(state, continues=snapshot.continues_at)
    return state
