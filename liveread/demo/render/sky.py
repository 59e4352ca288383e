"""The demo blog as a Sky News live page shows it (an invented broadcaster, *Harbour 24 News*).

What public extractors read on Sky's live pages, drawn from the demo blog:

- a top-level JSON-LD ``LiveBlogPosting`` whose ``liveBlogUpdate`` holds only
  the newest :data:`WINDOW` updates ("only the most recent ~10-11 posts"),
  each with ``headline``, ``articleBody`` (plain text), ``datePublished`` and
  a ``url`` ending in ``#<numeric post id>``; ``coverageEndTime`` once ended
  (schema.org's word for it: Sky's own end marker is not documented);
- the same updates rendered as Norkon Live Center posts
  (``.ncpost-list-post`` > ``.ncpost-container`` whose ``data-ncpost-id`` is
  left **empty**, as on Sky's pages; ``.ncpost-timestamp`` "November 27, 2026
  - 2:35 PM", ``h2.ncpost-title``, ``.ncpost-byline``, ``.ncpost-content``
  with paragraphs, lists, quotes, photos whose caption ends in a
  ``span.credit`` "Pic: Name/Agency", tweets and video players);
- the key points: an ``h5`` followed by a ``ul`` whose links name this blog's
  posts by ``?postid=<id>``, and beside it a "Top Stories" box of the same
  shape whose links go to other stories (one of them with a ``postid`` too).

A removed post leaves the window as any older one does: the page cannot show
a removal. Summaries are key points (the page knows no summaries).
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from liveread.demo.render._markup import blocks_html, esc, h, london, plain_blocks

if TYPE_CHECKING:
    from liveread.demo.story import BlogState, Post, StoryBlock

__all__ = [
    "KEY_POINTS",
    "SITE_NAME",
    "TOP_STORIES",
    "WINDOW",
    "render_sky_page",
    "sky_credit",
    "sky_post_id",
]

#: The (invented) broadcaster this renderer's pages belong to.
SITE_NAME = "Harbour 24 News"
#: How many of the newest updates the JSON-LD holds and the page renders.
WINDOW = 10
#: How many key points the box lists (newest first; older ones may be out of the window).
KEY_POINTS = 6
#: The unrelated box: (path, post id or None, headline) of other stories on the site.
TOP_STORIES = (
    (
        "/story/ferry-operator-orders-two-new-ships-13611201",
        "20990001",
        "Ferry operator orders ships",
    ),
    ("/story/marlhaven-council-budget-vote-delayed-13611202", None, "Council budget vote delayed"),
)
_TEXT = ("paragraph", "heading", "list_item", "quote")


def sky_post_id(post: Post) -> str:
    """A post's numeric id (from its demo id's counter: unique within a blog)."""
    return str(20_000_000 + int(post.id[-6:], 16))


def sky_credit(credit: str) -> str:
    """A story credit ("Photograph: Name/Agency") as Sky words it: "Pic: Name/Agency"."""
    return "Pic: " + credit.removeprefix("Photograph:").strip()


def _stamp(post: Post) -> str:
    return post.entry.published.isoformat(timespec="seconds")


def _display(post: Post) -> str:
    local = london(post.entry.published)
    hour = local.hour % 12 or 12
    return f"{local:%B} {local.day}, {local.year} - {hour}:{local:%M} {local:%p}"


def _plain(post: Post) -> str:
    return " ".join(b.text for b in post.blocks if b.kind in _TEXT)


def _update_json(post: Post, url: str) -> dict[str, Any]:
    update: dict[str, Any] = {"@type": "BlogPosting"}
    if post.entry.title:
        update["headline"] = post.entry.title
    update.update(articleBody=_plain(post), datePublished=_stamp(post))
    update["url"] = f"{url}#{sky_post_id(post)}"
    return update


def _figure(block: StoryBlock) -> str:
    width, height = block.size
    img = h("img", {"src": block.url, "alt": block.alt, "width": width, "height": height})
    credit = h("span", {"class": "credit"}, esc(sky_credit(block.credit))) if block.credit else ""
    caption = h("figcaption", None, esc(block.caption), " " if credit else "", credit)
    return h("figure", None, img, caption)


def _post_html(post: Post) -> str:
    entry = post.entry
    parts = [h("span", {"class": "ncpost-timestamp"}, esc(_display(post)))]
    if entry.title:
        parts.append(h("h2", {"class": "ncpost-title"}, esc(entry.title)))
    parts += [h("div", {"class": "ncpost-byline"}, esc(name)) for name in entry.authors]
    body = blocks_html(post.blocks, plain_blocks(post, _figure, "sdc-site-video"))
    parts.append(h("div", {"class": "ncpost-content"}, body))
    container = h("div", {"class": "ncpost-container", "data-ncpost-id": ""}, *parts)
    return h("div", {"class": "ncpost-list-post"}, container)


def _box(heading: str, links: list[tuple[str, str]]) -> str:
    items = [h("li", None, h("a", {"href": href}, esc(text))) for href, text in links]
    return h("h5", None, esc(heading)) + h("ul", None, *items)


def _key_points(blog: BlogState, path: str) -> str:
    links = [
        (f"{path}?postid={sky_post_id(p)}#liveblog-body", p.entry.title or p.entry.text[:60])
        for p in blog.key_events()[:KEY_POINTS]
    ]
    return _box("Key points", links) if links else ""


def _top_stories() -> str:
    links = [
        (f"{path}?postid={post}" if post else path, title) for path, post, title in TOP_STORIES
    ]
    return _box("Top Stories", links)


def render_sky_page(blog: BlogState, *, page_url: str | None = None) -> str:
    """Return the blog as a Sky News live page.

    Args:
        blog: The demo blog.
        page_url: Where the page is served (default: the blog's URL); post URLs hang off it.

    """
    url = page_url or blog.url
    posts = blog.posts_newest_first()[:WINDOW]
    posting: dict[str, Any] = {
        "@context": "http://schema.org",
        "@type": "LiveBlogPosting",
        "headline": blog.title,
        "description": blog.story.standfirst,
        "url": url,
        "coverageStartTime": blog.first_published.isoformat(timespec="seconds"),
        "publisher": {"@type": "Organization", "name": SITE_NAME},
        "liveBlogUpdate": [_update_json(p, url) for p in posts],
    }
    if blog.ended_at is not None:
        posting["coverageEndTime"] = blog.ended_at.isoformat(timespec="seconds")
    script = json.dumps(posting, ensure_ascii=False).replace("</", "<\\/")
    head = h(
        "head",
        None,
        h("meta", {"charset": "utf-8"}),
        h("title", None, esc(f"{blog.title} | {SITE_NAME}")),
        h("meta", {"property": "og:site_name", "content": SITE_NAME}),
        h("meta", {"property": "og:title", "content": blog.title}),
        h("link", {"rel": "canonical", "href": url}),
        h("script", {"type": "application/ld+json"}, script),
    )
    path = urlsplit(url).path
    tiles = h("div", {"class": "sdc-site-tiles"}, _key_points(blog, path), _top_stories())
    listing = h("div", {"class": "ncpost-list"}, *map(_post_html, posts))
    body = h(
        "body",
        None,
        h("header", {"class": "sdc-site-header"}, h("a", {"href": "/"}, SITE_NAME)),
        h("main", None, h("h1", None, esc(blog.title)), tiles, listing),
        h("footer", None, h("p", None, f"{SITE_NAME}: a fictional broadcaster made for liveread.")),
    )
    return "<!DOCTYPE html>" + h("html", {"lang": "en-GB"}, head, body)
