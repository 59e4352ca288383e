"""The timeline: every open blog's entries in one feed, newest first, each labelled with its blog.

:class:`TimelineTab` is a tab of the tabs screen (``t``): the reader
(:class:`~liveread.tui.reader.Reader`, as on a blog's tab) with the key
events of every open blog on the left (:class:`TimelinePane`) and all their
entries on the right (:class:`TimelineFeed`), each entry's header and each
key event led by its blog's short name in the blog's colour (the same as on
its tab). Enter on an entry opens it in its own blog's tab
(:class:`TimelineFeed.Open`); ``y`` quotes it naming its own blog.

Both are the blog tab's own widgets (the Line API feed, the key-events
list), given entries under timeline ids (``blog-2/<entry id>``: entry ids are
only unique within a blog); nothing here renders an entry. The entries are
the tabs' own, as they hold them: the timeline is rebuilt from the tabs
when it is shown, and follows what each tab applies while it is
(:meth:`TimelineTab.apply`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import ClassVar

from rich.style import Style
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.dom import DOMNode
from textual.message import Message
from textual.widgets import Static

from liveread.cache import Changes
from liveread.model import StoredEntry
from liveread.naming import BlogName
from liveread.times import LOCAL, Zone
from liveread.tui.blog import WIDE, BlogTab
from liveread.tui.feed import FeedView
from liveread.tui.reader import Reader
from liveread.tui.widgets import BLOG_COLOURS, KeyEventsPane, colour_class

__all__ = ["TimelineFeed", "TimelinePane", "TimelineTab", "split_id", "timeline_id"]

#: Between a view's key and an entry id in a timeline id (view keys never hold one).
SEPARATOR = "/"

#: A blog as the timeline names it: its short name and its colour.
Label = tuple[str, int]


def timeline_id(view_key: str, entry_id: str) -> str:
    """The timeline's id of an entry of the blog whose view is *view_key*."""
    return f"{view_key}{SEPARATOR}{entry_id}"


def split_id(item: str) -> tuple[str, str]:
    """(view key, entry id) of a timeline id."""
    view_key, _, entry_id = item.partition(SEPARATOR)
    return view_key, entry_id


def _as_timeline(view_key: str, entries: Iterable[StoredEntry]) -> list[StoredEntry]:
    return [e.with_changes(id=timeline_id(view_key, e.id)) for e in entries]


_COLOURS: set[str] = {colour_class(i) for i in range(BLOG_COLOURS)}


class TimelineFeed(FeedView):
    """The feed of every open blog, each entry's header led by its blog's name."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select", "Open in its tab", show=False, id="timeline.open",
                tooltip="Open the entry under the cursor in its own blog's tab"),
    ]  # fmt: skip
    COMPONENT_CLASSES: ClassVar[set[str]] = {*FeedView.COMPONENT_CLASSES, *_COLOURS}

    @dataclass
    class Open(Message):
        """The reader asked to read an entry in its own blog's tab.

        Attributes:
            feed: The timeline's feed.
            view_key: The DOM id of the blog's view.
            entry_id: The entry (its id in the blog).

        """

        feed: TimelineFeed
        view_key: str
        entry_id: str

        @property
        def control(self) -> TimelineFeed:
            """The feed that posted this."""
            return self.feed

    def __init__(self, *, clock: Callable[[], datetime], id: str | None = None) -> None:
        super().__init__(clock=clock, id=id)
        self._labels: dict[str, Label] = {}
        self._label_styles: dict[int, Style] = {}

    def set_labels(self, labels: Mapping[str, Label]) -> None:
        """Name the blogs (view key → short name and colour); redrawn if that changed."""
        if dict(labels) != self._labels:
            self._labels = dict(labels)
            self.refresh()

    def _label(self, entry_id: str) -> tuple[str, Style] | None:
        found = self._labels.get(split_id(entry_id)[0])
        if found is None:
            return None
        name, colour = found
        style = self._label_styles.get(colour)
        if style is None:
            style = self.get_visual_style(colour_class(colour)).rich_style
            self._label_styles[colour] = style
        return name, style

    def notify_style_update(self) -> None:
        """A new theme: the blogs' colours too."""
        super().notify_style_update()
        self._label_styles = {}

    def action_select(self) -> None:
        """Open the entry under the cursor in its own blog's tab."""
        if self.cursor is not None:
            view_key, entry_id = split_id(self.cursor)
            self.post_message(self.Open(self, view_key, entry_id))


