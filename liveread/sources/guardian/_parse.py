"""The Guardian adapter: its data model, its update-poll answers and its rendered pages.

Three shapes carry the same blocks: the article data
model (``<page>.json?dcr=true``), the live page's poll answer
(``{numNewBlocks, mostRecentBlockId, html}``) and the rendered page, or bare
``article.block`` markup such as a poll answer's ``html`` on its own. Each is
recognised by its markers, never by host name, and read into one
:class:`~liveread.model.Snapshot`: the page's feed plus every key event, summary
and pinned post it carries, each once, newest first.

A page that shows the Guardian's markers but yields no entries where entries
are expected raises :class:`~liveread.errors.LayoutChanged` naming the site.

The work is split by job: ``_blocks`` reads JSON elements (and the pieces
both shapes share), ``_markup`` rendered entry bodies, ``_entries`` whole
blocks, ``_page`` what surrounds the feed; ``_source`` is the source itself.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from selectolax.lexbor import LexborHTMLParser, LexborNode

from liveread.model import Block, Entry, Pages, Snapshot, sort_newest_first
from liveread.sources._bounds import parse_html as parse_html_bounded
from liveread.sources._continues import next_blog
from liveread.sources._html import blocks_from_html, blocks_from_node, clean_line, inline_text
from liveread.sources._meta import site_name
from liveread.sources.guardian._blocks import as_dict, image_from_element, short_type
from liveread.sources.guardian._entries import (
    article_id,
    bare_id,
    entry_from_article,
    entry_from_block,
)
from liveread.sources.guardian._markup import island_props
from liveread.sources.guardian._page import (
    Pinned,
    assemble,
    html_pages,
    layout_changed,
    main_image,
    model_pages,
    pinned_post,
    poll_info,
    unique_blocks,
)
from liveread.sources.guardian._urls import blog_of

__all__ = ["detect_html", "is_model", "is_poll", "parse_html", "parse_model", "parse_poll"]

#: The ``source`` every snapshot read here carries.
SOURCE = "guardian"
#: ``format.design`` of a blog being written, and of one that has ended.
LIVE_DESIGN = "LiveBlogDesign"
DEAD_DESIGN = "DeadBlogDesign"
#: Keys beside ``blocks`` that mark the data model.
MODEL_KEYS = ("pageId", "webURL", "keyEvents", "mostRecentBlockId")

# Rendered-page markers and selectors, as the site's renderer writes them.
BODY = "#liveblog-body"
FEED_ARTICLE = 'article[id^="block-"]'
BARE_ARTICLE = "article.block"
PINNED = '#pinned-post, [data-gu-marker="pinned-post"]'
LIVENESS = 'gu-island[name="Liveness"]'
CAROUSEL = 'gu-island[name="KeyEventsCarousel"]'
PAGINATION = "nav#liveblog-navigation"
HEADLINE = '[data-gu-name="headline"] h1'
STANDFIRST = '[data-gu-name="standfirst"]'
MAIN_MEDIA = '[data-gu-name="media"] figure'
PAGE_MARKERS = f"{BODY}, {LIVENESS}, {CAROUSEL}, {PINNED}"
#: Both page-wide lookups in one selector (they match different tags).
CAROUSEL_OR_PAGINATION = f"{CAROUSEL}, {PAGINATION}"
#: What the path of every live blog of the site holds (``/world/live/2026/…``).
LIVE_PATH = "/live/"


# --- detection --------------------------------------------------------------------------


def is_model(data: dict[str, Any]) -> bool:
    """Tell whether *data* is the Guardian article data model (``blocks[]`` and page keys)."""
    return isinstance(data.get("blocks"), list) and any(key in data for key in MODEL_KEYS)


def is_poll(data: dict[str, Any]) -> bool:
    """Tell whether *data* answers the live page's update poll (``numNewBlocks``, ``html``)."""
    return "numNewBlocks" in data and isinstance(data.get("html") or "", str)


def detect_html(tree: LexborHTMLParser) -> bool:
    """Tell whether *tree* is a rendered Guardian live-blog page or bare entry markup.

    Bare ``article.block`` markup counts only when a block names itself the
    Guardian way (``id="block-<id>"`` or a ``?page=with:block-<id>`` link).
    """
    if tree.css_first(PAGE_MARKERS) is not None:
        return True
    return any(_is_guardian_block(article) for article in tree.css(BARE_ARTICLE))


def _is_guardian_block(article: LexborNode) -> bool:
    """Tell whether an ``article.block`` links to itself with a Guardian permalink."""
    link = article.css_first('header a[href*="block-"]')
    return link is not None and article_id(article) is not None


# --- the data model ---------------------------------------------------------------------


def _model_site_name(data: dict[str, Any]) -> str:
    """The site's name in the data model: its Open Graph data, else its publisher's name."""
    graph = data.get("openGraphData")
    name = graph.get("og:site_name") if isinstance(graph, dict) else None
    if isinstance(name, str) and clean_line(name):
        return clean_line(name)
    linked = data.get("linkedData")
    for node in linked if isinstance(linked, list) else []:
        publisher = node.get("publisher") if isinstance(node, dict) else None
        name = publisher.get("name") if isinstance(publisher, dict) else None
        if isinstance(name, str) and clean_line(name):
            return clean_line(name)
    return ""


