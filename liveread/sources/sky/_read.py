"""Reading a Sky News live page: the JSON-LD window, its rendered posts, its key points.

The JSON-LD updates are the entries (ids and permalinks as the JSON-LD gives
them, ``…#<post id>``); the rendered Live Center posts add what the JSON-LD
lacks (photos with caption and credit, the writer, embeds), matched by the
general signals (:mod:`liveread.sources.rendered`). A key point is a link in
a list right after an ``h5``, naming a post of **this** blog by ``?postid=``:
a box whose links go to other pages (the "Top Stories" box) names none.
"""

from __future__ import annotations

from dataclasses import replace
from urllib.parse import urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

from liveread import urls
from liveread.errors import LayoutChanged
from liveread.model import Snapshot
from liveread.sanitize import clean_inline
from liveread.sources import schemaorg
from liveread.sources.sky._profile import (
    KEY_POINT_HEADING,
    KEY_POINT_LINKS,
    POST_ID_PARAM,
    PROFILE,
)
from liveread.urls import host

__all__ = ["key_point_ids", "read_page"]


def _next_element(node: LexborNode) -> LexborNode | None:
    sibling = node.next
    while sibling is not None and not sibling.is_element_node:
        sibling = sibling.next
    return sibling


def key_point_ids(tree: LexborHTMLParser, url: str) -> frozenset[str]:
    """The post ids the page's key points name (links to this blog's page with ``?postid=``).

    This blog's page is its path, whatever host a link names: a copy of the
    page served elsewhere keeps the site's absolute links.
    """
    own = urlsplit(urls.blog_url(url)).path
    found: set[str] = set()
    for heading in tree.css(KEY_POINT_HEADING):
        listing = _next_element(heading)
        if listing is None or listing.tag not in ("ul", "ol"):
            continue
        for anchor in listing.css(KEY_POINT_LINKS):
            href = urls.join(url, clean_inline(anchor.attributes.get("href") or ""))
            named = POST_ID_PARAM.search(href)
            if named and urlsplit(href).path == own:
                found.add(named.group(1))
    return frozenset(found)


def read_page(tree: LexborHTMLParser, url: str, source: str) -> Snapshot:
    """Read the JSON-LD window, enriched by the rendered posts, with the key points marked.

    Raises:
        LayoutChanged: The page has no readable JSON-LD updates.

    """
    snapshot = schemaorg.parse_html(tree, url, profile=PROFILE)
    if not snapshot.entries:
        raise LayoutChanged(f"{host(url)}: a Sky live page whose JSON-LD holds no updates")
    keys = key_point_ids(tree, url)
    entries = tuple(
        e.with_changes(key_event=True) if e.url.partition("#")[2] in keys else e
        for e in snapshot.entries
    )
    return replace(snapshot, entries=entries, source=source)
