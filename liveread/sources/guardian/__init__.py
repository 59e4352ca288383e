"""The Guardian's live blogs: the rendered page, the article data model and the update poll."""

from __future__ import annotations

from typing import TYPE_CHECKING

from liveread._lazy import attach

if TYPE_CHECKING:
    from liveread.sources.guardian._parse import (
        detect_html,
        is_model,
        is_poll,
        parse_html,
        parse_model,
        parse_poll,
    )

__all__ = [
    "detect_html",
    "is_model",
    "is_poll",
    "parse_html",
    "parse_model",
    "parse_poll",
]

__getattr__ = attach(
    __name__,
    {
        "._parse": (
            "detect_html",
            "is_model",
            "is_poll",
            "parse_html",
            "parse_model",
            "parse_poll",
        ),
    },
)
