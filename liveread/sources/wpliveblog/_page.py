"""A post running the Liveblog plugin: its settings, its entries in the markup, where to go next.

What the page carries, in the order it is trusted:

1. ``var liveblog_settings = {...}`` (the plugin's ``wp_localize_script``): the
   per-post REST endpoint, the post id, the state (``enable``/``archive``),
   the newest comment (id and time: where the frontend's polling starts),
   entries per page, the polling interval, the server's time.
2. Without it: WordPress's REST root (``<link rel="https://api.w.org/">``) plus
   ``liveblog/v1/<post id>/``, the post id taken from the plugin's container,
   ``body.postid-<id>`` or the shortlink.
3. The entries the page renders (``#liveblog-entries``; none in the 1.9 React
   app's ``#wpcom-liveblog-container``, which loads them over REST).

The page is the blog's page 1 only for what it shows: when it shows a full
page of entries (or a "load more"), the history walk goes on with REST page 2
counted from the newest entry, the way the frontend asks for it. When it
shows none, or what it shows is not one REST page (another count than
``entries_per_page``), the page is a shell over the REST pages: REST page 1
is its feed (``Snapshot.feed``), read with it every time, and the walk goes
on from there (reading some entries twice is harmless, skipping some is not).
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import quote, urldefrag, urljoin

from selectolax.lexbor import LexborHTMLParser, LexborNode

from liveread.errors import LayoutChanged
from liveread.model import Entry, Pages, Request, Snapshot, sort_newest_first
from liveread.sanitize import clean_inline
from liveread.sources import _html as walker
from liveread.sources._lenient import loads
from liveread.sources.wpliveblog._entries import entry_from_node, entry_id, node_timestamp, number
from liveread.sources.wpliveblog._format import (
    ACCEPT,
    ANCHOR,
    APP_CONTAINER,
    ARCHIVED_ATTR,
    BODY_POST_ID,
    DEFAULT_PER_PAGE,
    DEFAULT_REFRESH,
    ENTRIES_CONTAINER,
    ENTRY,
    LAST_TIMESTAMP_ATTR,
    LOAD_MORE,
    NAME,
    NAMESPACE,
    OG_DESCRIPTION,
    OG_TITLE,
    PAGE_HEADLINE,
    POST_ID_ATTR,
    REST_ROOT_LINK,
    ROUTE_PAGE,
    SETTINGS_START,
    SHORTLINK,
    SHORTLINK_POST_ID,
    STATE_ENDED,
    STATE_LIVE,
    Data,
    Settings,
)
from liveread.urls import blog_url, host, is_safe_link

__all__ = ["PageConfig", "detect_html", "page_config", "paged_url", "parse_html", "read_settings"]

_log = logging.getLogger(__name__)
_SETTINGS_HINT = "liveblog_settings"


def read_settings(tree: LexborHTMLParser) -> dict[str, Any] | None:
    """The page's ``liveblog_settings`` object, or None when no script defines it."""
    for script in tree.css("script"):
        text = script.text(deep=True)
        if _SETTINGS_HINT not in text:
            continue
        match = SETTINGS_START.search(text)
        if match is None:
            continue
        try:
            found, _ = json.JSONDecoder().raw_decode(text, match.end())
        except ValueError:
            end = text.find("};", match.end())
            try:
                found = loads(text[match.end() : end + 1 if end >= 0 else len(text)])
            except ValueError:
                continue
        if isinstance(found, dict):
            return found
    return None


@dataclass(frozen=True)
class PageConfig:
    """What the page says about asking the plugin for entries.

    Attributes:
        permalink: The post's permalink (canonical link, else the page's URL without fragment).
        post_id: The post's id, or None.
        endpoint: The per-post endpoint the routes are appended to, or None.
        rest: The endpoint is the REST API's (``liveblog/v1``), not the legacy one.
        state: ``enable``, ``archive``, or None when the page does not say.
        latest_id: The newest comment's id, or None.
        latest_ts: That comment's time (epoch seconds), or None.
        server_ts: The server's time when it rendered the page, or None.
        per_page: Entries per page of the paged route, or None.
        refresh: Seconds between the frontend's polls.

    """

    permalink: str
    post_id: str | None
    endpoint: str | None
    rest: bool
    state: str | None
    latest_id: str | None
    latest_ts: int | None
    server_ts: int | None
    per_page: int | None
    refresh: int


