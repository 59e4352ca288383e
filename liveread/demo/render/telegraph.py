"""The demo blog as a Telegraph live page shows it (an invented daily, *The Daily Skelt*).

What a public feed generator reads on the Telegraph's live pages, drawn from
the demo blog:

- two JSON-LD scripts: a ``NewsArticle`` and the ``LiveBlogPosting`` whose
  ``liveBlogUpdate`` lists the page's updates newest first (``headline``,
  ``datePublished`` with an offset, ``articleBody``, and a ``url`` naming the
  post's element), ``coverageEndTime`` once ended (schema.org's word: the
  Telegraph's own end marker is not documented);
- the standfirst ``p[data-test="standfirst"]``;
- the newest :data:`WINDOW` posts as ``.live-post`` (``id="post-<n>"``):
  ``.live-post__wrapper-body-timestamp time[datetime]``, ``.live-post__title``
  and ``.live-post__wrapper-body-article`` holding the text, pictures either
  way the site writes them (``div.articleBodyImage`` with a lazy
  ``.article-body-image-image[data-src]``, or ``figure.article-body-image``
  with ``meta[itemprop=url]``), each with its caption in
  ``[itemprop=caption]`` and its credit in ``[itemprop=copyrightHolder]``,
  "Credit: Name/Agency"; videos as ``.video-player__source[data-video]`` (a
  YouTube id) and tweets inside ``.html-embed``.

No key events (none is documented) and no removal marker: a removed post is
simply gone. The page's authors are not per post.
"""

from __future__ import annotations

import json
from datetime import timedelta, timezone
from typing import TYPE_CHECKING, Any

from liveread.demo.render._markup import blocks_html, esc, h, london, tweet_html

if TYPE_CHECKING:
    from liveread.demo.story import BlogState, Post, StoryBlock

__all__ = ["SITE_NAME", "WINDOW", "post_anchor", "render_telegraph_page", "telegraph_credit"]

#: The (invented) daily this renderer's pages belong to.
SITE_NAME = "The Daily Skelt"
#: How many of the newest posts the page holds (in its markup and its JSON-LD).
WINDOW = 20
_TEXT = ("paragraph", "heading", "list_item", "quote")


def post_anchor(post: Post) -> str:
    """A post's element id, ``post-<n>`` (from its demo id's counter)."""
    return f"post-{int(post.id[-6:], 16)}"


def telegraph_credit(credit: str) -> str:
    """A story credit ("Photograph: Name/Agency") as the page words it: "Credit: Name/Agency"."""
    return "Credit: " + credit.removeprefix("Photograph:").strip()


def _stamp(post: Post) -> str:
    local = london(post.entry.published)
    if local.utcoffset() == timedelta(0):
        local = local.astimezone(timezone.utc)
    return local.isoformat(timespec="seconds")


def _display(post: Post) -> str:
    local = london(post.entry.published)
    return f"{local.hour % 12 or 12}.{local:%M}{local:%p}".lower()


def _picture(block: StoryBlock, index: int) -> str:
    caption = h("span", {"itemprop": "caption"}, esc(block.caption))
    credit = ""
    if block.credit:
        credit = h("span", {"itemprop": "copyrightHolder"}, esc(telegraph_credit(block.credit)))
    if index % 2 == 0:  # the lazy picture
        img = h(
            "img",
            {"class": "article-body-image-image", "data-src": block.url, "alt": block.alt},
        )
        return h("div", {"class": "articleBodyImage"}, img, caption, credit)
    meta = h("meta", {"itemprop": "url", "content": block.url})
    return h(
        "figure",
        {
            "class": "article-body-image",
            "itemscope": "",
            "itemtype": "https://schema.org/ImageObject",
        },
        meta,
        h("figcaption", None, caption, " ", credit),
    )


