"""The Guardian-style live-blog page around the posts (``LiveLayout``), and its parts.

:func:`page_html` assembles the page :func:`~liveread.demo.render.guardian.render_page`
returns: head (styles, a schema.org ``LiveBlogPosting``), ``h1`` headline,
standfirst, main media, byline, the desktop key-events carousel, the Liveness
island (live blogs only), the top pagination (pages after the first),
``div#liveblog-body`` (pinned post on page 1, mobile carousel,
``div#top-of-blog``, posts with ad slots between them) and the bottom pagination.

It also draws the page-level components: the pinned post (``PinnedPost.tsx``:
a "From 3h ago" row holding a ``RelativeTime`` island, then the copy of the
post, whose own header carries no time) and the key-events carousel
(``KeyEventsCarousel.importable.tsx``: props hold every key event and summary
as a full block; cards are drawn only for those with a title).
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from liveread.demo.render._markup import class_name, dateline, element_id, esc, h, iso_ms
from liveread.demo.render.guardian._assets import PIN
from liveread.demo.render.guardian._elements import block_json, format_json
from liveread.demo.render.guardian._markup import (
    article_html,
    blocks_and_ads,
    image_html,
    island,
    relative_time,
    style_tag,
)

if TYPE_CHECKING:
    from liveread.demo.story import BlogState, PageLink, PageSlice, Post

__all__ = [
    "SITE_NAME",
    "carousel_html",
    "feed",
    "linked_data",
    "nav_href",
    "page_html",
    "pagination_suffix",
    "pinned_post_html",
]

#: The (invented) site this renderer's pages belong to.
SITE_NAME = "The Marlhaven Herald"
_PUBLISHER = {
    "@type": "Organization",
    "@context": "https://schema.org",
    "name": SITE_NAME,
    "logo": {"@type": "ImageObject", "width": 190, "height": 60},
}


def _c(component: str) -> dict[str, str]:
    return {"class": class_name(component)}


def pinned_post_html(blog: BlogState, post: Post) -> str:
    """Return ``div#pinned-post``: a "From 3h ago" row, the post's copy, the show-more button."""
    checkbox = {
        "type": "checkbox",
        "id": "pinned-post-checkbox",
        "name": "pinned-post-checkbox",
        "tabindex": "-1",
        **_c("pinned-checkbox"),
    }
    since = h("div", _c("pinned-time"), "From ", relative_time(post.entry.published, blog.now))
    button = h(
        "label",
        {**_c("pinned-button"), "for": "pinned-post-checkbox", "id": "pinned-post-button"},
        h("span", {"id": "svgminus", **_c("pinned-icon")}, PIN),
        h("span", {"id": "svgplus", **_c("pinned-icon")}, PIN),
    )
    attrs = {
        "id": "pinned-post",
        **_c("pinned"),
        "data-gu-marker": "pinned-post",
        "data-component": "pinned-post",
    }
    return h(
        "div",
        attrs,
        h("input", checkbox),
        h("div", _c("pinned-row"), PIN, since),
        h(
            "div",
            {"id": "collapsible-body", **_c("pinned-body")},
            article_html(blog, post, pinned_copy=True),
        ),
        h("div", {"id": "pinned-post-overlay", **_c("pinned-overlay")}),
        button,
    )


def carousel_html(blog: BlogState, which: str) -> str:
    """Return the key-events carousel island (*which*: "desktop" or "mobile"), "" without any."""
    key_posts = blog.key_events()
    if not key_posts:
        return ""
    carousel_id = f"key-events-carousel-{which}"
    props = {
        "keyEvents": [block_json(p, blog) for p in key_posts],
        "filterKeyEvents": False,
        "id": carousel_id,
        "absoluteServerTimes": False,
        "renderingTarget": "Web",
    }
    titled = [p for p in key_posts if p.entry.title]  # cards need a title; props keep them all
    cards = "".join(
        h(
            "li",
            _c("ke-card"),
            h(
                "a",
                {
                    "href": f"{blog.url}?page=with:block-{p.id}#block-{p.id}",
                    **_c("ke-link"),
                    "data-link-name": f"key event card | {i} of {len(titled)}",
                },
                h("div", _c("ke-time"), relative_time(p.entry.published, blog.now)),
                h("span", _c("ke-title"), esc(p.entry.title or "")),
            ),
        )
        for i, p in enumerate(titled)
    )
    inner = (
        h("span", {"id": carousel_id})
        + h("div", _c("ke-heading"), "Key events")
        + h("div", {"id": "key-events-carousel", **_c("carousel")}, h("ul", _c("ke-list"), cards))
    )
    return island("KeyEventsCarousel", props, inner)


