"""Page-level parts of a Guardian blog: merging entries, pagination, polling, the pinned post.

One page carries the same block up to three times (in its feed, as the pinned
post, in the key-events list). :func:`assemble` keeps each once, the feed's
copy first, and merges their flags. The rest reads what surrounds the feed:
pagination links, the Liveness island's polling details, the pinned copy
and the main image.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import parse_qs, urlsplit

from selectolax.lexbor import LexborNode

from liveread.errors import LayoutChanged
from liveread.model import Entry, Image, Pages, sort_newest_first
from liveread.sanitize import clean_inline
from liveread.sources._html import inline_text
from liveread.sources.guardian._blocks import clean_url, image_from_figure
from liveread.sources.guardian._entries import (
    bare_id,
    entry_from_article,
    entry_from_block,
    epoch_ms,
    id_from_link,
    merge_flags,
    time_in,
)
from liveread.urls import join

__all__ = [
    "DEFAULT_AJAX_URL",
    "Pinned",
    "assemble",
    "html_pages",
    "layout_changed",
    "main_image",
    "model_pages",
    "page_link",
    "pinned_post",
    "poll_info",
    "unique_blocks",
]

#: The update endpoint's base in production, used when a live page does not name one.
DEFAULT_AJAX_URL = "https://api.nextgen.guardianapps.co.uk"
#: Pagination link labels (lower case) and the Pages field each fills.
PAGE_LINKS = {
    "newest": "newest",
    "previous": "newer",
    "newer": "newer",
    "next": "older",
    "older": "older",
    "oldest": "oldest",
}
_PAGE_PARAM = re.compile(r"with:block-[A-Za-z0-9]+")
_POSITION = re.compile(r"(\d+)\s+of\s+(\d+)")

#: The pinned post's id and a builder for its entry (built only when needed).
Pinned = tuple[str, Callable[[], "Entry | None"]]


def layout_changed(blog: str, what: str) -> LayoutChanged:
    """Build the error for a Guardian page whose entries cannot be found."""
    return LayoutChanged(
        f"the Guardian page {blog} {what}, but no entries could be read from it: "
        "the site's markup may have changed (please report it)"
    )


def unique_blocks(blocks: Iterable[object]) -> list[dict[str, Any]]:
    """Keep the key-event blocks with an id, each id once (carousels are rendered twice)."""
    seen: set[str] = set()
    out: list[dict[str, Any]] = []
    for block in blocks:
        if isinstance(block, dict):
            block_id = bare_id(block.get("id"))
            if block_id is not None and block_id not in seen:
                seen.add(block_id)
                out.append(block)
    return out


def _key_flags(attributes: object) -> dict[str, bool]:
    """Return the flags a key-events list gives its block (a key event unless a summary)."""
    attrs = attributes if isinstance(attributes, dict) else {}
    summary = attrs.get("summary") is True
    return {
        "keyEvent": attrs.get("keyEvent") is True or not summary,
        "summary": summary,
        "pinned": attrs.get("pinned") is True,
    }


def assemble(
    feed: list[Entry], pinned: Pinned | None, key_blocks: Iterable[dict[str, Any]], blog: str
) -> tuple[tuple[Entry, ...], tuple[str, ...]]:
    """Merge the feed, the pinned post and key events into entries and feed ids.

    Each id appears once: the feed's copy wins, then the pinned copy, then the
    key-events copy; flags are merged, and copies are built only when needed.
    Exactly one entry (the named pinned post, else the first flagged) stays
    pinned. Returns the entries newest first and the feed's ids in page order.
    """
    by_id: dict[str, Entry] = {}
    for entry in feed:
        by_id.setdefault(entry.id, entry)
    feed_ids = tuple(by_id)
    pinned_id = pinned[0] if pinned is not None else None
    if pinned is not None:
        if pinned[0] in by_id:
            by_id[pinned[0]] = merge_flags(by_id[pinned[0]], {"pinned": True})
        else:
            copy = pinned[1]()
            if copy is not None:
                by_id[copy.id] = merge_flags(copy, {"pinned": True})
    for block in key_blocks:
        block_id = bare_id(block.get("id"))
        if block_id is None:
            continue
        if block_id in by_id:
            by_id[block_id] = merge_flags(by_id[block_id], _key_flags(block.get("attributes")))
        else:
            key_entry = entry_from_block(block, blog, key=True)
            if key_entry is not None:
                by_id[block_id] = key_entry
    flagged = [entry.id for entry in by_id.values() if entry.pinned]
    keep = pinned_id if pinned_id in by_id else (flagged[0] if flagged else None)
    for block_id in flagged:
        if block_id != keep:
            by_id[block_id] = by_id[block_id].with_changes(pinned=False)
    return sort_newest_first(list(by_id.values())), feed_ids


def page_link(blog: str, link: object) -> str | None:
    """Make a pagination link absolute, keeping only its ``page`` parameter (no filters)."""
    cleaned = clean_url(link)
    if cleaned is None:
        return None
    parts = urlsplit(cleaned)
    page = parse_qs(parts.query).get("page")
    if page and _PAGE_PARAM.fullmatch(page[0]):
        return f"{blog}?page={page[0]}"
    if parts.scheme and parts.scheme not in ("http", "https"):
        return None
    return join(blog, parts._replace(fragment="").geturl())


def model_pages(pagination: object, blog: str) -> Pages | None:
    """Read the model's ``pagination`` as Pages (None for a blog of one page)."""
    if not isinstance(pagination, dict):
        return None
    try:
        current, total = int(pagination["currentPage"]), int(pagination["totalPages"])
    except (KeyError, TypeError, ValueError):
        return None
    if total <= 1:
        return None
    links = (page_link(blog, pagination.get(key)) for key in ("newest", "newer", "older", "oldest"))
    return Pages(current, total, *links)


