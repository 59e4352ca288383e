"""The BBC's live pages as a source: a News or Sport page over its stream, a World Service page.

- A **News or Sport page** (bbc.co.uk, bbc.com) renders none of its posts: it
  names the query of its ``stream`` container. Its snapshot is the blog's
  name and state (from its JSON-LD ``LiveBlogPosting``, else its ``og:``
  tags) and its feed: stream page 1 (:func:`~._stream.stream_url`). The
  stream's pages, ``pageNumber`` 1 to ``page.total``, are the history walk.
  Updates are stream page 1 again, asked every poll, as the BBC's own front
  end polls its newest stream page (:mod:`._poll` reads the answer).
- A **World Service page** (simorgh) carries its newest stream page and its
  key points in ``__NEXT_DATA__``; ``?page=N`` is an older page. Its poll
  host is not known, so the page itself is re-read.

Recognised by what the page carries (the stream query, the Next.js page
data of a live text stream, or a stream page's JSON), never by host.
"""

from __future__ import annotations

from dataclasses import replace
from typing import ClassVar

from liveread import urls
from liveread.errors import LayoutChanged, NotALiveBlog
from liveread.model import FollowState, Request, Snapshot
from liveread.sanitize import clean_inline
from liveread.sources import _meta as meta
from liveread.sources._contract import Document, Source
from liveread.sources.bbc._poll import JSON, POLL_EVERY, poll_request, read_poll, read_stream_page
from liveread.sources.bbc._profile import NEXT_DATA
from liveread.sources.bbc._stream import (
    is_stream,
    page_data,
    read_page_data,
    stream_query,
    stream_url,
)
from liveread.urls import host

__all__ = ["BBCSource"]

_TITLE = 'meta[property="og:title"]'
_DESCRIPTION = 'meta[property="og:description"], meta[name="description"]'


def _page_data(doc: Document) -> dict[str, object] | None:
    """A World Service page's data, when the page is one (its live text stream in it)."""
    if "__NEXT_DATA__" not in doc.text or "liveTextStream" not in doc.text:
        return None
    script = doc.tree.css_first(NEXT_DATA)
    data = page_data(script.text()) if script is not None else None
    if data is None or not isinstance(data.get("liveTextStream"), dict):
        return None
    return dict(data)


def _news_page(doc: Document, query: str, source: str) -> Snapshot:
    """A News or Sport page: its name and state, and its stream's page 1 as its feed."""
    from liveread.sources import schemaorg

    tree = doc.tree
    try:
        named: Snapshot | None = schemaorg.parse_html(tree, doc.url, enrich=False)
    except (NotALiveBlog, LayoutChanged):
        named = None  # no LiveBlogPosting: the page's own tags name it
    title = named.title if named is not None else ""
    if not title:
        node = tree.css_first(_TITLE)
        title = clean_inline(node.attributes.get("content") or "") if node is not None else ""
    described = tree.css_first(_DESCRIPTION)
    standfirst = named.standfirst if named is not None else ""
    if not standfirst and described is not None:
        standfirst = clean_inline(described.attributes.get("content") or "")
    return Snapshot(
        url=urls.blog_url(doc.url),
        source=source,
        entries=(),
        title=title,
        standfirst=standfirst,
        live=named.live if named is not None else None,
        main_image=named.main_image if named is not None else None,
        site_name=meta.site_name(tree, named.site_name if named is not None else ""),
        feed=Request(stream_url(doc.url, query, 1), accept=JSON),
    )


class BBCSource(Source):
    """BBC live pages: News and Sport over their stream, World Service pages with their summary."""

    name: ClassVar[str] = "bbc"
    label: ClassVar[str] = "BBC live pages (a live text stream's query or page data)"
    #: A site family: before the generic schema.org reader (a News page declares a posting).
    priority: ClassVar[int] = 20
    #: simorgh polls its newest stream page every 15 s (useLivePagePolling).
    min_interval: ClassVar[float] = POLL_EVERY

    def detect(self, doc: Document) -> bool:
        """A stream page's JSON, a World Service page's live data, or a page naming its stream."""
        if doc.looks_like_json:
            return is_stream(doc.json)
        if "liveTextStream" not in doc.text:
            return False
        return stream_query(doc.text) is not None or _page_data(doc) is not None

    def parse(self, doc: Document) -> Snapshot:
        """Read a stream page, a World Service page, or a News page (a shell over its stream)."""
        if doc.looks_like_json:
            return read_stream_page(doc, self.name)
        data = _page_data(doc)
        if data is not None:
            found = read_page_data(data, doc.url, self.name)
            return replace(found, site_name=meta.site_name(doc.tree))
        query = stream_query(doc.text)
        if query is None:
            raise LayoutChanged(f"{host(doc.url)}: a BBC live page that names no stream")
        return _news_page(doc, query, self.name)

    def update_request(self, state: FollowState) -> Request | None:
        """Stream page 1 (a page further on while catching up); None for a World Service page."""
        return poll_request(state)

    def read_update(self, doc: Document, state: FollowState) -> Snapshot:
        """Read a stream page asked by the poll: new posts, edits, posts taken down."""
        return read_poll(doc, state, self.name)
