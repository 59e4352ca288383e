"""The plugin's three JSON answers, told apart by their shape, read into snapshots.

- paged (``get-entries/<page>/<anchor>``): ``{"entries": [...], "page": N,
  "pages": M}``, the flattened entries (each edit folded into its entry,
  deleted ones gone), newest first: one page of the history walk, whose
  ``older`` is the same URL with page N + 1, until page M;
- entries since (``entries/<start>/<end>/``): ``{"entries": [...],
  "latest_timestamp": T, ...}``, the comments of the window in time order: a
  new entry, an edit (``"type": "update"``, the entry's new version under its
  own id) or a deletion (``"type": "delete"``); an update snapshot whose
  ``removed_ids`` are the deletions;
- key events (``get-key-events/<anchor>``): a JSON list of entries, every key
  event of the blog.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal
from urllib.parse import unquote, urldefrag

from liveread.errors import LayoutChanged
from liveread.model import Entry, Pages, Snapshot, sort_newest_first
from liveread.sources.wpliveblog._entries import JsonEntry, entry_from_json, number
from liveread.sources.wpliveblog._format import NAME, PAGE_ROUTE, Json
from liveread.urls import blog_url, host

__all__ = ["Answer", "answer_kind", "parse_key_events", "parse_paged", "parse_since"]

Answer = Literal["paged", "since", "key_events"]
#: Keys every entry of the plugin's JSON carries (``for_json``).
_ENTRY_KEYS = (Json.ID, Json.TYPE, Json.RENDER)


def _looks_like_entry(item: object) -> bool:
    return isinstance(item, Mapping) and all(key in item for key in _ENTRY_KEYS)


def answer_kind(data: object) -> Answer | None:
    """Which of the plugin's answers *data* (decoded JSON) is, or None when it is none of them."""
    if isinstance(data, list):
        return "key_events" if data and all(_looks_like_entry(i) for i in data) else None
    if not isinstance(data, Mapping):
        return None
    entries = data.get(Json.ENTRIES)
    if not isinstance(entries, list) or not all(_looks_like_entry(i) for i in entries):
        return None
    if Json.LATEST in data:
        return "since"
    if Json.PAGE in data and Json.PAGES in data:
        return "paged"
    return None


def _blog_page(items: list[JsonEntry], url: str) -> str:
    """The blog's page: where the entries' share links point, else the answer's own URL."""
    for item in items:
        if item.entry is not None and "#" in item.entry.url:
            return blog_url(urldefrag(item.entry.url).url)
    return blog_url(url)


def _read(entries: object, page: str, where: str) -> list[JsonEntry]:
    """Every readable item; LayoutChanged when there were items and none could be read."""
    items = entries if isinstance(entries, list) else []
    found = [e for e in (entry_from_json(item, page) for item in items) if e is not None]
    if items and not found:
        raise LayoutChanged(f"{where}: Liveblog entries came, but none could be read")
    return found


def _split(items: list[JsonEntry]) -> tuple[list[Entry], tuple[str, ...]]:
    """Entries to store (each id once, the last version) and the ids reported deleted."""
    latest: dict[str, JsonEntry] = {}
    for item in items:  # in answer order: a later comment about an entry supersedes
        latest.pop(item.id, None)
        latest[item.id] = item
    entries = [i.entry for i in latest.values() if not i.deleted and i.entry is not None]
    deleted = tuple(i.id for i in latest.values() if i.deleted)
    return entries, deleted


def _with_page(url: str, number_: int) -> str | None:
    """The same paged URL asking for page *number_* (the anchor kept), or None."""
    match = PAGE_ROUTE.search(url)
    if match is None:
        url = unquote(url)
        match = PAGE_ROUTE.search(url)
    if match is None:
        return None
    return url[: match.start(1)] + str(number_) + url[match.end(1) :]


def parse_paged(data: Mapping[str, Any], url: str, *, page_hint: str | None = None) -> Snapshot:
    """Read one page of the paged route into a page snapshot whose ``older`` is the next page.

    Args:
        data: The decoded answer.
        url: The URL it answered (the next page's URL is built from it).
        page_hint: The blog's page, for entries without share links.

    Only page 1 counted from the newest entry is the blog's first page; the
    pages after it say their own number, so they never flag removals.
    """
    where = host(url)
    current = number(data.get(Json.PAGE)) or 1
    total = max(current, number(data.get(Json.PAGES)) or 0)
    items = _read(data.get(Json.ENTRIES), page_hint or blog_url(url), where)
    entries, deleted = _split(items)
    older = _with_page(url, current + 1) if current < total else None
    newer = _with_page(url, current - 1) if current > 1 else None
    return Snapshot(
        url=_blog_page(items, url),
        source=NAME,
        entries=sort_newest_first(entries),
        pages=Pages(current, total, newest=_with_page(url, 1), newer=newer, older=older),
        feed_ids=tuple(e.id for e in entries),
        kind="page",
        removed_ids=deleted,
    )


def parse_since(
    data: Mapping[str, Any], url: str, *, page_hint: str | None = None
) -> tuple[Snapshot, int | None]:
    """Read an entries-since answer: new and edited entries, deletions, and its newest time.

    Returns:
        The update snapshot (cursor unset: the source decides it) and the
        newest comment time the answer holds (None when it holds none).

    """
    items = _read(data.get(Json.ENTRIES), page_hint or blog_url(url), host(url))
    entries, deleted = _split(items)
    stamps = [i.timestamp for i in items if i.timestamp is not None]
    latest = number(data.get(Json.LATEST))
    if latest is not None:
        stamps.append(latest)
    snapshot = Snapshot(
        url=_blog_page(items, url),
        source=NAME,
        entries=sort_newest_first(entries),
        feed_ids=tuple(e.id for e in entries),
        kind="update",
        removed_ids=deleted,
    )
    return snapshot, max(stamps) if stamps else None


def parse_key_events(data: list[Any], url: str) -> Snapshot:
    """Read the key-events answer: every key event of the blog (``key_events_complete``)."""
    items = _read(data, blog_url(url), host(url))
    entries, _ = _split(items)
    flagged = [e.with_changes(key_event=True) for e in entries]  # the route lists only those
    return Snapshot(
        url=_blog_page(items, url),
        source=NAME,
        entries=sort_newest_first(flagged),
        kind="update",
        key_events_complete=True,
    )
