"""Site sources: turn the bytes of a page into what liveread stores and shows.

A source owns one family of sites: how to recognise its pages by their
content (never by host name), how to read them, and how to ask for what is
new. The registry here picks one by content.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from liveread._lazy import attach

if TYPE_CHECKING:
    from liveread.sources._registry import decode, parse

__all__ = [
    "decode",
    "parse",
]

__getattr__ = attach(
    __name__,
    {
        "._registry": (
            "decode",
            "parse",
        ),
    },
)
