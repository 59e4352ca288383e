"""Pick the adapter for some content, by what it contains (never by host name).

The same code must read a Guardian page served from theguardian.com and a copy
served from 127.0.0.1, so detection looks at markers in the content: the
Guardian's data-model keys or live-blog markup first (it is the richest
source), then schema.org ``LiveBlogPosting`` in JSON-LD, then in microdata.
"""

from __future__ import annotations

import json
import re
from typing import Any

from selectolax.lexbor import LexborHTMLParser

from liveread.errors import NotALiveBlog
from liveread.model import Blog
from liveread.sources import guardian, schemaorg

__all__ = ["decode", "parse"]

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_LOOKED_FOR = (
    "looked for Guardian live-blog data or markup (blocks, article.block, the Liveness "
    "island), a schema.org LiveBlogPosting in JSON-LD, and LiveBlogPosting microdata"
)


def decode(content: bytes | str, charset: str | None = None) -> str:
    """Decode page bytes: the given charset, else a BOM, a ``<meta charset>``, else UTF-8.

    Undecodable bytes become U+FFFD rather than an error: a page with a wrong
    charset is still read, with visible replacement characters.
    """
    if isinstance(content, str):
        return content
    if content.startswith(b"\xef\xbb\xbf"):
        return content[3:].decode("utf-8", errors="replace")
    candidates = [charset] if charset else []
    match = _META_CHARSET.search(content[:4096])
    if match:
        candidates.append(match.group(1).decode("ascii", "ignore"))
    candidates.append("utf-8")
    for name in candidates:
        try:
            return content.decode(name)
        except (LookupError, UnicodeDecodeError):
            continue
    return content.decode("utf-8", errors="replace")


def _lenient_json(text: str) -> Any:
    """Parse JSON-LD-ish text leniently (comments, trailing commas), or raise NotALiveBlog."""
    from liveread.sources.schemaorg._lenient import loads

    try:
        return loads(text)
    except ValueError as exc:
        raise NotALiveBlog(
            f"the content looks like JSON but does not parse ({exc}); {_LOOKED_FOR}"
        ) from None


def _parse_json(text: str, url: str) -> Blog:
    """Parse content that is JSON: a Guardian model or poll answer, or bare JSON-LD."""
    try:
        data: Any = json.loads(text)
    except ValueError:
        data = _lenient_json(text)
    if isinstance(data, dict) and guardian.is_poll(data):
        return guardian.parse_poll(data, url)
    if isinstance(data, dict) and guardian.is_model(data):
        return guardian.parse_model(data, url)
    if schemaorg.is_data(data):
        return schemaorg.parse_data(data, url)
    raise NotALiveBlog(f"no live blog in this JSON: {_LOOKED_FOR}")


def parse(content: bytes | str, url: str, *, charset: str | None = None) -> Blog:
    """Parse a live-blog page, data model or poll answer into a :class:`Blog`.

    Args:
        content: The page as bytes (decoded by charset, BOM or ``<meta>``) or text.
        url: Where the content came from; relative links resolve against it
            and it names the blog.
        charset: The charset the server declared, if any.

    Raises:
        NotALiveBlog: No format liveread knows was found; the message says what was looked for.
        LayoutChanged: A known site's markers were found but no entries could be read.
    """
    text = decode(content, charset)
    head = text.lstrip()[:1]
    if head in ("{", "["):
        return _parse_json(text, url)
    if not text.strip():
        raise NotALiveBlog(f"the page is empty; {_LOOKED_FOR}")
    if "\x00" in text[:8192]:
        raise NotALiveBlog(f"the content is binary, not a web page; {_LOOKED_FOR}")
    tree = LexborHTMLParser(text)
    if guardian.detect_html(tree):
        return guardian.parse_html(tree, url)
    if schemaorg.detect_html(tree):
        return schemaorg.parse_html(tree, url)
    raise NotALiveBlog(f"no live blog found on this page: {_LOOKED_FOR}")
