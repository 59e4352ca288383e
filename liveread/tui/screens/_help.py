"""Every key and what it does: the help screen (``?``/F1) and the command palette's entries.

Both come from the bindings themselves, so a key remapped through the app's
keymap (by Binding id) shows as remapped, and a new binding shows up without
anyone writing help text. :func:`collect_keys` gathers them for a screen: the
active bindings (the focused widget, its ancestors, the screen, the app),
plus the bindings of the widgets a screen names in ``help_sections()`` even
when they do not have the focus (the feed's keys while the key-events pane
is focused, say). Only liveread's own bindings (those with an ``id``) and
the command palette's key are listed; Textual's internal ones are not. One
binding bound in several places (1–9 in the key-events pane and in the
reader around it) is listed once, and the help shows a numbered family
(``Key event 1`` … ``Key event 9``) as one row: ``1–9``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingsMap, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from liveread.tui._css import SCREENS_CSS

if TYPE_CHECKING:
    from textual.app import App

__all__ = ["HelpScreen", "KeyHelp", "collect_keys", "help_content", "help_rows"]

#: A numbered family of bindings: ``key_events.jump_3``, ``tabs.blog_3``.
_NUMBERED = re.compile(r"^(.*_)(\d)$")


@dataclass
class KeyHelp:
    """One action and the keys bound to it.

    Attributes:
        section: Where it applies ("Everywhere", "Feed", ...).
        keys: The keys, as shown to the reader ("↓", "j").
        description: What it does, in a few words.
        tooltip: A longer explanation ("" when none).
        binding_id: The Binding id (what a keymap remaps).
        action: The action run.
        node: The node the action runs on.

    """

    section: str
    keys: list[str]
    description: str
    tooltip: str
    binding_id: str | None
    action: str
    node: DOMNode = field(repr=False)


def _listed(binding: Binding) -> bool:
    """Liveread's own bindings (they all have ids) and the command palette."""
    if binding.system or not binding.description:
        return False
    return binding.id is not None or binding.action in ("command_palette", "app.command_palette")


def _class_bindings(node: DOMNode, keymap: Mapping[str, str]) -> BindingsMap:
    """A node's bindings from its class and its bases (as Textual merges them), keymapped."""
    keys: dict[str, list[Binding]] = {}
    for cls in reversed(type(node).__mro__):
        declared = cls.__dict__.get("BINDINGS")
        if declared:
            keys.update(BindingsMap(declared).key_to_bindings)
    bindings = BindingsMap.from_keys(keys)
    if keymap:
        bindings.apply_keymap(dict(keymap))
    return bindings


def _section_of(node: DOMNode, sections: Mapping[int, str]) -> str:
    if id(node) in sections:
        return sections[id(node)]
    if node is node.app:
        return "Everywhere"
    if isinstance(node, Screen):
        return "This screen"
    return str(getattr(node, "BINDING_GROUP_TITLE", None) or type(node).__name__)


def collect_keys(screen: Screen[object]) -> list[KeyHelp]:
    """Every listed key of *screen*, grouped by action, in section order.

    The screen may define ``help_sections() -> list[tuple[str, DOMNode]]``:
    widgets whose keys are listed (under that title) even without the focus.
    """
    app: App[object] = screen.app
    keymap: Mapping[str, str] = getattr(app, "keymap", {})
    extra: list[tuple[str, DOMNode]] = list(getattr(screen, "help_sections", list)())
    sections = {id(node): title for title, node in extra}
    found: dict[tuple[int, str, str], KeyHelp] = {}

    def add(node: DOMNode, key: str, binding: Binding) -> None:
        if not _listed(binding):
            return
        # A binding id is one action wherever it is bound: listed once, where first met.
        if binding.id:
            group = (0, binding.id, "")
        else:
            group = (id(node), binding.action, binding.description)
        display = app.get_key_display(binding)
        item = found.get(group)
        if item is None:
            found[group] = KeyHelp(
                _section_of(node, sections),
                [display],
                binding.description,
                binding.tooltip,
                binding.id,
                binding.action,
                node,
            )
        elif display not in item.keys:
            item.keys.append(display)

    for _title, node in extra:
        for key, binding in _class_bindings(node, keymap):
            add(node, key, binding)
    for key, active in screen.active_bindings.items():
        add(active.node, key, active.binding)
    order = [title for title, _ in extra] + ["This screen", "Everywhere"]
    rank = {title: index for index, title in enumerate(order)}
    return sorted(found.values(), key=lambda k: rank.get(k.section, len(rank)))


