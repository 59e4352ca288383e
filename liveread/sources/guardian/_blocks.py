"""Guardian page elements (JSON) to body blocks, and the pieces both page shapes share.

An entry's body is a list of typed elements (``model.dotcomrendering.
pageElements.<Type>``). The data model and the key-events carousel carry them
as JSON, read here; the rendered page carries them as markup, read in
:mod:`liveread.sources.guardian._markup` with the image, tweet and URL helpers
below, so that one element gives the same blocks by either route (an entry
read from the feed and from a carousel then has the same content hash).

Embedded content (tweets, videos, links) always becomes one ``embed`` block:
its text never leaks into the entry's own paragraphs. An element type this
module does not know becomes a placeholder embed naming the type.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urljoin

from selectolax.lexbor import LexborNode

from liveread.model import Block, Image
from liveread.sanitize import clean
from liveread.sources._html import (
    blocks_from_html,
    blocks_from_node,
    children,
    clean_line,
    html_to_text,
    inline_text,
    parse_fragment,
)

__all__ = [
    "EMBED_TYPES",
    "as_dict",
    "best_image_url",
    "blocks_from_element",
    "blocks_from_elements",
    "clean_url",
    "image_from_element",
    "image_from_figure",
    "original_image_url",
    "placeholder",
    "short_type",
    "tweet_block",
    "youtube_block",
]

#: Elements whose ``html`` is ordinary body text.
TEXT_TYPES = frozenset(
    {
        "TextBlockElement",
        "SubheadingBlockElement",
        "NumberedTitleBlockElement",
        "HighlightBlockElement",
        "CodeBlockElement",
        "TableBlockElement",
        "ItemLinkBlockElement",
    }
)
#: Elements that are a quotation as a whole.
QUOTE_TYPES = frozenset({"BlockquoteBlockElement", "BlockquoteElement", "PullquoteBlockElement"})
#: Elements that are a picture.
IMAGE_TYPES = frozenset({"ImageBlockElement", "CartoonBlockElement"})
#: Elements that carry nothing to read (layout, ads, sign-up asks).
DROPPED_TYPES = frozenset(
    {
        "AdPlaceholderBlockElement",
        "DividerBlockElement",
        "StarRatingBlockElement",
        "NewsletterSignupBlockElement",
        "DisclaimerBlockElement",
    }
)
#: Embedded element types and the embed kind each is shown as.
EMBED_TYPES: dict[str, str] = {
    "TweetBlockElement": "tweet",
    "YoutubeBlockElement": "video",
    "VideoYoutubeBlockElement": "video",
    "VideoVimeoBlockElement": "video",
    "VideoFacebookBlockElement": "video",
    "VideoBlockElement": "video",
    "GuVideoBlockElement": "video",
    "MediaAtomBlockElement": "video",
    "VineBlockElement": "video",
    "RichLinkBlockElement": "link",
    "LinkBlockElement": "link",
    "AudioAtomBlockElement": "audio",
    "AudioBlockElement": "audio",
    "SoundcloudBlockElement": "audio",
    "SpotifyBlockElement": "audio",
    "InteractiveBlockElement": "interactive",
    "InteractiveAtomBlockElement": "interactive",
    "ChartAtomBlockElement": "interactive",
    "MapBlockElement": "interactive",
    "DocumentBlockElement": "interactive",
    "TimelineAtomBlockElement": "interactive",
    "InstagramBlockElement": "other",
    "EmbedBlockElement": "other",
    "CalloutBlockElement": "other",
    "CalloutBlockElementV2": "other",
    "GuideAtomBlockElement": "other",
    "QABlockElement": "other",
    "ProfileAtomBlockElement": "other",
    "ExplainerAtomBlockElement": "other",
}
#: Embeds that are the Guardian's own explainers: their ``html`` is text to read.
ATOM_TYPES = frozenset(
    {
        "GuideAtomBlockElement",
        "QABlockElement",
        "ProfileAtomBlockElement",
        "ExplainerAtomBlockElement",
    }
)
#: Keys an embed element may name its link and its title by, best first.
URL_KEYS = ("url", "originalUrl", "sourceUrl", "embedUrl", "trackUrl")
TITLE_KEYS = ("caption", "mediaTitle", "title", "headline", "text", "alt", "label")
#: The resizing CDN's URL form; the path after ``/img/media`` is the original's.
_RESIZED = re.compile(r"^https?://i\.guim\.co\.uk/img/media(/[^?#]+)")
_ORIGINALS = "https://media.guim.co.uk"
_YOUTUBE = "https://www.youtube.com/watch?v="
_YOUTUBE_ID = re.compile(r"[\w-]{1,64}")
_STATUS_LINK = re.compile(r"/status(?:es)?/\d+")
_WHITESPACE = re.compile(r"\s+")
_ATTRIBUTION_DASHES = "—–- "


def as_dict(value: object) -> dict[str, Any]:
    """*value* when it is a JSON object, else an empty one (the data model is not trusted)."""
    return value if isinstance(value, dict) else {}


def short_type(value: object) -> str:
    """Return an element type without its namespace (``TweetBlockElement``), or "".

    The result is sanitized: an unknown type's name is shown as a placeholder title.
    """
    return clean_line(value.rsplit(".", 1)[-1]) if isinstance(value, str) else ""


def clean_url(value: object, base: str | None = None) -> str | None:
    """Clean a URL from page data: drop controls and whitespace, resolve it against *base*.

    Brackets and other markup-like characters are kept: a URL is data, and the
    UI checks every link with :func:`liveread.urls.is_safe_link` before use.
    """
    if not isinstance(value, str):
        return None
    if value.isascii() and value.isprintable():  # no controls: only spaces to drop
        text = value.replace(" ", "")
    else:
        text = _WHITESPACE.sub("", clean(value))
    if not text:
        return None
    return urljoin(base, text) if base else text


def _text(value: object) -> str:
    """Return the one-line plain text of a JSON field that may hold HTML (or be absent)."""
    return html_to_text(value) if isinstance(value, str) else ""


def _joined(blocks: list[Block]) -> str:
    """Join the plain text of *blocks*, one block a line (the text of a quote or an atom)."""
    return "\n".join(text for text in (b.as_text() for b in blocks if b.kind != "image") if text)


def placeholder(kind: str, title: str | None, url: str | None = None, text: str = "") -> Block:
    """Make an embed block of *kind*; *title* names what it is when nothing better is known."""
    return Block("embed", text=text, embed=kind, title=title or None, url=url)


# --- images ---------------------------------------------------------------------------


def best_image_url(images: object) -> str | None:
    """Pick the largest non-master image of a Grid asset list, else its master, else None.

    The master is the untouched upload; the largest crop rendition is the same
    picture at display quality, so it is preferred.
    """
    if not isinstance(images, list):
        return None
    best: tuple[int, str] | None = None
    master: str | None = None
    for image in images:
        if not isinstance(image, dict) or not isinstance(image.get("url"), str):
            continue
        fields = as_dict(image.get("fields"))
        if str(fields.get("isMaster", "")).lower() == "true":
            master = master or image["url"]
            continue
        try:
            width = int(fields.get("width") or 0)
        except (TypeError, ValueError):
            width = 0
        if best is None or width > best[0]:
            best = (width, image["url"])
    return clean_url(best[1] if best else master)


_WIDTH_PARAM = re.compile(r"(?:^|&)width=[^&#]")
_SIGNATURE_PARAM = re.compile(r"(?:^|&)s=[^&#]")


def original_image_url(src: str | None) -> str | None:
    """Map a resized-CDN image URL to the largest rendition the data model names.

    ``i.guim.co.uk/img/media/<asset>/<crop>/master/<w>.jpg?width=…`` is a
    resize of ``media.guim.co.uk/<asset>/<crop>/master/<w>.jpg``, whose
    largest non-master rendition is ``…/<crop>/<w>.jpg``. Elsewhere a signed
    resizer query (``width=…&s=…``) is dropped; other URLs are kept.
    """
    url = clean_url(src)
    if url is None:
        return None
    match = _RESIZED.match(url)
    if match is None:
        # A resizer's signed rendition on another host (``…jpg?width=620&…&s=<sig>``,
        # as a copy of the page served elsewhere has): the image is the URL without it.
        base, mark, query = url.partition("?")
        if mark and _WIDTH_PARAM.search(query) and _SIGNATURE_PARAM.search(query):
            return base
        return url
    return _ORIGINALS + match.group(1).replace("/master/", "/", 1)


def image_from_element(element: dict[str, Any]) -> Image | None:
    """Read an ``ImageBlockElement`` (JSON) as an Image; the credit only when it is displayed."""
    data = as_dict(element.get("data"))
    caption = _text(data.get("caption")) or clean_line(str(data.get("alt") or ""))
    credit = ""
    # The renderer shows the credit unless displayCredit is explicitly false.
    if element.get("displayCredit", True) is not False:
        credit = clean_line(str(data.get("credit") or ""))
    media = as_dict(element.get("media"))
    url = best_image_url(media.get("allImages"))
    if not (caption or credit or url):
        return None
    return Image(caption, credit, url)


def _holds_icon(span: LexborNode) -> bool:
    """True for the figcaption's camera-icon span (an svg inside it, not caption text).

    The icon's svg is the span's direct child; a plain scan of the children is
    several times cheaper than a CSS query per span.
    """
    return any(child.tag == "svg" for child in children(span))


def image_from_figure(figure: LexborNode) -> Image | None:
    """Read a rendered image figure as an Image: ``picture > img`` and its ``figcaption``.

    The figcaption holds a camera icon (a span around an svg), the caption in
    a span (it may carry links), then the credit as bare text. Main media
    render the figcaption twice (overlay and below): the first is read.
    """
    img = figure.css_first("img")
    caption = ""
    credit: list[str] = []
    figcaption = figure.css_first("figcaption")
    if figcaption is not None:
        for part in children(figcaption):
            if part.tag == "-text":
                credit.append(part.text_content or "")
            elif part.tag == "span" and not caption and not _holds_icon(part):
                caption = inline_text(part)
    alt = clean_line(img.attributes.get("alt") or "") if img is not None else ""
    url = original_image_url(img.attributes.get("src")) if img is not None else None
    image = Image(caption or alt, clean_line("".join(credit)), url)
    return image if (image.caption or image.credit or image.url) else None


# --- tweets and videos ----------------------------------------------------------------


def tweet_block(quote: LexborNode, url: str | None = None) -> Block:
    """Read a tweet's ``blockquote`` as one embed: paragraphs as text, author as title.

    The markup is ``<p>tweet</p>&mdash; Name (@handle) <a>date</a>``: the
    dash-led attribution becomes the title, the date link gives the tweet's
    URL (without its tracking query) when *url* is not known.
    """
    lines: list[str] = []
    attribution: list[str] = []
    link = url
    for part in children(quote):
        tag = part.tag
        if tag == "p":
            lines.extend(b.as_text() for b in blocks_from_node(part))
        elif tag == "-text":
            attribution.append(part.text_content or "")
        elif tag == "a":
            href = part.attributes.get("href") or ""
            if link is None and _STATUS_LINK.search(href):
                link = href.split("?", 1)[0]
        elif tag not in ("script", "style", "-comment"):
            attribution.append(inline_text(part))
    title = clean_line("".join(attribution)).lstrip(_ATTRIBUTION_DASHES)
    text = "\n".join(line for line in lines if line)
    if not text and not title:
        text = inline_text(quote)
    return placeholder("tweet", title, clean_url(link), text)


def _tweet_from_html(html: object, url: str | None) -> Block:
    """Read a ``TweetBlockElement``'s html (a blockquote) as a tweet embed."""
    fragment = parse_fragment(html) if isinstance(html, str) and html.strip() else None
    quote = fragment.css_first("blockquote") if fragment is not None else None
    if quote is None:
        return placeholder("tweet", None, url, _text(html))
    return tweet_block(quote, url)


