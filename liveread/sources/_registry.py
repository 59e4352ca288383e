"""The registry: every source liveread knows, picked by content, and the one guard at the seam.

The built-in sources and those other packages register under the
``liveread.sources`` entry-point group are asked in priority order whether
some content is theirs; the first that says yes reads it. The same code must
read a Guardian page served from theguardian.com and a copy served from
127.0.0.1, so detection looks at markers in the content, never at the host.

Every call into a source goes through :func:`_guarded`: a source's own
:class:`~liveread.errors.LivereadError` passes through as it is, and any
other exception (a bug, or a page shaped in a way nobody foresaw) becomes one
:class:`~liveread.errors.LayoutChanged`, "the site's pages changed", which
the follower reports in one line and retries with back-off. With
``LIVEREAD_DEBUG=1`` the original exception stays chained to it, so the CLI
can print its traceback.
"""

from __future__ import annotations

import functools
import logging
import os
import re
from collections.abc import Callable
from importlib import import_module
from typing import TypeVar
from urllib.parse import urlsplit, urlunsplit

from liveread.errors import LayoutChanged, LivereadError, NotALiveBlog
from liveread.model import FollowState, Snapshot
from liveread.sources._contract import Document, Request, Source
from liveread.sources._plugins import entry_points
from liveread.urls import blog_url, host

__all__ = [
    "ENTRY_POINT_GROUP",
    "blog_key",
    "decode",
    "find",
    "page_url",
    "parse",
    "read",
    "read_update",
    "registered",
    "update_request",
]

#: The entry-point group third-party sources register under.
ENTRY_POINT_GROUP = "liveread.sources"
#: The built-in sources, as ``module:class`` (imported when first needed).
_BUILTIN = (
    "liveread.sources.guardian:GuardianSource",
    "liveread.sources.wpliveblog:WPLiveblogSource",
    "liveread.sources.reach:ReachSource",
    "liveread.sources.sky:SkySource",
    "liveread.sources.lemonde:LeMondeSource",
    "liveread.sources.telegraph:TelegraphSource",
    "liveread.sources.amp:AmpSource",
    "liveread.sources.schemaorg:SchemaOrgSource",
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)

_log = logging.getLogger(__name__)
T = TypeVar("T")


def decode(content: bytes | str, charset: str | None = None) -> str:
    """Decode page bytes: the given charset, else a BOM, a ``<meta charset>``, else UTF-8.

    Undecodable bytes become U+FFFD rather than an error: a page with a wrong
    charset is still read, with visible replacement characters.
    """
    if isinstance(content, str):
        return content
    if content.startswith(b"\xef\xbb\xbf"):
        return content[3:].decode("utf-8", errors="replace")
    candidates = [charset] if charset else []
    match = _META_CHARSET.search(content[:4096])
    if match:
        candidates.append(match.group(1).decode("ascii", "ignore"))
    candidates.append("utf-8")
    for name in candidates:
        try:
            return content.decode(name)
        except (LookupError, UnicodeDecodeError):
            continue
    return content.decode("utf-8", errors="replace")


def _load(spec: str) -> type[Source]:
    """Import a ``module:class`` spec."""
    module, _, name = spec.partition(":")
    found = getattr(import_module(module), name)
    if not (isinstance(found, type) and issubclass(found, Source)):
        raise TypeError(f"{spec} is not a liveread Source")
    return found


@functools.cache
def registered() -> tuple[Source, ...]:
    """Every source, in detection order: built-ins and the ``liveread.sources`` entry points.

    A third-party source that cannot be loaded, or that takes a name already
    taken, is left out with a warning in the log; liveread works on without it.
    """
    found: dict[str, Source] = {}
    for spec in _BUILTIN:
        source = _load(spec)()
        found[source.name] = source
    for point in entry_points(group=ENTRY_POINT_GROUP):
        try:
            cls = point.load()
            if not (isinstance(cls, type) and issubclass(cls, Source)):
                raise TypeError("not a liveread.sources.Source subclass")
            source = cls()
        except Exception as exc:  # a broken plug-in must not break liveread
            _log.warning("source %s (%s) left out: %s", point.name, point.value, exc)
            continue
        if source.name in found:
            _log.warning("source %s (%s) left out: the name is taken", point.name, point.value)
            continue
        found[source.name] = source
    return tuple(sorted(found.values(), key=lambda s: s.priority))


