"""Reach plc's live pages (the Mirror, CorkBeo and Reach's regional titles): one platform.

:class:`ReachSource` is the source; :data:`PROFILE` is how the platform marks
up its rendered entries (key events, writers, photo captions and credits).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from liveread._lazy import facade

if TYPE_CHECKING:
    from liveread.sources.reach._profile import PROFILE as PROFILE
    from liveread.sources.reach._source import ENTRY as ENTRY
    from liveread.sources.reach._source import ReachSource as ReachSource

__getattr__, __all__ = facade(
    __name__,
    {"._profile": ("PROFILE",), "._source": ("ENTRY", "ReachSource")},
)
