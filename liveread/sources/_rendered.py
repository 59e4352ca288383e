"""Rendered entries enrich structured data: find each update's element on the page, read it.

Structured data (schema.org JSON-LD or microdata) says what an update is,
but not everything a reader sees: key events, the entry's own photos with
caption and credit, its writer, its embeds are usually only in the rendered
entry. This module finds, for each structured update, the element the page
renders it as, and reads from that element what the structured data lacks or
gets wrong.

**Matching rests on general signals**, shared by many publishers, never on one
site's class names (liveread meets pages of publishers it has never seen):

- an element whose ``id`` is the update URL's fragment (``…#751105``);
- an element carrying a per-entry time attribute (:data:`POST_TIME_ATTRS`,
  epoch milliseconds or seconds, or ISO 8601) equal to the update's
  publication time, to the second;
- inside an entry, a ``<time datetime>`` equal to it, or a heading equal to
  the update's headline: the entry is then the largest ancestor of that
  signal holding no other update's signal (entries of a list are siblings).

A signal that fits several updates, or an element that several updates claim,
matches none of them: a wrong match is worse than none.

**What is taken from a matched element** is described by a :class:`Profile`:
data, not code, so the site-specific part of a publisher family (its
key-event marker, its caption and credit markup, where its writer's name
sits) lives beside that family's source. :data:`DEFAULT` is what an unknown
publisher gets: figcaption text as the caption, common credit classes, common
byline markup, the usual embed widgets, and its rendered text is not trusted
as the body (the structured text is kept; photos and embeds are added).

**Placeholders are not content.** Structured data often repeats the page's
own picture and its author list on every update. The page's own picture
(its main image, ``og:image``) and an image on every update are nobody's
photo; a rendered entry's photos are its photos (one that shows none keeps
only the structured data's own, which a page may load by script); authors
shared by every update are dropped where the rendered entries show that the
site names a writer per entry and this entry names none.

An update with no rendered element keeps what the structured data gives; on
a page that renders other updates it is a thinner view of its entry, so it is
reported in :attr:`Enriched.partial` (the cache never lets it overwrite a
fuller version read earlier).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta, timezone
from urllib.parse import quote, urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

from liveread import urls
from liveread.model import Block, Entry, Image
from liveread.sanitize import clean_inline
from liveread.sources import _html as htmlwalk
from liveread.sources._meta import same_picture
from liveread.times import parse_time

__all__ = [
    "DEFAULT",
    "EDIT_TIME_ATTRS",
    "POST_TIME_ATTRS",
    "STANDARD_EMBEDS",
    "Embed",
    "Enriched",
    "Profile",
    "Rendered",
    "credit_text",
    "element_time",
    "enrich",
    "epoch_time",
    "key_event_ids",
    "match",
    "read",
    "tweet",
]

# --- the general signals, as data ------------------------------------------------------

#: Attributes an entry element carries with its publication (or sort) time.
POST_TIME_ATTRS = ("data-post-time", "data-sort-time", "data-published-time")
#: Attributes an entry element carries with the time it was last edited.
EDIT_TIME_ATTRS = ("data-last-modified-time", "data-update-time", "data-modified-time")
_TIME_ELEMENTS = "time[datetime]"
_HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_HEADINGS = ", ".join(sorted(_HEADING_TAGS))
#: Elements the shared walker reads as inline text, whole.
_INLINE = frozenset({"a", "span", "em", "strong", "b", "i", "small", "mark", "label", "u", "s"})
_IMAGES = "img, amp-img"
_FIGCAPTION = "figcaption"
#: Elements an entry cannot be: matching never climbs this far.
_TOO_BIG = frozenset({"html", "body", "head", "main"})
#: An epoch value below this is seconds, above it milliseconds (1973 in ms, 5138 in s).
_MS_THRESHOLD = 100_000_000_000
#: Declared sizes at or under this many pixels are icons and avatars, not photos.
_ICON_PIXELS = 64
#: Share of the structured text's words a rendered body must hold to replace it.
_SAME_TEXT = 0.8
#: Updates that must all carry one image (or one author list) for it to be a placeholder.
_REPEATED = 3
_WORD = re.compile(r"\w+")
#: What a tweet's relative link is relative to.
_TWEETS = "https://twitter.com/"
_LABEL_COLON = re.compile(r"^([A-Za-z][A-Za-z ]{0,20}):(?=\S)")
#: "By " before a writer's name is the byline's wording, not the name.
_BY = re.compile(r"^by\s+", re.I)


@dataclass(frozen=True)
class Embed:
    """One kind of embedded widget: how to find it and what it is.

    Attributes:
        selector: CSS selector the widget's own element matches.
        kind: The embed kind (:data:`liveread.model.EMBED_KINDS`).
        url_attr: The attribute holding its URL ("" for a tweet: its status link).
        url_template: Makes the URL from the attribute when that is an id
            (``"https://…/{}"``); "" when the attribute is the URL.

    """

    selector: str
    kind: str
    url_attr: str = ""
    url_template: str = ""


#: Embeds every publisher uses the standard markup of.
STANDARD_EMBEDS: tuple[Embed, ...] = (
    Embed("blockquote.twitter-tweet", "tweet"),
    Embed("amp-twitter", "tweet", "data-tweetid", "https://twitter.com/i/web/status/{}"),
    Embed("blockquote.instagram-media", "other", "data-instgrm-permalink"),
    Embed("blockquote.tiktok-embed", "video", "cite"),
    Embed("amp-youtube", "video", "data-videoid", "https://www.youtube.com/watch?v={}"),
    Embed('iframe[src*="youtube.com/embed"]', "video", "src"),
    Embed('iframe[src*="player.vimeo.com"]', "video", "src"),
)


@dataclass(frozen=True)
class Profile:
    """How a family of publishers marks up its rendered entries: selectors, as data.

    Attributes:
        name: Names the profile in logs.
        body: Selector of the element inside an entry that holds its content,
            trusted as the entry's body; "" keeps the structured text and takes
            only photos and embeds from the rendering.
        key_event: Selector an entry element itself matches when it is a key event.
        key_event_links: Selector of page elements listing key events (a box of links).
        key_event_attr: The attribute of those naming the entry (its id, the URL fragment).
        byline: Selector of the writer's name inside an entry.
        not_names: Texts (lowercase) found where the writer's name goes that are
            labels, not names ("key event").
        caption: Selector of the caption inside a figcaption ("": its text but the credit).
        credit: Selector of the credit inside a figcaption.
        embeds: The embedded widgets to read.
        skip: Selector of elements inside an entry that are not content (times,
            share buttons, ad slots).

    """

    name: str
    body: str = ""
    key_event: str = ""
    key_event_links: str = ""
    key_event_attr: str = "data-id"
    byline: str = '[rel="author"], [itemprop="author"], .byline, .author'
    not_names: frozenset[str] = frozenset()
    caption: str = ""
    credit: str = (
        '.credit, .copyright, [itemprop="creditText"], [itemprop="copyrightHolder"],'
        ' [class*="credit"], [class*="copyright"]'
    )
    embeds: tuple[Embed, ...] = STANDARD_EMBEDS
    skip: str = (
        "time, amp-timeago, button, nav, aside, form, amp-ad, amp-embed, amp-sticky-ad,"
        " amp-social-share, script, style, noscript, template"
    )

    @property
    def embed_selector(self) -> str:
        """Every embed's selector in one."""
        return ", ".join(e.selector for e in self.embeds)


