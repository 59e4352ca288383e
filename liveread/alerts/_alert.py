"""What an alert is, when one is due, and the words and values it carries.

:func:`alerts_for` turns one group of cache changes into alerts: a new entry
that matches a watch, an edit that brings a watch's match the entry did not
have before (:meth:`~liveread.alerts.Watches.new_matches`), and, when asked,
a new entry that is a key event. The backfill of a blog (its history, read on
first contact) never alerts, and neither does a removal or a flag change.

:func:`alert_values` gives the six values a notify command and its
environment receive, each cleaned by :func:`liveread.sanitize.clean_inline`.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from liveread.alerts._watch import Watches, previous_version
from liveread.cache import Changes, Origin
from liveread.model import Entry
from liveread.sanitize import clean_inline
from liveread.times import local_time

__all__ = [
    "KEY_EVENT",
    "PLACEHOLDERS",
    "TEXT_MAX",
    "Alert",
    "NotifySettings",
    "alert_values",
    "alerts_for",
    "env_name",
    "summarise",
]

#: The ``why`` of an alert for a new key event.
KEY_EVENT = "key event"
#: The placeholders of a notify command, in the order the README lists them.
PLACEHOLDERS = ("blog", "title", "text", "url", "time", "why")
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
        """A desktop notification's (title, body): the blog, then "title: text"."""
        body = ": ".join(part for part in (self.title, self.text) if part)
        return clean_inline(self.blog_title), body


def headline(entry: Entry) -> str:
    """An entry's title, or else the start of its first line."""
    if entry.title:
        return clean_inline(entry.title)
    first = next((line for line in entry.text.splitlines() if line.strip()), "")
    return textwrap.shorten(clean_inline(first), 80, placeholder="…") if first else ""


def alert_values(alert: Alert) -> dict[str, str]:
    """The placeholders' values for *alert*, each one line of sanitized text."""
    return {
        "blog": clean_inline(alert.blog_title),
        "title": clean_inline(alert.title),
        "text": alert.text,
        "url": clean_inline(alert.entry.url),
        "time": local_time(alert.time, "%H:%M"),
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
) -> list[Alert]:
    """The alerts one group of changes of one blog calls for, oldest first.

    Args:
        changes: What one apply changed (its ``new`` and ``edited`` entries
            are looked at).
        origin: How the changes came; ``"backfill"`` never alerts.
        blog_url: The blog's URL (watches may be limited to some blogs).
        blog_title: The blog's title, for the alert.
        watches: The watches in force.
        key_events: Alert for new key events too.

    """
    if origin == "backfill":
        return []
    found: list[Alert] = []
    for entry in changes.new:
        names = watches.matching(entry, blog_url)
        if names or (key_events and entry.key_event):
            why = ", ".join(names) if names else KEY_EVENT
            found.append(Alert(blog_title, entry, why, entry.published, blog_url, names))
    for entry in changes.edited:
        names = watches.new_matches(previous_version(entry), entry, blog_url)
        if names:
            when = entry.updated or entry.published
            found.append(Alert(blog_title, entry, ", ".join(names), when, blog_url, names))
    return found


def summarise(alerts: Sequence[Alert], *, more: bool) -> Alert:
    """One alert that stands for *alerts* (a burst): the newest entry, every reason, the count."""
    alerts = sorted(alerts, key=lambda a: a.time)  # a catch-up walk brings them newest first
    newest = alerts[-1]
    whys: list[str] = []
    for alert in alerts:
        for why in alert.watches or (alert.why,):
            if why not in whys:
                whys.append(why)
    blogs = list(dict.fromkeys(a.blog_title for a in alerts))
    blog_title = blogs[0] if len(blogs) == 1 else f"{len(blogs)} blogs"
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
    )
