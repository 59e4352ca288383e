"""Watches in the TUI: ``w`` asks for one, ``W`` lists them (``x`` removes one).

:class:`WatchDialog` asks for a watch's terms (several, separated by commas:
an entry matches when it holds any of them; a term of several words is a
phrase), filled in with the text selected on screen or the search in force,
and an optional name. :class:`WatchesScreen` lists the watches in force and
removes the one highlighted. Both leave the watches themselves to the app
(:meth:`~liveread.tui.host.Host.add_watch`,
:meth:`~liveread.tui.host.Host.remove_watch`), which keeps them in
``config.toml`` and in one reactive (``LivereadApp.watches``). What a
watch says comes from the reader, and what was selected from a page: both are
shown as plain text, never markup.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from liveread.alerts import Watch, Watches
from liveread.tui._css import SCREENS_CSS
from liveread.tui.host import host_of

__all__ = ["WatchDialog", "WatchesScreen", "split_watch_terms", "watch_line"]

#: The longest text taken from a selection as the terms of a watch.
SELECTION_MAX = 80


def split_watch_terms(text: str) -> tuple[str, ...]:
    """The terms typed in the dialog: separated by commas (or new lines), blanks dropped."""
    return tuple(t.strip() for t in text.replace("\n", ",").split(",") if t.strip())


def watch_line(watch: Watch) -> Content:
    """One watch as the list shows it: its name, its terms, where it applies."""
    terms = " or ".join(f"“{t}”" for t in watch.terms)
    where = "every blog" if not watch.blogs else f"{len(watch.blogs)} blog(s) only"
    parts: list[Content | str | tuple[str, str]] = [(watch.name, "bold"), "  ", terms]
    if watch.case_sensitive:
        parts.append(("  case-sensitive", "italic"))
    parts.append((f"  · {where}", "dim"))
    return Content.assemble(*parts)


class WatchDialog(ModalScreen[Watch | None]):
    """Ask for a watch; dismissed with it, or None.

    Args:
        terms: What to fill the terms in with (the selection, or the search in force).

    """

    CSS_PATH = SCREENS_CSS

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="watch.cancel", tooltip="Close without a watch"),
    ]

    def __init__(self, terms: str = "") -> None:
        super().__init__()
        self.terms = " ".join(terms.split())[:SELECTION_MAX]

    def compose(self) -> ComposeResult:
        """The terms, a name, and a line for why a watch was refused."""
        with Vertical(id="watch-dialog", classes="dialog"):
            yield Static(
                "Watch for words in every open blog: entries holding any of them are "
                "highlighted, can be shown alone (f), and alert you when they arrive."
            )
            yield Input(
                self.terms,
                placeholder="terms, separated by commas: ferry, Tollbridge, flood barrier",
                id="watch-terms",
            )
            yield Input(placeholder="its name (optional: the terms)", id="watch-name")
            yield Static("", id="watch-error", markup=False)

    def on_mount(self) -> None:
        """Ready to type the terms: what was typed right after ``w`` goes there."""
        self.query_one("#watch-terms", Input).focus()
        host_of(self).release_keys()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        terms = split_watch_terms(self.query_one("#watch-terms", Input).value)
        name = self.query_one("#watch-name", Input).value
        try:
            watch = Watch(name=name, terms=terms)
        except ValueError as exc:
            self.query_one("#watch-error", Static).update(Content(str(exc)))
            return
        self.dismiss(watch)

    def action_cancel(self) -> None:
        """Close without a watch."""
        self.dismiss(None)


class WatchesScreen(ModalScreen[None]):
    """The watches in force; ``x`` removes the one highlighted, ``w`` adds one."""

    CSS_PATH = SCREENS_CSS

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("x,delete", "remove", "Remove", id="watches.remove",
                tooltip="Remove the watch highlighted (from config.toml too)"),
        Binding("w", "add", "Add", id="watches.add", tooltip="Add a watch"),
        Binding("escape,W,q", "close", "Close", key_display="Esc", id="watches.close",
                tooltip="Close the list of watches"),
    ]  # fmt: skip

    def compose(self) -> ComposeResult:
        """A heading, the list (or what to do when there is none), the keys."""
        with Vertical(id="watches-dialog"):
            yield Static(
                "Watches (w adds one, x removes the one highlighted, Esc closes)",
                id="watches-title",
            )
            yield OptionList(id="watches-list", markup=False)
            yield Static(
                "No watches yet. Press w to watch for words in every open blog.",
                id="watches-empty",
                markup=False,
            )

    @property
    def options(self) -> OptionList:
        """The list of watches."""
        return self.query_one("#watches-list", OptionList)

    def on_mount(self) -> None:
        """List the watches, and again whenever they change."""
        self.watch(self.app, "watches", self._fill)

    def _fill(self, watches: Watches) -> None:
        options = self.options
        keep = options.highlighted
        options.set_options(Option(watch_line(w), id=w.name) for w in watches)
        empty = not len(watches)
        options.display = not empty
        self.query_one("#watches-empty", Static).display = empty
        if not empty:
            options.highlighted = min(keep or 0, len(watches) - 1)
            options.focus()

    @property
    def names(self) -> list[str]:
        """The watches listed, by name."""
        return [w.name for w in host_of(self).watches]

    def action_remove(self) -> None:
        """Remove the watch highlighted."""
        index = self.options.highlighted
        if index is None or not self.names:
            return
        host_of(self).remove_watch(self.names[index])

    def action_add(self) -> None:
        """Ask for a new watch."""

        def added(watch: Watch | None) -> None:
            if watch is not None:
                host_of(self).add_watch(watch)

        self.app.push_screen(WatchDialog(), added)

    def action_close(self) -> None:
        """Back to the blogs."""
        self.dismiss(None)
