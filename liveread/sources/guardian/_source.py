"""The Guardian as a source: how its pages are recognised and read, and how it is polled.

The page itself polls an update endpoint every 10 s (its Liveness island
names ``ajaxUrl`` and ``pageId``):
``GET <ajaxUrl>/<pageId>.json?lastUpdate=block-<id>&isLivePage=true&dcr=true``
answers the rendered blocks newer than ``lastUpdate``, at most about five at
a time, so a full batch means "ask again at once". liveread asks the same
way: the snapshot of a live page carries the endpoint as ``source_data`` and
the newest block known as the ``cursor``. The endpoint never reports edits,
removals, pins or key-event changes, and cannot tell a vanished anchor from
"nothing new": the follower's regular re-reads of page 1 catch those and
re-base the anchor.

Old links carry ``?page=with:block-…``, ``filterKeyEvents=`` or ``topics=``,
and the data model lives at ``<page>.json``: :meth:`GuardianSource.page_url`
maps them all to the page itself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar
from urllib.parse import urlencode, urljoin

from liveread.errors import LayoutChanged
from liveread.sources._contract import NOT_JSON, Document, Source
from liveread.urls import host

if TYPE_CHECKING:
    from liveread.model import FollowState, Request, Snapshot

__all__ = ["BATCH", "GuardianSource", "poll_url"]

#: A poll answer holding this many blocks (or announcing as many) may have more behind it.
BATCH = 5
#: The Accept header of update polls.
JSON_ACCEPT = "application/json"
_DATA_SUFFIX = ".json"


def poll_url(ajax_url: str, page_id: str, anchor: str) -> str:
    """The update poll for blocks newer than *anchor* (a bare block id).

    Built as the page's own script does, ``new URL(pageId + ".json", ajaxUrl)``,
    from the page's Liveness data: never a hard-coded host.
    """
    base = urljoin(ajax_url, page_id.lstrip("/") + _DATA_SUFFIX)
    query = urlencode(
        {"lastUpdate": f"block-{anchor}", "isLivePage": "true", "dcr": "true"}, safe=":"
    )
    return f"{base}?{query}"


class GuardianSource(Source):
    """The Guardian's live blogs: rendered page, article data model, update poll."""

    name: ClassVar[str] = "guardian"
    label: ClassVar[str] = (
        "Guardian live-blog data or markup (blocks, article.block, the Liveness island)"
    )
    priority: ClassVar[int] = 10

    def detect(self, doc: Document) -> bool:
        """Recognise the data model, a poll answer, the rendered page or bare block markup."""
        from liveread.sources.guardian import _parse

        if doc.looks_like_json:
            data = doc.json
            return isinstance(data, dict) and (_parse.is_poll(data) or _parse.is_model(data))
        return _parse.detect_html(doc.tree)

    def parse(self, doc: Document) -> Snapshot:
        """Read whichever of the three shapes *doc* is."""
        from liveread.sources.guardian import _parse

        if doc.looks_like_json:
            data = doc.json
            if isinstance(data, dict) and _parse.is_poll(data):
                return _parse.parse_poll(data, doc.url)
            return _parse.parse_model(data, doc.url)
        return _parse.parse_html(doc.tree, doc.url)

    def page_url(self, url: str) -> str | None:
        """Map the data model (``<page>.json``) and page or filter links to the page."""
        from liveread.sources.guardian._urls import page_of

        return page_of(url)

    def update_request(self, state: FollowState) -> Request | None:
        """The update poll from the anchor, when the page named its endpoint."""
        ajax_url = state.source_data.get("ajax_url")
        page_id = state.source_data.get("page_id")
        if not (isinstance(ajax_url, str) and isinstance(page_id, str) and state.cursor):
            return None
        from liveread.model import Request  # polling: not when a URL is only mapped to its blog

        return Request(poll_url(ajax_url, page_id, state.cursor), accept=JSON_ACCEPT)

    def read_update(self, doc: Document, state: FollowState) -> Snapshot:
        """Read a poll answer: new blocks, the new anchor, and whether to ask again at once."""
        from liveread.sources.guardian import _parse

        data: Any = doc.json
        if data is NOT_JSON or not isinstance(data, dict) or not _parse.is_poll(data):
            raise LayoutChanged(f"{host(doc.url)}: the update endpoint answered with a whole page")
        # The poll lives on another host (ajaxUrl): permalinks hang off the blog's page.
        snapshot = _parse.parse_poll(data, doc.blog)
        moved = snapshot.cursor is not None and snapshot.cursor != state.cursor
        announced = data.get("numNewBlocks")
        count = max(len(snapshot.feed_ids), announced if isinstance(announced, int) else 0)
        return snapshot.as_update(
            cursor=snapshot.cursor if moved else None, again=moved and count >= BATCH
        )
