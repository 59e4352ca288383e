"""The demo blog as an ordinary news site would publish it: schema.org structured data.

Another (invented) publisher, the *Marlhaven Courier*, runs the same blog on a
plain page whose only machine-readable part is a schema.org
``LiveBlogPosting``: in JSON-LD (:func:`render_jsonld_page`) or as microdata
(:func:`render_microdata_page`). Both carry what real pages carry:

- only the newest updates (30 here), never the whole history;
- ``coverageStartTime``, and ``coverageEndTime`` once the blog has ended;
- the JSON-LD inside an ``@graph`` with ``@type`` given as a list;
- bodies as HTML with entities (``&ldquo;``, ``&#39;``), empty for embed-only posts;
- the same instant written with different offsets (``+01:00``, ``+05:30``, ``Z``);
- ``url`` as the page URL plus ``#update-<id>``; ``author``; an ``image``
  ``ImageObject`` with ``caption`` and ``creditText``.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING, Any

from liveread.demo.render._markup import esc, h

if TYPE_CHECKING:
    from liveread.demo.story import BlogState, Post, StoryBlock

__all__ = [
    "MAX_UPDATES",
    "PUBLISHER",
    "article_body",
    "entities",
    "render_jsonld_page",
    "render_microdata_page",
    "stamp",
    "update_anchor",
]

#: How many of the newest updates the structured data holds.
MAX_UPDATES = 30
#: The (invented) publisher of this renderer's pages: also its ``og:site_name``.
PUBLISHER = "The Marlhaven Courier"
_OFFSETS = (timedelta(hours=1), timedelta(hours=5, minutes=30), timedelta(0))
_ENTITIES = {
    "“": "&ldquo;",
    "”": "&rdquo;",
    "‘": "&lsquo;",
    "’": "&rsquo;",
    "'": "&#39;",
    "–": "&ndash;",
}


def update_anchor(post: Post) -> str:
    """Return the fragment naming an update on the page (``update-<id>``)."""
    return f"update-{post.id}"


def stamp(moment: datetime, index: int) -> str:
    """ISO 8601 with one of several offsets, chosen by *index*: same instant, other clocks."""
    offset = _OFFSETS[index % len(_OFFSETS)]
    local = moment.astimezone(timezone(offset))
    text = local.strftime("%Y-%m-%dT%H:%M:%S")
    if offset == timedelta(0):
        return text + ".000Z"
    return text + local.strftime("%z")[:3] + ":" + local.strftime("%z")[3:]


def entities(html: str) -> str:
    """Swap typographic characters for named entities, as many CMSs do."""
    for char, entity in _ENTITIES.items():
        html = html.replace(char, entity)
    return html


def article_body(post: Post) -> str:
    """Return an update's ``articleBody``: its text blocks as HTML with entities, no embeds."""
    parts: list[str] = []
    items: list[str] = []
    for block in post.blocks:
        if block.kind == "list_item":
            items.append(f"<li>{block.inner_html}</li>")
            continue
        if items:
            parts.append("<ul>" + "".join(items) + "</ul>")
            items = []
        if block.kind == "paragraph":
            parts.append(f"<p>{block.inner_html}</p>")
        elif block.kind == "heading":
            parts.append(f"<h3>{block.inner_html}</h3>")
        elif block.kind == "quote":
            parts.append(
                f"<blockquote><p>{block.inner_html.replace(chr(10), '<br>')}</p></blockquote>"
            )
    if items:
        parts.append("<ul>" + "".join(items) + "</ul>")
    return entities("".join(parts))


def _images(post: Post) -> list[StoryBlock]:
    return [b for b in post.blocks if b.kind == "image"]


def _ended(blog: BlogState, ended: bool | None) -> datetime | None:
    if ended is None:
        return blog.ended_at
    return (blog.ended_at or blog.last_modified) if ended else None


def _update_json(post: Post, page_url: str, index: int) -> dict[str, Any]:
    entry = post.entry
    update: dict[str, Any] = {"@type": "BlogPosting"}
    if entry.title:
        update["headline"] = entry.title
    update["url"] = f"{page_url}#{update_anchor(post)}"
    update["datePublished"] = stamp(entry.published, index)
    update["dateModified"] = stamp(entry.updated or entry.published, index + 1)
    update["author"] = [{"@type": "Person", "name": name} for name in entry.authors]
    update["articleBody"] = article_body(post)
    images = [
        {"@type": "ImageObject", "url": b.url, "caption": b.caption, "creditText": b.credit}
        for b in _images(post)
    ]
    if images:
        update["image"] = images[0] if len(images) == 1 else images
    return update


def _shell(blog: BlogState, page_url: str, head_extra: str, body: str) -> str:
    """Return a plain news page around the live blog."""
    main = blog.story.main_image
    css = "body{font-family:Georgia,serif;max-width:44rem;margin:auto}.update{border-top:1px solid}"
    head = h(
        "head",
        None,
        h("meta", {"charset": "utf-8"}),
        h("title", None, esc(f"{blog.title} | {PUBLISHER}")),
        h("link", {"rel": "canonical", "href": page_url}),
        h("meta", {"property": "og:title", "content": blog.title}),
        h("meta", {"property": "og:site_name", "content": PUBLISHER}),
        head_extra,
        h("style", None, css),
    )
    promo = h(
        "aside", {"class": "promo"}, h("p", None, h("img", {"src": main.url or "", "alt": ""}))
    )
    note = h("p", None, f"&copy; {PUBLISHER}. A fictional newspaper made for liveread.")
    page = h(
        "body",
        None,
        h("header", {"class": "masthead"}, h("a", {"href": "/"}, PUBLISHER)),
        h("main", None, body),
        promo,
        h("footer", None, note),
    )
    return "<!DOCTYPE html>" + h("html", {"lang": "en-GB"}, head, page)


