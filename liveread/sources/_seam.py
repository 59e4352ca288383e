"""Where a source's snapshot enters liveread: checked against the snapshot rules, then sanitized.

Every snapshot any source returns (built in or installed by another package)
passes here, in the registry, before the follower, the cache or an output
sees it:

1. :func:`check` holds it to the rules of ``docs/sources.md`` ("The snapshot
   rules"): which kind each response is, which fields a kind of response may
   carry, what ``feed_ids`` may name. A source that breaks one gets a
   :class:`~liveread.errors.RuleBroken` that names the source, the rule and
   what to do, instead of a confusing effect further on.
2. :func:`sanitize` runs every text a reader may see (titles, text, captions,
   credits, authors, ids, URLs, of the snapshot, its entries, blocks, images
   and requests) through :mod:`liveread.sanitize`, whoever wrote the source,
   and makes every time UTC (a naive one is taken as UTC). A well-behaved
   source's snapshot comes out as the same object, nothing rebuilt. The
   ``cursor`` and ``source_data`` are the source's own, never shown, and
   pass as they are.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from typing import Any, Literal, TypeVar
from urllib.parse import urlsplit

from liveread.errors import RuleBroken
from liveread.model import (
    BLOCK_KINDS,
    EMBED_KINDS,
    MAX_HEADERS,
    Block,
    Entry,
    EntryRef,
    Image,
    Pages,
    Request,
    Snapshot,
    header_problem,
)
from liveread.sanitize import clean, clean_inline
from liveread.urls import continues_on_site

__all__ = ["PARTS", "Part", "check", "check_request", "sanitize"]

Part = Literal["page", "feed", "older", "update", "entry"]
"""What a response is to the blog: its page 1 (read by detection), the feed page 1
names, an older page of the walk, an answer to ``update_request``, an entry's answer."""

#: How messages name each part, and the method that reads it.
PARTS: dict[Part, tuple[str, str]] = {
    "page": ("page 1", "parse"),
    "feed": ("the feed page 1 names", "parse"),
    "older": ("an older page", "parse"),
    "update": ("an answer to update_request", "read_update"),
    "entry": ("an entry's answer (Snapshot.elsewhere)", "read_update"),
}
_PAGES: frozenset[Part] = frozenset({"page", "feed", "older"})
_LINKS = ("newest", "newer", "older", "oldest")

T = TypeVar("T")
_ZERO = timedelta(0)


def _broken(source: str, part: Part, rule: str) -> RuleBroken:
    what, method = PARTS[part]
    return RuleBroken(
        f"the source {source!r} broke a snapshot rule in {method}() reading {what}: {rule} "
        "(see docs/sources.md, 'The snapshot rules'); its author can fix it"
    )


def _web_url(url: object) -> bool:
    """True for an absolute http(s) URL with a host."""
    if not isinstance(url, str):
        return False
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def _request_rule(request: object, what: str) -> str | None:
    if not isinstance(request, Request):
        return f"{what} is a liveread.model.Request"
    if not _web_url(request.url):
        return f"{what}'s url is an absolute http(s) URL (got {request.url!r:.80})"
    headers = request.headers
    if not isinstance(headers, tuple) or len(headers) > MAX_HEADERS:
        return f"{what}'s headers are a tuple of at most {MAX_HEADERS} (name, value) pairs"
    for pair in headers:
        if not isinstance(pair, tuple) or len(pair) != 2:
            return f"{what}'s headers are (name, value) pairs"
        broken = header_problem(*pair)
        if broken:
            return f"{what}: {broken}"
    return None