def html_pages(nav: LexborNode | None, blog: str) -> Pages | None:
    """Read ``nav#liveblog-navigation``: ``<strong>N</strong> of <strong>M</strong>`` and links."""
    if nav is None:
        return None
    numbers = [inline_text(strong) for strong in nav.css("strong")]
    if len(numbers) >= 2 and numbers[0].isdigit() and numbers[1].isdigit():
        current, total = int(numbers[0]), int(numbers[1])
    else:
        match = _POSITION.search(inline_text(nav))
        if match is None:
            return None
        current, total = int(match.group(1)), int(match.group(2))
    if total <= 1:
        return None
    links: dict[str, str | None] = {}
    for link in nav.css("a[href]"):
        label = inline_text(link) or clean_inline(link.attributes.get("aria-label") or "")
        field = PAGE_LINKS.get(label.lower().split(" ")[0]) if label else None
        if field and field not in links:
            links[field] = page_link(blog, link.attributes.get("href"))
    return Pages(
        current,
        total,
        links.get("newest"),
        links.get("newer"),
        links.get("older"),
        links.get("oldest"),
    )


def poll_info(ajax_url: object, page_id: object, blog: str) -> dict[str, str]:
    """The update endpoint's details (``ajax_url``, ``page_id``), defaulted as the site does."""
    ajax = clean_url(ajax_url) or ""
    page = clean_url(page_id) or ""
    return {
        "ajax_url": ajax or DEFAULT_AJAX_URL,
        "page_id": page.strip("/") or urlsplit(blog).path.strip("/"),
    }


def pinned_post(
    holder: LexborNode | None, blog: str, key_blocks: list[dict[str, Any]]
) -> Pinned | None:
    """Find the pinned post in ``#pinned-post``: its id and a builder for its copy.

    The copy is an ``article.block`` without an id (its header link names
    it) and without a time: that comes from the "From" time above it, else the
    same block among the key events, else its id.
    """
    article = holder.css_first("article") if holder is not None else None
    if holder is None or article is None:
        return None
    link = article.css_first('header a[href*="block-"]')
    block_id = id_from_link(link.attributes.get("href")) if link is not None else None
    block_id = block_id or bare_id(article.attributes.get("id"))
    if block_id is None:
        return None

    def build() -> Entry | None:
        published = None
        for part in holder.iter():
            if published is None and part.tag != "article" and part.css_first("article") is None:
                published = time_in(part)
        if published is None:
            twin = next((b for b in key_blocks if bare_id(b.get("id")) == block_id), None)
            published = epoch_ms(twin.get("blockFirstPublished")) if twin is not None else None
        return entry_from_article(article, blog, published=published, pinned=True)

    return block_id, build


def main_image(figure: LexborNode | None) -> Image | None:
    """Read the main media figure's image, when the main media is a picture."""
    if figure is None or figure.css_first("img") is None:
        return None
    return image_from_figure(figure)
