"""Conversions between the story's rich blocks and the data model's blocks.

A :class:`~liveread.demo.story.StoryBlock` carries what a page needs to draw a
block (inline HTML, an image's size, a tweet's author line); a
:class:`~liveread.model.Block` carries what a reader of the page gets back.
:func:`model_block` is the single definition of "what a parser should read"
for every shape the demo renders; the tests compare against it.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from liveread.demo.story._script import StoryBlock
from liveread.model import Block, Image

__all__ = ["model_block", "story_block"]

_TEXT_KINDS = ("paragraph", "heading", "list_item", "quote")


def model_block(block: StoryBlock) -> Block:
    """Return the data-model block a correct parser reads back from *block*."""
    if block.kind in _TEXT_KINDS:
        return Block(block.kind, text=block.text)  # type: ignore[arg-type]
    if block.kind == "image":
        return Block("image", image=Image(block.caption, block.credit, block.url))
    if block.kind == "tweet":
        return Block("embed", text=block.text, embed="tweet", url=block.url)
    if block.kind == "video":
        return Block("embed", embed="video", title=block.title, url=block.url)
    if block.kind == "link":
        return Block("embed", embed="link", title=block.text, url=block.url)
    raise ValueError(f"unknown story block kind {block.kind!r}")


def story_block(block: Block) -> StoryBlock:
    """Return a renderable story block for a data-model block (entries published from outside)."""
    if block.kind == "image":
        image = block.image or Image()
        return StoryBlock(
            "image", url=image.url, caption=image.caption, credit=image.credit, alt=image.caption
        )
    if block.kind != "embed":
        return StoryBlock(block.kind, text=block.text)
    if block.embed == "tweet":
        return StoryBlock("tweet", text=block.text, url=block.url)
    if block.embed == "video":
        asset = (parse_qs(urlsplit(block.url or "").query).get("v") or [""])[0]
        return StoryBlock("video", url=block.url, title=block.title, asset_id=asset)
    return StoryBlock("link", text=block.title or block.text, url=block.url)
