"""The BBC's live pages (News, Sport, the World Service): their posts, as the pages' JSON has them.

:class:`BBCSource` is the source (:mod:`._source`; the stream's poll in :mod:`._poll`).

The posts of every BBC live page are the same JSON: a ``urn``, ``dates``, a
breaking flag and Optimo blocks (:mod:`._blocks`). A World Service page
carries its stream page and its key points in ``__NEXT_DATA__``
(:func:`page_data`, :func:`read_page_data`); a News or Sport page names the
query of its ``stream`` container (:func:`stream_query`), whose pages
(:func:`stream_url`) :func:`read_stream` reads. What each name is and where
it was seen: :mod:`._profile`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from liveread._lazy import attach

if TYPE_CHECKING:
    from liveread.sources.bbc._blocks import body_blocks
    from liveread.sources.bbc._source import BBCSource
    from liveread.sources.bbc._stream import (
        StreamPage,
        is_stream,
        page_data,
        post_entry,
        read_page_data,
        read_stream,
        stream_query,
        stream_url,
        summary_entry,
    )

__all__ = [
    "BBCSource",
    "StreamPage",
    "body_blocks",
    "is_stream",
    "page_data",
    "post_entry",
    "read_page_data",
    "read_stream",
    "stream_query",
    "stream_url",
    "summary_entry",
]

__getattr__ = attach(
    __name__,
    {
        "._blocks": ("body_blocks",),
        "._source": ("BBCSource",),
        "._stream": (
            "StreamPage",
            "is_stream",
            "page_data",
            "post_entry",
            "read_page_data",
            "read_stream",
            "stream_query",
            "stream_url",
            "summary_entry",
        ),
    },
)
