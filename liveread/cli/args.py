"""The command line's grammar: subcommands, options and their help.

Handlers are named as ``"module:function"`` strings and imported only when
chosen, so ``liveread list`` never pays for the parser, the network stack or
Textual.
"""

from __future__ import annotations

import argparse
import functools
import importlib
import os
from collections.abc import Callable
from typing import Any

from liveread._version import __version__

__all__ = ["COMMANDS", "SERVE_BIND", "SERVE_PORT", "build_parser", "normalise_argv"]

#: Where ``liveread serve`` listens unless told otherwise: this machine only.
SERVE_BIND = "127.0.0.1"
#: The port ``liveread serve`` listens on unless told otherwise (feed readers keep the URL).
SERVE_PORT = 8780


class _Lazy:
    """A handler imported on first call (``"liveread.cli.headless:cmd_parse"``)."""

    def __init__(self, target: str) -> None:
        self.target = target

    def __call__(self, args: argparse.Namespace) -> int:
        module_name, _, attr = self.target.partition(":")
        function: Callable[[argparse.Namespace], int] = getattr(
            importlib.import_module(module_name), attr
        )
        return function(args)


def _seconds(text: str) -> float:
    """An argparse type: a positive number of seconds."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if not value > 0 or value != value or value == float("inf"):
        raise argparse.ArgumentTypeError(f"must be a positive number of seconds: {text!r}")
    return value


def _port(text: str) -> int:
    """An argparse type: a TCP port (0 = any free port)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a port number: {text!r}") from None
    if not 0 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"port must be 0-65535: {text!r}")
    return value


def _polling_options(parser: argparse.ArgumentParser) -> list[argparse.Action]:
    """The options every following command shares (defaults and floors from liveread.follow)."""
    from liveread import follow

    interval = parser.add_argument(
        "--interval",
        type=_seconds,
        default=None,
        metavar="S",
        help=f"seconds between polls (default {follow.DEFAULT_INTERVAL:g}; "
        f"at least {follow.REMOTE_FLOORS[0]:g} for remote hosts)",
    )
    refresh = parser.add_argument(
        "--refresh",
        type=_seconds,
        default=None,
        metavar="S",
        help="seconds between full re-reads of page 1, to catch edits and removals "
        f"(default {follow.DEFAULT_REFRESH:g}; at least {follow.REMOTE_FLOORS[1]:g} "
        "for remote hosts)",
    )
    longest = parser.add_argument(
        "--max-interval",
        type=_seconds,
        default=None,
        metavar="S",
        help="the longest wait between polls while the blog is quiet; --interval is the "
        f"shortest, used while it is busy (default {follow.DEFAULT_MAX_INTERVAL:g})",
    )
    return [interval, refresh, longest]


def _tui_options(parser: argparse.ArgumentParser) -> list[argparse.Action]:
    """Options of the commands that open the TUI (also those of the bare command)."""
    return [
        *_polling_options(parser),
        parser.add_argument(
            "--offline", action="store_true", help="read the cache only; no network"
        ),
        parser.add_argument("--bell", action="store_true", help="ring the bell on new key events"),
    ]