#: What a publisher liveread knows nothing about gets.
DEFAULT = Profile("default")


# --- times ------------------------------------------------------------------------------


def epoch_time(value: str | None) -> datetime | None:
    """Read a time attribute: epoch milliseconds or seconds, or ISO 8601; None if neither."""
    if value is None:
        return None
    text = value.strip()
    if not text:
        return None
    if text.isdigit():
        number = int(text)
        seconds, millis = divmod(number, 1000) if number >= _MS_THRESHOLD else (number, 0)
        try:  # in whole numbers: a float would turn .921 into .920999
            return datetime.fromtimestamp(seconds, tz=timezone.utc) + timedelta(milliseconds=millis)
        except (OverflowError, OSError, ValueError):
            return None
    try:
        return parse_time(text)
    except ValueError:
        return None


def element_time(node: LexborNode, attrs: Iterable[str]) -> datetime | None:
    """The first of *attrs* that *node* carries and that reads as a time."""
    for name in attrs:
        moment = epoch_time(node.attributes.get(name))
        if moment is not None:
            return moment
    return None


def _second(moment: datetime) -> int:
    """A moment to the second (signals are compared at that precision)."""
    return int(moment.timestamp() // 1)


def _fold(text: str | None) -> str:
    """Text as headings are compared: sanitized, whitespace collapsed, case folded."""
    return " ".join(clean_inline(text or "").split()).casefold()


def _fragment(entry: Entry) -> str:
    return entry.url.partition("#")[2]


# --- matching ---------------------------------------------------------------------------


def _ancestors(node: LexborNode) -> list[LexborNode]:
    """*node*'s ancestors, nearest first, up to (not including) the document."""
    found = []
    parent = node.parent
    while parent is not None and parent.tag not in ("-document", "html"):
        found.append(parent)
        parent = parent.parent
    return found


def _unique(found: dict[int, list[LexborNode]]) -> dict[int, LexborNode]:
    """Keep the updates for which exactly one distinct element was found."""
    out: dict[int, LexborNode] = {}
    for index, nodes in found.items():
        distinct = {n.mem_id: n for n in nodes}
        if len(distinct) == 1:
            out[index] = next(iter(distinct.values()))
    return out


def _by_id(tree: LexborHTMLParser, entries: Sequence[Entry]) -> dict[int, list[LexborNode]]:
    wanted: dict[str, list[int]] = {}
    for index, entry in enumerate(entries):
        fragment = _fragment(entry)
        if fragment:
            wanted.setdefault(fragment, []).append(index)
    found: dict[int, list[LexborNode]] = {}
    if not wanted:
        return found
    for node in tree.css("[id]"):
        indexes = wanted.get(node.attributes.get("id") or "")
        if indexes is None or len(indexes) > 1:
            continue  # a fragment several updates share names none of them
        found.setdefault(indexes[0], []).append(node)
    return found


def _by_key(
    entries: Sequence[Entry], nodes: Iterable[tuple[int | str, LexborNode]], key: str
) -> dict[int, list[LexborNode]]:
    """Match signal nodes to the one update with the same key ("time" or "title")."""
    owners: dict[int | str, list[int]] = {}
    for index, entry in enumerate(entries):
        value: int | str | None = (
            _second(entry.published) if key == "time" else _fold(entry.title) or None
        )
        if value is not None:
            owners.setdefault(value, []).append(index)
    found: dict[int, list[LexborNode]] = {}
    for value, node in nodes:
        indexes = owners.get(value)
        if indexes is not None and len(indexes) == 1:
            found.setdefault(indexes[0], []).append(node)
    return found


def _climb(inner: dict[int, list[LexborNode]]) -> dict[int, list[LexborNode]]:
    """For signals inside entries: each one's largest ancestor holding no other update's signal."""
    owners: dict[int, set[int]] = {}  # element -> the updates with a signal under it
    chains: list[tuple[int, LexborNode, list[LexborNode]]] = []
    for index, nodes in inner.items():
        for node in nodes:
            chain = _ancestors(node)
            chains.append((index, node, chain))
            for ancestor in (node, *chain):
                owners.setdefault(ancestor.mem_id, set()).add(index)
    found: dict[int, list[LexborNode]] = {}
    for index, node, chain in chains:
        best: LexborNode | None = None
        for ancestor in (node, *chain):
            if ancestor.tag in _TOO_BIG:
                best = None  # nothing bounded it: no list of entries to tell them apart
                break
            if owners[ancestor.mem_id] != {index}:
                break  # the list: its child holding this signal is the entry
            best = ancestor
        else:
            best = None
        if best is not None and best is not node:
            found.setdefault(index, []).append(best)
    return found


def match(
    tree: LexborHTMLParser,
    entries: Sequence[Entry],
    candidates: Sequence[LexborNode] | None = None,
) -> dict[int, LexborNode]:
    """Find the rendered element of each update: ``{index in entries: element}``.

    Args:
        tree: The page.
        entries: The structured updates (their ``url`` fragment, ``published``
            and ``title`` are the signals).
        candidates: When given, only these elements may be entries (an AMP
            list's items); the general search is skipped.

    """
    if candidates is not None:
        timed = ((_second(t), n) for n in candidates if (t := element_time(n, POST_TIME_ATTRS)))
        in_list = _unique(_by_key(entries, timed, "time"))
        return _settle([_unique(_by_id_among(candidates, entries)), in_list])
    named = _by_id(tree, entries)
    # An empty anchor (``<a id=…></a>``) marks where an entry starts: climb from it.
    empty = {i: [n for n in ns if _is_marker(n)] for i, ns in named.items()}
    by_id = {i: [n for n in ns if not _is_marker(n)] for i, ns in named.items()}
    timed_nodes = tree.css(", ".join(f"[{a}]" for a in POST_TIME_ATTRS))
    timed = ((_second(t), n) for n in timed_nodes if (t := element_time(n, POST_TIME_ATTRS)))
    direct = _by_key(entries, timed, "time")
    stamps = (
        (_second(t), n)
        for n in tree.css(_TIME_ELEMENTS)
        if (t := epoch_time(n.attributes.get("datetime")))
    )
    heads = ((_fold(htmlwalk.inline_text(n)), n) for n in tree.css(_HEADINGS))
    inner: dict[int, list[LexborNode]] = {}
    for source in (_by_key(entries, stamps, "time"), _by_key(entries, heads, "title"), empty):
        for index, nodes in source.items():
            inner.setdefault(index, []).extend(nodes)
    return _settle([_unique(by_id), _unique(direct), _unique(_climb(inner))])


def _by_id_among(
    candidates: Sequence[LexborNode], entries: Sequence[Entry]
) -> dict[int, list[LexborNode]]:
    ids = {n.attributes.get("id") or "": n for n in candidates}
    found: dict[int, list[LexborNode]] = {}
    for index, entry in enumerate(entries):
        node = ids.get(_fragment(entry))
        if node is not None and _fragment(entry):
            found.setdefault(index, []).append(node)
    return found


def _is_marker(node: LexborNode) -> bool:
    """An element with nothing in it: an anchor marking a place, not an entry."""
    return node.first_child is None


def _settle(levels: list[dict[int, LexborNode]]) -> dict[int, LexborNode]:
    """Combine matches, strongest signal first.

    An element two updates claim at one level is nobody's. A weaker match
    inside or around an element a stronger one settled is dropped (a heading
    that quotes another update's headline is not that update). Within one
    level, an element holding another update's element is a list, not an
    entry. Containment is decided on ancestor sets, so the cost stays linear.
    """
    settled: dict[int, LexborNode] = {}
    held: set[int] = set()  # the settled elements
    around: set[int] = set()  # every ancestor of a settled element
    for level in levels:
        claims: dict[int, list[int]] = {}
        for index, node in level.items():
            if index not in settled and node.mem_id not in held:
                claims.setdefault(node.mem_id, []).append(index)
        fresh: dict[int, tuple[LexborNode, set[int]]] = {}
        for indexes in claims.values():
            if len(indexes) != 1:
                continue
            node = level[indexes[0]]
            ancestors = {a.mem_id for a in _ancestors(node)}
            if ancestors & held or node.mem_id in around:
                continue
            fresh[indexes[0]] = (node, ancestors)
        lists = {m for _, ancestors in fresh.values() for m in ancestors}
        for index, (node, ancestors) in fresh.items():
            if node.mem_id in lists:
                continue
            settled[index] = node
            held.add(node.mem_id)
            around |= ancestors
    return settled


# --- reading one element ------------------------------------------------------------------


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


def _matches(node: LexborNode, selector: str) -> bool:
    """Tell whether *node* itself (not only something inside it) matches *selector*."""
    if not selector:
        return False
    first = node.css_first(selector)  # document order: the node itself comes first
    return first is not None and first.mem_id == node.mem_id


def _within(node: LexborNode, ids: Collection[int]) -> bool:
    return node.mem_id in ids or any(a.mem_id in ids for a in _ancestors(node))


def _text_without(node: LexborNode, skip: Collection[int]) -> str:
    """*node*'s one-line text, leaving out the elements in *skip*."""
    out: list[str] = []

    def walk(current: LexborNode) -> None:
        for child in current.iter(include_text=True):
            if child.tag == "-text":
                out.append(child.text_content or "")
            elif child.mem_id in skip or child.tag in htmlwalk.DROP_TAGS:
                continue
            else:
                if child.tag in ("div", "p", "br", "span-block"):
                    out.append(" ")
                walk(child)

    walk(node)
    return clean_inline(" ".join("".join(out).split()))


def credit_text(raw: str) -> str:
    """A credit as sites write it, without the brackets some wrap it in: ``Image: Agency``."""
    text = " ".join(clean_inline(raw).split())
    while len(text) > 1 and text[0] in "([" and text[-1] in ")]":
        text = text[1:-1].strip()
    return _LABEL_COLON.sub(r"\1: ", text)


def _caption_node(image: LexborNode, entry: LexborNode) -> LexborNode | None:
    """The figcaption that belongs to *image*: its figure's, or right after its container."""
    current = image
    for _ in range(4):
        if current.mem_id == entry.mem_id:
            return None
        if current.tag == "figure":
            found = current.css_first(_FIGCAPTION)
            if found is not None:
                return found
        sibling = current.next
        while sibling is not None and not sibling.is_element_node:
            sibling = sibling.next
        if sibling is not None and sibling.tag == _FIGCAPTION:
            return sibling
        if current.parent is None:
            return None
        current = current.parent
    return None


def _image_url(node: LexborNode, base: str) -> str | None:
    attrs = node.attributes
    for name in ("src", "data-src", "data-lazy-src"):
        value = attrs.get(name)
        if value and not value.startswith("data:"):
            resolved = _absolute(value, base)
            if resolved:
                return resolved
    srcset = attrs.get("srcset") or ""
    first = srcset.split(",")[0].split()
    return _absolute(first[0], base) if first else None


def _absolute(value: str, base: str) -> str | None:
    """*value* resolved against *base*, if that makes an http(s) URL with a host."""
    value = clean_inline(value)
    if not value:
        return None
    try:
        joined = urls.join(base, value)
        parts = urlsplit(joined)
        ok = parts.scheme.lower() in ("http", "https") and bool(parts.hostname)
    except ValueError:  # a broken IPv6 literal, say
        return None
    return joined if ok else None


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
        self.title = _fold(title)
        self.byline_nodes = node.css(profile.byline) if profile.byline else []
        self.skip_ids = {n.mem_id for n in node.css(profile.skip)} if profile.skip else set()
        self.skip_ids.discard(node.mem_id)
        self.byline_ids = {n.mem_id for n in self.byline_nodes} - {node.mem_id}
        self.captions: set[int] = set()
        self.title_dropped = False

    # photos

    def image(self, img: LexborNode) -> Image | None:
        if _is_icon(img) or _within(img, self.byline_ids):
            return None
        url = _image_url(img, self.base)
        caption = credit = ""
        figcaption = _caption_node(img, self.node)
        if figcaption is not None:
            self.captions.add(figcaption.mem_id)
            credit_node = figcaption.css_first(self.profile.credit) if self.profile.credit else None
            credit = credit_text(htmlwalk.inline_text(credit_node)) if credit_node else ""
            if self.profile.caption:
                caption_node = figcaption.css_first(self.profile.caption)
                caption = htmlwalk.inline_text(caption_node) if caption_node is not None else ""
            else:
                skip = {credit_node.mem_id} if credit_node is not None else set()
                caption = _text_without(figcaption, skip)
        if url is None and figcaption is None:
            return None  # nothing a reader could load, nothing said of it (a "blob:" draft)
        caption = caption or clean_inline(img.attributes.get("alt") or "")
        if not (url or caption or credit):
            return None
        return Image(caption, credit, url)

    def images(self, within: LexborNode) -> list[Image]:
        found: list[Image] = []
        for img in within.css(_IMAGES):
            if img.tag == "img" and any(a.tag in ("amp-img", "noscript") for a in _ancestors(img)):
                continue  # the fallback inside an amp-img is the same picture
            if _within(img, self.skip_ids):
                continue
            image = self.image(img)
            if image is not None and image not in found:
                found.append(image)
        return found

    # embeds

    def embed(self, node: LexborNode) -> Block | None:
        for kind in self.profile.embeds:
            if not _matches(node, kind.selector):
                continue
            raw = clean_inline(node.attributes.get(kind.url_attr) or "") if kind.url_attr else ""
            if raw and kind.url_template:
                raw = kind.url_template.format(quote(raw, safe=""))
            url = _absolute(raw, self.base) if raw else None
            quoted = node if node.tag == "blockquote" else node.css_first("blockquote")
            if kind.kind == "tweet" and quoted is not None:
                found = tweet(quoted)  # (an AMP widget's placeholder is the tweet itself)
                return replace(found, url=found.url or url)
            text = htmlwalk.inline_text(quoted) if quoted is not None else ""
            return Block("embed", text=text, embed=kind.kind, url=url)
        return None

    def embeds(self, within: LexborNode) -> list[Block]:
        if not self.profile.embeds:
            return []
        found: list[Block] = []
        seen: set[int] = set()
        for node in within.css(self.profile.embed_selector):
            if _within(node, seen | self.skip_ids):
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
        if node.mem_id in self.captions or node.tag == _FIGCAPTION:
            return []
        if node.tag in _INLINE and self._holds_skipped(node):
            # The walker reads an inline element's text whole: leave its chrome out here
            # (a permalink around a timestamp is nothing to read).
            text = _text_without(node, self.skip_ids | self.byline_ids)
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
        heading = node.tag in _HEADING_TAGS and not self.title_dropped and bool(self.title)
        if heading and _fold(htmlwalk.inline_text(node)) == self.title:
            self.title_dropped = True  # the headline is the entry's title, not its body
            return []
        return None

    def _media_only(self, node: LexborNode) -> bool:
        """A wrapper around a photo and its caption (and nothing else to read)."""
        if node.css_first(_IMAGES) is None:
            return False
        captions = {c.mem_id for c in node.css(_FIGCAPTION)}
        return bool(captions) and not _text_without(node, captions)

    def _holds_skipped(self, node: LexborNode) -> bool:
        hidden = self.skip_ids | self.byline_ids
        if not hidden:
            return False
        selector = ", ".join(s for s in (self.profile.skip, self.profile.byline) if s)
        return any(m.mem_id in hidden for m in node.css(selector))

    def body(self, container: LexborNode) -> tuple[Block, ...]:
        return tuple(htmlwalk.blocks_from_node(container, self.override))

    def authors(self) -> tuple[str, ...]:
        names: list[str] = []
        for node in self.byline_nodes:
            if any(a.mem_id in self.byline_ids for a in _ancestors(node)):
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
    url = _absolute(link, _TWEETS) if link else None
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
        key_event=_matches(node, profile.key_event),
        authors=reader.authors(),
        images=images,
        embeds=embeds,
        body=body,
        published=element_time(node, POST_TIME_ATTRS),
        updated=element_time(node, EDIT_TIME_ATTRS),
    )


