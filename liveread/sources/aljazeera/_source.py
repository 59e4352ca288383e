"""Al Jazeera's live blogs as a source: a page over its GraphQL shell, one request per update.

The page renders none of the blog: it is a shell over the site's GraphQL API
(:mod:`._profile`). Its snapshot names the blog and its feed, the blog's
shell (``ArchipelagoSingleLiveBlogQuery``, asked with the ``wp-site`` header
the API needs). The shell lists **every** update by id with its publication
time (``childrenMeta``): each update is an entry held elsewhere
(``LiveBlogUpdateQuery``), read once, so a poll costs one request plus one per
new update, never a re-read of every update. The shell is also what each poll
asks; read with the follow state, it says:

- the updates it no longer lists: taken down (the shell lists them all);
- edits: an update's own ``modified_gmt`` is only in its own answer, so when
  the blog's ``modified_gmt`` moved and no update is new, or it moved past
  its newest update's time (something other than a new update changed), the
  :data:`RECHECK` newest updates are read again, once. liveread's rule: the
  site documents none (an edit made within the same poll interval as a
  newer update, before it, goes unseen);
- the end (``isLive: false``); the newest update, read again then, names the
  blog that continues this one ("our coverage continues here").

Recognised by its canonical address, ``…/liveblog/YYYY/M/D/<slug>`` (the
page's markup is not documented), or by the API's own answers.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from datetime import datetime
from typing import Any, ClassVar
from urllib.parse import urlsplit

from liveread import urls
from liveread.errors import LayoutChanged
from liveread.model import EntryRef, FollowState, Request, Snapshot
from liveread.sanitize import clean_inline
from liveread.sources import _meta as meta
from liveread.sources._contract import Document, Source
from liveread.sources.aljazeera._profile import (
    SHELL_OP,
    SITE_HEADER,
    UPDATE_OP,
    shell_variables,
    update_variables,
)
from liveread.sources.aljazeera._read import (
    Shell,
    continuation,
    is_shell,
    is_update,
    read_shell,
    read_update,
    request_url,
    site_of,
)
from liveread.urls import host

__all__ = ["POLL_EVERY", "RECHECK", "AlJazeeraSource"]

JSON = "application/json"
#: Seconds between two polls of the shell: the site's own cadence is not
#: known; a third-party follower of these blogs reads the list every 15 s.
POLL_EVERY = 15.0
#: Updates read again when the blog changed otherwise than by a new update.
RECHECK = 5
#: A live blog's address: ``/liveblog/`` and its day, then its slug.
BLOG_PATH = re.compile(r"/liveblog/\d{4}/\d{1,2}/\d{1,2}/([^/?#]+)/?$")
_ADDRESSES = ('link[rel="canonical"]', 'meta[property="og:url"]')
_TITLE = 'meta[property="og:title"]'
_DESCRIPTION = 'meta[name="description"], meta[property="og:description"]'
# source_data keys: every update id the shell listed, the newest, the blog's modified_gmt.
_IDS = "ids"
_NEWEST = "newest"
_MODIFIED = "modified"


def _address(doc: Document) -> str | None:
    """The page's own address (canonical link, else og:url) when it is a live blog's."""
    if "/liveblog/" not in doc.text:
        return None
    for selector in _ADDRESSES:
        node = doc.tree.css_first(selector)
        value = node.attributes.get("href") or node.attributes.get("content") if node else None
        if value and BLOG_PATH.search(urlsplit(urls.join(doc.url, value.strip())).path):
            return urls.join(doc.url, value.strip())
    return None


def _headers(blog: str) -> tuple[tuple[str, str], ...]:
    return ((SITE_HEADER, site_of(blog)),)


def _update_request(blog: str, update_id: str) -> Request:
    variables = update_variables(int(update_id))
    return Request(request_url(blog, UPDATE_OP, variables), JSON, _headers(blog))


def _page(doc: Document, address: str, source: str) -> Snapshot:
    """The page: the blog's name, and its shell as its feed."""
    found = BLOG_PATH.search(urlsplit(address).path)
    assert found is not None
    tree = doc.tree
    title = tree.css_first(_TITLE)
    heading = tree.css_first("h1")
    described = tree.css_first(_DESCRIPTION)
    blog = urls.blog_url(doc.url)
    return Snapshot(
        url=blog,
        source=source,
        entries=(),
        title=clean_inline(title.attributes.get("content") or "")
        if title is not None
        else clean_inline(heading.text() if heading is not None else ""),
        standfirst=clean_inline(described.attributes.get("content") or "") if described else "",
        site_name=meta.site_name(tree),
        feed=Request(
            request_url(blog, SHELL_OP, shell_variables(found.group(1))), JSON, _headers(blog)
        ),
    )


