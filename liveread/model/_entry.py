"""What a blog is made of: entries of ordered body blocks, their images and revisions.

An :class:`Entry` is one post as a source read it; a :class:`StoredEntry` is
the same post as the archive holds it, with every revision seen and whether it
was removed upstream.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime
from functools import cached_property
from typing import Any, Literal, TypeVar

from liveread.times import format_time, parse_time

__all__ = [
    "BLOCK_KINDS",
    "EMBED_KINDS",
    "Block",
    "Entry",
    "Image",
    "Revision",
    "StoredEntry",
    "sort_newest_first",
]

BlockKind = Literal["paragraph", "heading", "list_item", "quote", "image", "embed"]
#: Every kind of body block, in the order a reader would meet them most.
BLOCK_KINDS: tuple[str, ...] = ("paragraph", "heading", "list_item", "quote", "image", "embed")
#: Kinds of embed an adapter may report; anything else is "other".
EMBED_KINDS: tuple[str, ...] = ("tweet", "video", "link", "audio", "interactive", "other")
#: Any kind of entry (parsed or stored): :func:`sort_newest_first` keeps it.
E = TypeVar("E", bound="Entry")
_EMBED_LABELS = {
    "tweet": "Tweet",
    "video": "Video",
    "link": "Link",
    "audio": "Audio",
    "interactive": "Interactive",
    "other": "Embed",
}


@dataclass(frozen=True)
class Image:
    """A photo: its caption and credit apart, and where it lives.

    Attributes:
        caption: What the photo shows ("" when the page gives none).
        credit: Who made it, as the site writes it ("Photograph: Name/Agency"), or "".
        url: The image's absolute URL, or None.
    """

    caption: str = ""
    credit: str = ""
    url: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form ``{caption, credit, url}``."""
        return {"caption": self.caption, "credit": self.credit, "url": self.url}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Image:
        """Build an Image from its JSON form."""
        return cls(data.get("caption") or "", data.get("credit") or "", data.get("url"))


@dataclass(frozen=True)
class Block:
    """One piece of an entry's body, in the order the page shows it.

    Attributes:
        kind: "paragraph", "heading", "list_item", "quote", "image" or "embed".
        text: The block's plain text (for an embed, the embedded text, e.g. a tweet's).
        image: The photo, for kind "image".
        embed: For kind "embed": "tweet", "video", "link", "audio", "interactive" or "other".
        title: An embed's title (a video's title, a link's headline), or None.
        url: An embed's URL, or None.
    """

    kind: BlockKind
    text: str = ""
    image: Image | None = None
    embed: str | None = None
    title: str | None = None
    url: str | None = None

    @property
    def embed_label(self) -> str:
        """The human name of an embed's kind ("Tweet", "Video", ...)."""
        return _EMBED_LABELS.get(self.embed or "other", "Embed")

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form: ``kind`` plus the fields that kind uses."""
        data: dict[str, Any] = {"kind": self.kind}
        if self.kind == "image" and self.image is not None:
            data.update(self.image.to_dict())
        elif self.kind == "embed":
            data.update(embed=self.embed, title=self.title, url=self.url, text=self.text)
        else:
            data["text"] = self.text
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Block:
        """Build a Block from its JSON form."""
        kind = data["kind"]
        if kind == "image":
            return cls("image", image=Image.from_dict(data))
        if kind == "embed":
            return cls(
                "embed",
                text=data.get("text") or "",
                embed=data.get("embed") or "other",
                title=data.get("title"),
                url=data.get("url"),
            )
        return cls(kind, text=data.get("text") or "")

    def as_text(self) -> str:
        """Render this block as plain text, as it appears in :attr:`Entry.text`.

        Paragraphs and headings are their text, list items "• item", quotes
        lines marked "> ", embeds a marked line ("[Tweet] title") with their
        text indented under it. Images are not text (they are in ``images``).
        """
        if self.kind == "list_item":
            return "• " + self.text
        if self.kind == "quote":
            return "\n".join("> " + line if line else ">" for line in self.text.split("\n"))
        if self.kind == "embed":
            head = f"[{self.embed_label}]"
            if self.title:
                head += " " + self.title
            elif self.url and not self.text:
                head += " " + self.url
            lines = [head]
            lines.extend(
                "    " + line if line else "" for line in self.text.split("\n") if self.text
            )
            return "\n".join(lines)
        if self.kind == "image":
            return ""
        return self.text


@dataclass(frozen=True)
class Revision:
    """One version of an entry as it was seen.

    Attributes:
        seen: When liveread first saw this version (UTC).
        text: The entry's text in this version.
        title: The entry's title in this version, or None.
    """

    seen: datetime
    text: str
    title: str | None

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form ``{seen, text, title}``."""
        return {"seen": format_time(self.seen), "text": self.text, "title": self.title}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Revision:
        """Build a Revision from its JSON form."""
        seen = parse_time(data["seen"])
        assert seen is not None
        return cls(seen, data.get("text") or "", data.get("title"))