class _Formatter(argparse.HelpFormatter):
    """argparse's formatter, told the terminal's width instead of asking shutil.

    argparse builds a formatter for every option it adds (to check its
    metavar), and one that must find the width itself imports ``shutil``,
    which imports the bz2 and lzma modules: a tenth of the headless commands'
    start-up, for help that is seldom printed.
    """

    def __init__(self, prog: str) -> None:
        try:
            columns = int(os.environ.get("COLUMNS", "")) or os.get_terminal_size().columns
        except (ValueError, OSError):
            columns = 80
        super().__init__(prog, width=max(columns - 2, 40))


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser whose help, and its subcommands' help, use :class:`_Formatter`."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """Build the argument parser: every subcommand, each with its options.

    *command*: the subcommand the command line names (its first word, one of
    :data:`COMMANDS`): only that one is given its options, as it is the only
    one argparse will read. Each subcommand is still there, with its help line,
    so ``liveread --help`` and a mistyped command read as with the whole
    parser; adding the options of the other nine was a few milliseconds of
    every start, the TUI's first screen's too.
    """
    parser = _Parser(
        prog="liveread",
        description="Follow live blogs from the terminal. Bare `liveread` opens the library "
        "of cached blogs; `liveread URL [URL ...]` follows them, a tab each.",
        epilog="State lives in the platform's data directory, or in $LIVEREAD_HOME when set.",
    )
    parser.add_argument("--version", action="version", version=f"liveread {__version__}")
    _tui_options(parser)  # bare `liveread --offline` opens the library offline
    parser.set_defaults(handler=_Lazy("liveread.cli.tui_launch:cmd_library"))
    sub = parser.add_subparsers(title="commands", metavar="COMMAND", parser_class=_Parser)
    for name, (help_line, description, options) in _SUBCOMMANDS.items():
        p = sub.add_parser(name, help=help_line, description=description)
        if command is None or command == name:
            options(p)
    # Here, not in _SUBCOMMANDS: it prints the parser it belongs to.
    sub.choices["help"].set_defaults(handler=lambda _args: _print_help(parser))
    return parser


def _open_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "urls", metavar="URL", nargs="+", help="a live blog's address (https:// is assumed)"
    )
    _tui_options(p)
    p.set_defaults(handler=_Lazy("liveread.cli.tui_launch:cmd_open"))


def _follow_options(p: argparse.ArgumentParser) -> None:
    from liveread import follow

    p.add_argument(
        "urls",
        metavar="URL",
        nargs="*",
        help="blogs to follow (default: config.toml's follow list)",
    )
    _polling_options(p)
    p.add_argument("--jsonl", action="store_true", help="print JSON lines instead of text")
    p.add_argument(
        "--notify",
        action="store_true",
        help="alert for watch matches and new key events (the bell, and config.toml's notify "
        "command) even without a [notify] table",
    )
    p.add_argument("--once", action="store_true", help="fetch (with the backfill) and exit")
    p.add_argument(
        "--continue",
        dest="chain",
        action="store_true",
        help="when a blog ends naming the live blog of the same site that continues it, "
        "follow that one next (and so on down the chain)",
    )
    p.add_argument(
        "--give-up-after",
        type=_seconds,
        default=None,
        metavar="S",
        help="with --once: stop trying after S seconds (default "
        f"{follow.ONCE_GIVE_UP:g}, or {follow.ONCE_ATTEMPTS} failed attempts in a row)",
    )
    p.set_defaults(handler=_Lazy("liveread.cli.follow_cmd:cmd_follow"))


def _brief_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("url", metavar="URL")
    p.add_argument(
        "--since",
        default=None,
        metavar="WHEN",
        help="key events since HH:MM (local time, today) or a duration ago (2h, 90m); "
        "default: since the latest summary",
    )
    p.add_argument("--format", choices=("text", "markdown"), default="text")
    p.set_defaults(handler=_Lazy("liveread.cli.brief_cmd:cmd_brief"))


def _parse_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", metavar="FILE", help="the file to read, or - for standard input")
    p.add_argument(
        "--url", default=None, help="the page's address (resolves links, names the blog)"
    )
    p.add_argument("--json", action="store_true", help="print what the page says as JSON")
    p.set_defaults(handler=_Lazy("liveread.cli.headless:cmd_parse"))


def _export_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("url", metavar="URL")
    p.add_argument("--format", choices=("json", "markdown", "atom", "jsonfeed"), default="json")
    p.set_defaults(handler=_Lazy("liveread.cli.headless:cmd_export"))


def _list_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")
    p.set_defaults(handler=_Lazy("liveread.cli.headless:cmd_list"))


def _search_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("query", metavar="QUERY", help="words to find (each is matched as typed)")
    p.add_argument("--url", default=None, help="search one blog only")
    p.add_argument("--json", action="store_true", help="print JSON lines instead of text")
    p.set_defaults(handler=_Lazy("liveread.cli.headless:cmd_search"))


def _serve_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--bind",
        default=SERVE_BIND,
        metavar="ADDRESS",
        help="the address to listen on (default %(default)s: this machine only; 0.0.0.0 "
        "serves every network, to anyone who can reach it, without a password)",
    )
    p.add_argument(
        "--port", type=_port, default=SERVE_PORT, help="the port (default %(default)s; 0: any free)"
    )
    p.set_defaults(handler=_Lazy("liveread.cli.serve_cmd:cmd_serve"))


def _demo_options(p: argparse.ArgumentParser) -> None:
    from liveread.demo import formats as demo

    p.add_argument("--port", type=_port, default=0, help="port to serve on (default: any free one)")
    p.add_argument("--no-tui", action="store_true", help="follow headless instead of in the TUI")
    p.add_argument("--serve", action="store_true", help="only serve, and print the URLs")
    p.add_argument(
        "--format",
        choices=[f.name for f in demo.FORMATS],
        default=demo.DEFAULT_FORMAT,
        help="which markup the demo blog is served in: "
        + "; ".join(f"{f.name}, {f.label}" for f in demo.FORMATS)
        + f" (default {demo.DEFAULT_FORMAT})",
    )
    _polling_options(p)
    p.set_defaults(handler=_Lazy("liveread.cli.demo_cmd:cmd_demo"))


def _no_options(p: argparse.ArgumentParser) -> None:
    """``help`` takes none (its handler is set by build_parser)."""


#: Each subcommand's help line (in the top-level help), description (in its own) and options.
_SUBCOMMANDS: dict[str, tuple[str, str | None, Callable[[argparse.ArgumentParser], None]]] = {
    "open": (
        "follow live blogs in the TUI, a tab each (same as `liveread URL ...`)",
        None,
        _open_options,
    ),
    "follow": (
        "follow live blogs headless, one line per change",
        "Fetch each blog whole (walking older pages once), then poll it, printing "
        "one line per new, edited or removed entry. Several URLs are followed at once; with "
        "none, config.toml's follow list is. SIGINT/SIGTERM stop it cleanly.",
        _follow_options,
    ),
    "brief": (
        "the state of play of a cached blog, to paste into a chat or an email",
        "The blog's title, its latest summary, the key events since then (or "
        "since --since) and the newest entries, each with its time and permalink. "
        "Offline: read from the cache.",
        _brief_options,
    ),
    "parse": (
        "parse a saved page or data file offline",
        "Parse a saved live-blog page, Guardian data model or poll answer. "
        "Nothing is fetched and nothing is written to the cache.",
        _parse_options,
    ),
    "export": (
        "print a cached blog, whole, as JSON, Markdown, an Atom feed or a JSON Feed",
        "Print a cached blog, every entry newest first. atom and jsonfeed are "
        "feeds (JSON Feed 1.1): an entry per item, edits as updates of the same id, removed "
        "entries as deletions (Atom: RFC 6721 tombstones). Offline: read from the cache.",
        _export_options,
    ),
    "list": ("list cached blogs", None, _list_options),
    "search": ("full-text search of cached entries", None, _search_options),
    "serve": (
        "serve the cached blogs as Atom and JSON feeds for a feed reader (read-only)",
        "A read-only HTTP server over the cache: an Atom and a JSON feed per "
        "cached blog, every blog in one feed, and /feeds.opml to import them all into a "
        "reader. It never fetches: keep the blogs current with `liveread follow` (or the "
        "TUI) beside it. Ctrl-C stops it.",
        _serve_options,
    ),
    "demo": (
        "serve a built-in live blog that keeps growing, and follow it",
        "Start the demo server on 127.0.0.1 and follow its blog in the TUI. Needs no network.",
        _demo_options,
    ),
    "help": ("show this help", None, _no_options),
}
#: Subcommand names, in the order help lists them; anything else in first position
#: is taken as a URL to open.
COMMANDS: tuple[str, ...] = tuple(_SUBCOMMANDS)


def _print_help(parser: argparse.ArgumentParser) -> int:
    """Print the top-level help."""
    parser.print_help()
    return 0


@functools.cache
def _value_options() -> frozenset[str]:
    """The bare command's options that take a value, read from the options it declares."""
    declared = _tui_options(_Parser(add_help=False))
    return frozenset(
        name for action in declared if action.nargs != 0 for name in action.option_strings
    )


def normalise_argv(argv: list[str]) -> list[str]:
    """Treat ``liveread [options] URL ... [options]`` as ``liveread open URL ... [options]``."""
    skip = False
    for arg in argv:
        if skip:
            skip = False
            continue
        if arg == "--":
            return argv
        if arg.startswith("-"):
            skip = arg in _value_options()
            continue
        return argv if arg in COMMANDS else ["open", *argv]
    return argv
