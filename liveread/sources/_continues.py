"""The blog that continues an ended one: the one rule every source that reads it shares.

Sites end a live blog and name the next ("our coverage continues here"): Al
Jazeera and Le Monde every day, the Guardian often, in the closing entry. A
link counts when it leads to another live blog **of the same site** (the
same host, a path of the site's live-blog shape, not this blog), so a chain
of them never leaves the site; the sources say which links to look at and
what their site's live-blog paths contain.
"""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlsplit

from liveread import urls
from liveread.sanitize import clean_inline

__all__ = ["next_blog"]


def next_blog(hrefs: Iterable[str], blog: str, marker: str) -> str | None:
    """The first of *hrefs* that is another live blog of *blog*'s site, as a blog URL; or None.

    Args:
        hrefs: Links as the page writes them (relative ones resolve on *blog*).
        blog: The blog's URL.
        marker: What the site's live-blog paths contain (``/live/``, ``/liveblog/``).

    """
    for href in hrefs:
        link = urls.join(blog, clean_inline(href))
        if marker in urlsplit(link).path and urls.continues_on_site(link, blog):
            return urls.blog_url(link)
    return None
