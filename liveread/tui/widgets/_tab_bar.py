"""The tab bar over the tabs screen: every blog open in the session, and the timeline.

One line: ``Timeline │ 1 The Guardian 3 │ 2 Daily Mirror ENDED``. Each blog
tab shows its number (Alt+N goes to it), its short name in the blog's
colour, how many entries arrived while it was not looked at, and ENDED once
the blog has ended; the tab shown stands out. A click on a tab asks for it
(:class:`TabBar.Selected`).

What the bar shows is the tabs screen's (:attr:`TabBar.tabs` and
:attr:`TabBar.current` are bound to its own); the bar keeps nothing of its own.
The names are :func:`liveread.naming.short_names`' (by outlet, as ``liveread
follow`` labels its lines). Names come from pages: they are laid out as plain
text (:class:`~textual.content.Content`), never markup.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual import events
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from liveread.model import LiveState
from liveread.tui.widgets._tab_info import BLOG_COLOURS, TabInfo, colour_class

__all__ = ["TabBar"]


class TabBar(Widget):
    """One line of tabs: the timeline and every open blog.

    Attributes:
        tabs: The tabs, in order (bound to the tabs screen's).
        current: The key of the tab shown (bound to the tabs screen's).

    """

    _PARTS = ("current", "number", "unread", "ended", "separator", "timeline")
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        *(f"tab-bar--{part}" for part in _PARTS),
        *(colour_class(i) for i in range(BLOG_COLOURS)),
    }

    tabs: reactive[tuple[TabInfo, ...]] = reactive(())
    current: reactive[str | None] = reactive(None)

    @dataclass
    class Selected(Message):
        """The reader clicked a tab.

        Attributes:
            bar: The tab bar.
            key: The tab's key (the DOM id of its view).

        """

        bar: TabBar
        key: str

        @property
        def control(self) -> TabBar:
            """The bar that posted this."""
            return self.bar

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._spans: list[tuple[int, int, str]] = []

    @property
    def text(self) -> str:
        """The bar as plain text (for tests)."""
        return self._content().plain

    def _content(self) -> Content:
        """The line of tabs; the cells each tab takes are kept for clicks."""
        style = self.get_visual_style
        parts = {part: style(f"tab-bar--{part}", partial=True) for part in self._PARTS}
        # With their backgrounds: not partial (a partial style drops an opaque background).
        current_style = style("tab-bar--current")
        parts["unread"] = style("tab-bar--unread")
        line = Content("")
        self._spans = []
        for index, tab in enumerate(self.tabs):
            if index:
                line = line + Content.styled("│", parts["separator"])
            if tab.colour is None:
                name = Content.styled(tab.label, parts["timeline"])
            else:
                name = Content(tab.label).stylize(style(colour_class(tab.colour), partial=True))
            pieces: list[Content | tuple[str, object] | str] = [" "]
            if tab.number:
                pieces.append((f"{tab.number} ", parts["number"]))
            pieces.append(name)
            if tab.unread:
                pieces += [" ", (f" {tab.unread} ", parts["unread"])]
            if tab.ended:
                pieces += [" ", (LiveState.ENDED.badge, parts["ended"])]
            pieces.append(" ")
            cell = Content.assemble(*pieces)  # type: ignore[arg-type]
            if tab.key == self.current:
                cell = cell.stylize_before(current_style)
            start = line.cell_length
            line = line + cell
            self._spans.append((start, line.cell_length, tab.key))
        return line

    def render(self) -> Content:
        """The tabs, cut to the width (page text as plain text)."""
        return self._content().truncate(max(self.size.width, 1), ellipsis=True)

    def on_click(self, event: events.Click) -> None:
        """A click on a tab asks for it."""
        for start, end, key in self._spans:
            if start <= event.x < end:
                event.stop()
                self.post_message(self.Selected(self, key))
                return
