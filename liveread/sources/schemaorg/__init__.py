"""schema.org ``LiveBlogPosting`` pages: JSON-LD first, microdata as the fallback."""

from __future__ import annotations

from typing import TYPE_CHECKING

from liveread._lazy import attach

if TYPE_CHECKING:
    from liveread.sources.schemaorg._parse import (
        derive_id,
        detect_html,
        is_data,
        parse_data,
        parse_html,
    )

__all__ = [
    "derive_id",
    "detect_html",
    "is_data",
    "parse_data",
    "parse_html",
]

__getattr__ = attach(
    __name__,
    {
        "._parse": (
            "derive_id",
            "detect_html",
            "is_data",
            "parse_data",
            "parse_html",
        ),
    },
)