def _scope(microdata: bool, prop: str | None, kind: str) -> dict[str, str | None]:
    """Return microdata attributes for an item (nothing on the JSON-LD page)."""
    if not microdata:
        return {}
    return {"itemprop": prop, "itemscope": "", "itemtype": f"https://schema.org/{kind}"}


def _update_html(post: Post, page_url: str, index: int, *, microdata: bool) -> str:
    """Return one update as the page shows it (with microdata when asked)."""
    entry = post.entry

    def prop(name: str) -> dict[str, str]:
        return {"itemprop": name} if microdata else {}

    anchor = update_anchor(post)
    parts = []
    if microdata:
        modified = stamp(entry.updated or entry.published, index + 1)
        parts.append(h("link", {"itemprop": "url", "href": f"{page_url}#{anchor}"}))
        parts.append(h("meta", {"itemprop": "dateModified", "content": modified}))
    published = {**prop("datePublished"), "datetime": stamp(entry.published, index)}
    parts.append(h("time", published, f"{entry.published:%H:%M}"))
    if entry.title:
        parts.append(h("h2", prop("headline"), esc(entry.title)))
    for name in entry.authors:
        person = {"class": "author", **_scope(microdata, "author", "Person")}
        parts.append(h("span", person, h("span", prop("name"), esc(name))))
    parts.append(h("div", {"class": "body", **prop("articleBody")}, article_body(post)))
    for image in _images(post):
        img = h("img", {**prop("url"), "src": image.url or "", "alt": image.alt})
        caption = h("span", prop("caption"), esc(image.caption))
        credit = h("span", {"class": "credit", **prop("creditText")}, esc(image.credit))
        figure = h("figcaption", None, caption, " ", credit)
        parts.append(h("figure", _scope(microdata, "image", "ImageObject"), img, figure))
    attrs = {"id": anchor, "class": "update", **_scope(microdata, "liveBlogUpdate", "BlogPosting")}
    return h("article", attrs, *parts)


def _updates_html(posts: list[Post], page_url: str, *, microdata: bool) -> str:
    """Return the updates, newest first."""
    return "".join(_update_html(p, page_url, i, microdata=microdata) for i, p in enumerate(posts))


def render_jsonld_page(
    blog: BlogState, *, ended: bool | None = None, page_url: str | None = None
) -> str:
    """Return a plain news page whose live blog is described by a JSON-LD ``LiveBlogPosting``.

    Args:
        blog: The demo blog.
        ended: Whether to write ``coverageEndTime``; None follows the blog's own state.
        page_url: Where the page is served (default: the blog's URL); update URLs hang off it.

    """
    url = page_url or blog.url
    posts = blog.posts_newest_first()[:MAX_UPDATES]
    end = _ended(blog, ended)
    posting: dict[str, Any] = {
        "@type": ["LiveBlogPosting", "NewsArticle"],
        "@id": f"{url}#liveblog",
        "headline": blog.title,
        "description": blog.story.standfirst,
        "mainEntityOfPage": {"@id": url},
        "datePublished": stamp(blog.first_published, 0),
        "dateModified": stamp(blog.last_modified, 2),
        "coverageStartTime": stamp(blog.first_published, 1),
    }
    if end is not None:
        posting["coverageEndTime"] = stamp(end, 0)
    main = blog.story.main_image
    posting["image"] = {
        "@type": "ImageObject",
        "url": main.url,
        "caption": main.caption,
        "creditText": main.credit,
    }
    posting["author"] = [{"@type": "Person", "name": name} for name in blog.authors()]
    posting["publisher"] = {"@id": f"{blog.origin}/#publisher"}
    posting["liveBlogUpdate"] = [_update_json(post, url, i) for i, post in enumerate(posts)]
    graph = {
        "@context": "https://schema.org",
        "@graph": [
            {
                "@type": "NewsMediaOrganization",
                "@id": f"{blog.origin}/#publisher",
                "name": PUBLISHER,
                "url": f"{blog.origin}/",
            },
            {"@type": "WebPage", "@id": url, "url": url, "name": blog.title},
            posting,
        ],
    }
    data = json.dumps(graph, ensure_ascii=False, indent=1).replace("</", "<\\/")
    script = h("script", {"type": "application/ld+json"}, data)
    body = h("h1", None, esc(blog.title)) + h(
        "p", {"class": "standfirst"}, esc(blog.story.standfirst)
    )
    body += h("div", {"class": "liveblog"}, _updates_html(list(posts), url, microdata=False))
    return _shell(blog, url, script, body)


def render_microdata_page(
    blog: BlogState, *, ended: bool | None = None, page_url: str | None = None
) -> str:
    """Return the same page with the ``LiveBlogPosting`` as microdata.

    Updates sit under ``itemprop="liveBlogUpdate"``; arguments as for
    :func:`render_jsonld_page`.
    """
    url = page_url or blog.url
    posts = list(blog.posts_newest_first()[:MAX_UPDATES])
    end = _ended(blog, ended)
    coverage = h(
        "meta", {"itemprop": "coverageStartTime", "content": stamp(blog.first_published, 1)}
    )
    if end is not None:
        coverage += h("meta", {"itemprop": "coverageEndTime", "content": stamp(end, 0)})
    body = h(
        "div",
        {"itemscope": "", "itemtype": "https://schema.org/LiveBlogPosting"},
        h("link", {"itemprop": "url", "href": url}),
        h("h1", {"itemprop": "headline"}, esc(blog.title)),
        h("p", {"class": "standfirst", "itemprop": "description"}, esc(blog.story.standfirst)),
        coverage,
        h("div", {"class": "liveblog"}, _updates_html(posts, url, microdata=True)),
    )
    return _shell(blog, url, "", body)
