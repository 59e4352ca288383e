"""Reading one rendered entry element: what it shows, with a publisher's :class:`Profile`.

Its key-event marker, its writers, its photos with caption and credit apart,
its embeds, its body in place (when the profile trusts it) and its own time
attributes.

A photo's caption is where publishers put it: the ``figcaption`` of its
figure, or a caption element right after the picture (or after what wraps
it): a ``figcaption``, an element marked ``itemprop="caption"``, or one whose
class names a caption (``span.newsCaption``). Inside it, the credit is the
profile's credit element (``[itemprop="copyrightHolder"]``, ``.credit``...)
or, failing that, a nested element that is wholly in brackets ("(Image:
Agency)"); the caption is its ``[itemprop="caption"]`` or the rest of its
text. The picture's ``alt`` text is the last resort, and never when it is
only a file-like name ("IMG_0412.jpg", "GettyImages-1234567").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import datetime
from urllib.parse import quote

from selectolax.lexbor import LexborHTMLParser, LexborNode

from liveread.model import Block, Image
from liveread.sanitize import clean_inline
from liveread.sources import _html as htmlwalk
from liveread.sources._helpers import absolute
from liveread.sources.rendered._dom import (
    FIGCAPTION,
    HEADING_TAGS,
    IMAGES,
    INLINE,
    ancestors,
    element_time,
    fold,
    matches,
    text_without,
    within,
)
from liveread.sources.rendered._profile import EDIT_TIME_ATTRS, POST_TIME_ATTRS, Profile

__all__ = ["Rendered", "credit_text", "key_event_ids", "read", "tweet"]

#: Declared sizes at or under this many pixels are icons and avatars, not photos.
_ICON_PIXELS = 64
#: What a tweet's relative link is relative to.
_TWEETS = "https://twitter.com/"
_LABEL_COLON = re.compile(r"^([A-Za-z][A-Za-z ]{0,20}):(?=\S)")
#: "By " before a writer's name is the byline's wording, not the name.
_BY = re.compile(r"^by\s+", re.I)
#: A credit as some publishers nest it in the caption: the whole text in brackets.
_BRACKETED = re.compile(r"[(\[][^()\[\]]+[)\]]")


@dataclass(frozen=True)
class Rendered:
    """What one rendered entry shows.

    Attributes:
        element_id: The element's ``id``, or "".
        key_event: The profile's key-event marker is on it.
        authors: The writers it names (labels left out).
        images: Its photos, in order, caption and credit apart.
        embeds: Its embedded widgets, in order.
        body: Its body as blocks (photos and embeds in place), when the
            profile trusts its rendered text; else None.
        published: Its own publication-time attribute, or None.
        updated: Its own edit-time attribute, or None.

    """

    element_id: str = ""
    key_event: bool = False
    authors: tuple[str, ...] = ()
    images: tuple[Image, ...] = ()
    embeds: tuple[Block, ...] = ()
    body: tuple[Block, ...] | None = None
    published: datetime | None = None
    updated: datetime | None = None


def credit_text(raw: str) -> str:
    """A credit as sites write it, without the brackets some wrap it in: ``Image: Agency``."""
    text = " ".join(clean_inline(raw).split())
    while len(text) > 1 and text[0] in "([" and text[-1] in ")]":
        text = text[1:-1].strip()
    return _LABEL_COLON.sub(r"\1: ", text)


def _is_caption(node: LexborNode) -> bool:
    """True for an element that captions a photo: figcaption, itemprop caption, a caption class."""
    if not node.is_element_node or node.css_first(IMAGES) is not None:
        return False
    if node.tag == FIGCAPTION or (node.attributes.get("itemprop") or "").strip() == "caption":
        return True
    return "caption" in (node.attributes.get("class") or "").lower()


def _caption_node(image: LexborNode, entry: LexborNode) -> LexborNode | None:
    """The caption that belongs to *image*: its figure's, or the element right after it.

    "After it": after the picture, or after what wraps it (a ``picture``, a
    link, a wrapper ``div``), up to four levels, never past the entry.
    """
    current = image
    for _ in range(4):
        if current.mem_id == entry.mem_id:
            return None
        if current.tag == "figure":
            found = current.css_first(FIGCAPTION) or current.css_first('[itemprop="caption"]')
            if found is not None:
                return found
        sibling = current.next
        while sibling is not None and not sibling.is_element_node:
            sibling = sibling.next
        if sibling is not None and _is_caption(sibling):
            return sibling
        if current.parent is None:
            return None
        current = current.parent
    return None


def _bracketed_credit(caption: LexborNode) -> LexborNode | None:
    """The last element inside *caption* whose whole text is in brackets: "(Image: Agency)"."""
    found = None
    for node in caption.css("*"):
        if _BRACKETED.fullmatch(htmlwalk.inline_text(node)):
            found = node
    return found


def _image_url(node: LexborNode, base: str) -> str | None:
    attrs = node.attributes
    for name in ("src", "data-src", "data-lazy-src"):
        value = attrs.get(name)
        if value and not value.startswith("data:"):
            resolved = absolute(value, base)
            if resolved:
                return resolved
    srcset = attrs.get("srcset") or ""
    first = srcset.split(",")[0].split()
    return absolute(first[0], base) if first else None


def _is_icon(node: LexborNode) -> bool:
    for name in ("width", "height"):
        value = (node.attributes.get(name) or "").strip()
        if value.isdigit() and int(value) <= _ICON_PIXELS:
            return True
    return False


class _Reader:
    """Reads one entry element with a profile (the state of one read)."""

    def __init__(self, node: LexborNode, profile: Profile, base: str, title: str | None) -> None:
        self.node = node
        self.profile = profile
        self.base = base
        self.title = fold(title)
        self.byline_nodes = node.css(profile.byline) if profile.byline else []
        self.skip_ids = {n.mem_id for n in node.css(profile.skip)} if profile.skip else set()
        self.skip_ids.discard(node.mem_id)
        self.byline_ids = {n.mem_id for n in self.byline_nodes} - {node.mem_id}
        self.captions: set[int] = set()
        self.title_dropped = False

    # photos

    def image(self, img: LexborNode) -> Image | None:
        """One photo: its URL, and caption and credit apart from its caption element."""
        if _is_icon(img) or within(img, self.byline_ids):
            return None
        url = _image_url(img, self.base)
        caption = credit = ""
        holder = _caption_node(img, self.node)
        if holder is not None:
            self.captions.add(holder.mem_id)
            credit_node = holder.css_first(self.profile.credit) if self.profile.credit else None
            credit_node = credit_node or _bracketed_credit(holder)
            credit = credit_text(htmlwalk.inline_text(credit_node)) if credit_node else ""
            skip = {credit_node.mem_id} if credit_node is not None else set()
            marked = holder.css_first(self.profile.caption or '[itemprop="caption"]')
            if marked is not None and marked.mem_id not in skip | {holder.mem_id}:
                caption = htmlwalk.inline_text(marked)
            else:  # the caption element's own text, the credit aside
                caption = text_without(holder, skip)
        if url is None and holder is None:
            return None  # nothing a reader could load, nothing said of it (a "blob:" draft)
        caption = caption or htmlwalk.alt_caption(img.attributes.get("alt"))
        if not (url or caption or credit):
            return None
        return Image(caption, credit, url)

    def images(self, scope: LexborNode) -> list[Image]:
        """Every photo under *scope*, in order, each once (no icons, avatars or chrome)."""
        found: list[Image] = []
        for img in scope.css(IMAGES):
            if img.tag == "img" and any(a.tag in ("amp-img", "noscript") for a in ancestors(img)):
                continue  # the fallback inside an amp-img is the same picture
            if within(img, self.skip_ids):
                continue
            image = self.image(img)
            if image is not None and image not in found:
                found.append(image)
        return found

    # embeds

    def embed(self, node: LexborNode) -> Block | None:
        """*node* as an embed block when it is one of the profile's widgets, else None."""
        for kind in self.profile.embeds:
            if not matches(node, kind.selector):
                continue
            raw = clean_inline(node.attributes.get(kind.url_attr) or "") if kind.url_attr else ""
            if raw and kind.url_template:
                raw = kind.url_template.format(quote(raw, safe=""))
            url = absolute(raw, self.base) if raw else None
            quoted = node if node.tag == "blockquote" else node.css_first("blockquote")
            if kind.kind == "tweet" and quoted is not None:
                found = tweet(quoted)  # (an AMP widget's placeholder is the tweet itself)
                return replace(found, url=found.url or url)
            text = htmlwalk.inline_text(quoted) if quoted is not None else ""
            return Block("embed", text=text, embed=kind.kind, url=url)
        return None

    def embeds(self, scope: LexborNode) -> list[Block]:
        """Every embedded widget under *scope*, in order (a nested one is read with its outer)."""
        if not self.profile.embeds:
            return []
        found: list[Block] = []
        seen: set[int] = set()
        for node in scope.css(self.profile.embed_selector):
            if within(node, seen | self.skip_ids):
                continue  # inside a widget already read (or page chrome)
            block = self.embed(node)
            if block is not None:
                found.append(block)
                seen.add(node.mem_id)
        return found

    # the body, in place

    def override(self, node: LexborNode) -> list[Block] | None:
        """Take over the elements the shared walker cannot read: media, embeds, chrome."""
        if node.mem_id in self.skip_ids or node.mem_id in self.byline_ids:
            return []
        if node.mem_id in self.captions or node.tag == FIGCAPTION:
            return []
        if node.tag in INLINE and self._holds_skipped(node):
            # The walker reads an inline element's text whole: leave its chrome out here
            # (a permalink around a timestamp is nothing to read).
            text = text_without(node, self.skip_ids | self.byline_ids)
            return [Block("paragraph", text=text)] if text else []
        embed = self.embed(node) if self.profile.embeds else None
        if embed is not None:
            return [embed]
        if node.tag in ("img", "amp-img", "picture"):
            return [Block("image", image=i) for i in self.images(node)]
        if node.tag == "figure" or self._media_only(node):
            blocks = [Block("image", image=i) for i in self.images(node)] + self.embeds(node)
            if blocks:
                return blocks
            text = htmlwalk.inline_text(node)
            return [Block("paragraph", text=text)] if text else []
        heading = node.tag in HEADING_TAGS and not self.title_dropped and bool(self.title)
        if heading and fold(htmlwalk.inline_text(node)) == self.title:
            self.title_dropped = True  # the headline is the entry's title, not its body
            return []
        return None

    def _media_only(self, node: LexborNode) -> bool:
        """A wrapper around a photo and its caption (and nothing else to read)."""
        if node.css_first(IMAGES) is None:
            return False
        captions = {c.mem_id for c in node.css(FIGCAPTION)}
        captions |= {c.mem_id for c in node.css("*") if c.mem_id in self.captions}
        return bool(captions) and not text_without(node, captions)

    def _holds_skipped(self, node: LexborNode) -> bool:
        hidden = self.skip_ids | self.byline_ids
        if not hidden:
            return False
        selector = ", ".join(s for s in (self.profile.skip, self.profile.byline) if s)
        return any(m.mem_id in hidden for m in node.css(selector))

    def body(self, container: LexborNode) -> tuple[Block, ...]:
        """*container*'s content as body blocks, media and embeds in place, chrome left out."""
        return tuple(htmlwalk.blocks_from_node(container, self.override))

    def authors(self) -> tuple[str, ...]:
        """The writers the entry names, labels and "By " left out."""
        names: list[str] = []
        for node in self.byline_nodes:
            if any(a.mem_id in self.byline_ids for a in ancestors(node)):
                continue  # inside another byline element: read with it
            name = _BY.sub("", htmlwalk.inline_text(node))
            if name and name.casefold() not in self.profile.not_names and name not in names:
                names.append(name)
        return tuple(names)


