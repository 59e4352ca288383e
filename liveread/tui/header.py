"""The blog screen's header: the blog's title, and where following it stands.

Two lines. The first: a state badge (LIVE, ENDED, OFFLINE, STOPPED, or
READING while the history is read) and the blog's title. The second, in plain
words: "updated 14:05, 12 s ago · next poll in 8 s", "reading history: page 3
of 14", "offline since 14:05 — <the last error>", "the blog has ended", or, in
``--offline`` mode, "cache only". What is said is computed by
:func:`status_parts` (pure, tested without a terminal); times come from the
app's clock, so a fixed clock gives a fixed header. The title and every error
come from outside and are added as plain text (:class:`~textual.content.Content`),
never parsed as markup.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from typing import ClassVar

from textual.content import Content
from textual.widget import Widget

from liveread.follow import FollowStatus
from liveread.times import human_seconds, local_time

__all__ = ["BlogHeader", "HeaderState", "badge", "status_parts"]

#: How often "12 s ago" is redrawn with a running clock, in seconds.
TICK_SECONDS = 1.0

_STYLES = ("title", "live", "ended", "offline", "stopped", "reading", "muted", "error", "note")


@dataclass(frozen=True)
class HeaderState:
    """Everything the header shows.

    Attributes:
        title: The blog's title ("" until known: the URL is shown instead).
        url: The blog's URL.
        live: True while the blog is written, False once ended, None if unknown.
        following: A follower runs (False in ``--offline`` mode).
        status: The follower's last status, or None before the first.
        last_success: When the blog was last fetched successfully (from the cache,
            until the follower says).
        stopped: Why following stopped for good, or None.
        note: A line of its own to add ("3 new, 1 edited since 13:40"), or None.

    """

    title: str = ""
    url: str = ""
    live: bool | None = None
    following: bool = True
    status: FollowStatus | None = None
    last_success: datetime | None = None
    stopped: str | None = None
    note: str | None = None


def _ago(moment: datetime, now: datetime) -> str:
    """Say "12 s ago", "5 min ago"; "just now" for a moment a little in the future."""
    seconds = (now - moment).total_seconds()
    if seconds < 1:
        return "just now"
    return f"{human_seconds(seconds)} ago"


def badge(state: HeaderState) -> tuple[str, str]:
    """The state badge's words and style name."""
    status = state.status
    if state.stopped or (status and status.state == "stopped" and state.following):
        return ("STOPPED", "stopped")
    if not state.following:
        return ("OFFLINE", "offline") if state.live is not False else ("ENDED", "ended")
    if state.live is False or (status and status.state == "ended"):
        return ("ENDED", "ended")
    if status is None or status.state == "connecting":
        return ("CONNECTING", "reading")
    if status.state == "backfilling":
        return ("READING", "reading")
    if status.state == "offline":
        return ("OFFLINE", "offline")
    return ("LIVE", "live")


def _updated(moment: datetime | None, now: datetime) -> str | None:
    if moment is None:
        return None
    return f"updated {local_time(moment, '%H:%M')}, {_ago(moment, now)}"


def status_parts(state: HeaderState, now: datetime) -> list[tuple[str, str]]:
    """The status line as (text, style name) parts, in reading order."""
    status = state.status
    last = (status.last_success if status else None) or state.last_success
    parts: list[tuple[str, str]] = []
    if state.stopped:
        parts.append((f"not following: {state.stopped}", "error"))
        if last:
            parts.append((f" · last {_updated(last, now)}", "muted"))
        return parts
    if not state.following:
        parts.append(("reading the cache only (--offline)", "muted"))
        if state.live is False:
            parts.append((" · the blog has ended", "muted"))
        if last:
            parts.append((f" · last {_updated(last, now)}", "muted"))
        return parts
    if status is None or status.state == "connecting":
        host = state.url.split("/")[2] if state.url.count("/") >= 2 else state.url
        parts.append((f"connecting to {host}…", "muted"))
    elif status.state == "backfilling":
        total = f" of {status.pages_total}" if status.pages_total else ""
        parts.append((f"reading history: page {status.pages_done}{total}", "muted"))
    elif status.state == "offline":
        since = status.offline_since or now
        parts.append((f"offline since {local_time(since, '%H:%M')}", "offline"))
        if status.last_error:
            parts.append((f" — {status.last_error}", "error"))
        return parts
    elif status.state == "ended" or state.live is False:
        parts.append(("the blog has ended; no more polling", "muted"))
    elif status.state == "stopped":
        parts.append(("not following", "muted"))
    updated = _updated(last, now)
    if updated and (status is None or status.state not in ("connecting", "backfilling")):
        parts.append(((" · " if parts else "") + updated, "muted"))
    if status and status.next_poll and status.state in ("live", "backfilling"):
        wait = (status.next_poll - now).total_seconds()
        when = f"in {human_seconds(wait)}" if wait >= 1 else "now"
        parts.append((f" · next poll {when}", "muted"))
    if status and status.last_error:
        parts.append((f" · {status.last_error}", "error"))
    return parts


class BlogHeader(Widget):
    """The title and state of the blog being read (two lines).

    Args:
        url: The blog's URL.
        clock: Returns "now" (the app's clock).
        tick: Redraw every second, so "12 s ago" stays current (off with a fixed clock).
        following: A follower will run (False in ``--offline`` mode).
        name: The widget's name.
        id: The widget's DOM id.
        classes: The widget's CSS classes.

    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {f"blog-header--{part}" for part in _STYLES}

    def __init__(
        self,
        url: str,
        *,
        clock: Callable[[], datetime],
        tick: bool = True,
        following: bool = True,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._clock = clock
        self._tick = tick
        self.state = HeaderState(url=url, following=following)

    def on_mount(self) -> None:
        """Keep the ages current when the clock runs."""
        if self._tick:
            self.set_interval(TICK_SECONDS, self.refresh)

    def update(self, **changes: object) -> None:
        """Change what the header shows (fields of :class:`HeaderState`)."""
        state = replace(self.state, **changes)  # type: ignore[arg-type]
        if state != self.state:
            self.state = state
            self.refresh()

    @property
    def status_text(self) -> str:
        """The status line as plain text (for tests and screen readers)."""
        return "".join(text for text, _ in status_parts(self.state, self._clock()))

    @property
    def title_text(self) -> str:
        """What the first line says, as plain text."""
        words, _ = badge(self.state)
        return f" {words} {self.state.title or self.state.url}"

    def render(self) -> Content:
        """The two lines; page text (title, errors) always as plain text."""
        # Not partial: Textual's partial style drops an opaque background (the badges'),
        # and the LIVE/ENDED/... badge would show as dark text on the dark panel.
        styles = {part: self.get_visual_style(f"blog-header--{part}") for part in _STYLES}
        words, style = badge(self.state)
        now = self._clock()
        line1 = Content.assemble(
            (f" {words} ", styles[style]),
            " ",
            Content(self.state.title or self.state.url).stylize(styles["title"]),
        )
        parts = status_parts(self.state, now)
        pieces = [Content(text).stylize(styles[name]) for text, name in parts]
        line2 = Content.assemble(" ", *pieces)
        if self.state.note:
            line2 = Content.assemble(line2, "  ", Content(self.state.note).stylize(styles["note"]))
        width = max(self.size.width, 1)
        lines = (line1.truncate(width, ellipsis=True), line2.truncate(width, ellipsis=True))
        return Content("\n").join(lines)