def _attr(tree: LexborHTMLParser, selector: str, name: str) -> str:
    node = tree.css_first(selector)
    return clean_inline(node.attributes.get(name) or "") if node is not None else ""


def _post_id(tree: LexborHTMLParser, settings: dict[str, Any]) -> str | None:
    """The post id: settings, the plugin's containers, the body class, the shortlink."""
    found = entry_id(settings.get(Settings.POST))
    if found:
        return found
    app = tree.css_first(APP_CONTAINER)
    if app is not None:
        for name in (app.attributes.get("class") or "").split():
            if entry_id(name):
                return entry_id(name)
    found = entry_id(_attr(tree, ENTRIES_CONTAINER, POST_ID_ATTR))
    if found:
        return found
    body = tree.body
    match = BODY_POST_ID.search(body.attributes.get("class") or "") if body is not None else None
    if match:
        return str(int(match.group(1)))
    match = SHORTLINK_POST_ID.search(_attr(tree, SHORTLINK, "href"))
    return str(int(match.group(1))) if match else None


def _link(value: object, base: str) -> str | None:
    if not isinstance(value, str) or not clean_inline(value):
        return None
    url = urljoin(base, clean_inline(value))
    return url if is_safe_link(url) else None


def page_config(tree: LexborHTMLParser, url: str) -> PageConfig:
    """Read what the page says about its entries' endpoint (settings first, WordPress's next)."""
    settings = read_settings(tree) or {}
    canonical = _link(_attr(tree, 'link[rel="canonical"]', "href"), url)
    permalink = canonical or urldefrag(url).url
    post_id = _post_id(tree, settings)
    endpoint = _link(settings.get(Settings.ENDPOINT), url)
    if endpoint is not None and endpoint.startswith("http://") and url.startswith("https://"):
        # The frontend asks every endpoint over https (api.js, secureAjax): a
        # site behind a TLS proxy may still name its endpoint http://.
        endpoint = "https://" + endpoint[len("http://") :]
    rest = endpoint is not None and (
        number(settings.get(Settings.USE_REST)) == 1 or NAMESPACE in endpoint
    )
    if endpoint is None and post_id is not None:
        root = _link(_attr(tree, REST_ROOT_LINK, "href"), url)
        if root is not None:
            # rest_url() ends with "/" in both forms (".../wp-json/", "...?rest_route=/").
            endpoint = f"{root if root.endswith('/') else root + '/'}{NAMESPACE}/{post_id}/"
            rest = True
    state = settings.get(Settings.STATE)
    refresh = number(settings.get(Settings.REFRESH))
    return PageConfig(
        permalink=permalink,
        post_id=post_id,
        endpoint=endpoint,
        rest=rest,
        state=state if isinstance(state, str) and state else None,
        latest_id=entry_id(settings.get(Settings.LATEST_ID)),
        latest_ts=number(settings.get(Settings.LATEST_TS)),
        server_ts=number(settings.get(Settings.TIMESTAMP)),
        per_page=number(settings.get(Settings.PER_PAGE)) or None,
        refresh=refresh if refresh else DEFAULT_REFRESH,
    )


def _entry_nodes(tree: LexborHTMLParser) -> list[LexborNode]:
    """The entry elements under the plugin's containers (the server's list, the React DOM).

    An element under both (a theme nesting them) comes twice: the reader
    keeps each entry id once.
    """
    return list(tree.css(f"{ENTRIES_CONTAINER} {ENTRY}, {APP_CONTAINER} {ENTRY}"))


def detect_html(tree: LexborHTMLParser) -> bool:
    """Tell whether a page runs the Liveblog plugin: its settings, its container, its entries.

    Args:
        tree: The parsed page.

    """
    settings = read_settings(tree)
    if settings is not None and Settings.ENDPOINT in settings:
        return True
    if tree.css_first(APP_CONTAINER) is not None:
        return True
    return tree.css_first(f"{ENTRIES_CONTAINER} {ENTRY}") is not None


def paged_url(endpoint: str, page: int, anchor: str) -> str:
    """The paged route's URL: page *page* counted from *anchor* (``<id>-<timestamp>``)."""
    return endpoint + ROUTE_PAGE.format(page=page, anchor=quote(anchor, safe="-"))


def _title(tree: LexborHTMLParser) -> str:
    title = _attr(tree, OG_TITLE, "content")
    if title:
        return title
    for selector in (PAGE_HEADLINE, "title"):
        node = tree.css_first(selector)
        if node is not None and (text := walker.inline_text(node)):
            return text
    return ""


