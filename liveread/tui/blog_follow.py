"""The blog screen's live half: loading the cached blog, following it, applying what arrives.

:class:`FollowingMixin` is mixed into :class:`~liveread.tui.blog_screen.BlogScreen`
(it is its own module only to keep each file readable). It

- opens the blog from the cache (and says what happened since the reader last
  looked: "3 new, 1 edited, 1 removed since 13:40", with those entries marked);
- owns the blog's :class:`~liveread.follow.Follower` and runs it in one
  long-lived worker (``@work(exclusive=True, group="follow")``); each follow
  event arrives as it is, in one :class:`~liveread.tui.messages.Followed`
  message;
- applies them: new entries NEW at the live edge or counted ("N new") when the
  reader is elsewhere, edits and removals in place, the pinned strip, the
  key-events pane, the header, the bell on new key events;
- handles the worker's failure in one place (``Worker.StateChanged``).
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import TYPE_CHECKING

from textual import work
from textual.worker import Worker, WorkerError, WorkerState

from liveread.cache import BlogSummary, Changes, SinceReport
from liveread.errors import LivereadError
from liveread.follow import (
    Applied,
    BackfillProgress,
    Ended,
    FollowEvent,
    FollowStatus,
    StatusChanged,
    Stopped,
)
from liveread.model import StoredEntry
from liveread.times import local_time
from liveread.tui.messages import Followed

if TYPE_CHECKING:
    from textual.screen import Screen

    from liveread.follow import Follower
    from liveread.tui.app import LivereadApp
    from liveread.tui.feed import FeedView
    from liveread.tui.header import BlogHeader
    from liveread.tui.key_events import KeyEventsPane
    from liveread.tui.pinned import PinnedStrip

    class _BlogScreenParts(Screen[None]):
        """What the mixin uses of the blog screen (for the type checker only)."""

        url: str
        page_url: str
        from_library: bool
        blog_title: str
        failed: str | None

        @property
        def lr_app(self) -> LivereadApp: ...
        @property
        def feed(self) -> FeedView: ...
        @property
        def pane(self) -> KeyEventsPane: ...
        @property
        def pinned(self) -> PinnedStrip: ...
        @property
        def header(self) -> BlogHeader: ...
        @property
        def has_entries(self) -> bool: ...
        def show_blank(self, *, reading: bool) -> None: ...
        def _place_indicator(self) -> None: ...

else:
    _BlogScreenParts = object

__all__ = ["FIRST_WINDOW", "STOP_WAIT", "FollowingMixin", "since_text"]

#: How many of the newest entries a blog opens with before the rest is loaded:
#: a few screens' worth, so the first paint of a 5,000-entry blog waits for
#: 50 entries, not 5,000.
FIRST_WINDOW = 50
#: How long leaving a blog waits for its follower to finish its write, in seconds.
STOP_WAIT = 3.0


@contextlib.contextmanager
def _loading_for_good() -> Iterator[None]:
    """Load objects that live as long as the screen, without the garbage collector.

    Loading 5,000 entries allocates a few hundred thousand objects that all
    survive: collections during the load free nothing, and every full one
    after it would walk them all again (each about 35 ms on a 5,000-entry
    blog, the first one right before the first paint). So no collection
    during the load, and then :func:`gc.freeze` leaves everything alive now
    out of later collections; :meth:`BlogScreen.leave` unfreezes it.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
    gc.freeze()


async def _returned(worker: Worker[None]) -> None:
    """Wait for *worker* to finish, however it ends (its failure is handled elsewhere)."""
    # A worker not started yet cannot be waited for (WorkerError): its follower
    # sees the stop before anything else and writes nothing.
    with contextlib.suppress(WorkerError):
        await worker.wait()


def since_text(report: SinceReport) -> str | None:
    """Say "12 new, 2 edited, 1 removed since 13:40", or None when nothing happened."""
    groups = ((report.new, "new"), (report.edited, "edited"), (report.removed, "removed"))
    parts = [f"{len(ids)} {word}" for ids, word in groups if ids]
    if not parts:
        return None
    return f"{', '.join(parts)} since {local_time(report.since, '%H:%M')}"


