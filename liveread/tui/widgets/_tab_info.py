"""What a tab is, as the tabs screen keeps it and the tab bar shows it.

Apart from the bar (:mod:`liveread.tui.widgets._tab_bar`), which is mounted
only once a second blog opens or the timeline is shown: one blog's first
screen needs these names, not the bar.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["BLOG_COLOURS", "TIMELINE", "TabInfo", "colour_class"]

#: How many colours blogs take in turn (the component classes ``blog-colour--0`` ...).
BLOG_COLOURS = 6
#: The DOM id of the timeline's tab (blog tabs are ``blog-1``, ``blog-2``, ...).
TIMELINE = "timeline"


def colour_class(colour: int) -> str:
    """The component class of a blog's colour (its index wraps round the palette)."""
    return f"blog-colour--{colour % BLOG_COLOURS}"


@dataclass(frozen=True)
class TabInfo:
    """One tab as the bar shows it.

    Attributes:
        key: The DOM id of the view it shows (:data:`TIMELINE` for the timeline).
        label: The blog's short name ("Timeline" for the timeline).
        number: Its number among the blogs (Alt+N); 0 for the timeline.
        colour: The blog's colour index, or None (the timeline).
        unread: Entries that arrived while it was not looked at.
        ended: The blog has ended.

    """

    key: str
    label: str
    number: int = 0
    colour: int | None = None
    unread: int = 0
    ended: bool = False
