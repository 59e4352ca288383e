"""The server's two listings: an HTML page of the feeds, for people, and OPML, for readers."""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import TYPE_CHECKING

from liveread.feeds import Subscription, public_link, to_opml
from liveread.sanitize import clean_inline
from liveread.serve._routes import OPML_PATH, blog_path, merged_path

if TYPE_CHECKING:
    from liveread.serve._book import BlogRef

__all__ = ["index_page", "opml_document"]

OPML_TITLE = "Live blogs followed with liveread"


def _title(ref: BlogRef) -> str:
    return clean_inline(ref.title) or ref.name


def opml_document(refs: Sequence[BlogRef], base: str) -> bytes:
    """OPML listing each blog's Atom feed (not the merged one: it would repeat them all)."""
    subscriptions = [
        Subscription(_title(ref), base + blog_path(ref.name, "atom"), public_link(ref.url))
        for ref in refs
    ]
    return to_opml(subscriptions, title=OPML_TITLE).encode("utf-8")


def index_page(refs: Sequence[BlogRef], base: str) -> bytes:
    """A plain HTML page linking every feed; every title escaped."""

    def link(path: str, text: str) -> str:
        return f'<a href="{html.escape(base + path)}">{html.escape(text)}</a>'

    rows = [
        f"<li>{html.escape(_title(ref))}: {link(blog_path(ref.name, 'atom'), 'Atom')}, "
        f"{link(blog_path(ref.name, 'jsonfeed'), 'JSON Feed')}</li>"
        for ref in refs
    ]
    body = (
        '<!DOCTYPE html>\n<html><head><meta charset="utf-8">'
        f"<title>{html.escape(OPML_TITLE)}</title></head><body>\n"
        f"<h1>{html.escape(OPML_TITLE)}</h1>\n"
        f"<p>{link(OPML_PATH, 'feeds.opml')} (every blog's Atom feed, for a reader to import); "
        f"every blog in one feed: {link(merged_path('atom'), 'Atom')}, "
        f"{link(merged_path('jsonfeed'), 'JSON Feed')}.</p>\n"
        f"<ul>\n{chr(10).join(rows)}\n</ul>\n</body></html>\n"
    )
    return body.encode("utf-8")
