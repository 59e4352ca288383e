"""Brightspot live blogs (AP News, the Los Angeles Times…): posts from the page and its endpoint.

:mod:`._profile` is the markup (``bsp-liveblog-post`` with its millisecond
timestamp, the ``bsp-liveblog`` list and its posts endpoint); :mod:`._read`
reads a page (:func:`read_page`), an endpoint answer (:func:`read_answer`)
and builds the poll URL the page's own script asks (:func:`poll_url`);
:class:`BrightspotSource` is the source (:mod:`._source`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from liveread._lazy import attach

if TYPE_CHECKING:
    from liveread.sources.brightspot._profile import POST, PROFILE
    from liveread.sources.brightspot._read import (
        LiveList,
        live_list,
        newest_ms,
        poll_url,
        read_answer,
        read_page,
        read_posts,
    )
    from liveread.sources.brightspot._source import BrightspotSource

__all__ = [
    "POST",
    "PROFILE",
    "BrightspotSource",
    "LiveList",
    "live_list",
    "newest_ms",
    "poll_url",
    "read_answer",
    "read_page",
    "read_posts",
]

__getattr__ = attach(
    __name__,
    {
        "._source": ("BrightspotSource",),
        "._profile": ("POST", "PROFILE"),
        "._read": (
            "LiveList",
            "live_list",
            "newest_ms",
            "poll_url",
            "read_answer",
            "read_page",
            "read_posts",
        ),
    },
)
