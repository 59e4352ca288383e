"""The garbage collector while the TUI starts: paused until the first frame.

Starting the TUI imports Textual and liveread's screens, then builds the first
screen: hundreds of thousands of allocations, nearly all of which live as long
as the app. The cyclic collector runs every 700 of them and frees next to
nothing: on a cached 5,000-entry blog, about 150 collections and 20 ms before
the first frame (measured on the bench's machine). So a command that starts
the app pauses the collector first (:func:`collection_paused`), and the app
resumes it once its first frame is drawn (:func:`resume_collection`, from
:meth:`~liveread.tui.app.LivereadApp.on_ready`), or the command does as it
ends, whatever ended it. Reference counting frees everything else as usual;
only cycles wait. Only what this module paused is resumed: a collector the
process had turned off stays off.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

__all__ = ["collection_paused", "resume_collection"]


class _Pause:
    """Whether the collector is off because :func:`collection_paused` turned it off."""

    paused = False


@contextlib.contextmanager
def collection_paused() -> Iterator[None]:
    """Run the block with the collector paused (resumed at the first frame, or after the block)."""
    if gc.isenabled():
        gc.disable()
        _Pause.paused = True
    try:
        yield
    finally:
        resume_collection()


def resume_collection() -> None:
    """Turn the collector back on if :func:`collection_paused` turned it off (else nothing)."""
    if _Pause.paused:
        _Pause.paused = False
        gc.enable()
