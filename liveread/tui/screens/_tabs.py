"""The tabs: every blog open in the session, one tab each, and the timeline.

:class:`TabsScreen` holds a :class:`~liveread.tui.blog.BlogTab` per blog in a
:class:`~textual.widgets.ContentSwitcher`. The
:class:`~liveread.tui.widgets.TabBar` is mounted once a second blog opens or
the timeline is shown: one blog needs none (nor pays for one on its first
screen). Every tab stays mounted while another is shown, so each keeps
following its blog, its place, its search and its "N new". The timeline
(:class:`~liveread.tui.timeline.TimelineTab`, ``t``) is a tab of its own, made
the first time it is asked for: what each blog's tab applies
(:class:`~liveread.tui.blog.BlogChanged`) is handed on to it, and Enter on one
of its entries shows that entry in its own blog's tab.

Who owns what:

- which blogs are open, and in what order, is the screen's (its list of
  tabs; :meth:`TabsScreen.add_blog`, :meth:`TabsScreen.close_blog`);
- which tab is shown is :attr:`TabsScreen.current` (the switcher follows it);
- each blog's title, outlet, liveness and unread count are its tab's; the
  screen watches them and derives :attr:`TabsScreen.tabs`, bound into the bar.
  Tabs are named by outlet (:func:`liveread.naming.short_names`, as
  ``liveread follow`` names its lines), never by the parser that read them.

Keys: blog N is Alt+N (Alt arrives as ESC before the digit in tmux and
xterm-style terminals, and Option+digit on a Mac keyboard types ``¡ ™ £ …``:
each of those is bound too), or from any keyboard ``b`` and then N (``b``
lists the open blogs); Ctrl+→ / Ctrl+← the next / previous tab; ``t`` the
timeline (and back); Ctrl+W closes the blog's tab (its follower stops after
its write in progress, the blog is marked read). And the watches, which apply
to every tab: ``w`` adds one, ``W`` lists them, ``f`` shows only the entries
they match in the tab shown.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.dom import DOMNode
from textual.reactive import var
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import ContentSwitcher

from liveread.alerts import Watch
from liveread.naming import short_names
from liveread.sources import blog_key
from liveread.tui.blog import BlogChanged, BlogTab
from liveread.tui.feed import FeedView, WatchMarks
from liveread.tui.host import host_of
from liveread.tui.widgets import BLOG_COLOURS, TIMELINE, KeyFooter, TabInfo
from liveread.urls import user_url

if TYPE_CHECKING:
    # Imported where they are first used: a blog's first screen needs none of them.
    from liveread.tui.timeline import Label, TimelineFeed, TimelineTab
    from liveread.tui.widgets import TabBar

__all__ = ["OPTION_DIGITS", "TabsScreen"]

_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth")
#: What Alt+1 … Alt+9 reach Textual as where Alt is ESC before the digit (tmux,
#: xterm-style terminals) or Option on a Mac keyboard: ``¡ ™ £ ¢ ∞ § ¶ • ª``, by key name.
OPTION_DIGITS = (
    "inverted_exclamation_mark",
    "trade_mark_sign",
    "pound_sign",
    "cent_sign",
    "infinity",
    "section_sign",
    "pilcrow_sign",
    "bullet",
    "feminine_ordinal_indicator",
)


class _Views(ContentSwitcher):
    """The switcher of the tabs: it shows one tab at a time, and that tab fills it.

    So it never shows itself: Textual's ``BLANK`` skips drawing its lines of
    background, which every full frame (the first one too) otherwise did for nothing.
    """

    BLANK = True


class TabsScreen(Screen[None]):
    """Every blog open in the session, one tab each.

    Attributes:
        current: The DOM id of the tab shown (None before the first blog opens).
        tabs: The tabs as the bar shows them (derived from the blogs' tabs; bound into the bar).

    """

    current: var[str | None] = var(None, init=False)
    tabs: var[tuple[TabInfo, ...]] = var(())

    #: Nothing focused by Textual as the screen is shown: the tab gives its feed the
    #: focus (watch_current). Textual's default would focus the key-events pane first,
    #: to lose the focus to the feed a moment later: a restyle before the first frame.
    AUTO_FOCUS = ""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+right,ctrl+pagedown", "next_tab", "Next tab", show=False,
                id="tabs.next", tooltip="Show the next tab"),
        Binding("ctrl+left,ctrl+pageup", "previous_tab", "Previous tab", show=False,
                id="tabs.previous", tooltip="Show the previous tab"),
        *(Binding(f"alt+{n},{OPTION_DIGITS[n - 1]}", f"go_blog({n})", f"Blog {n}", show=False,
                  key_display=f"Alt+{n}", id=f"tabs.blog_{n}",
                  tooltip=f"Show the {_ORDINALS[n - 1]} blog's tab (or b, then {n})")
          for n in range(1, 10)),
        # Priority: the list takes the digit typed right after b, however fast.
        Binding("b", "switch_blog", "Blogs", show=False, id="tabs.switch", priority=True,
                tooltip="List the open blogs; a digit (or Enter) shows one: b 2 is blog 2"),
        Binding("t", "timeline", "Timeline", show=False, id="tabs.timeline",
                tooltip="Every open blog's entries in one timeline, newest first (t again: back)"),
        Binding("ctrl+w", "close_tab", "Close tab", show=False, id="tabs.close",
                tooltip="Stop following the blog shown and close its tab"),
        # Priority, with the keys typed after it held for the dialog's input.
        Binding("w", "add_watch", "Watch", show=False, id="watches.new", priority=True,
                tooltip="Watch for words (the text selected, or the search) in every blog"),
        Binding("W", "watches", "Watches", show=False, id="watches.list",
                tooltip="List the watches; remove one"),
        Binding("f", "watched_only", "Watched only", show=False, id="watches.only",
                tooltip="Show only the entries a watch matches (f again: every entry)"),
    ]  # fmt: skip

    def __init__(self) -> None:
        super().__init__(id="tabs-screen")
        self._tabs: list[BlogTab] = []
        self._opened = 0  # tabs ever opened: each gets a DOM id never used before
        self._composed = False
        self._shown = False  # shown at least once (see on_screen_resume)
        self._first: str | None = None
        self._focus: dict[str, Widget] = {}  # what had the focus in each tab when left
        self._colours: dict[str, int] = {}  # each open blog's colour, by tab id
        self._timeline: TimelineTab | None = None
        self._bar: TabBar | None = None  # mounted with the second blog or the timeline
        self._last_blog: str | None = None  # the blog tab to go back to from the timeline

    # -- composition ------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        """The tabs (the blogs opened before the screen was), the footer; no bar for one blog."""
        self._composed = True
        yield _Views(*self._tabs, id="views", initial=self._first)
        # The palette's key is in the help (?); the footer keeps its room for the main keys.
        yield KeyFooter()

    def on_mount(self) -> None:
        """Show the first blog, and the tabs."""
        for tab in self._tabs:  # composed with the screen
            self._watch_tab(tab)
        self.watch(self.app, "watches", self._set_watches, init=False)
        self.watch(self.app, "zone", self._zone_changed, init=False)
        if self._first is not None:
            self.current = self._first
        self._update_tabs()

    @property
    def switcher(self) -> ContentSwitcher:
        """The switcher holding the tabs."""
        return self.query_one("#views", ContentSwitcher)

    @property
    def tab_bar(self) -> TabBar | None:
        """The tab bar, once mounted (a second blog, or the timeline)."""
        return self._bar

    @property
    def blog_tabs(self) -> list[BlogTab]:
        """The blogs' tabs, in tab order (a copy)."""
        return list(self._tabs)

    @property
    def blog_tab(self) -> BlogTab | None:
        """The blog shown, or None (no blog, or the timeline)."""
        return next((t for t in self._tabs if t.id == self.current), None)

    @property
    def timeline(self) -> TimelineTab | None:
        """The timeline, once it was asked for."""
        return self._timeline

    def help_sections(self) -> list[tuple[str, DOMNode]]:
        """The shown tab's keys (feed, pane, the tab's own), then the tabs'."""
        tab = self.blog_tab
        timeline = self._timeline
        sections: list[tuple[str, DOMNode]] = []
        if tab is not None:
            sections = [*tab.help_sections(), ("This blog", tab)]
        elif timeline is not None and self.current == TIMELINE:
            sections = [*timeline.help_sections(), ("Timeline", timeline)]
        return [*sections, ("Tabs", self)]

    # -- opening and closing ---------------------------------------------------------------

    def find(self, url: str) -> BlogTab | None:
        """The open tab of the blog at *url*, or None."""
        key = blog_key(user_url(url))
        return next((t for t in self._tabs if t.url == key), None)

    def add_blog(self, url: str, *, from_library: bool, follow: bool, show: bool = True) -> BlogTab:
        """Open a tab for the blog at *url* (or find the one open); show it if *show*."""
        tab = self.find(url)
        if tab is None:
            self._opened += 1
            tab = BlogTab(url, from_library=from_library, follow=follow)
            key = tab.id = f"blog-{self._opened}"  # the tab's name, never used again
            self._colours[key] = self._free_colour()
            self._tabs.append(tab)
            if self._composed:
                self._mount_tab(tab, show=show)
                return tab
            self._first = self._first or tab.id
        if show:
            if self._composed and tab.is_mounted:
                self.current = tab.id
            elif not self._composed:
                self._first = tab.id
        return tab

    def _mount_tab(self, tab: BlogTab, *, show: bool) -> None:
        async def mount() -> None:
            await self.switcher.add_content(tab)
            self._watch_tab(tab)
            if show or self.current is None:
                self.current = tab.id
            self._update_tabs()

        self.call_next(mount)

    def _watch_tab(self, tab: BlogTab) -> None:
        """What the tab bar shows of a blog is its tab's: follow it. Give it the watches."""
        for name in ("unread", "blog_title", "site_name", "liveness"):
            self.watch(tab, name, self._update_tabs, init=False)
        self._mark(tab.feed, tab.url)

    def _mark(self, feed: FeedView, url: str | None = None) -> None:
        """Give a feed the watches: as entries of *url*, or (the timeline) of their own blogs."""
        watches = host_of(self).watches
        if url is not None:
            feed.set_watch_marks(WatchMarks(watches, lambda _id: url))
        else:
            feed.set_watch_marks(WatchMarks(watches, self._timeline_blog))

    def _timeline_blog(self, item: str) -> str:
        """The URL of the blog a timeline entry belongs to."""
        from liveread.tui.timeline import split_id

        key = split_id(item)[0]
        return next((t.url for t in self._tabs if t.id == key), "")

    def _set_watches(self) -> None:
        """The watches changed: every feed highlights (and filters) by the new ones."""
        for tab in self._tabs:
            self._mark(tab.feed, tab.url)
        if self._timeline is not None:
            self._mark(self._timeline.feed)

    def _zone_changed(self) -> None:
        if self._timeline is not None:
            self._timeline.set_zone(host_of(self).zone)

    def _free_colour(self) -> int:
        """The first colour no open blog has (they take turns once all are taken)."""
        taken = {c % BLOG_COLOURS for c in self._colours.values()}
        free = [c for c in range(BLOG_COLOURS) if c not in taken]
        return free[0] if free else self._opened % BLOG_COLOURS

    async def close_blog(self, tab: BlogTab) -> int:
        """Close a blog's tab: stop its follower after its write, mark it read.

        Returns:
            How many blogs are still open.

        """
        if tab not in self._tabs:
            return len(self._tabs)
        index = self._tabs.index(tab)
        await tab.leave()
        self._tabs.remove(tab)
        self._focus.pop(tab.id or "", None)
        self._colours.pop(tab.id or "", None)
        if self.current == tab.id:
            following = self._tabs[min(index, len(self._tabs) - 1)] if self._tabs else None
            self.current = following.id if following is not None else None
        await tab.remove()
        timeline = self._timeline
        if timeline is not None and not self._tabs:
            self._timeline = None
            await timeline.remove()
        elif timeline is not None:
            timeline.show_blogs(self._tabs, self._labels())
        self._update_tabs()
        return len(self._tabs)

    # -- the tab shown ----------------------------------------------------------------

    def watch_current(self, old: str | None, new: str | None) -> None:
        """Show the tab; give its widget the focus back; what arrived is seen."""
        focused = self.focused
        if old is not None and focused is not None:
            self._focus[old] = focused
        self.switcher.current = new
        tab = self.blog_tab
        target: Widget | None = None
        if tab is not None:
            self._last_blog = tab.id
            tab.seen()
            target = self._focus.get(new or "") or tab.feed
        elif new == TIMELINE and self._timeline is not None:
            target = self._focus.get(new) or self._timeline.feed
        if target is not None and target.is_attached:
            target.focus()
        self._update_tabs()

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        """Back from the library or a dialog: the blog shown is looked at again.

        The first showing keeps the styles its widgets were given as they were
        mounted, a moment before: Textual would style the whole screen again
        (on a 5,000-entry blog, 20-25 ms before the first screen). Later
        showings restyle as Textual does (the theme may have changed meanwhile).
        This handler runs before Textual's own, which reads the flag.
        """
        if not self._shown:
            self._shown = True
            event.refresh_styles = False
        tab = self.blog_tab
        if tab is not None:
            tab.seen()

    def _update_tabs(self) -> None:
        """Derive the tabs from the blogs' tabs (names, unread counts, ended or not)."""
        tabs = self._tabs
        names = short_names([t.name_of_blog for t in tabs])
        timeline = (TabInfo(key=TIMELINE, label="Timeline"),)
        self.tabs = timeline + tuple(
            TabInfo(
                key=t.id or "",
                label=name,
                number=number,
                colour=self._colours.get(t.id or "", 0),
                unread=t.unread,
                ended=t.liveness.ended,
            )
            for number, (t, name) in enumerate(zip(tabs, names, strict=True), 1)
        )
        if self._composed and self.is_mounted:
            self._show_bar(len(tabs) > 1 or self.current == TIMELINE)
        if self._timeline is not None:
            self._timeline.set_labels(self._labels())

    def _show_bar(self, shown: bool) -> None:
        """Show the tab bar (mounted the first time it is needed) or hide it."""
        bar = self._bar
        if bar is None and shown:
            from liveread.tui.widgets import TabBar

            bar = self._bar = TabBar(id="tab-bar").data_bind(TabsScreen.tabs, TabsScreen.current)
            self.mount(bar, before=self.switcher)
        if bar is not None:
            bar.display = shown

    def _labels(self) -> dict[str, Label]:
        """How the timeline names each blog: its tab's short name and colour."""
        return {t.key: (t.label, t.colour) for t in self.tabs if t.colour is not None}

    async def on_tab_bar_selected(self, message: TabBar.Selected) -> None:
        """A click on a tab: show it (Textual calls this by the message's name)."""
        if message.key == TIMELINE:
            await self.show_timeline()
        else:
            self.current = message.key

    @on(BlogChanged)
    def _blog_changed(self, message: BlogChanged) -> None:
        """What a blog's tab applied goes to the timeline too."""
        tab = message.tab
        if tab in self._tabs and self._timeline is not None:
            self._timeline.apply(tab, message.changes, message.fresh)

    def on_timeline_feed_open(self, message: TimelineFeed.Open) -> None:
        """Enter on an entry of the timeline: read it in its own blog's tab."""
        tab = next((t for t in self._tabs if t.id == message.view_key), None)
        if tab is None:
            return
        self.current = tab.id
        tab.jump(message.entry_id)

    async def show_timeline(self) -> TimelineTab:
        """Show the timeline (made the first time), rebuilt from every open blog."""
        timeline = self._timeline
        if timeline is None:
            from liveread.tui.timeline import TimelineTab

            host = host_of(self)
            timeline = TimelineTab(clock=host.clock, zone=host.zone, id=TIMELINE)
            self._timeline = timeline
            await self.switcher.add_content(timeline)
            self._mark(timeline.feed)
        timeline.show_blogs(self._tabs, self._labels())
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
        elif self._tabs:
            back = self._last_blog if self._last_blog in {t.id for t in self._tabs} else None
            self.current = back or self._tabs[0].id

    def action_go_blog(self, n: int) -> None:
        """Show the n-th blog's tab."""
        if not 1 <= n <= len(self._tabs):
            self.notify(f"There is no blog {n}.", timeout=2)
            return
        self.current = self._tabs[n - 1].id

    def action_switch_blog(self) -> None:
        """List the open blogs; the digit typed next (or Enter) shows one."""
        names = [tab.label for tab in self.tabs if tab.number]
        host = host_of(self)
        host.hold_keys()  # the digit may come in the same burst as the b

        def chosen(n: int | None) -> None:
            if n is not None:
                self.action_go_blog(n)

        from liveread.tui.screens._switcher import BlogSwitcher

        self.app.push_screen(BlogSwitcher(names, current=self._number_shown()), chosen)

    def _number_shown(self) -> int:
        tab = self.blog_tab
        return self._tabs.index(tab) + 1 if tab is not None else 0

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """``b`` and ``w`` never while an input has the focus (they are characters there)."""
        if action in ("switch_blog", "add_watch"):
            return not _typing(self.focused)
        return True

    def offers(self, action: str, parameters: tuple[object, ...]) -> bool:
        """What the command palette offers: blog N only when there is one."""
        if action == "go_blog":
            n = parameters[0] if parameters else 0
            return isinstance(n, int) and 1 <= n <= len(self._tabs)
        return bool(self.check_action(action, parameters))

    def _shown_feed(self) -> FeedView | None:
        """The feed of the tab shown (a blog's, or the timeline's)."""
        tab = self.blog_tab
        if tab is not None:
            return tab.feed
        return self._timeline.feed if self._timeline is not None else None

    def action_add_watch(self) -> None:
        """Ask for a watch: the text selected (or the search in force) filled in."""
        feed = self._shown_feed()
        terms = self.get_selected_text() or " ".join(feed.filter_terms if feed else ())
        host = host_of(self)
        host.hold_keys()  # what is typed right after w is the watch's terms

        def added(watch: Watch | None) -> None:
            if watch is not None:
                host.add_watch(watch)

        from liveread.tui.screens._watches import WatchDialog

        self.app.push_screen(WatchDialog(terms), added)

    def action_watches(self) -> None:
        """List the watches (and remove one)."""
        from liveread.tui.screens._watches import WatchesScreen

        self.app.push_screen(WatchesScreen())

    def action_watched_only(self) -> None:
        """Show only the entries a watch matches in the tab shown; again: every entry."""
        feed = self._shown_feed()
        if feed is None:
            return
        if not feed.watched_only and not host_of(self).watches:
            self.notify("No watches yet: w watches for some words.", timeout=3)
            return
        count = feed.set_watched_only(not feed.watched_only)
        if feed.watched_only and not count:
            self.notify("No entry here matches a watch yet.", timeout=3)

    async def action_close_tab(self) -> None:
        """Close the blog shown (its follower stops after its write in progress)."""
        tab = self.blog_tab
        if tab is None:
            self.notify("Ctrl+W closes a blog's tab; t leaves the timeline.", timeout=2)
            return
        await host_of(self).close_blog(tab)


def _typing(widget: Widget | None) -> bool:
    """True when *widget* takes text (an input): its keys are characters, not commands."""
    from textual.widgets import Input

    return isinstance(widget, Input)