def youtube_block(props: dict[str, Any]) -> Block:
    """Read a YouTube element, or its island's props, as a video embed.

    The page titles it ``caption ?? mediaTitle``; the link is the watch page.
    """
    asset = props.get("assetId")
    url = _YOUTUBE + asset if isinstance(asset, str) and _YOUTUBE_ID.fullmatch(asset) else None
    title = _text(props.get("caption")) or _text(props.get("mediaTitle"))
    return placeholder("video", title, url)


# --- JSON elements ----------------------------------------------------------------------


def element_url(element: dict[str, Any]) -> str | None:
    """Return the most useful link an embed element (or island props) carries."""
    for key in URL_KEYS:
        url = clean_url(element.get(key))
        if url:
            return url
    return None


def element_title(element: dict[str, Any]) -> str:
    """Return the best human title an embed element (or island props) carries."""
    for key in TITLE_KEYS:
        title = _text(element.get(key))
        if title:
            return title
    return ""


def blocks_from_element(element: object) -> list[Block]:
    """Read one JSON page element as body blocks (an unknown type becomes a placeholder)."""
    if not isinstance(element, dict):
        return []
    kind = short_type(element.get("_type"))
    if kind in TEXT_TYPES:
        return blocks_from_html(str(element.get("html") or ""))
    if kind in QUOTE_TYPES:
        inner = blocks_from_html(str(element.get("html") or ""))
        if all(b.kind == "quote" for b in inner):
            return inner
        text = _joined(inner)
        return [Block("quote", text=text)] if text else []
    if kind in IMAGE_TYPES:
        image = image_from_element(element)
        return [Block("image", image=image)] if image else []
    if kind in DROPPED_TYPES:
        return []
    if kind == "CaptionBlockElement":
        text = _text(element.get("captionText"))
        return [Block("paragraph", text=text)] if text else []
    if kind == "TweetBlockElement":
        return [_tweet_from_html(element.get("html"), clean_url(element.get("url")))]
    if kind == "YoutubeBlockElement":
        return [youtube_block(element)]
    if kind == "RichLinkBlockElement":
        return [placeholder("link", _text(element.get("text")), clean_url(element.get("url")))]
    if kind in EMBED_TYPES:
        text = ""
        body = element.get("html") or element.get("body")
        # Only the Guardian's own atoms carry text to read; other html is third-party markup.
        if kind in ATOM_TYPES and isinstance(body, str) and body.strip():
            text = _joined(blocks_from_html(body))
        title = element_title(element) or kind
        return [placeholder(EMBED_TYPES[kind], title, element_url(element), text)]
    return [placeholder("other", kind or "unknown element", element_url(element))]


def blocks_from_elements(elements: object) -> list[Block]:
    """Read a block's ``elements`` list as body blocks, in order."""
    out: list[Block] = []
    if isinstance(elements, list):
        for element in elements:
            out.extend(blocks_from_element(element))
    return out
