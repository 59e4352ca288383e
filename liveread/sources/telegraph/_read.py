"""Reading a Telegraph live page: JSON-LD updates matched to their ``.live-post`` elements.

The JSON-LD updates are the entries (their ids as the JSON-LD gives or the
schema.org reader derives them); each is matched to its ``.live-post`` by
the general signals (the post's ``time[datetime]``, its headline), and its
body is then the post's content: pictures with the caption and the credit the
page marks with ``itemprop``, videos and embeds in place. A post the JSON-LD
does not list is read from the page alone, with the id the schema.org reader
would have derived for it; an update the page does not render keeps the
JSON-LD's text and is reported as a thinner view.
"""

from __future__ import annotations

from dataclasses import replace

from selectolax.lexbor import LexborHTMLParser, LexborNode

from liveread import urls
from liveread.errors import LayoutChanged, NotALiveBlog
from liveread.model import Block, Entry, Image, Snapshot, sort_newest_first
from liveread.sanitize import clean_inline
from liveread.sources import _html as htmlwalk
from liveread.sources import _meta as meta
from liveread.sources import rendered, schemaorg
from liveread.sources.telegraph._profile import (
    BODY,
    CAPTION,
    CREDIT,
    EMBED,
    IMAGE,
    IMAGE_LAZY,
    IMAGE_META,
    POST,
    SKIP,
    STANDFIRST,
    TIME,
    TITLE,
    VIDEO,
    YOUTUBE,
)
from liveread.urls import host

__all__ = ["read_page", "read_post_body"]

_TITLE = 'meta[property="og:title"]'


def _is(node: LexborNode, selector: str) -> bool:
    first = node.css_first(selector)
    return first is not None and first.mem_id == node.mem_id


def _picture(node: LexborNode, base: str) -> Block | None:
    """A picture block: its URL, its ``itemprop`` caption and credit apart."""
    lazy = node.css_first(IMAGE_LAZY)
    described = node.css_first(IMAGE_META)
    img = node.css_first("img")
    raw = ""
    if lazy is not None:
        raw = lazy.attributes.get("data-src") or lazy.attributes.get("src") or ""
    if not raw and described is not None:
        raw = described.attributes.get("content") or ""
    if not raw and img is not None:
        raw = img.attributes.get("data-src") or img.attributes.get("src") or ""
    url = urls.join(base, clean_inline(raw)) if raw and not raw.startswith("data:") else ""
    caption_node = node.css_first(CAPTION)
    credit_node = node.css_first(CREDIT)
    caption = htmlwalk.inline_text(caption_node) if caption_node is not None else ""
    credit = rendered.credit_text(htmlwalk.inline_text(credit_node)) if credit_node else ""
    if credit and caption.endswith(credit):
        caption = caption[: -len(credit)].rstrip()  # a credit nested in its caption
    if not caption and img is not None:
        caption = clean_inline(img.attributes.get("alt") or "")
    safe = url if urls.is_safe_link(url) else None
    if not (safe or caption):
        return None
    return Block("image", image=Image(caption, credit, safe))


def _video(node: LexborNode) -> Block | None:
    source = node.css_first("[data-video]")
    video = clean_inline(source.attributes.get("data-video") or "") if source else ""
    if not video:
        return None
    return Block("embed", embed="video", url=YOUTUBE.format(video))


def _override(base: str, title: LexborNode | None) -> htmlwalk.Override:
    def override(node: LexborNode) -> list[Block] | None:
        if title is not None and node.mem_id == title.mem_id:
            return []
        if _is(node, SKIP):
            return []
        if _is(node, IMAGE):
            picture = _picture(node, base)
            return [picture] if picture is not None else []
        if _is(node, VIDEO):
            video = _video(node)
            return [video] if video is not None else []
        if _is(node, "blockquote.twitter-tweet"):
            return [rendered.tweet(node)]
        if _is(node, EMBED):
            # Read through: a tweet, a video, or a post shared from another stream.
            return htmlwalk.blocks_from_node(node, override)
        if node.tag == "iframe":
            src = urls.join(base, clean_inline(node.attributes.get("src") or ""))
            return [Block("embed", embed="interactive", url=src)] if urls.is_safe_link(src) else []
        return None

    return override