def feed(blog: BlogState, page: PageSlice) -> list[Post]:
    """Return the page's own feed: page 1 drops its first post when that is the pinned one."""
    posts = list(page.posts)
    if page.number == 1 and posts and posts[0].id == blog.pinned_id:
        posts = posts[1:]  # removeFirstBlockIfPinned: it shows as the pinned post only
    return posts


def pagination_suffix(link: PageLink | None) -> str | None:
    """Return a data-model pagination value, ``?page=with:block-<id>&filterKeyEvents=false``."""
    if link is None:
        return None
    if link.block_id is None:
        return "?filterKeyEvents=false"
    return f"?page=with:block-{link.block_id}&filterKeyEvents=false"


def nav_href(link: PageLink, fragment: str) -> str:
    """Return ``getPagePath``: the suffix through ``URLSearchParams`` (``:`` as ``%3A``)."""
    params = {"filterKeyEvents": "false"}
    if link.block_id is not None:
        params = {"page": f"with:block-{link.block_id}", **params}
    return f"?{urlencode(params)}#{fragment}"


def _nav(page: PageSlice) -> str:
    """Return ``nav#liveblog-navigation``: Newest/Previous, "N of M", Next/Oldest."""

    def button(link: PageLink | None, label: str, fragment: str = "liveblog-navigation") -> str:
        if link is None:
            return ""
        attrs = {"href": nav_href(link, fragment), **_c("nav-link")}
        return h("a", attrs, h("span", _c("nav-label"), label))

    newer = older = ""
    if page.number != 1:
        buttons = button(page.newest, "Newest", "maincontent") + button(page.newer, "Previous")
        newer = h(
            "section", {"style": "grid-area:newer;justify-self:start", **_c("nav-section")}, buttons
        )
    count = h("strong", _c("bold"), str(page.number)) + "&nbsp;of&nbsp;"
    count += h("strong", _c("bold"), str(page.total))
    position = h("section", {"style": "grid-area:position", **_c("nav-position")}, count)
    if page.number != page.total:
        buttons = button(page.older, "Next") + button(page.oldest, "Oldest")
        older = h(
            "section", {"style": "grid-area:older;justify-self:end", **_c("nav-section")}, buttons
        )
    return h("nav", {"id": "liveblog-navigation", **_c("nav")}, newer, position, older)


def linked_data(blog: BlogState, posts: list[Post]) -> list[dict[str, Any]]:
    """Return ``linkedData``: a LiveBlogPosting whose updates carry the article's dates."""
    authors = [{"@type": "Person", "name": name} for name in blog.authors()]
    published, modified = iso_ms(blog.first_published), iso_ms(blog.last_modified)
    updates = [
        {
            "@type": "BlogPosting",
            "@context": "http://schema.org",
            "@id": post.id,
            "isAccessibleForFree": True,
            "author": authors,
            "datePublished": published,  # the article's, not the block's: as on the real site
            "headline": blog.title,
            "dateModified": modified,
            "mainEntityOfPage": blog.url,
            "articleBody": post.entry.text,
        }
        for post in posts
    ]
    posting: dict[str, Any] = {
        "@type": "LiveBlogPosting",
        "@context": "http://schema.org",
        "@id": blog.url,
        "publisher": _PUBLISHER,
        "isAccessibleForFree": True,
        "image": [blog.story.main_image.url],
        "author": authors,
        "datePublished": published,
        "headline": blog.title,
        "dateModified": modified,
        "mainEntityOfPage": blog.url,
        "coverageStartTime": blog.first_published.strftime("%Y-%m-%dT%H:%M:%S+0000"),
    }
    if blog.ended_at is not None:
        posting["coverageEndTime"] = blog.ended_at.strftime("%Y-%m-%dT%H:%M:%S+0000")
    posting["liveBlogUpdate"] = updates
    web_page = {"@type": "WebPage", "@context": "http://schema.org", "@id": blog.url}
    return [posting, web_page]


