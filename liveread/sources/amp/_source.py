"""AMP live lists as a source, followed the way an AMP page polls itself.

An AMP page with an ``amp-live-list`` has no endpoint of its own: the AMP
runtime re-fetches the page (at least every 15 s) and, on an AMP cache, adds
``amp_latest_update_time=<ms>``, the newest update time it holds. liveread
does the same: :meth:`AmpSource.update_request` asks for the page with that
parameter, the cursor being the newest sort or update time of the list (in
epoch ms), and :meth:`AmpSource.read_update` reads the answer (the whole page,
or a page filtered to what is newer, as AMP's server-side filtering allows)
as an update: new items, edited items (a new ``data-update-time``), and
tombstones, recorded as removals.

Why the parameter rather than a plain re-read of page 1: it is the format's
own way to ask, so a publisher or an AMP cache that keys on it answers with
the newest copy (some keep their ordinary page cached for much longer, some
only keep tombstones in their poll answers); an origin that ignores it answers
the page, which reads the same. The URL only changes when the list does, so
conditional GETs still turn an idle poll into a 304. The follower's regular
re-read of page 1 (every ``refresh``) stays authoritative for what a poll
cannot say: an item gone without a tombstone, the title, the end.

The list shows a window of the newest items (``data-max-items-per-page``):
an item that scrolls out of it was not deleted, and is never taken for one.
"""

from __future__ import annotations

from typing import ClassVar

from liveread.errors import LayoutChanged
from liveread.model import FollowState, Snapshot
from liveread.sources._contract import Document, Request, Source
from liveread.urls import host

__all__ = ["AmpSource"]


class AmpSource(Source):
    """Pages with an AMP ``amp-live-list`` (and its schema.org JSON-LD, when present)."""

    name: ClassVar[str] = "amp"
    label: ClassVar[str] = "an AMP amp-live-list"
    #: A documented format: after the site families, before generic schema.org.
    priority: ClassVar[int] = 40

    def detect(self, doc: Document) -> bool:
        """Recognise an ``amp-live-list`` with its ``[items]``."""
        if doc.looks_like_json or "amp-live-list" not in doc.text:
            return False
        from liveread.sources.amp._parse import detect_html

        return detect_html(doc.tree)

    def parse(self, doc: Document) -> Snapshot:
        """Read the list: items, edits, tombstones, enriched by the page's JSON-LD."""
        from liveread.sources.amp._parse import parse_live_list

        return parse_live_list(doc.tree, doc.url, self.name)

    def update_request(self, state: FollowState) -> Request | None:
        """The page itself with ``amp_latest_update_time``, once a list has been read."""
        from liveread.sources.amp._parse import poll_url

        page = state.source_data.get("page")
        if not isinstance(page, str) or not page or state.cursor is None:
            return None
        return Request(poll_url(page, state.cursor))

    def read_update(self, doc: Document, state: FollowState) -> Snapshot:
        """Read a poll answer: the list's items and tombstones, as an update."""
        from liveread.sources.amp._parse import parse_live_list

        if not self.detect(doc):
            raise LayoutChanged(f"{host(doc.url)}: the AMP page answered its poll without its list")
        # The page as the blog's (not with the poll's parameter): its permalinks hang off it.
        snapshot = parse_live_list(doc.tree, doc.blog, self.name)
        moved = snapshot.cursor is not None and snapshot.cursor != state.cursor
        return snapshot.as_update(cursor=snapshot.cursor if moved else None)
