"""The Telegraph's live pages: JSON-LD updates with their ``.live-post`` content and captions.

:class:`TelegraphSource` is the source; :mod:`._profile` is the markup;
:func:`read_page` reads a page, :func:`read_post_body` one post's content.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from liveread._lazy import attach

if TYPE_CHECKING:
    from liveread.sources.telegraph._read import read_page, read_post_body
    from liveread.sources.telegraph._source import TelegraphSource

__all__ = ["TelegraphSource", "read_page", "read_post_body"]

__getattr__ = attach(
    __name__,
    {"._read": ("read_page", "read_post_body"), "._source": ("TelegraphSource",)},
)