def _entry_rule(entry: object) -> str | None:
    """The rule *entry* breaks, or None."""
    if not isinstance(entry, Entry):
        return "entries holds liveread.model.Entry values"
    if not isinstance(entry.id, str) or not entry.id.strip():
        return "every entry has a non-empty string id"
    if not isinstance(entry.published, datetime):
        return f"entry {entry.id!r:.40}: published is a datetime"
    if entry.updated is not None and not isinstance(entry.updated, datetime):
        return f"entry {entry.id!r:.40}: updated is a datetime or None"
    if entry.title is not None and not isinstance(entry.title, str):
        return f"entry {entry.id!r:.40}: title is a string or None"
    if not isinstance(entry.url, str):
        return f"entry {entry.id!r:.40}: url is a string (its permalink)"
    if not isinstance(entry.body, tuple):
        return f"entry {entry.id!r:.40}: body is a tuple of Block"
    for block in entry.body:
        if not isinstance(block, Block) or block.kind not in BLOCK_KINDS:
            kinds = ", ".join(BLOCK_KINDS)
            return f"entry {entry.id!r:.40}: body holds Blocks of the kinds {kinds}"
        if not isinstance(block.text, str):
            return f"entry {entry.id!r:.40}: a block's text is a string"
        if block.kind == "embed" and block.embed not in EMBED_KINDS:
            return f"entry {entry.id!r:.40}: an embed's kind is one of {', '.join(EMBED_KINDS)}"
        if block.kind == "image" and not isinstance(block.image, Image):
            return f"entry {entry.id!r:.40}: an image block carries its Image"
    if not isinstance(entry.authors, tuple):
        return f"entry {entry.id!r:.40}: authors is a tuple of names"
    return None


def _shape_rule(snapshot: Snapshot, source: str, part: Part) -> str | None:
    """The kind, the source's name, the types of the texts and the entries."""
    # Content read on its own (``liveread parse``, a followed blog's page 1) may
    # be a page or bare entries; the follower wants a page there and says so.
    want = "page" if part in _PAGES else "update"
    if part != "page" and snapshot.kind != want:
        hint = "" if want == "page" else " (Snapshot.as_update makes one of a page)"
        return f"it is kind {want!r}, not {snapshot.kind!r}{hint}"
    for name in ("url", "title", "standfirst", "site_name"):
        if not isinstance(getattr(snapshot, name), str):
            return f"{name} is a string"
    if not isinstance(snapshot.source, str) or not snapshot.source.strip():
        return f"source names what read it (the source's name, {source!r})"
    if not isinstance(snapshot.entries, tuple):
        return "entries is a tuple of Entry"
    for entry in snapshot.entries:
        broken = _entry_rule(entry)
        if broken:
            return broken
    if snapshot.window is not None and (
        not isinstance(snapshot.window, int) or isinstance(snapshot.window, bool)
    ):
        return "window is a number of entries or None"
    return None


def _continues_rule(link: object, part: Part, blog: str) -> str | None:
    """What ``continues_at`` may name: another live blog on the blog's own host."""
    if part == "older":
        return "only page 1, its feed and answers name the blog that continues (not an older page)"
    if not isinstance(link, str) or not continues_on_site(link, blog):
        return (
            "continues_at is an http(s) URL of another blog on the blog's own host "
            f"(a chain never leaves its site; got {link!r:.80})"
        )
    return None


def _place_rule(snapshot: Snapshot, part: Part, blog: str) -> str | None:
    """Pages, the feed and entries named elsewhere: only where they mean something."""
    if part == "older" and (snapshot.pages is None or snapshot.pages.current < 2):
        return "an older page says where it sits: pages with current of 2 or more"
    if part not in _PAGES and snapshot.pages is not None:
        return "an answer has no pages (its entries are placed by their times)"
    if snapshot.pages is not None:
        for name in _LINKS:
            link = getattr(snapshot.pages, name)
            if link is not None and not _web_url(link):
                return f"pages.{name} is an absolute http(s) URL or None (got {link!r:.80})"
    if snapshot.feed is not None:
        if part != "page":
            return "only page 1 names a feed (Snapshot.feed)"
        broken = _request_rule(snapshot.feed, "feed")
        if broken:
            return broken
    if part == "entry" and snapshot.elsewhere:
        return "an entry's answer names no further entries (elsewhere is empty)"
    if snapshot.continues_at is not None:
        broken = _continues_rule(snapshot.continues_at, part, blog)
        if broken:
            return broken
    for ref in snapshot.elsewhere:
        if not isinstance(ref, EntryRef):
            return "elsewhere holds liveread.model.EntryRef values"
        broken = _request_rule(ref.request, f"elsewhere[{ref.id!r:.40}].request")
        if broken:
            return broken
    return None


