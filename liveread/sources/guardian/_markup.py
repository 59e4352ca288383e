"""The body of a rendered Guardian ``article.block`` to body blocks.

Text elements are rendered bare (``p``, ``ul``, ``h2``, ``blockquote``) and are
left to the shared walker in :mod:`liveread.sources._html`. Everything else
sits in ``figure[data-spacefinder-type="…<Type>"]``, often around a
``gu-island`` whose ``props`` attribute repeats the element's JSON; some
islands (interactives) sit bare. This module takes over those, drops ad slots
and the entry's own header and footer (time, share buttons, "Updated at"), and
reads each element the way :mod:`liveread.sources.guardian._blocks` reads the
same element from JSON.
"""

from __future__ import annotations

import json
import re
from typing import Any

from selectolax.lexbor import LexborNode

from liveread.model import Block
from liveread.sources._html import blocks_from_node, clean_line, inline_text
from liveread.sources.guardian._blocks import (
    DROPPED_TYPES,
    EMBED_TYPES,
    IMAGE_TYPES,
    QUOTE_TYPES,
    TEXT_TYPES,
    blocks_from_element,
    clean_url,
    element_title,
    element_url,
    image_from_figure,
    placeholder,
    short_type,
    tweet_block,
    youtube_block,
)

__all__ = ["article_blocks", "is_ad", "island_props"]

#: Attribute naming a figure's element type.
SPACEFINDER_TYPE = "data-spacefinder-type"
#: Island (component) names and the embed kind each is shown as.
ISLAND_KINDS: dict[str, str] = {
    "TweetBlockComponent": "tweet",
    "YoutubeBlockComponent": "video",
    "VideoFacebookBlockComponent": "video",
    "VineBlockComponent": "video",
    "RichLinkComponent": "link",
    "AudioAtomWrapper": "audio",
    "SpotifyBlockComponent": "audio",
    "InteractiveBlockComponent": "interactive",
    "ChartAtom": "interactive",
    "MapEmbedBlockComponent": "interactive",
    "DocumentBlockComponent": "interactive",
    "TimelineAtom": "interactive",
}
#: Islands that are page chrome, never content.
CHROME_ISLANDS = frozenset(
    {
        "RelativeTime",
        "ShareButton",
        "ShareIcons",
        "EnhancePinnedPost",
        "LiveBlogEpic",
        "FilterKeyEventsToggle",
        "KeyEventsCarousel",
        "Liveness",
    }
)
#: Tags an entry's body never shows (its header and footer are read apart).
CHROME_TAGS = frozenset({"header", "footer", "nav", "button", "label", "input"})
#: Class names of ad slots and their containers; ad slots' id prefix (``dfp-ad--inline1``).
AD_CLASS = re.compile(r"(?:^|\s)(?:(?:js-)?ad-(?:slot|placeholder)|adSlot|top-banner-ad)")
AD_ID_PREFIX = "dfp-ad"


def island_props(island: LexborNode) -> dict[str, Any]:
    """Return the JSON in a ``gu-island``'s ``props`` attribute ({} when absent or invalid)."""
    raw = island.attributes.get("props")
    if not raw:
        return {}
    try:
        # Not strict: one raw control character in a string must not lose the whole island.
        props = json.loads(raw, strict=False)
    except ValueError:
        return {}
    return props if isinstance(props, dict) else {}


def is_ad(node: LexborNode) -> bool:
    """Tell an ad slot or its container (id ``dfp-ad--*``, an ``ad-slot`` class) from content."""
    attrs = node.attributes
    if (attrs.get("id") or "").startswith(AD_ID_PREFIX):
        return True
    return bool(AD_CLASS.search(attrs.get("class") or ""))


def _island_blocks(island: LexborNode, figure_type: str = "") -> list[Block]:
    """Read a ``gu-island`` in an entry body as blocks, by its component name and props."""
    name = clean_line(island.attributes.get("name") or "")
    if name in CHROME_ISLANDS:
        return []
    if name == "TweetBlockComponent" or figure_type == "TweetBlockElement":
        # The tweet is in the markup already; its props would only repeat it.
        quote = island.css_first("blockquote")
        if quote is not None:
            return [tweet_block(quote)]
    props = island_props(island)
    if name == "YoutubeBlockComponent":
        return [youtube_block(props)]
    element = props.get("element")
    if isinstance(element, dict) and element.get("_type"):
        return blocks_from_element(element)
    kind = ISLAND_KINDS.get(name) or EMBED_TYPES.get(figure_type, "other")
    title = element_title(props) or figure_type or name or "embed"
    return [placeholder(kind, title, element_url(props))]


def _figure_blocks(figure: LexborNode) -> list[Block]:
    """Read a rendered ``figure`` as blocks, by the element type it declares."""
    kind = short_type(figure.attributes.get(SPACEFINDER_TYPE))
    if kind in IMAGE_TYPES:
        image = image_from_figure(figure)
        return [Block("image", image=image)] if image else []
    if kind in TEXT_TYPES or kind in QUOTE_TYPES:
        return _blocks(figure)
    if kind in DROPPED_TYPES:
        return []
    island = figure.css_first("gu-island")
    if island is not None:
        return _island_blocks(island, kind)
    if kind == "TweetBlockElement":
        quote = figure.css_first("blockquote")
        if quote is not None:
            return [tweet_block(quote)]
    if not kind and figure.css_first("img") is not None:
        image = image_from_figure(figure)
        return [Block("image", image=image)] if image else []
    if kind and kind not in EMBED_TYPES:
        return [placeholder("other", kind)]
    # A known embed rendered without an island (an iframe and its caption).
    frame = figure.css_first("iframe")
    caption = figure.css_first("figcaption")
    title = inline_text(caption) if caption is not None else ""
    if not title and frame is not None:
        title = clean_line(frame.attributes.get("title") or "")
    url = clean_url(frame.attributes.get("src")) if frame is not None else None
    return [placeholder(EMBED_TYPES.get(kind, "other"), title or kind or "embed", url)]


#: Containers that may be an ad slot.
_AD_CONTAINERS = frozenset({"div", "aside", "section"})
#: Every tag :func:`_override` may take over: the html walker calls it for these only.
OVERRIDDEN_TAGS = frozenset({"figure", "gu-island", *CHROME_TAGS, *_AD_CONTAINERS})


def _override(node: LexborNode) -> list[Block] | None:
    """Take over Guardian figures, islands, ads and chrome from the html walker (else None)."""
    tag = node.tag
    if tag == "figure":
        return _figure_blocks(node)
    if tag == "gu-island":
        return _island_blocks(node)
    if tag in CHROME_TAGS:
        return []
    if tag in _AD_CONTAINERS and is_ad(node):
        return []
    return None


def _blocks(node: LexborNode) -> list[Block]:
    """Read the children of *node* with the html walker, Guardian elements taken over."""
    return blocks_from_node(node, _override, override_tags=OVERRIDDEN_TAGS)


def article_blocks(article: LexborNode) -> list[Block]:
    """Read the body of a rendered ``article.block``: all but its header and footer."""
    return _blocks(article)
