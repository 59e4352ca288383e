"""The demo blog as the BBC's live pages serve it (an invented broadcaster, *MBC News*).

Two front ends, as the BBC has them:

- the News and Sport page (:func:`render_bbc_page`): HTML that names, in its
  ``window.__INITIAL_DATA__`` (a JSON string), the query of its ``stream``
  container, ``stream?assetId=…&liveTextStreamId=<32 hex>&pageNumber=1&
  pageSize=20&pageUrl=…``; a JSON-LD ``LiveBlogPosting`` naming the blog
  (with ``coverageEndTime`` once it has ended, and no updates); the posts
  themselves are not in the page;
- the stream (:func:`render_bbc_stream`), what ``/wc-data/container/stream``
  answers for that query: ``{results, page: {index, total}}``, twenty posts a
  page, newest first, page 1 the newest, up to ``page.total``;
- the World Service page (:func:`render_bbc_ws_page`), simorgh's: the page's
  data in ``__NEXT_DATA__`` (``props.pageProps.pageData``): title, ``isLive``,
  ``startDateTime``, the key points (``summaryPoints``: the newest summary's
  points as an ``unorderedList``, shown by the site as the page's "Summary"),
  and the stream page ``?page=N`` asks for in ``liveTextStream.content.data``.

A post (:func:`post_json`) is simorgh's ``Post``: ``urn`` (``asset:<uuid>``),
``dates`` (``firstPublished``, ``lastPublished`` moved by an edit,
``curated``), ``options.isBreakingNews`` (the demo's key events), a header of
Optimo blocks (``headline``; ``subheadline``, the reporter's line; a
``contributor``) and content blocks: paragraphs wrapped in a ``text`` block
as the WebCore stream wraps them, ``fragment`` runs (``bold``) and
``urlLink`` runs, ``unorderedList`` > ``listItem``, ``image`` (``rawImage``
with ``copyrightHolder``, ``altText``, ``caption``), ``video`` (a
``clipMedia`` with its headline and ``/programmes/<pid>`` path, and a
caption) and ``social`` (an oEmbed rendition). Whitespace-only ``fragment``
blocks sit between them, as in every sample. No quote or heading block is
documented: a quote's lines are paragraphs, a heading a bold paragraph. The
demo's pictures stay on the demo server: their ``locator`` is their URL.
A removed post is simply gone from the stream.
"""

from __future__ import annotations

import hashlib
import html
import json
import math
import re
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, urlsplit

from liveread.demo.render._markup import esc, h
from liveread.demo.story import TEAM_ROLES

if TYPE_CHECKING:
    from liveread.demo.story import BlogState, Post, StoryBlock

__all__ = [
    "PAGE_SIZE",
    "SITE_NAME",
    "WS_SITE_NAME",
    "bbc_credit",
    "post_json",
    "post_urn",
    "render_bbc_page",
    "render_bbc_stream",
    "render_bbc_ws_page",
    "stream_id",
    "stream_query",
    "summary_points",
]

#: The (invented) broadcaster of the News pages, and of the World Service pages.
SITE_NAME = "MBC News"
WS_SITE_NAME = "MBC World Service"
#: Posts per stream page (the page's query says ``pageSize=20``).
PAGE_SIZE = 20
_LINK = re.compile(r'<a href="([^"]*)">(.*?)</a>|<strong>(.*?)</strong>', re.S)
_TAG = re.compile(r"<[^>]+>")
_SPACE = {"type": "fragment", "model": {"text": "\n      ", "attributes": []}}


def _hex(*parts: str, size: int = 16) -> str:
    return hashlib.blake2b("\x1f".join(parts).encode(), digest_size=size).hexdigest()


def stream_id(blog: BlogState) -> str:
    """The blog's ``liveTextStreamId``: 32 upper-case hex digits (stable for a blog path)."""
    return _hex(blog.page_id, "stream").upper()


def _asset_id(blog: BlogState) -> str:
    return "c" + _hex(blog.page_id, "asset", size=5) + "t"


def stream_query(blog: BlogState, page_url: str) -> str:
    """The query of the page's ``stream`` container, as the page names it (page 1)."""
    path = urlsplit(page_url).path
    return (
        f"assetId={_asset_id(blog)}&enableDotcomAds=true&globalContainerPolling=true"
        f"&home=news&language=en-GB&liveTextStreamId={stream_id(blog)}"
        f"&pageNumber=1&pageSize={PAGE_SIZE}&pageUrl={quote(path, safe='')}"
    )


