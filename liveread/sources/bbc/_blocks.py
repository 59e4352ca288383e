"""Optimo blocks, the BBC's body format, to liveread's body blocks.

A block is ``{"type": …, "model": {…, "blocks": [child…]}}``. A paragraph
holds its plain text in ``model.text`` (its children are ``fragment`` and
``urlLink`` runs of the same text); a list holds ``listItem`` blocks holding
paragraphs; an image holds ``rawImage`` (``locator``, ``originCode``,
``copyrightHolder``), ``altText`` and ``caption`` blocks; video and audio hold
``clipMedia`` and a ``caption``; a social post holds an oEmbed rendition. The
stream JSON of bbc.co.uk wraps paragraphs in a ``text`` block, simorgh's
fixtures do not: containers are read through. Whitespace-only ``fragment``
blocks between blocks are nothing. Anything unknown is read through when it
holds blocks, and otherwise left out.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any, Literal

from liveread import urls
from liveread.model import Block, Image
from liveread.sanitize import clean_inline
from liveread.sources.bbc._profile import (
    CONTAINER_TYPES,
    EMBED_TYPES,
    HEADING_TYPES,
    HIDDEN_CREDITS,
    ICHEF,
    ICHEF_WIDTH,
    LIST_TYPES,
    MEDIA_TYPES,
    QUOTE_TYPES,
    URL_ORIGINS,
)

__all__ = ["block_text", "blocks", "body_blocks", "children", "model"]

_Handler = Callable[[Mapping[str, Any], str], Iterator[Block]]


def model(block: object) -> Mapping[str, Any]:
    """A block's ``model`` ({} when it has none or is not a block)."""
    if isinstance(block, Mapping):
        found = block.get("model")
        if isinstance(found, Mapping):
            return found
    return {}


def children(block: object) -> list[Mapping[str, Any]]:
    """A block's child blocks (only the ones that are objects)."""
    found = model(block).get("blocks")
    if not isinstance(found, list):
        return []
    return [b for b in found if isinstance(b, Mapping)]


def blocks(container: object) -> list[Mapping[str, Any]]:
    """The blocks of ``{"model": {"blocks": […]}}`` (a post's header or content)."""
    return children(container)


def _kind(block: Mapping[str, Any]) -> str:
    value = block.get("type")
    return value if isinstance(value, str) else ""


def block_text(block: Mapping[str, Any]) -> str:
    """A block's text on one line: its ``model.text``, else its children's, joined."""
    text = model(block).get("text")
    if isinstance(text, str) and text.strip():
        return clean_inline(text)
    parts = (block_text(child) for child in children(block))
    return clean_inline(" ".join(part for part in parts if part))


def _first_of(block: Mapping[str, Any], kind: str) -> Mapping[str, Any] | None:
    return next((child for child in children(block) if _kind(child) == kind), None)


def _image_url(raw: Mapping[str, Any], base: str) -> str | None:
    """Where the picture is: ichef's URL for its origin and locator (simorgh's buildIChefURL)."""
    locator = raw.get("locator")
    origin = raw.get("originCode")
    if not isinstance(locator, str) or not locator.strip():
        return None
    locator = clean_inline(locator)
    if origin in URL_ORIGINS or locator.startswith(("http://", "https://")):
        url = urls.join(base, locator)
    elif isinstance(origin, str) and origin.strip():
        url = f"{ICHEF}/{ICHEF_WIDTH}/{clean_inline(origin)}/{locator.lstrip('/')}"
    else:
        return None
    return url if urls.is_safe_link(url) else None


def _image(block: Mapping[str, Any], base: str) -> Block | None:
    """An image block: the picture, its caption, and its credit apart (alt text if no caption)."""
    raw = _first_of(block, "rawImage")
    if raw is None:
        return None
    raw_model = model(raw)
    caption_block = _first_of(block, "caption")
    alt_block = _first_of(block, "altText")
    caption = block_text(caption_block) if caption_block is not None else ""
    if not caption and alt_block is not None:
        caption = block_text(alt_block)
    holder = raw_model.get("copyrightHolder")
    credit = clean_inline(holder) if isinstance(holder, str) else ""
    if credit in HIDDEN_CREDITS:
        credit = ""
    url = _image_url(raw_model, base)
    if not (url or caption):
        return None
    return Block("image", image=Image(caption, credit, url))