class FollowingMixin(_BlogScreenParts):
    """Loading, following and live updates of :class:`BlogScreen` (see the module doc)."""

    _follower: Follower | None = None
    _worker: Worker[None] | None = None
    #: The newest entry's publication time when the screen opened (None: nothing cached).
    newest_at_open: datetime | None = None
    _offline_told = False

    # -- opening ------------------------------------------------------------------

    def _summary(self) -> BlogSummary | None:
        """The library's line about this blog (title, live, last read), or None."""
        try:
            return self.lr_app.cache.summary(self.url)
        except LivereadError:
            return None

    def load_cached(self) -> None:
        """Show what the cache holds, and what happened since the reader last looked."""
        cache = self.lr_app.cache
        try:
            if not cache.has(self.url):
                self.show_blank(reading=True)
                return
            with _loading_for_good():
                # The newest entries (and every key event) first: enough for the first
                # screen at once; the rest of a long blog follows right after it is painted.
                blog = cache.load(self.url, newest=FIRST_WINDOW)
        except LivereadError as exc:
            self.notify(str(exc), severity="error", markup=False)
            self.show_blank(reading=True)
            return
        summary = self._summary()
        report = None
        if summary is not None and summary.last_read is not None:
            with contextlib.suppress(LivereadError):
                report = cache.since(self.url, summary.last_read)
        self.newest_at_open = blog.entries[0].published if blog.entries else None
        self.blog_title = blog.title
        self.feed.set_entries(blog.entries, new_ids=report.new if report else ())
        partial = len(blog.entries) >= FIRST_WINDOW  # maybe more in the cache
        # A long blog has hundreds of key events; the pane shows a screenful at
        # first and lists them all with the rest of the blog, after the first paint.
        keys = [e for e in blog.entries if e.is_key]
        self.pane.set_entries(keys[:FIRST_WINDOW] if partial else keys)
        self.pinned.set_entry(blog.pinned)
        note = since_text(report) if report else None
        self.header.update(
            title=blog.title,
            live=blog.live,
            last_success=summary.last_success if summary else None,
            note=note,
        )
        if note:
            self.notify(note.capitalize(), markup=False)
        self.show_blank(reading=not blog.entries)
        if partial:
            new_ids = report.new if report else ()
            self.lr_app.after_first_frame(lambda: self._load_rest(new_ids))

    def _load_rest(self, new_ids: Iterable[str]) -> None:
        """Load the whole blog behind the first screen (the reader's place is kept)."""
        try:
            with _loading_for_good():
                blog = self.lr_app.cache.load(self.url)
        except LivereadError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        # A reader who went to the oldest end (End) before the rest arrived wants
        # the blog's oldest entries, not the window's.
        to_oldest = self.feed.at_oldest_end()
        # Entries that arrived by following since the first window keep their NEW mark.
        self.feed.set_entries(blog.entries, new_ids={*new_ids, *self.feed.new_ids})
        if to_oldest:
            self.feed.go_oldest_end()
        self.pane.set_entries(blog.entries)

    # -- the worker -----------------------------------------------------------------

    def start_following(self) -> None:
        """Start the follower for this blog in the screen's follow worker."""
        # Imported here: the follow engine (httpx, the page parsers) costs about 40 ms
        # to import, which opening a cached blog offline need not pay before it paints.
        from liveread.follow import Follower

        app = self.lr_app

        def post(event: FollowEvent) -> None:
            # Called by the follower from the app's own loop: posting is safe and cheap.
            self.post_message(Followed(follower.url, event))

        follower = Follower(
            self.page_url,
            app.cache,
            settings=app.settings_for(self.page_url),
            on_event=post,
            clock=app.follow_clock,
        )
        self._follower = follower
        self._worker = self._follow(follower)

    @work(exclusive=True, group="follow", exit_on_error=False, name="follow")
    async def _follow(self, follower: Follower) -> None:
        """Follow until stopped, the blog ends, or it is gone."""
        await follower.run()

    @property
    def follower_running(self) -> bool:
        """True while the follow worker runs (or is about to)."""
        return self._worker is not None and not self._worker.is_finished

    def poll_now(self) -> None:
        """Ask the site at once (the ``r`` key)."""
        if self._follower is not None:
            self._follower.poll_now()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A follower that crashed (a bug) leaves the blog readable and says so."""
        if event.worker.group != "follow" or event.state != WorkerState.ERROR:
            return
        error = event.worker.error
        reason = f"following failed: {type(error).__name__}: {error}"
        self.header.update(stopped=reason)
        self.notify(reason, severity="error", markup=False)

    async def stop_following(self, wait: float = STOP_WAIT) -> None:
        """Stop the follower after its write in progress (waits up to *wait* seconds)."""
        if self._follower is None:
            return
        self._follower.stop()
        worker = self._worker
        if worker is not None and not worker.is_finished:
            # asyncio.wait neither raises nor cancels what it waits for: giving up
            # the wait must not cancel the follower in its write.
            await asyncio.wait({asyncio.ensure_future(_returned(worker))}, timeout=wait)

    def stop_at_once(self) -> None:
        """Tell the follower to stop, without waiting (the screen is torn down)."""
        if self._follower is not None:
            self._follower.stop()

    # -- follow events ---------------------------------------------------------------

    def on_followed(self, message: Followed) -> None:
        """One follow event, as the follower reported it."""
        event = message.event
        if isinstance(event, StatusChanged):
            self._status_changed(event.status)
        elif isinstance(event, Applied):
            self._apply(event.changes, event.origin)
        elif isinstance(event, BackfillProgress):
            # Say how far the history has been read while the feed is still empty.
            if not self.has_entries:
                self.show_blank(reading=True)
        elif isinstance(event, Ended):
            self.header.update(live=False)
            self.notify("The blog has ended; it stays in the library, no longer polled.")
        elif isinstance(event, Stopped):
            self._stopped(event.reason)

    def _status_changed(self, status: FollowStatus) -> None:
        """The header follows the follower's status."""
        self.header.update(status=status)
        if status.state == "offline" and not self._offline_told:
            self._offline_told = True
            self.notify(
                f"Offline: {status.last_error or 'the site does not answer'}. "
                "The blog stays readable; liveread keeps trying.",
                severity="warning",
                markup=False,
            )
        elif status.state != "offline":
            self._offline_told = False
        if status.state == "backfilling" and not self.has_entries:
            self.show_blank(reading=True)

    def _stopped(self, reason: str) -> None:
        """Gone (404/410) or not a live blog: say so; what is cached stays readable."""
        self.header.update(stopped=reason)
        if not self.has_entries:  # nothing to read: this blog cannot be followed at all
            self.failed = reason
            if not self.from_library:
                self.lr_app.start_failure = reason
            self.show_blank(reading=False)
        self.notify(reason, severity="error", markup=False)

    def _apply(self, changes: Changes, origin: str) -> None:
        """Apply what changed: new entries, edits, removals, flags; ring for key events."""
        feed = self.feed
        ring = False
        if changes.new:
            fresh, old = self._split_new(changes.new, origin)
            if old:
                feed.upsert(old)
            if fresh:
                feed.upsert(fresh, new=True)
                ring = any(entry.is_key for entry in fresh)
        others = (*changes.edited, *changes.reflagged, *changes.removed)
        if others:
            ring = ring or any(
                entry.is_key and not getattr(feed.entry(entry.id), "is_key", True)
                for entry in changes.reflagged
            )
            feed.upsert(others)
        self.pane.upsert((*changes.new, *others))
        self._update_pinned((*changes.new, *others))
        if ring and self.lr_app.bell_on_key_events:
            self.app.bell()
        if self.has_entries:
            self.show_blank(reading=False)
        if not self.blog_title:
            self._refresh_title()

    def _split_new(
        self, entries: Iterable[StoredEntry], origin: str
    ) -> tuple[list[StoredEntry], list[StoredEntry]]:
        """Which arrivals are news (marked NEW, counted) and which are history.

        History: everything on first contact, and older pages read later; an
        entry published after the newest one cached at opening is news, even
        when it came through a catch-up read of older pages.
        """
        fresh: list[StoredEntry] = []
        old: list[StoredEntry] = []
        for entry in entries:
            if origin != "backfill" or (
                self.newest_at_open is not None and entry.published > self.newest_at_open
            ):
                fresh.append(entry)
            else:
                old.append(entry)
        return fresh, old

    def _update_pinned(self, entries: Iterable[StoredEntry]) -> None:
        """Follow the pinned post: a newly pinned entry replaces it; an unpinned one goes."""
        current = self.pinned.entry
        for entry in entries:
            if entry.pinned:
                current = entry
            elif current is not None and entry.id == current.id:
                current = None
        if current is not self.pinned.entry:
            self.pinned.set_entry(current)
            self.call_after_refresh(self._place_indicator)

    def _refresh_title(self) -> None:
        """Learn the blog's title (and liveness) once its first page is in the cache."""
        summary = self._summary()
        if summary is not None and summary.title:
            self.blog_title = summary.title
            self.header.update(title=summary.title, live=summary.live)
