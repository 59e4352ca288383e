"""Plain-text and Markdown renderings of blogs and entries, for the headless commands.

The text is already sanitized by the adapters; these functions only lay it
out. Times are shown in the user's local time zone, and what is meant to be
copied out (an export, a brief) names that zone; the JSON forms stay UTC.
"""

from __future__ import annotations

import textwrap
from datetime import datetime
from typing import TYPE_CHECKING

from liveread.model import Block, Blog, Entry, LiveState, Snapshot, StoredEntry
from liveread.naming import writer
from liveread.times import LOCAL, local_time, utc_now
from liveread.urls import is_safe_link

if TYPE_CHECKING:
    from liveread.cli.brief_cmd import Brief

__all__ = [
    "badges",
    "blog_markdown",
    "blog_text",
    "brief_markdown",
    "brief_text",
    "entry_line",
    "md_inline",
]


def badges(entry: Entry) -> list[str]:
    """The entry's markers as words: KEY EVENT, SUMMARY, PINNED, REMOVED, EDITED."""
    marks = []
    if entry.key_event:
        marks.append("KEY EVENT")
    if entry.summary:
        marks.append("SUMMARY")
    if entry.pinned:
        marks.append("PINNED")
    if isinstance(entry, StoredEntry):
        if len(entry.revisions) > 1:
            marks.append("EDITED")
        if entry.removed:
            marks.append("REMOVED UPSTREAM")
    return marks


def _first_line(entry: Entry, width: int = 100) -> str:
    """The first line of the entry's text, shortened to *width* characters."""
    for line in entry.text.splitlines():
        line = line.strip()
        if line:
            return textwrap.shorten(line, width=width, placeholder="…")
    return ""


def entry_line(entry: Entry, event: str = "new") -> str:
    """One line describing a change to an entry (for `liveread follow`).

    ``14:05  new  ★ Title — first line of text  <permalink>``; key events are
    marked with ★.
    """
    star = "★ " if entry.is_key else ""
    title = entry.title or ""
    first = _first_line(entry, 80)
    words = " — ".join(part for part in (title, first) if part) or "(no text)"
    return f"{local_time(entry.published, '%H:%M')}  {event:<7} {star}{words}  <{entry.url}>"


def _wrap_block(block: Block, width: int) -> list[str]:
    """Lay out one body block as wrapped lines (captions stand where the photo stood)."""
    if block.kind == "image" and block.image is not None:
        words = " ".join(part for part in (block.image.caption, block.image.credit) if part)
        return textwrap.wrap("[photo] " + words, width, subsequent_indent="        ") or ["[photo]"]
    text = block.as_text()
    lines: list[str] = []
    for raw in text.split("\n"):
        indent = ""
        for marker in ("> ", "• ", "    "):
            if raw.startswith(marker):
                indent = " " * len(marker) if marker != "> " else "> "
                break
        lines.extend(textwrap.wrap(raw, width, subsequent_indent=indent) or [""])
    return lines


def _stamp(moment: datetime) -> str:
    """A local time with its zone named ("2024-01-08 14:35 GMT"), for what is copied out."""
    return f"{local_time(moment)} {LOCAL.name(moment)}"


def _entry_text(entry: Entry, width: int) -> list[str]:
    """An entry as readable text lines."""
    head = _stamp(entry.published)
    marks = badges(entry)
    if marks:
        head += "  [" + ", ".join(marks) + "]"
    lines = [head]
    if entry.title:
        lines.append(entry.title)
    if entry.authors:
        lines.append("by " + ", ".join(entry.authors))
    previous = ""
    for block in entry.body:
        if not (block.kind == previous == "list_item"):
            lines.append("")
        lines.extend(_wrap_block(block, width))
        previous = block.kind
    lines.append("")
    lines.append(entry.url)
    return lines


