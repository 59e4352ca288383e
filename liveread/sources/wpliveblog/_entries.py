"""One Liveblog entry, from the plugin's JSON (``for_json``) or from the page's markup.

Both shapes give the same :class:`~liveread.model.Entry` for the same entry,
so that a page re-read and a REST answer never disagree about its content:

- id: the plugin's comment id (digits; an edit and a deletion carry the
  original entry's id);
- ``published``: when the entry was first posted (``entry_time``; in the
  markup ``data-timestamp`` or ``time[datetime]``); ``updated``: the time of
  the edit that last changed it (``timestamp``, when later than that), which
  only the JSON tells;
- ``url``: the plugin's share link, ``<permalink>#<id>``;
- key event: ``key_event`` in the JSON, or the ``type-key`` class the ``/key``
  command gives (``is-key-event`` in the React DOM).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any
from urllib.parse import urldefrag

from selectolax.lexbor import LexborNode

from liveread.model import Entry
from liveread.sanitize import clean_inline
from liveread.sources import _html as walker
from liveread.sources.wpliveblog._body import blocks_from_html, blocks_from_node
from liveread.sources.wpliveblog._format import (
    AUTHOR_NAME,
    ENTRY_AUTHORS,
    ENTRY_BODY,
    ENTRY_CLASS_ID,
    ENTRY_HEADLINE,
    ENTRY_ID_ATTR,
    ENTRY_ID_PATTERNS,
    ENTRY_TIME,
    KEY_CLASSES,
    TIMESTAMP_ATTR,
    TYPE_DELETE,
    Json,
)
from liveread.times import parse_time
from liveread.urls import is_safe_link

__all__ = [
    "JsonEntry",
    "entry_from_json",
    "entry_from_node",
    "entry_id",
    "node_id",
    "node_timestamp",
    "number",
    "share_link",
]

_log = logging.getLogger(__name__)
#: Epoch seconds beyond this are no entry's time (year 2286): a garbled value.
_MAX_EPOCH = 10_000_000_000


def number(value: object) -> int | None:
    """A non-negative integer from JSON or a settings string (``12``, ``"12"``), else None.

    WordPress hands the page's settings over as strings and the REST answers
    give numbers, sometimes as strings: both are accepted, nothing else.
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if value >= 0 else None
    if isinstance(value, float) and value.is_integer() and value >= 0:
        return int(value)
    if isinstance(value, str):
        text = value.strip()
        if text.isascii() and text.isdigit() and len(text) <= 20:
            return int(text)
    return None


def entry_id(value: object) -> str | None:
    """An entry id (the plugin's are comment ids: digits), canonical, or None."""
    found = number(value)
    return str(found) if found is not None else None


def _epoch(value: object) -> datetime | None:
    seconds = number(value)
    if seconds is None or seconds > _MAX_EPOCH:
        return None
    return datetime.fromtimestamp(seconds, timezone.utc)


def share_link(page: str, entry: str) -> str:
    """The plugin's share link of an entry: ``<permalink>#<id>``."""
    return f"{urldefrag(page).url}#{entry}"


@dataclass(frozen=True, slots=True)
class JsonEntry:
    """One item of a JSON answer: an entry to store, or the news that one was deleted.

    Attributes:
        id: The entry's id.
        deleted: The item records the entry's deletion.
        entry: The entry (None for a deletion).
        timestamp: The item's own comment time (epoch seconds), or None.

    """

    id: str
    deleted: bool
    entry: Entry | None
    timestamp: int | None


def _names(authors: object) -> tuple[str, ...]:
    """Author names from ``authors`` (each ``name`` is HTML: the frontend renders it so)."""
    if not isinstance(authors, list):
        return ()
    names = []
    for author in authors:
        if isinstance(author, Mapping) and isinstance(author.get(AUTHOR_NAME), str):
            name = walker.html_to_text(author[AUTHOR_NAME])
            if name and name not in names:
                names.append(name)
    return tuple(names)


def _json_link(value: object, page: str, entry: str) -> str:
    link = clean_inline(value) if isinstance(value, str) else ""
    return link if is_safe_link(link) else share_link(page, entry)


