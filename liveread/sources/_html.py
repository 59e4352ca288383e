"""HTML fragments to body blocks and plain text, shared by every adapter.

An entry's body arrives as HTML (a Guardian ``TextBlockElement``, a JSON-LD
``articleBody`` that carries tags or entities, the children of an
``article.block``). This module turns such markup into :class:`Block` values
whose text is plain, entity-free and sanitized: paragraphs, headings, list
items, quotes and (generically) figures with their captions. Adapters that know
more about a site (Guardian figures, tweets, videos) handle those elements
themselves and pass the rest here.

A fragment is parsed through :func:`liveread.sources._bounds.parse_html`, as
every page is: markup nested too deeply, or holding too many elements, is
refused in one line before it is walked (the walks here recurse once per level).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from selectolax.lexbor import LexborNode

from liveread.model import Block, Image
from liveread.sanitize import clean, clean_inline
from liveread.sources._bounds import parse_html

__all__ = [
    "DROP_TAGS",
    "alt_caption",
    "blocks_from_html",
    "blocks_from_node",
    "children",
    "clean_line",
    "html_to_text",
    "inline_text",
    "parse_fragment",
]

#: Elements whose content is never text: scripts, styles and widgets.
DROP_TAGS = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "iframe",
        "svg",
        "button",
        "form",
        "input",
        "select",
        "textarea",
        "object",
        "embed",
        "canvas",
        "video",
        "audio",
        "head",
        "link",
        "meta",
        "-comment",
        "picture",
        "img",
        "source",
    }
)
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_CONTAINERS = frozenset(
    {
        "div",
        "section",
        "article",
        "main",
        "aside",
        "header",
        "footer",
        "body",
        "html",
        "center",
        "details",
        "summary",
        "dl",
        "dd",
        "dt",
        "span-block",
    }
)
_PARAGRAPH_LIKE = frozenset({"p", "pre", "address"})
_BLOCK_BREAKS = frozenset(
    {
        "p",
        "div",
        "li",
        "ul",
        "ol",
        "blockquote",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "tr",
        "table",
        "section",
        "article",
        "figure",
        "figcaption",
        "pre",
        "dd",
        "dt",
        "header",
        "footer",
    }
)

# A fragment of bare ``<p>`` elements holding plain text, maybe with spaces
# between them (a JSON TextBlockElement often is just that): the HTML parser
# would keep that text as it is, since it holds no markup, no character
# reference and no CR, NUL or lone surrogate (the characters it rewrites), so
# it is read without building a document. Anything else is parsed.
_PLAIN_TEXT = "[^<>&\r\x00\ud800-\udfff]*"
_PLAIN_PARAGRAPHS = re.compile(f"<p>{_PLAIN_TEXT}</p>(?:[ \t\n]*<p>{_PLAIN_TEXT}</p>)*")
_PARAGRAPH = re.compile("<p>([^<]*)</p>")

#: An ``alt`` that names a file, not what the photo shows: an image file's name, or
#: one word of letters, digits, ``_``, ``-`` or ``.`` holding a digit ("GettyImages-1234567").
_FILE_LIKE = re.compile(
    r"\S+\.(?:jpe?g|png|gif|webp|avif|svg|tiff?|bmp|heic)|(?=\S*\d)[\w.-]+", re.I
)

#: A predicate an adapter passes to take over some elements: it returns the
#: blocks for a node it handles, or None to let this module walk it.
Override = Callable[[LexborNode], "list[Block] | None"]


def parse_fragment(html: str) -> LexborNode:
    """Parse an HTML fragment and return the node holding it (the body).

    Raises:
        NotALiveBlog: The markup is past the bounds on work (see ``_bounds``).

    """
    tree = parse_html(html)
    body = tree.body
    if body is None:  # lexbor always makes a body; be safe anyway
        return tree.root  # type: ignore[return-value]
    return body


def children(node: LexborNode) -> Iterator[LexborNode]:
    """Yield the direct children of *node*, text nodes (and comments) included."""
    return node.iter(include_text=True)


def _sole_text(node: LexborNode) -> str | None:
    """Return the text of *node* when one text node is all it holds ("" when empty), else None.

    Most paragraphs, headings, list items and names are just that: reading the
    text node directly spares the walk below, with the same result.
    """
    first = node.first_child
    if first is None:
        return ""
    if first.next is None and first.is_text_node:
        return first.text_content or ""
    return None


def _raw_text(node: LexborNode, out: list[str]) -> None:
    """Append the text under *node* to *out*: ``<br>`` and block edges become newlines.

    Newlines in the HTML source are whitespace (only ``<br>`` and block edges
    break lines), so those of text nodes become spaces; callers wanting one
    line may skip that, since collapsing whitespace treats both alike.
    """
    for child in node.iter(include_text=True):
        tag = child.tag
        if tag == "-text":
            out.append((child.text_content or "").replace("\n", " "))
        elif tag == "br":
            out.append("\n")
        elif tag in DROP_TAGS:
            continue
        elif tag in _BLOCK_BREAKS:
            out.append("\n")
            _raw_text(child, out)
            out.append("\n")
        else:
            # An inline element (a, strong, em...) holding plain text is the usual case.
            text = _sole_text(child)
            if text is None:
                _raw_text(child, out)
            elif text:
                out.append(text.replace("\n", " "))


def _inline_raw(node: LexborNode) -> str:
    """Return the raw text of an inline element, as :func:`_raw_text` gathers it."""
    text = _sole_text(node)
    if text is not None:
        return text.replace("\n", " ")
    out: list[str] = []
    _raw_text(node, out)
    return "".join(out)


#: One-line text: sanitized, every run of whitespace one space (kept as a
#: public name for the adapters that imported it from here).
clean_line = clean_inline


def _lines(text: str) -> list[str]:
    """Sanitize *text* and collapse the whitespace within each of its lines."""
    return [" ".join(line.split()) for line in clean(text).split("\n")]


def _paragraphs(text: str) -> list[str]:
    """Split loose text into paragraphs at blank lines (sanitized, whitespace collapsed)."""
    paras: list[str] = []
    current: list[str] = []
    for line in _lines(text):
        if line:
            current.append(line)
        elif current:
            paras.append("\n".join(current))
            current = []
    if current:
        paras.append("\n".join(current))
    return paras


def _joined_lines(text: str) -> str:
    """Sanitize *text*, collapse whitespace within its lines and drop the empty lines."""
    if text.isprintable():  # nothing to remove, no line break, no space but " ": the usual case
        if "  " in text or text.startswith(" ") or text.endswith(" "):
            return " ".join(text.split())
        return text
    text = clean(text)  # (which may make line breaks, so they are looked for after)
    if "\n" not in text:
        return " ".join(text.split())
    return "\n".join(line for line in (" ".join(part.split()) for part in text.split("\n")) if line)


def inline_text(node: LexborNode) -> str:
    """The text of *node* on one line: whitespace collapsed, sanitized."""
    text = _sole_text(node)
    if text is not None:
        return clean_line(text)  # its newlines are whitespace, collapsed like spaces
    out: list[str] = []
    _raw_text(node, out)
    return clean_line("".join(out))


def _multiline_text(node: LexborNode) -> str:
    """The text of *node* keeping ``<br>`` and block edges as single line breaks."""
    text = _sole_text(node)
    if text is not None:
        return _joined_lines(text.replace("\n", " "))
    out: list[str] = []
    _raw_text(node, out)
    return _joined_lines("".join(out))


def alt_caption(alt: str | None) -> str:
    """An image's ``alt`` as a caption (the last resort): its text, unless only a file-like name."""
    text = clean_inline(alt or "")
    return "" if _FILE_LIKE.fullmatch(text) else text