class TimelinePane(KeyEventsPane):
    """The key events of every open blog, newest first, each led by its blog's name."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {*KeyEventsPane.COMPONENT_CLASSES, *_COLOURS}

    def __init__(self, *, clock: Callable[[], datetime], id: str | None = None) -> None:
        super().__init__(clock=clock, id=id)
        self._labels: dict[str, Label] = {}

    def set_labels(self, labels: Mapping[str, Label]) -> None:
        """Name the blogs (view key → short name and colour); rebuilt if that changed."""
        if dict(labels) != self._labels:
            self._labels = dict(labels)
            self.set_entries(self._events.values())

    def _label(self, entry: StoredEntry) -> Content | None:
        found = self._labels.get(split_id(entry.id)[0])
        if found is None:
            return None
        name, colour = found
        return Content(name).stylize(self.get_visual_style(colour_class(colour), partial=True))


class TimelineTab(Vertical):
    """Every open blog's entries and key events, newest first, labelled with their blogs.

    Args:
        clock: Returns "now" (the app's clock), for the entries' times and ages.
        zone: Where times are shown (local time, or UTC).
        id: The tab's DOM id.

    """

    BINDING_GROUP_TITLE = "Timeline"
    # The heading and the reader cover it whole: Textual's BLANK, not drawn line by line.
    BLANK = True

    def __init__(
        self, *, clock: Callable[[], datetime], zone: Zone = LOCAL, id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self._clock = clock
        self._zone = zone
        self._count = 0
        self._names: dict[str, BlogName] = {}  # each blog's names, by tab key, for quotes

    def compose(self) -> ComposeResult:
        """A heading, then the reader: every blog's key events beside every blog's entries."""
        yield Static("", id="timeline-heading", markup=False)
        pane = TimelinePane(clock=self._clock, id="timeline-key-events")
        pane.set_zone(self._zone)
        feed = TimelineFeed(clock=self._clock, id="timeline-feed")
        feed.set_zone(self._zone)
        yield Reader(pane, feed, blog_of=self._blog_of, id="timeline-body")

    def _blog_of(self, item: str) -> BlogName:
        """The blog a timeline entry (by its timeline id) belongs to."""
        return self._names.get(split_id(item)[0], BlogName(""))

    @property
    def reader(self) -> Reader:
        """The reader (every blog's key events beside every blog's entries)."""
        return self.query_one(Reader)

    @property
    def feed(self) -> TimelineFeed:
        """The timeline's feed."""
        return self.query_one(TimelineFeed)

    @property
    def pane(self) -> TimelinePane:
        """The timeline's key-events pane."""
        return self.query_one(TimelinePane)

    def help_sections(self) -> list[tuple[str, DOMNode]]:
        """Widgets whose keys the help lists even without the focus."""
        return [
            ("Timeline feed", self.feed),
            ("Key events pane", self.pane),
            ("Reader", self.reader),
        ]

    def set_zone(self, zone: Zone) -> None:
        """Show times in *zone* from now on."""
        self._zone = zone
        self.feed.set_zone(zone)
        self.pane.set_zone(zone)

    # -- what the tabs screen calls ---------------------------------------------------

    def show_blogs(self, tabs: Sequence[BlogTab], labels: Mapping[str, Label]) -> None:
        """Show every entry of *tabs* as they hold them now (the reader's place is kept)."""
        entries: list[StoredEntry] = []
        new_ids: list[str] = []
        for tab in tabs:
            key = tab.id or ""
            entries += _as_timeline(key, tab.feed.entries)
            new_ids += (timeline_id(key, i) for i in tab.feed.new_ids)
            self._names[key] = tab.name_of_blog
        self.set_labels(labels)
        self.feed.set_entries(entries, new_ids=new_ids)
        self.pane.set_entries(entries)
        self._count = len(tabs)
        self._say()

    def set_labels(self, labels: Mapping[str, Label]) -> None:
        """Name the blogs (tab key → short name and colour)."""
        self.feed.set_labels(labels)
        self.pane.set_labels(labels)

    def apply(self, tab: BlogTab, changes: Changes, fresh: Iterable[str]) -> None:
        """Show what changed in one blog, as its tab just did (*fresh*: marked NEW there)."""
        key = tab.id or ""
        self._names[key] = tab.name_of_blog
        news = set(fresh)
        arrived = [e for e in changes.new if e.id in news]
        history = [e for e in changes.new if e.id not in news]
        others = (*changes.edited, *changes.reflagged, *changes.removed)
        feed = self.feed
        if history or others:
            feed.upsert(_as_timeline(key, (*history, *others)))
        if arrived:
            feed.upsert(_as_timeline(key, arrived), new=True)
        self.pane.upsert(_as_timeline(key, (*changes.new, *others)))

    def _say(self, watched: int | None = None) -> None:
        """The heading: what the timeline shows (*watched*: how many, in "watched only")."""
        blogs = "blog" if self._count == 1 else "blogs"
        if watched is None:
            what = f": every entry of the {self._count} open {blogs}, newest first"
        else:
            noun = "entry" if watched == 1 else "entries"
            what = f" (watched only): {watched} {noun} of the {self._count} open {blogs} · f: all"
        self.query_one("#timeline-heading", Static).update(
            Content.assemble(
                ("Timeline", "bold"), what, " · Enter reads one in its blog's tab · t goes back"
            )
        )

    # -- wiring ------------------------------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        """Below :data:`~liveread.tui.blog.WIDE` columns the feed takes the width."""
        self.set_class(event.size.width < WIDE, "-narrow")

    @on(KeyEventsPane.Jump)
    def _pane_jump(self, message: KeyEventsPane.Jump) -> None:
        message.stop()  # the reader jumped; nothing above the timeline needs to know

    @on(FeedView.FilterChanged)
    def _filter_changed(self, message: FeedView.FilterChanged) -> None:
        message.stop()
        self._say(message.count if message.watched_only else None)
