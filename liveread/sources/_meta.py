"""What a page says about the site it belongs to: its name, its own picture.

Shared by the sources that read HTML pages. The site's name is what the page
tells social networks and browsers (``og:site_name``, ``application-name``);
a source that knows better (a JSON-LD ``publisher.name``, a data model's own
field) passes it as the fallback or uses its own. Everything is sanitized.
"""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

from selectolax.lexbor import LexborHTMLParser

from liveread.sanitize import clean_inline

__all__ = ["SITE_NAME_METAS", "page_image_urls", "same_picture", "site_name"]

#: Where pages name their site, best first.
SITE_NAME_METAS = (
    'meta[property="og:site_name"]',
    'meta[name="og:site_name"]',
    'meta[name="application-name"]',
    'meta[name="apple-mobile-web-app-title"]',
)
#: Where pages name their own (share) picture.
_PAGE_IMAGE_METAS = (
    'meta[property="og:image"]',
    'meta[property="og:image:secure_url"]',
    'meta[name="twitter:image"]',
    'meta[property="twitter:image"]',
)
_LONGEST_NAME = 120


def site_name(tree: LexborHTMLParser, fallback: str = "") -> str:
    """The site's name as the page gives it, else *fallback* (sanitized), else ""."""
    for selector in SITE_NAME_METAS:
        node = tree.css_first(selector)
        if node is not None:
            name = clean_inline(node.attributes.get("content") or "")
            if name:
                return name[:_LONGEST_NAME]
    return clean_inline(fallback)[:_LONGEST_NAME]


def _picture_key(url: str) -> str:
    """An image URL without query or fragment: image servers size one picture by query."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return url
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path, "", ""))


def same_picture(one: str | None, other: str | None) -> bool:
    """Tell whether two image URLs name the same picture (sizes and crops by query aside)."""
    return bool(one and other) and _picture_key(one or "") == _picture_key(other or "")


def page_image_urls(tree: LexborHTMLParser) -> list[str]:
    """The page's own picture URLs (``og:image`` and the like), as written."""
    found: list[str] = []
    for selector in _PAGE_IMAGE_METAS:
        for node in tree.css(selector):
            url = clean_inline(node.attributes.get("content") or "")
            if url and url not in found:
                found.append(url)
    return found
