"""How Sky News live pages mark up what their JSON-LD leaves out, as data.

The page's JSON-LD ``LiveBlogPosting`` holds its newest updates (about ten),
each ``url`` ending in ``#<numeric post id>``. The page renders its posts as
Norkon Live Center posts (``.ncpost-list-post``, ``[data-ncpost-id]`` left
empty, ``.ncpost-title``, ``.ncpost-content``, ``.ncpost-byline``,
``.ncpost-timestamp``), and lists its key points as ``h5`` headings each
followed by a ``ul`` whose links name posts by ``?postid=<id>``; a "Top
Stories" box of the same shape links other stories, not posts of this blog.
"""

from __future__ import annotations

import re

from liveread.sources.rendered import DEFAULT, Profile

__all__ = ["KEY_POINT_HEADING", "KEY_POINT_LINKS", "POST", "POST_ID_PARAM", "PROFILE"]

#: A rendered post (the Live Center markup; its ``data-ncpost-id`` is empty on Sky's pages).
POST = ".ncpost-list-post, [data-ncpost-id]"
#: A key-points box: this heading, then a list of links.
KEY_POINT_HEADING = "h5"
KEY_POINT_LINKS = "li a[href]"
#: How a key point's link names its post.
POST_ID_PARAM = re.compile(r"[?&]postid=(\d+)")

PROFILE = Profile(
    name="sky",
    body=".ncpost-content",
    # Key points name posts by a query parameter, not a fragment: read by the source.
    key_event_links="",
    byline=".ncpost-byline",
    skip=f"{DEFAULT.skip}, .ncpost-timestamp",
)