def parse_model(data: dict[str, Any], url: str) -> Snapshot:
    """Read the article data model (``<page>.json?dcr=true``) into a snapshot.

    Raises:
        LayoutChanged: The model has blocks but none can be read, or a blog
            that is not live has none at all.

    """
    blog = blog_of(url)
    fmt = as_dict(data.get("format"))
    design = fmt.get("design")
    live = {LIVE_DESIGN: True, DEAD_DESIGN: False}.get(design) if isinstance(design, str) else None
    blocks = [block for block in data.get("blocks") or [] if isinstance(block, dict)]
    feed = [e for e in (entry_from_block(block, blog) for block in blocks) if e is not None]
    if not feed and (blocks or live is not True):
        raise layout_changed(blog, "(data model) has a live-blog body")
    pinned: Pinned | None = None
    pinned_block = data.get("pinnedPost")
    pinned_id = bare_id(pinned_block.get("id")) if isinstance(pinned_block, dict) else None
    if pinned_id is not None:
        pinned = (pinned_id, lambda: entry_from_block(pinned_block, blog))
    key_list = data.get("keyEvents")
    key_blocks = unique_blocks(key_list if isinstance(key_list, list) else [])
    entries, feed_ids = assemble(feed, pinned, key_blocks, blog)
    config = as_dict(data.get("config"))
    poll = None
    if live:
        poll = poll_info(config.get("ajaxUrl"), data.get("pageId") or config.get("pageId"), blog)
    image = next(
        (
            image_from_element(element)
            for element in data.get("mainMediaElements") or []
            if isinstance(element, dict) and short_type(element.get("_type")) == "ImageBlockElement"
        ),
        None,
    )
    headline, standfirst = data.get("headline"), data.get("standfirst")
    pages = model_pages(data.get("pagination"), blog)
    newest = _block_links(blocks[0]) if blocks else ()
    return Snapshot(
        url=blog,
        title=clean_line(headline) if isinstance(headline, str) else "",
        standfirst=_lines(blocks_from_html(standfirst)) if isinstance(standfirst, str) else "",
        source=SOURCE,
        live=live,
        main_image=image,
        pages=pages,
        entries=entries,
        feed_ids=feed_ids,
        kind="page",
        key_events_complete=isinstance(key_list, list),
        site_name=_model_site_name(data),
        continues_at=_continues(newest, blog, live, pages),
        **_polling(poll, live, data.get("mostRecentBlockId"), feed_ids),
    )


def _polling(
    poll: dict[str, str] | None, live: bool | None, recent: object, feed_ids: tuple[str, ...]
) -> dict[str, Any]:
    """A whole page's ``cursor`` and ``source_data``: where the update poll starts.

    A live page names its endpoint; the poll's anchor (``lastUpdate``) is the
    newest block the page knows, else the newest of its feed. A page without
    an endpoint, or of an ended blog, forgets the endpoint and keeps the anchor.
    """
    if poll is None or live is False:
        return {"cursor": None, "source_data": {}}
    anchor = bare_id(recent) or (feed_ids[0] if feed_ids else None)
    return {"cursor": anchor, "source_data": poll}


def _continues(
    links: Iterable[str], blog: str, live: bool | None, pages: Pages | None
) -> str | None:
    """The next live blog an ended blog's newest entry links to (on page 1 only), or None."""
    if live is not False or (pages is not None and pages.current != 1):
        return None
    return next_blog(links, blog, LIVE_PATH)


def _block_links(block: dict[str, Any]) -> Iterator[str]:
    """Every link in a JSON block's elements' HTML."""
    for element in block.get("elements") or ():
        markup = element.get("html") if isinstance(element, dict) else None
        if isinstance(markup, str) and "href" in markup:
            for anchor in LexborHTMLParser(markup).css("a[href]"):
                yield anchor.attributes.get("href") or ""


def _lines(blocks: list[Block]) -> str:
    """Join blocks' plain text, one block a line (a standfirst)."""
    return "\n".join(text for text in (block.as_text() for block in blocks) if text)


# --- the update poll --------------------------------------------------------------------


def parse_poll(data: dict[str, Any], url: str) -> Snapshot:
    """Read an update-poll answer into an update snapshot holding the new entries.

    Its ``cursor`` is the answer's ``mostRecentBlockId`` (None when nothing is new).

    Raises:
        LayoutChanged: The answer announces new blocks but its markup holds none.

    """
    blog = blog_of(url)
    html = data.get("html") or ""
    feed = _articles(parse_html_bounded(html).css(FEED_ARTICLE), blog) if html.strip() else []
    count = data.get("numNewBlocks")
    if not feed and isinstance(count, int) and count > 0:
        raise layout_changed(blog, f"(update poll) announced {count} new blocks")
    return _update(blog, sort_newest_first(feed), feed, bare_id(data.get("mostRecentBlockId")))


