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

from typing import TYPE_CHECKING, ClassVar

from liveread.sources._contract import Document, Source

if TYPE_CHECKING:
    from liveread.model import Snapshot

__all__ = ["ENTRY", "ReachSource"]

#: A rendered entry of the platform: what tells its pages apart.
ENTRY = "div.live-event-entry[data-post-time]"


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
        # Here, not at the top: detection, which every page goes through, needs
        # none of the reading (the enrichment engine, the platform's profile).
        from liveread.sources.reach._read import read_page

        return read_page(doc.tree, doc.url, self.name)
