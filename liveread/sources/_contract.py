"""The contract every site source fulfils: what it is given, what it answers.

A :class:`Source` owns one family of sites. It knows how to recognise their
content (:meth:`Source.detect`, by what the content holds, never by host
name), how to read a page of it into a :class:`~liveread.model.Snapshot`
(:meth:`Source.parse`), and how the site tells what is new: the request to
make for updates, given what the follower remembers
(:meth:`Source.update_request`), and how to read its answer
(:meth:`Source.read_update`). Everything else (when to ask, the history walk
over ``older`` links, conditional GETs, back-off, storing) is the follower's
and the cache's, the same for every site.

A source is given a :class:`Document`: the response decoded once, with its
HTML tree or its JSON built on first use, so that detection by several
sources parses the content once.
"""

from __future__ import annotations

import json
from abc import ABC, abstractmethod
from dataclasses import dataclass
from functools import cached_property
from typing import Any, ClassVar

from selectolax.lexbor import LexborHTMLParser

from liveread.model import FollowState, Snapshot

__all__ = ["NOT_JSON", "Document", "Request", "Source"]


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
        url: Where it came from (relative links resolve against it).

    Attributes:
        text: The decoded content.
        url: Where it came from.

    """

    def __init__(self, text: str, url: str) -> None:
        self.text = text
        self.url = url

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
        from liveread.sources._bounds import parse_html  # imported on first use

        return parse_html(self.text)


@dataclass(frozen=True)
class Request:
    """One request a source asks the follower to make.

    Attributes:
        url: What to GET (absolute).
        accept: The Accept header, or None for the fetcher's default (pages).

    """

    url: str
    accept: str | None = None


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

    Attributes:
        name: Short, stable, lowercase: stored with every blog it read.
        label: How messages name the format ("Guardian live-blog markup").
        priority: Detection order, lowest first: specific formats before
            generic ones. Built-in site families use 10-50, schema.org 1000;
            third-party sources default to 100.

    """

    name: ClassVar[str]
    label: ClassVar[str]
    priority: ClassVar[int] = 100

    @abstractmethod
    def detect(self, doc: Document) -> bool:
        """Tell whether *doc* is content of this source (by its markers, never by host)."""

    @abstractmethod
    def parse(self, doc: Document) -> Snapshot:
        """Read *doc* (a page, or an answer of this source's own endpoints) into a snapshot.

        Raises:
            NotALiveBlog: The content is not a live blog after all.
            LayoutChanged: The markers are there but the entries cannot be read.

        """

    def page_url(self, url: str) -> str | None:
        """The blog's first-page URL for *url*, when *url* is another shape of it; else None.

        For example the Guardian maps its data model (``<page>.json``) and
        ``?page=with:block-…`` links to the page itself.
        """
        return None

    def update_request(self, state: FollowState) -> Request | None:
        """The request that asks what is new, or None to re-read page 1 instead.

        Called only for blogs whose page 1 this source read; *state* holds the
        ``cursor`` and ``source_data`` its snapshots gave.
        """
        return None

    def read_update(self, doc: Document, state: FollowState) -> Snapshot:
        """Read the answer to :meth:`update_request` (default: :meth:`parse`).

        Raises:
            LayoutChanged: The answer is not what the endpoint gives.

        """
        return self.parse(doc)
