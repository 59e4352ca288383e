"""The library (bare ``liveread``): every blog in the cache, newest activity first.

One row a blog: title, site (the name its pages give, else the host),
entries, key events, last update, live or ended, and how many entries are new
since it was last read; the line under the table says how much of the blog
under the cursor liveread has (for a site that shows only a window of its
blog, from when) or why it was never reached. Enter opens one
in a tab of its own (following it when it is still live, unless the app is
``--offline``), or shows its tab when it is open; Esc goes back to the tabs; ``a``
asks for a new URL and follows it, ``x`` removes a blog from the cache after
a confirmation. With nothing cached yet the screen says how to start.
Titles come from pages: cells are plain :class:`~rich.text.Text`, never markup.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.coordinate import Coordinate
from textual.dom import DOMNode
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from liveread.cache import BlogSummary
from liveread.errors import LivereadError
from liveread.model import history_note
from liveread.sources import blog_key
from liveread.tui.feed import time_label
from liveread.tui.screens._dialogs import ConfirmScreen, UrlScreen
from liveread.urls import site as site_of

if TYPE_CHECKING:
    from liveread.tui.app import LivereadApp

__all__ = ["EMPTY_HINT", "WHOLE_HISTORY", "LibraryScreen", "detail_line", "library_row"]

EMPTY_HINT = (
    "No blogs yet.\n\n"
    "Press a to follow a live blog: paste its address (a Guardian live blog, or any page\n"
    "with schema.org LiveBlogPosting).\n\n"
    "Or try the demo, a live blog that grows as you watch: run `liveread demo`."
)
#: The detail line of a blog whose older pages liveread reads (no window).
WHOLE_HISTORY = "the whole blog: liveread reads the site's older pages too"
#: Columns after the title, with their widths ("Site" only from :data:`SITE_FROM` columns up).
_COLUMNS = (("Site", 16), ("Entries", 7), ("Key", 3), ("Updated", 12), ("State", 5), ("New", 4))
SITE_FROM = 100


def _state(summary: BlogSummary) -> str:
    if summary.live is True:
        return "LIVE"
    if summary.live is False:
        return "ended"
    return "?"


def library_row(
    summary: BlogSummary, now: datetime, title_width: int, *, site: bool = True
) -> list[Text]:
    """One blog's cells, as plain text (without the site when *site* is False)."""
    updated = time_label(summary.last_update, now) if summary.last_update else "never"
    title = summary.title or summary.url
    if summary.not_reached:
        # Said first: the long URL would hide it in a narrow column.
        title = f"{summary.not_reached} · {summary.url}"
    cells = [
        title,
        summary.site_name or site_of(summary.url),
        str(summary.entries),
        str(summary.key_events),
        updated,
        _state(summary),
        str(summary.new_since_read) if summary.new_since_read else "",
    ]
    row = [Text(cell, no_wrap=True, overflow="ellipsis") for cell in cells]
    row[0].truncate(title_width, overflow="ellipsis")
    for index in (2, 3, 6):
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
    """Every cached blog; open, add or remove one.

    Args:
        clock: Returns "now", for the "Updated" column.

    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,o", "open", "Open", key_display="⏎", id="library.open",
                tooltip="Open the blog under the cursor (and follow it if it is live)"),
        Binding("a", "add", "Add URL", id="library.add",
                tooltip="Follow a new live blog: type or paste its URL"),
        Binding("x", "remove", "Remove", id="library.remove",
                tooltip="Remove the blog under the cursor from the cache (asks first)"),
        Binding("r", "reload", "Reload", id="library.reload", show=False,
                tooltip="Read the list of blogs from the cache again"),
        Binding("escape", "back", "Back to tabs", id="library.back",
                tooltip="Back to the blogs open in tabs (they are still followed)"),
    ]  # fmt: skip

    def __init__(self, *, clock: Callable[[], datetime]) -> None:
        super().__init__(id="library")
        self._clock = clock
        self.summaries: list[BlogSummary] = []

    def help_sections(self) -> list[tuple[str, DOMNode]]:
        """The screen's own keys for the help and the palette (the table shadows Enter)."""
        return [("Library", self)]

    @property
    def lr_app(self) -> LivereadApp:
        """The app, typed."""
        return self.app  # type: ignore[return-value]

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
        """Fill the table."""
        self.reload()

    def on_screen_resume(self) -> None:
        """Back from a blog: counts and times have changed."""
        self.reload()

    def on_resize(self) -> None:
        """Titles are cut to the width: lay the rows out again."""
        self._fill()

    def reload(self) -> None:
        """Read the list of blogs from the cache."""
        try:
            self.summaries = self.lr_app.cache.blogs()
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
        columns = [(name, w) for name, w in _COLUMNS if site or name != "Site"]
        # Each column has a cell of padding on both sides; keep 2 for the scrollbar.
        title_width = max(16, width - sum(w + 2 for _, w in columns) - 4)
        table.add_column("Blog", width=title_width, key="title")
        for name, column_width in columns:
            table.add_column(name, width=column_width, key=name.lower())
        now = self._clock()
        for summary in self.summaries:
            table.add_row(*library_row(summary, now, title_width, site=site), key=summary.url)
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
        self.lr_app.open_blog(url, from_library=True, follow=follow)

    def action_add(self) -> None:
        """Ask for a URL and follow it."""
        if not self.lr_app.following:
            self.notify("--offline: reading the cache only, nothing new can be followed")
            return

        def opened(url: str | None) -> None:
            if url:
                # Listed ("not reached yet") until its first page is read; x forgets it.
                self.lr_app.cache.want(blog_key(url))
                self.lr_app.open_blog(url, from_library=True, follow=True)

        self.app.push_screen(UrlScreen(), opened)

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
                self.lr_app.cache.remove_blog(url)
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
        if self.lr_app.blog_tabs():
            self.lr_app.show_tabs()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Esc is shown (and acts) only while blogs are open in tabs."""
        if action == "back":
            return bool(self.lr_app.blog_tabs())
        return True
