"""The shapes of a Guardian blog's URLs: which page a URL is another shape of.

Apart from the page's reading (:mod:`._page`): mapping a URL a user gives to
its blog happens before the TUI's first screen, and needs no HTML parser.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from liveread.urls import blog_url

__all__ = ["blog_of", "page_of"]

#: Query parameters that pick a page or filter a blog: page 1 drops them.
_PAGE_PARAMS = frozenset({"page", "filterkeyevents", "topics"})
_DATA_SUFFIX = ".json"


def page_of(url: str) -> str | None:
    """The page *url* is another shape of (data model, older page, filter), or None.

    ``<page>.json?dcr=true`` is the page's data model; ``?page=with:block-…``,
    ``filterKeyEvents=`` and ``topics=`` pick a page or filter it: page 1 is
    the page without them (other query parameters are kept).
    """
    parts = urlsplit(url)
    path = parts.path or "/"
    query = parse_qsl(parts.query, keep_blank_values=True)
    kept = [(k, v) for k, v in query if k.lower() not in _PAGE_PARAMS]
    data_model = path.endswith(_DATA_SUFFIX)
    if not data_model and len(kept) == len(query):
        return None
    if data_model:
        path = path[: -len(_DATA_SUFFIX)]
        kept = [(k, v) for k, v in kept if k.lower() != "dcr"]
    return urlunsplit((parts.scheme, parts.netloc, path, urlencode(kept), ""))


def blog_of(url: str) -> str:
    """The blog key of any Guardian URL (page, older page, data model, poll)."""
    return blog_url(page_of(url) or url)