def key_event_ids(tree: LexborHTMLParser, profile: Profile) -> frozenset[str]:
    """The entry ids the page's key-events list names (the profile's links), if any."""
    if not profile.key_event_links:
        return frozenset()
    found = set()
    for node in tree.css(profile.key_event_links):
        value = clean_inline(node.attributes.get(profile.key_event_attr) or "")
        if value:
            found.add(value.lstrip("#"))
    return frozenset(found)


# --- enriching ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Enriched:
    """Structured updates after the rendered entries had their say.

    Attributes:
        entries: The updates, in the order given, enriched where matched.
        matched: How many had a rendered element.
        partial: Ids of the updates shown only through the structured data on
            a page that renders entries (thinner views of their entries).
        rendered: What each matched update's element showed, by entry id.

    """

    entries: tuple[Entry, ...]
    matched: int
    partial: tuple[str, ...] = ()
    rendered: dict[str, Rendered] = field(default_factory=dict)


def _words(text: str) -> set[str]:
    return set(_WORD.findall(text.casefold()))


def _same_text(structured: str, rendered: str) -> bool:
    """Tell whether a rendered body holds (most of) the structured text's words."""
    words = _words(structured)
    if not words:
        return True
    return len(words & _words(rendered)) >= _SAME_TEXT * len(words)


