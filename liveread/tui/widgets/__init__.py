"""Widgets shared by the tabs and screens: each a small thing with one job.

- :class:`KeyEventsPane` (``_key_events``): a blog's key events, newest first;
  1-9 and Enter jump the feed to one.
- :class:`PinnedStrip` (``_pinned``): the pinned post, folded above the feed.
- :class:`SearchBar` (``_search``): ``/`` and what a search shows.
- :class:`NewIndicator` (``_indicator``): "3 new entries" over the feed's top row.
- :class:`TabBar` (``_tab_bar``): the blogs open in tabs, and the timeline;
  :class:`TabInfo` (``_tab_info``), what it shows of a tab.
- :class:`KeyFooter` (``_footer``): the keys that act here, on one line.

None of them reaches the app: they post messages and are told what to show.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from liveread._lazy import attach

if TYPE_CHECKING:
    from liveread.tui.widgets._footer import FooterKey, KeyFooter, footer_keys
    from liveread.tui.widgets._indicator import NewIndicator
    from liveread.tui.widgets._key_events import KeyEventsPane, event_title, jump_bindings
    from liveread.tui.widgets._pinned import FOLDED_LINES, PinnedStrip
    from liveread.tui.widgets._search import SearchBar, split_terms
    from liveread.tui.widgets._tab_bar import TabBar
    from liveread.tui.widgets._tab_info import BLOG_COLOURS, TIMELINE, TabInfo, colour_class

__all__ = [
    "BLOG_COLOURS",
    "FOLDED_LINES",
    "TIMELINE",
    "FooterKey",
    "KeyEventsPane",
    "KeyFooter",
    "NewIndicator",
    "PinnedStrip",
    "SearchBar",
    "TabBar",
    "TabInfo",
    "colour_class",
    "event_title",
    "footer_keys",
    "jump_bindings",
    "split_terms",
]

__getattr__ = attach(
    __name__,
    {
        "._footer": ("FooterKey", "KeyFooter", "footer_keys"),
        "._indicator": ("NewIndicator",),
        "._key_events": ("KeyEventsPane", "event_title", "jump_bindings"),
        "._pinned": ("FOLDED_LINES", "PinnedStrip"),
        "._search": ("SearchBar", "split_terms"),
        "._tab_bar": ("TabBar",),
        "._tab_info": ("BLOG_COLOURS", "TIMELINE", "TabInfo", "colour_class"),
    },
)
