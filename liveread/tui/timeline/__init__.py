"""The timeline: every open blog's entries in one feed, each named by its blog (``t``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from liveread._lazy import attach

if TYPE_CHECKING:
    from liveread.tui.timeline._tab import (
        Label,
        TimelineFeed,
        TimelinePane,
        TimelineTab,
        split_id,
        timeline_id,
    )

__all__ = [
    "Label",
    "TimelineFeed",
    "TimelinePane",
    "TimelineTab",
    "split_id",
    "timeline_id",
]

__getattr__ = attach(
    __name__,
    {
        "._tab": (
            "Label",
            "TimelineFeed",
            "TimelinePane",
            "TimelineTab",
            "split_id",
            "timeline_id",
        ),
    },
)
