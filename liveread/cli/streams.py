r"""The one place the command line's output leaves: streams that escape what a terminal acts on.

Every headless command writes to ``sys.stdout`` and ``sys.stderr``; :func:`terminal_safe`
replaces both, for the run of a command, with a :class:`SafeStream` that passes
each string through :func:`liveread.sanitize.for_terminal`. Whatever a string
holds (page text a source left unclean, a server's header in an error line, a
config value, a plug-in's output), ESC, C1 controls such as the 8-bit CSI
U+009B, CR and bidi controls arrive as visible ``\uXXXX`` escapes: in text and
Markdown they are shown, in a JSON line they are the JSON escape of the very
same character. liveread's own controls (the bell, the ``\r`` that redraws a
progress line) are written to the stream beneath, :func:`raw`, on purpose.
"""

from __future__ import annotations

import contextlib
import io
import sys
from collections.abc import Iterator
from typing import TextIO

from liveread.sanitize import for_terminal

__all__ = ["SafeStream", "raw", "terminal_safe"]


class SafeStream(io.TextIOBase):
    """A text stream that writes every string through :func:`~liveread.sanitize.for_terminal`.

    A character the stream beneath cannot encode (a terminal set to ASCII) is
    written as an escape too, never an error.

    Args:
        raw: The stream written to.

    """

    def __init__(self, raw: TextIO) -> None:
        super().__init__()
        self.raw = raw

    def write(self, text: str) -> int:
        """Write *text*, escaped; returns ``len(text)`` as a text stream does."""
        safe = for_terminal(text)
        try:
            self.raw.write(safe)
        except UnicodeEncodeError:
            encoding = self.raw.encoding or "ascii"
            self.raw.write(safe.encode(encoding, "backslashreplace").decode(encoding))
        return len(text)

    def flush(self) -> None:
        """Flush the stream beneath."""
        self.raw.flush()

    def isatty(self) -> bool:
        """Whether the stream beneath is a terminal."""
        return self.raw.isatty()

    def fileno(self) -> int:
        """The stream beneath's file descriptor."""
        return self.raw.fileno()

    def writable(self) -> bool:
        """Always: it is an output stream."""
        return True

    @property
    def encoding(self) -> str:  # type: ignore[override]
        """The stream beneath's encoding."""
        return self.raw.encoding

    @property
    def errors(self) -> str | None:  # type: ignore[override]
        """The stream beneath's error handler."""
        return self.raw.errors


def raw(stream: TextIO) -> TextIO:
    """The stream beneath *stream* (for liveread's own controls), or *stream* itself."""
    return stream.raw if isinstance(stream, SafeStream) else stream


@contextlib.contextmanager
def terminal_safe() -> Iterator[None]:
    """Make ``sys.stdout`` and ``sys.stderr`` escape what a terminal acts on, for a block.

    On leaving, each is put back unless something else replaced it meanwhile
    (a closed pipe's stdout swapped for ``/dev/null`` stays swapped).
    """
    out, err = sys.stdout, sys.stderr
    safe_out, safe_err = SafeStream(out), SafeStream(err)
    sys.stdout, sys.stderr = safe_out, safe_err
    try:
        yield
    finally:
        if sys.stdout is safe_out:
            sys.stdout = out
        if sys.stderr is safe_err:
            sys.stderr = err
