"""The library (bare ``liveread``): every blog in the cache, newest activity first.

One row a blog: title, outlet (the name its pages give, else the host),
entries, key events, when its newest entry was published and when liveread
last checked the site (two times, apart: a blog whose newest entry is years
old never looks fresh), live or ended, and how many entries are new since it
was last read; times carry their year when not this year's. The line under
the table says how much of the blog under the cursor liveread has (for a site
that shows only a window of its blog, from when) or why it was never reached.
Enter opens one in a tab of its own (following it when it is still live,
unless the app is ``--offline``), or shows its tab when it is open; Esc goes
back to the tabs; ``j``/``k`` move as the arrows do; ``a`` asks for a new
URL, follows it and adds it to ``config.toml``'s ``follow`` list (so that
``liveread follow`` follows it too; the file's comments are kept); ``x``
removes a blog from the cache after a confirmation. With nothing cached yet
the screen says how to start. Titles come from pages: cells are plain
:class:`~rich.text.Text`, never markup.
"""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.coordinate import Coordinate
from textual.dom import DOMNode
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from liveread.cache import BlogSummary
from liveread.errors import LivereadError
from liveread.model import LiveState, history_note
from liveread.sources import blog_key
from liveread.times import LOCAL, Zone
from liveread.tui._css import SCREENS_CSS
from liveread.tui.feed import age_label
from liveread.tui.host import host_of
from liveread.tui.screens._dialogs import ConfirmScreen, UrlScreen
from liveread.urls import site as site_of

__all__ = [
    "EMPTY_HINT",
    "WHOLE_HISTORY",
    "LibraryScreen",
    "checked_label",
    "detail_line",
    "library_row",
]

EMPTY_HINT = (
    "No blogs yet.\n\n"
    "Press a to follow a live blog: paste its address (a Guardian live blog, or any page\n"
    "with schema.org LiveBlogPosting).\n\n"
    "Or try the demo, a live blog that grows as you watch: run `liveread demo`."
)
#: The detail line of a blog whose older pages liveread reads (no window).
WHOLE_HISTORY = "the whole blog: liveread reads the site's older pages too"
#: Columns after the title, with their widths ("Outlet" only from :data:`SITE_FROM` columns up).
_COLUMNS = (
    ("Outlet", 16),
    ("Entries", 7),
    ("Key", 3),
    ("Newest entry", 17),
    ("Checked", 12),
    ("State", 5),
    ("New", 4),
)
SITE_FROM = 100


def _state(summary: BlogSummary) -> str:
    state = LiveState.of(summary.live)
    return state.badge if state is LiveState.LIVE else state.cell  # live stands out


def checked_label(moment: datetime | None, now: datetime, zone: Zone = LOCAL) -> str:
    """When the site was last checked, as an age ("just now", "3 h ago"), else its date."""
    if moment is None:
        return "never"
    return age_label(moment, now) or zone.day(moment, now)


def library_row(
    summary: BlogSummary,
    now: datetime,
    title_width: int,
    *,
    site: bool = True,
    zone: Zone = LOCAL,
) -> list[Text]:
    """One blog's cells, as plain text (without the outlet when *site* is False)."""
    newest = zone.clock(summary.newest, now) if summary.newest else "no entry yet"
    checked = checked_label(summary.last_success, now, zone)
    title = summary.title or summary.url
    if summary.not_reached:
        # Said first: the long URL would hide it in a narrow column.
        title = f"{summary.not_reached} · {summary.url}"
    cells = [
        title,
        summary.site_name or site_of(summary.url),
        str(summary.entries),
        str(summary.key_events),
        newest,
        checked,
        _state(summary),
        str(summary.new_since_read) if summary.new_since_read else "",
    ]
    row = [Text(cell, no_wrap=True, overflow="ellipsis") for cell in cells]
    row[0].truncate(title_width, overflow="ellipsis")
    for index in (2, 3, 7):
        row[index].justify = "right"
    if not site:
        del row[1]
    return row


def detail_line(summary: BlogSummary) -> str:
    """What the line under the table says of the blog under the cursor.

    What the row cannot: why it was never reached, or how much of the blog
    liveread has (from when, for a site that shows only a window of it).
    """
    if summary.not_reached:
        return summary.not_reached
    window = history_note(summary.window, summary.history_from, summary.following_since)
    return window or WHOLE_HISTORY


