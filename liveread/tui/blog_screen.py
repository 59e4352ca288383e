"""The view a journalist keeps open all day: one blog, key events beside the feed.

A :class:`BlogView` is one tab of the reader screen (:mod:`liveread.tui.reader`);
each keeps its own follower, scroll position, search and "N new" while
another is shown. Layout: the header (title, site, state, last update, next
poll, last error); under it the key-events pane on the left (folding away on
narrow terminals: :mod:`liveread.tui.pane_fold`) and, on the right, the
pinned strip, the "N new" indicator, the feed and the search bar.

The widgets talk through messages, wired here: a key event chosen in the pane
(Enter, a click, 1–9) or the pinned strip makes the feed jump; the feed's top
entry highlights its key event in the pane; its count of unseen arrivals
(:attr:`BlogView.new_count`) shows as the indicator, and arrivals while the
tab is not looked at (:attr:`BlogView.unread`) on the tab bar.

The view follows the blog through a :class:`~liveread.tui.follow_task.FollowTask`
(start, poll now, stop; a failed worker is handled here, in
``Worker.StateChanged``). Each follow event arrives as it is, in one
:class:`~liveread.tui.messages.Followed` message, with one handler: the
follow state has one owner, :attr:`BlogView.liveness`, bound into the header,
and every decision about liveness (the badge, what ``r`` does, the offline
notice) is derived from it; what changed in the cache goes to
:meth:`BlogView.apply_changes`, the one way in for changes, whoever made them,
which a :class:`~liveread.tui.live_updates.LiveUpdates` applies.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Collection
from dataclasses import replace
from typing import TYPE_CHECKING, ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.dom import DOMNode
from textual.reactive import var
from textual.widgets import Static
from textual.worker import Worker, WorkerState

from liveread.cache import BlogSummary, Changes
from liveread.errors import LivereadError
from liveread.follow import Applied, BackfillProgress, Ended, FollowEvent, Stopped
from liveread.model import Blog, history_note
from liveread.sources import blog_key
from liveread.tui.continues import ended_notice, open_continuation
from liveread.tui.entry_actions import copy_quote, open_link, show_revisions
from liveread.tui.feed import FeedView
from liveread.tui.follow_task import GROUP as FOLLOW_GROUP
from liveread.tui.follow_task import FollowTask
from liveread.tui.header import BlogHeader
from liveread.tui.indicator import NewIndicator
from liveread.tui.key_events import KeyEventsPane, jump_bindings
from liveread.tui.live_updates import (
    FIRST_WINDOW,
    LiveUpdates,
    blank_text,
    loading_for_good,
    since_text,
)
from liveread.tui.liveness import Liveness
from liveread.tui.messages import BlogChanged, Followed
from liveread.tui.pane_fold import PaneFold
from liveread.tui.pinned import PinnedStrip
from liveread.tui.search import SearchBar
from liveread.urls import user_url

if TYPE_CHECKING:
    from liveread.tui.app import LivereadApp

__all__ = ["BlogView"]
#: How the header writes the times of a windowed blog's history ("27 Nov 14:02").
HISTORY_TIMES = "%d %b %H:%M"


class BlogView(Vertical):
    """One blog: header, key events, pinned strip, feed; following it unless offline.

    Args:
        url: The blog's URL as the user gave it (https assumed).
        from_library: Opened from the library (Esc goes back to it).
        follow: Follow it (False: the cache only).

    Attributes:
        url: The blog's cache key.
        page_url: The URL to follow.
        from_library: Esc goes back to the library.
        liveness: Where following the blog stands: its one owner (bound into the header).
        blog_title: The blog's title ("" until known; bound into the header).
        site_name: The site's name as its pages give it ("" until known; bound).
        history: From when liveread has a blog whose site shows only a window
            of it, or None (bound into the header).
        new_count: How many arrivals the reader has not seen (bound into the indicator).
        unread: How many entries arrived while the tab was not looked at (the tab bar's).
        source: The source that read the blog ("guardian", "jsonld"; "" until known).
        failed: Why this blog could not be followed at all (nothing cached), or None.
        updates: Shows the blog's entries and applies what changes (made in :meth:`compose`).

    """

    liveness: var[Liveness] = var(Liveness())
    blog_title: var[str] = var("")
    site_name: var[str] = var("")
    history: var[str | None] = var(None)
    new_count: var[int] = var(0)
    unread: var[int] = var(0)

    updates: LiveUpdates
    BINDING_GROUP_TITLE = "This blog"

    BINDINGS: ClassVar[list[BindingType]] = [
        # 1-9 reach the pane wherever the focus is (the pane's own ids).
        *jump_bindings("jump_key_event"),
        Binding("slash", "search", "Search", key_display="/", id="blog.search",
                tooltip="Show only the entries holding some words"),
        Binding("o", "open_link", "Open", show=False, id="blog.open",
                tooltip="Open the entry's permalink in the browser"),
        Binding("y", "copy_quote", "Copy", show=False, id="blog.copy",
                tooltip="Copy a quote of the entry (text, time, titles, link)"),
        Binding("d", "revisions", "Diff", id="blog.revisions",
                tooltip="Show the entry's revisions as a word diff"),
        Binding("r", "poll_now", "Poll", id="blog.poll", tooltip="Ask the site now"),
        Binding("c", "open_continuation", "Next blog", show=False, id="blog.continues",
                tooltip="Open the blog that continues this ended one, in a new tab"),
        Binding("p", "toggle_pinned", "Pinned", show=False, id="blog.pinned",
                tooltip="Show the whole pinned post, or fold it"),
        Binding("e", "toggle_key_events", "Pane", id="blog.key_events",
                tooltip="Show or hide the key-events pane"),
        Binding("tab", "app.focus_next", "Other pane", show=False, id="blog.focus_next",
                tooltip="Move between the key-events pane and the feed"),
        Binding("shift+tab", "app.focus_previous", "Other pane", show=False,
                id="blog.focus_previous", tooltip="Move between the panes, backwards"),
        Binding("escape", "back", "Back", id="blog.back",
                tooltip="Back to the library (or clear the search first)"),
    ]  # fmt: skip

    def __init__(self, url: str, *, from_library: bool = False, follow: bool = True) -> None:
        super().__init__()
        self.page_url = user_url(url)
        self.url = blog_key(self.page_url)
        self.from_library = from_library
        self.source = ""
        # Set, not assigned: nothing is mounted to watch it yet.
        self.set_reactive(BlogView.liveness, Liveness(following=follow))
        self.failed: str | None = None
        self._following = FollowTask(self)
        self._fold = PaneFold()
        self._left = False

    @property
    def lr_app(self) -> LivereadApp:
        """The app, typed."""
        return self.app  # type: ignore[return-value]

    @property
    def following(self) -> bool:
        """True unless the view reads the cache only (``--offline``)."""
        return self.liveness.following

    # -- composition ----------------------------------------------------------------

    def compose(self) -> ComposeResult:
        """Header, the two panes, footer."""
        app = self.lr_app
        clock = app.clock
        pane = KeyEventsPane(clock=clock, id="key-events")
        pinned = PinnedStrip(clock=clock, id="pinned")
        feed = FeedView(clock=clock, id="feed")
        self.updates = LiveUpdates(feed, pane, pinned)
        yield BlogHeader(self.url, clock=clock, tick=app.ticking, id="header").data_bind(
            BlogView.liveness, BlogView.blog_title, BlogView.site_name, BlogView.history
        )
        with Horizontal(id="blog-body"):
            yield pane
            with Vertical(id="reader"):
                yield pinned
                yield Static("", id="blank", markup=False)
                # Out of the flow (absolute), over the feed's top row.
                yield NewIndicator("", id="new-indicator", markup=False).data_bind(
                    count=BlogView.new_count
                )
                yield feed
                yield SearchBar(id="search")

    @property
    def header(self) -> BlogHeader:
        """The header."""
        return self.query_one(BlogHeader)

    @property
    def feed(self) -> FeedView:
        """The feed."""
        return self.query_one(FeedView)

    @property
    def pane(self) -> KeyEventsPane:
        """The key-events pane."""
        return self.query_one(KeyEventsPane)

    @property
    def pinned(self) -> PinnedStrip:
        """The pinned strip."""
        return self.query_one(PinnedStrip)

    @property
    def search_bar(self) -> SearchBar:
        """The search bar."""
        return self.query_one(SearchBar)

    @property
    def indicator(self) -> NewIndicator:
        """The "N new" indicator."""
        return self.query_one(NewIndicator)

    def help_sections(self) -> list[tuple[str, DOMNode]]:
        """Widgets whose keys the help lists even without the focus."""
        return [("Feed", self.feed), ("Key events pane", self.pane)]

    def on_mount(self) -> None:
        """Show the cache, then follow (the reader screen gives the feed the focus)."""
        self._layout(self.app.size.width)
        self.load_cached()
        if self.following:
            # After the first frame: importing and starting the follow engine (httpx,
            # the parsers) would otherwise hold back the cached blog's first screen.
            self.lr_app.after_first_frame(self.start_following)

    @property
    def has_entries(self) -> bool:
        """True when the feed holds entries (even if a search hides them all)."""
        return bool(self.feed.shown_ids or self.feed.filtered)

    def show_blank(self, *, reading: bool) -> None:
        """The line shown while the feed is empty: reading the blog, or why it failed."""
        blank = self.query_one("#blank", Static)
        empty = reading and not self.has_entries
        text = blank_text(self.liveness, self.failed, self.from_library, reading=empty)
        blank.display = text is not None
        if text is not None:
            blank.update(Content(text))

    # -- layout ---------------------------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        """Fold or unfold the key-events pane as the width crosses the threshold."""
        self._layout(event.size.width)
        self.call_after_refresh(self._place_indicator)

    def _layout(self, width: int) -> None:
        visible = self._fold.visible(width)
        self.set_class(not self._fold.wide, "-narrow")
        pane = self.pane
        pane.display = visible
        if not visible and pane.has_focus:
            self.feed.focus()

    @property
    def pane_visible(self) -> bool:
        """True when the key-events pane is shown."""
        return bool(self.pane.display)

    # -- wiring the widgets -------------------------------------------------------------

    def jump(self, entry_id: str) -> bool:
        """Jump the feed to an entry: clearing a search that hides it, loading it if needed."""
        feed = self.feed
        if feed.jump_to(entry_id):
            return True
        if feed.filtered:
            self.clear_search()
            if feed.jump_to(entry_id):
                return True
        if feed.entry(entry_id) is None:
            try:
                entry = self.lr_app.cache.entry(self.url, entry_id)
            except LivereadError:
                entry = None
            if entry is not None:
                feed.upsert([entry])
                return feed.jump_to(entry_id)
        return False

    @on(KeyEventsPane.Jump)
    def _pane_jump(self, message: KeyEventsPane.Jump) -> None:
        self.jump(message.entry_id)
        if not self._fold.wide and self.pane.has_focus:
            # Narrow: the pane covers much of the screen; fold it and read.
            self._fold.choose(False)
            self._layout(self.size.width)

    @on(PinnedStrip.Selected)
    def _pinned_selected(self, message: PinnedStrip.Selected) -> None:
        self.jump(message.entry_id)

    @on(FeedView.TopEntryChanged)
    def _top_changed(self, message: FeedView.TopEntryChanged) -> None:
        self.pane.highlight(message.key_event_id)

    @on(FeedView.NewPending)
    def _new_pending(self, message: FeedView.NewPending) -> None:
        self.new_count = message.count
        self.call_after_refresh(self._place_indicator)

    def _place_indicator(self) -> None:
        """Put the indicator back over the feed's top row (the layout above it changed)."""
        self.indicator.place_over(self.feed, self.query_one("#reader"))

    @on(NewIndicator.Pressed)
    def _indicator_pressed(self) -> None:
        self.feed.show_new()

    @on(FeedView.FilterChanged)
    def _filter_changed(self, message: FeedView.FilterChanged) -> None:
        if message.terms or message.watched_only:  # "watched only" is said in the bar too
            typed = self.search_bar.terms if message.terms else ()  # as typed, not normalised
            self.search_bar.show_result(typed, message.count, message.watched_only)
        else:
            self.search_bar.close()

    @on(SearchBar.Submitted)
    def _search_submitted(self, message: SearchBar.Submitted) -> None:
        if not message.terms:
            self.clear_search()
            return
        count = self.feed.filter(message.terms)
        self.search_bar.show_result(message.terms, count, self.feed.watched_only)
        self.feed.focus()

    @on(SearchBar.Cleared)
    def _search_cleared(self) -> None:
        self.feed.clear_filter()
        self.feed.focus()

    def clear_search(self) -> None:
        """Show every entry again and close the search bar."""
        self.search_bar.close()
        self.feed.clear_filter()
        if not self.pane.has_focus:
            self.feed.focus()

    # -- actions (the keys) ---------------------------------------------------------------

    def action_jump_key_event(self, n: int) -> None:
        """Jump to the n-th key event of the pane (top = 1)."""
        if self.pane.jump_nth(n) is None:
            self.notify(f"There is no key event {n}.", timeout=2)

    def action_search(self) -> None:
        """Open the search bar."""
        self.search_bar.open()

    def action_open_link(self) -> None:
        """Open the selected entry's permalink in the browser, if it is a safe web address."""
        open_link(self, self.feed.selected_entry)

    def action_copy_quote(self) -> None:
        """Copy a quote of the selected entry to the clipboard."""
        copy_quote(self, self.feed.selected_entry, self.blog_title)

    def action_revisions(self) -> None:
        """Show the selected entry's revisions as a word diff."""
        show_revisions(self, self.feed.selected_entry)

    def action_poll_now(self) -> None:
        """Ask the site now."""
        liveness = self.liveness
        if not liveness.following:
            self.notify("--offline: reading the cache only; nothing is fetched.", timeout=3)
        elif liveness.polling:
            self._following.poll_now()  # not started yet: it asks as it starts
            self.notify("Polling now…", timeout=2)
        elif liveness.ended:
            self.notify("The blog has ended; there is nothing more to poll.", timeout=3)
        else:
            self.notify("Not following this blog any more.", timeout=3)

    def action_open_continuation(self) -> None:
        """Open the blog that continues this ended one (same site only) in a new tab."""
        open_continuation(self, self.url, self.liveness.continues)

    def action_toggle_pinned(self) -> None:
        """Unfold the pinned post, or fold it back."""
        if self.pinned.entry is None:
            self.notify("This blog has no pinned post.", timeout=2)
            return
        self.pinned.toggle()
        self.call_after_refresh(self._place_indicator)

    def action_toggle_key_events(self) -> None:
        """Show or hide the key-events pane."""
        show = not self.pane_visible
        self._fold.choose(show)
        self._layout(self.size.width)
        self.call_after_refresh(self._place_indicator)
        if show and not self._fold.wide:
            self.pane.focus()

    async def action_back(self) -> None:
        """Clear the search; else back to the library (the tab stays); else close a failed tab."""
        if self.feed.filtered or self.search_bar.display:
            self.clear_search()
        elif self.from_library:
            self.lr_app.show_library()
        elif self.failed:
            await self.lr_app.close_blog(self)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Esc is shown (and acts) only where it has somewhere to go."""
        if action == "back":
            return bool(self.from_library or self.failed or self.feed.filtered)
        return True

    # -- opening ------------------------------------------------------------------------

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
            with loading_for_good():
                # The newest entries (and every key event) first: enough for the first
                # screen at once; the rest of a long blog follows right after it is painted.
                blog = cache.load(self.url, newest=FIRST_WINDOW)
                after = cache.follow_state(self.url).continues if blog.live is False else None
        except LivereadError as exc:
            self.notify(str(exc), severity="error", markup=False)
            self.show_blank(reading=True)
            return
        summary = self._summary()
        report = None
        if summary is not None and summary.last_read is not None:
            with contextlib.suppress(LivereadError):
                report = cache.since(self.url, summary.last_read)
        new_ids = report.new if report else ()
        partial = self.updates.show(blog, new_ids)
        self._know(blog)
        self.liveness = replace(
            self.liveness,
            live=blog.live,
            last_success=summary.last_success if summary else None,
            continues=after,
        )
        note = since_text(report) if report else None
        self.header.note = note
        if note:
            self.notify(note.capitalize(), markup=False)
        self.show_blank(reading=not blog.entries)
        if partial:
            self.lr_app.after_first_frame(lambda: self._load_rest(new_ids))

    def _load_rest(self, new_ids: Collection[str]) -> None:
        """Load the whole blog behind the first screen (the reader's place is kept)."""
        try:
            with loading_for_good():
                blog = self.lr_app.cache.load(self.url)
        except LivereadError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        self.updates.show_rest(blog, new_ids)

    def _know(self, about: Blog | BlogSummary) -> None:
        """Take what the header says of the blog from what the cache holds of it."""
        self.source = about.source
        self.blog_title = about.title
        self.site_name = about.site_name
        self.history = history_note(
            about.window, about.history_from, about.following_since, HISTORY_TIMES, brief=True
        )

    def _refresh_title(self) -> None:
        """Learn the blog's title (and liveness) once its first page is in the cache."""
        summary = self._summary()
        if summary is not None and summary.title:
            self._know(summary)
            self.liveness = replace(self.liveness, live=summary.live)

    # -- following ----------------------------------------------------------------------

    def start_following(self) -> None:
        """Start following the blog: its follower in the view's follow worker."""
        app = self.lr_app

        def post(event: FollowEvent) -> None:
            # Called by the follower from the app's own loop: posting is safe and cheap.
            self.post_message(Followed(self.url, event))

        self._following.start(
            self.page_url,
            app.cache,
            settings=app.settings_for(self.page_url),
            on_event=post,
            clock=app.follow_clock,
        )

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A follower that crashed (a bug) leaves the blog readable and says so."""
        if event.worker.group != FOLLOW_GROUP or event.state != WorkerState.ERROR:
            return
        error = event.worker.error
        reason = f"following failed: {type(error).__name__}: {error}"
        self.liveness = replace(self.liveness, stopped=reason)
        self.notify(reason, severity="error", markup=False)

    @on(Followed)
    def _followed(self, message: Followed) -> None:
        """One follow event: the liveness first, then what the event asks of the screen."""
        event = message.event
        self.liveness = self.liveness.after(event)
        if isinstance(event, Applied):
            self.apply_changes(event.changes, history=event.origin == "backfill")
        elif isinstance(event, BackfillProgress):
            # Say how far the history has been read while the feed is still empty.
            if not self.has_entries:
                self.show_blank(reading=True)
        elif isinstance(event, Ended):
            self.notify(ended_notice(event.continues), markup=False)
        elif isinstance(event, Stopped):
            self._cannot_follow(event.reason)

    def watch_liveness(self, old: Liveness, new: Liveness) -> None:
        """Say once that the site does not answer; show how far the history is read."""
        if new.offline and not old.offline and new.status is not None:
            self.notify(
                f"Offline: {new.status.last_error or 'the site does not answer'}. "
                "The blog stays readable; liveread keeps trying.",
                severity="warning",
                markup=False,
            )
        if new.reading_history and not self.has_entries:
            self.show_blank(reading=True)

    def _cannot_follow(self, reason: str) -> None:
        """Gone (404/410) or not a live blog: say so; what is cached stays readable."""
        if not self.has_entries:  # nothing to read: this blog cannot be followed at all
            self.failed = reason
            if not self.from_library:
                self.lr_app.start_failure = reason
            self.show_blank(reading=False)
        self.notify(reason, severity="error", markup=False)

    def apply_changes(self, changes: Changes, *, history: bool = False) -> None:
        """Show what changed in the cache; ring for a new key event (``--bell``).

        The one way in for changes to this blog, whoever made them (today the
        follower, through its ``Applied`` events). Arrivals while the tab is not
        looked at count as :attr:`unread`; what changed goes on to the reader
        screen (:class:`~liveread.tui.messages.BlogChanged`: the timeline, the alerts).

        Args:
            changes: What changed, entries as the cache now holds them.
            history: The new entries come from reading the blog's history (see
                :meth:`LiveUpdates.apply`).

        """
        outcome = self.updates.apply(changes, history=history)
        if outcome.fresh and not self.looked_at:
            self.unread += len(outcome.fresh)
        self.post_message(BlogChanged(self, changes, outcome.fresh, history))
        if outcome.pinned_moved:
            self.call_after_refresh(self._place_indicator)
        if outcome.key_event and self.lr_app.bell_on_key_events:
            self.app.bell()
        if self.has_entries:
            self.show_blank(reading=False)
        if changes.title is not None:  # the title and the end come with the changes
            self.blog_title = changes.title
        if changes.live is not None:
            self.liveness = replace(self.liveness, live=changes.live)
        if not self.source:  # what else the header says of the blog: read once
            self._refresh_title()

    @property
    def looked_at(self) -> bool:
        """True while the reader can see this tab (shown, on the screen in front)."""
        return bool(self.display) and self.screen.is_current

    def seen(self) -> None:
        """The reader looks at the tab: what arrived is no longer unread."""
        self.unread = 0

    # -- leaving -----------------------------------------------------------------------

    async def leave(self) -> None:
        """Stop following and remember that the reader has read the blog up to now."""
        if self._left:
            return
        self._left = True
        await self._following.stop()
        with contextlib.suppress(LivereadError):
            self.lr_app.cache.mark_read(self.url)
        gc.unfreeze()  # the blog's objects may be collected again (frozen by load_cached)

    def on_unmount(self) -> None:
        """Closed without :meth:`leave` (the app torn down): stop the follower at least."""
        self._following.stop_soon()
        if not self._left:
            self._left = True
            with contextlib.suppress(LivereadError):
                self.lr_app.cache.mark_read(self.url)
            gc.unfreeze()
