"""Reading Brightspot live posts: from the page, from the posts endpoint's answer; the poll URL.

A post's id is its ``data-post-id`` (the endpoint's answers name posts the
same way, so a post read from either is one entry); its time is its
millisecond timestamp; its permalink is the page's copy link when it has
one, else the blog's page and ``#`` the id. A page is live while its list
carries ``data-live-event`` (the page's script polls only then).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit, urlunsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

from liveread import urls
from liveread.errors import LayoutChanged
from liveread.model import Entry, Snapshot, sort_newest_first
from liveread.sanitize import clean_inline
from liveread.sources import _html as htmlwalk
from liveread.sources import _meta as meta
from liveread.sources import rendered
from liveread.sources.brightspot._profile import (
    COPY_LINK,
    CURRENT_POSTS,
    DELTA_MS,
    ENDPOINT,
    HEADLINE,
    LIST,
    LIVE,
    NOW_PARAM,
    POST,
    POST_ID,
    POST_TIME,
    PROFILE,
    SINCE_PARAM,
)
from liveread.urls import host

__all__ = [
    "LiveList",
    "live_list",
    "newest_ms",
    "poll_url",
    "read_answer",
    "read_page",
    "read_posts",
]

_TITLE = 'meta[property="og:title"]'
_DESCRIPTION = 'meta[property="og:description"], meta[name="description"]'


@dataclass(frozen=True)
class LiveList:
    """The page's live list.

    Attributes:
        endpoint: Where its script asks for new posts (absolute), or None.
        live: True while it carries ``data-live-event``, False when not.

    """

    endpoint: str | None
    live: bool


def _post(node: LexborNode, base: str) -> Entry | None:
    post_id = clean_inline(node.attributes.get(POST_ID) or "")
    published = rendered.epoch_time(node.attributes.get(POST_TIME))
    if not post_id or published is None:
        return None
    heading = node.css_first(HEADLINE)
    title = htmlwalk.inline_text(heading) if heading is not None else ""
    shown = rendered.read(node, PROFILE, base, title=title or None)
    blog = urls.blog_url(base)
    link = node.css_first(COPY_LINK)
    permalink = (
        urls.join(base, clean_inline(link.attributes.get("data-link") or "")) if link else ""
    )
    if not urls.is_safe_link(permalink):
        permalink = f"{blog}#{post_id}"
    return Entry(
        id=post_id,
        published=published,
        updated=shown.updated if shown.updated and shown.updated > published else None,
        title=title or None,
        body=shown.body or (),
        url=permalink,
        authors=shown.authors,
    )


def read_posts(nodes: Iterable[LexborNode], base: str) -> list[Entry]:
    """The posts among *nodes* (``bsp-liveblog-post`` elements), each once, in page order."""
    entries: list[Entry] = []
    seen: set[str] = set()
    for node in nodes:
        entry = _post(node, base)
        if entry is not None and entry.id not in seen:
            seen.add(entry.id)
            entries.append(entry)
    return entries


def live_list(tree: LexborHTMLParser, base: str) -> LiveList | None:
    """The page's ``bsp-liveblog`` list (its endpoint and whether it is live), or None."""
    node = tree.css_first(LIST)
    if node is None:
        return None
    raw = clean_inline(node.attributes.get(ENDPOINT) or "")
    endpoint = urls.join(base, raw) if raw else None
    if endpoint is not None and not urls.is_safe_link(endpoint):
        endpoint = None
    return LiveList(endpoint, LIVE in node.attributes)


def newest_ms(entries: Iterable[Entry]) -> int | None:
    """The newest post's time in epoch milliseconds (the ``since`` the page's script sends)."""
    times = [e.published for e in entries]
    if not times:
        return None
    return int(max(times).timestamp() * 1000)


def poll_url(endpoint: str, since_ms: int | None, now_ms: int) -> str:
    """The endpoint's URL as the page's script asks it: ``?since=<ms>&_=<now, 15 s steps>``."""
    parts = urlsplit(endpoint)
    params = [] if since_ms is None else [(SINCE_PARAM, str(since_ms))]
    params.append((NOW_PARAM, str(now_ms - now_ms % DELTA_MS)))
    query = "&".join(q for q in (parts.query, urlencode(params)) if q)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, query, ""))


def read_answer(tree: LexborHTMLParser, base: str) -> list[Entry]:
    """The new posts of an endpoint answer: those in its ``.LiveBlogPage-currentPosts``.

    An answer without that element holds no posts the page would add (the
    page's script reads nothing else); an empty one means nothing is new.
    """
    current = tree.css_first(CURRENT_POSTS)
    if current is None:
        return []
    return read_posts(current.css(POST), base)


def read_page(tree: LexborHTMLParser, url: str, source: str) -> Snapshot:
    """Read a Brightspot live page: its posts, title, and whether it is live.

    Raises:
        LayoutChanged: The page has Brightspot's posts, but none can be read.

    """
    entries = read_posts(tree.css(POST), url)
    if not entries:
        raise LayoutChanged(f"{host(url)}: Brightspot live-blog markers, but no post could be read")
    title_node = tree.css_first(_TITLE)
    title = clean_inline(title_node.attributes.get("content") or "") if title_node else ""
    if not title:
        heading = tree.css_first("h1")
        title = htmlwalk.inline_text(heading) if heading is not None else ""
    described = tree.css_first(_DESCRIPTION)
    listed = live_list(tree, url)
    return Snapshot(
        url=urls.blog_url(url),
        source=source,
        entries=sort_newest_first(entries),
        title=title,
        standfirst=clean_inline(described.attributes.get("content") or "") if described else "",
        live=listed.live if listed is not None else None,
        feed_ids=tuple(e.id for e in entries),
        kind="page",
        site_name=meta.site_name(tree),
    )
