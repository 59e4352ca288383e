"""Reading schema.org property values: text, links, dates, names, bodies, images.

A value comes from JSON-LD (a string that may carry HTML or entities, a
number, an object, a list) or from microdata (a :class:`~.microdata.Prop`
whose attribute text is already decoded, or whose element is the value, or a
nested item dict). Every function here accepts both and returns sanitized,
plain values; none of them raises on malformed input.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime, timedelta, timezone
from typing import Any

from liveread.model import Block, Image
from liveread.sanitize import clean, clean_inline, unescape
from liveread.sources import _html as htmlwalk
from liveread.sources._helpers import absolute
from liveread.sources.schemaorg._microdata import Prop

__all__ = [
    "body_blocks",
    "first_time",
    "given",
    "images",
    "link",
    "names",
    "parse_time",
    "raw",
    "text",
    "values",
]

#: Block-level tags: their presence means a body is real HTML, where a newline is a space.
_BLOCK_TAG = re.compile(r"<(?:p|div|br|ul|ol|li|h[1-6]|blockquote|figure|table|section)\b", re.I)
#: Something shaped like a tag: decoded text that still has these was escaped HTML.
_TAG_LIKE = re.compile(r"</?[A-Za-z][^<>]*>")
_BLANK_LINE = re.compile(r"\n[ \t\u00a0]*\n\s*")
_ISO = re.compile(
    r"(\d{4})-(\d{1,2})-(\d{1,2})"
    r"(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?"
    r"\s*(Z|z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?"
)
#: At most this many images per update or blog, and author names per update.
_MAX_IMAGES = 20
_MAX_NAMES = 20


def values(node: Any, key: str) -> list[Any]:
    """Return the values of property *key* of a node, always as a list."""
    if not isinstance(node, dict):
        return []
    value = node.get(key)
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def raw(value: Any) -> str:
    """Return the plain string of a scalar value, before HTML handling ("" if none)."""
    if isinstance(value, Prop):
        return value.content if value.content is not None else htmlwalk.inline_text(value.node)
    for _ in range(4):  # {"@value": ...} wrappers, a few deep at most
        if not isinstance(value, dict):
            break
        value = value.get("@value")
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return ""


def text(candidates: Iterable[Any]) -> str:
    """Return the first non-empty one-line text among *candidates*, decoded and sanitized."""
    for value in candidates:
        if isinstance(value, Prop):
            found = clean_inline(raw(value))  # attribute values and node text are decoded already
        else:
            found = htmlwalk.html_to_text(raw(value))
        if found:
            return found
    return ""


def given(candidates: Iterable[Any]) -> str:
    """Return the first non-empty identifier exactly as the page gives it (only sanitized)."""
    for value in candidates:
        found = clean_inline((value.link or raw(value)) if isinstance(value, Prop) else raw(value))
        if found:
            return found
    return ""


def link(candidates: Iterable[Any], base: str, depth: int = 0) -> str | None:
    """Return the first candidate that makes an absolute http(s) URL against *base*."""
    for value in candidates:
        if isinstance(value, Prop):
            found = value.link or raw(value)
        elif isinstance(value, dict):
            if depth < 3:  # an ImageObject's url may itself be an object
                inner = link(values(value, "url") + values(value, "contentUrl"), base, depth + 1)
                if inner:
                    return inner
            found = raw(value.get("@id"))
        else:
            found = raw(value)
            if "&" in found:  # JSON-LD written by HTML templates: "&amp;" in query strings
                found = unescape(found)
        resolved = absolute(found, base)
        if resolved:
            return resolved
    return None


def names(candidates: Iterable[Any]) -> tuple[str, ...]:
    """Return author names from strings, Person/Organization objects or lists, deduplicated."""
    found: list[str] = []
    stack = list(candidates)[:_MAX_NAMES]
    stack.reverse()
    steps = 0
    while stack and len(found) < _MAX_NAMES and steps < 10 * _MAX_NAMES:
        steps += 1
        value = stack.pop()
        if isinstance(value, list):
            stack.extend(reversed(value[:_MAX_NAMES]))
            continue
        if not isinstance(value, (str, dict, Prop)):
            continue  # a bare number (one site writes "author": 1) is no name
        name = text(values(value, "name")) if isinstance(value, dict) else text([value])
        if name and name not in found:
            found.append(name)
    return tuple(found)


def parse_time(value: str) -> datetime | None:
    """Parse a date as sites write it into an aware UTC datetime; None if it is not one.

    Accepts ISO 8601 with ``Z``, an offset (``+01:00``, ``+0530``, ``+05``) or
    none (naive means UTC, as in :func:`liveread.model.parse_time`), fractions
    of any length, a date alone, and RFC 2822 (``Thu, 02 Nov 2023 10:00:00 +0530``).
    """
    value = value.strip()
    if not value:
        return None
    match = _ISO.match(value)
    try:
        if match:
            year, month, day, hour, minute, second, frac, zone = match.groups()
            micro = int((frac or "0")[:6].ljust(6, "0"))
            moment = datetime(
                int(year), int(month), int(day),
                int(hour or 0), int(minute or 0), int(second or 0), micro,
            )  # fmt: skip
            offset = timedelta(0)
            if zone and zone[0] in "+-":
                digits = zone[1:].replace(":", "")
                offset = timedelta(hours=int(digits[:2]), minutes=int(digits[2:4] or 0))
                offset = -offset if zone[0] == "-" else offset
            return moment.replace(tzinfo=timezone(offset)).astimezone(timezone.utc)
        # Imported here: the TUI imports every source to map a URL to its blog before
        # its first screen, and the email package costs more than this module (~18 ms).
        from email.utils import parsedate_to_datetime

        moment = parsedate_to_datetime(value)
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=timezone.utc)
        return moment.astimezone(timezone.utc)
    except (ValueError, TypeError, OverflowError, IndexError):
        return None


def first_time(candidates: Iterable[Any]) -> datetime | None:
    """Return the first candidate that parses as a date, in UTC."""
    for value in candidates:
        moment = parse_time(clean_inline(raw(value)))
        if moment is not None:
            return moment
    return None


def _plain_blocks(plain: str) -> list[Block]:
    """Split plain text into paragraphs.

    Blank lines separate paragraphs when there are any (a single newline is
    then a line break inside one); otherwise every line is a paragraph, as
    CMSes that join paragraphs with one newline mean it.
    """
    plain = clean(plain)
    if _BLANK_LINE.search(plain):
        chunks = _BLANK_LINE.split(plain)
        paragraphs = ("\n".join(filter(None, map(clean_inline, c.split("\n")))) for c in chunks)
    else:
        paragraphs = (clean_inline(line) for line in plain.split("\n"))
    return [Block("paragraph", text=paragraph) for paragraph in paragraphs if paragraph]


def _absolute_image(block: Block, base: str) -> Block:
    """Resolve an image block's URL against *base* (the shared walker leaves it as written)."""
    image = block.image
    if block.kind != "image" or image is None or not image.url:
        return block
    return Block("image", image=Image(image.caption, image.credit, absolute(image.url, base)))


