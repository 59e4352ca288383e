"""The registry: every source liveread knows, picked by content, and the one guard at the seam.

The built-in sources and those other packages register under the
``liveread.sources`` entry-point group are asked in priority order whether
some content is theirs; the first that says yes reads it. The same code must
read a Guardian page served from theguardian.com and a copy served from
127.0.0.1, so detection looks at markers in the content, never at the host.
Every later response of a followed blog (its feed, older pages, updates,
entries named elsewhere) is read by the source that read its page 1: what the
follower asked for says which part of the blog it is (:class:`Asked`).

Every call into a source goes through :func:`_guarded`: a source's own
:class:`~liveread.errors.LivereadError` passes through as it is, and any
other exception (a bug, or a page shaped in a way nobody foresaw) becomes one
:class:`~liveread.errors.LayoutChanged`, "the site's pages changed", which
the follower reports in one line and retries with back-off. With
``LIVEREAD_DEBUG=1`` the original exception stays chained to it, so the CLI
can print its traceback. A source whose ``detect`` or ``page_url`` fails is
left out of that look, with a warning naming it: the others still answer.
Every snapshot is then checked against the snapshot rules and sanitized
(:mod:`liveread.sources._seam`).
"""

from __future__ import annotations

import functools
import logging
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from typing import TYPE_CHECKING, TypeVar
from urllib.parse import urlsplit, urlunsplit

from liveread.errors import LayoutChanged, LivereadError, NotALiveBlog
from liveread.sanitize import clean_inline
from liveread.sources._contract import Document, Source
from liveread.sources._plugins import entry_points
from liveread.urls import BlogURL, blog_url, host

if TYPE_CHECKING:
    # What a source returns, and the seam that holds it to the rules: imported when a
    # page is read, not when a URL is only mapped to its blog (the TUI's first screen).
    from liveread.model import FollowState, Request, Snapshot
    from liveread.sources._seam import Part

__all__ = [
    "ENTRY_POINT_GROUP",
    "Asked",
    "blog_key",
    "decode",
    "find",
    "page_url",
    "parse",
    "read",
    "registered",
    "update_request",
]

#: The entry-point group third-party sources register under.
ENTRY_POINT_GROUP = "liveread.sources"
#: The built-in sources, as ``module:class`` (imported when first needed).
_BUILTIN = (
    "liveread.sources.guardian:GuardianSource",
    "liveread.sources.wpliveblog:WPLiveblogSource",
    "liveread.sources.bbc:BBCSource",
    "liveread.sources.aljazeera:AlJazeeraSource",
    "liveread.sources.brightspot:BrightspotSource",
    "liveread.sources.reach:ReachSource",
    "liveread.sources.sky:SkySource",
    "liveread.sources.lemonde:LeMondeSource",
    "liveread.sources.telegraph:TelegraphSource",
    "liveread.sources.amp:AmpSource",
    "liveread.sources.schemaorg:SchemaOrgSource",
)
#: The built-ins whose ``page_url`` answers; the others keep the contract's None.
#: Without plug-ins, a URL is mapped to its blog by these alone (:func:`_url_sources`),
#: so the TUI's first screen does not import every source. A test holds this
#: list to the classes.
_MAPS_URLS = ("liveread.sources.guardian:GuardianSource",)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)

_log = logging.getLogger(__name__)
#: (source, method) pairs already warned about in this process: one warning each.
_warned: set[tuple[str, str]] = set()
T = TypeVar("T")


#: Byte-order marks and what they say, longest first (UTF-32 LE starts like UTF-16 LE).
_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)


def decode(content: bytes | str, charset: str | None = None) -> str:
    """Decode page bytes: a BOM, else the given charset, a ``<meta charset>``, else UTF-8.

    A byte-order mark (UTF-8, UTF-16 or UTF-32, either byte order) wins over
    what the server or the page declares, as browsers decide. Undecodable
    bytes become U+FFFD rather than an error: a page with a wrong charset is
    still read, with visible replacement characters.
    """
    if isinstance(content, str):
        return content
    for bom, encoding in _BOMS:
        if content.startswith(bom):
            return content[len(bom) :].decode(encoding, errors="replace")
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
def _builtin(spec: str) -> Source:
    """The one instance of a built-in source (its module imported on first use)."""
    return _load(spec)()


@functools.cache
def registered() -> tuple[Source, ...]:
    """Every source, in detection order: built-ins and the ``liveread.sources`` entry points.

    A third-party source that cannot be loaded, or that takes a name already
    taken, is left out with a warning in the log; liveread works on without it.
    """
    found: dict[str, Source] = {}
    for spec in _BUILTIN:
        source = _builtin(spec)
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


def _left_out(source: Source, what: str, exc: BaseException) -> None:
    """Say once per process that *source* failed in *what* and was left out of that look."""
    if (source.name, what) not in _warned:
        _warned.add((source.name, what))
        _log.warning(
            "source %s left out: its %s failed (%s: %s)",
            clean_inline(source.name),
            what,
            type(exc).__name__,
            clean_inline(str(exc))[:200],  # a plug-in's words, on the way to a terminal
        )
        _log.debug("source %s failed in %s", source.name, what, exc_info=exc)


def _document(content: bytes | str, url: str, charset: str | None, blog: str | None) -> Document:
    """Decode *content* for the sources, or raise NotALiveBlog when it is empty or binary."""
    text = decode(content, charset)
    if not text.strip():
        raise NotALiveBlog(f"the page is empty; {_looked_for()}")
    if "\x00" in text[:8192]:
        raise NotALiveBlog(f"the content is binary, not a web page; {_looked_for()}")
    return Document(text, url, blog)