def _drawer(post: Post) -> Any:
    pictures = 0

    def draw(block: StoryBlock) -> str:
        nonlocal pictures
        if block.kind == "paragraph":
            return h("p", None, block.inner_html)
        if block.kind == "heading":
            return h("h3", None, block.inner_html)
        if block.kind == "quote":
            return h("blockquote", None, h("p", None, block.inner_html))
        if block.kind == "image":
            pictures += 1
            return _picture(block, int(post.id[-6:], 16) + pictures)
        if block.kind == "tweet":
            return h("div", {"class": "html-embed"}, tweet_html(block, post))
        if block.kind == "video":
            source = h("div", {"class": "video-player__source", "data-video": block.asset_id})
            return h("div", {"class": "video-player"}, source)
        if block.kind == "link":
            return h("p", None, h("a", {"href": block.url}, esc(block.text)))
        return ""

    return draw


def _post(post: Post) -> str:
    entry = post.entry
    stamp = h(
        "div",
        {"class": "live-post__wrapper-body-timestamp"},
        h("time", {"datetime": _stamp(post)}, _display(post)),
    )
    title = h("h2", {"class": "live-post__title"}, esc(entry.title)) if entry.title else ""
    article = h(
        "div", {"class": "live-post__wrapper-body-article"}, blocks_html(post.blocks, _drawer(post))
    )
    wrapper = h("div", {"class": "live-post__wrapper-body"}, stamp, title, article)
    return h("div", {"class": "live-post", "id": post_anchor(post)}, wrapper)


def _update(post: Post, url: str) -> dict[str, Any]:
    update: dict[str, Any] = {"@type": "BlogPosting"}
    if post.entry.title:
        update["headline"] = post.entry.title
    update["datePublished"] = _stamp(post)
    update["articleBody"] = " ".join(b.text for b in post.blocks if b.kind in _TEXT)
    update["url"] = f"{url}#{post_anchor(post)}"
    return update


def render_telegraph_page(blog: BlogState, *, page_url: str | None = None) -> str:
    """Return the blog as a Telegraph live page.

    Args:
        blog: The demo blog.
        page_url: Where the page is served (default: the blog's URL).

    """
    url = page_url or blog.url
    posts = blog.posts_newest_first()[:WINDOW]
    main = blog.story.main_image
    article = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": blog.title}
    posting: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "LiveBlogPosting",
        "headline": blog.title,
        "description": blog.story.standfirst,
        "coverageStartTime": blog.first_published.isoformat(timespec="seconds"),
        "image": [{"@type": "ImageObject", "url": main.url}],
        "liveBlogUpdate": [_update(p, url) for p in posts],
    }
    if blog.ended_at is not None:
        posting["coverageEndTime"] = blog.ended_at.isoformat(timespec="seconds")
    scripts = [
        h("script", {"type": "application/ld+json"}, json.dumps(d).replace("</", "<\\/"))
        for d in (article, posting)
    ]
    head = h(
        "head",
        None,
        h("meta", {"charset": "utf-8"}),
        h("title", None, esc(blog.title)),
        h("meta", {"property": "og:site_name", "content": SITE_NAME}),
        h("meta", {"property": "og:title", "content": blog.title}),
        h("meta", {"property": "og:image", "content": main.url}),
        h("link", {"rel": "canonical", "href": url}),
        *scripts,
    )
    lead = h(
        "div",
        {"class": "tpl-live-blog__lead-asset"},
        h("img", {"src": main.url, "alt": main.alt}),
    )
    body = h(
        "body",
        None,
        h(
            "div",
            {"class": "tpl-live-blog"},
            h("h1", None, esc(blog.title)),
            h("p", {"data-test": "standfirst"}, esc(blog.story.standfirst)),
            lead,
            h("div", {"itemprop": "articleBody"}, *map(_post, posts)),
        ),
        h("footer", None, h("p", None, f"{SITE_NAME}: a fictional newspaper made for liveread.")),
    )
    return "<!DOCTYPE html>" + h("html", {"lang": "en-GB"}, head, body)