def _ids_rule(snapshot: Snapshot, asked: str | None) -> str | None:
    """What ``feed_ids``, ``removed_ids`` and ``partial_ids`` may name."""
    ids = {e.id for e in snapshot.entries}
    refs = {ref.id for ref in snapshot.elsewhere}
    unknown = [i for i in snapshot.feed_ids if i not in ids and i not in refs]
    if unknown:
        return (
            "every id of feed_ids is an entry of the snapshot or named in elsewhere "
            f"({unknown[0]!r:.40} is neither)"
        )
    deleted = set(snapshot.removed_ids) & set(snapshot.feed_ids)
    if deleted:
        return f"a deleted id is in removed_ids, not in feed_ids ({sorted(deleted)[0]!r:.40})"
    thin = [i for i in snapshot.partial_ids if i not in ids]
    if thin:
        return f"every id of partial_ids is an entry of the snapshot ({thin[0]!r:.40} is not)"
    if asked is not None and asked not in ids:
        return f"an entry's answer holds the entry it was asked for ({asked!r:.40})"
    return None


def _rule(snapshot: object, source: str, part: Part, asked: str | None, blog: str) -> str | None:
    """The first rule *snapshot* breaks as *part* of a blog, or None."""
    if not isinstance(snapshot, Snapshot):
        return "return a liveread.model.Snapshot"
    return (
        _shape_rule(snapshot, source, part)
        or _place_rule(snapshot, part, blog)
        or _ids_rule(snapshot, asked)
    )


def check(
    snapshot: object, source: str, part: Part, *, asked: str | None = None, blog: str = ""
) -> Snapshot:
    """Hold *snapshot* to the snapshot rules for *part*; return it when it keeps them.

    Args:
        snapshot: What the source returned.
        source: The source's name.
        part: What the response was to the blog.
        asked: For an entry's answer, the id of the entry asked for.
        blog: The URL of the blog's page 1 (the blog that continues must be on its host).

    Raises:
        RuleBroken: A rule is broken; the message names the source and the rule.

    """
    broken = _rule(snapshot, source, part, asked, blog)
    if broken is not None:
        raise _broken(source, part, broken)
    assert isinstance(snapshot, Snapshot)
    return snapshot


def check_request(request: object, source: str) -> Request:
    """Hold what ``update_request`` returned to the rules; return it sanitized.

    Raises:
        RuleBroken: It is not a Request for an absolute http(s) URL.

    """
    broken = _request_rule(request, "the request")
    if broken is not None:
        raise RuleBroken(
            f"the source {source!r} broke a rule in update_request(): {broken} "
            "(see docs/sources.md); its author can fix it"
        )
    assert isinstance(request, Request)
    fixed = _request(request)
    assert fixed is not None
    return fixed


# -- sanitizing ------------------------------------------------------------------------


def _same(items: tuple[T, ...], fix: Callable[[T], T]) -> tuple[T, ...]:
    """*items* with *fix* applied, the very same tuple when nothing changed."""
    fixed = tuple(fix(item) for item in items)
    return items if all(a is b for a, b in zip(fixed, items, strict=True)) else fixed


def _line(text: str) -> str:
    """A one-line field: what holds a control or line break is cleaned and collapsed."""
    return text if not isinstance(text, str) or text.isprintable() else clean_inline(text)


def _opt(text: str | None) -> str | None:
    return None if text is None else _line(text)


