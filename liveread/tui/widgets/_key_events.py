"""The key-events pane: every key event and summary of the blog, newest first.

A blog has dozens of key events, not thousands, so :class:`KeyEventsPane`
is an :class:`~textual.widgets.OptionList` (rebuilt whole when they change).
Each option shows its number (1–9 jump to it), local time and title (an
untitled one shows the first words of its text). Prompts are built as
:class:`~textual.content.Content` with page text as plain text, and the
list is created with ``markup=False``: nothing from a page is ever parsed as
markup.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import ClassVar

from textual import on
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.style import Style
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from liveread.model import StoredEntry
from liveread.times import LOCAL, Zone, utc_now
from liveread.tui.feed import time_label

__all__ = ["KeyEventsPane", "event_title", "jump_bindings"]

#: How many characters of text stand in for a missing title.
UNTITLED_WIDTH = 60
_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth")


def jump_bindings(action: str) -> list[Binding]:
    """The keys 1–9, each running ``action(n)``: jump to the n-th key event of the list.

    One set of ids (``key_events.jump_<n>``) wherever they are bound (the pane,
    a blog's tab, the timeline): one keymap entry moves them all.
    """
    return [
        Binding(
            str(n),
            f"{action}({n})",
            f"Key event {n}",
            show=False,
            id=f"key_events.jump_{n}",
            tooltip=f"Jump to the {_ORDINALS[n - 1]} key event in the list",
        )
        for n in range(1, 10)
    ]


def event_title(entry: StoredEntry) -> str:
    """The entry's title, or the first words of its text when it has none."""
    if entry.title:
        return entry.title
    words = " ".join(entry.text.split())
    if not words:
        return "(no text)"
    return textwrap.shorten(words, width=UNTITLED_WIDTH, placeholder="…")


class KeyEventsPane(OptionList, inherit_bindings=False):
    """Key events and summaries, newest first; Enter (or 1–9) jumps to one.

    Args:
        entries: Entries of the blog (those that are not key events are ignored).
        clock: Returns "now", to tell today's times from older ones.
        name: The widget's name.
        id: The widget's DOM id.
        classes: The widget's CSS classes.

    """

    BINDINGS: ClassVar[list[BindingType]] = [
        # OptionList's own keys, with ids (remappable) and words for the help screen.
        Binding("enter", "select", "Jump to key event", show=False, id="key_events.select",
                tooltip="Jump the feed to the highlighted key event"),
        Binding("down,j", "cursor_down", "Next key event in list", show=False,
                id="key_events.cursor_down", tooltip="Highlight the key event below"),
        Binding("up,k", "cursor_up", "Previous key event in list", show=False,
                id="key_events.cursor_up", tooltip="Highlight the key event above"),
        Binding("home", "first", "First key event in list", show=False,
                id="key_events.first", tooltip="Highlight the newest key event"),
        Binding("end", "last", "Last key event in list", show=False,
                id="key_events.last", tooltip="Highlight the oldest key event"),
        # Not PgUp/PgDn: in the reader they scroll the feed, wherever the focus is.
        *jump_bindings("jump_nth"),
    ]  # fmt: skip

    _PARTS = ("number", "time", "summary", "title", "removed")
    COMPONENT_CLASSES: ClassVar[set[str]] = {f"key-events--{part}" for part in _PARTS}

    @dataclass
    class Jump(Message):
        """The reader chose a key event: the feed should jump to it.

        Attributes:
            pane: The pane.
            entry_id: The key event's entry.

        """

        pane: KeyEventsPane
        entry_id: str

        @property
        def control(self) -> KeyEventsPane:
            """The pane that posted this."""
            return self.pane

    def __init__(
        self,
        entries: Iterable[StoredEntry] = (),
        *,
        clock: Callable[[], datetime] | None = None,
        zone: Zone = LOCAL,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes, markup=False)
        self._clock = clock or utc_now
        self._zone = zone
        self._events: dict[str, StoredEntry] = {e.id: e for e in entries if e.is_key}
        self._ids: list[str] = []
        self._current: str | None = None
        self._styles: tuple[Style, ...] | None = None
        self._empty = ""  # said in the list while it has no key event (see set_empty_text)

    @property
    def entry_ids(self) -> list[str]:
        """The key events' ids as listed, newest first (a copy)."""
        return list(self._ids)

    @property
    def current(self) -> str | None:
        """The key event marked as the one in view, or None."""
        return self._current

    def on_mount(self) -> None:
        """Build the list once styles are known."""
        self._rebuild()

    def set_empty_text(self, text: str) -> None:
        """What the pane says while the blog has no key event ("" says nothing)."""
        if text != self._empty:
            self._empty = text
            if not self._events:  # else the text is not shown: nothing to rebuild
                self._rebuild()

    def set_entries(self, entries: Iterable[StoredEntry]) -> None:
        """List the key events and summaries among *entries* instead of what was there."""
        self._events = {e.id: e for e in entries if e.is_key}
        self._rebuild()

    def upsert(self, entries: Iterable[StoredEntry]) -> None:
        """Take in new or changed entries (one that stops being a key event leaves)."""
        for entry in entries:
            if entry.is_key:
                self._events[entry.id] = entry
            else:
                self._events.pop(entry.id, None)
        self._rebuild()

    def set_zone(self, zone: Zone) -> None:
        """Show times in *zone* from now on."""
        self._zone = zone
        self._rebuild()

    def highlight(self, entry_id: str | None) -> None:
        """Mark the key event whose entry is in view (None, or one not listed: none)."""
        self._current = entry_id if entry_id in self._events else None
        if self.is_mounted:
            self.highlighted = self._ids.index(self._current) if self._current else None

    def jump_nth(self, n: int) -> str | None:
        """Jump to the *n*-th key event from the top (1 = newest); returns its id, or None."""
        if not 1 <= n <= len(self._ids):
            return None
        entry_id = self._ids[n - 1]
        self.highlight(entry_id)
        self.post_message(self.Jump(self, entry_id))
        return entry_id

    def action_jump_nth(self, n: int) -> None:
        """Jump to the *n*-th key event from the top."""
        self.jump_nth(n)

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        """Enter (or a click) on a key event asks for a jump to it."""
        if event.option_list is not self or event.option.id is None:
            return
        event.stop()
        self._current = event.option.id
        self.post_message(self.Jump(self, event.option.id))

    def notify_style_update(self) -> None:
        """Rebuild the prompts when the theme changed their styles."""
        super().notify_style_update()
        if self.is_mounted and self._part_styles() != self._styles:
            self.call_later(self._rebuild)

    def _part_styles(self) -> tuple[Style, ...]:
        """The styles of the parts of a prompt, in the order of ``_PARTS``."""
        return tuple(
            self.get_visual_style(f"key-events--{part}", partial=True) for part in self._PARTS
        )

    def _prompt(self, number: int, entry: StoredEntry) -> Content:
        """One option: number, time, SUMMARY tag, title; page text stays plain text."""
        number_style, time, summary, title, removed = self._styles or self._part_styles()
        label = f"{number} " if number <= 9 else "  "
        parts: list[Content | str | tuple[str, str | Style]] = [
            (label, number_style),
            (time_label(entry.published, self._clock(), self._zone), time),
            "  ",
        ]
        blog = self._label(entry)
        if blog is not None:
            parts += [blog, "  "]
        if entry.summary:
            parts.append(("SUMMARY ", summary))
        parts.append(Content(event_title(entry)).stylize(title))
        if entry.removed:
            parts.append(("  removed upstream", removed))
        return Content.assemble(*parts)

    def _label(self, entry: StoredEntry) -> Content | None:
        """What stands before the title (nothing here; the timeline's pane names the blog)."""
        return None

    def _rebuild(self) -> None:
        """Rebuild every option (dozens at most), keeping the marked one."""
        if not self.is_mounted:
            return
        self._styles = self._part_styles()
        ordered = sorted(self._events.values(), key=lambda e: (e.published, e.id), reverse=True)
        self._ids = [entry.id for entry in ordered]
        options = [
            Option(self._prompt(number, entry), id=entry.id)
            for number, entry in enumerate(ordered, 1)
        ]
        if not options and self._empty:
            options = [Option(Content(self._empty), disabled=True)]
        self.set_options(options)
        self.highlight(self._current)
