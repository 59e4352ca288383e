"""The demo blog as a Brightspot site (AP News and others) serves it (an invented *Coastal Wire*).

What Brightspot's live blogs carry (its ``LiveBlog.js``, and the AP bots
that read it):

- the page (:func:`render_brightspot_page`): ``bsp-liveblog.LiveBlog`` with
  ``data-posts-endpoint`` and, while the blog is live only,
  ``data-live-event`` (the page's script polls only then); inside it,
  ``.LiveBlogPage-currentPosts`` with every post, newest first, as
  ``bsp-liveblog-post.LiveBlogPost`` with ``data-post-id`` and
  ``data-posted-date-timestamp`` (epoch milliseconds), an empty
  ``a.LiveBlogPost-anchor`` named by the id, ``h2.LiveBlogPost-headline``, the
  permalink in ``bsp-copy-link[data-link]``, a byline and
  ``.LiveBlogPost-body``; and a JSON-LD ``LiveBlogPosting`` listing the
  newest :data:`JSONLD_UPDATES` updates (headline and time only);
- the posts endpoint's answer (:func:`render_brightspot_posts`) to the
  script's ``?since=<newest timestamp>&_=<now, in 15 s steps>``: an HTML
  document whose ``.LiveBlogPage-currentPosts`` holds the posts newer than
  ``since`` (none: empty), which the script puts at the top of the list.

Post bodies follow no documented Brightspot markup beyond the body element:
paragraphs, lists, quotes, ``figure.Figure`` with a ``figcaption`` whose
credit is a ``span.Figure-credit`` "(Photo: Name/Agency)", tweets and video
players. No key events (none is documented). Edits and removals show only
on the page: the endpoint answers new posts only.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from liveread.demo.render._markup import blocks_html, element_id, epoch_ms, esc, h, plain_blocks

if TYPE_CHECKING:
    from liveread.demo.story import BlogState, Post, StoryBlock

__all__ = [
    "JSONLD_UPDATES",
    "POSTS_PATH",
    "SITE_NAME",
    "brightspot_credit",
    "post_id",
    "render_brightspot_page",
    "render_brightspot_posts",
]

#: The (invented) agency this renderer's pages belong to.
SITE_NAME = "Coastal Wire"
#: Where the posts endpoint is, after the blog's own path.
POSTS_PATH = "/posts"
#: How many of the newest updates the JSON-LD lists.
JSONLD_UPDATES = 20


def post_id(post: Post) -> str:
    """A post's ``data-post-id`` (Brightspot's UUID-shaped ids, made from its demo id)."""
    return element_id("brightspot", post.id)


def brightspot_credit(credit: str) -> str:
    """A story credit ("Photograph: Name/Agency") as the page prints it: "(Photo: Name/Agency)"."""
    return "(Photo: " + credit.removeprefix("Photograph:").strip() + ")"


def _figure(block: StoryBlock) -> str:
    width, height = block.size
    img = h("img", {"src": block.url, "alt": block.alt, "width": width, "height": height})
    credit = ""
    if block.credit:
        credit = h("span", {"class": "Figure-credit"}, esc(brightspot_credit(block.credit)))
    caption = h("figcaption", {"class": "Figure-caption"}, esc(block.caption), " ", credit)
    return h("figure", {"class": "Figure"}, img, caption)


def _post(post: Post, page_url: str) -> str:
    entry = post.entry
    pid = post_id(post)
    header = [h("a", {"class": "LiveBlogPost-anchor", "id": pid})]
    if entry.title:
        header.append(h("h2", {"class": "LiveBlogPost-headline"}, esc(entry.title)))
    header.append(
        h("bsp-copy-link", {"data-link": f"{page_url}#{pid}"}, h("button", None, "Copy link"))
    )
    parts = [h("div", {"class": "LiveBlogPost-header"}, *header)]
    if entry.authors:
        names = [h("span", {"class": "author"}, esc(name)) for name in entry.authors]
        parts.append(h("div", {"class": "LiveBlogPost-byline"}, *names))
    body = blocks_html(post.blocks, plain_blocks(post, _figure, "YouTubeVideoPlayer"))
    parts.append(h("div", {"class": "LiveBlogPost-body"}, body))
    attrs: dict[str, str | int | None] = {
        "class": "LiveBlogPost",
        "data-post-id": pid,
        "data-posted-date-timestamp": epoch_ms(entry.published),
    }
    return h("bsp-liveblog-post", attrs, *parts)


def _current(posts: list[Post], page_url: str) -> str:
    return h("div", {"class": "LiveBlogPage-currentPosts"}, *(_post(p, page_url) for p in posts))


def render_brightspot_page(blog: BlogState, *, page_url: str | None = None) -> str:
    """Return the blog as a Brightspot live-blog page (every post in it)."""
    url = page_url or blog.url
    posts = blog.posts_newest_first()
    updates = [
        {
            "@type": "BlogPosting",
            **({"headline": p.entry.title} if p.entry.title else {}),
            "datePublished": p.entry.published.isoformat(timespec="seconds"),
        }
        for p in posts[:JSONLD_UPDATES]
    ]
    posting: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "LiveBlogPosting",
        "headline": blog.title,
        "coverageStartTime": blog.first_published.isoformat(timespec="seconds"),
        "liveBlogUpdate": updates,
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
        h("meta", {"property": "og:description", "content": blog.story.standfirst}),
        h("link", {"rel": "canonical", "href": url}),
        h("script", {"type": "application/ld+json"}, script),
    )
    listing: dict[str, str | int | None] = {
        "class": "LiveBlog",
        "data-posts-endpoint": url + POSTS_PATH,
        "data-latest-update-text": "New update",
    }
    if blog.live:
        listing["data-live-event"] = ""
    body = h(
        "body",
        None,
        h(
            "main",
            {"class": "LiveBlogPage"},
            h("h1", {"class": "Page-headline"}, esc(blog.title)),
            h("bsp-liveblog", listing, _current(posts, url)),
        ),
        h("footer", None, h("p", None, f"{SITE_NAME}: a fictional agency made for liveread.")),
    )
    return "<!DOCTYPE html>" + h("html", {"lang": "en"}, head, body)


def render_brightspot_posts(blog: BlogState, since_ms: int | None, *, page_url: str) -> str:
    """The posts endpoint's answer: the posts newer than *since_ms* (all of them without one)."""
    posts = [
        p
        for p in blog.posts_newest_first()
        if since_ms is None or epoch_ms(p.entry.published) > since_ms
    ]
    body = h("body", None, _current(posts, page_url))
    return "<!DOCTYPE html>" + h(
        "html", None, h("head", None, h("meta", {"charset": "utf-8"})), body
    )