def post_urn(post: Post) -> str:
    """A post's ``urn``: ``asset:`` and a UUID made from its demo id."""
    digest = _hex(post.id)
    return f"asset:{digest[:8]}-{digest[8:12]}-4{digest[13:16]}-8{digest[17:20]}-{digest[20:32]}"


def bbc_credit(credit: str) -> str:
    """A story credit ("Photograph: Name/Agency") as the ``copyrightHolder``: "Name/Agency"."""
    return credit.removeprefix("Photograph:").strip()


def _stamp(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).isoformat(timespec="seconds")


def _curated(moment: datetime) -> str:
    utc = moment.astimezone(timezone.utc)
    return utc.strftime("%Y-%m-%dT%H:%M:%S.") + f"{utc.microsecond // 1000:03d}Z"


# -- Optimo blocks -------------------------------------------------------------------


def _fragment(text: str, bold: bool = False) -> dict[str, Any]:
    return {"type": "fragment", "model": {"text": text, "attributes": ["bold"] if bold else []}}


def _runs(inner: str) -> list[dict[str, Any]]:
    """Inline HTML (links, bold) as ``fragment`` and ``urlLink`` runs."""
    runs: list[dict[str, Any]] = []
    pos = 0
    for found in _LINK.finditer(inner):
        before = html.unescape(_TAG.sub("", inner[pos : found.start()]))
        if before:
            runs.append(_fragment(before))
        if found.group(1) is not None:
            text = html.unescape(_TAG.sub("", found.group(2)))
            runs.append(
                {
                    "type": "urlLink",
                    "model": {
                        "text": text,
                        "locator": html.unescape(found.group(1)),
                        "isExternal": False,
                        "blocks": [_fragment(text)],
                    },
                }
            )
        else:
            runs.append(_fragment(html.unescape(_TAG.sub("", found.group(3))), bold=True))
        pos = found.end()
    rest = html.unescape(_TAG.sub("", inner[pos:]))
    if rest:
        runs.append(_fragment(rest))
    return runs


def _paragraph(text: str, inner: str | None = None, *, bold: bool = False) -> dict[str, Any]:
    runs = (
        [_fragment(text, bold=True)] if bold else _runs(inner if inner is not None else esc(text))
    )
    return {"type": "paragraph", "model": {"text": text, "blocks": runs}}


def _text(*paragraphs: dict[str, Any]) -> dict[str, Any]:
    return {"type": "text", "model": {"blocks": list(paragraphs)}}


def _image(block: StoryBlock) -> dict[str, Any]:
    width, height = block.size
    raw = {
        "type": "rawImage",
        "model": {
            "width": width,
            "height": height,
            "locator": block.url,
            "originCode": "cpsprodpb",
            "copyrightHolder": bbc_credit(block.credit),
        },
    }
    alt = {"type": "altText", "model": {"blocks": [_text(_paragraph(block.alt))]}}
    caption = {"type": "caption", "model": {"blocks": [_text(_paragraph(block.caption))]}}
    return {"type": "image", "model": {"blocks": [raw, alt, caption]}}


def _video(block: StoryBlock) -> dict[str, Any]:
    pid = block.asset_id or "clip"
    title = block.title or ""
    clip = {
        "type": "clipMedia",
        "model": {
            "urns": {"pipsPid": f"urn:bbc:pips:pid:{pid}"},
            "assetPath": pid,
            "type": "video",
            "headlines": {"primaryHeadline": title, "seoHeadline": title},
            "video": {"title": title, "version": {"duration": f"PT{block.duration}S"}},
            "link": {"path": f"/programmes/{pid}"},
        },
    }
    caption = {"type": "caption", "model": {"blocks": [_text(_paragraph(title))]}}
    return {
        "type": "video",
        "model": {"locator": f"urn:bbc:pips:pid:{pid}", "blocks": [clip, caption]},
    }


