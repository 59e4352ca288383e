"""The WordPress Liveblog plugin as a source: detection, the three answers, and its polling.

The frontend polls ``entries/<newest timestamp + 1>/<now>/`` every
``refresh_interval`` seconds, ``now`` being the server's time (estimated from
the page's ``timestamp``) rounded to that interval so that every reader asks
the same URL and a cache answers most of them. liveread asks the same way:
the cursor is ``<newest timestamp>/<end of the last window>``, and the next
window starts after the newest comment seen, so nothing between two polls is
missed however long liveread was away (the route answers every comment of the
window, not a batch). Edits arrive as the entry's new version, deletions as
``removed_ids``.

Two choices differ from the frontend, both for the follower's sake:

- A window's end never repeats: asked twice in one interval (only possible
  on loopback, where polls may be that fast) it moves on by a second. Every
  answer then moves the cursor, so the follower drops the one-off URL's
  validators instead of keeping one per window (the plugin's REST answers
  carry no ETag or Last-Modified anyway).
- A page does not move the cursor. The page's newest comment starts the
  first poll; after that only answers move it, so a page read after an
  absence cannot skip the entries published meanwhile.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import datetime
from typing import Any, ClassVar

from liveread.errors import LayoutChanged
from liveread.model import FollowState, Snapshot
from liveread.sources._contract import NOT_JSON, Document, Request, Source
from liveread.sources.wpliveblog._format import NAME, Data
from liveread.times import utc_now
from liveread.urls import host

__all__ = ["WPLiveblogSource", "since_url"]


def _cursor(text: str | None) -> tuple[int | None, int | None]:
    """``<newest>/<end>`` (or a bare ``<newest>``) as numbers; (None, None) when unreadable."""
    from liveread.sources.wpliveblog._entries import number

    if not text:
        return None, None
    newest, _, end = text.partition("/")
    return number(newest), number(end)


def since_url(endpoint: str, start: int, end: int, *, rest: bool = True) -> str:
    """The entries-since URL for the window [start, end] (epoch seconds, inclusive)."""
    from liveread.sources.wpliveblog._format import ROUTE_SINCE, ROUTE_SINCE_LEGACY

    route = ROUTE_SINCE if rest else ROUTE_SINCE_LEGACY
    return endpoint + route.format(start=start, end=end)


class WPLiveblogSource(Source):
    """Posts running the WordPress VIP Liveblog plugin (``Automattic/liveblog``).

    Attributes:
        clock: This machine's clock, for the end of each polling window
            (tests give a fake one: ``find("wpliveblog").clock = ...``).

    """

    name: ClassVar[str] = NAME
    label: ClassVar[str] = (
        "WordPress Liveblog plugin markup or answers (liveblog_settings, #liveblog-entries, "
        "liveblog/v1 entries)"
    )
    priority: ClassVar[int] = 30

    def __init__(self) -> None:
        self.clock: Callable[[], datetime] = utc_now

    def detect(self, doc: Document) -> bool:
        """Recognise the plugin's JSON answers by their shape, its pages by its markers."""
        from liveread.sources.wpliveblog import _answers, _page

        if doc.looks_like_json:
            return _answers.answer_kind(doc.json) is not None
        return _page.detect_html(doc.tree)

    def parse(self, doc: Document) -> Snapshot:
        """Read a post's page, a page of the paged route, an entries-since or key-events answer."""
        from liveread.sources.wpliveblog import _answers, _page

        if doc.looks_like_json:
            data: Any = doc.json
            kind = _answers.answer_kind(data)
            if kind == "paged":
                return _answers.parse_paged(data, doc.url)
            if kind == "since":
                return _answers.parse_since(data, doc.url)[0]
            if kind == "key_events":
                return _answers.parse_key_events(data, doc.url)
            raise LayoutChanged(f"{host(doc.url)}: not an answer of the Liveblog plugin")
        return _page.parse_html(doc.tree, doc.url, now=self.clock())

    def _window(self, state: FollowState) -> tuple[str, bool, int, int] | None:
        """The next window to ask for: (endpoint, REST or not, start, end), or None."""
        from liveread.sources.wpliveblog._entries import number
        from liveread.sources.wpliveblog._format import DEFAULT_REFRESH

        data = state.source_data
        endpoint = data.get(Data.ENDPOINT)
        if not isinstance(endpoint, str) or not endpoint:
            return None
        newest, last_end = _cursor(state.cursor)
        if state.cursor is None:
            newest = number(data.get(Data.LATEST))
        start = newest + 1 if newest is not None else 0
        refresh = number(data.get(Data.REFRESH)) or DEFAULT_REFRESH
        offset = data.get(Data.OFFSET)
        ahead = float(offset) if isinstance(offset, (int, float)) and offset > 0 else 0.0
        now = self.clock().timestamp() + ahead
        # Math.round(now / refresh) * refresh, as the frontend writes it.
        end = math.floor(now / refresh + 0.5) * refresh
        if last_end is not None and end <= last_end < end + refresh:
            end = last_end + 1  # asked again within one interval: a window of its own
        return endpoint, data.get(Data.REST) is not False, start, max(start, end)

    def update_request(self, state: FollowState) -> Request | None:
        """The entries-since window after the newest comment seen, up to about now."""
        from liveread.sources.wpliveblog._format import ACCEPT

        window = self._window(state)
        if window is None:
            return None
        endpoint, rest, start, end = window
        return Request(since_url(endpoint, start, end, rest=rest), accept=ACCEPT)

    def read_update(self, doc: Document, state: FollowState) -> Snapshot:
        """Read an entries-since answer: new, edited and deleted entries, and the next cursor."""
        from liveread.sources.wpliveblog import _answers
        from liveread.sources.wpliveblog._entries import number

        data: Any = doc.json
        if data is NOT_JSON or _answers.answer_kind(data) != "since":
            raise LayoutChanged(f"{host(doc.url)}: the Liveblog endpoint answered something else")
        snapshot, newest = _answers.parse_since(data, doc.blog)
        held, _ = _cursor(state.cursor)
        if state.cursor is None:
            held = number(state.source_data.get(Data.LATEST))
        if newest is None or (held is not None and newest < held):
            newest = held  # nothing newer: the next window starts where this one did
        # The window just asked: its end is the cursor's second half.
        window = self._window(state)
        end = f"/{window[3]}" if window is not None else ""
        return snapshot.as_update(cursor=f"{newest if newest is not None else 0}{end}")
