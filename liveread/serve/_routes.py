"""What the feed server answers to: its paths, and how a blog is named in them.

A blog's feeds live at ``/blog/<name>.atom`` and ``/blog/<name>.json``. The
name is made from the blog's URL alone (:func:`feed_name`), so it is the
same on every run and in every process: a readable part (the site and the
last words of the page's path, lowercased, only ``a-z``, ``0-9`` and ``-``)
and 10 hex digits of a SHA-256 of the URL, which is what tells blogs apart.
No user name, password, query or port of the URL appears in it. A request's
path is only ever looked up among the names of cached blogs; it never
becomes a file name or a query, so a path that is not one of these is a 404.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import Literal
from urllib.parse import urlsplit, urlunsplit

__all__ = ["EXTENSIONS", "Route", "blog_path", "feed_name", "merged_path", "route"]

#: A feed path's extension → the format served there.
EXTENSIONS: dict[str, Literal["atom", "jsonfeed"]] = {".atom": "atom", ".json": "jsonfeed"}
INDEX_PATH = "/"
OPML_PATH = "/feeds.opml"
_MERGED = "/all"
_BLOG = "/blog/"
_SLUG_CHARS = re.compile(r"[^a-z0-9]+")
_NAME = re.compile(r"[a-z0-9-]{1,100}")
_SLUG_MAX = 60
_HASH_DIGITS = 10
_MAX_PATH = 300


@dataclass(frozen=True)
class Route:
    """What a request's path asks for.

    Attributes:
        kind: "index" (a page listing the feeds), "opml", "merged" (every
            blog in one feed) or "blog".
        fmt: "atom" or "jsonfeed" for a feed, else None.
        name: For "blog", the blog's name in the path (see :func:`feed_name`).

    """

    kind: Literal["index", "opml", "merged", "blog"]
    fmt: Literal["atom", "jsonfeed"] | None = None
    name: str = ""


def _without_credentials(url: str) -> str:
    parts = urlsplit(url)
    host = parts.hostname or ""
    netloc = f"{host}:{parts.port}" if parts.port else host
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))


def feed_name(url: str) -> str:
    """The name of the blog at *url* in feed paths: ``<site>-<last path words>-<hash>``."""
    try:
        clean = _without_credentials(url)
        parts = urlsplit(clean)
        host = (parts.hostname or "").removeprefix("www.")
        path = parts.path
    except ValueError:
        clean, host, path = url, "", ""
    words = [w for w in path.split("/") if w]
    readable = "-".join([host, *words[-1:]]) if words else host
    slug = _SLUG_CHARS.sub("-", readable.lower()).strip("-")[:_SLUG_MAX].strip("-")
    digest = hashlib.sha256(clean.encode("utf-8", "surrogatepass")).hexdigest()[:_HASH_DIGITS]
    return f"{slug}-{digest}" if slug else digest


def blog_path(name: str, fmt: Literal["atom", "jsonfeed"]) -> str:
    """The path of a blog's feed in *fmt*."""
    return _BLOG + name + _extension(fmt)


def merged_path(fmt: Literal["atom", "jsonfeed"]) -> str:
    """The path of the merged feed in *fmt*."""
    return _MERGED + _extension(fmt)


def _extension(fmt: str) -> str:
    return next(ext for ext, known in EXTENSIONS.items() if known == fmt)


def route(target: str) -> Route | None:
    """What the request target *target* asks for, or None (a 404).

    The query is ignored (readers add cache-busting ones); nothing is decoded,
    so ``%2e%2e`` and friends are simply names no blog has.
    """
    path = target.split("?", 1)[0].split("#", 1)[0]
    if len(path) > _MAX_PATH:
        return None
    if path == INDEX_PATH:
        return Route("index")
    if path == OPML_PATH:
        return Route("opml")
    stem, dot, ext = path.rpartition(".")
    fmt = EXTENSIONS.get(dot + ext)
    if fmt is None:
        return None
    if stem == _MERGED:
        return Route("merged", fmt)
    if stem.startswith(_BLOG):
        name = stem[len(_BLOG) :]
        if _NAME.fullmatch(name):
            return Route("blog", fmt, name)
    return None
