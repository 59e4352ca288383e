"""Reach plc's live platform as a source: its schema.org data, enriched by its rendered entries.

The Mirror, CorkBeo and Reach's regional titles share one live-page platform
(see :mod:`._profile`). Its pages carry a JSON-LD ``LiveBlogPosting`` whose
updates are the page's window (the Mirror: 428 over three days) with the
page's authors and picture repeated on every one, and render the newest of
them (the Mirror: 30) with what the JSON-LD leaves out: the key-event flag,
the writer, the photos with caption and credit, embeds, the edit time. So a
page is read as schema.org data (:func:`liveread.sources.schemaorg.parse_html`)
enriched with the platform's :data:`~._profile.PROFILE`; the updates beyond
the rendered ones keep what the JSON-LD gives, less its placeholders, and are
reported as thinner views so they never overwrite what an earlier read of
their rendered entry stored.

A page whose JSON-LD is missing (scripts may build it after load) is read
from its rendered entries alone, with the ids the JSON-LD would give them
(the page URL and ``#`` the entry's id).

There is no update endpoint: the follower re-reads the page (conditionally)
every interval. The page shows a window, so nothing that scrolls out of it
is ever taken for a removal.
"""

from __future__ import annotations

from dataclasses import replace
from typing import ClassVar

from selectolax.lexbor import LexborHTMLParser

from liveread.errors import LayoutChanged, NotALiveBlog
from liveread.model import Entry, Snapshot, sort_newest_first
from liveread.sanitize import clean_inline
from liveread.sources import _html as htmlwalk
from liveread.sources import _meta as meta
from liveread.sources import rendered
from liveread.sources._contract import Document, Source
from liveread.sources.reach._profile import ENTRY, PROFILE
from liveread.urls import blog_url, host

__all__ = ["ReachSource"]

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


class ReachSource(Source):
    """Reach plc's live pages: schema.org data enriched with the platform's rendered entries."""

    name: ClassVar[str] = "reach"
    label: ClassVar[str] = "Reach live-page markup (div.live-event-entry)"
    #: A site family: before the generic AMP and schema.org readers.
    priority: ClassVar[int] = 30

    def detect(self, doc: Document) -> bool:
        """Recognise the platform's rendered entries (never the host: copies are read too)."""
        if doc.looks_like_json or "live-event-entry" not in doc.text:
            return False
        return doc.tree.css_first(ENTRY) is not None

    def parse(self, doc: Document) -> Snapshot:
        """Read the JSON-LD window, enriched; or the rendered entries alone when it is missing."""
        from liveread.sources import schemaorg

        try:
            snapshot = schemaorg.parse_html(doc.tree, doc.url, profile=PROFILE)
        except (NotALiveBlog, LayoutChanged):
            return _rendered_only(doc.tree, doc.url, self.name)
        if not snapshot.entries:
            return _rendered_only(doc.tree, doc.url, self.name)
        return replace(snapshot, source=self.name)
