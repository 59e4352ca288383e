"""The reader screen: every blog open in the session, one tab each, and the timeline.

:class:`TabsScreen` holds a :class:`~liveread.tui.blog_screen.BlogTab` per
blog in a :class:`~textual.widgets.ContentSwitcher`, under a
:class:`~liveread.tui.tabs.TabBar` (shown once two blogs are open, or on the
timeline). Every view stays mounted while another is shown, so each keeps
following its blog, its scroll position, its search and its "N new". The
timeline (:class:`~liveread.tui.timeline.TimelineTab`, ``t``) is a tab of
its own, made the first time it is asked for: what each view applies
(:class:`~liveread.tui.messages.BlogChanged`) is handed on to it, and Enter
on one of its entries shows that entry in its own blog's tab.

Who owns what:

- which blogs are open, and in what order, is the screen's (its list of
  views; :meth:`TabsScreen.add_blog`, :meth:`TabsScreen.close_blog`);
- which tab is shown is :attr:`TabsScreen.current` (the switcher follows it);
- each blog's title, liveness and unread count are its view's; the screen
  watches them and derives :attr:`TabsScreen.tabs`, which is bound into the
  tab bar.

Keys: Ctrl+→ / Ctrl+← the next / previous tab, Alt+1…9 blog N, ``t`` the
timeline (and back), Ctrl+W closes the blog's tab (its follower stops after
its write in progress, the blog is marked read). And the watches, which
apply to every tab: ``w`` adds one, ``W`` lists them, ``f`` shows only the
entries they match in the tab shown. The screen gives every feed the app's
watches (highlights, "watched only"), and hands what each view applied to
the app's alerts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.dom import DOMNode
from textual.reactive import var
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import ContentSwitcher, Footer

from liveread.sources import blog_key
from liveread.tui.blog import BlogChanged, BlogTab
from liveread.tui.feed import FeedView, WatchMarks
from liveread.tui.screens._watches import WatchDialog, WatchesScreen
from liveread.tui.timeline import Label, TimelineFeed, TimelineTab, split_id
from liveread.tui.widgets import BLOG_COLOURS, TIMELINE, BlogName, TabBar, TabInfo, short_names
from liveread.urls import user_url

if TYPE_CHECKING:
    from liveread.alerts import Watch
    from liveread.tui.app import LivereadApp

__all__ = ["TabsScreen"]

_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth")


class TabsScreen(Screen[None]):
    """Every blog open in the session, one tab each.

    Attributes:
        current: The DOM id of the tab shown (None before the first blog opens).
        tabs: The tabs as the bar shows them (derived from the views; bound into the bar).

    """

    current: var[str | None] = var(None, init=False)
    tabs: var[tuple[TabInfo, ...]] = var(())

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+right,ctrl+pagedown", "next_tab", "Next tab", show=False,
                id="tabs.next", tooltip="Show the next tab"),
        Binding("ctrl+left,ctrl+pageup", "previous_tab", "Previous tab", show=False,
                id="tabs.previous", tooltip="Show the previous tab"),
        *(Binding(f"alt+{n}", f"go_blog({n})", f"Blog {n}", show=False, id=f"tabs.blog_{n}",
                  tooltip=f"Show the {_ORDINALS[n - 1]} blog's tab")
          for n in range(1, 10)),
        Binding("t", "timeline", "Timeline", show=False, id="tabs.timeline",
                tooltip="Every open blog's entries in one timeline, newest first (t again: back)"),
        Binding("ctrl+w", "close_tab", "Close tab", show=False, id="tabs.close",
                tooltip="Stop following the blog shown and close its tab"),
        Binding("w", "add_watch", "Watch", show=False, id="watches.new",
                tooltip="Watch for words (the text selected, or the search) in every blog"),
        Binding("W", "watches", "Watches", show=False, id="watches.list",
                tooltip="List the watches; remove one"),
        Binding("f", "watched_only", "Watched only", show=False, id="watches.only",
                tooltip="Show only the entries a watch matches (f again: every entry)"),
    ]  # fmt: skip

    def __init__(self) -> None:
        super().__init__(id="tabs-screen")
        self._views: list[BlogTab] = []
        self._opened = 0  # views ever opened: each gets a DOM id never used before
        self._composed = False
        self._first: str | None = None
        self._focus: dict[str, Widget] = {}  # what had the focus in each tab when left
        self._colours: dict[str, int] = {}  # each open blog's colour, by view id
        self._timeline: TimelineTab | None = None
        self._last_blog: str | None = None  # the blog tab to go back to from the timeline

    @property
    def lr_app(self) -> LivereadApp:
        """The app, typed."""
        return self.app  # type: ignore[return-value]

    # -- composition ------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        """The tab bar, the views (the blogs opened before the screen was), the footer."""
        self._composed = True
        yield TabBar(id="tab-bar").data_bind(TabsScreen.tabs, TabsScreen.current)
        yield ContentSwitcher(*self._views, id="views", initial=self._first)
        # The palette's key is in the help (?); the footer keeps its room for the main keys.
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        """Show the first blog, and the tabs."""
        for view in self._views:  # composed with the screen
            self._watch_view(view)
        self.watch(self.app, "watches", self._set_watches, init=False)
        if self._first is not None:
            self.current = self._first
        self._update_tabs()

    @property
    def switcher(self) -> ContentSwitcher:
        """The switcher holding the views."""
        return self.query_one("#views", ContentSwitcher)

    @property
    def tab_bar(self) -> TabBar:
        """The tab bar."""
        return self.query_one(TabBar)

    @property
    def views(self) -> list[BlogTab]:
        """The blogs' views, in tab order (a copy)."""
        return list(self._views)

    @property
    def view(self) -> BlogTab | None:
        """The blog shown, or None (no blog, or another kind of tab)."""
        return next((v for v in self._views if v.id == self.current), None)

    @property
    def timeline(self) -> TimelineTab | None:
        """The timeline, once it was asked for."""
        return self._timeline

    def help_sections(self) -> list[tuple[str, DOMNode]]:
        """The shown tab's keys (feed, pane, the tab's own), then the tabs'."""
        view = self.view
        timeline = self._timeline
        sections: list[tuple[str, DOMNode]] = []
        if view is not None:
            sections = [*view.help_sections(), ("This blog", view)]
        elif timeline is not None and self.current == TIMELINE:
            sections = [*timeline.help_sections(), ("Timeline", timeline)]
        return [*sections, ("Tabs", self)]

    # -- opening and closing ---------------------------------------------------------------

    def find(self, url: str) -> BlogTab | None:
        """The open view of the blog at *url*, or None."""
        key = blog_key(user_url(url))
        return next((v for v in self._views if v.url == key), None)

    def add_blog(
        self, url: str, *, from_library: bool, follow: bool, show: bool = True
    ) -> BlogTab:
        """Open a tab for the blog at *url* (or find the one open); show it if *show*."""
        view = self.find(url)
        if view is None:
            self._opened += 1
            view = BlogTab(url, from_library=from_library, follow=follow)
            key = view.id = f"blog-{self._opened}"  # the tab's name, never used again
            self._colours[key] = self._free_colour()
            self._views.append(view)
            if self._composed:
                self._mount_view(view, show=show)
                return view
            self._first = self._first or view.id
        if show:
            if self._composed and view.is_mounted:
                self.current = view.id
            elif not self._composed:
                self._first = view.id
        return view

    def _mount_view(self, view: BlogTab, *, show: bool) -> None:
        async def mount() -> None:
            await self.switcher.add_content(view)
            self._watch_view(view)
            if show or self.current is None:
                self.current = view.id
            self._update_tabs()

        self.call_next(mount)

    def _watch_view(self, view: BlogTab) -> None:
        """What the tab bar shows of a blog is its view's: follow it. Give it the watches."""
        for name in ("unread", "blog_title", "liveness"):
            self.watch(view, name, self._update_tabs, init=False)
        self._mark(view.feed, view.url)

    def _mark(self, feed: FeedView, url: str | None = None) -> None:
        """Give a feed the watches: as entries of *url*, or (the timeline) of their own blogs."""
        watches = self.lr_app.watches
        if url is not None:
            feed.set_watch_marks(WatchMarks(watches, lambda _id: url))
        else:
            feed.set_watch_marks(WatchMarks(watches, self._timeline_blog))

    def _timeline_blog(self, item: str) -> str:
        """The URL of the blog a timeline entry belongs to."""
        key = split_id(item)[0]
        return next((v.url for v in self._views if v.id == key), "")

    def _set_watches(self) -> None:
        """The watches changed: every feed highlights (and filters) by the new ones."""
        for view in self._views:
            self._mark(view.feed, view.url)
        if self._timeline is not None:
            self._mark(self._timeline.feed)

    def _free_colour(self) -> int:
        """The first colour no open blog has (they take turns once all are taken)."""
        taken = {c % BLOG_COLOURS for c in self._colours.values()}
        free = [c for c in range(BLOG_COLOURS) if c not in taken]
        return free[0] if free else self._opened % BLOG_COLOURS

    async def close_blog(self, view: BlogTab) -> int:
        """Close a blog's tab: stop its follower after its write, mark it read.

        Returns:
            How many blogs are still open.

        """
        if view not in self._views:
            return len(self._views)
        index = self._views.index(view)
        await view.leave()
        self._views.remove(view)
        self._focus.pop(view.id or "", None)
        self._colours.pop(view.id or "", None)
        if self.current == view.id:
            following = self._views[min(index, len(self._views) - 1)] if self._views else None
            self.current = following.id if following is not None else None
        await view.remove()
        timeline = self._timeline
        if timeline is not None and not self._views:
            self._timeline = None
            await timeline.remove()
        elif timeline is not None:
            timeline.show_blogs(self._views, self._labels())
        self._update_tabs()
        return len(self._views)

    # -- the tab shown ----------------------------------------------------------------

    def watch_current(self, old: str | None, new: str | None) -> None:
        """Show the tab; give its widget the focus back; what arrived is seen."""
        focused = self.focused
        if old is not None and focused is not None:
            self._focus[old] = focused
        self.switcher.current = new
        view = self.view
        target: Widget | None = None
        if view is not None:
            self._last_blog = view.id
            view.seen()
            target = self._focus.get(new or "") or view.feed
        elif new == TIMELINE and self._timeline is not None:
            target = self._focus.get(new) or self._timeline.feed
        if target is not None and target.is_attached:
            target.focus()
        self._update_tabs()

    def on_screen_resume(self) -> None:
        """Back from the library or a dialog: the blog shown is looked at again."""
        view = self.view
        if view is not None:
            view.seen()

    def _update_tabs(self) -> None:
        """Derive the tabs from the views (their names, unread counts, ended or not)."""
        views = self._views
        names = short_names([BlogName(v.url, v.blog_title, v.source) for v in views])
        timeline = (TabInfo(key=TIMELINE, label="Timeline"),)
        self.tabs = timeline + tuple(
            TabInfo(
                key=v.id or "",
                label=name,
                number=number,
                colour=self._colours.get(v.id or "", 0),
                unread=v.unread,
                ended=v.liveness.ended,
            )
            for number, (v, name) in enumerate(zip(views, names, strict=True), 1)
        )
        if self._composed and self.is_mounted:
            self.tab_bar.display = len(views) > 1 or self.current == TIMELINE
        if self._timeline is not None:
            self._timeline.set_labels(self._labels())

    def _labels(self) -> dict[str, Label]:
        """How the timeline names each blog: its tab's short name and colour."""
        return {t.key: (t.label, t.colour) for t in self.tabs if t.colour is not None}

    @on(TabBar.Selected)
    async def _tab_clicked(self, message: TabBar.Selected) -> None:
        if message.key == TIMELINE:
            await self.show_timeline()
        else:
            self.current = message.key

    @on(BlogChanged)
    def _blog_changed(self, message: BlogChanged) -> None:
        """What a blog's view applied goes to the timeline too, and to the alerts."""
        view = message.view
        if view not in self._views:
            return
        if self._timeline is not None:
            self._timeline.apply(view, message.changes, message.fresh)
        app = self.lr_app
        app.alerts.changed(
            message.changes,
            history=message.history,
            blog_url=view.url,
            blog_title=view.blog_title,
            watches=app.watches,
        )

    @on(TimelineFeed.Open)
    def _open_from_timeline(self, message: TimelineFeed.Open) -> None:
        """Enter on an entry of the timeline: read it in its own blog's tab."""
        view = next((v for v in self._views if v.id == message.view_key), None)
        if view is None:
            return
        self.current = view.id
        view.jump(message.entry_id)

    async def show_timeline(self) -> TimelineTab:
        """Show the timeline (made the first time), rebuilt from every open blog."""
        timeline = self._timeline
        if timeline is None:
            timeline = self._timeline = TimelineTab(clock=self.lr_app.clock, id=TIMELINE)
            await self.switcher.add_content(timeline)
            self._mark(timeline.feed)
        timeline.show_blogs(self._views, self._labels())
        self.current = TIMELINE
        return timeline

    # -- keys -------------------------------------------------------------------------

    async def _step(self, step: int) -> None:
        keys = [tab.key for tab in self.tabs]
        if len(keys) < 3:  # the timeline and one blog: nothing to go to
            return
        at = keys.index(self.current) if self.current in keys else 0
        key = keys[(at + step) % len(keys)]
        if key == TIMELINE:
            await self.show_timeline()
        else:
            self.current = key

    async def action_next_tab(self) -> None:
        """Show the next tab (round to the first)."""
        await self._step(+1)

    async def action_previous_tab(self) -> None:
        """Show the previous tab (round to the last)."""
        await self._step(-1)

    async def action_timeline(self) -> None:
        """Show the timeline; from the timeline, back to the blog shown before."""
        if self.current != TIMELINE:
            await self.show_timeline()
        elif self._views:
            back = self._last_blog if self._last_blog in {v.id for v in self._views} else None
            self.current = back or self._views[0].id

    def action_go_blog(self, n: int) -> None:
        """Show the n-th blog's tab."""
        if not 1 <= n <= len(self._views):
            self.notify(f"There is no blog {n}.", timeout=2)
            return
        self.current = self._views[n - 1].id

    def _shown_feed(self) -> FeedView | None:
        """The feed of the tab shown (a blog's, or the timeline's)."""
        view = self.view
        if view is not None:
            return view.feed
        return self._timeline.feed if self._timeline is not None else None

    def action_add_watch(self) -> None:
        """Ask for a watch: the text selected (or the search in force) filled in."""
        feed = self._shown_feed()
        terms = self.get_selected_text() or " ".join(feed.filter_terms if feed else ())

        def added(watch: Watch | None) -> None:
            if watch is not None:
                self.lr_app.add_watch(watch)

        self.app.push_screen(WatchDialog(terms), added)

    def action_watches(self) -> None:
        """List the watches (and remove one)."""
        self.app.push_screen(WatchesScreen())

    def action_watched_only(self) -> None:
        """Show only the entries a watch matches in the tab shown; again: every entry."""
        feed = self._shown_feed()
        if feed is None:
            return
        if not feed.watched_only and not self.lr_app.watches:
            self.notify("No watches yet: w watches for some words.", timeout=3)
            return
        count = feed.set_watched_only(not feed.watched_only)
        if feed.watched_only and not count:
            self.notify("No entry here matches a watch yet.", timeout=3)

    async def action_close_tab(self) -> None:
        """Close the blog shown (its follower stops after its write in progress)."""
        view = self.view
        if view is None:
            self.notify("Ctrl+W closes a blog's tab; t leaves the timeline.", timeout=2)
            return
        await self.lr_app.close_blog(view)
