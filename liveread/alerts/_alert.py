"""What an alert is, when one is due, and the words and values it carries.

:func:`alerts_for` turns one group of cache changes into alerts: a new entry
that matches a watch, an edit that brings a watch's match the entry did not
have before (:meth:`~liveread.alerts.Watches.new_matches`), and, when asked,
a new entry that is a key event. The backfill of a blog (its history, read on
first contact) never alerts, and neither does a removal or a flag change.

:func:`alert_values` gives the six values a notify command and its
environment receive, each cleaned by :func:`liveread.sanitize.clean_inline`:
the blog by its outlet and title, the entry's writer where known, its time with
the zone's name.

:class:`AlertRule` is when a blog's changes are news, for ``liveread follow``
and the TUI alike: never the blog's history, read before the blog first went
live; a catch-up walk of older pages while following live (more entries
arrived than page 1 holds) is news.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from liveread.alerts._watch import Watches, previous_version
from liveread.model import Entry
from liveread.naming import BlogName, writer
from liveread.sanitize import clean_inline
from liveread.times import LOCAL, utc_now

if TYPE_CHECKING:
    from liveread.cache import Changes, Origin

__all__ = [
    "KEY_EVENT",
    "PLACEHOLDERS",
    "TEXT_MAX",
    "Alert",
    "AlertRule",
    "NotifySettings",
    "alert_values",
    "alerts_for",
    "env_name",
    "summarise",
]

#: The ``why`` of an alert for a new key event.
KEY_EVENT = "key event"
#: The placeholders of a notify command, in the order the README lists them.
PLACEHOLDERS = ("blog", "outlet", "title", "writer", "text", "url", "time", "why")
#: ``{text}`` is the entry's first this many characters.
TEXT_MAX = 200


def env_name(placeholder: str) -> str:
    """The environment variable that carries *placeholder*'s value: ``LIVEREAD_BLOG`` ..."""
    return "LIVEREAD_" + placeholder.upper()


@dataclass(frozen=True)
class NotifySettings:
    """How alerts are delivered (the ``[notify]`` table of ``config.toml``).

    Attributes:
        key_events: Alert for every new key event too, not only for watch matches.
        command: A program and its arguments to run for each alert (placeholders
            in the arguments), or None.
        bell: Ring the terminal bell.
        desktop: Write the terminal's desktop-notification sequences (OSC 9 and
            OSC 777; the TUI does).
        timeout: Seconds a notify command may run before it is killed.
        enabled: The config has a ``[notify]`` table (headless ``follow``
            alerts only then, or with ``--notify``).

    """

    key_events: bool = False
    command: tuple[str, ...] | None = None
    bell: bool = True
    desktop: bool = True
    timeout: float = 10.0
    enabled: bool = False


@dataclass(frozen=True)
class Alert:
    """One thing to tell the reader: an entry matched, or a key event arrived.

    Attributes:
        blog_title: The blog's title.
        entry: The entry (for a summary, the newest of those it sums up).
        why: The watches' names joined with ", ", or ``"key event"``.
        time: When the entry was published (its update, for an edit).
        blog_url: The blog's URL.
        watches: The names of the watches matched (empty for a key event alone).
        count: 1, or for a summary how many alerts it stands for.
        more: A summary of alerts that came after others already said.
        headlines: For a summary, the entries' titles (or first lines).
        outlet: Who publishes the blog: the site's own name, else its host
            ("" for a summary of several blogs).

    """

    blog_title: str
    entry: Entry
    why: str
    time: datetime
    blog_url: str = ""
    watches: tuple[str, ...] = ()
    count: int = 1
    more: bool = False
    headlines: tuple[str, ...] = ()
    outlet: str = ""

    @property
    def blog(self) -> str:
        """The blog by its outlet and title ("The Guardian: Storm Wrenna live")."""
        if not self.outlet:
            return clean_inline(self.blog_title)
        return clean_inline(BlogName(self.blog_url, self.blog_title, self.outlet).full)

    @property
    def writer(self) -> str:
        """Who wrote the entry, where its page says ("" for a summary, or when unknown)."""
        return clean_inline(writer(self.entry)) if self.count == 1 else ""

    @property
    def title(self) -> str:
        """The entry's title (or its first line); for a summary, "N entries match WHY"."""
        if self.count > 1:
            more = " more" if self.more else ""
            return f"{self.count}{more} entries match {self.why}"
        return headline(self.entry)

    @property
    def text(self) -> str:
        """The entry's first :data:`TEXT_MAX` characters; for a summary, the headlines."""
        body = " · ".join(self.headlines) if self.count > 1 else self.entry.text
        return textwrap.shorten(clean_inline(body), TEXT_MAX, placeholder="…") if body else ""

    def notification(self) -> tuple[str, str]:
        """A desktop notification's (title, body): the blog, then "title · writer: text"."""
        head = " · ".join(part for part in (self.title, self.writer) if part)
        body = ": ".join(part for part in (head, self.text) if part)
        return self.blog, body


