"""The ``liveread`` command: argument parsing and the one place that wires things.

Bare ``liveread`` opens the library, ``liveread URL`` follows one blog in the
TUI; ``parse``, ``export``, ``list``, ``search`` and ``follow`` are headless
and never import Textual. Every error a user can cause ends as one line on
stderr (``liveread: …``) and a non-zero exit status, never a traceback.
Everything written leaves through :func:`~liveread.cli.streams.terminal_safe`:
no control or bidi character reaches the terminal as it is.
"""

from __future__ import annotations

import contextlib
import os
import sys
import traceback

from liveread.cli.args import COMMANDS, build_parser, normalise_argv
from liveread.cli.streams import terminal_safe
from liveread.errors import LivereadError

__all__ = ["main"]


def _run(argv: list[str]) -> int:
    """Parse *argv* and dispatch to the chosen command."""
    argv = normalise_argv(argv)
    # The command named first is the only one whose options are read (see build_parser).
    command = argv[0] if argv and argv[0] in COMMANDS else None
    args = build_parser(command).parse_args(argv)
    handler = args.handler
    return int(handler(args) or 0)


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the process exit status."""
    if argv is None:
        argv = sys.argv[1:]
    with terminal_safe():
        return _main(argv)


def _main(argv: list[str]) -> int:
    """:func:`main` inside the terminal-safe streams."""
    try:
        return _run(argv)
    except LivereadError as exc:
        print(f"liveread: {exc}", file=sys.stderr)
        if os.environ.get("LIVEREAD_DEBUG") and exc.__cause__ is not None:
            # A source's bug reported as "the site's pages changed": its traceback, on request.
            traceback.print_exception(exc.__cause__, file=sys.stderr)
        return exc.exit_status
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader of a pipe went away (`liveread export … | head`): not an error.
        with contextlib.suppress(OSError):
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - silence the flush at exit
        return 0
    except Exception as exc:  # a bug: say so in one line, details only on request
        if os.environ.get("LIVEREAD_DEBUG"):
            raise
        print(
            f"liveread: internal error: {type(exc).__name__}: {exc} "
            "(set LIVEREAD_DEBUG=1 for the traceback, and please report it)",
            file=sys.stderr,
        )
        return 70
