"""Reading a page of Reach's live platform: the JSON-LD window enriched, or the entries alone.

See :mod:`liveread.sources.reach._source` for the platform and
:mod:`liveread.sources.reach._profile` for its markup.
"""

from __future__ import annotations

from dataclasses import replace

from selectolax.lexbor import LexborHTMLParser

from liveread.errors import LayoutChanged, NotALiveBlog
from liveread.model import Entry, Snapshot, sort_newest_first
from liveread.sanitize import clean_inline
from liveread.sources import _html as htmlwalk
from liveread.sources import _meta as meta
from liveread.sources import rendered, schemaorg
from liveread.sources.reach._profile import PROFILE
from liveread.sources.reach._source import ENTRY
from liveread.urls import blog_url, host

__all__ = ["read_page"]

_TITLE = 'meta[property="og:title"]'
_HEADLINE = "h1"
_ENTRY_TITLE = "h3"


def _rendered_only(tree: LexborHTMLParser, url: str, source: str) -> Snapshot:
    """Read a page from its rendered entries alone (no usable JSON-LD)."""
    blog = blog_url(url)
    keys = rendered.key_event_ids(tree, PROFILE)
    entries: list[Entry] = []
    for node in tree.css(ENTRY):
        element_id = clean_inline(node.attributes.get("id") or "")
        published = rendered.element_time(node, rendered.POST_TIME_ATTRS)
        if not element_id or published is None:
            continue
        body_node = node.css_first(PROFILE.body)
        heading = body_node.css_first(_ENTRY_TITLE) if body_node is not None else None
        title = htmlwalk.inline_text(heading) if heading is not None else None
        shown = rendered.read(node, PROFILE, url, title=title)
        updated = shown.updated if shown.updated and shown.updated > published else None
        entries.append(
            Entry(
                id=f"{blog}#{element_id}",
                published=published,
                updated=updated,
                title=title or None,
                body=shown.body or (),
                url=f"{blog}#{element_id}",
                authors=shown.authors,
                key_event=shown.key_event or element_id in keys,
            )
        )
    if not entries:
        raise LayoutChanged(f"{host(url)}: Reach live-page markers, but no entry could be read")
    title_node = tree.css_first(_TITLE)
    title = clean_inline(title_node.attributes.get("content") or "") if title_node else ""
    if not title:
        headline = tree.css_first(_HEADLINE)
        title = htmlwalk.inline_text(headline) if headline is not None else ""
    return Snapshot(
        url=blog,
        source=source,
        entries=sort_newest_first(entries),
        title=title,
        feed_ids=tuple(e.id for e in entries),
        kind="page",
        site_name=meta.site_name(tree),
        window=len(entries),
    )


def read_page(tree: LexborHTMLParser, url: str, source: str) -> Snapshot:
    """Read the JSON-LD window, enriched; or the rendered entries alone when it is missing."""
    try:
        snapshot = schemaorg.parse_html(tree, url, profile=PROFILE)
    except (NotALiveBlog, LayoutChanged):
        return _rendered_only(tree, url, source)
    if not snapshot.entries:
        return _rendered_only(tree, url, source)
    return replace(snapshot, source=source)
