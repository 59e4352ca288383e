"""Helpers for writing a source: what built-in sources use, offered to every author.

- :func:`html_blocks`: an entry's body as HTML (a fragment of ``<p>``,
  headings, lists, quotes, figures) to :class:`~liveread.model.Block` values,
  text plain and sanitized, image URLs absolute.
- :func:`absolute`: a link a page gives, resolved against the page, when that
  makes a web URL (what the schema.org reader and the rendered-entry reader
  take a link or an image to be).

With :func:`~liveread.model.sort_newest_first` (entries in the order a
snapshot wants) and :meth:`~liveread.model.Snapshot.as_update` (a page's
entries as an update answer), most sources need nothing else to build a
snapshot.
"""

from __future__ import annotations

from dataclasses import replace

from liveread.model import Block
from liveread.sanitize import clean_inline
from liveread.sources import _html
from liveread.urls import is_web, join

__all__ = ["absolute", "html_blocks"]


def absolute(value: str, base: str) -> str | None:
    """*value* (sanitized, trimmed) resolved against *base*, if that makes an http(s) URL.

    None for an empty value, a scheme other than http(s), no host, or a URL
    that does not parse (a broken IPv6 literal, say).
    """
    value = clean_inline(value)
    if not value:
        return None
    try:
        joined = join(base, value)
    except ValueError:  # urljoin parses both: "http://[::1" does not
        return None
    return joined if is_web(joined) else None


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
