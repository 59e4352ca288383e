"""Text and links made fit for a feed: XML 1.0 characters only, escaped, http(s) links only.

The cache's text went through :mod:`liveread.sanitize` when it was parsed,
but a feed is read by other programs, so it is treated as hostile again
here, at the one place it leaves: control and bidi characters are dropped
(:func:`liveread.sanitize.clean`), so are the two characters XML 1.0 forbids
that ``clean`` keeps (U+FFFE and U+FFFF), and everything written into XML or
HTML is escaped. A link survives only as an absolute http(s) URL without
user name or password (:func:`public_link`): a ``javascript:`` or ``data:``
link, or one that would hand a reader someone's credentials, is left out.
"""

from __future__ import annotations

import html
import re
from urllib.parse import urlsplit, urlunsplit

from liveread.sanitize import clean, clean_inline
from liveread.urls import is_safe_link

__all__ = ["attr", "escape", "one_line", "plain", "public_link"]

# Not characters at all (XML 1.0 "Char" excludes them); clean() keeps them as text.
_NON_CHARACTERS = re.compile("[\ufffe\uffff]")


def plain(text: str) -> str:
    """Return *text* with only the characters XML 1.0 allows and a reader should see."""
    text = clean(text)
    if "\ufffe" in text or "\uffff" in text:
        text = _NON_CHARACTERS.sub("", text)
    return text


def one_line(text: str | None) -> str:
    """Return *text* as :func:`plain`, on one line, whitespace collapsed ("" for None)."""
    if not text:
        return ""
    return " ".join(plain(clean_inline(text)).split())


def escape(text: str) -> str:
    """Escape ``&``, ``<`` and ``>`` for XML or HTML element content."""
    return html.escape(text, quote=False)


def attr(text: str) -> str:
    """Escape text for a double-quoted XML or HTML attribute value."""
    return html.escape(text, quote=True)


def public_link(url: str | None) -> str | None:
    """Return *url* fit to hand a feed reader, or None.

    Only an absolute http or https URL without control characters or spaces
    (:func:`liveread.urls.is_safe_link`) is kept, and any user name and
    password in it are removed.
    """
    if not is_safe_link(url):
        return None
    assert url is not None
    parts = urlsplit(url)
    if "@" not in parts.netloc:
        return url
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    netloc = f"{host}:{parts.port}" if parts.port else host
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))
