"""Going to blog N from any keyboard: ``b`` lists the open blogs, a digit (or Enter) picks one.

Alt+N reaches a terminal program in as many ways as there are terminals (ESC
then the digit in tmux and xterm, ``¡ ™ £`` from a Mac's Option key, nothing
at all where the terminal keeps Alt for itself); ``b`` then N works on every
one. :class:`BlogSwitcher` shows the blogs numbered as on the tab bar and is
dismissed with the number chosen, or None (Esc). The digit may arrive in the
same burst as the ``b``: the keys typed after it are held until the list has
the focus, and are then handed to it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from liveread.tui._css import SCREENS_CSS
from liveread.tui.host import host_of

__all__ = ["BlogSwitcher"]


class BlogSwitcher(ModalScreen[int | None]):
    """The open blogs, numbered; dismissed with the number of the one chosen.

    Args:
        names: The blogs' short names, in tab order (blog 1 first).
        current: The number of the blog shown (0: none), highlighted at first.

    """

    CSS_PATH = SCREENS_CSS

    BINDINGS: ClassVar[list[BindingType]] = [
        *(Binding(str(n), f"pick({n})", f"Blog {n}", show=False, id=f"switch.blog_{n}")
          for n in range(1, 10)),
        Binding("escape,b", "pick(0)", "Close", id="switch.close", tooltip="Stay on this tab"),
    ]  # fmt: skip

    def __init__(self, names: Sequence[str], *, current: int = 0) -> None:
        super().__init__()
        self.names = list(names)
        self.current = current

    def compose(self) -> ComposeResult:
        """A heading and the numbered list (page text as plain text)."""
        with Vertical(id="switch-dialog", classes="dialog"):
            yield Static("Go to blog: its number, or Enter (Esc stays)", id="switch-title")
            yield OptionList(
                *(
                    Option(Content.assemble((f"{n} ", "bold"), Content(name)), id=str(n))
                    for n, name in enumerate(self.names, 1)
                ),
                id="switch-list",
                markup=False,
            )

    def on_mount(self) -> None:
        """The list has the focus; the keys typed after ``b`` are handed to it."""
        options = self.query_one(OptionList)
        if self.current:
            options.highlighted = self.current - 1
        options.focus()
        host_of(self).release_keys()

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_pick(int(event.option.id or 0))

    def action_pick(self, n: int) -> None:
        """Show blog *n* (0, or a number no blog has: stay)."""
        self.dismiss(n if 1 <= n <= len(self.names) else None)