def _figure(node: LexborNode) -> list[Block]:
    """A generic ``<figure>``: an image with its figcaption, or its text as a paragraph."""
    img = node.css_first("img")
    caption_node = node.css_first("figcaption")
    caption = inline_text(caption_node) if caption_node is not None else ""
    if img is not None:
        src = img.attributes.get("src") or None
        alt = alt_caption(img.attributes.get("alt"))
        return [Block("image", image=Image(caption or alt, "", clean_inline(src) if src else None))]
    text = inline_text(node)
    return [Block("paragraph", text=text)] if text else []


def _list(node: LexborNode, out: list[Block], override: Override | None) -> None:
    """Each ``<li>`` of a list becomes a list item; nested lists follow their parent item."""
    for item in node.iter(include_text=True):
        tag = item.tag
        if tag in ("ul", "ol"):
            _list(item, out, override)
            continue
        if tag != "li":
            continue
        nested: list[LexborNode] = []
        text = _sole_text(item)
        if text is None:
            raw: list[str] = []
            for part in item.iter(include_text=True):
                tag = part.tag
                if tag in ("ul", "ol"):
                    nested.append(part)
                elif tag == "-text":
                    raw.append((part.text_content or "").replace("\n", " "))
                elif tag == "br":
                    raw.append(" ")
                elif tag not in DROP_TAGS:
                    edge = " " if tag in _BLOCK_BREAKS else ""
                    raw.append(edge)
                    _raw_text(part, raw)
                    raw.append(edge)
            text = "".join(raw)
        text = clean_line(text)
        if text:
            out.append(Block("list_item", text=text))
        for sub in nested:
            _list(sub, out, override)


def _table(node: LexborNode, out: list[Block]) -> None:
    """A table becomes one paragraph per row, cells joined by " | "."""
    for row in node.css("tr"):
        cells = [inline_text(cell) for cell in row.css("th, td")]
        line = " | ".join(cell for cell in cells if cell)
        if line:
            out.append(Block("paragraph", text=line))


def _flush(loose: list[str], out: list[Block]) -> None:
    """Turn the loose inline text gathered so far into paragraphs, and empty *loose*."""
    out.extend(Block("paragraph", text=para) for para in _paragraphs("".join(loose)))
    loose.clear()