def _live(tree: LexborHTMLParser, config: PageConfig) -> bool | None:
    if config.state == STATE_LIVE:
        return True
    if config.state == STATE_ENDED:
        return False
    archived = tree.css_first(f"{ENTRIES_CONTAINER}[{ARCHIVED_ATTR}]")
    return False if archived is not None else None


def _older(
    tree: LexborHTMLParser, config: PageConfig, shown: int, anchor: str | None
) -> str | None:
    """The next page of the history walk after this page, or None."""
    if not (config.rest and config.endpoint and anchor):
        return None  # the legacy endpoint has no pages: the page is all there is
    if shown == 0:
        return paged_url(config.endpoint, 1, anchor)
    per_page = config.per_page or DEFAULT_PER_PAGE
    more = tree.css_first(LOAD_MORE) is not None or shown >= per_page
    if not more:
        return None
    return paged_url(config.endpoint, 2 if shown == per_page else 1, anchor)


def parse_html(tree: LexborHTMLParser, url: str, *, now: datetime) -> Snapshot:
    """Read a post running the plugin: its entries, and where its REST answers are.

    Args:
        tree: The parsed page.
        url: Where it came from.
        now: This machine's time, to measure how far ahead the server's clock runs.

    Returns:
        A page snapshot. ``source_data`` holds the endpoint, whether it is the
        REST one, the newest comment's time, the polling interval and the
        server's clock offset; the cursor is left to the update answers.

    Raises:
        LayoutChanged: The plugin's markers are there, but neither entries nor an endpoint.

    """
    config = page_config(tree, url)
    nodes = _entry_nodes(tree)
    entries: list[Entry] = []
    seen: set[str] = set()
    newest: tuple[int, str] | None = None
    for node in nodes:
        entry = entry_from_node(node, config.permalink)
        if entry is None or entry.id in seen:
            continue
        seen.add(entry.id)
        entries.append(entry)
        stamp = node_timestamp(node) or int(entry.published.timestamp())
        if newest is None or (stamp, entry.id) > newest:
            newest = (stamp, entry.id)
    where = host(url)
    if nodes and not entries:
        raise LayoutChanged(f"{where}: Liveblog entries are in the page but none could be read")
    if not entries and config.endpoint is None:
        raise LayoutChanged(f"{where}: a Liveblog page that names no endpoint and shows no entry")
    latest_ts = config.latest_ts
    if latest_ts is None:
        # The entries' own times first: 2.x's data-last-timestamp is the last
        # entry listed, which is the oldest one shown.
        latest_ts = (
            newest[0] if newest else number(_attr(tree, ENTRIES_CONTAINER, LAST_TIMESTAMP_ATTR))
        )
    latest_id = config.latest_id or (newest[1] if newest else None)
    anchor = ANCHOR.format(id=latest_id, timestamp=latest_ts) if latest_id and latest_ts else None
    older = _older(tree, config, len(entries), anchor)
    feed = None
    if (
        older is not None
        and anchor
        and config.endpoint
        and older == paged_url(config.endpoint, 1, anchor)
    ):
        # What the page shows does not line up with the REST pages (a page
        # rendered by script shows none): the page is a shell over them, and
        # the first REST page is its feed, the walk goes on from there.
        feed, older = Request(older, accept=ACCEPT), None
    data: dict[str, Any] = {}
    if config.endpoint is not None:
        ahead = (config.server_ts - now.timestamp()) if config.server_ts is not None else 0.0
        data = {
            Data.ENDPOINT: config.endpoint,
            Data.REST: config.rest,
            Data.LATEST: latest_ts,
            Data.REFRESH: config.refresh,
            # Only a server clock ahead of ours counts: a page served from a
            # cache carries an old time, which must not hold the polls back.
            Data.OFFSET: max(0.0, round(ahead, 3)),
        }
    return Snapshot(
        url=blog_url(url),
        source=NAME,
        entries=sort_newest_first(entries),
        title=_title(tree),
        standfirst=_attr(tree, OG_DESCRIPTION, "content"),
        live=_live(tree, config),
        # The page cannot count the pages: "at least two" while it names a next
        # one; the REST pages say how many (the walk believes the larger count).
        pages=Pages(1, 2 if older else 1, older=older),
        feed_ids=tuple(entry.id for entry in entries),
        kind="page",
        source_data=data,
        feed=feed,
    )
