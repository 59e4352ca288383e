"""What holds an archived blog's entries, and the one wording of a windowed blog's history.

The archive's :class:`Blog` (with its :class:`Pages`), the JSON form it
shares with a response's :class:`~liveread.model.Snapshot`, and
:func:`history_note`. What a response says and what a follower remembers are
in ``_snapshot``: a reader that only opens the cache never builds those classes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from liveread.model._entry import Entry, Image, StoredEntry
from liveread.times import local_time

if TYPE_CHECKING:
    from liveread.model._snapshot import Snapshot

__all__ = ["Blog", "Pages", "blog_json", "history_note"]


@dataclass(frozen=True)
class Pages:
    """Where a page sits in a paginated blog.

    Attributes:
        current: This page's number (1 = newest).
        total: How many pages the blog has.
        newest: Absolute URL of the newest page, or None.
        newer: Absolute URL of the next newer page, or None.
        older: Absolute URL of the next older page, or None (None on the last page).
        oldest: Absolute URL of the oldest page, or None.
    """

    current: int
    total: int
    newest: str | None = None
    newer: str | None = None
    older: str | None = None
    oldest: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form ``{current, total, newest, newer, older, oldest}``."""
        return {
            "current": self.current,
            "total": self.total,
            "newest": self.newest,
            "newer": self.newer,
            "older": self.older,
            "oldest": self.oldest,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Pages:
        """Build Pages from its JSON form."""
        return cls(
            int(data["current"]),
            int(data["total"]),
            data.get("newest"),
            data.get("newer"),
            data.get("older"),
            data.get("oldest"),
        )


def blog_json(
    item: Snapshot | Blog, entries: tuple[Entry, ...] | tuple[StoredEntry, ...]
) -> dict[str, Any]:
    """The JSON form a snapshot and an archived blog share (see the README's "JSON format")."""
    return {
        "url": item.url,
        "title": item.title,
        "standfirst": item.standfirst,
        "site_name": item.site_name,
        "source": item.source,
        "live": item.live,
        "main_image": item.main_image.to_dict() if item.main_image else None,
        "pages": item.pages.to_dict() if item.pages else None,
        "entries": [entry.to_dict() for entry in entries],
    }


@dataclass(frozen=True)
class Blog:
    """A blog as the archive holds it: every entry ever seen, with its history.

    Attributes:
        url: The blog's page URL (scheme and host lowercased, no query or fragment).
        title: Its headline ("" until a page of it has been read).
        standfirst: Its standfirst / description as plain text.
        source: The source that last read a page of it ("guardian", "schemaorg", ...).
        live: True while being written, False once ended, None if unknown.
        main_image: The blog's main photo, or None.
        pages: Page 1's pagination as last read, or None.
        entries: Stored entries newest first (by first-published time), removed ones flagged.
        site_name: The site's name as its pages give it, or "".
        window: How many of its newest entries the site shows, when it only
            ever shows a window of them (see :attr:`Snapshot.window`); else None.
        history_from: For such a blog, the first-published time of the oldest
            entry the site still showed when liveread first read it: the
            archive is complete from then on while followed; older entries
            were out of the site's window. None for blogs read whole.
        following_since: When liveread first stored the blog (started following it), or None.

    """

    url: str
    title: str
    standfirst: str
    source: str
    live: bool | None
    main_image: Image | None
    pages: Pages | None
    entries: tuple[StoredEntry, ...]
    site_name: str = ""
    window: int | None = None
    history_from: datetime | None = None
    following_since: datetime | None = None

    @property
    def key_events(self) -> tuple[StoredEntry, ...]:
        """Key events and summaries, newest first."""
        return tuple(e for e in self.entries if e.is_key)

    @property
    def pinned(self) -> StoredEntry | None:
        """The pinned entry, if any."""
        return next((e for e in self.entries if e.pinned), None)

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form ``liveread export`` prints."""
        return blog_json(self, self.entries)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Blog:
        """Build a Blog from its JSON form (as ``liveread export`` writes it)."""
        return cls(
            url=data["url"],
            title=data.get("title") or "",
            standfirst=data.get("standfirst") or "",
            source=data.get("source") or "",
            live=data.get("live"),
            main_image=Image.from_dict(data["main_image"]) if data.get("main_image") else None,
            pages=Pages.from_dict(data["pages"]) if data.get("pages") else None,
            entries=tuple(StoredEntry.from_dict(e) for e in data.get("entries") or ()),
            site_name=data.get("site_name") or "",
        )


def history_note(
    window: int | None,
    history_from: datetime | None,
    following_since: datetime | None,
    fmt: str = "%Y-%m-%d %H:%M",
    *,
    brief: bool = False,
) -> str | None:
    """Say from when liveread has a blog whose site only ever shows a window of it.

    ``"history from 2026-11-27 11:40, the oldest entry the site showed when you
    started following at 2026-11-27 14:02; the site shows its latest 30"``;
    None for a blog read whole (no window). Times are local, as *fmt* writes them.
    *brief* (for the header's one line) leaves out when following started:
    ``"history from 27 Nov 11:40; the site shows its latest 30"``.
    The one wording of this fact, for the library, the header and ``liveread list``.

    Args:
        window: How many of its newest entries the site shows, or None.
        history_from: The oldest entry liveread holds (first-published), or None.
        following_since: When liveread first stored the blog, or None.
        fmt: How to write the times (strftime).
        brief: The short form.

    """
    if window is None:
        return None
    shows = f"the site shows its latest {window}"
    if brief:
        since = history_from or following_since
        return f"history from {local_time(since, fmt)}; {shows}" if since else shows
    started = f" at {local_time(following_since, fmt)}" if following_since else ""
    if history_from is None:
        return f"history from when you started following{started}; {shows}"
    return (
        f"history from {local_time(history_from, fmt)}, the oldest entry the site showed"
        f" when you started following{started}; {shows}"
    )