def read_post_body(post: LexborNode, base: str) -> tuple[Block, ...]:
    """A ``.live-post``'s content as body blocks (its title and timestamp left out)."""
    content = post.css_first(BODY) or post
    title = post.css_first(TITLE)
    return tuple(htmlwalk.blocks_from_node(content, _override(base, title)))


def _own_post(node: LexborNode, posts: dict[int, LexborNode]) -> LexborNode | None:
    """The ``.live-post`` a matched element is, is inside, or alone holds."""
    if node.mem_id in posts:
        return node
    parent = node.parent
    while parent is not None:
        if parent.mem_id in posts:
            return parent
        parent = parent.parent
    inner = [n for n in node.css(POST)]
    return inner[0] if len(inner) == 1 else None


def _markup_entry(post: LexborNode, base: str) -> Entry | None:
    stamp = post.css_first(TIME)
    published = rendered.epoch_time(stamp.attributes.get("datetime")) if stamp else None
    if published is None:
        return None
    heading = post.css_first(TITLE)
    title = htmlwalk.inline_text(heading) if heading is not None else ""
    body = read_post_body(post, base)
    entry_id = schemaorg.derive_id(published, title or None, "\n".join(b.as_text() for b in body))
    anchor = clean_inline(post.attributes.get("id") or "")
    blog = urls.blog_url(base)
    return Entry(
        id=entry_id,
        published=published,
        updated=None,
        title=title or None,
        body=body,
        url=f"{blog}#{anchor}" if anchor else blog,
    )


def read_page(tree: LexborHTMLParser, url: str, source: str) -> Snapshot:
    """Read a live page: the JSON-LD updates with their posts' content, and posts it omits.

    Raises:
        LayoutChanged: The page has live posts, but none can be read.

    """
    try:
        structured = schemaorg.parse_html(tree, url, enrich=False)
    except (NotALiveBlog, LayoutChanged):
        structured = None
    posts = {n.mem_id: n for n in tree.css(POST)}
    entries: list[Entry] = []
    partial: list[str] = []
    claimed: set[int] = set()
    if structured is not None and structured.entries:
        cleaned = rendered.enrich(
            None,
            structured.entries,
            base=url,
            page_images=meta.page_image_urls(tree),
        ).entries
        found = rendered.match(tree, cleaned)
        for index, entry in enumerate(cleaned):
            node = found.get(index)
            post = _own_post(node, posts) if node is not None else None
            if post is None or post.mem_id in claimed:
                entries.append(entry)
                partial.append(entry.id)
                continue
            claimed.add(post.mem_id)
            body = read_post_body(post, url)
            heading = post.css_first(TITLE)
            title = entry.title or (htmlwalk.inline_text(heading) if heading else None)
            entries.append(replace(entry, body=body or entry.body, title=title or None))
    for mem_id, post in posts.items():
        if mem_id not in claimed:
            own = _markup_entry(post, url)
            if own is not None and all(own.id != e.id for e in entries):
                entries.append(own)
    if not entries:
        raise LayoutChanged(f"{host(url)}: Telegraph live posts, but none could be read")
    title_node = tree.css_first(_TITLE)
    title = structured.title if structured is not None else ""
    if not title and title_node is not None:
        title = clean_inline(title_node.attributes.get("content") or "")
    standfirst_node = tree.css_first(STANDFIRST)
    standfirst = structured.standfirst if structured is not None else ""
    if not standfirst and standfirst_node is not None:
        standfirst = htmlwalk.inline_text(standfirst_node)
    return Snapshot(
        url=urls.blog_url(url),
        source=source,
        entries=sort_newest_first(entries),
        title=title,
        standfirst=standfirst,
        live=structured.live if structured is not None else None,
        main_image=structured.main_image if structured is not None else None,
        feed_ids=tuple(e.id for e in entries),
        kind="page",
        site_name=meta.site_name(tree),
        # Updates shown only through the JSON-LD are thinner views, where the page renders others.
        partial_ids=tuple(partial) if claimed else (),
        window=len(entries),
    )
