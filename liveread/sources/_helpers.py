"""Helpers for writing a source: what built-in sources use, offered to every author.

- :func:`html_blocks`: an entry's body as HTML (a fragment of ``<p>``,
  headings, lists, quotes, figures) to :class:`~liveread.model.Block` values,
  text plain and sanitized, image URLs absolute.

With :func:`~liveread.model.sort_newest_first` (entries in the order a
snapshot wants) and :meth:`~liveread.model.Snapshot.as_update` (a page's
entries as an update answer), most sources need nothing else to build a
snapshot.
"""

from __future__ import annotations

from dataclasses import replace

from liveread.model import Block
from liveread.sources import _html
from liveread.urls import join

__all__ = ["html_blocks"]


def html_blocks(html: str, base: str | None = None) -> tuple[Block, ...]:
    """An HTML fragment as body blocks, in order.

    Paragraphs, headings, list items and quotes become blocks of those kinds
    (entities decoded, text sanitized); a ``<figure>`` with an image becomes
    an image block with its ``figcaption`` as the caption (the image's
    ``alt`` when there is none, unless it is only a file-like name); scripts,
    styles and widgets are left out.

    Args:
        html: The fragment.
        base: The URL relative image links resolve against (the entry's page).

    """
    blocks = _html.blocks_from_html(html)
    if base is None:
        return tuple(blocks)
    out = []
    for block in blocks:
        image = block.image
        if image is not None and image.url:
            block = replace(block, image=replace(image, url=join(base, image.url)))
        out.append(block)
    return tuple(out)
