"""Brightspot live blogs (AP News and others) as a source: the page, and its posts endpoint.

The page renders every post it shows (``bsp-liveblog-post``, each with its
millisecond timestamp) and, while the blog is live, names the endpoint its
script asks for newer posts every 15 s:
``<endpoint>?since=<newest post's ms>&_=<now, in 15 s steps>``. liveread asks
it the same way (:meth:`BrightspotSource.update_request`), once per poll;
the answer holds the new posts only. Edits, posts taken down and the end
(the list losing ``data-live-event``) show only on the page, which the
follower re-reads now and then. Whether the page holds every post of a long
blog is not known: it is read as a window, so a post that is not on it is
never taken for a removal unless it is newer than the oldest post it shows.

Recognised by Brightspot's post element, never by host.
"""

from __future__ import annotations

from dataclasses import replace
from typing import ClassVar
from urllib.parse import parse_qsl, urlsplit

from liveread import urls
from liveread.model import FollowState, Request, Snapshot
from liveread.sources._contract import Document, Source
from liveread.sources.brightspot._profile import DELTA_MS, NOW_PARAM, POST
from liveread.sources.brightspot._read import (
    live_list,
    newest_ms,
    poll_url,
    read_answer,
    read_page,
)
from liveread.times import utc_now

__all__ = ["BrightspotSource"]

#: Where the page's endpoint is kept (``source_data``).
_ENDPOINT = "endpoint"


def _since(cursor: str | None) -> int | None:
    """The ``since`` a cursor names: ``<newest ms>@<the poll's 15 s step>``."""
    head = (cursor or "").partition("@")[0]
    return int(head) if head.isdigit() else None


class BrightspotSource(Source):
    """Brightspot live blogs: the page's posts, and the page's own ``since=`` poll."""

    name: ClassVar[str] = "brightspot"
    label: ClassVar[str] = "Brightspot live blogs (bsp-liveblog-post)"
    #: A site family: before the generic schema.org reader (its pages declare a posting).
    priority: ClassVar[int] = 24
    #: The page's script polls every CONTENT_DELTA_RANGE (15 s).
    min_interval: ClassVar[float] = DELTA_MS / 1000

    def detect(self, doc: Document) -> bool:
        """A page holding Brightspot's live-blog posts."""
        if doc.looks_like_json or POST not in doc.text:
            return False
        return doc.tree.css_first(POST) is not None

    def parse(self, doc: Document) -> Snapshot:
        """Read the page's posts, its state and its endpoint."""
        page = read_page(doc.tree, doc.url, self.name)
        listed = live_list(doc.tree, doc.url)
        endpoint = listed.endpoint if listed is not None else None
        newest = newest_ms(page.entries)
        return replace(
            page,
            window=len(page.feed_ids),
            source_data={_ENDPOINT: endpoint} if endpoint else {},
            cursor=str(newest) if newest is not None else None,
        )

    def update_request(self, state: FollowState) -> Request | None:
        """The endpoint, asked as the page's script asks it (None while it names none)."""
        endpoint = state.source_data.get(_ENDPOINT)
        if not isinstance(endpoint, str) or not endpoint:
            return None
        now = int(utc_now().timestamp() * 1000)
        return Request(poll_url(endpoint, _since(state.cursor), now))

    def read_update(self, doc: Document, state: FollowState) -> Snapshot:
        """The posts the endpoint answered: those newer than ``since``.

        The cursor moves with each poll's 15-second step, so that the
        one-off URL of each step leaves no validators behind in the cache.
        """
        entries = tuple(read_answer(doc.tree, urls.blog_url(doc.blog)))
        newest = max(n for n in (newest_ms(entries), _since(state.cursor), 0) if n is not None)
        step = dict(parse_qsl(urlsplit(doc.url).query)).get(NOW_PARAM, "")
        return Snapshot(
            url=urls.blog_url(doc.blog),
            source=self.name,
            entries=entries,
            kind="update",
            cursor=f"{newest}@{step}" if step.isdigit() else str(newest),
        )
