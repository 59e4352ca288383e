"""The demo blog as a Reach-platform live page (an invented regional title, *Marlhaven Live*).

It carries what the platform's real pages carry (as the corpus's Mirror and
CorkBeo pages show it):

- a JSON-LD ``LiveBlogPosting`` whose ``liveBlogUpdate`` is the page's window
  (the newest :data:`JSONLD_UPDATES`), each ``url`` the page URL plus
  ``#<entry id>``, ``datePublished`` with a ``+01:00`` offset and
  ``dateModified`` in ``Z``, ``articleBody`` flattened to one run of text
  with entities, and **the page's authors and picture repeated on every
  update** (placeholders a reader must not take for the update's own);
- the newest :data:`RENDERED` updates rendered as ``div.live-event-entry``
  with ``id``, ``data-type`` (``default``/``key-event``), ``data-post-time``
  and ``data-last-modified-time`` (epoch ms); ``.entry-info`` with a local
  ``<time>`` and the writer in ``<mark>`` ("KEY EVENT" on a key event);
  ``.entry-content`` with the ``h3`` headline, paragraphs, tweets, the
  platform's video embed and photos (``figure`` + ``figcaption`` with
  ``span.caption`` and ``span.credit``, the credit written "(Image: Agency)");
- a ``.live-event-key-events`` box listing the newest key events.

Summaries are shown as key events (the platform knows no summaries); a
related link is a "Read more" paragraph, as the platform writes it.
"""

from __future__ import annotations

import json
from datetime import timedelta, timezone
from typing import TYPE_CHECKING, Any

from liveread.demo.render._markup import epoch_ms, esc, h, tweet_html
from liveread.demo.render.jsonld import entities

if TYPE_CHECKING:
    from liveread.demo.story import BlogState, Post, StoryBlock

__all__ = [
    "JSONLD_UPDATES",
    "KEY_BOX",
    "RENDERED",
    "SITE_NAME",
    "reach_credit",
    "render_reach_page",
]

#: The (invented) title this renderer's pages belong to.
SITE_NAME = "Marlhaven Live"
#: How many of the newest updates the JSON-LD holds, and how many are rendered.
JSONLD_UPDATES = 40
RENDERED = 15
#: How many key events the key-events box lists.
KEY_BOX = 5
_LOCAL = timezone(timedelta(hours=1))
_KEY_LABEL = "KEY EVENT"
_TEXT = ("paragraph", "heading", "list_item", "quote")


def reach_credit(credit: str) -> str:
    """A story credit ("Photograph: Name/Agency") as the platform words it: "Name/Agency"."""
    return credit.removeprefix("Photograph:").strip()


def _offset_stamp(post: Post) -> str:
    local = post.entry.published.astimezone(_LOCAL)
    millis = f"{local.microsecond // 1000:03d}"
    return local.strftime("%Y-%m-%dT%H:%M:%S.") + millis + "+01:00"