def _update(
    blog: str, entries: tuple[Entry, ...], feed: list[Entry], cursor: str | None
) -> Snapshot:
    """Build an update snapshot: entries only, no page furniture."""
    return Snapshot(
        url=blog,
        source=SOURCE,
        entries=entries,
        feed_ids=tuple(dict.fromkeys(entry.id for entry in feed)),
        kind="update",
        cursor=cursor,
    )


def _articles(nodes: list[LexborNode], blog: str) -> list[Entry]:
    """Read rendered feed blocks as entries, in page order (unreadable ones skipped)."""
    return [e for e in (entry_from_article(node, blog) for node in nodes) if e is not None]


# --- the rendered page ------------------------------------------------------------------


def parse_html(tree: LexborHTMLParser, url: str) -> Snapshot:
    """Read a rendered Guardian live-blog page, or bare ``article.block`` markup, into a snapshot.

    Bare markup (no ``#liveblog-body``, Liveness island or carousel) is an
    update holding its entries only. A page is live while it carries the
    Liveness island, which also gives the polling details.

    Raises:
        LayoutChanged: The page has the Guardian's markers but no readable entries.

    """
    blog = blog_of(url)
    body = tree.css_first(BODY)
    liveness = tree.css_first(LIVENESS)
    # Carousels and the pagination sit anywhere, so finding them walks the whole
    # page: one walk finds both (the two selectors match different tags).
    carousels: list[LexborNode] = []
    navigation: LexborNode | None = None
    for node in tree.css(CAROUSEL_OR_PAGINATION):
        if node.tag == "gu-island":
            carousels.append(node)
        elif navigation is None:
            navigation = node
    if body is None and liveness is None and not carousels:
        return _bare(tree, blog)
    if body is None:
        raise layout_changed(blog, "has live-blog islands but no #liveblog-body")
    holder = tree.css_first(PINNED)
    # Older pages gave the pinned copy an id too: it is not part of the feed.
    copies = {node.mem_id for node in holder.css("article")} if holder is not None else set()
    articles = [node for node in body.css(FEED_ARTICLE) if node.mem_id not in copies]
    feed = _articles(articles, blog)
    key_lists = _key_lists(carousels)
    key_blocks = unique_blocks(b for blocks in _distinct_lists(key_lists) for b in blocks)
    pinned = pinned_post(holder, blog, key_blocks)
    if (articles and not feed) or not (feed or key_blocks or pinned or liveness):
        raise layout_changed(blog, "has a live-blog body")
    entries, feed_ids = assemble(feed, pinned, key_blocks, blog)
    poll, recent = None, None
    if liveness is not None:
        props = island_props(liveness)
        poll = poll_info(props.get("ajaxUrl"), props.get("pageId"), blog)
        recent = props.get("mostRecentBlockId")
    heading = tree.css_first(HEADLINE) or tree.css_first("h1")
    standfirst = tree.css_first(STANDFIRST)
    pages = html_pages(navigation, blog)
    newest = (
        [a.attributes.get("href") or "" for a in articles[0].css("a[href]")] if articles else []
    )
    return Snapshot(
        url=blog,
        title=inline_text(heading) if heading is not None else "",
        standfirst=_lines(blocks_from_node(standfirst)) if standfirst is not None else "",
        source=SOURCE,
        live=liveness is not None,
        main_image=main_image(tree.css_first(MAIN_MEDIA)),
        pages=pages,
        entries=entries,
        feed_ids=feed_ids,
        kind="page",
        key_events_complete=any(isinstance(blocks, list) for blocks in key_lists),
        site_name=site_name(tree),
        continues_at=_continues(newest, blog, liveness is not None, pages),
        **_polling(poll, liveness is not None, recent, feed_ids),
    )


def _key_lists(carousels: list[LexborNode]) -> list[object]:
    """Return each carousel's ``keyEvents`` (whatever its JSON holds there).

    The desktop and mobile carousels carry the same props: equal props are
    parsed once, and give the very same list.
    """
    parsed: dict[str | None, object] = {}
    lists: list[object] = []
    for island in carousels:
        raw = island.attributes.get("props")
        if raw not in parsed:
            parsed[raw] = island_props(island).get("keyEvents")
        lists.append(parsed[raw])
    return lists


def _distinct_lists(key_lists: list[object]) -> list[list[Any]]:
    """Return the lists among *key_lists*, each list object once.

    A list met again adds nothing to :func:`unique_blocks` (its ids were all
    seen), so it is not walked again.
    """
    seen: set[int] = set()
    out: list[list[Any]] = []
    for blocks in key_lists:
        if isinstance(blocks, list) and id(blocks) not in seen:
            seen.add(id(blocks))
            out.append(blocks)
    return out


def _bare(tree: LexborHTMLParser, blog: str) -> Snapshot:
    """Read bare ``article.block`` markup (a poll answer's html, a fragment) as an update."""
    feed = _articles(tree.css(FEED_ARTICLE), blog)
    pinned = pinned_post(tree.css_first(PINNED), blog, [])
    if not feed and pinned is None:
        raise layout_changed(blog, "(entry markup) has article.block elements")
    entries, _ = assemble(feed, pinned, [], blog)
    return _update(blog, entries, feed, None)
