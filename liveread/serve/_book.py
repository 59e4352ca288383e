"""The feeds over the cache, rebuilt only when the cache changed.

A reader polling every minute must cost nothing while nothing changes. So a
request first asks SQLite's ``PRAGMA data_version``
(:meth:`~liveread.cache.Cache.data_version`), which moves only when another
process committed to the file; when it has not moved, everything known is
still true and no table is read. When it moved, the change log's newest
number (:meth:`~liveread.cache.Cache.last_change`) says whether any blog's
entries, title or liveness changed (a follower's poll that found nothing
new also commits, to record its success): only then is the list of blogs
re-read, with each blog's newest change number. That number is the version
of the blog's feed: a feed is built once per version (and per base URL, as
the documents carry their own address) and kept, so a repeat request is
answered from memory, and a conditional one with a 304 without building.

Only what the change log records moves a version: a new standfirst or site
name alone waits for the blog's next logged change.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Literal

from liveread._version import __version__
from liveread.serve._routes import Route, blog_path, feed_name, merged_path

if TYPE_CHECKING:
    from liveread.cache import Cache
    from liveread.feeds import Feed

__all__ = ["BlogRef", "Catalogue", "FeedBook", "Representation"]

Format = Literal["atom", "jsonfeed"]
MERGED_TITLE = "liveread: every followed blog"


@dataclass(frozen=True)
class BlogRef:
    """A cached blog as the server lists it.

    Attributes:
        url: The blog's URL (its key in the cache).
        name: Its name in feed paths.
        title: Its title ("" until a page of it was read).
        version: The number of its newest change in the cache's change log.

    """

    url: str
    name: str
    title: str
    version: int


@dataclass(frozen=True)
class Catalogue:
    """Every blog the server serves, by name, and the change number they were read at."""

    blogs: dict[str, BlogRef] = field(default_factory=dict)
    seq: int = -1


@dataclass(frozen=True)
class Representation:
    """One document as served.

    Attributes:
        body: The bytes sent.
        media_type: Its Content-Type.
        etag: Its entity tag, quoted.
        modified: Its Last-Modified time, or None.

    """

    body: bytes
    media_type: str
    etag: str
    modified: datetime | None


def _etag(*parts: object) -> str:
    digest = hashlib.blake2b("\x1f".join(map(str, parts)).encode(), digest_size=12)
    return f'"{digest.hexdigest()}"'


class FeedBook:
    """The server's view of the cache: the catalogue of blogs, and documents built from it.

    Thread-safe: one lock guards the catalogue and the built documents (the
    cache serialises its own calls).
    """

    def __init__(self, cache: Cache, *, merged_id: str, now: Callable[[], datetime]) -> None:
        """Serve from *cache*; *merged_id* is the merged feed's permanent id; *now* the clock."""
        self._cache = cache
        self._merged_id = merged_id
        self._now = now
        self._lock = threading.Lock()
        self._data_version: int | None = None
        self._catalogue = Catalogue()
        # One document per route (the newest version built, for the last base
        # asked): memory stays bounded whatever Host headers arrive.
        self._built: dict[str, Representation] = {}
        #: How many documents were built (tests and the benchmark read it).
        self.builds = 0

    def catalogue(self) -> Catalogue:
        """The blogs as of now, re-read only when another process changed the cache."""
        with self._lock:
            return self._refresh()

    def _refresh(self) -> Catalogue:
        version = self._cache.data_version()
        if version == self._data_version:
            return self._catalogue
        seq = self._cache.last_change()
        known = self._catalogue
        gone = any(not self._cache.has(ref.url) for ref in known.blogs.values())
        if seq != known.seq or gone:
            blogs = {}
            for summary in self._cache.blogs():
                if not summary.reached:
                    continue
                name = feed_name(summary.url)
                blogs[name] = BlogRef(
                    summary.url, name, summary.title, self._cache.last_change(summary.url)
                )
            self._catalogue = Catalogue(blogs, seq)
            # Documents of blogs no longer cached go; the rest are checked by etag.
            self._built = {
                key: doc
                for key, doc in self._built.items()
                if not key.startswith("blog:") or key.rsplit(":", 1)[1] in blogs
            }
        self._data_version = version
        return self._catalogue

    def etag(self, route: Route, base: str) -> str | None:
        """The entity tag *route* has now, without building it; None for an unknown blog."""
        with self._lock:
            return self._etag(self._refresh(), route, base)

    def _etag(self, catalogue: Catalogue, route: Route, base: str) -> str | None:
        if route.kind == "blog":
            ref = catalogue.blogs.get(route.name)
            if ref is None:
                return None
            return _etag(__version__, base, route.kind, route.fmt, ref.url, ref.version)
        every = sorted((ref.name, ref.version, ref.title) for ref in catalogue.blogs.values())
        return _etag(__version__, base, route.kind, route.fmt, every)

    def get(self, route: Route, base: str) -> Representation | None:
        """The document *route* names, built now if this version was never built; None: 404."""
        with self._lock:
            catalogue = self._refresh()
            etag = self._etag(catalogue, route, base)
            if etag is None:
                return None
            key = f"{route.kind}:{route.fmt}:{route.name}"
            held = self._built.get(key)
            if held is not None and held.etag == etag:
                return held
            built = self._build(catalogue, route, base, etag)
            self._built[key] = built
            self.builds += 1
            return built

    def _modified(self, updated: datetime) -> datetime:
        """Last-Modified: when this version was built, never before the feed's newest change.

        Entries can arrive with old times (a history walk finds older pages
        later), so the feed's own ``updated`` alone would leave a reader that
        only sends If-Modified-Since with a 304 for a feed that changed.
        """
        return max(updated, self._now())

    def _feed(self, ref: BlogRef) -> Feed:
        from liveread.feeds import blog_feed

        return blog_feed(self._cache.load(ref.url))

    def _build(self, catalogue: Catalogue, route: Route, base: str, etag: str) -> Representation:
        from liveread.feeds import ATOM_TYPE, JSON_FEED_TYPE, to_atom, to_json_feed

        if route.kind in ("index", "opml"):
            return self._listing(catalogue, route, base, etag)
        if route.kind == "blog":
            ref = catalogue.blogs[route.name]
            feed = self._feed(ref)
            fmt_paths = {fmt: blog_path(ref.name, fmt) for fmt in ("atom", "jsonfeed")}
        else:
            feed = self._merged(catalogue)
            fmt_paths = {fmt: merged_path(fmt) for fmt in ("atom", "jsonfeed")}
        self_url = base + fmt_paths[route.fmt or "atom"]
        if route.fmt == "jsonfeed":
            text, media = to_json_feed(feed, self_url=self_url), JSON_FEED_TYPE
        else:
            json_url = base + fmt_paths["jsonfeed"]
            text, media = to_atom(feed, self_url=self_url, json_url=json_url), ATOM_TYPE
        return Representation(text.encode("utf-8"), media, etag, self._modified(feed.updated))

    def _merged(self, catalogue: Catalogue) -> Feed:
        from liveread.feeds import FeedSource, merged_feed

        feeds = [self._feed(ref) for ref in catalogue.blogs.values()]
        source = FeedSource(self._merged_id, MERGED_TITLE, author="liveread")
        return merged_feed(feeds, source)

    def _listing(self, catalogue: Catalogue, route: Route, base: str, etag: str) -> Representation:
        from liveread.feeds import OPML_TYPE
        from liveread.serve._pages import index_page, opml_document

        refs = sorted(catalogue.blogs.values(), key=lambda r: (r.title.casefold(), r.name))
        if route.kind == "opml":
            return Representation(opml_document(refs, base), OPML_TYPE, etag, None)
        return Representation(index_page(refs, base), "text/html", etag, None)
