"""AMP live lists (``amp-live-list``, amp.dev): a documented format many publishers use.

:class:`AmpSource` is the source; :func:`parse_live_list` reads a page's list,
:func:`poll_url` builds the request an AMP page polls itself with.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from liveread._lazy import facade

if TYPE_CHECKING:
    from liveread.sources.amp._parse import LIVE_LIST as LIVE_LIST
    from liveread.sources.amp._parse import POLL_PARAM as POLL_PARAM
    from liveread.sources.amp._parse import detect_html as detect_html
    from liveread.sources.amp._parse import parse_live_list as parse_live_list
    from liveread.sources.amp._parse import poll_url as poll_url
    from liveread.sources.amp._source import AmpSource as AmpSource

__getattr__, __all__ = facade(
    __name__,
    {
        "._parse": ("LIVE_LIST", "POLL_PARAM", "detect_html", "parse_live_list", "poll_url"),
        "._source": ("AmpSource",),
    },
)
