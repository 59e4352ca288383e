"""A blog tab's header: the blog's title and outlet, and where following it stands.

Two lines. The first: a state badge (LIVE, ENDED, OFFLINE, STOPPED, or
READING while the history is read), the blog's title and its site (the name
its pages give, "Daily Mirror", else its host). The second, in plain
words: "updated 14:05, 12 s ago · next poll in 8 s", "reading history: page 3
of 14", "offline since 14:05 — <the last error>", "the blog has ended", or, in
``--offline`` mode, "cache only"; for a site that shows only a window of its
blog, from when liveread has it (:func:`~liveread.model.history_note`). All of
it is derived from the tab's :class:`~liveread.tui.blog._liveness.Liveness`
and facts bound into the header; what is said
is computed by :func:`badge` and :func:`status_parts` (pure, tested without a
terminal); times come from the app's clock, so a fixed clock gives a fixed
header. The title and every error come from outside and are added as plain
text (:class:`~textual.content.Content`), never parsed as markup.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, ClassVar

from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget

from liveread.cache import BlogSummary
from liveread.model import Blog, LiveState, history_note
from liveread.times import LOCAL, Zone, human_seconds
from liveread.tui.blog._liveness import Liveness
from liveread.tui.feed import age_label
from liveread.urls import host, site

if TYPE_CHECKING:
    from liveread.follow import FollowStatus

__all__ = ["BlogHeader", "badge", "history_of", "newest_text", "status_parts"]

#: How the header writes the times of a windowed blog's history ("27 Nov 14:02").
HISTORY_TIMES = "%d %b %H:%M"


def history_of(about: Blog | BlogSummary) -> str | None:
    """From when liveread has a blog whose site shows only a window of it (the header's)."""
    return history_note(
        about.window, about.history_from, about.following_since, HISTORY_TIMES, brief=True
    )


#: How often "12 s ago" is redrawn with a running clock, in seconds.
TICK_SECONDS = 1.0

_STYLES = ("title", "live", "ended", "offline", "stopped", "reading", "muted", "error", "note")


def _ago(moment: datetime, now: datetime) -> str:
    """Say "12 s ago", "5 min ago"; "just now" for a moment a little in the future."""
    seconds = (now - moment).total_seconds()
    if seconds < 1:
        return "just now"
    return f"{human_seconds(seconds)} ago"


_ENDED = (LiveState.ENDED.badge, "ended")


def badge(liveness: Liveness) -> tuple[str, str]:
    """The state badge's words and style name."""
    status = liveness.status
    if liveness.stopped or (status and status.state == "stopped" and liveness.following):
        return ("STOPPED", "stopped")
    if not liveness.following:
        return ("OFFLINE", "offline") if liveness.live is not False else _ENDED
    if liveness.ended:
        return _ENDED
    if status is None or status.state == "connecting":
        return ("CONNECTING", "reading")
    if liveness.reading_history:
        return ("READING", "reading")
    if liveness.offline:
        return ("OFFLINE", "offline")
    return (LiveState.LIVE.badge, "live")


def _checked(moment: datetime, now: datetime, zone: Zone) -> str:
    """When liveread last heard from the site: "checked 15:07, just now"."""
    return f"checked {zone.clock(moment, now)}, {_ago(moment, now)}"


def newest_text(newest: datetime | None, now: datetime, zone: Zone = LOCAL) -> str | None:
    """When the newest entry was published, zone named: "newest entry 14:05 CET, 12 min ago".

    With its date (and year, when not this year's) when not today's; from two
    weeks on without the age ("853 days ago" says less than the date).
    """
    if newest is None:
        return None
    age = age_label(newest, now)
    when = f"newest entry {zone.clock(newest, now)} {zone.name(newest)}"
    return f"{when}, {age}" if age else when


def _times(liveness: Liveness, now: datetime, newest: datetime | None, zone: Zone) -> list[str]:
    """The newest entry's time and the last check, apart (either may be unknown)."""
    checked = liveness.updated
    said = [newest_text(newest, now, zone), _checked(checked, now, zone) if checked else None]
    return [text for text in said if text]


def _not_following(
    liveness: Liveness, now: datetime, newest: datetime | None, zone: Zone
) -> list[tuple[str, str]] | None:
    """The status line when no follower runs (stopped for good, or ``--offline``), else None."""
    parts: list[tuple[str, str]] = []
    if liveness.stopped:
        parts.append((f"not following: {liveness.stopped}", "error"))
    elif not liveness.following:
        parts.append(("reading the cache only (--offline)", "muted"))
        if liveness.live is False:
            parts.append((" · the blog has ended", "muted"))
    else:
        return None
    parts += [(f" · {text}", "muted") for text in _times(liveness, now, newest, zone)]
    return parts


def status_parts(
    liveness: Liveness,
    url: str,
    now: datetime,
    newest: datetime | None = None,
    zone: Zone = LOCAL,
) -> list[tuple[str, str]]:
    """The status line of the blog at *url* as (text, style name) parts, in reading order.

    *newest* is when its newest entry was published; times are shown in *zone*.
    """
    said = _not_following(liveness, now, newest, zone)
    if said is not None:
        return said
    status = liveness.status
    parts: list[tuple[str, str]] = []
    if status is None or status.state == "connecting":
        parts.append((f"connecting to {host(url)}…", "muted"))
    elif status.state == "backfilling":
        total = f" of {status.pages_total}" if status.pages_total else ""
        parts.append((f"reading history: page {status.pages_done}{total}", "muted"))
    elif status.state == "offline":
        since = status.offline_since or now
        parts.append((f"offline since {zone.clock(since, now)}", "offline"))
        if status.last_error:
            parts.append((f" — {status.last_error}", "error"))
        return parts
    elif liveness.ended:
        parts.append(("the blog has ended; no more polling", "muted"))
        if liveness.continues:
            parts.append((f" · it continues at {liveness.continues} (c opens it)", "note"))
    elif status.state == "stopped":
        parts.append(("not following", "muted"))
    if status is None or status.state not in ("connecting", "backfilling"):
        for text in _times(liveness, now, newest, zone):
            parts.append(((" · " if parts else "") + text, "muted"))
    if status is not None:
        parts += _poller_parts(status, now)
    return parts


def _poller_parts(status: FollowStatus, now: datetime) -> list[tuple[str, str]]:
    """Who polls and when next, and the last trouble: the end of the status line."""
    parts: list[tuple[str, str]] = []
    if status.leader is not None:
        # Another liveread on this cache polls the blog; this one shows what it stores.
        parts.append((f" · following through another liveread, pid {status.leader}", "muted"))
    elif status.next_poll and status.state in ("live", "backfilling"):
        wait = (status.next_poll - now).total_seconds()
        when = f"in {human_seconds(wait)}" if wait >= 1 else "now"
        parts.append((f" · next poll {when}", "muted"))
    if status.last_error:
        parts.append((f" · {status.last_error}", "error"))
    return parts


class BlogHeader(Widget):
    """The title and state of the blog being read (two lines).

    The blog's tab binds its own :attr:`liveness` and :attr:`blog_title` into
    this widget's (``data_bind``): the header shows them and keeps none of its own.

    Args:
        url: The blog's URL.
        clock: Returns "now" (the app's clock).
        tick: Redraw every second, so "12 s ago" stays current (off with a fixed clock).
        name: The widget's name.
        id: The widget's DOM id.
        classes: The widget's CSS classes.

    Attributes:
        liveness: Where following the blog stands (bound to the tab's).
        blog_title: The blog's title ("" until known: the URL is shown instead;
            bound to the tab's).
        site_name: The site's name as its pages give it ("" until known: the
            host is shown instead; bound to the tab's).
        history: From when liveread has a blog whose site shows only a window
            of it (:func:`~liveread.model.history_note`), or None; bound.
        newest: When the blog's newest entry was published (None: no entry); bound.
        zone: Where times are shown (local time, or UTC).
        note: A line of its own to add ("3 new, 1 edited since 13:40"), or None.

    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {f"blog-header--{part}" for part in _STYLES}

    liveness: reactive[Liveness] = reactive(Liveness())
    blog_title: reactive[str] = reactive("")
    site_name: reactive[str] = reactive("")
    history: reactive[str | None] = reactive(None)
    newest: reactive[datetime | None] = reactive(None)
    note: reactive[str | None] = reactive(None)

    def __init__(
        self,
        url: str,
        *,
        clock: Callable[[], datetime],
        tick: bool = True,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.url = url
        self._clock = clock
        self._tick = tick
        self.zone: Zone = LOCAL

    def on_mount(self) -> None:
        """Keep the ages current when the clock runs."""
        if self._tick:
            self.set_interval(TICK_SECONDS, self.refresh)

    def set_zone(self, zone: Zone) -> None:
        """Show times in *zone* from now on."""
        self.zone = zone
        self.refresh()

    def _status(self, now: datetime) -> list[tuple[str, str]]:
        return status_parts(self.liveness, self.url, now, self.newest, self.zone)

    @property
    def status_text(self) -> str:
        """The status line as plain text (for tests and screen readers)."""
        return "".join(text for text, _ in self._status(self._clock()))

    @property
    def site_text(self) -> str:
        """The site as the first line names it: its own name, else its host."""
        return self.site_name or site(self.url)

    @property
    def title_text(self) -> str:
        """What the first line says, as plain text."""
        words, _ = badge(self.liveness)
        return f" {words} {self.blog_title or self.url} · {self.site_text}"

    def render(self) -> Content:
        """The two lines; page text (title, errors) always as plain text."""
        # Not partial: Textual's partial style drops an opaque background (the badges'),
        # and the LIVE/ENDED/... badge would show as dark text on the dark panel.
        styles = {part: self.get_visual_style(f"blog-header--{part}") for part in _STYLES}
        words, style = badge(self.liveness)
        now = self._clock()
        line1 = Content.assemble(
            (f" {words} ", styles[style]),
            " ",
            Content(self.blog_title or self.url).stylize(styles["title"]),
            Content(f" · {self.site_text}").stylize(styles["muted"]),
        )
        parts = self._status(now)
        if self.history:
            parts.append((f" · {self.history}", "muted"))
        pieces = [Content(text).stylize(styles[name]) for text, name in parts]
        line2 = Content.assemble(" ", *pieces)
        if self.note:
            line2 = Content.assemble(line2, "  ", Content(self.note).stylize(styles["note"]))
        width = max(self.size.width, 1)
        lines = (line1.truncate(width, ellipsis=True), line2.truncate(width, ellipsis=True))
        return Content("\n").join(lines)
