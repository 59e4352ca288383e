"""The demo blog in the Guardian's three shapes: the page, the data model, the poll answer.

- :func:`render_page`: the full live-blog page (``LiveLayout``): head with
  styles and a schema.org ``LiveBlogPosting``, ``h1`` headline, standfirst,
  main media, the desktop key-events carousel, the Liveness island (live blogs
  only), and ``div#liveblog-body`` holding the pinned post (page 1), the mobile
  carousel, ``div#top-of-blog`` and the posts with ad slots between them, with
  ``nav#liveblog-navigation`` above (pages after the first) and below.
- :func:`render_model`: ``<page URL>.json?dcr=true``, the article data model.
- :func:`render_poll`: the update poll's answer, ``{numNewBlocks,
  mostRecentBlockId, html}``.

Rules taken from the real code (guardian/frontend ``LiveBlogCurrentPage.scala``
and ``LiveBlogController.scala``; guardian/dotcom-rendering ``LiveBlogRenderer``,
``Pagination.tsx``, ``Liveness.importable.tsx``):

- Page 1 drops its first post from the feed when that post is the pinned one
  (``removeFirstBlockIfPinned``): it then appears only as the pinned post.
  Only page 1 has a pinned post (``pinnedPost`` in the model, ``div#pinned-post``
  in the page); the copy's header has no time (``FirstPublished`` skips it for
  pinned posts), the "From ..." row above it has one.
- Page 1's "oldest" link names the blog's oldest block (``body:oldest:1``);
  other pages name the first block of the last page.
- Pagination links in the data model are ``?page=with:block-<id>&filterKeyEvents=false``
  (``?filterKeyEvents=false`` for the first page). The page's navigation
  builds its hrefs with ``URLSearchParams``, so the colon is percent-encoded
  there: ``?page=with%3Ablock-<id>&filterKeyEvents=false#liveblog-navigation``
  (Newest links go to ``#maincontent``). Permalinks keep a literal colon.
- The poll answers with the blocks right after ``lastUpdate``, at most five
  (the frontend asks the content API for ``body:around:<id>:5`` and keeps the
  part newer than the anchor), newest first; ``mostRecentBlockId`` is the
  newest of those and is absent when nothing is new. An anchor that is no
  longer published matches nothing: the answer is an empty one
  (``numNewBlocks`` 0, no ``mostRecentBlockId``), indistinguishable from "no
  news", which is why clients must re-read page 1 now and then.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from liveread.demo.render._markup import element_id, epoch_ms, esc, iso_ms
from liveread.demo.render.guardian._elements import block_json, format_json, image_json
from liveread.demo.render.guardian._markup import blocks_and_ads, island, style_tag
from liveread.demo.render.guardian._page import feed, linked_data, page_html, pagination_suffix

if TYPE_CHECKING:
    from liveread.demo.story import BlogState

__all__ = ["render_model", "render_page", "render_poll"]


def render_page(blog: BlogState, page: int = 1, *, ajax_url: str) -> str:
    """Return the full live-blog page *page* (1 = newest) as the Guardian's renderer emits it.

    Args:
        blog: The blog (a :class:`~liveread.demo.story.DemoBlog`).
        page: The page number; the server maps ``?page=with:block-<id>`` to it
            with :meth:`~liveread.demo.story.BlogState.page_for_query`.
        ajax_url: The base of the update endpoint, written into the Liveness island.

    Raises:
        ValueError: There is no such page.

    """
    return page_html(blog, page, ajax_url)


def _main_media(blog: BlogState) -> dict[str, Any]:
    """Return ``mainMediaElements[0]``: the main photo."""
    return image_json(blog.story.main_image, element_id(blog.page_id, "main-media"))


def render_model(blog: BlogState, page: int = 1, *, ajax_url: str) -> dict[str, Any]:
    """Return the data model (``<page URL>.json?dcr=true``) of page *page*.

    Raises:
        ValueError: There is no such page.

    """
    current = blog.page(page)
    posts = feed(blog, current)
    pinned = blog.pinned_post if page == 1 else None
    model: dict[str, Any] = {
        "headline": blog.title,
        "standfirst": f"<p>{esc(blog.story.standfirst)}</p>",
        "webTitle": blog.title,
        "webURL": blog.url,
        "canonicalUrl": blog.url,
        "pageId": blog.page_id,
        "contentType": "LiveBlog",
        "byline": " and ".join(blog.authors()[:2]),
        "webPublicationDate": iso_ms(blog.first_published),
        "mainMediaElements": [_main_media(blog)],
        "blocks": [block_json(p, blog) for p in posts],
        "keyEvents": [block_json(p, blog) for p in blog.key_events()],
        "format": format_json(blog),
        "config": {
            "ajaxUrl": ajax_url,
            "pageId": blog.page_id,
            "isLive": blog.live,
            "isLiveBlog": True,
            "host": blog.origin,
            "edition": "UK",
            "contentType": "LiveBlog",
            "webPublicationDate": epoch_ms(blog.first_published),
        },
        "linkedData": linked_data(blog, posts),
        "editionId": "UK",
    }
    if pinned is not None:
        model["pinnedPost"] = block_json(pinned, blog)
    if blog.most_recent_id:
        model["mostRecentBlockId"] = f"block-{blog.most_recent_id}"
    if current.total > 1:
        pagination: dict[str, Any] = {"currentPage": current.number, "totalPages": current.total}
        for name in ("newest", "newer", "older", "oldest"):
            value = pagination_suffix(getattr(current, name))
            if value is not None:
                pagination[name] = value
        model["pagination"] = pagination
    return model


def render_poll(blog: BlogState, last_update_block_id: str, *, limit: int = 5) -> dict[str, Any]:
    """Return the update poll's answer for ``?lastUpdate=<last_update_block_id>``.

    Returns:
        ``{"numNewBlocks": N, "mostRecentBlockId": "block-<id>", "html": ...}``
        with the blocks right after the anchor (at most *limit*, newest first);
        without ``mostRecentBlockId`` when nothing is new or the anchor is unknown.

    """
    posts = blog.blocks_after(last_update_block_id, limit) or ()
    html = style_tag() + '<div id="top-of-blog"></div>' + blocks_and_ads(blog, posts, pending=True)
    if len(posts) > 4:
        html += island("LiveBlogEpic", {"pageId": blog.page_id}, defer="idle")
    answer: dict[str, Any] = {"numNewBlocks": len(posts)}
    if posts:
        answer["mostRecentBlockId"] = f"block-{posts[0].id}"
    answer["html"] = html
    return answer
