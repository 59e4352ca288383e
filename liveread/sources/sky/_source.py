"""Sky News live pages as a source: the JSON-LD window, Live Center posts, ``postid`` key points.

A Sky live page carries a schema.org ``LiveBlogPosting`` (its newest updates
only: nothing older can be asked for), renders its posts with Norkon Live
Center's markup and lists its key points by ``?postid=`` links (see
:mod:`._profile`). Recognised by that pair of markers, never by host: the
same page served from 127.0.0.1 is read the same. There is no update
endpoint known: the follower re-reads the page; posts that scroll out of the
window are never taken for removals.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from liveread.sources._contract import Document, Source

if TYPE_CHECKING:
    from liveread.model import Snapshot

__all__ = ["SkySource"]

#: What tells a Sky live page apart: a Live Center post, or a key point naming a post.
MARKERS = "[data-ncpost-id], .ncpost-list-post, h5 + ul a[href*='postid=']"


class SkySource(Source):
    """Sky News live pages: JSON-LD updates enriched by Live Center posts, key points marked."""

    name: ClassVar[str] = "sky"
    label: ClassVar[str] = "Sky News live pages (JSON-LD with Live Center posts)"
    #: A site family: before the generic AMP and schema.org readers.
    priority: ClassVar[int] = 32

    def detect(self, doc: Document) -> bool:
        """A page with a LiveBlogPosting and Live Center posts or ``postid`` key points."""
        text = doc.text
        if doc.looks_like_json or "LiveBlogPosting" not in text:
            return False
        if "ncpost" not in text and "postid=" not in text:
            return False
        from liveread.sources import schemaorg

        return doc.tree.css_first(MARKERS) is not None and schemaorg.detect_html(doc.tree)

    def parse(self, doc: Document) -> Snapshot:
        """Read the JSON-LD window, enriched, with its key points."""
        from liveread.sources.sky._read import read_page

        return read_page(doc.tree, doc.url, self.name)
