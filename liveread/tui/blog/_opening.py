"""A blog's tab opening: what it reads from the cache, and how a long blog loads fast.

:func:`read_opening` reads what a tab shows when it opens, in one
:class:`Opening`: the newest entries (:data:`FIRST_WINDOW`, so a 5,000-entry
blog paints at once; :func:`read_rest` loads the whole blog after the first
paint), the library's line about the blog, what happened since the reader
last looked, the blog that continues an ended one, and the entry the reader
was on when they left (:func:`places_of`). Reading only: the tab shows it.

Loading keeps the garbage collector out of the way (:func:`loading_for_good`),
and the frozen objects are thawed once no open blog holds them
(:func:`hold_frozen`, :func:`release_frozen`; a tab's one hold is a
:class:`FrozenHold`). :class:`Place` is the reader's place in one blog: the
feed returns there once it holds that entry (what arrived since marked NEW
above it), and it is kept when the reader leaves.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from liveread.cache import BlogSummary, Cache, SinceReport
from liveread.errors import LivereadError
from liveread.model import Blog, StoredEntry
from liveread.places import Places

if TYPE_CHECKING:
    from liveread.tui.feed import FeedView

__all__ = [
    "FIRST_WINDOW",
    "FrozenHold",
    "Opening",
    "Place",
    "entry_of",
    "hold_frozen",
    "loading_for_good",
    "places_of",
    "read_opening",
    "read_rest",
    "release_frozen",
    "summary_of",
]

#: How many of the newest entries a blog opens with before the rest is loaded:
#: a few screens' worth, so the first paint of a 5,000-entry blog waits for
#: 50 entries, not 5,000.
FIRST_WINDOW = 50


@contextlib.contextmanager
def loading_for_good() -> Iterator[None]:
    """Load objects that live as long as the screen, without the garbage collector.

    Loading 5,000 entries allocates a few hundred thousand objects that all
    survive: collections during the load free nothing, and every full one
    after it would walk them all again (each about 35 ms on a 5,000-entry
    blog, the first one right before the first paint). So no collection
    during the load, and then :func:`gc.freeze` leaves everything alive now
    out of later collections. Freezing is for the whole process, so it is
    undone only when no open blog holds it any more (:func:`hold_frozen`,
    :func:`release_frozen`): closing one tab must not thaw every other's.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
    gc.freeze()


class _Frozen:
    """How many open blogs hold their objects out of the collector (process-wide, as gc is)."""

    holders = 0


def hold_frozen() -> None:
    """An open blog's objects were frozen (:func:`loading_for_good`): keep them so."""
    _Frozen.holders += 1


def release_frozen() -> None:
    """An open blog was left: thaw the frozen objects once no open blog holds them."""
    _Frozen.holders = max(_Frozen.holders - 1, 0)
    if not _Frozen.holders:
        gc.unfreeze()


class FrozenHold:
    """One open blog's hold on the frozen objects: taken once, given back once."""

    def __init__(self) -> None:
        self._held = False

    def take(self) -> None:
        """The blog's objects were loaded for good: hold them out of the collector."""
        if not self._held:
            self._held = True
            hold_frozen()

    def give_back(self) -> None:
        """The blog was left: its objects may be collected again."""
        if self._held:
            self._held = False
            release_frozen()


def places_of(cache_file: Path) -> Places | None:
    """The reader's places, kept beside the cache file (None: a cache in memory)."""
    if cache_file.name == ":memory:":
        return None
    return Places(cache_file.with_name("places.json"))


def entry_of(cache: Cache, url: str, entry_id: str) -> StoredEntry | None:
    """An entry the feed does not hold yet, from the cache (None: not there either)."""
    try:
        return cache.entry(url, entry_id)
    except LivereadError:
        return None


def summary_of(cache: Cache, url: str) -> BlogSummary | None:
    """The library's line about the blog (title, live, last read), or None."""
    try:
        return cache.summary(url)
    except LivereadError:
        return None


@dataclass(frozen=True)
class Opening:
    """What a blog's tab shows when it opens.

    Attributes:
        blog: The blog as the cache holds it: maybe only its newest
            :data:`FIRST_WINDOW` entries (see :attr:`partial`).
        summary: The library's line about it, or None.
        since: What happened since the reader last looked, or None.
        continues: The blog that continues this one, when it ended naming one.
        place: The entry the reader was on when they left, or None.

    """

    blog: Blog
    summary: BlogSummary | None
    since: SinceReport | None
    continues: str | None
    place: str | None

    @property
    def new_ids(self) -> tuple[str, ...]:
        """The entries that arrived since the reader last looked (marked NEW)."""
        return tuple(self.since.new) if self.since else ()


def read_opening(cache: Cache, url: str) -> Opening | None:
    """What the tab of the blog at *url* shows at first, or None when nothing is cached.

    Raises:
        LivereadError: The cache could not be read.

    """
    if not cache.has(url):
        return None
    with loading_for_good():
        # The newest entries (and every key event) first: enough for the first
        # screen at once; the rest of a long blog follows right after it is painted.
        blog = cache.load(url, newest=FIRST_WINDOW)
        continues = cache.follow_state(url).continues if blog.live is False else None
    summary = summary_of(cache, url)
    since = None
    if summary is not None and summary.last_read is not None:
        with contextlib.suppress(LivereadError):
            since = cache.since(url, summary.last_read)
    places = places_of(cache.path)
    place = places.get(url) if places is not None else None
    return Opening(blog, summary, since, continues, place)


def read_rest(cache: Cache, url: str) -> Blog:
    """The whole blog, loaded for good (after the first window is on the screen).

    Raises:
        LivereadError: The cache could not be read.

    """
    with loading_for_good():
        return cache.load(url)


class Place:
    """Where the reader is in one blog: returned to as it opens, kept as they leave.

    Args:
        url: The blog (its cache key).

    Attributes:
        pending: The entry to return to once the feed holds it (None: there, or none).

    """

    def __init__(self, url: str) -> None:
        self._url = url
        self.pending: str | None = None

    def return_to(self, feed: FeedView, *, last: bool = False) -> None:
        """Back to the entry the reader was on, if the feed holds it (*last*: now or never)."""
        if self.pending is not None and feed.resume_at(self.pending):
            self.pending = None
        if last:
            self.pending = None  # not in the blog any more: the top it is

    def keep(self, cache_file: Path, top: str | None) -> None:
        """Keep *top*, the entry at the top of the feed: the blog opens there next time."""
        places = places_of(cache_file)
        if top is not None and places is not None:
            places.put(self._url, top)
