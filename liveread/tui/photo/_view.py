"""An entry's photo in the terminal, with its caption and credit under it (``i``, on demand).

:class:`PhotoScreen` shows one photo file (from
:class:`~liveread.photos.PhotoStore`) with the optional ``liveread[images]``
extra: `textual-image <https://github.com/lnqs/textual-image>`_ (LGPL) and
Pillow draw it as Kitty graphics or Sixel where the terminal has them, in
Unicode half-blocks elsewhere. Without the extra, :func:`photos_available` is
False and the key says how to get it (:data:`NEED_EXTRA`).

textual-image learns what the terminal can do by asking it, which only works
before Textual owns the terminal: :func:`prepare` (called by the command
before the app starts, and only where the environment names a terminal with
graphics) lets it ask then. Otherwise the library is imported when the first
photo is shown, with the terminal's questions turned off, and draws in
half-blocks: it never reads the terminal under Textual's feet. Snapshots and
tests get the half-blocks.
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Mapping
from pathlib import Path
from types import ModuleType
from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Static

from liveread.model import Image
from liveread.tui._css import SCREENS_CSS

__all__ = ["NEED_EXTRA", "PhotoScreen", "graphics_terminal", "photos_available", "prepare"]

#: What the photo key says without the images extra.
NEED_EXTRA = "Photos need the images extra: pip install 'liveread[images]'"
#: The terminals known (by their environment) to draw Kitty graphics or Sixel.
_GRAPHIC_TERMS = ("xterm-kitty", "foot", "foot-extra", "wezterm", "xterm-ghostty", "mlterm")
_GRAPHIC_PROGRAMS = ("WezTerm", "iTerm.app", "ghostty")


def photos_available() -> bool:
    """True when the images extra (textual-image and Pillow) is installed."""
    return all(importlib.util.find_spec(name) is not None for name in ("textual_image", "PIL"))


def graphics_terminal(env: Mapping[str, str]) -> bool:
    """True when the environment names a terminal that draws Kitty graphics or Sixel.

    Not inside tmux or screen: they pass neither on by default.
    """
    if env.get("TMUX") or env.get("STY"):
        return False
    return bool(
        env.get("KITTY_WINDOW_ID")
        or env.get("TERM", "") in _GRAPHIC_TERMS
        or env.get("TERM_PROGRAM", "") in _GRAPHIC_PROGRAMS
    )


class _Prepared:
    """The textual-image module, once imported (and whether it could ask the terminal)."""

    module: ModuleType | None = None
    asked: bool = False


def prepare(env: Mapping[str, str]) -> None:
    """Before the app starts: let textual-image ask a graphics terminal what it can draw."""
    if _Prepared.module is None and graphics_terminal(env) and photos_available():
        import textual_image.widget

        _Prepared.module, _Prepared.asked = textual_image.widget, True


class _NotATerminal:
    """Stands for ``sys.__stdout__`` while textual-image is imported under Textual."""

    def __init__(self, stream: Any) -> None:
        self._stream = stream

    def isatty(self) -> bool:
        return False

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def _image_module() -> ModuleType:
    """textual-image's widgets; imported now, if :func:`prepare` did not, asking nothing."""
    if _Prepared.module is None:
        real = sys.__stdout__
        sys.__stdout__ = _NotATerminal(real)  # type: ignore[assignment,misc]
        try:
            import textual_image.widget
            from textual_image._terminal import get_cell_size

            get_cell_size()  # cached now, from the defaults: never asked of the terminal later
        finally:
            sys.__stdout__ = real  # type: ignore[misc]
        _Prepared.module = textual_image.widget
    return _Prepared.module


#: The photo's width on screen, in cells.
WIDTH = 72


def _image_widget(path: Path) -> Widget:
    """The photo as a widget: the best the terminal draws if it was asked, else half-blocks.

    :data:`WIDTH` cells wide, and as many rows as keep its proportions (a cell is
    about twice as high as it is wide).
    """
    from PIL import Image as PILImage

    module = _image_module()
    kind = module.Image if _Prepared.asked else module.HalfcellImage
    with PILImage.open(path) as picture:
        width, height = picture.size
    widget: Widget = kind(str(path), id="photo-image")
    widget.styles.width = WIDTH
    widget.styles.height = max(1, round(WIDTH * height / max(width, 1) / 2))
    return widget


class PhotoScreen(ModalScreen[None]):
    """One photo, its caption and its credit.

    Args:
        path: The photo's file.
        image: What the entry says of it (caption, credit, URL).

    """

    CSS_PATH = SCREENS_CSS

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,i", "close", "Close", key_display="Esc", id="photo.close",
                tooltip="Back to the feed"),
    ]  # fmt: skip

    def __init__(self, path: Path, image: Image) -> None:
        super().__init__()
        self.path = path
        self.image = image

    @property
    def caption_text(self) -> str:
        """What is said under the photo: its caption, then its credit (plain text)."""
        return "  ".join(part for part in (self.image.caption, self.image.credit) if part)

    def compose(self) -> ComposeResult:
        """The photo, then its caption and credit (page text, as plain text)."""
        with Vertical(id="photo-dialog"):
            yield _image_widget(self.path)
            yield Static(
                Content.assemble(
                    Content(self.image.caption).stylize("italic"),
                    "  " if self.image.caption and self.image.credit else "",
                    Content(self.image.credit).stylize("dim"),
                ),
                id="photo-caption",
            )
            yield Static("Esc closes", id="photo-keys")

    def action_close(self) -> None:
        """Back to the feed."""
        self.dismiss(None)
