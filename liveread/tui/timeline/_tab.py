"""The timeline: every open blog's entries in one feed, newest first, each labelled with its blog.

:class:`TimelineTab` is a tab of the reader screen (``t``): the key events of
every open blog on the left (:class:`TimelinePane`), all their entries on the
right (:class:`TimelineFeed`), each entry's header and each key event led by
its blog's short name in the blog's colour (the same as on its tab). Enter on
an entry opens it in its own blog's tab (:class:`TimelineFeed.Open`).

Both are the blog view's own widgets (the Line API feed, the key-events
list), given entries under timeline ids (``blog-2/<entry id>``: entry ids are
only unique within a blog); nothing here renders an entry. The entries are
the views' own, as they hold them: the timeline is rebuilt from the views
when it is shown, and follows what each view applies while it is
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
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.dom import DOMNode
from textual.message import Message
from textual.widgets import Static

from liveread.cache import Changes
from liveread.model import StoredEntry
from liveread.tui.blog import WIDE, BlogTab
from liveread.tui.feed import FeedView
from liveread.tui.reader import copy_quote, open_link, show_revisions
from liveread.tui.widgets import BLOG_COLOURS, KeyEventsPane, colour_class, jump_bindings

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
        id: The view's DOM id.

    """

    BINDING_GROUP_TITLE = "Timeline"
    BINDINGS: ClassVar[list[BindingType]] = [
        # 1-9 reach the pane wherever the focus is (the pane's own ids).
        *jump_bindings("jump_key_event"),
        Binding("o", "open_link", "Open", show=False, id="blog.open",
                tooltip="Open the entry's permalink in the browser"),
        Binding("y", "copy_quote", "Copy", show=False, id="blog.copy",
                tooltip="Copy a quote of the entry (text, time, titles, link)"),
        Binding("d", "revisions", "Diff", show=False, id="blog.revisions",
                tooltip="Show the entry's revisions as a word diff"),
    ]  # fmt: skip

    def __init__(self, *, clock: Callable[[], datetime], id: str | None = None) -> None:
        super().__init__(id=id)
        self._clock = clock
        self._count = 0
        self._titles: dict[str, str] = {}  # each blog's title, by view key, for quotes

    def compose(self) -> ComposeResult:
        """A heading, the key events of every blog beside the entries of every blog."""
        yield Static("", id="timeline-heading", markup=False)
        with Horizontal(id="timeline-body"):
            yield TimelinePane(clock=self._clock, id="timeline-key-events")
            yield TimelineFeed(clock=self._clock, id="timeline-feed")

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
        return [("Timeline feed", self.feed), ("Key events pane", self.pane)]

    # -- what the reader screen calls -------------------------------------------------

    def show_blogs(self, views: Sequence[BlogTab], labels: Mapping[str, Label]) -> None:
        """Show every entry of *views* as they hold them now (the reader's place is kept)."""
        entries: list[StoredEntry] = []
        new_ids: list[str] = []
        for view in views:
            key = view.id or ""
            entries += _as_timeline(key, view.feed.entries)
            new_ids += (timeline_id(key, i) for i in view.feed.new_ids)
            self._titles[key] = view.blog_title
        self.set_labels(labels)
        self.feed.set_entries(entries, new_ids=new_ids)
        self.pane.set_entries(entries)
        self._count = len(views)
        self._say()

    def set_labels(self, labels: Mapping[str, Label]) -> None:
        """Name the blogs (view key → short name and colour)."""
        self.feed.set_labels(labels)
        self.pane.set_labels(labels)

    def apply(self, view: BlogTab, changes: Changes, fresh: Iterable[str]) -> None:
        """Show what changed in one blog, as its view just did (*fresh*: marked NEW there)."""
        key = view.id or ""
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
        """Below :data:`~liveread.tui.pane_fold.WIDE` columns the feed takes the width."""
        self.set_class(event.size.width < WIDE, "-narrow")

    @on(KeyEventsPane.Jump)
    def _pane_jump(self, message: KeyEventsPane.Jump) -> None:
        message.stop()
        self.feed.jump_to(message.entry_id)

    @on(FeedView.FilterChanged)
    def _filter_changed(self, message: FeedView.FilterChanged) -> None:
        message.stop()
        self._say(message.count if message.watched_only else None)

    @on(FeedView.TopEntryChanged)
    def _top_changed(self, message: FeedView.TopEntryChanged) -> None:
        message.stop()
        self.pane.highlight(message.key_event_id)

    def action_open_link(self) -> None:
        """Open the selected entry's permalink in the browser, if it is a safe web address."""
        open_link(self, self.feed.selected_entry)

    def action_copy_quote(self) -> None:
        """Copy a quote of the selected entry (of its own blog) to the clipboard."""
        entry, cursor = self.feed.selected_entry, self.feed.cursor
        title = self._titles.get(split_id(cursor)[0], "") if cursor else ""
        copy_quote(self, entry, title)

    def action_revisions(self) -> None:
        """Show the selected entry's revisions as a word diff."""
        show_revisions(self, self.feed.selected_entry)

    def action_jump_key_event(self, n: int) -> None:
        """Jump to the n-th key event of the pane (top = 1)."""
        if self.pane.jump_nth(n) is None:
            self.notify(f"There is no key event {n}.", timeout=2)
