"""Le Monde's "en direct" pages as a source: the page's posts, re-read as the page is.

Recognised by the live's post markup (``section.post__live-container`` inside
``section.post__live-section``), never by host. No update endpoint is known:
the follower re-reads the page (conditionally) every interval, as the public
followers of these pages do.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from liveread.sources._contract import Document, Source

if TYPE_CHECKING:
    from liveread.model import Snapshot

__all__ = ["LeMondeSource"]

#: A live post inside the live's section: what tells these pages apart.
MARKER = "section.post__live-section section.post__live-container"


class LeMondeSource(Source):
    """Le Monde's live pages: posts, essential ones as key events, readers' questions, the end."""

    name: ClassVar[str] = "lemonde"
    label: ClassVar[str] = "Le Monde live pages (section.post__live-container)"
    #: A site family: before the generic AMP and schema.org readers.
    priority: ClassVar[int] = 34

    def detect(self, doc: Document) -> bool:
        """Recognise the live's post markup."""
        if doc.looks_like_json or "post__live-container" not in doc.text:
            return False
        return doc.tree.css_first(MARKER) is not None

    def parse(self, doc: Document) -> Snapshot:
        """Read the page's posts."""
        from liveread.sources.lemonde._read import read_page

        return read_page(doc.tree, doc.url, self.name)
