"""Whether a blog is live, and the words every view uses for it.

A blog's pages say it is live (being written), that it has ended, or nothing
at all: the model keeps that as ``live: bool | None``. How it is *said* is
one fact, here: the headless commands, the text and Markdown outputs, the
library and the blog's header all name a state by :class:`LiveState`.
"""

from __future__ import annotations

import enum

__all__ = ["LiveState"]


class LiveState(enum.Enum):
    """A blog's live state, with its words.

    ``LiveState.of(blog.live)`` turns the model's ``bool | None`` into one;
    :attr:`word` is how prose says it, :attr:`cell` how a narrow table
    column does, :attr:`badge` how the TUI shouts it.
    """

    LIVE = "live"
    ENDED = "ended"
    UNKNOWN = "unknown"

    @classmethod
    def of(cls, live: bool | None) -> LiveState:
        """The state a page's ``live`` says: True live, False ended, None unknown."""
        if live is None:
            return cls.UNKNOWN
        return cls.LIVE if live else cls.ENDED

    @property
    def word(self) -> str:
        """In a sentence: "live", "ended", "live state unknown"."""
        return "live state unknown" if self is LiveState.UNKNOWN else self.value

    @property
    def cell(self) -> str:
        """In a table column five wide: "live", "ended", "?"."""
        return "?" if self is LiveState.UNKNOWN else self.value

    @property
    def badge(self) -> str:
        """As a badge, upper case ("LIVE", "ENDED"; "?" when unknown)."""
        return self.cell.upper()
