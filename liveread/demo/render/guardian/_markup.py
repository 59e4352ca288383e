"""Posts as the Guardian's page draws them: ``article.block`` markup and its neighbours.

Modelled on dotcom-rendering's ``LiveBlock``/``LiveBlockContainer``/
``FirstPublished`` (header permalink with the ``RelativeTime`` island; the
pinned copy has no ``id`` and no time in its header), ``renderElement`` (text
elements bare, everything else in ``figure[data-spacefinder-type]``; tweets,
videos and rich links as ``gu-island`` with the element JSON in ``props``),
``Caption`` (camera icon, caption span, credit as text), ``LastUpdated``,
``PinnedPost``, ``KeyEventsCarousel`` and ``AdSlot`` (``liveblog-inline``).
Class names are generated ``dcr-*`` hashes: nothing should select on them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from liveread.demo.render._markup import (
    class_name,
    compact_json,
    display_time,
    epoch_ms,
    esc,
    h,
    iso_ms,
    time_ago,
    time_title,
    tweet_html,
)
from liveread.demo.render.guardian._assets import CAMERA, FACEBOOK, PIN, QUOTE, TWITTER, css_rule
from liveread.demo.render.guardian._elements import (
    ELEMENT,
    elements_json,
    format_json,
    image_variant,
)

if TYPE_CHECKING:
    from datetime import datetime

    from liveread.demo.story import BlogState, Post, StoryBlock

__all__ = [
    "ad_slots",
    "article_html",
    "blocks_and_ads",
    "figure",
    "image_html",
    "island",
    "relative_time",
    "style_tag",
]

_CONFIG = {"renderingTarget": "Web", "darkModeAvailable": False}
_MEDIA = ("image", "tweet", "video", "link")


def _c(component: str) -> dict[str, str]:
    """Return a ``class`` attribute of one generated class name."""
    return {"class": class_name(component)}


def style_tag(*components: str) -> str:
    """Return an emotion ``<style data-emotion="dcr ...">`` tag for *components* (default: all)."""
    names = components or ("block", "header", "permalink", "time", "title", "text", "figure")
    rules = "".join(f".{class_name(n)}{{{css_rule(n)}}}" for n in names)
    keys = " ".join(class_name(n)[4:] for n in names)
    return f'<style data-emotion="dcr {keys}">{rules}</style>'


def island(
    name: str,
    props: dict[str, Any],
    inner: str = "",
    *,
    priority: str = "feature",
    defer: str | None = "visible",
) -> str:
    """Return a ``gu-island`` with its props as escaped JSON, as ``Island.tsx`` writes it."""
    attrs = {
        "name": name,
        "priority": priority,
        "deferUntil": defer,
        "props": compact_json(props),
        "config": compact_json(_CONFIG),
    }
    return h("gu-island", attrs, inner)


def relative_time(then: datetime, now: datetime) -> str:
    """Return the ``RelativeTime`` island: ISO time, epoch props, frozen "3m ago" text."""
    time = h(
        "time", {"dateTime": iso_ms(then), "title": time_title(then)}, esc(time_ago(then, now))
    )
    return island("RelativeTime", {"then": epoch_ms(then)}, time, priority="enhancement")


def _caption(caption_html: str, credit: str) -> str:
    """Return a ``Caption``: camera icon, caption (HTML) in a span, then the credit as text."""
    text = h("span", _c("caption-text"), caption_html) if caption_html.strip() else ""
    credit_text = f" {esc(credit)}" if credit else ""
    return h("figcaption", _c("caption"), h("span", _c("caption-icon"), CAMERA), text, credit_text)


def figure(kind: str, eid: str, inner: str) -> str:
    """Return the ``figure`` that ``RenderArticleElement`` wraps round non-text elements."""
    attrs = {
        "id": eid,
        "data-spacefinder-role": "inline",
        "data-spacefinder-type": ELEMENT + kind,
        "class": " " + class_name("figure"),
    }
    return h("figure", attrs, inner)


def image_html(block: StoryBlock, eid: str) -> str:
    """Return an inline (or main-media) image with its caption and credit."""
    url = block.url or ""
    width, height = block.size
    srcset = f"{image_variant(url, 620)} 620w, {image_variant(url, 1240)} 1240w"
    img: dict[str, str | int | None] = {
        "alt": block.alt,
        "src": image_variant(url, 620),
        "width": 620,
        "height": round(620 * height / width) if width else 372,
        "loading": "lazy",
        **_c("img"),
    }
    source = h("source", {"srcSet": srcset, "sizes": "620px", "media": "(min-width: 660px)"})
    picture = h("div", _c("image-wrap"), h("picture", _c("picture"), source, h("img", img)))
    return figure("ImageBlockElement", eid, picture + _caption(esc(block.caption), block.credit))


def _text_element(html: str) -> str:
    """Return a text element as ``TextBlockComponent`` draws it: its tags get classes."""
    for tag in ("p", "h2", "ul", "li"):
        html = html.replace(f"<{tag}>", f'<{tag} class="{class_name("text")}">')
    return html.replace("\n", "")


def _video(element: dict[str, Any], blog: BlogState, index: int) -> str:
    """Return the ``YoutubeBlockComponent`` island with a poster and the title as caption."""
    props = {
        "id": element["id"],
        "assetId": element["assetId"],
        "index": index,
        "format": format_json(blog),
        "isMainMedia": False,
        "expired": False,
        "posterImage": element["posterImage"][0]["url"],
        "duration": element["duration"],
        "mediaTitle": element["mediaTitle"],
        "origin": blog.origin,
        "stickyVideos": True,
        "enableAds": True,
        "hidePillOnMobile": False,
    }
    poster = h("img", {"src": props["posterImage"], "alt": "", **_c("img")})
    title = h("span", _c("caption-text"), esc(element["mediaTitle"]))
    caption = h("figcaption", _c("caption"), h("span", _c("caption-icon"), CAMERA), title)
    overlay = h("div", {**_c("video"), "data-component": "youtube-atom"}, poster) + caption
    return island("YoutubeBlockComponent", props, overlay, priority="critical")


def _element_html(
    element: dict[str, Any], block: StoryBlock | None, post: Post, blog: BlogState, index: int
) -> str:
    """Return one element of a post's body as the page draws it."""
    kind = element["_type"][len(ELEMENT) :]
    eid = element["elementId"]
    if kind == "TextBlockElement":
        return _text_element(element["html"])
    if kind == "BlockquoteBlockElement":
        inner = element["html"].split(">", 1)[1].rsplit("</blockquote>", 1)[0].strip()
        return h("blockquote", _c("quote"), h("span", _c("quote-icon"), QUOTE), inner)
    assert block is not None
    if kind == "ImageBlockElement":
        return image_html(block, eid)
    if kind == "TweetBlockElement":
        shown = tweet_html(block, post, nojs=True)
        inner = h("div", {"id": f"tweet-container-{eid}", **_c("tweet")}, shown)
        tweet = {"element": {**element, "html": shown}}
        return figure(kind, eid, island("TweetBlockComponent", tweet, inner))
    if kind == "YoutubeBlockElement":
        return figure(kind, eid, _video(element, blog, index))
    if kind == "RichLinkBlockElement":
        props: dict[str, Any] = {
            "richLinkIndex": index,
            "element": element,
            "ajaxUrl": blog.origin,
            "format": format_json(blog),
        }
        text = h("span", _c("rich-link-text"), esc(element["text"]))
        link = h(
            "a", {"href": element["url"], "data-link-name": "article", **_c("rich-link-a")}, text
        )
        attrs = {
            "data-component": "rich-link",
            **_c("rich-link"),
            "data-link-name": f"rich-link-{index}",
        }
        return figure(
            kind, eid, island("RichLinkComponent", props, h("div", attrs, link), defer="idle")
        )
    return ""


