"""The Guardian's live blogs: the rendered page, the article data model and the update poll.

:class:`GuardianSource` is the source; the parse functions read each shape on
its own (the tests and the benchmarks call them directly).
"""

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
    from liveread.sources.guardian._source import BATCH, GuardianSource, poll_url

__all__ = [
    "BATCH",
    "GuardianSource",
    "detect_html",
    "is_model",
    "is_poll",
    "parse_html",
    "parse_model",
    "parse_poll",
    "poll_url",
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
        "._source": ("BATCH", "GuardianSource", "poll_url"),
    },
)
