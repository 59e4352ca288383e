"""The Guardian's live blogs: the rendered page, the article data model and the update poll.

:class:`GuardianSource` is the source; the parse functions read each shape on
its own (the tests and the benchmarks call them directly).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from liveread._lazy import facade

if TYPE_CHECKING:
    from liveread.sources.guardian._parse import detect_html as detect_html
    from liveread.sources.guardian._parse import is_model as is_model
    from liveread.sources.guardian._parse import is_poll as is_poll
    from liveread.sources.guardian._parse import parse_html as parse_html
    from liveread.sources.guardian._parse import parse_model as parse_model
    from liveread.sources.guardian._parse import parse_poll as parse_poll
    from liveread.sources.guardian._source import BATCH as BATCH
    from liveread.sources.guardian._source import GuardianSource as GuardianSource
    from liveread.sources.guardian._source import poll_url as poll_url

__getattr__, __all__ = facade(
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
