"""An entry's revisions as a word diff (``d``), in a modal screen.

The cache keeps every version of an entry it has seen
(:class:`~liveread.model.Revision`: when it was seen, its title and text).
:func:`word_diff` compares two versions word by word (:mod:`difflib` over
words and the spaces between them, so paragraphs stay where they were);
:class:`DiffScreen` shows one revision against the one before it, ←/→ moving
between revisions. Inserted and deleted words are styled through component
classes (colour from the theme, and underline / strike so they read without
colour, as under ``NO_COLOR``). The page's text goes in as plain text.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from typing import ClassVar, Literal

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from liveread.model import Revision, StoredEntry
from liveread.times import LOCAL, Zone
from liveread.tui._css import SCREENS_CSS

__all__ = ["DiffBody", "DiffScreen", "word_diff"]

Kind = Literal["same", "insert", "delete"]
# A word with the spaces after it: runs of changed words stay together, rather than
# being interleaved around the single spaces the two versions have in common.
_TOKENS = re.compile(r"^\s+|\S+\s*")
#: Beyond this many words a side, the versions are shown whole (old struck out,
#: new inserted) rather than matched word by word, which would take too long.
MAX_WORDS = 20_000


def word_diff(old: str, new: str) -> list[tuple[str, Kind]]:
    """Compare two texts word by word.

    Returns:
        Pieces of text in reading order, each ``"same"``, ``"insert"`` (only in
        *new*) or ``"delete"`` (only in *old*); a replaced run gives its deleted
        words, then its inserted ones.

    """
    a, b = _TOKENS.findall(old), _TOKENS.findall(new)
    if len(a) > MAX_WORDS or len(b) > MAX_WORDS:
        return [(t, k) for t, k in ((old, "delete"), (new, "insert")) if t]  # type: ignore[misc]
    out: list[tuple[str, Kind]] = []
    # Words are compared without their spaces (a word that became the last one is
    # the same word); what is shown keeps the new text's own spacing.
    matcher = SequenceMatcher(None, [t.strip() for t in a], [t.strip() for t in b], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            out.append(("".join(b[j1:j2]), "same"))
            continue
        if tag in ("delete", "replace"):
            out.append(("".join(a[i1:i2]), "delete"))
        if tag in ("insert", "replace"):
            out.append(("".join(b[j1:j2]), "insert"))
    return out


def _revisions(entry: StoredEntry) -> tuple[Revision, ...]:
    """The entry's revisions, oldest first (one made up from the entry when none are known)."""
    if entry.revisions:
        return entry.revisions
    seen = entry.first_seen or entry.updated or entry.published
    return (Revision(seen, entry.text, entry.title),)


class DiffBody(Static):
    """The text of one revision with the changes from the one before it marked."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "diff--insert",
        "diff--delete",
        "diff--title",
        "diff--meta",
    }

    def show(self, older: Revision | None, newer: Revision) -> None:
        """Show *newer*, marked against *older* (None: *newer* plain)."""
        # Not partial: a partial style blends the tinted backgrounds with transparency,
        # which leaves the inserted and deleted words barely marked.
        styles = {
            name: self.get_visual_style(f"diff--{name}") for name in ("insert", "delete", "title")
        }

        def marked(old: str, new: str, base: str | None = None) -> Content:
            pieces: list[Content] = []
            for text, kind in word_diff(old, new):
                piece = Content(text)
                if kind != "same":
                    piece = piece.stylize(styles[kind])
                if base is not None:
                    piece = piece.stylize_before(styles[base])
                pieces.append(piece)
            return Content.assemble(*pieces)

        old_title = (older.title or "") if older else (newer.title or "")
        old_text = older.text if older else newer.text
        title = marked(old_title, newer.title or "", "title")
        body = marked(old_text, newer.text)
        self.update(Content("\n\n").join([title, body]) if title else body)


class DiffScreen(ModalScreen[None]):
    """The revisions of one entry, each as a word diff against the one before.

    Args:
        entry: The entry (with its revisions, as the cache holds it).
        zone: Where times are shown (local time, or UTC).

    """

    CSS_PATH = SCREENS_CSS

    BINDINGS: ClassVar[list[BindingType]] = [
        # Priority: the focused scroll area would take ← → for sideways scrolling.
        Binding("left,h,left_square_bracket", "previous", "Older revision", key_display="←",
                priority=True, id="diff.previous", tooltip="Show the revision before this one"),
        Binding("right,l,right_square_bracket", "next", "Newer revision", key_display="→",
                priority=True, id="diff.next", tooltip="Show the revision after this one"),
        Binding("escape,q,d", "close", "Close", id="diff.close",
                tooltip="Back to the feed"),
    ]  # fmt: skip

    def __init__(self, entry: StoredEntry, *, zone: Zone = LOCAL) -> None:
        super().__init__()
        self.entry = entry
        self.zone = zone
        self.revisions = _revisions(entry)
        self.index = len(self.revisions) - 1

    def compose(self) -> ComposeResult:
        """A framed dialog: what is shown, the text, the keys."""
        with Vertical(id="diff-dialog"):
            yield Static("", id="diff-heading", markup=False)
            with VerticalScroll(id="diff-scroll"):
                yield DiffBody("", id="diff-body", markup=False)
            yield Static(
                "← → revisions · underline: added · strike: removed · Esc closes",
                id="diff-keys",
                markup=False,
            )

    def on_mount(self) -> None:
        """Show the latest revision against the one before; arrows scroll the text."""
        self._show()
        self.query_one("#diff-scroll", VerticalScroll).focus()

    @property
    def heading_text(self) -> str:
        """What the heading says (plain text)."""
        content = self.query_one("#diff-heading", Static).content
        return content.plain if isinstance(content, Content) else str(content)

    def _show(self) -> None:
        count = len(self.revisions)
        newer = self.revisions[self.index]
        older = self.revisions[self.index - 1] if self.index else None
        seen = self.zone.format(newer.seen, "%H:%M")
        if count == 1:
            heading = (
                f"One revision: not edited since liveread first saw it ({seen}). "
                "Nothing to compare."
            )
        elif older is None:
            heading = f"Revision 1 of {count}, first seen {seen}: the original text"
        else:
            heading = (
                f"Revision {self.index + 1} of {count}, seen {seen}: "
                f"changes since revision {self.index} ({self.zone.format(older.seen, '%H:%M')})"
            )
        self.query_one("#diff-heading", Static).update(Content(heading))
        self.query_one("#diff-body", DiffBody).show(older, newer)
        self.query_one("#diff-scroll", VerticalScroll).scroll_home(animate=False)

    def action_previous(self) -> None:
        """Show the revision before this one."""
        if self.index > 0:
            self.index -= 1
            self._show()

    def action_next(self) -> None:
        """Show the revision after this one."""
        if self.index < len(self.revisions) - 1:
            self.index += 1
            self._show()

    def action_close(self) -> None:
        """Back to the feed."""
        self.dismiss(None)