class LibraryScreen(Screen[None]):
    """Every cached blog; open, add or remove one."""

    CSS_PATH = SCREENS_CSS
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,o", "open", "Open", key_display="⏎", id="library.open",
                tooltip="Open the blog under the cursor (and follow it if it is live)"),
        Binding("j", "cursor(1)", "Down", show=False, id="library.down",
                tooltip="The blog below"),
        Binding("k", "cursor(-1)", "Up", show=False, id="library.up",
                tooltip="The blog above"),
        # Priority, with the keys typed after it held for the dialog's input.
        Binding("a", "add", "Add URL", id="library.add", priority=True,
                tooltip="Follow a new live blog (type or paste its URL); config.toml's "
                "follow list gets it too"),
        Binding("x", "remove", "Remove", id="library.remove",
                tooltip="Remove the blog under the cursor from the cache (asks first)"),
        Binding("r", "reload", "Reload", id="library.reload", show=False,
                tooltip="Read the list of blogs from the cache again"),
        Binding("escape", "back", "Back to tabs", id="library.back",
                tooltip="Back to the blogs open in tabs (they are still followed)"),
    ]  # fmt: skip

    def __init__(self) -> None:
        super().__init__(id="library")
        self.summaries: list[BlogSummary] = []

    def help_sections(self) -> list[tuple[str, DOMNode]]:
        """The screen's own keys for the help and the palette (the table shadows Enter)."""
        return [("Library", self)]

    def compose(self) -> ComposeResult:
        """A heading, the table (or the hint when empty), the keys."""
        yield Static("liveread — your live blogs", id="library-title", markup=False)
        yield DataTable(id="library-table", cursor_type="row", zebra_stripes=True)
        yield Static("", id="library-detail", markup=False)
        yield Static(EMPTY_HINT, id="library-empty", markup=False)
        yield Footer()

    @property
    def table(self) -> DataTable[Text]:
        """The table of blogs."""
        return self.query_one("#library-table", DataTable)

    def on_mount(self) -> None:
        """Fill the table (and again when times are shown in another zone)."""
        self.reload()
        self.watch(self.app, "zone", self._fill, init=False)

    def on_screen_resume(self) -> None:
        """Back from a blog: counts and times have changed."""
        self.reload()

    def on_resize(self) -> None:
        """Titles are cut to the width: lay the rows out again."""
        self._fill()

    def reload(self) -> None:
        """Read the list of blogs from the cache."""
        try:
            self.summaries = host_of(self).cache.blogs()
        except LivereadError as exc:
            self.notify(str(exc), severity="error", markup=False)
            self.summaries = []
        self._fill()

    def _fill(self) -> None:
        table = self.table
        keep = self.selected_url
        table.clear(columns=True)
        width = max(self.size.width, 40)
        site = width >= SITE_FROM
        columns = [(name, w) for name, w in _COLUMNS if site or name != "Outlet"]
        # Each column has a cell of padding on both sides; keep 2 for the scrollbar.
        title_width = max(16, width - sum(w + 2 for _, w in columns) - 4)
        table.add_column("Blog", width=title_width, key="title")
        for name, column_width in columns:
            table.add_column(name, width=column_width, key=name.lower())
        host = host_of(self)
        now, zone = host.clock(), host.zone
        for summary in self.summaries:
            row = library_row(summary, now, title_width, site=site, zone=zone)
            table.add_row(*row, key=summary.url)
        empty = not self.summaries
        table.display = not empty
        self.query_one("#library-detail", Static).display = not empty
        self.query_one("#library-empty", Static).display = empty
        if keep is not None:
            urls = [s.url for s in self.summaries]
            if keep in urls:
                table.move_cursor(row=urls.index(keep), animate=False)
        if not empty:
            table.focus()

    @property
    def selected_url(self) -> str | None:
        """The URL of the blog under the cursor, or None."""
        table = self.query_one("#library-table", DataTable)
        if not table.row_count:
            return None
        row = min(table.cursor_row, table.row_count - 1)
        return str(table.coordinate_to_cell_key(Coordinate(row, 0)).row_key.value)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        """Say more of the blog under the cursor on the line under the table."""
        url = event.row_key.value
        summary = next((s for s in self.summaries if s.url == url), None)
        if summary is not None:
            self.query_one("#library-detail", Static).update(Text(detail_line(summary)))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """Enter (or a click) on a row opens it."""
        event.stop()
        self.action_open()

    def action_open(self) -> None:
        """Open the blog under the cursor; follow it if it is still live."""
        url = self.selected_url
        if url is None:
            return
        summary = next((s for s in self.summaries if s.url == url), None)
        follow = summary is None or summary.live is not False
        host_of(self).open_blog(url, from_library=True, follow=follow)

    def action_cursor(self, step: int) -> None:
        """Move the cursor to the blog below (1) or above (-1)."""
        table = self.table
        if table.row_count:
            table.move_cursor(row=max(0, min(table.cursor_row + step, table.row_count - 1)))

    def action_add(self) -> None:
        """Ask for a URL, follow it, and add it to ``config.toml``'s ``follow`` list."""
        host = host_of(self)
        if not host.following:
            self.notify("--offline: reading the cache only, nothing new can be followed")
            return
        host.hold_keys()  # a URL pasted right after a goes to the dialog's input

        def opened(url: str | None) -> None:
            if url:
                # Listed ("not reached yet") until its first page is read; x forgets it.
                host.cache.want(blog_key(url))
                self._add_to_follow(url)
                host.open_blog(url, from_library=True, follow=True)

        self.app.push_screen(UrlScreen(), opened)

    def _add_to_follow(self, url: str) -> None:
        """Add *url* to ``config.toml``'s ``follow`` list (comments and order kept)."""
        from liveread.config import ConfigError, add_follow

        try:
            added = add_follow(url, host_of(self).config_path)
        except ConfigError as exc:
            self.notify(f"Not added to config.toml's follow list: {exc}", markup=False)
            return
        if added:
            self.notify("Added to config.toml's follow list (liveread follow follows it).")

    def action_remove(self) -> None:
        """Remove the blog under the cursor from the cache, after asking."""
        url = self.selected_url
        if url is None:
            return
        summary = next((s for s in self.summaries if s.url == url), None)
        name = (summary.title if summary else "") or url

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            try:
                host_of(self).cache.remove_blog(url)
            except LivereadError as exc:
                self.notify(str(exc), severity="error", markup=False)
            else:
                self.notify(f"Removed {name}", markup=False)
            self.reload()

        question = f"Remove “{name}” and every entry of it from the cache? This cannot be undone."
        self.app.push_screen(ConfirmScreen(question), answered)

    def action_reload(self) -> None:
        """Read the list again."""
        self.reload()

    def action_back(self) -> None:
        """Back to the blogs open in tabs."""
        host = host_of(self)
        if host.has_tabs():
            host.show_tabs()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Esc is shown (and acts) only while blogs are open in tabs."""
        if action == "back":
            return host_of(self).has_tabs()
        return True