def find(name: str | None) -> Source | None:
    """The registered source called *name*, or None."""
    return next((s for s in registered() if s.name == name), None)


def _looked_for() -> str:
    return "looked for " + ", ".join(source.label for source in registered())


def _guarded(source: Source, url: str, call: Callable[..., T], *args: object) -> T:
    """Run ``call(*args)``, a method of *source*: any error but a LivereadError is LayoutChanged."""
    what = getattr(call, "__name__", "call")
    try:
        return call(*args)
    except LivereadError:
        raise
    except Exception as exc:  # the seam: a source's bug is a changed site, not a crash
        message = (
            f"{host(url)}: the site's pages changed: {source.label} could not be read "
            f"({what}: {type(exc).__name__}: {str(exc)[:200]}); "
            "set LIVEREAD_DEBUG=1 for the details"
        )
        _log.debug("source %s failed in %s on %s", source.name, what, url, exc_info=True)
        if os.environ.get("LIVEREAD_DEBUG"):
            raise LayoutChanged(message) from exc
        raise LayoutChanged(message) from None


def _document(content: bytes | str, url: str, charset: str | None) -> Document:
    """Decode *content* for the sources, or raise NotALiveBlog when it is empty or binary."""
    text = decode(content, charset)
    if not text.strip():
        raise NotALiveBlog(f"the page is empty; {_looked_for()}")
    if "\x00" in text[:8192]:
        raise NotALiveBlog(f"the content is binary, not a web page; {_looked_for()}")
    return Document(text, url)


def read(content: bytes | str, url: str, *, charset: str | None = None) -> tuple[Source, Snapshot]:
    """Read a page, data model or update answer: the source that recognised it, and its snapshot.

    Raises:
        NotALiveBlog: No source recognised the content; the message says what was looked for.
        LayoutChanged: A source recognised it but could not read it.

    """
    doc = _document(content, url, charset)
    for source in registered():
        if _guarded(source, url, source.detect, doc):
            return source, _guarded(source, url, source.parse, doc)
    if doc.looks_like_json:
        raise NotALiveBlog(f"no live blog in this JSON: {_looked_for()}")
    raise NotALiveBlog(f"no live blog found on this page: {_looked_for()}")


def parse(content: bytes | str, url: str, *, charset: str | None = None) -> Snapshot:
    """Parse a live-blog page, data model or update answer into a :class:`~liveread.model.Snapshot`.

    Args:
        content: The page as bytes (decoded by charset, BOM or ``<meta>``) or text.
        url: Where the content came from; relative links resolve against it
            and it names the blog.
        charset: The charset the server declared, if any.

    Raises:
        NotALiveBlog: No format liveread knows was found; the message says what was looked for.
        LayoutChanged: A known site's markers were found but no entries could be read.

    """
    return read(content, url, charset=charset)[1]


def update_request(state: FollowState, blog: str) -> Request | None:
    """What the source that read *blog*'s page 1 asks for updates, or None (re-read page 1)."""
    source = find(state.source)
    if source is None:
        return None
    return _guarded(source, blog, source.update_request, state)


def read_update(
    content: bytes, url: str, state: FollowState, *, charset: str | None = None
) -> Snapshot:
    """Read the answer to :func:`update_request` with the source that asked for it.

    Raises:
        NotALiveBlog: The answer is empty or binary.
        LayoutChanged: The answer could not be read (or the source is gone).

    """
    source = find(state.source)
    if source is None:
        raise LayoutChanged(f"{host(url)}: no source {state.source!r} to read its updates")
    doc = _document(content, url, charset)
    return _guarded(source, url, source.read_update, doc, state)


def page_url(url: str) -> str:
    """The first-page URL of the blog *url* belongs to: what a source says, else *url*'s page.

    A source may recognise another shape of its pages (the Guardian's data
    model, an older page's link); any other URL loses its fragment only.
    """
    for source in registered():
        found = _guarded(source, url, source.page_url, url)
        if found is not None:
            return found
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, parts.path or "/", parts.query, ""))


def blog_key(url: str) -> str:
    """The key the cache knows the blog of *url* by: its page URL, normalised.

    Every consumer that turns a URL the user gave into a cache key uses this,
    so following ``…/x.json`` and exporting ``…/x?page=2`` name the same blog.
    """
    return blog_url(page_url(url))