def blog_text(blog: Blog | Snapshot, width: int = 78) -> str:
    """The whole blog as readable plain text, newest entry first."""
    out = [blog.title or blog.url, "=" * min(width, max(len(blog.title or blog.url), 3))]
    if blog.standfirst:
        out.extend(textwrap.wrap(blog.standfirst, width))
    facts = [
        LiveState.of(blog.live).word,
        f"{len(blog.entries)} entries",
        f"{len(blog.key_events)} key events",
    ]
    if blog.pages:
        facts.append(f"page {blog.pages.current} of {blog.pages.total}")
    out.append(" · ".join(facts) + f" · {blog.source}")
    out.append(blog.url)
    if blog.main_image:
        out.append("")
        out.extend(_wrap_block(Block("image", image=blog.main_image), width))
    for entry in blog.entries:
        out.append("")
        out.append("-" * width)
        out.extend(_entry_text(entry, width))
    return "\n".join(out) + "\n"


def _md_escape(text: str) -> str:
    """Escape characters Markdown would read as formatting at the start of a line."""
    return text.replace("\\", "\\\\").replace("*", "\\*").replace("_", "\\_").replace("#", "\\#")


def _md_block(block: Block) -> str:
    """One body block as Markdown."""
    if block.kind == "image" and block.image is not None:
        words = " ".join(p for p in (block.image.caption, block.image.credit) if p)
        return f"*Photo: {_md_escape(words)}*" if words else "*Photo*"
    if block.kind == "heading":
        return "### " + _md_escape(block.text)
    if block.kind == "list_item":
        return "- " + _md_escape(block.text)
    if block.kind == "quote":
        return "\n".join("> " + _md_escape(line) for line in block.text.split("\n"))
    if block.kind == "embed":
        head = f"**[{block.embed_label}]**"
        if block.title:
            head += " " + _md_escape(block.title)
        if block.url:
            head += f" <{block.url}>"
        body = "\n".join("> " + _md_escape(line) for line in block.text.split("\n") if line)
        return head + ("\n" + body if body else "")
    return _md_escape(block.text)


def blog_markdown(blog: Blog | Snapshot) -> str:
    """The whole blog as Markdown: times, titles, key-event marks, captions, permalinks."""
    out = [f"# {_md_escape(blog.title or blog.url)}", ""]
    if blog.standfirst:
        out += [_md_escape(blog.standfirst), ""]
    out += [f"<{blog.url}>", ""]
    for entry in blog.entries:
        marks = badges(entry)
        title = _md_escape(entry.title) if entry.title else ""
        star = "★ " if entry.is_key else ""
        heading = f"## {star}{_stamp(entry.published)}" + (f" — {title}" if title else "")
        out += [heading, ""]
        if marks:
            out += ["*" + ", ".join(marks) + "*", ""]
        if entry.authors:
            out += ["by " + _md_escape(", ".join(entry.authors)), ""]
        for block in entry.body:
            out += [_md_block(block), ""]
        out += [f"[Permalink]({entry.url})", ""]
    return "\n".join(out)


# -- the brief ---------------------------------------------------------------------------

#: Characters that Markdown (CommonMark, and chat apps' dialects) may read as formatting,
#: links, HTML or entities inside a line; each is escaped with a backslash.
_MD_SPECIAL = frozenset("\\`*_[]<>#|~&!{}()")


def md_inline(text: str) -> str:
    """*text* as literal Markdown on one line: every character that could format is escaped."""
    one_line = " ".join(text.split())
    return "".join("\\" + ch if ch in _MD_SPECIAL else ch for ch in one_line)


def _md_link(url: str) -> str:
    """A permalink as a Markdown autolink (only a plain http/https address; else nothing)."""
    if not is_safe_link(url):
        return ""
    return "<" + url.replace("<", "%3C").replace(">", "%3E") + ">"


def _clock(moment: datetime, day: str) -> str:
    """Local HH:MM, with the day when it is not *day* (the newest entry's date)."""
    if local_time(moment, "%Y-%m-%d") == day:
        return local_time(moment, "%H:%M")
    return local_time(moment, "%d %b %H:%M")


