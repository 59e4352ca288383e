"""What the BBC's live pages and their stream JSON are made of: names, as data.

Two front ends serve BBC live pages. The World Service's (``bbc.com/<service>/
live/<id>``, the open-source simorgh) server-renders the page's data into
``__NEXT_DATA__``; the News and Sport pages on bbc.co.uk and bbc.com name, in
their HTML, the query of a ``stream`` container
(``stream?assetId=…&liveTextStreamId=…&pageNumber=1&pageSize=20…``) served at
``/wc-data/container/stream``. Both carry the same posts: a ``urn``, ``dates``
(``firstPublished``, ``lastPublished``, ``curated``, a sport's minute in
``time``), ``options.isBreakingNews``, and Optimo blocks in ``header`` and
``content``. Each name below is one such fact, read where the module says.
"""

from __future__ import annotations

import re

__all__ = [
    "BLOG_DATA",
    "BREAKING",
    "CONTAINER_TYPES",
    "EMBED_TYPES",
    "HEADING_TYPES",
    "HIDDEN_CREDITS",
    "ICHEF",
    "ICHEF_WIDTH",
    "LIST_TYPES",
    "MEDIA_TYPES",
    "NEXT_DATA",
    "PAGE_NUMBER",
    "PAGE_QUERY",
    "QUOTE_TYPES",
    "STREAM_ID",
    "STREAM_PATH",
    "STREAM_QUERY",
    "URL_ORIGINS",
]

#: The script simorgh's Next.js pages put their server-rendered props in.
NEXT_DATA = "script#__NEXT_DATA__"
#: Where a World Service page's data sits in those props.
BLOG_DATA = ("props", "pageProps", "pageData")
#: The container the News and Sport pages read their posts from (the page's own query follows).
STREAM_PATH = "/wc-data/container/stream"
#: The page's own stream query in its HTML (it may sit in JSON: it ends at a quote or backslash).
STREAM_QUERY = re.compile(r"stream\?((?:[^\"\\\s<>']*?&)?liveTextStreamId=[^\"\\\s<>']*)")
#: The parameter naming the stream (News: 32 hex digits; a match's live text: the event id).
STREAM_ID = "liveTextStreamId"
#: The parameter of the stream page (1 = newest; ``page.total`` is the oldest).
PAGE_NUMBER = "pageNumber"
#: A World Service page's query parameter for its stream page.
PAGE_QUERY = "page"

#: The post's breaking-news flag, under ``options``.
BREAKING = "isBreakingNews"

# Optimo block types, as simorgh's live post renders them (Post/index.tsx) and the
# stream JSON carries them.
#: Blocks that only hold other blocks (the stream JSON wraps paragraphs in ``text``).
CONTAINER_TYPES = frozenset({"text", "group"})
LIST_TYPES = frozenset({"unorderedList", "orderedList"})
HEADING_TYPES = frozenset({"subheadline", "crosshead", "heading"})
#: No quote block is documented; a block named so is read as a quote if one ever comes.
QUOTE_TYPES = frozenset({"quote", "blockquote", "pullquote"})
#: Media a reader plays elsewhere, and the embed kind liveread shows them as.
MEDIA_TYPES = {"video": "video", "audio": "audio"}
#: Other embeds (social posts, HTML widgets), all read as embeds.
EMBED_TYPES = frozenset(
    {"social", "embed", "embedHtml", "oEmbed", "embedImages", "embedUploader", "include"}
)

#: BBC's image server, and the width simorgh asks for (ichefURL, DEFAULT_IMAGE_RES).
ICHEF = "https://ichef.bbci.co.uk/ace/ws"
ICHEF_WIDTH = 640
#: Origins whose locator is already a picture's URL (buildIChefURL).
URL_ORIGINS = frozenset({"mpv", "pips"})
#: Credits the site never shows under a picture (ImageWithCaption.getCopyright).
HIDDEN_CREDITS = frozenset({"BBC"})
