"""The tab a journalist keeps open all day: one blog, key events beside the feed.

A :class:`BlogTab` is one tab of the tabs screen
(:class:`~liveread.tui.screens.TabsScreen`); each keeps its own follower,
place, search and "N new" while another is shown. Layout: the header (state,
title and outlet; the newest entry's time apart from the last check, the next
poll, the last error); under it the reader (:class:`~liveread.tui.reader.Reader`):
the key-events pane on the left (folding away on narrow terminals:
:mod:`liveread.tui.blog._fold`) and, on the right, the pinned strip, the "N
new" indicator, the feed and the search bar.

The reader wires the pane and the feed; the tab wires the rest: the pinned
strip makes the feed jump; the feed's count of unseen arrivals
(:attr:`BlogTab.new_count`) shows as the indicator, and arrivals while the tab
is not looked at (:attr:`BlogTab.unread`) on the tab bar; ``/`` and its bar
are a :class:`~liveread.tui.blog._search.FeedSearch`. The tab's own keys are
:data:`~liveread.tui.blog._keys.BLOG_BINDINGS`.

The tab follows the blog through a :class:`~liveread.tui.blog._follow_task.FollowTask`
(start, poll now, stop; a failed worker is said here). Each follow event arrives as it is, in one
:class:`~liveread.tui.blog._messages.Followed` message, with one handler: the
follow state has one owner, :attr:`BlogTab.liveness`, bound into the header;
what changed in the cache goes to :meth:`BlogTab.apply_changes`, the one way
in for changes, whoever made them, which a
:class:`~liveread.tui.blog._updates.LiveUpdates` applies, and the core's
:class:`~liveread.alerts.AlertRule` (the one ``liveread follow`` uses) says
which of them alert. What the tab opens with, the reader's place among it,
is read from the cache (:mod:`liveread.tui.blog._opening`).
"""

from __future__ import annotations

import contextlib
from collections.abc import Collection
from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING, ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.dom import DOMNode
from textual.reactive import var
from textual.widgets import Static
from textual.worker import Worker

from liveread.alerts import Alert, AlertRule
from liveread.cache import BlogSummary
from liveread.errors import LivereadError
from liveread.model import Blog
from liveread.naming import BlogName
from liveread.sources import blog_key
from liveread.times import Zone
from liveread.tui.blog._continues import ended_notice, open_continuation
from liveread.tui.blog._fold import PaneFold
from liveread.tui.blog._follow_task import FollowTask
from liveread.tui.blog._header import BlogHeader, history_of
from liveread.tui.blog._keys import BLOG_BINDINGS
from liveread.tui.blog._liveness import Liveness
from liveread.tui.blog._messages import BlogChanged, Followed
from liveread.tui.blog._opening import (
    FrozenHold,
    Place,
    entry_of,
    read_opening,
    read_rest,
    summary_of,
)
from liveread.tui.blog._search import FeedSearch
from liveread.tui.blog._updates import (
    LiveUpdates,
    blank_text,
    short_reason,
    since_text,
)
from liveread.tui.feed import FeedView
from liveread.tui.host import host_of
from liveread.tui.reader import Reader
from liveread.tui.widgets import KeyEventsPane, NewIndicator, PinnedStrip, SearchBar
from liveread.urls import user_url

if TYPE_CHECKING:
    from liveread.cache import Changes, Origin

__all__ = ["BlogTab"]


