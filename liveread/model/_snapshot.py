"""What one response says, and what a follower remembers between responses.

A response's :class:`Snapshot` (with the :class:`Request` values a source
names in it and the :class:`EntryRef` of an entry held elsewhere), a
follower's :class:`FollowState`, and the one rule for the headers a source's
request may carry (:func:`header_problem`). Apart from the archive's
:class:`~liveread.model.Blog` (``_blog``): the TUI's first screen reads the
cache and needs none of these, and each frozen dataclass costs milliseconds
to create at import.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

from liveread.model._blog import Pages, blog_json
from liveread.model._entry import Entry, Image
from liveread.urls import is_safe_link

__all__ = [
    "MAX_HEADERS",
    "RESERVED_HEADERS",
    "EntryRef",
    "FollowState",
    "Request",
    "Snapshot",
    "WalkMode",
    "header_problem",
]


#: Headers a source's request may not carry: liveread names itself, asks by its
#: own validators and decoders, and sends no credentials or browser disguise
#: of a source's making (a ``sec-`` or ``proxy-`` header neither).
RESERVED_HEADERS = frozenset(
    {
        "accept",
        "accept-encoding",
        "authorization",
        "connection",
        "content-length",
        "cookie",
        "cookie2",
        "host",
        "if-modified-since",
        "if-none-match",
        "origin",
        "referer",
        "te",
        "transfer-encoding",
        "upgrade",
        "user-agent",
        "x-forwarded-for",
    }
)
#: At most this many extra headers on one request, each value at most this long.
MAX_HEADERS = 4
_HEADER_VALUE = 200
_TOKEN = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-")


def header_problem(name: object, value: object) -> str | None:
    """Why a source's request may not carry the header *name*: *value*; None when it may.

    The one rule, asked where a source's request arrives (the seam), where a
    stored one is read back, and by the fetcher before it sends one.
    """
    if not isinstance(name, str) or not name or len(name) > 64 or not set(name) <= _TOKEN:
        return f"a header name is a word of letters, digits and '-' (got {name!r:.40})"
    lowered = name.lower()
    if lowered in RESERVED_HEADERS or lowered.startswith(("sec-", "proxy-")):
        return f"the {name} header is liveread's own, or would disguise it: a source may not set it"
    if (
        not isinstance(value, str)
        or len(value) > _HEADER_VALUE
        or not value.isascii()
        or not value.isprintable()
    ):
        return f"the {name} header's value is at most {_HEADER_VALUE} printable ASCII characters"
    return None


@dataclass(frozen=True)
class Request:
    """One request a source asks the follower to make.

    Attributes:
        url: What to GET (absolute, http or https).
        accept: The Accept header, or None for the fetcher's default (pages).
        headers: Extra headers the site's own front end sends and its API
            needs (Al Jazeera's ``wp-site``), as ``(name, value)`` pairs: at
            most :data:`MAX_HEADERS`, none of :data:`RESERVED_HEADERS`
            (:func:`header_problem`): never a User-Agent, a cookie or
            credentials.

    """

    url: str
    accept: str | None = None
    headers: tuple[tuple[str, str], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """Return the stored form ``{url, accept, headers}``."""
        return {"url": self.url, "accept": self.accept, "headers": [list(h) for h in self.headers]}

    @classmethod
    def from_dict(cls, data: object) -> Request | None:
        """Read the stored form; None when it is not one (headers that break the rule go)."""
        if not isinstance(data, dict):
            return None
        url, accept = data.get("url"), data.get("accept")
        if not isinstance(url, str) or not url:
            return None
        pairs = data.get("headers")
        headers = tuple(
            (pair[0], pair[1])
            for pair in (pairs if isinstance(pairs, list) else ())[:MAX_HEADERS]
            if isinstance(pair, list) and len(pair) == 2 and header_problem(*pair) is None
        )
        return cls(url, accept if isinstance(accept, str) and accept else None, headers)


@dataclass(frozen=True)
class EntryRef:
    """An entry a response names without carrying it, and the request that reads it.

    Some sites list every post by id and serve each post at its own address.
    The follower reads the ones the cache does not hold (or holds with
    another ``updated`` time), a bounded number per request, with the
    source's :meth:`~liveread.sources.Source.read_update`.

    Attributes:
        id: The entry's id (as the entry the request answers will carry it).
        request: Where the entry is read.
        updated: When the site says the entry last changed, or None: when
            given, a cached entry with another ``updated`` time is read again
            (an edit).

    """

    id: str
    request: Request
    updated: datetime | None = None


@dataclass(frozen=True)
class Snapshot:
    """What one response says about a blog: a whole page, or an answer of its update endpoint.

    A source reads each response into one of these; :meth:`liveread.cache.Cache.apply`
    merges it into the archive. It is not the blog: a page shows a part of it,
    an update only what is new. Which fields count on which response is a
    table in ``docs/sources.md`` ("The snapshot rules"); the registry checks a
    source's snapshot against it where it arrives.

    Attributes:
        url: The blog's page URL as the response names it (``liveread parse``
            prints it). Not the cache key: a follower stores what it reads
            under the blog it follows, whatever page or endpoint answered.
        source: The name of the source that read it ("guardian", "schemaorg", ...).
        entries: Entries newest first (by first-published time): the response's
            feed plus every key event, summary and pinned post it carries, each once.
        title: The blog's headline ("" when the response gives none, e.g. an update).
        standfirst: Its standfirst / description as plain text.
        live: True while being written, False once ended, None if the response does not say.
        main_image: The blog's main photo, or None.
        pages: Where the page sits in a paginated blog (its ``older`` link is
            the next page of a history walk), or None.
        feed_ids: Ids of the entries that are the response's own feed, in page
            order (not its carousel or pinned copies): the cache needs them to
            tell a removal from an entry that rolled onto an older page. Each
            is an entry of the snapshot or named in :attr:`elsewhere`; an id
            the site marked deleted is in :attr:`removed_ids`, not here.
        kind: "page" (a whole page: its metadata is the blog's) or "update"
            (entries only, such as an update-endpoint answer or bare entry markup).
        key_events_complete: The response lists every key event and summary of
            the whole blog, so an entry missing from that list is no longer one.
        cursor: Where to ask the source's update endpoint from next time (an
            opaque string only the source reads), or None to keep the one held.
        source_data: What the source needs to remember to ask for updates
            (its endpoint, ids), or None to keep what is held; ``{}`` forgets
            it (an ended blog has no endpoint).
        again: Ask the update endpoint again at once (the answer was a full batch).
        site_name: The site's name as the page gives it ("The Mirror"), or "".
        removed_ids: Ids the response says were deleted upstream (an update
            endpoint that reports deletions, an AMP tombstone), whatever kind of
            response it is: the cache flags those it holds removed, reports them
            in ``Changes.removed`` and keeps them in the archive. An id listed
            here wins over an entry of the same id.
        partial_ids: Entries the response shows only in part (read from its
            structured data while the page renders other entries in full): new
            ones are stored, but they never overwrite what the cache holds.
        window: The response only ever shows the blog's newest *window*
            entries (a schema.org window, an AMP list): no older page leads to
            the rest. None when older pages reach the whole history.
        continues_at: The URL of the live blog that continues this one, when
            the response names one: an ended blog whose last entry (or page)
            links to another live blog of the same site ("our coverage
            continues here"). None when it names none, and always while live.
        feed: On a blog's page 1 that is a shell over an API: where its
            entries are (the first page of them). The follower reads it right
            after the page, with this source, and stores both in one
            transaction; the feed's pages (their ``older`` links) are the
            history walk, its first page is what removals are judged on.
        elsewhere: Entries the response names (in :attr:`feed_ids`) without
            carrying them, each with the request that reads it: the follower
            reads those the cache lacks, a bounded number per request.

    """

    url: str
    source: str
    entries: tuple[Entry, ...]
    title: str = ""
    standfirst: str = ""
    live: bool | None = None
    main_image: Image | None = None
    pages: Pages | None = None
    feed_ids: tuple[str, ...] = ()
    kind: Literal["page", "update"] = "page"
    key_events_complete: bool = False
    cursor: str | None = None
    source_data: Mapping[str, Any] | None = None
    again: bool = False
    site_name: str = ""
    removed_ids: tuple[str, ...] = ()
    partial_ids: tuple[str, ...] = ()
    window: int | None = None
    continues_at: str | None = None
    feed: Request | None = None
    elsewhere: tuple[EntryRef, ...] = ()

    @property
    def first_page(self) -> bool:
        """True for a whole page that is the blog's first: its title and live state count."""
        return self.kind == "page" and (self.pages is None or self.pages.current == 1)

    @property
    def authoritative(self) -> bool:
        """True for a whole first page holding its own feed: it alone moves the pin, flags removals.

        A shell (its entries are at :attr:`feed`) is not: its feed's first page is.
        """
        return self.first_page and self.feed is None

    @property
    def key_events(self) -> tuple[Entry, ...]:
        """Key events and summaries, newest first."""
        return tuple(e for e in self.entries if e.is_key)

    @property
    def pinned(self) -> Entry | None:
        """The pinned entry, if any."""
        return next((e for e in self.entries if e.pinned), None)

    def as_update(
        self, *, cursor: str | None = None, again: bool = False, live: bool | None = None
    ) -> Snapshot:
        """This response's entries as an update answer: no page furniture, the given cursor.

        What a :meth:`~liveread.sources.Source.read_update` returns when its
        endpoint answers in the same shape as a page: the entries, the feed's
        ids, deletions, thinner views and entries held elsewhere are kept;
        title, live state, pages, window and the page's other metadata go
        (a reader of pages may well say "not live" of an answer that does
        not say).

        Args:
            cursor: Where the next update is asked from (None keeps the one held).
            again: Ask again at once (the answer was a full batch).
            live: What the answer says of the blog: False when it says the
                blog ended (the follow ends), None when it does not say.

        """
        return Snapshot(
            url=self.url,
            source=self.source,
            entries=self.entries,
            live=live,
            feed_ids=self.feed_ids,
            kind="update",
            cursor=cursor,
            again=again,
            removed_ids=self.removed_ids,
            partial_ids=self.partial_ids,
            elsewhere=self.elsewhere,
        )

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form ``liveread parse --json`` prints."""
        return blog_json(self, self.entries)


WalkMode = Literal["full", "gap"]


def _web_link(value: object) -> str | None:
    """*value* when it is an http(s) URL with a host (a stored link is read back warily)."""
    return value if isinstance(value, str) and is_safe_link(value) else None


@dataclass(frozen=True)
class FollowState:
    """What a follower remembers about a blog between runs; stored as one JSON value per blog.

    Attributes:
        source: The name of the source that read page 1, or None before first contact.
        live: What the last page 1 said: True, False (ended) or None (unknown).
        walk_next: The next older page a history walk reads, or None.
        walk_mode: "full" (first contact: walk to the last page) or "gap"
            (catch up after an absence: walk until a page holds a known entry),
            while a walk is pending.
        walk_done: A full walk once reached the oldest page.
        pages_total: How many pages page 1 said the blog has, when known.
        cursor: Where the source's update endpoint is asked from (opaque to all but the source).
        source_data: What the source keeps to ask for updates (opaque to all but the source).
        feed: Where page 1's entries are, when page 1 is a shell over an API
            (:attr:`Snapshot.feed`): read after page 1 even when page 1 itself
            is unchanged.
        continues: The blog that continues this one, once it has ended and
            named it (:attr:`Snapshot.continues_at`), else None.

    """

    source: str | None = None
    live: bool | None = None
    walk_next: str | None = None
    walk_mode: WalkMode | None = None
    walk_done: bool = False
    pages_total: int | None = None
    cursor: str | None = None
    source_data: Mapping[str, Any] = field(default_factory=dict)
    feed: Request | None = None
    continues: str | None = None

    @property
    def first_contact(self) -> bool:
        """True when no full walk was ever started: the next page 1 starts one."""
        return not (self.walk_done or self.walk_next)

    @property
    def walking(self) -> bool:
        """True while older pages remain to be read."""
        return self.walk_next is not None

    @property
    def known(self) -> bool:
        """True once a page 1 was read (what it said about liveness and updates is held)."""
        return self.source is not None

    def to_json(self) -> str:
        """The stored form: compact JSON."""
        return json.dumps(
            {
                "source": self.source,
                "live": self.live,
                "walk_next": self.walk_next,
                "walk_mode": self.walk_mode,
                "walk_done": self.walk_done,
                "pages_total": self.pages_total,
                "cursor": self.cursor,
                "source_data": dict(self.source_data),
                "feed": self.feed.to_dict() if self.feed else None,
                "continues": self.continues,
            },
            ensure_ascii=False,
            separators=(",", ":"),
            sort_keys=True,
        )

    @classmethod
    def from_json(cls, text: str | None) -> FollowState:
        """Read the stored form; anything unreadable counts as no state (first contact)."""
        try:
            data = json.loads(text) if text else {}
        except ValueError:
            data = {}
        if not isinstance(data, dict):
            data = {}

        def text_or_none(key: str) -> str | None:
            value = data.get(key)
            return value if isinstance(value, str) and value else None

        live = data.get("live")
        mode = data.get("walk_mode")
        total = data.get("pages_total")
        extra = data.get("source_data")
        return cls(
            source=text_or_none("source"),
            live=live if isinstance(live, bool) else None,
            walk_next=text_or_none("walk_next"),
            walk_mode=mode if mode in ("full", "gap") else None,
            walk_done=data.get("walk_done") is True,
            pages_total=total if isinstance(total, int) and not isinstance(total, bool) else None,
            cursor=text_or_none("cursor"),
            source_data=extra if isinstance(extra, dict) else {},
            feed=Request.from_dict(data.get("feed")),
            continues=_web_link(data.get("continues")),
        )
