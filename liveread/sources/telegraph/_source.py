"""The Telegraph's live pages as a source: JSON-LD updates with their posts' content.

Recognised by the live posts' markup (``.live-post`` with its title or
content element), never by host. No update endpoint is known: the follower
re-reads the page; it shows a window, so posts that leave it are never taken
for removals.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from liveread.sources._contract import Document, Source

if TYPE_CHECKING:
    from liveread.model import Snapshot

__all__ = ["TelegraphSource"]

#: A live post with its own title or content element: what tells these pages apart.
MARKER = ".live-post .live-post__wrapper-body-article, .live-post .live-post__title"


class TelegraphSource(Source):
    """The Telegraph's live pages: JSON-LD updates, ``.live-post`` content, itemprop captions."""

    name: ClassVar[str] = "telegraph"
    label: ClassVar[str] = "Telegraph live pages (.live-post)"
    #: A site family: before the generic AMP and schema.org readers.
    priority: ClassVar[int] = 36

    def detect(self, doc: Document) -> bool:
        """Recognise the live posts' markup."""
        if doc.looks_like_json or "live-post__" not in doc.text:
            return False
        return doc.tree.css_first(MARKER) is not None

    def parse(self, doc: Document) -> Snapshot:
        """Read the page's updates and posts."""
        from liveread.sources.telegraph._read import read_page

        return read_page(doc.tree, doc.url, self.name)