def _html_blocks(markup: str, base: str) -> list[Block]:
    """Turn HTML into blocks with the shared walker, image URLs made absolute."""
    if _BLOCK_TAG.search(markup) and "<pre" not in markup.lower():
        # Real HTML: a newline in its source is a space, but the shared walker
        # keeps it as a line break, which would split sentences mid-line.
        markup = markup.replace("\n", " ")
    return [_absolute_image(block, base) for block in htmlwalk.blocks_from_html(markup)]


def body_blocks(candidates: Iterable[Any], base: str) -> list[Block]:
    """Return the body blocks of the first non-empty ``articleBody`` / ``text`` value.

    JSON text with tags is HTML; with entities only it is decoded and read as
    plain text (one paragraph per line) unless it then shows tags (escaped
    HTML). A microdata element is walked in place, never re-parsed.
    """
    for value in candidates:
        if isinstance(value, Prop) and value.content is None:
            return [_absolute_image(b, base) for b in htmlwalk.blocks_from_node(value.node)]
        body = raw(value)
        if not body.strip():
            continue
        if not isinstance(value, Prop):  # JSON text may carry markup or entities
            if "<" in body:
                return _html_blocks(body, base)
            if "&" in body:
                body = unescape(body)
        if _TAG_LIKE.search(body):
            return _html_blocks(body, base)
        return _plain_blocks(body)
    return []


def _image(value: Any, base: str) -> Image | None:
    """Read one image: a URL string, an ImageObject, or a microdata image property."""
    if not isinstance(value, dict):
        url = link([value], base)
        return Image("", "", url) if url else None
    url = link([value], base)
    caption = text(values(value, "caption")) or text(values(value, "description"))
    credit = text(values(value, "creditText"))
    if not credit:
        credit = ", ".join(names(values(value, "copyrightHolder") + values(value, "author")))
    if not (url or caption):
        return None
    return Image(caption, credit, url)


def images(candidates: Iterable[Any], base: str) -> list[Image]:
    """Return every distinct image among *candidates* (lists flattened one level), a few at most."""
    found: list[Image] = []
    for value in candidates:
        for item in value if isinstance(value, list) else [value]:
            image = _image(item, base)
            if image is not None and image not in found:
                found.append(image)
            if len(found) >= _MAX_IMAGES:
                return found
    return found
