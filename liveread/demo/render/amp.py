"""The demo blog as an AMP live page (an invented publisher, *Marlhaven Today*).

An ``amp-live-list`` as amp.dev documents it, with what the corpus's AMP page
adds around it:

- ``<amp-live-list id data-poll-interval data-max-items-per-page>``
  (``disabled`` once the blog has ended), its ``[update]`` button, and
  ``[items]`` holding the newest :data:`MAX_ITEMS` posts, each
  ``div#post-<id>[data-sort-time][data-update-time]`` (epoch ms): a permalink
  with ``amp-timeago``, the headline, paragraphs, ``amp-img`` photos in
  figures (caption, then the credit in brackets), tweets in ``amp-twitter``
  around their placeholder, videos in ``amp-youtube``, the writers;
- a tombstone for each post taken down within the list's span
  (``data-tombstone``, its content gone, ``data-update-time`` the removal);
- a "key points" box before the list (``aside.key-points``), linking to the
  key events among the listed posts by their fragment (``#post-<id>``), as
  the corpus's AMP page lists its own;
- ad slots between items (``div#ad-N`` holding an ``amp-ad``), which are no posts;
- a JSON-LD ``LiveBlogPosting`` with the same updates, whose ``url``
  fragments are not the items' ids and whose ``image`` is the page's own
  picture on every update, as on the real page.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from liveread.demo.render._markup import epoch_ms, esc, h, iso_ms, tweet_html
from liveread.demo.render.jsonld import article_body

if TYPE_CHECKING:
    from datetime import datetime

    from liveread.demo.story import BlogState, Post, StoryBlock

__all__ = ["AD_EVERY", "MAX_ITEMS", "SITE_NAME", "item_id", "render_amp_page"]

#: The (invented) publisher of this renderer's pages.
SITE_NAME = "Marlhaven Today"
#: How many posts the list shows (``data-max-items-per-page``).
MAX_ITEMS = 20
#: An ad slot after every this many posts.
AD_EVERY = 4
_POLL_MS = 15000
Attrs = dict[str, str | int | None]


def item_id(post_id: str) -> str:
    """The list item's id of a post."""
    return f"post-{post_id}"


def _block_html(block: StoryBlock, post: Post) -> str:
    if block.kind == "paragraph":
        return h("p", None, block.inner_html)
    if block.kind == "heading":
        return h("h3", None, block.inner_html)
    if block.kind == "quote":
        return h("blockquote", None, h("p", None, block.inner_html))
    if block.kind == "image":
        width, height = block.size
        img = h(
            "amp-img",
            {"src": block.url, "width": width, "height": height, "layout": "responsive"},
        )
        caption = h(
            "figcaption",
            {"class": "caption"},
            esc(block.caption),
            " ",
            h("span", {"class": "copyright"}, esc(f"({block.credit})")),
        )
        return h("figure", {"class": "image"}, img, caption)
    if block.kind == "tweet":
        tweet_id = (block.url or "").rstrip("/").rsplit("/", 1)[-1]
        placeholder = tweet_html(block, post).replace("<blockquote ", "<blockquote placeholder ", 1)
        attrs: Attrs = {
            "data-tweetid": tweet_id,
            "width": 375,
            "height": 472,
            "layout": "responsive",
        }
        return h("amp-twitter", attrs, placeholder)
    if block.kind == "video":
        attrs = {
            "data-videoid": block.asset_id,
            "width": 480,
            "height": 270,
            "layout": "responsive",
        }
        return h("amp-youtube", attrs)
    if block.kind == "link":
        return h("p", {"class": "related"}, h("a", {"href": block.url}, esc(block.text)))
    return ""


def _body_html(post: Post) -> str:
    out: list[str] = []
    items: list[str] = []
    for block in post.blocks:
        if block.kind == "list_item":
            items.append(h("li", None, block.inner_html))
            continue
        if items:
            out.append(h("ul", None, *items))
            items = []
        out.append(_block_html(block, post))
    if items:
        out.append(h("ul", None, *items))
    return "".join(out)


def _item_html(post: Post) -> str:
    entry = post.entry
    anchor = item_id(post.id)
    stamp = h(
        "amp-timeago",
        {"datetime": iso_ms(entry.published), "layout": "fixed-height", "height": 20},
        str(int(entry.published.timestamp())),
    )
    byline = h(
        "div",
        {"class": "byline"},
        *(h("span", {"class": "author"}, esc(name)) for name in entry.authors),
    )
    attrs: Attrs = {
        "id": anchor,
        "data-sort-time": epoch_ms(entry.published),
        "data-update-time": epoch_ms(entry.updated or entry.published),
        "class": "post",
    }
    title = h("h2", None, esc(entry.title)) if entry.title else ""
    return h(
        "div",
        attrs,
        h("a", {"href": f"#{anchor}", "class": "permalink"}, stamp),
        title,
        _body_html(post),
        byline,
    )


def _tombstone_html(post: Post, removed_at: datetime) -> str:
    attrs: Attrs = {
        "id": item_id(post.id),
        "data-sort-time": epoch_ms(post.entry.published),
        "data-update-time": epoch_ms(removed_at),
        "data-tombstone": "",
    }
    return h("div", attrs)