def tweet(node: LexborNode) -> Block:
    """Read a tweet's standard ``blockquote.twitter-tweet``: its words, author and link.

    The markup is ``<p>tweet</p>&mdash; Name (@handle) <a href=…/status/…>date</a>``:
    the dash-led attribution is the title, the status link (without its
    tracking query) the URL.
    """
    lines = [htmlwalk.inline_text(p) for p in node.css("p")]
    link: str | None = None
    for anchor in node.css("a[href]"):
        href = anchor.attributes.get("href") or ""
        if "/status/" in href:
            link = href.split("?", 1)[0]
    attribution: list[str] = []
    for part in node.iter(include_text=True):
        if part.tag == "-text":
            attribution.append(part.text_content or "")
    title = clean_inline("".join(attribution)).lstrip("\u2014-– ").strip() or None
    text = "\n".join(line for line in lines if line) or htmlwalk.inline_text(node)
    url = absolute(link, _TWEETS) if link else None
    return Block("embed", text=text, embed="tweet", title=title, url=url)


def read(
    node: LexborNode,
    profile: Profile,
    base: str,
    *,
    title: str | None = None,
    body_node: LexborNode | None = None,
) -> Rendered:
    """Read what one rendered entry element shows.

    Args:
        node: The entry's element.
        profile: What the publisher marks, and how.
        base: The page URL (image and embed links resolve against it).
        title: The entry's headline, when known: the heading that repeats it
            is left out of the body.
        body_node: Read this element's content as the body, whatever the
            profile says (an AMP list item is its own body).

    """
    reader = _Reader(node, profile, base, title)
    container = body_node
    if container is None and profile.body:
        container = node.css_first(profile.body)
    scope = container if container is not None else node
    images = tuple(reader.images(scope))
    embeds = tuple(reader.embeds(scope))
    body = reader.body(container) if container is not None else None
    return Rendered(
        element_id=clean_inline(node.attributes.get("id") or ""),
        key_event=matches(node, profile.key_event),
        authors=reader.authors(),
        images=images,
        embeds=embeds,
        body=body,
        published=element_time(node, POST_TIME_ATTRS),
        updated=element_time(node, EDIT_TIME_ATTRS),
    )


def key_event_ids(tree: LexborHTMLParser, profile: Profile) -> frozenset[str]:
    """The entry ids the page's key-events list names (the profile's links), if any.

    With ``href`` as the naming attribute, a link names the element its
    fragment points at (``/blog?#post-12`` names ``post-12``); a link with no
    fragment names nothing. Callers match the ids against their entries.
    """
    if not profile.key_event_links:
        return frozenset()
    fragment_of = profile.key_event_attr == "href"
    found = set()
    for node in tree.css(profile.key_event_links):
        value = node.attributes.get(profile.key_event_attr) or ""
        if fragment_of:
            value = value.partition("#")[2]
        value = clean_inline(value).lstrip("#")
        if value:
            found.add(value)
    return frozenset(found)
