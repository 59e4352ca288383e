"""An entry's rendered HTML to body blocks: WordPress captions, oEmbeds and the plugin's markers.

An entry's ``render`` (and its body in the page) is WordPress content after
``the_content``/``comment_text`` filters: paragraphs, lists and quotes, which
the shared walker (:mod:`liveread.sources._html`) reads, and what WordPress
adds around them, which this module takes over:

- images: ``figure.wp-caption``/``div.wp-caption`` (the ``[caption]``
  shortcode) and ``figure.wp-block-image`` with their ``figcaption`` /
  ``.wp-caption-text`` caption and a ``span.media-credit`` credit; a bare
  ``<img>`` (the plugin's image embed handler writes one for a pasted image
  URL), also inside a ``<p>`` or a link, captioned by its ``alt``;
- oEmbeds: ``blockquote.twitter-tweet``; video ``iframe`` s (a YouTube
  ``/embed/<id>`` becomes its ``watch?v=<id>`` link); WordPress's own post
  embed ``blockquote.wp-embedded-content`` (a link, its iframe twin dropped);
  other iframes as "interactive"; a block-editor ``figure.wp-block-embed``
  is read through;
- the ``/key`` command's hidden ``span.liveblog-command``, dropped.

Every string goes through the walker's sanitizing helpers; links must be
http(s) (:func:`liveread.urls.is_safe_link`).
"""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

from selectolax.lexbor import LexborNode

from liveread.model import Block, Image
from liveread.sanitize import clean_inline
from liveread.sources import _html as walker
from liveread.sources.wpliveblog._format import (
    CAPTION,
    CAPTION_CLASSES,
    COMMAND,
    CREDIT,
    EMBED_LINK_CLASS,
    EMOJI_CLASSES,
    TWEET_CLASSES,
    VIDEO_HOSTS,
)
from liveread.urls import is_safe_link

__all__ = ["blocks_from_html", "blocks_from_node"]

#: The elements this module may take over from the walker (it is asked about no others).
_TAGS = frozenset({"figure", "div", "p", "a", "img", "blockquote", "iframe"})
_YOUTUBE_ID = re.compile(r"/embed/([A-Za-z0-9_-]{6,})")
_VIMEO_ID = re.compile(r"/video/(\d+)")


def _classes(node: LexborNode) -> set[str]:
    return set((node.attributes.get("class") or "").split())


def _link(value: str | None, page: str) -> str | None:
    """An absolute, safe http(s) URL from an attribute value, or None."""
    text = clean_inline(value or "")
    if not text:
        return None
    url = urljoin(page, text)
    return url if is_safe_link(url) else None


def _image_url(img: LexborNode, page: str) -> str | None:
    """The picture's URL: ``src``, else a lazy loader's ``data-src``."""
    attrs = img.attributes
    return _link(attrs.get("src"), page) or _link(attrs.get("data-src"), page)


def _is_photo(img: LexborNode) -> bool:
    return not (_classes(img) & EMOJI_CLASSES)


def _photo(img: LexborNode, page: str, caption: str = "", credit: str = "") -> Block:
    alt = clean_inline(img.attributes.get("alt") or "")
    return Block("image", image=Image(caption or alt, credit, _image_url(img, page)))


def _captioned(node: LexborNode, page: str) -> list[Block]:
    """A captioned image: its caption without the credit, and the credit apart."""
    img = next((i for i in node.css("img") if _is_photo(i)), None)
    if img is None:
        return [Block("paragraph", text=t)] if (t := walker.inline_text(node)) else []
    credit_node = node.css_first(CREDIT)
    credit = walker.inline_text(credit_node) if credit_node is not None else ""
    if credit_node is not None:
        credit_node.decompose()  # read once: it is not part of the caption
    caption_node = node.css_first(CAPTION)
    caption = walker.inline_text(caption_node) if caption_node is not None else ""
    return [_photo(img, page, caption, credit)]


def _tweet(node: LexborNode, page: str) -> list[Block]:
    """Twitter's oEmbed: the tweet's paragraphs, and its status link (the last one)."""
    text = "\n".join(t for t in (walker.inline_text(p) for p in node.css("p")) if t)
    links = [a.attributes.get("href") for a in node.css("a[href]")]
    status = [u for u in (_link(h, page) for h in links) if u and "/status/" in u]
    url = status[-1] if status else None
    return [Block("embed", text=text or walker.inline_text(node), embed="tweet", url=url)]


def _post_embed(node: LexborNode, page: str) -> list[Block]:
    """WordPress's post embed: a link to another post, titled."""
    anchor = node.css_first("a[href]")
    if anchor is None:
        return []
    title = walker.inline_text(anchor) or None
    url = _link(anchor.attributes.get("href"), page)
    return [Block("embed", embed="link", title=title, url=url)]


def _iframe(node: LexborNode, page: str) -> list[Block]:
    """A video iframe (its watch link), WordPress's embed twin (dropped), or an interactive."""
    if EMBED_LINK_CLASS in _classes(node):
        return []  # the blockquote beside it carries the link
    src = _link(node.attributes.get("src") or node.attributes.get("data-src"), page)
    if src is None:
        return []
    title = clean_inline(node.attributes.get("title") or "") or None
    host = (urlsplit(src).hostname or "").lower()
    if not host.endswith(VIDEO_HOSTS):
        return [Block("embed", embed="interactive", title=title, url=src)]
    youtube = _YOUTUBE_ID.search(src) if "youtube" in host else None
    vimeo = _VIMEO_ID.search(src) if host.endswith("vimeo.com") else None
    if youtube:
        src = f"https://www.youtube.com/watch?v={youtube.group(1)}"
    elif vimeo:
        src = f"https://vimeo.com/{vimeo.group(1)}"
    return [Block("embed", embed="video", title=title, url=src)]


def _override(page: str) -> walker.Override:
    """The walker's hook: the elements WordPress and the plugin add, read here."""

    def override(node: LexborNode) -> list[Block] | None:
        tag = node.tag
        if tag == "img":
            return [_photo(node, page)] if _is_photo(node) else []
        if tag == "iframe":
            return _iframe(node, page)
        classes = _classes(node)
        if tag == "blockquote":
            if classes & TWEET_CLASSES:
                return _tweet(node, page)
            if EMBED_LINK_CLASS in classes:
                return _post_embed(node, page)
            return None
        if classes & CAPTION_CLASSES:
            return _captioned(node, page)
        if tag == "figure":
            photos = [img for img in node.css("img") if _is_photo(img)]
            if len(photos) > 1 or node.css_first("iframe, blockquote") is not None:
                # An embed's wrapper or a gallery of captioned images: read through it.
                return walker.blocks_from_node(node, override, override_tags=_TAGS)
            return _captioned(node, page) if photos else None
        if tag in ("p", "a") and node.css_first("img, iframe") is not None:
            # WordPress wraps pasted images (and their links) in paragraphs:
            # walk them, so the image is a block and the text around it paragraphs.
            return walker.blocks_from_node(node, override, override_tags=_TAGS)
        return None

    return override


def blocks_from_node(node: LexborNode, page: str) -> tuple[Block, ...]:
    """The body blocks of an entry's content element (its children), relative links on *page*.

    The ``/key`` command's hidden markers are removed from *node* first.
    """
    for marker in node.css(COMMAND):
        marker.decompose()
    return tuple(walker.blocks_from_node(node, _override(page), override_tags=_TAGS))


def blocks_from_html(html: str, page: str) -> tuple[Block, ...]:
    """The body blocks of an entry's rendered HTML (``render``)."""
    if not html.strip():
        return ()
    return blocks_from_node(walker.parse_fragment(html), page)
