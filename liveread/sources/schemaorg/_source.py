"""schema.org ``LiveBlogPosting`` as a source: many sites, one vocabulary, no update endpoint.

A page describes its live blog as a ``LiveBlogPosting`` in JSON-LD or
microdata; there is no endpoint for what is new, so the follower re-reads the
page (conditionally) every interval. The structured data holds the page's
window of updates (8 to 80 on real sites), never the whole history.
"""

from __future__ import annotations

from typing import ClassVar

from liveread.model import Snapshot
from liveread.sources._contract import Document, Source

__all__ = ["SchemaOrgSource"]


class SchemaOrgSource(Source):
    """Any page with a schema.org LiveBlogPosting (JSON-LD first, microdata as the fallback)."""

    name: ClassVar[str] = "schemaorg"
    label: ClassVar[str] = "a schema.org LiveBlogPosting in JSON-LD, and LiveBlogPosting microdata"
    #: Generic: every more specific source is asked first.
    priority: ClassVar[int] = 1000

    def detect(self, doc: Document) -> bool:
        """Recognise a bare JSON-LD document or a page that declares a LiveBlogPosting."""
        from liveread.sources.schemaorg import _parse

        if doc.looks_like_json:
            return _parse.is_data(doc.json)
        return _parse.detect_html(doc.tree)

    def parse(self, doc: Document) -> Snapshot:
        """Read the LiveBlogPosting and its updates."""
        from liveread.sources.schemaorg import _parse

        if doc.looks_like_json:
            return _parse.parse_data(doc.json, doc.url)
        return _parse.parse_html(doc.tree, doc.url)
