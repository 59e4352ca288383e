"""Guardian blocks to entries: a JSON block, or a rendered ``article.block``.

A block is identified by a 24-hex MongoDB ObjectId (``block-<id>`` on the
page), published at ``blockFirstPublished`` (epoch ms) or at the
``time[datetime]`` in its header, and edited when ``blockLastUpdated`` is later
(the page then shows "Updated at" and a ``time`` in its footer). Both readers
here give the same Entry for the same block.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from typing import Any

from selectolax.lexbor import LexborNode

from liveread.model import Entry
from liveread.sources._html import clean_line, inline_text
from liveread.sources.guardian._blocks import as_dict, blocks_from_elements
from liveread.sources.guardian._markup import article_blocks, island_props
from liveread.times import parse_time

__all__ = [
    "PERMALINK",
    "article_id",
    "bare_id",
    "entry_from_article",
    "entry_from_block",
    "entry_url",
    "epoch_ms",
    "id_from_link",
    "merge_flags",
    "time_in",
]

#: A block id as links write it (``page=with:block-<id>``, the colon maybe escaped).
PERMALINK = re.compile(r"page=with(?::|%3[Aa])block-([A-Za-z0-9]+)")
#: The link the original of the pinned post carries to its pinned copy.
PINNED_LINK_SUFFIX = "#pinned-post"
#: The island whose props repeat a block's time (``then``, epoch ms).
RELATIVE_TIME = "RelativeTime"
_ID = re.compile(r"[A-Za-z0-9]{1,64}")
#: An element id as rendered: ``block-`` and a plain id, nothing around them.
_PLAIN_BLOCK_ID = re.compile(r"block-([A-Za-z0-9]{1,64})")
_OBJECT_ID = re.compile(r"[0-9a-fA-F]{24}")
_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)


def bare_id(value: object) -> str | None:
    """Return a block id without its ``block-`` prefix, or None when it is not a plain id."""
    if not isinstance(value, str):
        return None
    plain = _PLAIN_BLOCK_ID.fullmatch(value)
    if plain is not None:  # the usual ``block-<id>``: nothing to strip or check further
        return plain.group(1)
    text = value.strip()
    if text.startswith("block-"):
        text = text[len("block-") :]
    # The frontend renames the pinned copy "<id>-pinned" before rendering
    # (renamePinnedBlock): it is the same entry.
    text = text.removesuffix("-pinned")
    return text if _ID.fullmatch(text) else None


def id_from_link(href: str | None) -> str | None:
    """Return the block id in a permalink (``…?page=with:block-<id>#block-<id>``), or None."""
    match = PERMALINK.search(href or "")
    return match.group(1) if match else None


def entry_url(blog: str, block_id: str) -> str:
    """Build the permalink of a block: the page that holds it, scrolled to it."""
    return f"{blog}?page=with:block-{block_id}#block-{block_id}"


def epoch_ms(value: object) -> datetime | None:
    """Convert epoch milliseconds to an aware UTC datetime (exact, no float rounding)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    try:
        return _EPOCH + timedelta(milliseconds=int(value))
    except (OverflowError, ValueError):
        return None


def object_id_time(block_id: str) -> datetime | None:
    """Return when an ObjectId was minted (its first 4 bytes): a last-resort publication time."""
    if not _OBJECT_ID.fullmatch(block_id):
        return None
    return _EPOCH + timedelta(seconds=int(block_id[:8], 16))


def _datetime_attr(node: LexborNode) -> datetime | None:
    """Parse a ``time`` element's ``datetime`` attribute (None when absent or malformed)."""
    try:
        return parse_time(node.attrs.get("datetime"))
    except ValueError:
        return None


def time_in(node: LexborNode | None) -> datetime | None:
    """Return the first ``time[datetime]`` under *node*, else a RelativeTime island's epoch."""
    if node is None:
        return None
    relative: LexborNode | None = None
    for part in node.traverse():
        if part.tag == "time":
            moment = _datetime_attr(part)
            if moment is not None:
                return moment
        elif part.tag == "gu-island" and relative is None:
            relative = part if part.attributes.get("name") == RELATIVE_TIME else None
    return _island_time(relative)


def _island_time(island: LexborNode | None) -> datetime | None:
    """Return the epoch a RelativeTime island's props carry (``then``, or ``epoch``)."""
    if island is None:
        return None
    props = island_props(island)
    return epoch_ms(props.get("then", props.get("epoch")))


def entry_from_block(
    block: object,
    blog: str,
    *,
    key: bool = False,
    published: datetime | None = None,
) -> Entry | None:
    """Read a JSON block (data model, carousel, pinned post) as an Entry; None if unusable.

    Args:
        block: The block's JSON.
        blog: The blog's page URL (permalinks are built on it).
        key: The block comes from a key-events list: flag it a key event
            when its attributes say neither key event nor summary.
        published: Publication time to use when the block gives none.

    """
    if not isinstance(block, dict):
        return None
    block_id = bare_id(block.get("id"))
    if block_id is None:
        return None
    first = (
        epoch_ms(block.get("blockFirstPublished"))
        or epoch_ms(block.get("blockCreatedOn"))
        or published
        or object_id_time(block_id)
    )
    if first is None:
        return None
    last = epoch_ms(block.get("blockLastUpdated"))
    attributes = as_dict(block.get("attributes"))
    summary = attributes.get("summary") is True
    contributors = block.get("contributors")
    names = (
        clean_line(str(c.get("name") or ""))
        for c in (contributors if isinstance(contributors, list) else [])
        if isinstance(c, dict)
    )
    title = block.get("title")
    return Entry(
        id=block_id,
        published=first,
        # The page shows "Updated at" only for a later update; the data can be a second early.
        updated=last if last is not None and last > first else None,
        title=(clean_line(title) or None) if isinstance(title, str) else None,
        body=tuple(blocks_from_elements(block.get("elements"))),
        url=entry_url(blog, block_id),
        authors=tuple(dict.fromkeys(name for name in names if name)),
        key_event=attributes.get("keyEvent") is True or (key and not summary),
        summary=summary,
        pinned=attributes.get("pinned") is True,
    )


def _child(node: LexborNode, tag: str) -> LexborNode | None:
    """Return the first direct child element of *node* with *tag*."""
    for child in node.iter():
        if child.tag == tag:
            return child
    return None


def _byline(row: LexborNode) -> str:
    """Return the name in one header byline, ``div > (div > img[alt])? + span``, or ""."""
    name = ""
    pictures: list[LexborNode] = []
    for part in row.iter():
        tag = part.tag
        if tag == "a":
            return ""  # the permalink and time row, not a byline
        if tag == "span" and not name:
            name = inline_text(part)
        elif tag == "div":
            pictures.append(part)
    if name:
        return name
    # The picture's alt text names the writer only when no span does: looked up last.
    for picture in pictures:
        image = picture.css_first("img[alt]")
        if image is not None:
            return clean_line(image.attributes.get("alt") or "")
    return ""


class _Header:
    """What a rendered block's header says, read in one pass over its nodes."""

    __slots__ = ("authors", "block_id", "pinned", "published", "title")

    def __init__(self, header: LexborNode | None) -> None:
        self.block_id: str | None = None
        self.published: datetime | None = None
        self.title: str | None = None
        self.pinned = False
        if header is None:
            self.authors: tuple[str, ...] = ()
            return
        relative: LexborNode | None = None
        for node in header.traverse():
            tag = node.tag
            if tag == "a":
                self._link(node.attrs.get("href") or "")
            elif tag == "time":
                if self.published is None:
                    self.published = _datetime_attr(node)
            elif tag == "h2":
                if self.title is None:
                    self.title = inline_text(node) or None
            elif tag == "gu-island" and relative is None:
                relative = node if node.attrs.get("name") == RELATIVE_TIME else None
        if self.published is None:
            self.published = _island_time(relative)
        self.authors = _bylines(header)

    def _link(self, href: str) -> None:
        """A header link: the permalink (the block's id), or the pinned original's link."""
        if href.endswith(PINNED_LINK_SUFFIX):
            self.pinned = True  # the original of the pinned post links to its copy
        elif self.block_id is None:
            self.block_id = id_from_link(href)


def _bylines(header: LexborNode) -> tuple[str, ...]:
    """The contributors a header names, each once, in order."""
    authors: list[str] = []
    for row in header.iter():
        if row.tag == "div":
            name = _byline(row)
            if name and name not in authors:
                authors.append(name)
    return tuple(authors)


def article_id(article: LexborNode) -> str | None:
    """Return a rendered block's id: its ``id="block-<id>"``, else its header permalink's."""
    block_id = bare_id(article.attrs.get("id"))
    if block_id is not None:
        return block_id
    header = _child(article, "header")
    return _Header(header).block_id if header is not None else None


def _updated(footer: LexborNode | None) -> datetime | None:
    """Return the time of the footer's first ``time[datetime]`` ("Updated at"), if any."""
    if footer is None:
        return None
    # A walk in Python over the footer's few nodes costs less than a CSS query.
    for node in footer.traverse():
        if node.tag == "time" and "datetime" in node.attributes:
            return _datetime_attr(node)
    return None


def entry_from_article(
    article: LexborNode,
    blog: str,
    *,
    published: datetime | None = None,
    pinned: bool = False,
) -> Entry | None:
    """Read a rendered ``article.block`` as an Entry; None when it has no usable id or time.

    Args:
        article: The ``article`` element.
        blog: The blog's page URL (permalinks are built on it).
        published: Publication time to use when the article shows none (the
            pinned copy has no time of its own).
        pinned: The article is the pinned copy; without any time, it takes
            its id's creation time.

    """
    header_node = footer = None
    for child in article.iter():  # the first header and the first footer
        tag = child.tag
        if tag == "header":
            if header_node is None:
                header_node = child
        elif tag == "footer" and footer is None:
            footer = child
    header = _Header(header_node)
    block_id = bare_id(article.attrs.get("id")) or header.block_id
    if block_id is None:
        return None
    first = header.published or published
    if first is None and pinned:
        first = object_id_time(block_id)  # the pinned copy shows no time by design
    if first is None:
        return None  # a feed block without a time: the markup has changed
    updated = _updated(footer)
    return Entry(
        id=block_id,
        published=first,
        updated=updated if updated is not None and updated > first else None,
        title=header.title,
        body=tuple(article_blocks(article)),
        url=entry_url(blog, block_id),
        authors=header.authors,
        pinned=pinned or header.pinned,
    )


def merge_flags(entry: Entry, flags: Entry | dict[str, Any]) -> Entry:
    """Add the key-event, summary and pinned flags of *flags* to *entry* (never remove one).

    *flags* is another copy of the entry, or a mapping with ``keyEvent``,
    ``summary`` and ``pinned`` (a block's ``attributes``).
    """
    if isinstance(flags, Entry):
        key, summary, pinned = flags.key_event, flags.summary, flags.pinned
    else:
        key = flags.get("keyEvent") is True
        summary = flags.get("summary") is True
        pinned = flags.get("pinned") is True
    if (
        (key and not entry.key_event)
        or (summary and not entry.summary)
        or (pinned and not entry.pinned)
    ):
        return entry.with_changes(
            key_event=entry.key_event or key,
            summary=entry.summary or summary,
            pinned=entry.pinned or pinned,
        )
    return entry