def headline(entry: Entry) -> str:
    """An entry's title, or else the start of its first line."""
    if entry.title:
        return clean_inline(entry.title)
    first = next((line for line in entry.text.splitlines() if line.strip()), "")
    return textwrap.shorten(clean_inline(first), 80, placeholder="…") if first else ""


def alert_values(alert: Alert) -> dict[str, str]:
    """The placeholders' values for *alert*, each one line of sanitized text."""
    return {
        "blog": alert.blog,
        "outlet": clean_inline(alert.outlet),
        "title": clean_inline(alert.title),
        "writer": alert.writer,
        "text": alert.text,
        "url": clean_inline(alert.entry.url),
        "time": f"{LOCAL.clock(alert.time, utc_now())} {LOCAL.name(alert.time)}",
        "why": clean_inline(alert.why),
    }


def alerts_for(
    changes: Changes,
    origin: Origin,
    *,
    blog_url: str,
    blog_title: str,
    watches: Watches,
    key_events: bool = False,
    outlet: str = "",
) -> list[Alert]:
    """The alerts one group of changes of one blog calls for, oldest first.

    Args:
        changes: What one apply changed (its ``new`` and ``edited`` entries
            are looked at).
        origin: How the changes came; ``"backfill"`` never alerts (see
            :class:`AlertRule` for when a backfill is news after all).
        blog_url: The blog's URL (watches may be limited to some blogs).
        blog_title: The blog's title, for the alert.
        watches: The watches in force.
        key_events: Alert for new key events too.
        outlet: Who publishes the blog (the site's own name), for the alert.

    """
    if origin == "backfill":
        return []
    found: list[Alert] = []
    for entry in changes.new:
        names = watches.matching(entry, blog_url)
        if names or (key_events and entry.key_event):
            why = ", ".join(names) if names else KEY_EVENT
            found.append(
                Alert(blog_title, entry, why, entry.published, blog_url, names, outlet=outlet)
            )
    for entry in changes.edited:
        names = watches.new_matches(previous_version(entry), entry, blog_url)
        if names:
            when = entry.updated or entry.published
            found.append(
                Alert(blog_title, entry, ", ".join(names), when, blog_url, names, outlet=outlet)
            )
    return found


class AlertRule:
    """When one blog's changes alert: the one rule of ``liveread follow`` and the TUI.

    The follower reads a blog's history (older pages, origin ``"backfill"``)
    on first contact, before the blog is followed live: that is never news.
    Once the follower has reported the blog live, a backfill is a catch-up
    walk (more entries arrived between two polls than page 1 holds): its
    entries are news, and alert like a poll's.

    Attributes:
        live: The follower has reported the blog live (the history is read).

    """

    def __init__(self) -> None:
        self.live = False

    def saw_state(self, state: str) -> None:
        """The follower's status is now *state* ("live" once the history is read)."""
        if state == "live":
            self.live = True

    def news(self, origin: Origin) -> bool:
        """True when changes that came by *origin* are news (they may alert)."""
        return origin != "backfill" or self.live

    def alerts(
        self,
        changes: Changes,
        origin: Origin,
        *,
        blog: BlogName,
        watches: Watches,
        key_events: bool = False,
    ) -> list[Alert]:
        """The alerts *changes* call for (none when they are not news)."""
        if not self.news(origin):
            return []
        return alerts_for(
            changes,
            "page" if origin == "backfill" else origin,
            blog_url=blog.url,
            blog_title=blog.title,
            watches=watches,
            key_events=key_events,
            outlet=blog.outlet,
        )


def summarise(alerts: Sequence[Alert], *, more: bool) -> Alert:
    """One alert that stands for *alerts* (a burst): the newest entry, every reason, the count."""
    alerts = sorted(alerts, key=lambda a: a.time)  # a catch-up walk brings them newest first
    newest = alerts[-1]
    whys: list[str] = []
    for alert in alerts:
        for why in alert.watches or (alert.why,):
            if why not in whys:
                whys.append(why)
    blogs = list(dict.fromkeys((a.blog_url, a.blog_title, a.outlet) for a in alerts))
    blog_title = blogs[0][1] if len(blogs) == 1 else f"{len(blogs)} blogs"
    return Alert(
        blog_title,
        newest.entry,
        ", ".join(whys),
        newest.time,
        newest.blog_url if len(blogs) == 1 else "",
        tuple(dict.fromkeys(w for a in alerts for w in a.watches)),
        count=len(alerts),
        more=more,
        headlines=tuple(headline(a.entry) for a in alerts),
        outlet=blogs[0][2] if len(blogs) == 1 else "",
    )