def entry_from_json(item: object, page: str) -> JsonEntry | None:
    """Read one entry of a JSON answer; None (logged) when it has no id or no time.

    Args:
        item: One element of ``entries`` (or of the key-events list).
        page: The blog's page, for links the entry lacks.

    """
    if not isinstance(item, Mapping):
        return None
    found = entry_id(item.get(Json.ID))
    stamp = number(item.get(Json.TIMESTAMP))
    if found is None:
        _log.info("a Liveblog entry without a usable id was skipped")
        return None
    if item.get(Json.TYPE) == TYPE_DELETE:
        return JsonEntry(found, True, None, stamp)
    published = _epoch(item.get(Json.ENTRY_TIME)) or _epoch(stamp)
    if published is None:
        _log.info("Liveblog entry %s has no time: skipped", found)
        return None
    render = item.get(Json.RENDER)
    headline = item.get(Json.HEADLINE)
    css = item.get(Json.CSS)
    classes = set(css.split()) if isinstance(css, str) else set()
    edited = _epoch(stamp)
    entry = Entry(
        id=found,
        published=published,
        updated=edited if edited is not None and edited > published else None,
        # The frontend shows the headline as text (authors' names as HTML).
        title=(clean_inline(headline) or None) if isinstance(headline, str) else None,
        body=blocks_from_html(render, page) if isinstance(render, str) else (),
        url=_json_link(item.get(Json.SHARE_LINK), page, found),
        authors=_names(item.get(Json.AUTHORS)),
        key_event=item.get(Json.KEY_EVENT) is True or bool(classes & KEY_CLASSES),
    )
    return JsonEntry(found, False, entry, stamp)


def node_id(node: LexborNode) -> str | None:
    """The id an entry element names itself by (``data-entry-id``, its ``id``, its class)."""
    attrs = node.attributes
    found = entry_id(attrs.get(ENTRY_ID_ATTR))
    if found is not None:
        return found
    own = (attrs.get("id") or "").strip()
    for pattern in ENTRY_ID_PATTERNS:
        match = pattern.match(own)
        if match:
            return str(int(match.group(1)))
    for name in (attrs.get("class") or "").split():
        match = ENTRY_CLASS_ID.match(name)
        if match:
            return str(int(match.group(1)))
    return None


def node_timestamp(node: LexborNode) -> int | None:
    """An entry element's ``data-timestamp`` (epoch seconds), or None."""
    return number(node.attributes.get(TIMESTAMP_ATTR))


def entry_from_node(node: LexborNode, permalink: str) -> Entry | None:
    """Read one entry element of the page; None (logged) without id, time or content.

    An element with nothing in it is the shell of a deleted entry (the
    plugin's list keeps the deleting comment): it is no entry.

    Args:
        node: The entry's element.
        permalink: The post's permalink: links resolve against it, share links hang off it.

    """
    found = node_id(node)
    if found is None:
        return None
    published = _epoch(node_timestamp(node))
    if published is None:
        stamp = node.css_first(ENTRY_TIME)
        value: Any = stamp.attributes.get("datetime") if stamp is not None else None
        try:
            published = parse_time(clean_inline(value)) if isinstance(value, str) else None
        except ValueError:
            published = None
    if published is None:
        _log.info("Liveblog entry %s in the page has no time: skipped", found)
        return None
    content = node.css_first(ENTRY_BODY)
    body = blocks_from_node(content, permalink) if content is not None else ()
    headline = node.css_first(ENTRY_HEADLINE)
    title = walker.inline_text(headline) if headline is not None else ""
    if not body and not title:
        return None
    names: list[str] = []
    for author in node.css(ENTRY_AUTHORS):
        name = walker.inline_text(author)
        if name and name not in names:
            names.append(name)
    classes = set((node.attributes.get("class") or "").split())
    return Entry(
        id=found,
        published=published,
        updated=None,
        title=title or None,
        body=body,
        url=share_link(permalink, found),
        authors=tuple(names),
        key_event=bool(classes & KEY_CLASSES),
    )