def _paragraph(child: LexborNode, out: list[Block], override: Override | None, tags: Tags) -> None:
    text = _multiline_text(child)
    if text:
        out.append(Block("paragraph", text=text))


def _heading(child: LexborNode, out: list[Block], override: Override | None, tags: Tags) -> None:
    text = inline_text(child)
    if text:
        out.append(Block("heading", text=text))


def _list_block(child: LexborNode, out: list[Block], override: Override | None, tags: Tags) -> None:
    _list(child, out, override)


def _quote(child: LexborNode, out: list[Block], override: Override | None, tags: Tags) -> None:
    inner: list[Block] = []
    _walk(child, inner, override, tags)
    text = "\n".join(b.as_text() for b in inner if b.kind != "image" and b.as_text())
    if text:
        out.append(Block("quote", text=text))


def _figure_block(
    child: LexborNode, out: list[Block], override: Override | None, tags: Tags
) -> None:
    out.extend(_figure(child))


def _table_block(
    child: LexborNode, out: list[Block], override: Override | None, tags: Tags
) -> None:
    _table(child, out)


def _skip(child: LexborNode, out: list[Block], override: Override | None, tags: Tags) -> None:
    return None


Tags = frozenset[str] | None
_Handler = Callable[[LexborNode, list[Block], "Override | None", Tags], None]


def _handlers() -> dict[str, _Handler]:
    """What each block-level tag becomes; a tag not here is inline (part of the loose text).

    Built so that the more specific rule wins where the tag sets overlap: a
    paragraph-like tag is a paragraph, not a container; a dropped tag is
    dropped even if it breaks blocks.
    """
    table: dict[str, _Handler] = {}
    for tag in _CONTAINERS | _BLOCK_BREAKS:
        table[tag] = _walk
    table.update({"table": _table_block, "figure": _figure_block, "blockquote": _quote})
    table.update({"ul": _list_block, "ol": _list_block})
    table.update(dict.fromkeys(_HEADINGS, _heading))
    table.update(dict.fromkeys((*DROP_TAGS, "hr"), _skip))
    table.update(dict.fromkeys(_PARAGRAPH_LIKE, _paragraph))
    return table


def _walk(node: LexborNode, out: list[Block], override: Override | None, tags: Tags) -> None:
    """Append the blocks under *node* to *out*; loose inline text becomes paragraphs.

    An *override* is asked first for elements (only those with one of *tags*,
    when given); then block-level elements go to their handler, each after
    the loose text before it became paragraphs; inline elements join the
    loose text.
    """
    loose: list[str] = []
    for child in node.iter(include_text=True):
        tag = child.tag
        if tag == "-text":
            loose.append((child.text_content or "").replace("\n", " "))
            continue
        if override is not None and (tags is None or tag in tags):
            handled = override(child)
            if handled is not None:
                if loose:
                    _flush(loose, out)
                out.extend(handled)
                continue
        if tag == "br":
            loose.append("\n")
            continue
        handler = _HANDLERS.get(tag or "")
        if handler is None:  # an inline element (a, strong, em, span, ...)
            loose.append(_inline_raw(child))
        elif handler is not _skip:
            if loose:
                _flush(loose, out)
            handler(child, out, override, tags)
    if loose:
        _flush(loose, out)


_HANDLERS = _handlers()


def blocks_from_node(
    node: LexborNode,
    override: Override | None = None,
    *,
    override_tags: frozenset[str] | None = None,
) -> list[Block]:
    """Turn the children of *node* into body blocks.

    Args:
        node: The element whose children are the body (it is not itself a block).
        override: Called for every element child first; it returns the blocks
            for elements it handles (a site's figures, embeds, ads: ``[]`` to
            drop one) or None to let the generic walk handle it.
        override_tags: When given, *override* is called only for elements with
            one of these tags, which must then name every tag it may take
            over: the walk spares a call per other element.
    """
    out: list[Block] = []
    _walk(node, out, override, override_tags)
    return out


def blocks_from_html(html: str, override: Override | None = None) -> list[Block]:
    """Turn an HTML fragment into body blocks (entities decoded, text sanitized)."""
    if "<" not in html and "&" not in html:
        return [Block("paragraph", text=para) for para in _paragraphs(html)]
    if override is None and _PLAIN_PARAGRAPHS.fullmatch(html):
        # Each paragraph is one text node, as the parser would build it.
        texts = (_joined_lines(raw.replace("\n", " ")) for raw in _PARAGRAPH.findall(html))
        return [Block("paragraph", text=text) for text in texts if text]
    return blocks_from_node(parse_fragment(html), override)


def html_to_text(html: str) -> str:
    """Plain one-line text of an HTML snippet (a caption, a standfirst sentence)."""
    if "<" not in html and "&" not in html:
        return clean_line(html)
    return inline_text(parse_fragment(html))
