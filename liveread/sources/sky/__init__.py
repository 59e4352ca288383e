"""Sky News live pages: the JSON-LD window enriched by the rendered posts; ``postid`` key points.

:class:`SkySource` is the source; :data:`PROFILE` is how the page marks up
its rendered posts; :func:`key_point_ids` reads the key-points boxes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from liveread._lazy import attach

if TYPE_CHECKING:
    from liveread.sources.sky._profile import PROFILE
    from liveread.sources.sky._read import key_point_ids, read_page
    from liveread.sources.sky._source import SkySource

__all__ = ["PROFILE", "SkySource", "key_point_ids", "read_page"]

__getattr__ = attach(
    __name__,
    {
        "._profile": ("PROFILE",),
        "._read": ("key_point_ids", "read_page"),
        "._source": ("SkySource",),
    },
)
