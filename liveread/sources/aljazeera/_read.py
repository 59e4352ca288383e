"""Reading Al Jazeera's live-blog answers: the shell, the id list, one update.

The shell names the blog (title, subheading, ``isLive``, the featured
picture) and carries its summary bullets (``content``, a list), which become
the blog's summary entry ``<blog>#summary``; its ``childrenMeta`` gives every
update's id and publication time (epoch seconds), from which the updates are
ordered: the list's own order is not trusted, and ids do not grow with time.

An update is WordPress content: its ``date`` and ``modified_gmt`` are UTC
(an update's ``date`` equals its ``childrenMeta`` time), so a later
``modified_gmt`` is an edit; its pictures are WordPress captions whose
credit is the bracketed end of the caption ("… [Name/Agency]"), split apart
here. Its permalink is the blog's with ``?update=<id>``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from typing import Any
from urllib.parse import urlencode, urlsplit

from liveread import urls
from liveread.model import Block, Entry, Image
from liveread.sanitize import clean_inline
from liveread.sources import _html as htmlwalk
from liveread.sources import wpliveblog
from liveread.sources._continues import next_blog
from liveread.sources.aljazeera._profile import (
    BLOG_TYPE,
    CREDIT,
    GRAPHQL_PATH,
    ROOTS,
    SITE_HEADER,
    SITE_OF_HOST,
    UPDATE_PARAM,
    UPDATE_TYPE,
)
from liveread.times import parse_time

__all__ = [
    "Shell",
    "continuation",
    "is_shell",
    "is_update",
    "read_children",
    "read_shell",
    "read_update",
    "request_url",
    "site_of",
    "split_credit",
    "update_url",
]

#: The fragment naming the blog's summary entry.
SUMMARY = "summary"
_LIVEBLOG_PATH = "/liveblog/"


@dataclass(frozen=True)
class Shell:
    """What the shell says of the blog.

    Attributes:
        title: The blog's headline.
        standfirst: Its subheading (or excerpt).
        live: ``isLive``, or None when it does not say.
        published: The blog's date, or None.
        modified: Its ``modified_gmt``, or None.
        main_image: The featured picture, caption and credit apart.
        summary: The summary bullets as the blog's summary entry, or None.
        updates: Every update's ``(id, published)``, newest first by time.
        authors: The blog's writers.

    """

    title: str
    standfirst: str
    live: bool | None
    published: datetime | None
    modified: datetime | None
    main_image: Image | None
    summary: Entry | None
    updates: tuple[tuple[str, datetime | None], ...]
    authors: tuple[str, ...] = ()


def _mapping(value: object) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _root(data: object) -> Mapping[str, Any] | None:
    """The answer's object: ``data.article`` (or ``data.posts``, ``data.post``)."""
    inner = _mapping(_mapping(data).get("data"))
    for key in ROOTS:
        found = inner.get(key)
        if isinstance(found, Mapping):
            return found
    return None


def _utc(value: object) -> datetime | None:
    """A WordPress time: ``2026-04-22T03:45:00`` (UTC, no offset), or epoch seconds."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int) or (isinstance(value, str) and value.strip().isdigit()):
        try:
            return datetime.fromtimestamp(int(value), tz=timezone.utc)
        except (OverflowError, OSError, ValueError):
            return None
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        return parse_time(value)
    except ValueError:
        return None


def _text(value: object) -> str:
    return htmlwalk.html_to_text(value) if isinstance(value, str) else ""


def _names(people: object) -> tuple[str, ...]:
    if not isinstance(people, list):
        return ()
    names = (clean_inline(str(p.get("name") or "")) for p in people if isinstance(p, Mapping))
    return tuple(dict.fromkeys(n for n in names if n))


def split_credit(caption: str) -> tuple[str, str]:
    """A WordPress caption's text and its bracketed credit: ``("A crowd", "Name/Agency")``."""
    found = CREDIT.search(caption)
    if found is None:
        return caption, ""
    return caption[: found.start()].rstrip(), clean_inline(found.group(1))


def _with_credits(body: tuple[Block, ...]) -> tuple[Block, ...]:
    out: list[Block] = []
    for block in body:
        image = block.image
        if block.kind == "image" and image is not None and not image.credit:
            caption, credit = split_credit(image.caption)
            block = replace(block, image=Image(caption, credit, image.url))
        out.append(block)
    return tuple(out)


def is_shell(data: object) -> bool:
    """Tell whether decoded JSON is a live blog's shell (postType liveblog, with its children)."""
    root = _root(data)
    return (
        root is not None
        and root.get("postType") == BLOG_TYPE
        and ("childrenMeta" in root or "children" in root)
    )


def is_update(data: object) -> bool:
    """Tell whether decoded JSON is one live-blog update (``postType`` liveblog-update)."""
    root = _root(data)
    return root is not None and root.get("postType") == UPDATE_TYPE


def read_children(data: object) -> tuple[str, ...]:
    """Every update id an id-list answer (or a shell) names, as given.

    ``children`` is a list of numbers in the recorded answers; another client
    reads ``children.nodes[].databaseId``: both are read.
    """
    root = _root(data) or {}
    children = root.get("children")
    if isinstance(children, Mapping):
        children = children.get("nodes")
    if not isinstance(children, list):
        return ()
    ids: list[str] = []
    for child in children:
        if isinstance(child, Mapping):
            child = child.get("databaseId", child.get("id"))
        if isinstance(child, bool):
            continue
        if isinstance(child, (int, str)) and str(child).strip().isdigit():
            ids.append(str(child).strip())
    return tuple(dict.fromkeys(ids))