def _media(block: Mapping[str, Any], kind: str, base: str) -> Block:
    """A video or audio clip: an embed titled by its headline, its caption as its text."""
    clip = model(_first_of(block, "clipMedia") or {})
    headlines = clip.get("headlines")
    title = ""
    if isinstance(headlines, Mapping):
        title = clean_inline(str(headlines.get("primaryHeadline") or ""))
    if not title and isinstance(clip.get("video"), Mapping):
        title = clean_inline(str(clip["video"].get("title") or ""))
    caption_block = _first_of(block, "caption")
    caption = block_text(caption_block) if caption_block is not None else ""
    link = clip.get("link")
    path = link.get("path") if isinstance(link, Mapping) else None
    url = urls.join(base, clean_inline(path)) if isinstance(path, str) and path.strip() else None
    return Block(
        "embed",
        text="" if caption == title else caption,
        embed=kind,
        title=title or None,
        url=url if url and urls.is_safe_link(url) else None,
    )


def _media_of(kind: str, block: Mapping[str, Any], base: str) -> Block:
    return _media(block, kind, base)


def _links(value: object) -> Iterator[tuple[str, str]]:
    """Every ``(key, string)`` under *value* whose string is an http(s) URL (depth first)."""
    if isinstance(value, Mapping):
        for key, item in value.items():
            if isinstance(item, str) and item.startswith(("http://", "https://")):
                yield str(key), item
            else:
                yield from _links(item)
    elif isinstance(value, list):
        for item in value:
            yield from _links(item)


def _embed(block: Mapping[str, Any]) -> Block | None:
    """A social post or widget: its source URL; a tweet when its provider says so."""
    body = model(block)
    providers = [v for k, v in _walk_keys(body) if k == "provider_name" and isinstance(v, str)]
    provider = providers[0].casefold() if providers else ""
    found = dict(_links(body))
    raw = body.get("source") if isinstance(body.get("source"), str) else None
    raw = raw or found.get("url") or found.get("href") or found.get("locator")
    url = clean_inline(raw) if raw else None
    if url and not urls.is_safe_link(url):
        url = None
    is_tweet = provider in ("twitter", "x") or bool(url and "/status/" in url)
    if url and is_tweet:
        url = url.split("?", 1)[0]
    if url is None and not provider:
        return None
    return Block("embed", embed="tweet" if is_tweet else "other", url=url)


def _walk_keys(value: object) -> Iterator[tuple[str, object]]:
    if isinstance(value, Mapping):
        for key, item in value.items():
            yield str(key), item
            yield from _walk_keys(item)
    elif isinstance(value, list):
        for item in value:
            yield from _walk_keys(item)


def _list_items(block: Mapping[str, Any]) -> Iterator[Block]:
    for item in children(block):
        kind = _kind(item)
        if kind in LIST_TYPES:
            yield from _list_items(item)  # a nested list follows its parent item
            continue
        text = block_text(item)
        if text:
            yield Block("list_item", text=text)


def _text_block(kind: Literal["paragraph", "list_item", "heading"]) -> _Handler:
    def read(block: Mapping[str, Any], base: str) -> Iterator[Block]:
        text = block_text(block)
        if text:
            yield Block(kind, text=text)

    return read


def _quote(block: Mapping[str, Any], base: str) -> Iterator[Block]:
    lines = [block_text(child) for child in children(block)] or [block_text(block)]
    text = "\n".join(line for line in lines if line)
    if text:
        yield Block("quote", text=text)


def _optional(read: Callable[[Mapping[str, Any], str], Block | None]) -> _Handler:
    def handler(block: Mapping[str, Any], base: str) -> Iterator[Block]:
        found = read(block, base)
        if found is not None:
            yield found

    return handler


def _handlers() -> dict[str, _Handler]:
    """Each block type's reader (a type not here is read through, or left out)."""
    table: dict[str, _Handler] = {
        "paragraph": _text_block("paragraph"),
        "fragment": _text_block("paragraph"),
        "listItem": _text_block("list_item"),
        "image": _optional(_image),
    }
    for kind in CONTAINER_TYPES:
        table[kind] = lambda block, base: _walk(children(block), base)
    for kind in LIST_TYPES:
        table[kind] = lambda block, base: _list_items(block)
    for kind in HEADING_TYPES:
        table[kind] = _text_block("heading")
    for kind in QUOTE_TYPES:
        table[kind] = _quote
    for kind, embed in MEDIA_TYPES.items():
        table[kind] = _optional(functools.partial(_media_of, embed))
    for kind in EMBED_TYPES:
        table[kind] = _optional(lambda block, base: _embed(block))
    return table


def _walk(items: Sequence[Mapping[str, Any]], base: str) -> Iterator[Block]:
    for block in items:
        handler = _HANDLERS.get(_kind(block))
        if handler is not None:
            yield from handler(block, base)
        elif children(block):
            yield from _walk(children(block), base)


_HANDLERS = _handlers()


def body_blocks(items: Sequence[Mapping[str, Any]], base: str) -> tuple[Block, ...]:
    """Turn a list of Optimo blocks into body blocks (relative links resolve against *base*)."""
    return tuple(_walk(items, base))
