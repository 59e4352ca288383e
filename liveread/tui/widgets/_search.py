"""Searching the blog being read: ``/`` opens a one-line bar under the feed.

:class:`SearchBar` asks for words (an :class:`~textual.widgets.Input`); Enter
posts :class:`SearchBar.Submitted` and the screen filters the feed to the
entries holding every word (the feed highlights the matches); the bar then
says what is shown ("flood barrier: 4 entries · Esc clears"). Esc, in the bar
or in the feed, clears the search (:class:`SearchBar.Cleared`). What the
reader typed is shown back as plain text, never as markup.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, Static

__all__ = ["SearchBar", "split_terms"]


def split_terms(text: str) -> tuple[str, ...]:
    """The words of a search, as typed (the feed matches each, ignoring case)."""
    return tuple(text.split())


class SearchBar(Horizontal):
    """A one-line search bar: an input while typing, then what the feed shows.

    Hidden until :meth:`open` is called.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "clear", "Clear search", id="search.clear",
                tooltip="Close the search and show every entry again"),
    ]  # fmt: skip

    @dataclass
    class Submitted(Message):
        """The reader asked to filter the feed.

        Attributes:
            bar: The search bar.
            terms: The words to find (none: clear the search).

        """

        bar: SearchBar
        terms: tuple[str, ...]

        @property
        def control(self) -> SearchBar:
            """The bar that posted this."""
            return self.bar

    @dataclass
    class Cleared(Message):
        """The reader closed the search (Esc): show every entry again.

        Attributes:
            bar: The search bar.

        """

        bar: SearchBar

        @property
        def control(self) -> SearchBar:
            """The bar that posted this."""
            return self.bar

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.display = False
        self._terms: tuple[str, ...] = ()

    def compose(self) -> ComposeResult:
        """Nothing yet: the bar's parts are mounted when it is first shown (see :meth:`_parts`)."""
        yield from ()

    def _parts(self) -> tuple[Input, Static]:
        """The input and the line shown after a search, mounted the first time they are needed.

        A bar mounted whole with every tab held back the first frame by its
        input's mounting and styling, for a search most readers never start.
        ``mount`` puts the widgets in the DOM, styled, before it returns, so the
        focus can move to the input before the next key is read.
        """
        if not self.children:
            self.mount(
                Static("/", id="search-prompt", markup=False),
                Input(
                    " ".join(self._terms),
                    placeholder="words to find, Enter filters, Esc clears",
                    id="search-input",
                ),
                Static("", id="search-result", markup=False),
            )
        return self.query_one("#search-input", Input), self.query_one("#search-result", Static)

    @property
    def input(self) -> Input:
        """The text input."""
        return self._parts()[0]

    @property
    def typing(self) -> bool:
        """True while the input has the focus (False before the bar was first opened)."""
        return bool(self.children) and self.input.has_focus

    @property
    def result_text(self) -> str:
        """What the bar says after a search (plain text; "" before the first)."""
        if not self.children:
            return ""
        content = self._parts()[1].content
        return content.plain if isinstance(content, Content) else str(content)

    @property
    def terms(self) -> tuple[str, ...]:
        """The words of the last search shown (empty when none)."""
        return self._terms

    def open(self) -> None:
        """Show the bar with the last words, ready to type (the input has the focus now)."""
        self.display = True
        self.set_class(True, "-editing")
        field = self.input  # mounted now if never shown (with these words: no change then)
        field.value = " ".join(self._terms)
        field.cursor_position = len(field.value)
        # At once, not after the queue (focus() waits its turn): the keys typed right
        # after "/" are already queued behind it, and they are the query.
        self.screen.set_focus(field)

    def show_result(self, terms: tuple[str, ...], count: int, watched_only: bool = False) -> None:
        """Say what the feed now shows (the matches of a search, or the watched entries)."""
        self._terms = terms
        self.display = True
        self.set_class(False, "-editing")
        noun = "entry" if count == 1 else "entries"
        words = " ".join(terms)
        watched = ("watched only", "bold") if watched_only else ""
        if watched_only and words:
            watched = (" (watched only)", "bold")
        text = Content.assemble(
            (words, "bold"),
            watched,
            f": {count} {noun}" if count else ": nothing matches",
            " · f shows every entry" if watched_only and not words else " · / searches again",
            " · Esc clears",
        )
        self._parts()[1].update(text)

    def close(self) -> None:
        """Hide the bar and forget the words."""
        self._terms = ()
        self.set_class(False, "-editing")
        self.display = False

    @on(Input.Submitted, "#search-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.Submitted(self, split_terms(event.value)))

    def action_clear(self) -> None:
        """Close the bar and clear the search."""
        self.close()
        self.post_message(self.Cleared(self))