def _image(picture: object, base: str) -> Image | None:
    found = _mapping(picture)
    source = found.get("sourceUrl")
    if not isinstance(source, str) or not source.strip():
        return None
    url = urls.join(base, clean_inline(source))
    caption, credit = split_credit(_text(found.get("caption")))
    credit = credit or _text(found.get("credit"))
    return Image(caption, credit, url if urls.is_safe_link(url) else None)


def read_shell(data: object, blog: str) -> Shell:
    """Read a shell answer (its updates ordered newest first by their publication time).

    Raises:
        ValueError: The answer holds no live blog.

    """
    root = _root(data)
    if root is None or not is_shell(data):
        raise ValueError("the answer holds no live blog")
    published = _utc(root.get("date"))
    times: dict[str, datetime | None] = {}
    for meta in root.get("childrenMeta") or ():
        if isinstance(meta, Mapping) and str(meta.get("id") or "").strip().isdigit():
            times[str(meta["id"]).strip()] = _utc(meta.get("publishedTime"))
    for update_id in read_children(data):
        times.setdefault(update_id, None)
    oldest = datetime.min.replace(tzinfo=timezone.utc)
    ordered = sorted(times.items(), key=lambda item: item[1] or oldest, reverse=True)
    body = wpliveblog.blocks_from_html(str(root.get("content") or ""), blog)
    summary = None
    if any(b.as_text() for b in body) and published is not None:
        anchor = f"{urls.blog_url(blog)}#{SUMMARY}"
        summary = Entry(
            id=anchor,
            published=published,
            updated=None,
            title=None,
            body=_with_credits(body),
            url=anchor,
            summary=True,
        )
    live = root.get("isLive")
    return Shell(
        title=_text(root.get("title")),
        standfirst=_text(root.get("subheading") or root.get("excerpt")),
        live=live if isinstance(live, bool) else None,
        published=published,
        modified=_utc(root.get("modified_gmt")),
        main_image=_image(root.get("featuredImage"), blog),
        summary=summary,
        updates=tuple(ordered),
        authors=_names(root.get("author")),
    )


def update_url(blog: str, update_id: str) -> str:
    """An update's permalink: the blog's page with ``?update=<id>``."""
    return f"{urls.blog_url(blog)}?{urlencode({UPDATE_PARAM: update_id})}"


def read_update(data: object, blog: str, published: datetime | None = None) -> Entry | None:
    """Read one update; None when the answer holds none (or it has no id or time).

    Args:
        data: The decoded answer.
        blog: The blog's URL (links resolve on it; the permalink is built on it).
        published: Its time from the shell's ``childrenMeta``, when known
            (else its own ``date``).

    """
    root = _root(data)
    if root is None or root.get("postType") != UPDATE_TYPE:
        return None
    update_id = str(root.get("id") or "").strip()
    published = published or _utc(root.get("date"))
    if not update_id.isdigit() or published is None:
        return None
    modified = _utc(root.get("modified_gmt"))
    body = _with_credits(wpliveblog.blocks_from_html(str(root.get("content") or ""), blog))
    tagline = clean_inline(str(root.get("authorTagline") or ""))
    if tagline:
        body = (Block("paragraph", text=tagline), *body)
    title = _text(root.get("title")) if root.get("shouldDisplayTitle") is not False else ""
    shown = root.get("showAuthor") is not False
    return Entry(
        id=update_id,
        published=published,
        updated=modified if modified is not None and modified > published else None,
        title=title or None,
        body=body,
        url=update_url(blog, update_id),
        authors=_names(root.get("author")) if shown else (),
    )


def continuation(data: object, blog: str) -> str | None:
    """The next live blog an update links to ("our coverage continues here"), or None.

    A link to another live blog of the same site (``…/liveblog/…``, not this one).
    """
    root = _root(data)
    content = root.get("content") if root is not None else None
    if not isinstance(content, str) or "href" not in content:
        return None
    anchors = htmlwalk.parse_fragment(content).css("a[href]")
    return next_blog((a.attributes.get("href") or "" for a in anchors), blog, _LIVEBLOG_PATH)


def site_of(url: str) -> str:
    """The ``wp-site`` the API answers a page of *url* for (English for any other host)."""
    host = (urlsplit(url).hostname or "").lower()
    for name, site in SITE_OF_HOST.items():
        if host == name or host.endswith("." + name):
            return site
    return SITE_OF_HOST["aljazeera.com"]


def request_url(page: str, operation: str, variables: Mapping[str, object]) -> str:
    """The GET URL of *operation* on the site of *page* (send ``wp-site`` as a header too)."""
    query = urlencode(
        {
            SITE_HEADER: site_of(page),
            "operationName": operation,
            "variables": json.dumps(dict(variables), separators=(",", ":")),
            "extensions": "{}",
        }
    )
    return urls.join(page, f"{GRAPHQL_PATH}?{query}")