def _blocks_for_elements(post: Post) -> list[StoryBlock | None]:
    """Return the story block behind each element (None for text, which needs none)."""
    out: list[StoryBlock | None] = []
    previous = ""
    for block in post.blocks:
        if not (block.kind == "list_item" and previous == "list_item"):
            out.append(block if block.kind in _MEDIA else None)
        previous = block.kind
    return out


def _share(blog: BlogState, post: Post) -> str:
    """Return the footer's share buttons (Facebook, Twitter)."""
    anchor = f"page=with:block-{post.id}#block-{post.id}"
    fb = quote(f"{blog.url}?CMP=share_btn_fb&{anchor}", safe="")
    tw = quote(f"{blog.url}?CMP=share_btn_tw&{anchor}", safe="")
    items = [
        (
            f"https://www.facebook.com/dialog/share?app_id=180444840287&href={fb}",
            "Share on Facebook",
            FACEBOOK,
        ),
        (
            f"https://twitter.com/intent/tweet?text={quote(blog.title, safe='')}&url={tw}",
            "Share on Twitter",
            TWITTER,
        ),
    ]
    lis = "".join(
        h(
            "li",
            _c("share-item"),
            h(
                "a",
                {
                    "href": href,
                    "role": "button",
                    "aria-label": label,
                    "target": "_blank",
                    "rel": "noreferrer",
                },
                h("span", _c("share-icon"), svg),
            ),
        )
        for href, label, svg in items
    )
    return h("ul", _c("share-list"), lis)