def _brief_day(brief: Brief) -> str:
    newest = brief.newest[0].published if brief.newest else None
    return local_time(newest, "%Y-%m-%d") if newest else ""


def _zone(brief: Brief) -> str:
    """The zone the brief's times are in, by name ("times in GMT")."""
    newest = brief.newest[0].published if brief.newest else utc_now()
    return f"times in {LOCAL.name(newest)}"


def _words(entry: Entry, width: int = 100) -> str:
    """``★ Title — first line (Writer)`` (the star for key events; the writer where known)."""
    star = "★ " if entry.is_key else ""
    parts = [part for part in (entry.title or "", _first_line(entry, width)) if part]
    by = writer(entry)
    return star + (" — ".join(parts) or "(no text)") + (f" ({by})" if by else "")


def brief_text(brief: Brief, width: int = 78) -> str:
    """The brief as plain text: title, latest summary, key events since, the newest entries."""
    day = _brief_day(brief)
    title = brief.title or brief.url
    state = f"{LiveState.of(brief.live).word} · {brief.outlet} · {_zone(brief)} · {brief.url}"
    out = [title, "=" * min(width, max(len(title), 3)), state]
    if brief.summary is not None:
        s = brief.summary
        out += [
            "",
            f"Latest summary ({_clock(s.published, day)})" + (f": {s.title}" if s.title else ""),
        ]
        for paragraph in s.text.split("\n"):
            out.extend(textwrap.wrap(paragraph, width, initial_indent="  ", subsequent_indent="  "))
        out.append(f"  {s.url}")
    since = f" since {_clock(brief.since, day)}" if brief.since else ""
    out += ["", f"Key events{since}:"]
    out += [
        line
        for e in brief.key_events
        for line in (f"  {_clock(e.published, day)}  {_words(e)}", f"         {e.url}")
    ] or ["  (none)"]
    out += ["", "Newest entries:"]
    out += [
        line
        for e in brief.newest
        for line in (f"  {_clock(e.published, day)}  {_words(e)}", f"         {e.url}")
    ] or ["  (none)"]
    return "\n".join(out) + "\n"


def _md_item(entry: Entry, day: str) -> str:
    link = _md_link(entry.url)
    return f"- **{_clock(entry.published, day)}** {md_inline(_words(entry))}" + (
        f" {link}" if link else ""
    )


def _md_lines(text: str) -> list[str]:
    """An entry's text as Markdown lines: list items stay items, quotes quotes, all escaped."""
    out: list[str] = []
    for line in text.split("\n"):
        if not line.strip():
            continue
        if line.startswith("• "):
            out.append("- " + md_inline(line[2:]))
            continue
        if out and out[-1].startswith("- "):
            out.append("")
        out += ["> " + md_inline(line[2:]) if line.startswith("> ") else md_inline(line), ""]
    return [*out, ""] if out and out[-1] else out


def brief_markdown(brief: Brief) -> str:
    """The brief as Markdown; page text escaped (no raw markup), permalinks as autolinks."""
    day = _brief_day(brief)
    link = _md_link(brief.url)
    state = f"*{LiveState.of(brief.live).word}* · {md_inline(brief.outlet)} · {_zone(brief)}"
    state += f" · {link}" if link else ""
    out = [f"# {md_inline(brief.title or brief.url)}", "", state, ""]
    if brief.summary is not None:
        s = brief.summary
        head = f"## Latest summary, {_clock(s.published, day)}"
        out += [head + (f": {md_inline(s.title)}" if s.title else ""), ""]
        out += _md_lines(s.text)
        if _md_link(s.url):
            out += [_md_link(s.url), ""]
    since = f" since {_clock(brief.since, day)}" if brief.since else ""
    out += [f"## Key events{since}", ""]
    out += [_md_item(e, day) for e in brief.key_events] or ["*None.*"]
    out += ["", "## Newest entries", ""]
    out += [_md_item(e, day) for e in brief.newest] or ["*None.*"]
    return "\n".join(out) + "\n"
