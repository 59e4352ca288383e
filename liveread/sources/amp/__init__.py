"""AMP live lists (``amp-live-list``, amp.dev): a documented format many publishers use.

:class:`AmpSource` is the source; :func:`parse_live_list` reads a page's list,
:func:`poll_url` builds the request an AMP page polls itself with.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from liveread._lazy import attach

if TYPE_CHECKING:
    from liveread.sources.amp._parse import (
        LIVE_LIST,
        POLL_PARAM,
        detect_html,
        parse_live_list,
        poll_url,
    )
    from liveread.sources.amp._source import AmpSource

__all__ = ["LIVE_LIST", "POLL_PARAM", "AmpSource", "detect_html", "parse_live_list", "poll_url"]

__getattr__ = attach(
    __name__,
    {
        "._parse": ("LIVE_LIST", "POLL_PARAM", "detect_html", "parse_live_list", "poll_url"),
        "._source": ("AmpSource",),
    },
)