def _repeated(entries: Sequence[Entry]) -> tuple[set[str], tuple[str, ...] | None]:
    """Image URLs on every update, and the author list every update shares (placeholders)."""
    if len(entries) < _REPEATED:
        return set(), None
    image_sets = [{i.url for i in e.images if i.url} for e in entries]
    common = set.intersection(*image_sets) if image_sets else set()
    authors = {e.authors for e in entries}
    shared = next(iter(authors)) if len(authors) == 1 and next(iter(authors)) else None
    return common, shared


def _merge_images(shown: Sequence[Image], given: Sequence[Image]) -> list[Image]:
    """The rendered photos, with what the structured data says of the same picture filled in."""
    merged = []
    for image in shown:
        twin = next((g for g in given if same_picture(g.url, image.url)), None)
        if twin is not None:
            image = Image(image.caption or twin.caption, image.credit or twin.credit, image.url)
        merged.append(image)
    return merged


def _without_placeholders(
    entry: Entry, page_images: Collection[str], repeated: Collection[str]
) -> tuple[Block, ...]:
    def placeholder(url: str | None) -> bool:
        return url in repeated or any(same_picture(url, page) for page in page_images)

    return tuple(
        b
        for b in entry.body
        if b.kind != "image" or b.image is None or not placeholder(b.image.url)
    )


