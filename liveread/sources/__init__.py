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

Built in (what each reads from where: ``docs/sources.md``, "The built-in
sources"): ``guardian``, ``wpliveblog``, ``bbc``, ``aljazeera``,
``brightspot``, ``reach``, ``sky``, ``lemonde``, ``telegraph``, ``amp`` and
``schemaorg`` (any schema.org ``LiveBlogPosting``, enriched by the page's
rendered entries).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from liveread._lazy import attach

if TYPE_CHECKING:
    from liveread.sources._contract import NOT_JSON, Document, Request, Source
    from liveread.sources._helpers import html_blocks
    from liveread.sources._registry import (
        ENTRY_POINT_GROUP,
        Asked,
        blog_key,
        decode,
        find,
        page_url,
        parse,
        read,
        registered,
        update_request,
    )
    from liveread.sources._seam import Part

__all__ = [
    "ENTRY_POINT_GROUP",
    "NOT_JSON",
    "Asked",
    "Document",
    "Part",
    "Request",
    "Source",
    "blog_key",
    "decode",
    "find",
    "html_blocks",
    "page_url",
    "parse",
    "read",
    "registered",
    "update_request",
]

__getattr__ = attach(
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
