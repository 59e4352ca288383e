"""Reading the BBC's live posts: a stream page, a World Service page's data, the page's query.

A post becomes an :class:`~liveread.model.Entry`: its ``urn`` is its id (and
its permalink's fragment: simorgh renders the post's heading with
``id=<urn>``); ``dates.firstPublished`` is when it was published and
``dates.lastPublished``, when later, when it was last edited; the headline
block is its title, the subheadline (the reporter's line: "Name, Live
editor") its first paragraph, the contributor block its author; the breaking
flag makes it a key event. The page's key points (``summaryPoints``, which
simorgh shows as the page's "Summary" box, with no time and no link to a
post) are one summary entry of the blog, ``<blog>#summary``, dated by the
blog's start so that it keeps its place.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from liveread import urls
from liveread.model import Block, Entry, Image, Pages, Snapshot, sort_newest_first
from liveread.sanitize import clean_inline, unescape
from liveread.sources.bbc._blocks import block_text, blocks, body_blocks, model
from liveread.sources.bbc._profile import (
    BLOG_DATA,
    BREAKING,
    PAGE_NUMBER,
    PAGE_QUERY,
    STREAM_ID,
    STREAM_PATH,
    STREAM_QUERY,
)
from liveread.sources.schemaorg import derive_id
from liveread.times import parse_time

__all__ = [
    "StreamPage",
    "is_stream",
    "page_data",
    "post_entry",
    "read_page_data",
    "read_stream",
    "stream_query",
    "stream_url",
    "summary_entry",
]

#: The fragment naming the blog's summary entry.
SUMMARY = "summary"


@dataclass(frozen=True)
class StreamPage:
    """One page of a live text stream.

    Attributes:
        entries: Its posts, in the stream's order (newest first).
        index: Its page number (1 = newest), when it says.
        total: How many pages the stream has, when it says.

    """

    entries: tuple[Entry, ...]
    index: int | None = None
    total: int | None = None


def _mapping(value: object) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _time(value: object) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        return parse_time(value)
    except ValueError:
        return None


def _header(post: Mapping[str, Any], kind: str) -> str:
    found = next((b for b in blocks(post.get("header")) if b.get("type") == kind), None)
    return block_text(found) if found is not None else ""


def _authors(post: Mapping[str, Any]) -> tuple[str, ...]:
    names = []
    for block in blocks(post.get("header")):
        if block.get("type") == "contributor":
            name = model(block).get("name")
            if isinstance(name, str) and clean_inline(name):
                names.append(clean_inline(name))
    return tuple(dict.fromkeys(names))


def post_entry(post: object, blog: str) -> Entry | None:
    """Read one post of a stream; None when it has neither an id nor a time (nothing to hold).

    Args:
        post: The post's JSON.
        blog: The blog's URL (the permalink's base; relative links resolve on it).

    """
    if not isinstance(post, Mapping):
        return None
    dates = _mapping(post.get("dates"))
    published = _time(dates.get("firstPublished")) or _time(dates.get("curated"))
    if published is None:
        return None
    title = _header(post, "headline") or None
    byline = _header(post, "subheadline")
    body = body_blocks(blocks(post.get("content")), blog)
    if byline:
        body = (Block("paragraph", text=byline), *body)
    urn = post.get("urn")
    post_id = clean_inline(urn) if isinstance(urn, str) else ""
    if not post_id:
        # The sport scraper keys an urn-less post by its time and text; so does liveread.
        post_id = derive_id(published, title, "\n".join(b.as_text() for b in body))
    last = _time(dates.get("lastPublished"))
    options = _mapping(post.get("options"))
    return Entry(
        id=post_id,
        published=published,
        updated=last if last is not None and last > published else None,
        title=title,
        body=body,
        url=f"{urls.blog_url(blog)}#{post_id}",
        authors=_authors(post),
        key_event=options.get(BREAKING) is True,
    )


def _stream_data(data: object) -> Mapping[str, Any] | None:
    """The ``{results, page}`` object, at the top or under ``data`` (callers read both)."""
    if not isinstance(data, Mapping):
        return None
    for candidate in (data, data.get("data")):
        if isinstance(candidate, Mapping) and isinstance(candidate.get("results"), list):
            return candidate
    return None


def is_stream(data: object) -> bool:
    """Tell whether decoded JSON is a stream page: ``results`` of posts with ``dates``."""
    found = _stream_data(data)
    if found is None:
        return False
    posts = [p for p in found["results"] if isinstance(p, Mapping)]
    if not posts:
        return isinstance(found.get("page"), Mapping)
    return all("dates" in p and ("urn" in p or "content" in p) for p in posts)


def _int(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value)
    return None


def read_stream(data: object, blog: str) -> StreamPage:
    """Read a stream page (``{results, page: {index, total}}``, or the same under ``data``).

    Posts that cannot be read are left out; an answer that is not a stream
    page gives an empty page.
    """
    found = _stream_data(data)
    if found is None:
        return StreamPage(())
    entries = [e for e in (post_entry(p, blog) for p in found["results"]) if e is not None]
    page = _mapping(found.get("page"))
    return StreamPage(tuple(entries), _int(page.get("index")), _int(page.get("total")))


def summary_entry(points: object, blog: str, when: datetime) -> Entry | None:
    """The page's key points (``summaryPoints``) as the blog's summary entry, or None if empty.

    Args:
        points: ``summaryPoints`` (``{id, content: {model: {blocks}}}``) or its ``content``.
        blog: The blog's URL.
        when: The entry's time (the blog's start: the box keeps its place).

    """
    if isinstance(points, Mapping) and "content" in points:
        points = points.get("content")
    body = tuple(b for b in body_blocks(blocks(points), blog) if b.as_text())
    if not body:
        return None
    return Entry(
        id=f"{urls.blog_url(blog)}#{SUMMARY}",
        published=when,
        updated=None,
        title=None,
        body=body,
        url=f"{urls.blog_url(blog)}#{SUMMARY}",
        summary=True,
    )


def page_data(text: str) -> Mapping[str, Any] | None:
    """A World Service page's data from its ``__NEXT_DATA__`` JSON text, or None."""
    try:
        data: object = json.loads(text)
    except ValueError:
        return None
    for key in BLOG_DATA:
        if not isinstance(data, Mapping):
            return None
        data = data.get(key)
    return data if isinstance(data, Mapping) else None


