"""How liveread names a blog and cites an entry, wherever it does: tabs, lines, quotes, alerts.

A blog is named by its *outlet* first (the site's own name as its pages give
it, "The Guardian", else its host without ``www.``), never by the parser that
read it. :func:`short_names` gives each of several blogs a short name that
tells them apart (the TUI's tabs, the labels of ``liveread follow``'s lines):
the outlet, and where two share it, the first words of the title (or the
URL's last path segment while the title is unknown), else a number.

What is copied out of liveread names where it comes from:
:func:`citation` says the writer (where known), the outlet, the blog's title
and the time with its day, year and zone; :func:`entry_quote` is the quote
``y`` copies.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from liveread.model import Entry
from liveread.times import LOCAL, Zone
from liveread.urls import site

__all__ = [
    "SHORT_TITLE",
    "BlogName",
    "citation",
    "entry_quote",
    "short_names",
    "short_title",
    "writer",
]

#: The longest short title, in characters (an ellipsis included).
SHORT_TITLE = 18
#: Trailing punctuation a shortened title loses before its ellipsis.
_TRAILING = " :;,.-–—|"


@dataclass(frozen=True)
class BlogName:
    """What a blog is called by.

    Attributes:
        url: The blog's URL.
        title: Its title ("" until known).
        site_name: The site's own name as its pages give it ("" until known).

    """

    url: str
    title: str = ""
    site_name: str = ""

    @property
    def outlet(self) -> str:
        """Who publishes it: the site's own name, else its host without ``www.``."""
        return " ".join(self.site_name.split()) or site(self.url)

    @property
    def full(self) -> str:
        """The outlet and the title, "The Guardian: Storm Wrenna live" (the outlet if untitled)."""
        title = " ".join(self.title.split())
        return f"{self.outlet}: {title}" if title else self.outlet


def short_title(title: str, width: int = SHORT_TITLE) -> str:
    """The first words of *title* that fit in *width* characters, "…" when cut."""
    words = title.split()
    text = " ".join(words)
    if len(text) <= width:
        return text
    kept = ""
    for word in words:
        candidate = f"{kept} {word}" if kept else word
        if len(candidate) > width - 1:
            break
        kept = candidate
    if not kept:  # one long first word: cut it
        kept = words[0][: width - 1]
    return kept.rstrip(_TRAILING) + "…"


def _path_tail(url: str) -> str:
    """The URL's last path segment (shortened), or "" when it has none."""
    try:
        parts = [p for p in urlsplit(url).path.split("/") if p]
    except ValueError:
        return ""
    return short_title(parts[-1].replace("-", " ")) if parts else ""


def short_names(blogs: Sequence[BlogName]) -> list[str]:
    """A short name per blog, in order, that tells every one of *blogs* apart.

    The outlet; where several share it, "outlet · the title's first words"
    (the URL's last path segment while a title is unknown); where even that
    is shared, a number after the second and later ones.
    """
    names = [blog.outlet for blog in blogs]
    for name, count in Counter(names).items():
        if count < 2:
            continue
        for i, blog in enumerate(blogs):
            if names[i] == name:
                extra = short_title(blog.title) if blog.title.strip() else _path_tail(blog.url)
                names[i] = f"{name} · {extra}" if extra else name
    seen: Counter[str] = Counter()
    totals = Counter(names)
    for i, name in enumerate(names):
        seen[name] += 1
        if totals[name] > 1 and seen[name] > 1:
            names[i] = f"{name} {seen[name]}"
    return names


def writer(entry: Entry) -> str:
    """Who wrote the entry, as its page says ("" when it does not)."""
    return ", ".join(" ".join(a.split()) for a in entry.authors if a.strip())


def citation(entry: Entry, blog: BlogName, zone: Zone = LOCAL) -> str:
    """Where an entry comes from, in one line: writer, outlet, blog, time with its zone.

    "Maren Holt, The Guardian: Storm Wrenna live, 27 Nov 2024 14:05 GMT".
    """
    parts = [writer(entry), blog.full, zone.stamp(entry.published)]
    return ", ".join(part for part in parts if part)


def entry_quote(entry: Entry, blog: BlogName, zone: Zone = LOCAL) -> str:
    """The entry as a quote a journalist can paste: title, text, citation, permalink.

    The text was sanitized when the page was parsed (no control characters);
    the clipboard gets it base64-encoded (OSC 52), so nothing in it can act on
    the terminal.
    """
    lines: list[str] = []
    if entry.title:
        lines += [entry.title, ""]
    lines.append(entry.text.strip() or "(no text)")
    lines += ["", f"— {citation(entry, blog, zone)}"]
    if entry.url:
        lines.append(entry.url)
    return "\n".join(lines)
