"""The demo blog's story as data: what is published, when, and what happens later.

The prose lives beside this module in ``story.txt`` (an invented storm in an
invented city: every place, person, handle and agency in it is fictional).
This module holds the types the rest of :mod:`liveread.demo` builds on and the
small reader that turns that text into them, so the story can be edited as
prose without touching code.

Times in the story are offsets from the demo's start ("now"): entries with a
negative offset are already published when the demo begins, the rest arrive
later as :class:`StoryStep` happenings.

The text format, one section per ``=== `` line::

    === entry <key>            an entry (published at ``at:``)
    at: -6:41                  offset from the start, [+-]H:MM[:SS]
    created: -6:58             optional: when it was drafted (its id's time)
    touched: +3                optional: minutes to its last update (``-1s``: a second early)
    title: ...                 optional
    by: Name, Name             contributors
    flags: key summary pinned  optional
    <blank line, then the body>
    === edit <key> at +0:05    a later edit: optional ``title:``, then the new body
    === remove <key> at +0:12  also: ``pin <key>``, ``unpin``, ``key <key>``,
    === end at +1:26           ``unkey <key>``, ``end``
    === continues              the entry that closes a blog with a successor:
                               ``{next}`` in a link is the successor's URL

Lines starting with ``# `` are comments. Body: paragraphs split by blank
lines; ``- `` list items; ``> `` quote lines; ``## `` headings;
``!image <file> <w>x<h>`` with ``caption:``/``credit:``/``alt:`` lines;
``!tweet <url>`` with ``by:``/``text:``; ``!video <id> <secs>`` with
``title:``; ``!link <url>`` with ``text:``. Inline: ``*bold*`` and
``[text](url)``; ``{origin}`` in a URL is the demo server's origin.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from datetime import timedelta
from functools import lru_cache
from importlib import resources

__all__ = [
    "NEXT_STORY",
    "TEAM",
    "TEAM_ROLES",
    "Story",
    "StoryBlock",
    "StoryEntry",
    "StoryStep",
    "inline_html",
    "load_story",
    "parse_story",
]

#: The invented live-blog team: name -> avatar file (served under ``/media/contributors/``).
TEAM: dict[str, str] = {
    "Maren Holt": "maren-holt.png",
    "Dev Sarin": "dev-sarin.png",
    "Lucía Ferrand": "lucia-ferrand.png",
    "Jonah Pike": "jonah-pike.png",
}
#: What each of them does, for the sites that print a reporter's line under a post.
TEAM_ROLES: dict[str, str] = {
    "Maren Holt": "Live editor",
    "Dev Sarin": "Reporting from the riverside",
    "Lucía Ferrand": "Weather reporter",
    "Jonah Pike": "Live reporter",
}


@dataclass(frozen=True)
class StoryBlock:
    """One piece of an entry's body, with everything a renderer needs.

    Attributes:
        kind: "paragraph", "heading", "list_item", "quote", "image", "tweet", "video" or "link".
        text: Plain text (a quote's lines joined by newlines; a tweet's text; a link's headline).
        html: Inline HTML for text kinds (links, bold); None means "escape ``text``".
        url: Image source, tweet, video or link URL.
        title: A video's title.
        caption: An image's caption (plain text).
        credit: An image's credit, "Photograph: Name/Agency".
        alt: An image's alt text.
        size: An image's width and height in pixels.
        by: A tweet's author line, "Name (@handle)".
        asset_id: A video's id on the video site.
        duration: A video's length in seconds.

    """

    kind: str
    text: str = ""
    html: str | None = None
    url: str | None = None
    title: str | None = None
    caption: str = ""
    credit: str = ""
    alt: str = ""
    size: tuple[int, int] = (1600, 1067)
    by: str = ""
    asset_id: str = ""
    duration: int = 0

    @property
    def inner_html(self) -> str:
        """The block's inline HTML: ``html`` when given, else ``text`` escaped."""
        if self.html is not None:
            return self.html
        return html.escape(self.text, quote=False).replace("\n", "<br>")


@dataclass(frozen=True)
class StoryEntry:
    """One scripted entry.

    Attributes:
        key: The story's own name for it (ids are minted when it is published).
        at: When it is published, as an offset from the demo's start.
        title: Its headline, or None.
        authors: Its contributors' names.
        blocks: Its body.
        created: When it was drafted (the time in its id), or None for shortly before ``at``.
        touched: Time from publication to its last update, or None (never touched).
        key_event: Flagged as a key event.
        summary: Flagged as a summary.
        pinned: The pinned post at the start.

    """

    key: str
    at: timedelta
    title: str | None
    authors: tuple[str, ...]
    blocks: tuple[StoryBlock, ...]
    created: timedelta | None = None
    touched: timedelta | None = None
    key_event: bool = False
    summary: bool = False
    pinned: bool = False


@dataclass(frozen=True)
class StoryStep:
    """Something that happens after the start.

    Attributes:
        at: When, as an offset from the start.
        action: "publish", "edit", "remove", "pin", "unpin", "key", "unkey" or "end".
        key: The entry it concerns (by story key), or None.
        entry: The entry to publish, or the new version for an edit (title and blocks).

    """

    at: timedelta
    action: str
    key: str | None = None
    entry: StoryEntry | None = None


@dataclass(frozen=True)
class Story:
    """A whole scripted blog.

    Attributes:
        title: The headline while live.
        ended_title: The headline once the blog has ended.
        standfirst: The standfirst (plain text).
        main_image: The main photo (kind "image").
        entries: Entries published before the start, oldest first.
        steps: Later happenings in time order.
        section: The URL section used for related links ("news").
        continues: The entry that closes the blog when another continues it
            (its links name the next blog as ``{next}``), or None.

    """

    title: str
    ended_title: str
    standfirst: str
    main_image: StoryBlock
    entries: tuple[StoryEntry, ...]
    steps: tuple[StoryStep, ...] = field(default=())
    section: str = "news"
    continues: StoryEntry | None = None


_LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")
_BOLD = re.compile(r"\*([^*]+)\*")
_OFFSET = re.compile(r"^([+-])(\d+):(\d\d)(?::(\d\d))?$")
_HEAD = re.compile(r"^=== (\w+)(?: (\S+))?(?: at (\S+))?\s*$")


def inline_html(source: str, origin: str) -> tuple[str, str]:
    """Turn story markup (``*bold*``, ``[text](url)``) into (plain text, inline HTML)."""
    plain = _BOLD.sub(r"\1", _LINK.sub(r"\1", source))
    out: list[str] = []
    pos = 0
    for match in _LINK.finditer(source):
        out.append(_bold_html(source[pos : match.start()]))
        url = html.escape(match.group(2).replace("{origin}", origin))
        out.append(f'<a href="{url}">{_bold_html(match.group(1))}</a>')
        pos = match.end()
    out.append(_bold_html(source[pos:]))
    return plain, "".join(out)


def _bold_html(text: str) -> str:
    """Escape *text* and turn ``*x*`` into ``<strong>x</strong>``."""
    parts = _BOLD.split(text)
    return "".join(
        f"<strong>{html.escape(p, quote=False)}</strong>" if i % 2 else html.escape(p, quote=False)
        for i, p in enumerate(parts)
    )


def _offset(text: str) -> timedelta:
    """Parse ``-6:41``, ``+0:05`` or ``+0:05:30`` into a timedelta."""
    match = _OFFSET.match(text.strip())
    if not match:
        raise ValueError(f"bad time offset in story: {text!r}")
    sign, hours, minutes, seconds = match.groups()
    delta = timedelta(hours=int(hours), minutes=int(minutes), seconds=int(seconds or 0))
    return -delta if sign == "-" else delta


def _touched(text: str) -> timedelta:
    """Parse a ``touched:`` value: minutes (``3``) or seconds (``-1s``)."""
    text = text.strip()
    if text.endswith("s"):
        return timedelta(seconds=int(text[:-1]))
    return timedelta(minutes=float(text))


def _fields(lines: list[str]) -> dict[str, str]:
    """Read ``name: value`` lines."""
    found: dict[str, str] = {}
    for line in lines:
        name, _, value = line.partition(":")
        found[name.strip()] = value.strip()
    return found


def _body(lines: list[str], origin: str) -> tuple[StoryBlock, ...]:
    """Parse body lines into blocks."""
    blocks: list[StoryBlock] = []
    paragraph: list[str] = []
    quote: list[str] = []
    i = 0

    def flush() -> None:
        if paragraph:
            plain, inner = inline_html(" ".join(paragraph), origin)
            blocks.append(StoryBlock("paragraph", plain, inner))
            paragraph.clear()
        if quote:
            pairs = [inline_html(q, origin) for q in quote]
            blocks.append(
                StoryBlock(
                    "quote", "\n".join(p for p, _ in pairs), "</p><p>".join(h for _, h in pairs)
                )
            )
            quote.clear()

    while i < len(lines):
        line = lines[i].rstrip()
        i += 1
        if not line.strip():
            flush()
        elif line.startswith("> "):
            if paragraph:
                flush()
            quote.append(line[2:].strip())
        elif line.startswith("- "):
            flush()
            plain, inner = inline_html(line[2:].strip(), origin)
            blocks.append(StoryBlock("list_item", plain, inner))
        elif line.startswith("## "):
            flush()
            plain, inner = inline_html(line[3:].strip(), origin)
            blocks.append(StoryBlock("heading", plain, inner))
        elif line.startswith("!"):
            flush()
            attrs: list[str] = []
            while i < len(lines) and re.match(r"^\w+: ", lines[i]):
                attrs.append(lines[i])
                i += 1
            blocks.append(_embed(line[1:].split(), _fields(attrs), origin))
        else:
            if quote:
                flush()
            paragraph.append(line.strip())
    flush()
    return tuple(blocks)


def _embed(words: list[str], attrs: dict[str, str], origin: str) -> StoryBlock:
    """Build an image, tweet, video or link block from a ``!`` line and its attributes."""
    kind, args = words[0], words[1:]
    if kind == "image":
        width, _, height = (args[1] if len(args) > 1 else "1600x1067").partition("x")
        return StoryBlock(
            "image",
            url=f"{origin}/media/wrenna/{args[0]}",
            caption=attrs.get("caption", ""),
            credit=attrs.get("credit", ""),
            alt=attrs.get("alt") or attrs.get("caption", ""),
            size=(int(width), int(height)),
        )
    if kind == "tweet":
        return StoryBlock("tweet", text=attrs["text"], url=args[0], by=attrs.get("by", ""))
    if kind == "video":
        return StoryBlock(
            "video",
            url=f"https://www.youtube.com/watch?v={args[0]}",
            title=attrs.get("title"),
            asset_id=args[0],
            duration=int(args[1]) if len(args) > 1 else 0,
        )
    if kind == "link":
        return StoryBlock(
            "link", text=attrs.get("text", ""), url=args[0].replace("{origin}", origin)
        )
    raise ValueError(f"unknown story embed: !{kind}")


def _entry(key: str, lines: list[str], origin: str, at: timedelta | None = None) -> StoryEntry:
    """Parse an entry section: header fields up to the first blank line, then the body."""
    split = lines.index("") if "" in lines else len(lines)
    head, body = _fields(lines[:split]), lines[split + 1 :]
    flags = set(head.get("flags", "").split())
    return StoryEntry(
        key=key,
        at=_offset(head["at"]) if at is None else at,
        title=head.get("title") or None,
        authors=tuple(a.strip() for a in head.get("by", "").split(",") if a.strip()),
        blocks=_body(body, origin),
        created=_offset(head["created"]) if "created" in head else None,
        touched=_touched(head["touched"]) if "touched" in head else None,
        key_event="key" in flags,
        summary="summary" in flags,
        pinned="pinned" in flags,
    )


def parse_story(text: str, origin: str) -> Story:
    """Parse the story text format (see the module docstring) into a :class:`Story`."""
    sections: list[tuple[str, list[str]]] = []
    for raw in text.splitlines():
        if raw == "#" or raw.startswith("# "):  # a comment ("## " is a heading)
            continue
        if raw.startswith("=== "):
            sections.append((raw, []))
        elif sections:
            sections[-1][1].append(raw.rstrip())
    meta: dict[str, str] = {}
    main_image: StoryBlock | None = None
    entries: list[StoryEntry] = []
    steps: list[StoryStep] = []
    continues: StoryEntry | None = None
    for header, lines in sections:
        while lines and not lines[-1]:
            lines.pop()
        match = _HEAD.match(header)
        if not match:
            raise ValueError(f"bad story section: {header!r}")
        action, key, at_text = match.groups()
        if action == "blog":
            split = lines.index("") if "" in lines else len(lines)
            meta = _fields(lines[:split])
            main_image = _body(lines[split + 1 :], origin)[0]
        elif action == "entry":
            entry = _entry(key or "", lines, origin)
            if entry.at <= timedelta(0):
                entries.append(entry)
            else:
                steps.append(StoryStep(entry.at, "publish", entry.key, entry))
        elif action == "edit":
            when = _offset(at_text or "")
            steps.append(StoryStep(when, "edit", key, _entry(key or "", lines, origin, at=when)))
        elif action == "continues":
            continues = _entry(action, lines, origin, at=timedelta(0))
        elif action in ("remove", "pin", "unpin", "key", "unkey", "end"):
            steps.append(StoryStep(_offset(at_text or key or ""), action, key if at_text else None))
        else:
            raise ValueError(f"unknown story action: {action!r}")
    if main_image is None:
        raise ValueError("the story has no '=== blog' section")
    return Story(
        title=meta["title"],
        ended_title=meta["ended"],
        standfirst=meta["standfirst"],
        main_image=main_image,
        entries=tuple(sorted(entries, key=lambda e: e.at)),
        steps=tuple(sorted(steps, key=lambda s: s.at)),
        section=meta.get("section", "news"),
        continues=continues,
    )


#: The story of the blog that continues the demo blog once it closes (the next day's).
NEXT_STORY = "next.txt"


@lru_cache(maxsize=8)
def load_story(origin: str, name: str = "story.txt") -> Story:
    """Return a demo story (``story.txt``, or *name* beside it) with URLs on *origin*."""
    text = resources.files("liveread.demo.story").joinpath(name).read_text(encoding="utf-8")
    return parse_story(text, origin)