def _social(block: StoryBlock) -> dict[str, Any]:
    url = block.url or ""
    quoted = (
        f'<blockquote class="twitter-tweet"><a href={url}>View original content on Twitter'
        "</a></blockquote>"
    )
    embed = {
        "type": "aresOEmbed",
        "model": {"oembed": {"provider_name": "twitter", "url": url, "html": quoted}},
    }
    rendition = {"type": "renditions", "model": {"locator": "", "blocks": [embed]}}
    return {"type": "social", "model": {"source": url, "blocks": [rendition]}}


def _list(items: list[StoryBlock]) -> dict[str, Any]:
    entries = [
        {"type": "listItem", "model": {"blocks": [_paragraph(b.text, b.inner_html)]}} for b in items
    ]
    return {"type": "unorderedList", "model": {"blocks": entries}}


def _content(blocks: tuple[StoryBlock, ...]) -> list[dict[str, Any]]:
    """A post's body as content blocks (paragraphs in ``text`` blocks, spacers between)."""
    out: list[dict[str, Any]] = [_SPACE]
    paragraphs: list[dict[str, Any]] = []
    items: list[StoryBlock] = []

    def flush() -> None:
        if paragraphs:
            out.extend((_text(*paragraphs), _SPACE))
            paragraphs.clear()
        if items:
            out.extend((_list(items), _SPACE))
            items.clear()

    for block in blocks:
        if block.kind == "list_item":
            if paragraphs:
                flush()
            items.append(block)
            continue
        if items:
            flush()
        if block.kind == "paragraph":
            paragraphs.append(_paragraph(block.text, block.inner_html))
        elif block.kind == "heading":
            paragraphs.append(_paragraph(block.text, bold=True))
        elif block.kind == "quote":
            paragraphs.extend(_paragraph(line) for line in block.text.split("\n") if line)
        elif block.kind == "link":
            link = f'<a href="{html.escape(block.url or "")}">{esc(block.text)}</a>'
            paragraphs.append(_paragraph(block.text, link))
        else:
            flush()
            if block.kind == "image":
                out.extend((_image(block), _SPACE))
            elif block.kind == "video":
                out.extend((_video(block), _SPACE))
            elif block.kind == "tweet":
                out.extend((_social(block), _SPACE))
    flush()
    return out


def _header(post: Post) -> list[dict[str, Any]]:
    entry = post.entry
    blocks: list[dict[str, Any]] = []
    if entry.title:
        blocks.append({"type": "headline", "model": {"blocks": [_text(_paragraph(entry.title))]}})
    if entry.authors:
        name = entry.authors[0]
        line = f"{name}, {TEAM_ROLES.get(name, 'Reporter')}"
        blocks.append({"type": "subheadline", "model": {"blocks": [_text(_paragraph(line))]}})
        for author in entry.authors:
            blocks.append(
                {
                    "type": "contributor",
                    "model": {
                        "name": author,
                        "link": None,
                        "subtitle": TEAM_ROLES.get(author, "Reporter"),
                        "external": "false",
                        "blocks": [],
                    },
                }
            )
    return blocks


def post_json(post: Post) -> dict[str, Any]:
    """A post as the stream carries it (simorgh's ``Post``)."""
    entry = post.entry
    return {
        "typeCode": None,
        "header": {"model": {"blocks": _header(post)}},
        "content": {"model": {"blocks": _content(post.blocks)}},
        "link": None,
        "urn": post_urn(post),
        "type": "POST",
        "options": {"isBreakingNews": entry.key_event, "includeComments": False},
        "dates": {
            "firstPublished": _stamp(entry.published),
            "lastPublished": _stamp(entry.updated or entry.published),
            "time": None,
            "curated": _curated(entry.published),
        },
        "titles": [{"title": None, "source": "primary"}],
        "descriptions": [{"text": None, "source": "summary"}],
        "images": [
            {
                "url": None,
                "originalUrl": None,
                "urlTemplate": None,
                "altText": None,
                "copyright": None,
            }
        ],
    }


# -- the stream ------------------------------------------------------------------------


def _total(blog: BlogState) -> int:
    return max(1, math.ceil(len(blog) / PAGE_SIZE))


def render_bbc_stream(blog: BlogState, number: int = 1) -> dict[str, Any]:
    """Stream page *number* (1 = newest): ``{results, page: {index, total}}``.

    A page past the last holds no results (its index and the total still say where it is).
    """
    start = (max(1, number) - 1) * PAGE_SIZE
    posts = blog.posts_newest_first()[start : start + PAGE_SIZE]
    return {
        "results": [post_json(p) for p in posts],
        "page": {"index": number, "total": _total(blog)},
    }