def help_rows(keys: Iterable[KeyHelp]) -> list[KeyHelp]:
    """The help's rows: a numbered family (1 … 9 of one action) as one row, "1–9"."""
    rows: list[KeyHelp] = []
    families: dict[tuple[str, str], KeyHelp] = {}
    for item in keys:
        numbered = _NUMBERED.match(item.binding_id or "")
        if numbered is None:
            rows.append(item)
            continue
        family = families.get((item.section, numbered.group(1)))
        if family is None:
            family = KeyHelp(
                item.section,
                list(item.keys),
                re.sub(r"\d$", "1–9", item.description),
                re.sub(r"\b(first|1st)\b", "n-th", item.tooltip),
                item.binding_id,
                item.action,
                item.node,
            )
            families[(item.section, numbered.group(1))] = family
            rows.append(family)
        else:
            family.keys = [_span(a, b) for a, b in zip(family.keys, item.keys, strict=False)]
    return rows


def _span(first: str, last: str) -> str:
    """Write "1" and "9" as "1–9", "Alt+1" and "Alt+9" as "Alt+1–9" (kept when they differ)."""
    head = first.rstrip("0123456789–")
    if head == last.rstrip("0123456789") and first[len(head) :][:1].isdigit():
        return f"{head}{first[len(head) :].split('–')[0]}–{last[len(head) :]}"
    return first


def help_content(keys: Iterable[KeyHelp]) -> Content:
    """The help text: a heading per section, then one line per action."""
    lines: list[Content] = []
    section = None
    for item in help_rows(keys):
        if item.section != section:
            if section is not None:
                lines.append(Content(""))
            section = item.section
            lines.append(Content.styled(section, "bold underline"))
        shown = " ".join(item.keys)
        line = Content.assemble((f"  {shown:<14}", "bold"), " ", item.description)
        if item.tooltip and item.tooltip != item.description:
            line = Content.assemble(line, (f" — {item.tooltip}", "dim"))
        lines.append(line)
    return Content("\n").join(lines)


class HelpScreen(ModalScreen[None]):
    """Every key of the screen underneath and what it does.

    Args:
        keys: What :func:`collect_keys` found for that screen.

    """

    CSS_PATH = SCREENS_CSS

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark,f1", "close", "Close", key_display="Esc",
                id="help.close", tooltip="Close the help"),
    ]  # fmt: skip

    def __init__(self, keys: list[KeyHelp]) -> None:
        super().__init__()
        self.keys = keys

    @property
    def text(self) -> str:
        """The help as plain text."""
        return help_content(self.keys).plain

    def compose(self) -> ComposeResult:
        """The keys in a framed, scrolling dialog: one row an action, keys on the left."""
        with Vertical(id="help-dialog"):
            yield Static("Keys (Esc closes; Ctrl+P finds any command by name)", id="help-title")
            with VerticalScroll(id="help-scroll"):
                section = None
                for item in help_rows(self.keys):
                    if item.section != section:
                        section = item.section
                        yield Static(Content(section), classes="help-section")
                    with Horizontal(classes="help-row"):
                        yield Static(Content(" ".join(item.keys)), classes="help-keys")
                        text = Content.assemble((item.description, "bold"))
                        if item.tooltip and item.tooltip != item.description:
                            text = Content.assemble(text, f" — {item.tooltip}")
                        yield Static(text, classes="help-text")

    def on_mount(self) -> None:
        """Arrows and PgUp/PgDn scroll the list."""
        self.query_one("#help-scroll", VerticalScroll).focus()

    def action_close(self) -> None:
        """Back to where the reader was."""
        self.dismiss(None)