def _stamp(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment is not None else None


def _data(shell: Shell) -> dict[str, Any]:
    """What the next poll compares with: the ids listed, the newest, the blog's last change."""
    return {
        _IDS: [i for i, _ in shell.updates],
        _NEWEST: shell.updates[0][0] if shell.updates else None,
        _MODIFIED: _stamp(shell.modified),
    }


def _edited_since(shell: Shell, before: Mapping[str, Any]) -> bool:
    """True when the blog changed since the last poll otherwise than by new updates alone.

    Its ``modified_gmt`` moved, and no update is new, or the change came
    after its newest update was published.
    """
    if shell.modified is None or before.get(_MODIFIED) in (None, _stamp(shell.modified)):
        return False
    held = before.get(_IDS)
    known = set(held) if isinstance(held, list) else set()
    if all(i in known for i, _ in shell.updates):
        return True
    newest = max((t for _, t in shell.updates if t is not None), default=None)
    return newest is None or shell.modified > newest


def _snapshot(shell: Shell, blog: str, source: str, recheck: set[str], *, update: bool) -> Snapshot:
    ids = tuple(i for i, _ in shell.updates)
    refs = tuple(
        EntryRef(i, _update_request(blog, i), shell.modified if i in recheck else None) for i in ids
    )
    summary = (shell.summary,) if shell.summary is not None else ()
    return Snapshot(
        url=urls.blog_url(blog),
        source=source,
        entries=summary,
        title="" if update else shell.title,
        standfirst="" if update else shell.standfirst,
        live=shell.live,
        main_image=None if update else shell.main_image,
        feed_ids=() if update else ids,
        kind="update" if update else "page",
        source_data=_data(shell),
        elsewhere=refs,
    )


class AlJazeeraSource(Source):
    """Al Jazeera live blogs: the GraphQL shell, its summary, and each update read on its own."""

    name: ClassVar[str] = "aljazeera"
    label: ClassVar[str] = "Al Jazeera live blogs (a /liveblog/ page and its GraphQL answers)"
    #: A site family: before the generic readers.
    priority: ClassVar[int] = 22
    min_interval: ClassVar[float] = POLL_EVERY

    def detect(self, doc: Document) -> bool:
        """A live blog's page (by its address), or a shell or update the API answered."""
        if doc.looks_like_json:
            return is_shell(doc.json) or is_update(doc.json)
        return _address(doc) is not None

    def parse(self, doc: Document) -> Snapshot:
        """Read the page (a shell over the API), or the shell it names (the blog's feed)."""
        if not doc.looks_like_json:
            address = _address(doc)
            if address is None:
                raise LayoutChanged(f"{host(doc.url)}: an Al Jazeera page without its address")
            return _page(doc, address, self.name)
        if is_update(doc.json):  # an update saved on its own (``liveread parse``)
            entry = read_update(doc.json, doc.blog)
            if entry is None:
                raise LayoutChanged(f"{host(doc.url)}: an Al Jazeera update without id or time")
            return Snapshot(urls.blog_url(doc.blog), self.name, (entry,), kind="update")
        shell = self._shell(doc)
        newest = {shell.updates[0][0]} if shell.updates and shell.live is False else set()
        return _snapshot(shell, doc.blog, self.name, newest, update=False)

    def update_request(self, state: FollowState) -> Request | None:
        """The shell, as the page's feed names it."""
        return state.feed

    def read_update(self, doc: Document, state: FollowState) -> Snapshot:
        """Read a poll of the shell, or one update asked on its own."""
        if is_update(doc.json):
            return self._update(doc, state)
        shell = self._shell(doc)
        before = state.source_data
        held = before.get(_IDS)
        listed = {i for i, _ in shell.updates}
        # The shell lists every update: one it listed before and lists no more was taken down.
        gone = tuple(
            i
            for i in (held if isinstance(held, list) else ())
            if isinstance(i, str) and i not in listed
        )
        recheck: set[str] = set()
        if _edited_since(shell, before):
            recheck = {i for i, _ in shell.updates[:RECHECK]}
        if shell.live is False and shell.updates:
            recheck.add(shell.updates[0][0])  # the closing update names what continues
        found = _snapshot(shell, doc.blog, self.name, recheck, update=True)
        return replace(found, removed_ids=gone)

    def _shell(self, doc: Document) -> Shell:
        try:
            return read_shell(doc.json, doc.blog)
        except ValueError:
            raise LayoutChanged(
                f"{host(doc.url)}: the Al Jazeera API answered no live blog"
            ) from None

    def _update(self, doc: Document, state: FollowState) -> Snapshot:
        """One update; the newest of an ended blog names the blog that continues it."""
        entry = read_update(doc.json, doc.blog)
        if entry is None:
            raise LayoutChanged(f"{host(doc.url)}: an Al Jazeera update without id or time")
        ends = state.live is False and state.source_data.get(_NEWEST) == entry.id
        return Snapshot(
            url=urls.blog_url(doc.blog),
            source=self.name,
            entries=(entry,),
            kind="update",
            continues_at=continuation(doc.json, doc.blog) if ends else None,
        )