def summary_points(blog: BlogState) -> dict[str, Any]:
    """The page's key points: the newest summary's points, or ``{id: None, content: None}``."""
    summary = next((p for p in blog.key_events() if p.entry.summary), None)
    if summary is None:
        return {"id": None, "content": None}
    items = [b for b in summary.blocks if b.kind == "list_item"]
    if not items:
        items = [b for b in summary.blocks if b.kind == "paragraph"]
    listing = _list(items)
    return {
        "id": post_urn(summary),
        "content": {"model": {"blocks": [_text(_paragraph("")), _text(listing)]}},
    }


# -- the pages -------------------------------------------------------------------------


def _head(blog: BlogState, url: str, site: str, *extra: str) -> str:
    return h(
        "head",
        None,
        h("meta", {"charset": "utf-8"}),
        h("title", None, esc(f"{blog.title} - {site}")),
        h("meta", {"property": "og:site_name", "content": site}),
        h("meta", {"property": "og:title", "content": blog.title}),
        h("meta", {"property": "og:description", "content": blog.story.standfirst}),
        h("link", {"rel": "canonical", "href": url}),
        *extra,
    )


def _script_json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")


def render_bbc_page(blog: BlogState, *, page_url: str | None = None) -> str:
    """Return the News page: its stream's query in ``__INITIAL_DATA__``, no posts of its own."""
    url = page_url or blog.url
    key = "stream?" + stream_query(blog, url)
    initial = {"data": {key: {"name": "stream", "props": {"pageNumber": 1}}}}
    posting: dict[str, Any] = {
        "@context": "http://schema.org",
        "@type": "LiveBlogPosting",
        "url": url,
        "headline": blog.title,
        "description": blog.story.standfirst,
        "coverageStartTime": _stamp(blog.first_published),
        "publisher": {"@type": "NewsMediaOrganization", "name": SITE_NAME},
    }
    if blog.ended_at is not None:
        posting["coverageEndTime"] = _stamp(blog.ended_at)
    ld = h("script", {"type": "application/ld+json"}, _script_json(posting))
    state = "window.__INITIAL_DATA__=" + _script_json(_script_json(initial)) + ";"
    body = h(
        "body",
        None,
        h("div", {"id": "main-content"}, h("h1", None, esc(blog.title))),
        h("script", None, state),
    )
    return "<!DOCTYPE html>" + h("html", {"lang": "en-GB"}, _head(blog, url, SITE_NAME, ld), body)


def render_bbc_ws_page(blog: BlogState, *, page_url: str | None = None, page: int = 1) -> str:
    """Return the World Service page: its data and stream page *page* in ``__NEXT_DATA__``."""
    url = page_url or blog.url
    main = blog.story.main_image
    data = {
        "title": blog.title,
        "description": blog.story.standfirst,
        "isLive": blog.live,
        "seo": {
            "seoTitle": blog.title,
            "seoDescription": blog.story.standfirst,
            "datePublished": _stamp(blog.first_published),
            "dateModified": _stamp(blog.last_modified),
        },
        "startDateTime": _stamp(blog.first_published),
        "endDateTime": _stamp(blog.ended_at) if blog.ended_at else None,
        "type": "live-coverage",
        "dataSource": "TIPO",
        "headerImage": {"url": main.url, "altText": main.alt, "copyright": bbc_credit(main.credit)},
        "summaryPoints": summary_points(blog),
        "liveTextStream": {
            "id": stream_id(blog),
            "contributors": "Edited by " + ", ".join(blog.authors()[:2])
            if blog.authors()
            else None,
            "content": {"data": render_bbc_stream(blog, page)},
        },
    }
    props = {"props": {"pageProps": {"pageData": data}}, "page": "/[service]/live/[id]"}
    script = h("script", {"id": "__NEXT_DATA__", "type": "application/json"}, _script_json(props))
    body = h(
        "body",
        None,
        h("div", {"id": "__next"}, h("main", None, h("h1", None, esc(blog.title)))),
        script,
    )
    return "<!DOCTYPE html>" + h("html", {"lang": "en-GB"}, _head(blog, url, WS_SITE_NAME), body)
