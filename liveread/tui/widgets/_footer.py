"""The footer: the keys that act where the focus is, on one line, drawn as one widget.

:class:`KeyFooter` shows what Textual's compact ``Footer`` shows (the screen's
active bindings marked ``show``, one per action, a group's keys together
before its words: ``][ Key event n Show new … ? Help``), but draws it as one
line of one widget, repainted when the bindings change. Textual's footer is a
widget per key, mounted again on every change of focus, and waits for the
screen's first bindings update before it has any: on a blog's first screen it
came a few frames after the entries, and each of its keys paid for its own
styles. A click on a key presses it (as Textual's does); a key that cannot
act now is dimmed, and clicking it rings the bell.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import groupby
from typing import TYPE_CHECKING, ClassVar

from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.widget import Widget

if TYPE_CHECKING:
    from textual.screen import Screen

__all__ = ["FooterKey", "KeyFooter", "footer_keys"]


@dataclass(frozen=True)
class FooterKey:
    """One key (or a group's keys) as the footer shows it.

    Attributes:
        keys: The keys shown, each (key name, how it is shown): one, or a group's.
        description: Its words ("Search"; a group's own for a group).
        enabled: False when it cannot act now (dimmed).
        tooltip: What hovering it says.

    """

    keys: tuple[tuple[str, str], ...]
    description: str
    enabled: bool
    tooltip: str


def footer_keys(
    active: Iterable[tuple[Binding, bool, str]], display: dict[str, str]
) -> list[FooterKey]:
    """The keys to show, in order, from a screen's active bindings (Textual's footer's rules).

    Only bindings marked ``show``; one per action (the first key bound to it);
    consecutive bindings of one group with more than one action shown together
    under the group's description.

    Args:
        active: Each active binding, whether it can act now, and its tooltip, in the
            screen's order (the focused widget's first, the app's last).
        display: How each key is shown, by key name (the app's ``get_key_display``).

    """
    by_action: dict[str, tuple[Binding, bool, str]] = {}
    for binding, enabled, tooltip in active:
        if binding.show and binding.action not in by_action:
            by_action[binding.action] = (binding, enabled, tooltip)
    shown: list[FooterKey] = []
    for group, members_iter in groupby(by_action.values(), lambda item: item[0].group):
        members = list(members_iter)
        if group is not None and len(members) > 1:
            shown.append(
                FooterKey(
                    keys=tuple((b.key, display[b.key]) for b, _, _ in members),
                    description=group.description,
                    enabled=any(enabled for _, enabled, _ in members),
                    tooltip=" / ".join(tip or b.description for b, _, tip in members),
                )
            )
            continue
        for binding, enabled, tooltip in members:
            shown.append(
                FooterKey(
                    keys=((binding.key, display[binding.key]),),
                    description=binding.description,
                    enabled=enabled,
                    tooltip=tooltip or binding.description,
                )
            )
    return shown


class KeyFooter(Widget, can_focus=False):
    """The keys that act here, on one line at the bottom of the screen."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "key-footer--key",
        "key-footer--description",
        "key-footer--disabled",
    }

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        # Where each key was drawn: (first column, end column, key name, what it is).
        self._spans: list[tuple[int, int, str, FooterKey]] = []

    def on_mount(self) -> None:
        """Repaint whenever the screen's bindings change (focus moved, a key became possible)."""
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        """Stop listening to the screen."""
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        if screen is self.screen:
            self.refresh()

    @property
    def keys(self) -> list[FooterKey]:
        """What the footer shows now, in order."""
        active = [(b, enabled, tip) for _, b, enabled, tip in self.screen.active_bindings.values()]
        display = {b.key: self.app.get_key_display(b) for b, _, _ in active}
        return footer_keys(active, display)

    def render(self) -> Content:
        """`` ][ Key event n Show new … ? Help``: each key bold, then its words."""
        key_style = self.get_visual_style("key-footer--key", partial=True)
        words_style = self.get_visual_style("key-footer--description", partial=True)
        dim = self.get_visual_style("key-footer--disabled", partial=True)
        items: list[Content] = []
        spans: list[tuple[int, int, str, FooterKey]] = []
        column = 1  # the line starts with a space; items are a space apart
        for item in self.keys:
            pieces: list[Content] = []
            start = column
            for key, shown in item.keys:
                piece = Content(shown).stylize(key_style)
                spans.append((column, column + piece.cell_length, key, item))
                pieces.append(piece)
                column += piece.cell_length
            words = Content(f" {item.description}").stylize(words_style)
            pieces.append(words)
            column += words.cell_length
            if len(item.keys) > 1:  # a click on a group's words presses its first key
                spans.append((start, column, item.keys[0][0], item))
            whole = Content.assemble(*pieces)
            items.append(whole if item.enabled else whole.stylize(dim))
            column += 1
        self._spans = spans
        line = Content.assemble(" ", Content(" ").join(items))
        return line.truncate(max(self.size.width, 1))

    def _key_at(self, x: int) -> tuple[str, FooterKey] | None:
        for start, end, key, item in self._spans:
            if start <= x < end:
                return key, item
        return None

    def on_click(self, event: events.Click) -> None:
        """A click on a key presses it (a key that cannot act now rings the bell)."""
        found = self._key_at(event.x)
        if found is None:
            return
        key, item = found
        if item.enabled:
            self.app.simulate_key(key)
        else:
            self.app.bell()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        """Hovering a key says what it does."""
        found = self._key_at(event.x)
        self.tooltip = found[1].tooltip if found is not None else None