def _main_image(data: Mapping[str, Any], base: str) -> Image | None:
    for key in ("headerImage", "promoImage"):
        image = data.get(key)
        if isinstance(image, Mapping) and isinstance(image.get("url"), str):
            url = urls.join(base, clean_inline(image["url"]))
            if urls.is_safe_link(url):
                alt = clean_inline(str(image.get("altText") or ""))
                return Image(alt, clean_inline(str(image.get("copyright") or "")), url)
    return None


def _page_link(url: str, number: int) -> str:
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query) if k != PAGE_QUERY]
    if number > 1:
        query.append((PAGE_QUERY, str(number)))
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query), ""))


def read_page_data(data: Mapping[str, Any], url: str, source: str) -> Snapshot:
    """Read a World Service live page's data (``pageData``): its posts, summary and pages.

    Args:
        data: ``props.pageProps.pageData`` (see :func:`page_data`).
        url: The page's URL (it names the blog; ``?page=N`` is the stream page).
        source: The name of the source reading it.

    """
    blog = urls.blog_url(url)
    stream = _mapping(data.get("liveTextStream"))
    content = _mapping(stream.get("content"))
    page = read_stream(content, blog)
    seo = _mapping(data.get("seo"))
    start = (
        _time(data.get("startDateTime"))
        or _time(seo.get("datePublished"))
        or min((e.published for e in page.entries), default=None)
    )
    entries = list(page.entries)
    current = page.index or 1
    if current == 1 and start is not None:
        summary = summary_entry(data.get("summaryPoints"), blog, start)
        if summary is not None:
            entries.append(summary)
    title = clean_inline(str(data.get("title") or seo.get("seoTitle") or ""))
    live = data.get("isLive")
    total = page.total or current
    pages = Pages(
        current=current,
        total=total,
        newest=_page_link(url, 1),
        newer=_page_link(url, current - 1) if current > 1 else None,
        older=_page_link(url, current + 1) if current < total else None,
        oldest=_page_link(url, total),
    )
    return Snapshot(
        url=blog,
        source=source,
        entries=sort_newest_first(entries),
        title=title,
        standfirst=clean_inline(str(data.get("description") or "")),
        live=live if isinstance(live, bool) else None,
        main_image=_main_image(data, url),
        pages=pages,
        feed_ids=tuple(e.id for e in page.entries),
        kind="page",
    )


def stream_query(text: str) -> str | None:
    r"""The stream query a News or Sport page names in its HTML (``assetId=…&liveTextStreamId=…``).

    Entities (``&amp;``) and JSON escapes (``\\u0026``) are undone; the query
    must name a stream. None when the page names none.
    """
    unescaped = unescape(text.replace("\\u0026", "&").replace("\\u003d", "="))
    for found in STREAM_QUERY.finditer(unescaped):
        query = found.group(1)
        if any(k == STREAM_ID and v for k, v in parse_qsl(query)):
            return query
    return None


def stream_url(page: str, query: str, number: int = 1) -> str:
    """The URL of stream page *number*: the page's own query, only ``pageNumber`` changed.

    Exactly the page's query, because its parameters matter: a match's stream
    needs ``type=football`` and a topic page's must not have it.
    """
    pairs: Sequence[tuple[str, str]] = parse_qsl(query, keep_blank_values=True)
    wanted = str(number)
    kept = [(k, wanted if k == PAGE_NUMBER else v) for k, v in pairs]
    if not any(k == PAGE_NUMBER for k, _ in kept):
        kept.append((PAGE_NUMBER, wanted))
    return urls.join(page, f"{STREAM_PATH}?{urlencode(kept)}")
