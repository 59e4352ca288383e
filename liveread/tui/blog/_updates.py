"""One blog's entries on screen, kept current: the feed, the key-events pane, the pinned strip.

:class:`LiveUpdates` is a plain object the blog's tab composes and owns,
given the three widgets it updates. It

- shows the blog as the cache holds it: the newest entries first
  (:data:`~liveread.tui.blog._opening.FIRST_WINDOW`, so a 5,000-entry blog
  paints at once), the rest after the first paint, with what arrived since the
  reader last looked marked NEW;
- applies what changed in the cache (:class:`~liveread.cache.Changes`): new
  entries NEW at the live edge or counted ("N new") when the reader is
  elsewhere, edits and removals in place, the key-events pane, the pinned strip.

:func:`blank_text` says what an empty feed shows (reading the blog, or why
it cannot be followed), :func:`no_key_events_text` what an empty key-events
pane does, :func:`short_reason` a failure's reason in a notice. It knows
nothing of where changes come from (today the blog's follower, whose
``Applied`` events the screen hands over), of the cache, or of the screen:
what the screen must do about a change (ring the bell, move the indicator)
comes back as an :class:`Outcome`.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from liveread.cache import SinceReport
from liveread.model import Blog, StoredEntry
from liveread.times import LOCAL, Zone
from liveread.tui.blog._liveness import Liveness
from liveread.tui.blog._opening import FIRST_WINDOW
from liveread.tui.feed import FeedView
from liveread.tui.widgets import KeyEventsPane, PinnedStrip

if TYPE_CHECKING:
    from liveread.cache import Changes

__all__ = [
    "LiveUpdates",
    "Outcome",
    "blank_text",
    "no_key_events_text",
    "short_reason",
    "since_text",
]


def since_text(report: SinceReport, zone: Zone = LOCAL) -> str | None:
    """Say "12 new, 2 edited, 1 removed since 13:40", or None when nothing happened."""
    groups = ((report.new, "new"), (report.edited, "edited"), (report.removed, "removed"))
    parts = [f"{len(ids)} {word}" for ids, word in groups if ids]
    if not parts:
        return None
    return f"{', '.join(parts)} since {zone.format(report.since, '%H:%M')}"


def blank_text(
    liveness: Liveness, failed: str | None, from_library: bool, *, reading: bool
) -> str | None:
    """What the feed says while it is empty: why the blog failed, or that it is being read.

    Args:
        liveness: Where following the blog stands.
        failed: Why the blog cannot be followed at all, or None.
        from_library: It was opened from the library (Esc goes back there).
        reading: The feed is empty and the blog is being read (or nothing is cached).

    Returns:
        The text, or None when nothing is to be said (the feed shows entries).

    """
    if failed:
        where = "Esc goes back to the library" if from_library else "q quits"
        return f"This page cannot be followed: {failed}\n\n{where}."
    if not reading:
        return None
    if not liveness.following:
        return "Nothing cached yet."
    status = liveness.status
    pages = ""
    if status is not None and status.pages_done:
        total = f" of {status.pages_total}" if status.pages_total else ""
        pages = f" (page {status.pages_done}{total})"
    return "Reading the blog…" + pages


def no_key_events_text(source: str) -> str:
    """Why the key-events pane is empty: the blog's pages mark none (and, for some, why)."""
    text = "No key events: this blog's pages mark none."
    if source in ("schemaorg", "jsonld"):
        # schema.org's LiveBlogPosting has no field for a key event: such pages seldom mark one.
        text += " Its pages are schema.org data, which has no place for them."
    return text + " ] and [ step through the entries all the same; / searches."


#: The longest reason a notice says (the blank feed and the library say it whole).
REASON_MAX = 160


def short_reason(reason: str) -> str:
    """A reason for a notice: its first line, at most :data:`REASON_MAX` characters."""
    line = " ".join(reason.split("\n", 1)[0].split())
    return line if len(line) <= REASON_MAX else line[: REASON_MAX - 1].rstrip() + "…"


@dataclass(frozen=True)
class Outcome:
    """What applying one change did that the screen may act on.

    Attributes:
        key_event: A key event arrived (a new one, or an entry made one): the bell's cue.
        pinned_moved: The pinned strip changed (the layout above the feed moved).
        fresh: The arrivals that are news (marked NEW), by id.

    """

    key_event: bool = False
    pinned_moved: bool = False
    fresh: frozenset[str] = frozenset()