class BlogTab(Vertical):
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
        newest: When the newest entry was published (None: no entry yet; bound).
        history: From when liveread has a blog whose site shows only a window
            of it, or None (bound into the header).
        new_count: How many arrivals the reader has not seen (bound into the indicator).
        unread: How many entries arrived while the tab was not looked at (the tab bar's).
        source: The source that read the blog ("guardian", "schemaorg"; "" until known).
        failed: Why this blog could not be followed at all (nothing cached), or None.
        updates: Shows the blog's entries and applies what changes (made in :meth:`compose`).
        search: The search bar and the feed it filters (made in :meth:`compose`).
        alert_rule: When this blog's changes alert (the core's rule).

    """

    liveness: var[Liveness] = var(Liveness())
    blog_title: var[str] = var("")
    site_name: var[str] = var("")
    newest: var[datetime | None] = var(None)
    history: var[str | None] = var(None)
    new_count: var[int] = var(0)
    unread: var[int] = var(0)

    updates: LiveUpdates
    search: FeedSearch
    BINDING_GROUP_TITLE = "This blog"
    # The header and the reader cover it whole: Textual's BLANK, not drawn line by line.
    BLANK = True

    BINDINGS: ClassVar[list[BindingType]] = BLOG_BINDINGS

    def __init__(self, url: str, *, from_library: bool = False, follow: bool = True) -> None:
        super().__init__()
        self.page_url = user_url(url)
        self.url = blog_key(self.page_url)
        self.from_library = from_library
        self.source = ""
        # Set, not assigned: nothing is mounted to watch it yet.
        self.set_reactive(BlogTab.liveness, Liveness(following=follow))
        self.failed: str | None = None
        self.alert_rule = AlertRule()
        self._following = FollowTask(self)
        self._fold = PaneFold()
        self._left = False
        self._frozen = FrozenHold()  # holds objects out of the garbage collector (_opening)
        self._place = Place(self.url)
        self._feed: FeedView | None = None  # kept: at unmount it is no longer in the DOM

    @property
    def following(self) -> bool:
        """True unless the tab reads the cache only (``--offline``)."""
        return self.liveness.following

    @property
    def name_of_blog(self) -> BlogName:
        """What the blog is called by (outlet, title)."""
        return BlogName(self.url, self.blog_title, self.site_name)

    # -- composition ----------------------------------------------------------------

    def compose(self) -> ComposeResult:
        """Header, then the reader: pane | pinned strip, indicator, feed, search bar."""
        host = host_of(self)
        clock, zone = host.clock, host.zone
        pane = KeyEventsPane(clock=clock, zone=zone, id="key-events")
        # Not composed: mounted over the feed when the blog has a pinned post (see
        # _mount_pinned), as most never do.
        pinned = self._pinned = PinnedStrip(clock=clock, id="pinned")
        pinned.set_zone(zone)
        feed = self._feed = FeedView(clock=clock, zone=zone, id="feed")
        self.updates = LiveUpdates(feed, pane, pinned)
        self.search = FeedSearch(SearchBar(id="search"), feed, pane)
        header = BlogHeader(self.url, clock=clock, tick=host.ticking, id="header")
        header.zone = zone
        yield header.data_bind(
            BlogTab.liveness,
            BlogTab.blog_title,
            BlogTab.site_name,
            BlogTab.history,
            BlogTab.newest,
        )
        yield Reader(
            pane,
            feed,
            blog_of=lambda _id: self.name_of_blog,
            load=lambda entry_id: entry_of(host_of(self).cache, self.url, entry_id),
            above=(
                Static("", id="blank", markup=False),
                # Out of the flow (absolute), over the feed's top row.
                NewIndicator("", id="new-indicator", markup=False).data_bind(
                    count=BlogTab.new_count
                ),
            ),
            below=(self.search.bar,),
            id="blog-body",
        )

    @property
    def header(self) -> BlogHeader:
        """The header."""
        return self.query_one(BlogHeader)

    @property
    def reader(self) -> Reader:
        """The reader (the pane beside the feed)."""
        return self.query_one(Reader)

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
        """The pinned strip (over the feed once the blog has had a pinned post)."""
        return self._pinned

    def _mount_pinned(self) -> None:
        """Mount the pinned strip over the feed the first time the blog has a pinned post.

        Most blogs never pin one, and a strip mounted hidden is still styled at the
        first frame: each of its two dozen entry parts is a CSS node of its own.
        """
        strip = self._pinned
        if strip.entry is not None and strip.parent is None:
            self.reader.column.mount(strip, before=0)

    @property
    def search_bar(self) -> SearchBar:
        """The search bar."""
        return self.search.bar

    @property
    def indicator(self) -> NewIndicator:
        """The "N new" indicator."""
        return self.query_one(NewIndicator)

    def help_sections(self) -> list[tuple[str, DOMNode]]:
        """Widgets whose keys the help lists even without the focus."""
        return [("Feed", self.feed), ("Key events pane", self.pane), ("Reader", self.reader)]

    def on_mount(self) -> None:
        """Show the cache, then follow (the tabs screen gives the feed the focus)."""
        host = host_of(self)
        self._layout(self.app.size.width)
        self.watch(self.app, "zone", self._zone_changed, init=False)
        self.load_cached()
        if self.following:
            # After the first frame: importing and starting the follow engine (httpx,
            # the parsers) would otherwise hold back the cached blog's first screen.
            host.after_first_frame(self.start_following)

    def _zone_changed(self, zone: Zone) -> None:
        """Times are shown in another zone: everything that shows one is drawn again."""
        for widget in (self.header, self.feed, self.pane, self.pinned):
            widget.set_zone(zone)

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
        """Jump the feed to an entry (the reader's jump: clearing a search, loading it)."""
        return self.reader.jump(entry_id)

    @on(Reader.Jumped)
    def _jumped(self, message: Reader.Jumped) -> None:
        if message.cleared:
            self.clear_search()  # the search hid the entry: the reader cleared it
        # A narrow pane covers much of the screen: fold it after a jump from it.
        if message.from_pane and not self._fold.wide and self.pane.has_focus:
            self._fold.choose(False)
            self._layout(self.size.width)

    @on(PinnedStrip.Selected)
    def _pinned_selected(self, message: PinnedStrip.Selected) -> None:
        self.jump(message.entry_id)

    @on(FeedView.NewPending)
    def _new_pending(self, message: FeedView.NewPending) -> None:
        self.new_count = message.count
        self.call_after_refresh(self._place_indicator)

    def _place_indicator(self) -> None:
        """Put the indicator back over the feed's top row (the layout above it changed)."""
        self.indicator.place_over(self.feed, self.reader.column)

    @on(NewIndicator.Pressed)
    def _indicator_pressed(self) -> None:
        self.feed.show_new()

    @on(FeedView.FilterChanged)
    def _filter_changed(self, message: FeedView.FilterChanged) -> None:
        self.search.filter_changed(message)

    @on(SearchBar.Submitted)
    def _search_submitted(self, message: SearchBar.Submitted) -> None:
        self.search.submitted(message.terms)

    @on(SearchBar.Cleared)
    def _search_cleared(self) -> None:
        self.search.cleared()

    def clear_search(self) -> None:
        """Show every entry again and close the search bar."""
        self.search.clear()

    # -- actions (the keys) ---------------------------------------------------------------

    def action_search(self) -> None:
        """Open the search bar, its input focused before the next key is read."""
        self.search.open()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """``/`` types into an input that has the focus; Esc acts only where it can go."""
        if action == "search":
            # A priority binding sees every key first: in the search input (or any
            # other) a "/" is a character, not a search.
            return not self.search.typing
        if action == "back":
            return bool(self.from_library or self.failed or self.feed.filtered)
        return True

    def action_poll_now(self) -> None:
        """Ask the site now (or say why not)."""
        refused = self.liveness.poll_refused()
        if refused is not None:
            self.notify(refused, timeout=3)
        else:
            self._following.poll_now()  # not started yet: it asks as it starts
            self.notify("Polling now…", timeout=2)

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
        if self.search.shown:
            self.clear_search()
        elif self.from_library:
            host_of(self).show_library()
        elif self.failed:
            await host_of(self).close_blog(self)

    # -- opening ------------------------------------------------------------------------

    def load_cached(self) -> None:
        """Show what the cache holds, and what happened since the reader last looked."""
        try:
            opening = read_opening(host_of(self).cache, self.url)
        except LivereadError as exc:
            self.notify(str(exc), severity="error", markup=False)
            self.show_blank(reading=True)
            return
        if opening is None:
            self.show_blank(reading=True)
            return
        self._frozen.take()
        blog, summary = opening.blog, opening.summary
        new_ids = opening.new_ids
        partial = self.updates.show(blog, new_ids, rows=self.app.size.height)
        self._mount_pinned()
        self._know(blog)
        self.liveness = replace(
            self.liveness,
            live=blog.live,
            last_success=summary.last_success if summary else None,
            continues=opening.continues,
        )
        note = since_text(opening.since, host_of(self).zone) if opening.since else None
        self.header.note = note
        if note:
            self.notify(note.capitalize(), markup=False)
        self.show_blank(reading=not blog.entries)
        self._place.pending = opening.place
        self._place.return_to(self.feed)
        if partial:
            host_of(self).after_first_frame(lambda: self._load_rest(new_ids))

    def _load_rest(self, new_ids: Collection[str]) -> None:
        """Load the whole blog behind the first screen (the reader's place is kept)."""
        try:
            blog = read_rest(host_of(self).cache, self.url)
        except LivereadError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        self.updates.show_rest(blog, new_ids)
        self._place.return_to(self.feed, last=True)

    def _know(self, about: Blog | BlogSummary) -> None:
        """Take what the header says of the blog from what the cache holds of it."""
        self.source = about.source
        self.blog_title = about.title
        self.site_name = about.site_name
        self.history = history_of(about)
        if isinstance(about, Blog):
            self.newest = self.updates.newest
        self.updates.explain_pane(self.source, has_entries=self.has_entries)

    def _refresh_title(self) -> None:
        """Learn the blog's title (and liveness) once its first page is in the cache."""
        summary = summary_of(host_of(self).cache, self.url)
        if summary is not None and summary.title:
            self._know(summary)
            self.liveness = replace(self.liveness, live=summary.live)

    # -- following ----------------------------------------------------------------------

    def start_following(self) -> None:
        """Start following the blog: its follower in the tab's follow worker."""
        host = host_of(self)
        self._following.start(
            self.page_url,
            self.url,
            host.cache,
            settings=host.settings_for(self.page_url),
            clock=host.follow_clock,
        )

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A follower that crashed (a bug) leaves the blog readable and says so."""
        reason = self._following.crashed(event)
        if reason is not None:
            self.liveness = replace(self.liveness, stopped=reason)
            self.notify(reason, severity="error", markup=False)

    @on(Followed)
    def _followed(self, message: Followed) -> None:
        """One follow event: the liveness first, then what the event asks of the screen."""
        from liveread.follow import Applied, BackfillProgress, Ended, StatusChanged, Stopped

        event = message.event
        self.liveness = self.liveness.after(event)
        if isinstance(event, StatusChanged):
            self.alert_rule.saw_state(event.status.state)
        elif isinstance(event, Applied):
            self.apply_changes(event.changes, origin=event.origin)
        elif isinstance(event, BackfillProgress):
            # Say how far the history has been read while the feed is still empty.
            if not self.has_entries:
                self.show_blank(reading=True)
        elif isinstance(event, Ended):
            self.notify(ended_notice(event.continues), markup=False)
        elif isinstance(event, Stopped):
            self.call_later(self._cannot_follow, event.reason)

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

    async def _cannot_follow(self, reason: str) -> None:
        """Gone (404/410) or not a live blog: said once; what is cached stays readable.

        With nothing cached, a blog opened from the library closes its tab (no
        stale tab) and the library says why; one given on the command line
        keeps its tab, which says why (the app ends with status 1).
        """
        said = short_reason(reason)
        if self.has_entries:
            self.notify(said, severity="error", markup=False)
            return
        self.failed = reason
        host = host_of(self)
        if self.from_library:
            self.app.notify(f"Not followed: {said}", severity="error", markup=False)
            await host.close_blog(self)
            return
        host.failed_at_start(reason)
        self.show_blank(reading=False)  # the blank feed says why, in full

    def apply_changes(self, changes: Changes, *, origin: Origin = "poll") -> list[Alert]:
        """Show what changed in the cache; ring for a new key event (``--bell``).

        The one way in for changes to this blog, whoever made them (today the
        follower, through its ``Applied`` events). Arrivals while the tab is not
        looked at count as :attr:`unread`; what changed goes on to the tabs
        screen (:class:`~liveread.tui.blog._messages.BlogChanged`: the timeline,
        the alerts the core's rule calls for).

        Args:
            changes: What changed, entries as the cache now holds them.
            origin: How they came (``"backfill"``: reading the blog's older pages,
                see :meth:`LiveUpdates.apply`).

        Returns:
            The alerts the changes call for.

        """
        host = host_of(self)
        outcome = self.updates.apply(changes, history=origin == "backfill")
        if outcome.fresh and not self.looked_at:
            self.unread += len(outcome.fresh)
        self.newest = self.updates.newest
        if changes.title is not None:  # the title and the end come with the changes
            self.blog_title = changes.title
        if changes.live is not None:
            self.liveness = replace(self.liveness, live=changes.live)
        if not self.source:  # what else the header says of the blog: read once
            self._refresh_title()
        alerts = self.alert_rule.alerts(
            changes,
            origin,
            blog=self.name_of_blog,
            watches=host.watches,
            key_events=host.key_event_alerts,
        )
        host.give_alerts(alerts)
        self.post_message(BlogChanged(self, changes, outcome.fresh, origin == "backfill"))
        if outcome.pinned_moved:
            self._mount_pinned()
            self.call_after_refresh(self._place_indicator)
        if outcome.key_event and host.bell_on_key_events:
            self.app.bell()
        if self.has_entries:
            self.show_blank(reading=False)
            self.updates.explain_pane(self.source, has_entries=self.has_entries)
        return alerts

    @property
    def looked_at(self) -> bool:
        """True while the reader can see this tab (shown, on the screen in front)."""
        return bool(self.display) and self.screen.is_current

    def seen(self) -> None:
        """The reader looks at the tab: what arrived is no longer unread."""
        self.unread = 0

    # -- leaving -----------------------------------------------------------------------

    def _release(self) -> None:
        """The blog is read up to now; its objects may be collected again."""
        self._left = True
        host = host_of(self)
        with contextlib.suppress(LivereadError):
            host.cache.mark_read(self.url)
        top = self._feed.entry_at_top() if self._feed is not None else None
        self._place.keep(host.cache.path, top)
        self._frozen.give_back()

    async def leave(self) -> None:
        """Stop following and remember that (and where) the reader has read the blog."""
        if self._left:
            return
        self._left = True
        await self._following.stop()
        self._release()

    def on_unmount(self) -> None:
        """Closed without :meth:`leave` (the app torn down): stop the follower at least."""
        self._following.stop_soon()
        if not self._left:
            self._release()
