"""The contract every site source fulfils: what it is given, what it answers.

A :class:`Source` owns one family of sites. It knows how to recognise their
content (:meth:`Source.detect`, by what the content holds, never by host
name), how to read a page of it into a :class:`~liveread.model.Snapshot`
(:meth:`Source.parse`), and how the site tells what is new: the request to
make for updates, given what the follower remembers
(:meth:`Source.update_request`), and how to read its answer
(:meth:`Source.read_update`). A page that is a shell over an API names
where its entries are (``Snapshot.feed``); a response that lists entries it
does not carry names where each is read (``Snapshot.elsewhere``). Everything
else (when to ask, the history walk over ``older`` links, conditional GETs,
back-off, storing) is the follower's and the cache's, the same for every site.

A source is given a :class:`Document`: the response decoded once, with its
HTML tree or its JSON built on first use, so that detection by several
sources parses the content once. What it returns is checked against the
snapshot rules and sanitized where the registry receives it
(:mod:`liveread.sources._seam`), whoever wrote the source.
"""

from __future__ import annotations

import json
from abc import ABC, abstractmethod
from functools import cached_property
from typing import TYPE_CHECKING, Any, ClassVar

from liveread._lazy import attach
from liveread.errors import NotALiveBlog

if TYPE_CHECKING:  # the parser loads with the first tree (see Document.tree)
    from selectolax.lexbor import LexborHTMLParser

    from liveread.model import FollowState, Request, Snapshot

__all__ = ["NOT_JSON", "Document", "Request", "Source"]


# Request, named here for sources, is imported when first asked for, not with this
# module: a URL is mapped to its blog by a source's class alone (the TUI's first
# screen does that), and the model's classes of what a response says are
# milliseconds of frozen dataclasses to create.
__getattr__ = attach(__name__, {"liveread.model": ("Request",)})


class _NotJSON:
    """The type of :data:`NOT_JSON`."""

    def __repr__(self) -> str:
        return "NOT_JSON"


#: What :attr:`Document.json` is when the content is not JSON.
NOT_JSON: Any = _NotJSON()


class Document:
    """One response's content, decoded, with its parse built on first use.

    Args:
        text: The decoded content.
        url: Where it came from: the URL that was asked (relative links resolve against it).
        blog: The URL of the blog's page 1 this content belongs to, when the
            follower asked for it on the blog's behalf (an update, the feed,
            an older page, an entry); default *url*.

    Attributes:
        text: The decoded content.
        url: Where it came from: the URL asked (an update's, an entry's, an older page's).
        blog: The blog's page-1 URL (what entry permalinks usually hang off).
        refused: Why liveread will not build this content's tree (past its
            bounds on work), once :attr:`tree` has said so; else None.

    """

    def __init__(self, text: str, url: str, blog: str | None = None) -> None:
        self.text = text
        self.url = url
        self.blog = blog or url
        self.refused: NotALiveBlog | None = None

    @cached_property
    def looks_like_json(self) -> bool:
        """True when the content starts like a JSON object or array."""
        return self.text.lstrip()[:1] in ("{", "[")

    @cached_property
    def json(self) -> Any:
        """The content as JSON (strict, then lenient: comments, trailing commas), or NOT_JSON."""
        if not self.looks_like_json:
            return NOT_JSON
        try:
            return json.loads(self.text)
        except ValueError:
            pass
        from liveread.sources._lenient import loads

        try:
            return loads(self.text)
        except ValueError:
            return NOT_JSON

    @cached_property
    def tree(self) -> LexborHTMLParser:
        """The content as an HTML tree (built once, shared by every source that looks).

        Raises:
            NotALiveBlog: The markup is past liveread's bounds on work (nesting, elements).

        """
        if self.refused is not None:  # said once, never measured again
            raise self.refused
        from liveread.sources._bounds import parse_html  # imported on first use

        try:
            return parse_html(self.text)
        except NotALiveBlog as exc:
            self.refused = exc
            raise


class Source(ABC):
    """A family of sites liveread can read and follow.

    Subclasses set :attr:`name` and :attr:`label`, implement :meth:`detect`
    and :meth:`parse`, and, when the site has an endpoint for what is new,
    :meth:`update_request` and :meth:`read_update`. A source holds no state
    of its own: what it must remember between requests goes into the
    snapshot's ``cursor`` and ``source_data`` and comes back in the
    :class:`~liveread.model.FollowState`. Anything a source raises other than
    :class:`~liveread.errors.LivereadError` is caught at the seam and reported
    as "the site's pages changed".

    Who reads what: the page a user gives is read by the first source whose
    :meth:`detect` says yes; every later response of that blog (its feed,
    older pages, updates, entries named elsewhere) by the source that read
    page 1, without detection: pages with :meth:`parse`, answers with
    :meth:`read_update`.

    Attributes:
        name: Short, stable, lowercase: stored with every blog it read.
        label: How messages name the format ("Guardian live-blog markup").
        priority: Detection order, lowest first: specific formats before
            generic ones. Built-in site families use 10-50, schema.org 1000;
            third-party sources default to 100.
        min_interval: The least seconds between two polls of a blog of this
            source on a remote host: the cadence of the site's own front end
            (the BBC's and Brightspot's pages poll every 15 s), when it is
            slower than liveread's interval. It only ever slows the follower
            down; loopback hosts (tests, the demo) are exempt, as from every
            floor. 0: the follower's interval alone.

    """

    name: ClassVar[str]
    label: ClassVar[str]
    priority: ClassVar[int] = 100
    min_interval: ClassVar[float] = 0.0

    @abstractmethod
    def detect(self, doc: Document) -> bool:
        """Tell whether *doc* is content of this source (by its markers, never by host)."""

    @abstractmethod
    def parse(self, doc: Document) -> Snapshot:
        """Read a page into a snapshot of kind ``"page"``.

        A page is the blog's page 1 (the user's URL), one of its older pages
        (a ``pages.older`` link), or, for a shell over an API, the feed page 1
        names (``Snapshot.feed``) and that feed's older pages.

        Raises:
            NotALiveBlog: The content is not a live blog after all.
            LayoutChanged: The markers are there but the entries cannot be read.

        """

    def page_url(self, url: str) -> str | None:
        """The blog's first-page URL for *url*, when *url* is another shape of yours; else None.

        Asked, in priority order, for URLs a user types before anything is
        fetched, and for redirects: answer only for the shapes of your own
        format's URLs (the Guardian maps its data model ``<page>.json`` and
        ``?page=with:block-…`` links to the page itself) and None for any
        other URL. An answer must stay on the URL's site (same scheme, host
        and port); one that does not is refused.
        """
        return None

    def update_request(self, state: FollowState) -> Request | None:
        """The request that asks what is new, or None to re-read page 1 instead.

        Called once per request the follower makes, only for blogs whose
        page 1 this source read; *state* holds the ``cursor`` and
        ``source_data`` its snapshots gave.
        """
        return None

    def read_update(self, doc: Document, state: FollowState) -> Snapshot:
        """Read an answer into a snapshot of kind ``"update"``.

        An answer is the response to :meth:`update_request` or to an
        entry's own request (``Snapshot.elsewhere``); ``doc.url`` is the URL
        that was asked and ``doc.blog`` the blog's page 1. The default reads
        it as a page and keeps its entries (:meth:`Snapshot.as_update`).

        Raises:
            LayoutChanged: The answer is not what the endpoint gives.

        """
        page = self.parse(doc)
        return page.as_update(cursor=page.cursor, again=page.again)