def _utc_stamp(post: Post) -> str:
    moment = (post.entry.updated or post.entry.published).astimezone(timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def _flat_body(post: Post) -> str:
    """``articleBody`` as the platform writes it: the text blocks run together, entities in."""
    parts = [b.inner_html for b in post.blocks if b.kind in _TEXT]
    return entities(" ".join(parts))


def _update_json(post: Post, url: str, authors: list[dict[str, str]], image: Any) -> Any:
    update: dict[str, Any] = {"@type": "BlogPosting"}
    if post.entry.title:
        update["headline"] = post.entry.title
    update.update(
        url=f"{url}#{post.id}",
        datePublished=_offset_stamp(post),
        dateModified=_utc_stamp(post),
        articleBody=_flat_body(post),
        author=authors,
        image=image,
        mainEntityOfPage=url,
    )
    return update


def _image_html(block: StoryBlock) -> str:
    img = h("amp-img", {"class": "image--live-event", "src": block.url, "layout": "fill"})
    figure = h("figure", {"class": "image--embedded live-event-image"}, img)
    credit = h(
        "span",
        {"class": "credit"},
        " (",
        h("div", {"class": "camera"}, h("span"), "Image:"),
        esc(reach_credit(block.credit)),
        ")",
    )
    parts = [h("span", {"class": "caption"}, esc(block.caption))] if block.caption else []
    caption = h("figcaption", {"class": "image__caption--embedded"}, *parts, credit)
    return h("div", {"class": "image-container"}, figure, caption)


def _block_html(block: StoryBlock, post: Post, blog: BlogState) -> str:
    if block.kind == "paragraph":
        return h("p", None, block.inner_html)
    if block.kind == "heading":
        return h("h4", None, block.inner_html)
    if block.kind == "quote":
        return h("blockquote", None, h("p", None, block.inner_html))
    if block.kind == "image":
        return _image_html(block)
    if block.kind == "tweet":
        return tweet_html(block, post)
    if block.kind == "video":
        # The platform's own player: a page of the video, not the video site's URL.
        path = f"{blog.origin}/video/{block.asset_id or 'clip'}"
        attrs = {"class": "liveEventEmbeddedContent", "data-embedded-content-path": path}
        return h("div", attrs)
    if block.kind == "link":
        link = h("b", None, h("a", {"href": block.url}, esc(block.text)))
        return h("p", None, "Read more: ", link)
    return ""


def _body_html(post: Post, blog: BlogState) -> str:
    out: list[str] = []
    items: list[str] = []
    for block in post.blocks:
        if block.kind == "list_item":
            items.append(h("li", None, block.inner_html))
            continue
        if items:
            out.append(h("ul", None, *items))
            items = []
        out.append(_block_html(block, post, blog))
    if items:
        out.append(h("ul", None, *items))
    return "".join(out)


def _is_key(post: Post) -> bool:
    return post.entry.key_event or post.entry.summary


def _entry_html(post: Post, blog: BlogState) -> str:
    entry = post.entry
    writer = _KEY_LABEL if _is_key(post) else (entry.authors[0] if entry.authors else "")
    info = h(
        "div",
        {"class": "entry-info"},
        h(
            "time",
            {"class": "updating-timezone-live-event"},
            f"{entry.published.astimezone(_LOCAL):%H:%M}",
        ),
        h("mark", None, esc(writer)),
    )
    title = h("h3", None, esc(entry.title)) if entry.title else ""
    content = h("div", {"class": "entry-content"}, title, _body_html(post, blog))
    attrs = {
        "class": "live-event-entry",
        "id": post.id,
        "data-type": "key-event" if _is_key(post) else "default",
        "data-post-time": epoch_ms(entry.published),
        "data-last-modified-time": epoch_ms(entry.updated or entry.published),
    }
    return h("div", attrs, info, content)


def _key_box(blog: BlogState) -> str:
    bubbles = [
        h(
            "li",
            None,
            h(
                "div",
                {"class": "key-bubble"},
                h("a", {"data-id": post.id}, esc(post.entry.title or "")),
                h("time", None, f"{post.entry.published.astimezone(_LOCAL):%H:%M}"),
            ),
        )
        for post in blog.key_events()[:KEY_BOX]
    ]
    return h(
        "div",
        {"class": "live-event-key-events"},
        h("h3", None, "Key Events"),
        h("ul", None, *bubbles),
    )


def render_reach_page(blog: BlogState, *, page_url: str | None = None) -> str:
    """Return the blog as a Reach-platform live page.

    Args:
        blog: The demo blog.
        page_url: Where the page is served (default: the blog's URL); update URLs hang off it.

    """
    url = page_url or blog.url
    posts = blog.posts_newest_first()[:JSONLD_UPDATES]
    main = blog.story.main_image
    page_authors = [{"@type": "Person", "name": n} for n in blog.authors()[:4]]
    page_image = {"@type": "ImageObject", "url": main.url, "width": 615, "height": 409}
    publisher = {"@type": "Organization", "name": "marlhavenlive", "url": f"{blog.origin}/"}
    posting: dict[str, Any] = {
        "@context": "http://schema.org",
        "@type": "LiveBlogPosting",
        "datePublished": blog.first_published.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "dateModified": blog.last_modified.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "url": url,
        "headline": blog.title,
        "description": blog.story.standfirst,
        "coverageStartTime": blog.first_published.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "publisher": publisher,
        "author": page_authors,
        "image": page_image,
        "liveBlogUpdate": [_update_json(p, url, page_authors, page_image) for p in posts],
    }
    if blog.ended_at is not None:
        posting["coverageEndTime"] = blog.ended_at.strftime("%Y-%m-%dT%H:%M:%SZ")
    script = json.dumps(posting, ensure_ascii=False).replace("</", "<\\/")
    head = h(
        "head",
        None,
        h("meta", {"charset": "utf-8"}),
        h("title", None, esc(f"{blog.title} - {SITE_NAME}")),
        h("meta", {"property": "og:site_name", "content": SITE_NAME}),
        h("meta", {"property": "og:title", "content": blog.title}),
        h("meta", {"property": "og:image", "content": main.url}),
        h("link", {"rel": "canonical", "href": url}),
        h("script", {"type": "application/ld+json"}, script),
    )
    entries = "".join(_entry_html(p, blog) for p in posts[:RENDERED])
    standfirst = h("p", {"class": "standfirst"}, esc(blog.story.standfirst))
    body = h(
        "body",
        None,
        h("header", {"class": "masthead"}, h("a", {"href": "/"}, SITE_NAME)),
        h(
            "main",
            None,
            h("h1", None, esc(blog.title)),
            standfirst,
            _key_box(blog),
            h("div", {"class": "live-event-entries"}, entries),
        ),
        h("footer", None, h("p", None, f"{SITE_NAME}: a fictional title made for liveread.")),
    )
    return "<!DOCTYPE html>" + h("html", {"lang": "en-GB"}, head, body)