@dataclass(frozen=True)
class Entry:
    """One post of a live blog.

    Attributes:
        id: The site's stable id (for the Guardian the bare 24-hex block id).
        published: When it was first published (UTC).
        updated: When the site says it was last updated (UTC), or None.
        title: Its headline, or None.
        body: The ordered blocks it is made of; ``text`` and ``images`` derive from it.
        url: Its absolute permalink.
        authors: Names of its contributors.
        key_event: The site marks it as a key event.
        summary: The site marks it as a summary.
        pinned: It is the blog's pinned post.
    """

    id: str
    published: datetime
    updated: datetime | None
    title: str | None
    body: tuple[Block, ...]
    url: str
    authors: tuple[str, ...] = ()
    key_event: bool = False
    summary: bool = False
    pinned: bool = False

    @cached_property
    def text(self) -> str:
        """The entry as plain text: blocks separated by blank lines, never HTML.

        Consecutive list items stay on consecutive lines, as a list reads.
        """
        out: list[str] = []
        previous = ""
        for block in self.body:
            part = block.as_text()
            if not part:
                continue
            if out:
                out.append("\n" if block.kind == previous == "list_item" else "\n\n")
            out.append(part)
            previous = block.kind
        return "".join(out)

    @cached_property
    def images(self) -> tuple[Image, ...]:
        """The entry's photos in body order."""
        return tuple(b.image for b in self.body if b.kind == "image" and b.image is not None)

    @property
    def is_key(self) -> bool:
        """True when the entry belongs in the key-events pane (key event or summary)."""
        return self.key_event or self.summary

    @cached_property
    def content_hash(self) -> str:
        """A hash of what a reader sees (title, text, images), not of timestamps.

        A change of this hash is an edit.
        """
        import hashlib  # here: reading a cache never hashes (it stores each hash)

        payload = json.dumps(
            [self.title, self.text, [img.to_dict() for img in self.images]],
            ensure_ascii=False,
            separators=(",", ":"),
        )
        return hashlib.blake2b(payload.encode("utf-8"), digest_size=16).hexdigest()

    def with_changes(self: E, **changes: Any) -> E:
        """Return a copy with some fields replaced (derived values recomputed)."""
        return replace(self, **changes)

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form (see the README's "JSON format")."""
        data: dict[str, Any] = {
            "id": self.id,
            "published": format_time(self.published),
            "updated": format_time(self.updated),
            "title": self.title,
            "key_event": self.key_event,
            "summary": self.summary,
            "pinned": self.pinned,
            "text": self.text,
            "images": [img.to_dict() for img in self.images],
            "body": [block.to_dict() for block in self.body],
            "url": self.url,
            "authors": list(self.authors),
        }
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Entry:
        """Build an Entry from its JSON form (fields of a stored entry are ignored)."""
        return cls(**_entry_fields(data))


def _entry_fields(data: dict[str, Any]) -> dict[str, Any]:
    """The :class:`Entry` fields of an entry's JSON form."""
    published = parse_time(data["published"])
    if published is None:
        raise ValueError("an entry needs its published time")
    return {
        "id": data["id"],
        "published": published,
        "updated": parse_time(data.get("updated")),
        "title": data.get("title"),
        "body": tuple(Block.from_dict(b) for b in data.get("body") or ()),
        "url": data.get("url") or "",
        "authors": tuple(data.get("authors") or ()),
        "key_event": bool(data.get("key_event")),
        "summary": bool(data.get("summary")),
        "pinned": bool(data.get("pinned")),
    }


@dataclass(frozen=True, kw_only=True)
class StoredEntry(Entry):
    """An entry as the archive holds it: what was read, and what liveread saw happen to it.

    Attributes:
        removed: It vanished upstream; kept, flagged.
        first_seen: When liveread first saw it.
        revisions: Every version seen, oldest first; the last is current.
        removed_at: When liveread saw it gone (for an entry flagged removed), or None.
            Not in the JSON form (that form is pinned by the follow stream's
            golden files); a feed's deletion record needs it.

    """

    removed: bool = False
    first_seen: datetime
    revisions: tuple[Revision, ...] = field(default=(), compare=False)
    removed_at: datetime | None = field(default=None, compare=False)

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form of an entry plus ``removed``, ``first_seen`` and ``revisions``."""
        data = super().to_dict()
        data["removed"] = self.removed
        data["first_seen"] = format_time(self.first_seen)
        data["revisions"] = [rev.to_dict() for rev in self.revisions]
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> StoredEntry:
        """Build a StoredEntry from its JSON form (as ``liveread export`` writes it)."""
        first_seen = parse_time(data.get("first_seen"))
        if first_seen is None:
            raise ValueError("a stored entry needs its first_seen time")
        return cls(
            **_entry_fields(data),
            removed=bool(data.get("removed")),
            first_seen=first_seen,
            revisions=tuple(Revision.from_dict(r) for r in data.get("revisions") or ()),
        )


def sort_newest_first(entries: Iterable[E]) -> tuple[E, ...]:
    """Order entries newest first by first-published time (never by id), id breaking ties."""
    return tuple(sorted(entries, key=lambda e: (e.published, e.id), reverse=True))