class LiveUpdates:
    """One blog's entries in the feed, the key-events pane and the pinned strip.

    Args:
        feed: The feed.
        pane: The key-events pane.
        pinned: The pinned strip.

    Attributes:
        newest_at_open: The newest entry's publication time when the blog was
            shown from the cache (None: nothing cached); arrivals from reading
            the history are news only when published after it.

    """

    def __init__(self, feed: FeedView, pane: KeyEventsPane, pinned: PinnedStrip) -> None:
        self._feed = feed
        self._pane = pane
        self._pinned = pinned
        self.newest_at_open: datetime | None = None

    @property
    def newest(self) -> datetime | None:
        """When the newest entry the feed holds was published (None: no entry)."""
        return self._feed.newest

    # -- opening ------------------------------------------------------------------

    def show(self, blog: Blog, new_ids: Collection[str] = (), *, rows: int = FIRST_WINDOW) -> bool:
        """Show the blog as loaded from the cache, *new_ids* marked NEW.

        Args:
            blog: The blog as the cache holds it (maybe only its first window).
            new_ids: Entries to mark NEW.
            rows: The terminal's height: while only the first window is shown, the
                key-events pane lists no more key events than it could show.

        Returns True when *blog* may be only the cache's first window
        (:data:`FIRST_WINDOW` entries): the rest is for :meth:`show_rest`.
        """
        self.newest_at_open = blog.entries[0].published if blog.entries else None
        self._feed.set_entries(blog.entries, new_ids=new_ids)
        partial = len(blog.entries) >= FIRST_WINDOW  # maybe more in the cache
        # A long blog has hundreds of key events; the pane shows a screenful at
        # first (each is a line at least) and lists them all with the rest of the
        # blog, after the first paint.
        keys = [e for e in blog.entries if e.is_key]
        self._pane.set_entries(keys[: min(rows, FIRST_WINDOW)] if partial else keys)
        self._pinned.set_entry(blog.pinned)
        return partial

    def explain_pane(self, source: str, *, has_entries: bool) -> None:
        """Say in the pane why it is empty, once the blog has entries and no key event."""
        self._pane.set_empty_text(no_key_events_text(source) if has_entries else "")

    def show_rest(self, blog: Blog, new_ids: Iterable[str] = ()) -> None:
        """Show the whole blog behind the first window (the reader's place is kept)."""
        feed = self._feed
        # A reader who went to the oldest end (End) before the rest arrived wants
        # the blog's oldest entries, not the window's.
        to_oldest = feed.at_oldest_end()
        # Entries that arrived since the first window keep their NEW mark.
        feed.set_entries(blog.entries, new_ids={*new_ids, *feed.new_ids})
        if to_oldest:
            feed.go_oldest_end()
        self._pane.set_entries(blog.entries)

    # -- changes ------------------------------------------------------------------

    def apply(self, changes: Changes, *, history: bool = False) -> Outcome:
        """Show what changed: new entries, edits, removals, flags, the pinned post.

        Args:
            changes: What changed, entries as the cache now holds them.
            history: The new entries come from reading the blog's history
                (first contact, older pages): only those published after
                :attr:`newest_at_open` are news (marked NEW, counted).

        Returns:
            What the screen may act on.

        """
        feed = self._feed
        key_event = False
        fresh: list[StoredEntry] = []
        if changes.new:
            fresh, old = self._split_new(changes.new, history=history)
            if old:
                feed.upsert(old)
            if fresh:
                feed.upsert(fresh, new=True)
                key_event = any(entry.is_key for entry in fresh)
        others = (*changes.edited, *changes.reflagged, *changes.removed)
        if others:
            key_event = key_event or any(
                entry.is_key and not getattr(feed.entry(entry.id), "is_key", True)
                for entry in changes.reflagged
            )
            feed.upsert(others)
        self._pane.upsert((*changes.new, *others))
        pinned_moved = self._update_pinned((*changes.new, *others))
        return Outcome(
            key_event=key_event,
            pinned_moved=pinned_moved,
            fresh=frozenset(entry.id for entry in fresh),
        )

    def _split_new(
        self, entries: Iterable[StoredEntry], *, history: bool
    ) -> tuple[list[StoredEntry], list[StoredEntry]]:
        """Which arrivals are news (marked NEW, counted) and which are history.

        History: everything on first contact, and older pages read later; an
        entry published after the newest one cached at opening is news, even
        when it came through a catch-up read of older pages.
        """
        fresh: list[StoredEntry] = []
        old: list[StoredEntry] = []
        for entry in entries:
            if not history or (
                self.newest_at_open is not None and entry.published > self.newest_at_open
            ):
                fresh.append(entry)
            else:
                old.append(entry)
        return fresh, old

    def _update_pinned(self, entries: Iterable[StoredEntry]) -> bool:
        """Follow the pinned post: a newly pinned entry replaces it; an unpinned one goes."""
        current = self._pinned.entry
        for entry in entries:
            if entry.pinned:
                current = entry
            elif current is not None and entry.id == current.id:
                current = None
        if current is self._pinned.entry:
            return False
        self._pinned.set_entry(current)
        return True