def _enriched_body(entry: Entry, shown: Rendered) -> tuple[Block, ...]:
    """The body of a matched update: the rendering's where trusted, else text plus its media.

    *entry* comes without its placeholder pictures. The photos are those the
    rendered entry shows (what the structured data says of the same picture
    filling gaps); when it shows none, the structured data's own (not
    placeholders) stay: a page may load its pictures by script.
    """
    given = [b.image for b in entry.body if b.kind == "image" and b.image is not None]
    text_blocks = [b for b in entry.body if b.kind != "image"]
    text = "\n".join(b.as_text() for b in text_blocks)
    extra = [] if shown.images else [Block("image", image=i) for i in given]
    if shown.body is not None:
        rendered_text = "\n".join(b.as_text() for b in shown.body)
        has_text = any(b.kind != "image" and b.kind != "embed" for b in shown.body)
        if (has_text or not text.strip()) and _same_text(text, rendered_text):
            merged = iter(_merge_images([b.image for b in shown.body if b.image], given))
            body = tuple(
                Block("image", image=next(merged)) if b.kind == "image" and b.image else b
                for b in shown.body
            )
            return (*body, *extra)
    known = {(b.embed, b.url) for b in text_blocks if b.kind == "embed"}
    embeds = [b for b in shown.embeds if (b.embed, b.url) not in known]
    photos = [Block("image", image=i) for i in _merge_images(shown.images, given)] or extra
    return (*text_blocks, *photos, *embeds)