def _header(blog: BlogState, post: Post, *, pinned_copy: bool, pinned_id: str | None) -> str:
    """Return an article's header: permalink with times, title, contributors."""
    entry = post.entry
    when = "" if pinned_copy else h("span", _c("time"), relative_time(entry.published, blog.now))
    href = f"{blog.url}?page=with:block-{post.id}#block-{post.id}"
    shown = h("span", _c("time-abs"), display_time(entry.published))
    link = h(
        "a", {"href": href, "data-ignore": "global-link-styling", **_c("permalink")}, when, shown
    )
    if (
        not pinned_copy and post.id == pinned_id
    ):  # the original of the pinned post links to its copy
        to_copy = {
            "href": f"{blog.url}#pinned-post",
            "data-ignore": "global-link-styling",
            **_c("pin"),
        }
        link += h("a", to_copy, h("span", _c("pinned-dot"), PIN))
    out = h("div", _c("header-row"), link)
    if entry.title:
        out += h("h2", _c("title"), esc(entry.title))
    for name in entry.authors:
        url = blog.avatar_url(name)
        picture = (
            h("div", _c("avatar"), h("img", {"src": url, "alt": name, **_c("img")})) if url else ""
        )
        out += h("div", _c("byline"), picture, h("span", _c("byline-name"), esc(name)))
    return h("header", _c("header"), out)


def article_html(
    blog: BlogState,
    post: Post,
    *,
    pinned_copy: bool = False,
    pending: bool = False,
    pinned_id: str | None = None,
) -> str:
    """Return one post as ``article.block`` markup.

    Args:
        blog: The blog.
        post: The post.
        pinned_copy: Draw the copy inside ``div#pinned-post``: no id, no time in the header.
        pending: Add the ``pending`` class, as poll answers do.
        pinned_id: The page's pinned post (page 1 only): its original gets a link to the copy.

    """
    entry = post.entry
    pairs = zip(elements_json(post, blog), _blocks_for_elements(post), strict=True)
    body = "".join(_element_html(el, block, post, blog, i) for i, (el, block) in enumerate(pairs))
    footer = _share(blog, post)
    updated = entry.updated
    if updated is not None and updated > entry.published:
        stamp = {"dateTime": iso_ms(updated), "data-locale": "en-GB", "title": time_title(updated)}
        footer += h(
            "div", _c("last-updated"), "Updated at&nbsp;", h("time", stamp, display_time(updated))
        )
    attrs = {
        "id": None if pinned_copy else f"block-{post.id}",
        "class": f"{'block pending' if pending else 'block'} {class_name('block')}",
    }
    header = _header(blog, post, pinned_copy=pinned_copy, pinned_id=pinned_id)
    return h("article", attrs, header, body, h("footer", _c("footer"), footer))


def _ad(slot_id: str, advert: str, classes: str) -> str:
    attrs = {
        "id": slot_id,
        "class": f"js-ad-slot ad-slot ad-slot--{advert} {classes} ad-slot--rendered "
        + class_name("ad-slot"),
        "data-link-name": f"ad slot {advert}",
        "data-name": advert,
        "aria-hidden": "true",
    }
    return h("div", {"class": f"ad-slot-container {class_name('ad')}"}, h("div", attrs))


def ad_slots(index: int) -> str:
    """Return the desktop and mobile ad slots ``LiveBlogBlocksAndAdverts`` inserts (1-based)."""
    mobile = "top-above-nav" if index == 1 else f"inline{index - 1}"
    desktop = _ad(f"dfp-ad--inline{index}", f"inline{index}", "ad-slot--liveblog-inline")
    classes = "ad-slot--liveblog-inline-mobile ad-slot--mobile mobile-only"
    return desktop + _ad(f"dfp-ad--{mobile}--mobile", mobile, classes)


def blocks_and_ads(
    blog: BlogState,
    posts: list[Post] | tuple[Post, ...],
    *,
    pending: bool = False,
    pinned_id: str | None = None,
) -> str:
    """Return posts with ad slots between them: after the 1st, then every 3rd, never last."""
    out: list[str] = []
    ads = 0
    for position, post in enumerate(posts, start=1):
        out.append(article_html(blog, post, pending=pending, pinned_id=pinned_id))
        if position < len(posts) and ads < 8 and (position == 1 or (position - 1) % 3 == 0):
            ads += 1
            out.append(ad_slots(ads))
    return "".join(out)
