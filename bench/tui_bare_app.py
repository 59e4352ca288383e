"""The baseline of section 4: a bare Textual app, one Static with a line of text.

Run as a script (``python bench/tui_bare_app.py``) by :mod:`bench.tui_bench`,
exactly as liveread is run: a fresh interpreter on a pseudo-terminal. Its
first screen is the moment :data:`TEXT` reaches the terminal. Ctrl+Q quits
(Textual's default binding).
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Static

#: What the bare app shows.
TEXT = "A bare Textual app: its first screen."


class BareApp(App[None]):
    """Nothing but one line of text."""

    def compose(self) -> ComposeResult:
        """One Static."""
        yield Static(TEXT)


if __name__ == "__main__":
    BareApp().run()