def enrich(
    tree: LexborHTMLParser | None,
    entries: Sequence[Entry],
    *,
    base: str,
    profile: Profile = DEFAULT,
    page_images: Collection[str] = (),
    candidates: Sequence[LexborNode] | None = None,
) -> Enriched:
    """Match structured updates to their rendered entries and take what they lack.

    Args:
        tree: The page, or None (bare JSON-LD: only placeholders are dropped).
        entries: The structured updates.
        base: The page URL.
        profile: What this publisher family marks, and how.
        page_images: The page's own pictures (its main image, ``og:image``):
            never an update's photo unless its rendered entry shows it.
        candidates: Only these elements may be entries (see :func:`match`).

    """
    repeated, shared_authors = _repeated(entries)
    found = match(tree, entries, candidates) if tree is not None and entries else {}
    keys = key_event_ids(tree, profile) if tree is not None else frozenset()
    shown = {i: read(node, profile, base, title=entries[i].title) for i, node in found.items()}
    # The site names a writer per entry, and not these: the shared list is the page's.
    per_entry = shared_authors is not None and any(
        r.authors and r.authors != shared_authors for r in shown.values()
    )
    out: list[Entry] = []
    partial: list[str] = []
    rendered: dict[str, Rendered] = {}
    for index, given in enumerate(entries):
        placeholder_authors = per_entry and given.authors == shared_authors
        key = given.key_event or _fragment(given) in keys
        # The page's own picture, or one on every update, is nobody's photo.
        entry = given.with_changes(body=_without_placeholders(given, page_images, repeated))
        view = shown.get(index)
        if view is None:
            if found:
                partial.append(entry.id)
            out.append(
                entry.with_changes(
                    authors=() if placeholder_authors else entry.authors,
                    key_event=key,
                )
            )
            continue
        rendered[entry.id] = view
        # The structured authors stand unless they are the page's list (or missing).
        authors = view.authors if placeholder_authors or not entry.authors else entry.authors
        if placeholder_authors and not view.authors:
            authors = ()
        updated = entry.updated
        if view.updated is not None and view.updated > entry.published:
            updated = view.updated if updated is None else max(updated, view.updated)
        out.append(
            replace(
                entry,
                body=_enriched_body(entry, view),
                authors=authors,
                key_event=key or view.key_event or view.element_id in keys,
                updated=updated,
            )
        )
    return Enriched(tuple(out), len(found), tuple(partial), rendered)
