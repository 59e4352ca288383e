"""Site sources: the contract every site fulfils, the built-in ones, and the registry.

A :class:`Source` owns one family of sites: how to recognise its content (never
by host name), how to read a page of it into a :class:`~liveread.model.Snapshot`,
and how to ask for what is new. The registry asks the built-in sources and the
ones other packages register under the ``liveread.sources`` entry-point group,
in priority order; every call into a source is guarded, so a source's bug is
reported as "the site's pages changed", never a crash. See ``docs/sources.md``.

For authors: :func:`html_blocks` (an HTML fragment to body blocks), beside
:meth:`~liveread.model.Snapshot.as_update` and
:func:`~liveread.model.sort_newest_first`; the snapshot rules every source's
answers are held to are in ``docs/sources.md``, and the registry checks them.

The built-in sources are listed, each with what it reads, in
``docs/sources.md`` ("The built-in sources").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from liveread._lazy import facade

if TYPE_CHECKING:
    from liveread.sources._contract import NOT_JSON as NOT_JSON
    from liveread.sources._contract import Document as Document
    from liveread.sources._contract import Request as Request
    from liveread.sources._contract import Source as Source
    from liveread.sources._helpers import html_blocks as html_blocks
    from liveread.sources._registry import ENTRY_POINT_GROUP as ENTRY_POINT_GROUP
    from liveread.sources._registry import Asked as Asked
    from liveread.sources._registry import blog_key as blog_key
    from liveread.sources._registry import decode as decode
    from liveread.sources._registry import find as find
    from liveread.sources._registry import page_url as page_url
    from liveread.sources._registry import parse as parse
    from liveread.sources._registry import read as read
    from liveread.sources._registry import registered as registered
    from liveread.sources._registry import update_request as update_request
    from liveread.sources._seam import Part as Part

__getattr__, __all__ = facade(
    __name__,
    {
        "._contract": ("NOT_JSON", "Document", "Request", "Source"),
        "._helpers": ("html_blocks",),
        "._registry": (
            "ENTRY_POINT_GROUP",
            "Asked",
            "blog_key",
            "decode",
            "find",
            "page_url",
            "parse",
            "read",
            "registered",
            "update_request",
        ),
        "._seam": ("Part",),
    },
)