@dataclass(frozen=True)
class Asked:
    """What the follower asked for on a followed blog's behalf: who reads the answer, and how.

    Attributes:
        part: What the response is to the blog: ``"feed"``, ``"older"``
            (read with ``parse``), ``"update"`` or ``"entry"`` (``read_update``).
        state: The blog's follow state (its ``source`` reads the answer).
        blog: The URL of the blog's page 1 (``Document.blog``).
        entry: For an entry's answer, the id of the entry asked for.

    """

    part: Part
    state: FollowState
    blog: str
    entry: str | None = None


def _detected(doc: Document) -> Source:
    """The first source, in priority order, whose ``detect`` says yes; a failing one is left out."""
    for source in registered():
        try:
            found = source.detect(doc)
        except Exception as exc:  # one source's failure must not blind the others
            if doc.refused is not None:
                raise doc.refused from None  # the page itself is past liveread's bounds
            _left_out(source, "detect", exc)
            continue
        if found:
            return source
    if doc.looks_like_json:
        raise NotALiveBlog(f"no live blog in this JSON: {_looked_for()}")
    raise NotALiveBlog(f"no live blog found on this page: {_looked_for()}")


def read(
    content: bytes | str,
    url: str,
    *,
    charset: str | None = None,
    asked: Asked | None = None,
) -> tuple[Source, Snapshot]:
    """Read a response: the source that read it, and its snapshot (checked, sanitized).

    Args:
        content: The body as bytes (decoded by charset, BOM or ``<meta>``) or text.
        url: The URL that was asked (relative links resolve against it).
        charset: The charset the server declared, if any.
        asked: None for a page read on its own (the source is found by
            detection): a followed blog's page 1, ``liveread parse``. Else
            what the follower asked for: the blog's source reads it.

    Raises:
        NotALiveBlog: No source recognised the content; the message says what was looked for.
        LayoutChanged: A source recognised it but could not read it
            (:class:`~liveread.errors.RuleBroken` when it broke a snapshot rule).

    """
    doc = _document(content, url, charset, asked.blog if asked else None)
    if asked is None:
        source = _detected(doc)
        snapshot = _guarded(source, url, source.parse, doc)
        return source, _receive(source, url, "page", snapshot, blog=url)
    reader = find(asked.state.source)
    if reader is None:
        raise LayoutChanged(f"{host(url)}: no source {asked.state.source!r} to read this blog")
    return reader, _asked(reader, doc, url, asked)


def _asked(source: Source, doc: Document, url: str, asked: Asked) -> Snapshot:
    """Read what the follower asked for with the blog's *source*, by the part it is."""
    if asked.part in ("update", "entry"):
        snapshot = _guarded(source, url, source.read_update, doc, asked.state)
    else:
        snapshot = _guarded(source, url, source.parse, doc)
    return _receive(source, url, asked.part, snapshot, asked.entry, blog=asked.blog)


def _receive(
    source: Source,
    url: str,
    part: Part,
    snapshot: object,
    entry: str | None = None,
    *,
    blog: str,
) -> Snapshot:
    """Hold what *source* returned to the rules, then sanitize it (the seam's two steps)."""
    from liveread.sources._seam import check, sanitize

    return sanitize(check(snapshot, source.name, part, asked=entry, blog=blog))


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
    request = _guarded(source, blog, source.update_request, state)
    from liveread.sources._seam import check_request

    return None if request is None else check_request(request, source.name)


def _same_site(url: str, found: str) -> bool:
    """True when *found* is an http(s) URL on *url*'s site (scheme, host and port)."""
    try:
        given, other = urlsplit(url), urlsplit(found)
        return other.scheme in ("http", "https") and (
            given.scheme.lower(),
            given.hostname,
            given.port,
        ) == (other.scheme.lower(), other.hostname, other.port)
    except ValueError:
        return False


def page_url(url: str) -> str:
    """The first-page URL of the blog *url* belongs to: what a source says, else *url*'s page.

    Sources are asked in priority order; the first that claims *url* (answers
    other than None) maps it. A source may only reshape a URL within its site:
    an answer on another scheme, host or port is refused with a warning, and
    so is a source whose ``page_url`` fails (the next one is asked). Any URL
    no source claims loses its fragment only.
    """
    for source in _url_sources():
        try:
            found = source.page_url(url)
        except Exception as exc:  # one source's failure must not rewrite, or stop, the rest
            _left_out(source, "page_url", exc)
            continue
        if found is None:
            continue
        if isinstance(found, str) and _same_site(url, found):
            return clean_inline(found)
        _left_out(source, "page_url", ValueError(f"it sent {url!r:.100} to another site"))
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, parts.path or "/", parts.query, ""))


def _url_sources() -> tuple[Source, ...]:
    """The sources :func:`page_url` asks, in priority order.

    With a plug-in installed, every registered source (their priorities and
    names decide, as in :func:`registered`); without, only the built-ins
    whose ``page_url`` answers (:data:`_MAPS_URLS`): the same answers,
    without importing the sources that never give one.
    """
    if entry_points(group=ENTRY_POINT_GROUP):
        return registered()
    return tuple(sorted((_builtin(spec) for spec in _MAPS_URLS), key=lambda s: s.priority))


def blog_key(url: str) -> BlogURL:
    """The key the cache knows the blog of *url* by: its page URL, normalised.

    Every consumer that turns a URL the user gave into a cache key uses this
    (``follow``, the TUI, ``export``, ``search``, ``brief``), so following
    ``…/x.json`` and exporting ``…/x?page=2`` name the same blog.
    """
    return blog_url(page_url(url))
