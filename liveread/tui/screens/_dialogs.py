"""Small modal dialogs: ask for a URL, confirm a removal.

Both are keyboard first (Enter / Esc, ``y`` / ``n``) with buttons for the
mouse. Anything shown that came from outside (a blog's title) is plain text.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from liveread.errors import LivereadError
from liveread.tui._css import SCREENS_CSS
from liveread.tui.host import host_of
from liveread.urls import user_url

__all__ = ["ConfirmScreen", "UrlScreen"]


class UrlScreen(ModalScreen[str | None]):
    """Ask for the URL of a live blog; dismissed with the URL (https assumed) or None.

    A URL that cannot be followed is refused with a one-line reason, in the
    dialog and as a notice; the dialog stays open to fix it.
    """

    CSS_PATH = SCREENS_CSS

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="url.cancel", tooltip="Close without following"),
    ]

    def compose(self) -> ComposeResult:
        """A prompt, the input and a line for the reason a URL was refused."""
        with Vertical(id="url-dialog", classes="dialog"):
            yield Static("Follow a live blog: paste its address (https:// is assumed)")
            yield Input(placeholder="https://www.theguardian.com/…/live/…", id="url-input")
            yield Static("", id="url-error", markup=False)

    def on_mount(self) -> None:
        """Ready to type: what was typed right after ``a`` goes here."""
        self.query_one("#url-input", Input).focus()
        host_of(self).release_keys()

    @on(Input.Submitted, "#url-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        try:
            url = user_url(event.value)
        except LivereadError as exc:
            message = str(exc)
            self.query_one("#url-error", Static).update(Content(message))
            self.notify(message, severity="error", markup=False)
            return
        self.dismiss(url)

    def action_cancel(self) -> None:
        """Close without following anything."""
        self.dismiss(None)


class ConfirmScreen(ModalScreen[bool]):
    """Ask a yes/no question; dismissed with True for yes.

    Args:
        question: The question, as plain text (it may hold a blog's title).
        yes: The label of the button that confirms.

    """

    CSS_PATH = SCREENS_CSS

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Yes", id="confirm.yes", tooltip="Confirm"),
        Binding("n,escape", "answer(False)", "No", id="confirm.no", tooltip="Cancel"),
    ]

    def __init__(self, question: str, *, yes: str = "Remove") -> None:
        super().__init__()
        self.question = question
        self.yes = yes

    def compose(self) -> ComposeResult:
        """The question and two buttons."""
        with Vertical(id="confirm-dialog", classes="dialog"):
            yield Static(Content(self.question), id="confirm-question")
            with Horizontal(id="confirm-buttons"):
                yield Button(f"{self.yes} (y)", id="confirm-yes", variant="error")
                yield Button("Keep (n)", id="confirm-no")

    def on_mount(self) -> None:
        """The safe answer has the focus."""
        self.query_one("#confirm-no", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "confirm-yes")

    def action_answer(self, yes: bool) -> None:
        """Answer the question."""
        self.dismiss(yes)