def _ad_html(number: int, after: Post) -> str:
    # Sorted just below the post it follows, as real lists do.
    attrs: Attrs = {"id": f"ad-{number}", "data-sort-time": epoch_ms(after.entry.published) - 1}
    slot: Attrs = {"width": 300, "height": 250, "type": "doubleclick", "data-slot": "/demo/live"}
    return h("div", attrs, h("amp-ad", slot))


def _key_points(blog: BlogState, listed: list[Post], page_url: str) -> str:
    """The box of links to the listed key events (none: no box)."""
    shown = {p.id for p in listed}
    links = [
        h("li", None, h("a", {"href": f"{page_url}?#{item_id(p.id)}"}, esc(p.entry.title or "")))
        for p in blog.key_events()
        if p.id in shown and p.entry.title
    ]
    if not links:
        return ""
    return h("aside", {"class": "key-points"}, h("h2", None, "Key points"), h("ul", None, *links))


def _update_json(post: Post, page_url: str, image: dict[str, Any]) -> dict[str, Any]:
    entry = post.entry
    update: dict[str, Any] = {"@type": "BlogPosting"}
    if entry.title:
        update["headline"] = entry.title
    update.update(
        url=f"{page_url}/#liveblogPost{post.id}",
        datePublished=iso_ms(entry.published),
        dateModified=iso_ms(entry.updated or entry.published),
        author=[{"@type": "Person", "name": name} for name in entry.authors],
        articleBody=article_body(post),
        image=image,
    )
    return update


def render_amp_page(blog: BlogState, *, page_url: str | None = None) -> str:
    """Return the blog as an AMP page with an ``amp-live-list``.

    Args:
        blog: The demo blog.
        page_url: Where the page is served (default: the blog's URL).

    """
    url = page_url or blog.url
    posts = blog.posts_newest_first()[:MAX_ITEMS]
    oldest = posts[-1].entry.published if posts else None
    tombstones = [
        (post, at)
        for post, at in blog.removed_posts()
        if oldest is not None and post.entry.published >= oldest
    ]
    children: list[tuple[datetime, str]] = []
    for n, post in enumerate(posts, start=1):
        children.append((post.entry.published, _item_html(post)))
        if n % AD_EVERY == 0:
            children.append((post.entry.published, _ad_html(n // AD_EVERY, post)))
    children += [(post.entry.published, _tombstone_html(post, at)) for post, at in tombstones]
    # Newest first; an ad stays right after its post (a stable sort keeps it there).
    children.sort(key=lambda pair: pair[0], reverse=True)
    live_list: Attrs = {
        "id": "live-updates",
        "data-poll-interval": _POLL_MS,
        "data-max-items-per-page": MAX_ITEMS,
        "disabled": "" if not blog.live else None,
    }
    listing = h(
        "amp-live-list",
        live_list,
        h("button", {"update": "", "on": "tap:live-updates.update"}, "Show new updates"),
        h("div", {"items": ""}, *(html for _, html in children)),
        h("div", {"pagination": ""}),
    )
    main = blog.story.main_image
    page_image = {"@type": "ImageObject", "url": main.url, "width": "853", "height": "1280"}
    posting: dict[str, Any] = {
        "@context": "http://schema.org",
        "@type": "LiveBlogPosting",
        "url": url,
        "headline": blog.title,
        "description": f"<p>{esc(blog.story.standfirst)}</p>",
        "datePublished": iso_ms(blog.first_published),
        "dateModified": iso_ms(blog.last_modified),
        "coverageStartTime": iso_ms(blog.first_published),
        "publisher": {"@type": "Organization", "name": SITE_NAME, "url": f"{blog.origin}/"},
        "liveBlogUpdate": [_update_json(p, url, page_image) for p in posts],
    }
    if blog.ended_at is not None:
        posting["coverageEndTime"] = iso_ms(blog.ended_at)
    script = json.dumps(posting, ensure_ascii=False).replace("</", "<\\/")
    head = h(
        "head",
        None,
        h("meta", {"charset": "utf-8"}),
        h("title", None, esc(f"{blog.title} | {SITE_NAME}")),
        h("link", {"rel": "canonical", "href": url}),
        h("meta", {"property": "og:site_name", "content": SITE_NAME}),
        h("meta", {"property": "og:title", "content": blog.title}),
        h("meta", {"property": "og:image", "content": f"{main.url}?width=1200"}),
        h("script", {"type": "application/ld+json"}, script),
    )
    body = h(
        "body",
        None,
        h("header", None, h("a", {"href": "/"}, SITE_NAME)),
        h("h1", None, esc(blog.title)),
        h("p", {"class": "standfirst"}, esc(blog.story.standfirst)),
        _key_points(blog, posts, url),
        listing,
        h("footer", None, h("p", None, f"{SITE_NAME}: a fictional newspaper made for liveread.")),
    )
    return "<!doctype html>" + h("html", {"amp": "", "lang": "en"}, head, body)