def _utc(moment: datetime) -> datetime:
    """*moment* in UTC; a naive one is taken as UTC (one that cannot be moved stays)."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=timezone.utc)
    if moment.utcoffset() == _ZERO:
        return moment
    try:
        return moment.astimezone(timezone.utc)
    except (OverflowError, ValueError):
        return moment


def _image(image: Image | None) -> Image | None:
    if image is None:
        return None
    caption, credit, url = _line(image.caption), _line(image.credit), _opt(image.url)
    if caption is image.caption and credit is image.credit and url is image.url:
        return image
    return Image(caption, credit, url)


def _block(block: Block) -> Block:
    text = clean(block.text)
    image = _image(block.image)
    title, url = _opt(block.title), _opt(block.url)
    if text is block.text and image is block.image and title is block.title and url is block.url:
        return block
    return replace(block, text=text, image=image, title=title, url=url)


def _entry_is_clean(entry: Entry) -> bool:
    """True when nothing of *entry* needs the sanitizer and its times are UTC (the usual case).

    One look at all its one-line fields together and one at all its texts,
    instead of a call per field: the seam's cost on a page of a well-behaved
    source is a few string joins per entry.
    """
    if entry.published.utcoffset() != _ZERO or (
        entry.updated is not None and entry.updated.utcoffset() != _ZERO
    ):
        return False
    inline = [entry.id, entry.title or "", entry.url, *entry.authors]
    texts = []
    for block in entry.body:
        texts.append(block.text)
        inline.append(block.title or "")
        inline.append(block.url or "")
        if block.image is not None:
            inline += (block.image.caption, block.image.credit, block.image.url or "")
    if not "".join(inline).isprintable():
        return False
    text = "".join(texts)
    return clean(text) is text


def _entry(entry: Entry) -> Entry:
    if _entry_is_clean(entry):
        return entry
    fixed: dict[str, Any] = {
        "id": _line(entry.id),
        "published": _utc(entry.published),
        "updated": None if entry.updated is None else _utc(entry.updated),
        "title": _opt(entry.title),
        "body": _same(entry.body, _block),
        "url": _line(entry.url),
        "authors": _same(entry.authors, _line),
    }
    if all(value is getattr(entry, name) for name, value in fixed.items()):
        return entry
    return entry.with_changes(**fixed)


def _request(request: Request | None) -> Request | None:
    if request is None:
        return None
    url, accept = _line(request.url), _opt(request.accept)
    if url is request.url and accept is request.accept:
        return request  # (its headers are printable ASCII: the rule says so)
    return Request(url, accept, request.headers)


def _ref(ref: EntryRef) -> EntryRef:
    ref_id, request = _line(ref.id), _request(ref.request)
    updated = None if ref.updated is None else _utc(ref.updated)
    if ref_id is ref.id and request is ref.request and updated is ref.updated:
        return ref
    assert request is not None
    return EntryRef(ref_id, request, updated)


def _pages(pages: Pages | None) -> Pages | None:
    if pages is None:
        return None
    links = [_opt(getattr(pages, name)) for name in _LINKS]
    if all(a is getattr(pages, name) for a, name in zip(links, _LINKS, strict=True)):
        return pages
    return Pages(pages.current, pages.total, *links)


def _ids(ids: Iterable[str]) -> tuple[str, ...]:
    given = tuple(ids)
    return _same(given, _line)


def sanitize(snapshot: Snapshot) -> Snapshot:
    """*snapshot* with every text a reader may see sanitized and every time in UTC.

    The same object when nothing needed it (a built-in source cleans as it reads).
    """
    fixed: dict[str, Any] = {
        "url": _line(snapshot.url),
        "source": _line(snapshot.source),
        "entries": _same(snapshot.entries, _entry),
        "title": _line(snapshot.title),
        "standfirst": clean(snapshot.standfirst),
        "main_image": _image(snapshot.main_image),
        "pages": _pages(snapshot.pages),
        "feed_ids": _ids(snapshot.feed_ids),
        "site_name": _line(snapshot.site_name),
        "removed_ids": _ids(snapshot.removed_ids),
        "partial_ids": _ids(snapshot.partial_ids),
        "feed": _request(snapshot.feed),
        "elsewhere": _same(snapshot.elsewhere, _ref),
        "continues_at": _opt(snapshot.continues_at),
    }
    if all(value is getattr(snapshot, name) for name, value in fixed.items()):
        return snapshot
    return replace(snapshot, **fixed)
