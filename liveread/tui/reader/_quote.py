"""A quote of an entry, as ``y`` copies it to the clipboard.

Plain text a journalist can paste: the entry's title and text, then where it
comes from (the blog's title, the local time it was published) and its
permalink. The text was sanitized when the page was parsed (no control
characters), and the clipboard gets it base64-encoded (OSC 52), so nothing in
it can act on the terminal.
"""

from __future__ import annotations

from liveread.model import StoredEntry
from liveread.times import local_time

__all__ = ["entry_quote"]


def entry_quote(entry: StoredEntry, blog_title: str) -> str:
    """The entry as a quote: title, text, source line, permalink."""
    lines: list[str] = []
    if entry.title:
        lines += [entry.title, ""]
    lines.append(entry.text.strip() or "(no text)")
    when = local_time(entry.published, "%d %b %Y %H:%M")
    source = ", ".join(part for part in (blog_title.strip(), when) if part)
    lines += ["", f"— {source}"]
    if entry.url:
        lines.append(entry.url)
    return "\n".join(lines)
