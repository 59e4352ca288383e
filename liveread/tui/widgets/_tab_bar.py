"""The tab bar over the reader screen: every blog open in the session, and the timeline.

One line: ``Timeline │ 1 Storm Wrenna… 3 │ 2 Budget 2026… ENDED``. Each blog
tab shows its number (Alt+N goes to it), its short name in the blog's
colour, how many entries arrived while it was not looked at, and ENDED once
the blog has ended; the tab shown stands out. A click on a tab asks for it
(:class:`TabBar.Selected`).

What the bar shows is the reader screen's (:attr:`TabBar.tabs` and
:attr:`TabBar.current` are bound to its own); the bar keeps nothing of its own.
:func:`short_names` (pure, tested without a terminal) makes the short names:
a shortened title, disambiguated by site, then source, then a number, when
two open blogs would read the same. Names come from pages: they are laid out
as plain text (:class:`~textual.content.Content`), never markup.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import ClassVar

from textual import events
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from liveread.urls import site

__all__ = [
    "BLOG_COLOURS",
    "TIMELINE",
    "BlogName",
    "TabBar",
    "TabInfo",
    "colour_class",
    "short_names",
    "short_title",
]

#: How many colours blogs take in turn (the component classes ``blog-colour--0`` ...).
BLOG_COLOURS = 6
#: The DOM id of the timeline's tab (blog tabs are ``blog-1``, ``blog-2``, ...).
TIMELINE = "timeline"
#: The longest short title, in characters (an ellipsis included).
SHORT_TITLE = 18
#: Trailing punctuation a shortened title loses before its ellipsis.
_TRAILING = " :;,.-–—|"


def colour_class(colour: int) -> str:
    """The component class of a blog's colour (its index wraps round the palette)."""
    return f"blog-colour--{colour % BLOG_COLOURS}"


def short_title(title: str, width: int = SHORT_TITLE) -> str:
    """The first words of *title* that fit in *width* characters, "…" when cut."""
    words = title.split()
    text = " ".join(words)
    if len(text) <= width:
        return text
    kept = ""
    for word in words:
        candidate = f"{kept} {word}" if kept else word
        if len(candidate) > width - 1:
            break
        kept = candidate
    if not kept:  # one long first word: cut it
        kept = words[0][: width - 1]
    return kept.rstrip(_TRAILING) + "…"


@dataclass(frozen=True)
class BlogName:
    """What a blog's short name is made from.

    Attributes:
        url: The blog's URL.
        title: Its title ("" until known).
        source: The source that read it ("" until known).

    """

    url: str
    title: str
    source: str = ""


def short_names(blogs: Sequence[BlogName]) -> list[str]:
    """A short name per blog, in order, that tells every open blog apart.

    A shortened title (the site while the title is unknown); where two read
    the same, the site is added if it tells them apart, else the source, else
    a number.
    """
    names = [short_title(b.title) if b.title.strip() else site(b.url) for b in blogs]
    extras: tuple[Callable[[BlogName], str], ...] = (
        lambda b: site(b.url),
        lambda b: b.source,
    )
    for name, count in Counter(names).items():
        if count < 2:
            continue
        group = [i for i, n in enumerate(names) if n == name]
        for extra in extras:
            words = [extra(blogs[i]) for i in group]
            if all(words) and len(set(words)) == len(words) and words[0] != name:
                for i, word in zip(group, words, strict=True):
                    names[i] = f"{name} · {word}"
                break
        else:
            for number, i in enumerate(group[1:], 2):
                names[i] = f"{name} {number}"
    return names


@dataclass(frozen=True)
class TabInfo:
    """One tab as the bar shows it.

    Attributes:
        key: The DOM id of the view it shows (:data:`TIMELINE` for the timeline).
        label: The blog's short name ("Timeline" for the timeline).
        number: Its number among the blogs (Alt+N); 0 for the timeline.
        colour: The blog's colour index, or None (the timeline).
        unread: Entries that arrived while it was not looked at.
        ended: The blog has ended.

    """

    key: str
    label: str
    number: int = 0
    colour: int | None = None
    unread: int = 0
    ended: bool = False


class TabBar(Widget):
    """One line of tabs: the timeline and every open blog.

    Attributes:
        tabs: The tabs, in order (bound to the reader screen's).
        current: The key of the tab shown (bound to the reader screen's).

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
                pieces += [" ", ("ENDED", parts["ended"])]
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