def _head(blog: BlogState, posts: list[Post]) -> str:
    data = json.dumps(linked_data(blog, posts), ensure_ascii=False).replace("</", "<\\/")
    viewport = "width=device-width,minimum-scale=1,initial-scale=1"
    return h(
        "head",
        None,
        h("meta", {"charset": "utf-8"}),
        h("meta", {"name": "viewport", "content": viewport}),
        h("title", None, esc(f"{blog.title} | News | liveread demo")),
        h("meta", {"name": "description", "content": blog.story.standfirst}),
        h("link", {"rel": "canonical", "href": blog.url}),
        h("meta", {"property": "og:site_name", "content": SITE_NAME}),
        h("meta", {"property": "og:title", "content": blog.title}),
        h("meta", {"property": "og:url", "content": blog.url}),
        h("script", {"type": "application/ld+json"}, data),
        style_tag(),
    )


def _liveness(blog: BlogState, page: int, ajax_url: str) -> str:
    """Return the Liveness island the page polls with (only while the blog is live)."""
    if not blog.live:
        return ""
    props = {
        "pageId": blog.page_id,
        "webTitle": blog.title,
        "ajaxUrl": ajax_url,
        "filterKeyEvents": False,
        "format": format_json(blog),
        "enhanceTweetsSwitch": True,
        "onFirstPage": page == 1,
        "webURL": blog.url,
        "mostRecentBlockId": f"block-{blog.most_recent_id}" if blog.most_recent_id else "",
        "hasPinnedPost": blog.pinned_post is not None,
        "selectedTopics": [],
    }
    return island("Liveness", props, priority="critical", defer=None)


def _top(blog: BlogState) -> str:
    """Return headline, standfirst, main media and byline."""
    standfirst = h("div", _c("standfirst"), h("p", None, esc(blog.story.standfirst)))
    media = image_html(blog.story.main_image, element_id(blog.page_id, "main-media"))
    names = blog.authors()[:2]
    byline = " and ".join(
        h(
            "a",
            {"href": f"{blog.origin}/profile/{n.lower().replace(' ', '')}", "rel": "author"},
            esc(n),
        )
        for n in names
    )
    stamp = h("time", {"dateTime": iso_ms(blog.last_modified)}, esc(dateline(blog.last_modified)))
    return (
        h("div", {"data-gu-name": "headline", **_c("headline")}, h("h1", _c("h1"), esc(blog.title)))
        + h("div", {"data-gu-name": "standfirst"}, standfirst)
        + h("div", {"data-gu-name": "media", **_c("main-media")}, media)
        + h(
            "div",
            {"data-gu-name": "meta", **_c("meta")},
            h("address", {"aria-label": "Contributor info"}, byline),
            h("div", _c("dateline"), stamp),
        )
    )


def page_html(blog: BlogState, page: int, ajax_url: str) -> str:
    """Return the whole page *page*; ValueError when there is no such page."""
    current = blog.page(page)
    posts = feed(blog, current)
    pinned = blog.pinned_post if page == 1 else None
    body = (
        (pinned_post_html(blog, pinned) if pinned is not None else "")
        + h("div", _c("hide-from-desktop"), carousel_html(blog, "mobile"))
        + h("div", {"id": "top-of-blog"})
        + blocks_and_ads(blog, posts, pinned_id=pinned.id if pinned else None)
    )
    if len(posts) > 4:
        body += island("LiveBlogEpic", {"pageId": blog.page_id}, defer="idle")
    main = h(
        "div",
        {"id": "maincontent", "data-gu-name": "body", **_c("body")},
        _liveness(blog, page, ajax_url),
        _nav(current) if page != 1 else "",
        h(
            "div",
            {"id": "liveblog-body", "class": f"js-liveblog-body {class_name('liveblog-body')}"},
            body,
        ),
        _nav(current) if current.total > 1 else "",
        h("div", {"id": "toast-root"}),
    )
    article = _top(blog) + h("div", _c("hide-until-desktop"), carousel_html(blog, "desktop")) + main
    logo = h("a", {"href": f"{blog.origin}/", "data-link-name": "nav : logo"}, "liveread demo")
    note = h("p", None, "A fictional live blog made for liveread.")
    body_html = h(
        "body",
        None,
        h("a", {"href": "#maincontent", **_c("skip")}, "Skip to main content"),
        h("header", {"data-component": "nav"}, logo),
        h("main", {"data-layout": "LiveLayout"}, h("article", _c("article"), article)),
        h("footer", {"data-component": "footer", **_c("page-footer")}, note),
    )
    return "<!DOCTYPE html>" + h("html", {"lang": "en"}, _head(blog, posts), body_html)
