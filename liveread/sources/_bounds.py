r"""The work one page may cost, bounded before it is walked: every HTML parse goes through here.

The HTML parser's time grows with the square of how deeply elements nest:
each block-level start tag (``div``, ``p``, ``ul``...) looks down the stack of
open elements, so 100,000 nested ``div``\ s took 8 s and 300,000 more than
200 s; and the walks of the sources recurse once per level. So
:func:`parse_html`:

- parses a page of at most :data:`PARSE_FIRST` tags at once (even nested all
  the way down, the parser is done with it within about a second), then
  measures how deep its tree goes, in the parser's own selector engine;
- scans a larger page's tags first (:func:`check_markup`, one linear pass
  that keeps the stack of open elements as the parser would), refusing it
  before the parser sees it when it nests too deeply or holds too many
  elements, and measures the tree it then builds all the same.

Past :data:`MAX_DEPTH` levels or :data:`MAX_ELEMENTS` elements, a page is
refused in one line (:class:`~liveread.errors.NotALiveBlog`), before any
source walks it.
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser

from liveread.errors import NotALiveBlog

__all__ = ["MAX_DEPTH", "MAX_ELEMENTS", "PARSE_FIRST", "check_markup", "parse_html"]

#: The deepest elements may nest inside one another within a page's body.
#: Real pages nest 10 to 30 deep (the shared corpus: at most 29, with html and body).
MAX_DEPTH = 256
#: The most elements one page may hold (the corpus: at most 3,334).
MAX_ELEMENTS = 250_000
#: A page with at most this many tags is parsed before it is measured: nested all
#: the way down it costs the parser about a second, no more (20,000 nested divs).
PARSE_FIRST = 20_000

# An element MAX_DEPTH levels inside <body>: html > body > 256 more > one too many.
_TOO_DEEP = " > ".join(["*"] * (MAX_DEPTH + 3))

# A start or end tag: ("/" or "", its name).
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*)")
# Where text that is not markup starts: a comment, or an element whose content is
# raw text up to its end tag (a script's, a style's).
_RAW_NAMES = ("script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes")
_NOT_MARKUP = re.compile(r"<(?:!--|(" + "|".join(_RAW_NAMES) + r")(?=[\s/>]))", re.IGNORECASE)
_RAW_END = {name: re.compile(f"</{name}", re.IGNORECASE) for name in _RAW_NAMES}
# Elements that hold no others, those whose end tag may be left out (the next of
# its kind, or its parent's end, closes it) and those once per page: none
# deepens the tree by repeating, so a page that never closes its <p>s is not
# taken for a deep one.
_FLAT = frozenset(
    {"area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "img"}
    | {"input", "keygen", "link", "meta", "param", "source", "track", "wbr"}
    | {"p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "rb", "rt", "rtc", "rp"}
    | {"thead", "tbody", "tfoot", "colgroup", "caption", "html", "head", "body"}
)
# SVG and MathML: inside them no start tag makes the parser look down the stack.
_FOREIGN = frozenset({"svg", "math"})
# The start tags that end SVG or MathML content in the parser (font counted always:
# it does when it has attributes, and counting more is the safe side).
_BREAKOUT = frozenset(
    {"b", "big", "blockquote", "body", "br", "center", "code", "dd", "div", "dl", "dt", "em"}
    | {"embed", "font", "h1", "h2", "h3", "h4", "h5", "h6", "head", "hr", "i", "img", "li"}
    | {"listing", "menu", "meta", "nobr", "ol", "p", "pre", "ruby", "s", "small", "span"}
    | {"strong", "strike", "sub", "sup", "table", "tt", "u", "ul", "var"}
)


def _markup_only(html: str) -> str:
    """*html* without its comments and raw text (scripts, styles): where elements are.

    Linear: each comment or raw-text element is found once, and an unclosed
    one ends the markup there.
    """
    kept: list[str] = []
    pos = 0
    for found in _NOT_MARKUP.finditer(html):
        if found.start() < pos:
            continue  # inside a comment or raw text already skipped
        kept.append(html[pos : found.start()])
        if found.group(1) is None:
            end = html.find("-->", found.end())
            pos = end + 3 if end >= 0 else len(html)
        else:
            close = _RAW_END[found.group(1).lower()].search(html, found.end())
            pos = close.end() if close is not None else len(html)
    kept.append(html[pos:])
    return "".join(kept) if len(kept) > 1 else html


def _too_deep() -> NotALiveBlog:
    return NotALiveBlog(
        f"the page nests its elements more than {MAX_DEPTH} deep, deeper than any live "
        "blog does: liveread does not read it"
    )


def _too_many() -> NotALiveBlog:
    return NotALiveBlog(
        f"the page holds more than {MAX_ELEMENTS:,} elements, more than any live blog "
        "needs: liveread does not read it"
    )


def check_markup(html: str) -> None:
    """Refuse markup that would cost the parser more than any page needs, before it parses it.

    One linear scan of the tags (comments and scripts' text left out) keeps the
    stack of open elements as the parser would: an end tag closes the nearest
    open element of its name and those inside it, and one that matches none is
    ignored; inside SVG or MathML nothing counts until a tag the parser ends
    them at. Where it is not exact it counts deeper, never shallower.

    Raises:
        NotALiveBlog: Elements nest more than :data:`MAX_DEPTH` deep, or there are
            more than :data:`MAX_ELEMENTS` of them; the message says which.

    """
    if html.count("<") <= MAX_DEPTH:
        return  # too few tags to pass either bound
    stack: list[str] = []
    open_count: dict[str, int] = {}
    foreign = 0  # open svg and math elements
    started = 0
    for end, tag in _TAG.findall(_markup_only(html)):
        name = tag.lower()
        if end:
            if open_count.get(name):
                while True:  # each element is pushed and popped once: linear overall
                    top = stack.pop()
                    open_count[top] -= 1
                    foreign -= top in _FOREIGN
                    if top == name:
                        break
            continue
        started += 1
        if started > MAX_ELEMENTS:
            raise _too_many()
        if foreign:
            if name not in _BREAKOUT:
                if name in _FOREIGN:  # svg in svg: counted, it is closed by name
                    stack.append(name)
                    open_count[name] = open_count.get(name, 0) + 1
                    foreign += 1
                continue
            while foreign:  # the parser leaves SVG and MathML here: so does the count
                top = stack.pop()
                open_count[top] -= 1
                foreign -= top in _FOREIGN
        if name in _FLAT:
            continue
        stack.append(name)
        open_count[name] = open_count.get(name, 0) + 1
        foreign += name in _FOREIGN
        if len(stack) > MAX_DEPTH:
            raise _too_deep()


def parse_html(html: str) -> LexborHTMLParser:
    """Parse *html* within the bounds on work (every parse of a page goes through here).

    Raises:
        NotALiveBlog: The markup nests too deeply or holds too many elements.

    """
    tags = html.count("<")
    if tags <= MAX_DEPTH:
        return LexborHTMLParser(html)  # too few tags to pass either bound (most fragments)
    if tags > PARSE_FIRST:
        check_markup(html)
    tree = LexborHTMLParser(html)
    if tree.css_first(_TOO_DEEP) is not None:
        raise _too_deep()
    return tree
