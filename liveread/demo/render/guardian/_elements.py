"""Posts as the Guardian's data model has them: blocks of typed elements (JSON).

One block per post, shaped like ``blocks[]`` in a real
``<page URL>.json?dcr=true`` answer (see ``../shared/corpus/guardian``):
``id``, ``attributes{pinned, keyEvent, summary}``, ``title``, ``elements[]``,
the three epoch-millisecond times with their display strings, and
``contributors``. The same block JSON goes into the data model's ``blocks``,
``keyEvents`` and ``pinnedPost`` and into the page's key-events carousel
props, exactly as on the real site.

Text elements hold HTML (``TextBlockElement.html``); an image's caption is
HTML too (the page inserts it unescaped), while its credit and alt text are
plain text. Everything here escapes accordingly, so hostile text stays text.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from liveread.demo.render._markup import (
    dateline,
    display_time,
    element_id,
    epoch_ms,
    esc,
    tweet_html,
)

if TYPE_CHECKING:
    from liveread.demo.story import BlogState, Post, StoryBlock

__all__ = [
    "ELEMENT",
    "block_json",
    "elements_json",
    "format_json",
    "image_json",
    "image_sources",
    "image_variant",
]

#: The prefix of every element type name.
ELEMENT = "model.dotcomrendering.pageElements."


def image_variant(url: str, width: int) -> str:
    """Return an image-resizer URL for *url* at *width* pixels (as ``i.guim.co.uk`` serves them)."""
    return f"{url}?width={width}&quality=85&auto=format&fit=max&s={element_id(url, str(width))[:8]}"


def image_sources(url: str) -> list[dict[str, Any]]:
    """Return the ``imageSources`` of an image element."""
    return [
        {
            "weighting": "inline",
            "srcSet": [
                {"src": image_variant(url, 620), "width": 620},
                {"src": image_variant(url, 1240), "width": 1240},
            ],
        }
    ]


def image_json(block: StoryBlock, eid: str) -> dict[str, Any]:
    """Return an ``ImageBlockElement`` (caption as HTML, credit and alt as text)."""
    width, height = block.size
    url = block.url or ""
    sizes = [
        (width, height, False),
        (width, height, True),
        (1000, round(1000 * height / width), False),
    ]
    return {
        "displayCredit": True,
        "_type": ELEMENT + "ImageBlockElement",
        "role": "inline",
        "media": {
            "allImages": [
                {
                    "index": i,
                    "fields": {
                        **({"isMaster": "true"} if master else {}),
                        "height": str(h),
                        "width": str(w),
                    },
                    "mediaType": "Image",
                    "mimeType": "image/jpeg",
                    "url": url,
                }
                for i, (w, h, master) in enumerate(sizes)
            ]
        },
        "elementId": eid,
        "imageSources": image_sources(url),
        "data": {"alt": block.alt, "caption": esc(block.caption), "credit": block.credit},
    }


def _tweet(block: StoryBlock, post: Post, eid: str) -> dict[str, Any]:
    url = block.url or ""
    return {
        "_type": ELEMENT + "TweetBlockElement",
        "source": "Twitter",
        "id": url.rstrip("/").rsplit("/", 1)[-1],
        "elementId": eid,
        "hasMedia": False,
        "role": "inline",
        "url": url,
        "isThirdPartyTracking": False,
        "html": tweet_html(block, post),
    }


def _video(block: StoryBlock, blog: BlogState, eid: str) -> dict[str, Any]:
    poster = f"{blog.origin}/media/wrenna/video-{quote(block.asset_id)}"
    return {
        "expired": False,
        "assetId": block.asset_id,
        "posterImage": [{"url": f"{poster}-{w}.jpg", "width": w} for w in (2000, 1000, 500, 140)],
        "id": element_id(block.asset_id, "media"),
        "elementId": eid,
        "duration": block.duration,
        "_type": ELEMENT + "YoutubeBlockElement",
        "mediaTitle": block.title or "",
        "channelId": "UCdemoLiveReadChannel0",
    }


def format_json(blog: BlogState) -> dict[str, str]:
    """Return the article's ``format``: ``LiveBlogDesign`` while live, ``DeadBlogDesign`` after."""
    design = "LiveBlogDesign" if blog.live else "DeadBlogDesign"
    return {"design": design, "theme": "NewsPillar", "display": "StandardDisplay"}


def _text(html: str, eid: str) -> dict[str, Any]:
    return {"_type": ELEMENT + "TextBlockElement", "html": html, "elementId": eid}


def elements_json(post: Post, blog: BlogState) -> list[dict[str, Any]]:
    """Return the post's ``elements[]``: one text element per paragraph, list or heading."""
    out: list[dict[str, Any]] = []
    items: list[str] = []
    for index, block in enumerate(post.blocks):
        eid = element_id(post.id, str(index))
        if block.kind == "list_item":
            items.append(f"<li>{block.inner_html}</li>")
            continue
        if items:
            out.append(
                _text(
                    "<ul>\n" + "\n".join(items) + "\n</ul>", element_id(post.id, "list", str(index))
                )
            )
            items = []
        if block.kind == "paragraph":
            out.append(_text(f"<p>{block.inner_html}</p>", eid))
        elif block.kind == "heading":
            out.append(_text(f"<h2>{block.inner_html}</h2>", eid))
        elif block.kind == "quote":
            inner = block.inner_html.replace("\n", "</p><p>")
            html = f'<blockquote class="quoted">\n <p>{inner}</p>\n</blockquote>'
            out.append(
                {
                    "_type": ELEMENT + "BlockquoteBlockElement",
                    "html": html,
                    "elementId": eid,
                    "quoted": True,
                }
            )
        elif block.kind == "image":
            out.append(image_json(block, eid))
        elif block.kind == "tweet":
            out.append(_tweet(block, post, eid))
        elif block.kind == "video":
            out.append(_video(block, blog, eid))
        elif block.kind == "link":
            out.append(
                {
                    "_type": ELEMENT + "RichLinkBlockElement",
                    "prefix": "Related: ",
                    "text": block.text,
                    "elementId": eid,
                    "role": "inline",
                    "url": block.url or "",
                }
            )
    if items:
        out.append(
            _text("<ul>\n" + "\n".join(items) + "\n</ul>", element_id(post.id, "list", "end"))
        )
    return out


def block_json(post: Post, blog: BlogState) -> dict[str, Any]:
    """Return the post as a data-model block (the shape of ``blocks[]`` and ``keyEvents[]``)."""
    entry = post.entry
    updated = entry.updated or entry.published
    block: dict[str, Any] = {
        "id": post.id,
        "elements": elements_json(post, blog),
        "attributes": {
            "pinned": entry.pinned,
            "keyEvent": entry.key_event,
            "summary": entry.summary,
        },
        "blockCreatedOn": epoch_ms(post.created),
        "blockCreatedOnDisplay": display_time(post.created),
        "blockLastUpdated": epoch_ms(updated),
        "blockLastUpdatedDisplay": display_time(updated),
        "blockFirstPublished": epoch_ms(entry.published),
        "blockFirstPublishedDisplay": display_time(entry.published),
        "blockFirstPublishedDisplayNoTimezone": display_time(entry.published, zone=False),
    }
    if entry.title is not None:
        block["title"] = entry.title
    block["contributors"] = [
        {"name": name, **({"imageUrl": url} if (url := blog.avatar_url(name)) else {})}
        for name in entry.authors
    ]
    block["primaryDateLine"] = dateline(blog.last_modified)
    block["secondaryDateLine"] = "First published on " + dateline(blog.first_published)
    return block
